// End-to-end tests of the thiduad executable: started as a child process on 127.0.0.1:0 with a
// fresh data directory, driven over HTTP and stopped with a signal.
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <sys/stat.h>

#include <algorithm>
#include <chrono>
#include <fstream>
#include <optional>
#include <regex>
#include <sstream>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "audit_checks.hpp"
#include "daemon.hpp"
#include "events.hpp"
#include "temp_dir.hpp"
#include "test_client.hpp"
#include "thidua/store/rocksdb_event_store.hpp"
#include "thidua/util/merkle.hpp"

extern char** environ;

namespace thidua::http::testing {
namespace {

using namespace std::chrono_literals;
using Clock = std::chrono::steady_clock;

// thiduad from the build, with the shared test daemon.
class Daemon : public thidua::testing::Daemon {
 public:
  Daemon(std::vector<std::string> args, const std::filesystem::path& stderr_path,
         std::vector<std::string> env = {})
      : thidua::testing::Daemon(THIDUAD_PATH, std::move(args), stderr_path, std::move(env)) {}
};

std::string read_file(const std::filesystem::path& path) {
  std::ifstream in(path);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

// The endpoint of a daemon from its "listening" line.
tcp::endpoint wait_listening(Daemon& daemon, const std::filesystem::path& stderr_path) {
  std::optional<std::string> line = daemon.first_line(20s);
  INFO(read_file(stderr_path));
  REQUIRE(line);
  std::smatch m;
  REQUIRE(std::regex_search(*line, m, std::regex(R"(http://127\.0\.0\.1:(\d+) )")));
  auto port = static_cast<unsigned short>(std::stoi(m[1]));
  REQUIRE(port != 0);
  return tcp::endpoint(boost::asio::ip::address_v4::loopback(), port);
}

// Writes `n` events into a new RocksDB store in `data`, as a server would have.
void write_events(const std::filesystem::path& data, int n) {
  auto store = RocksDbEventStore::open(data);
  REQUIRE(store.status().to_string() == "OK");
  for (int i = 0; i < n; ++i) {
    AppendRequest request;
    request.events.push_back(thidua::testing::make_event("cluster/cum-6/2020"));
    REQUIRE((*store)->append(std::move(request)).status().to_string() == "OK");
  }
}

unsigned file_mode(const std::filesystem::path& path) {
  struct stat st {};
  REQUIRE(stat(path.c_str(), &st) == 0);
  return st.st_mode & 07777;
}

Response get_with_token(tcp::endpoint server, std::string_view target, const std::string& token) {
  Request request = make_request(Verb::get, target);
  request.set(Field::authorization, "Bearer " + token);
  TestClient client(server);
  return client.roundtrip(std::move(request));
}

TEST_CASE("thiduad serves on the port it reports and stops cleanly on a signal", "[thiduad]") {
  int sig = GENERATE(SIGTERM, SIGINT);
  thidua::testing::TempDir dir("thidua-thiduad");
  std::filesystem::path data = dir.path() / "data";
  Daemon daemon({"--data", data.string(), "--listen", "127.0.0.1:0"}, dir.path() / "stderr");
  std::optional<std::string> line = daemon.first_line(20s);
  INFO(read_file(dir.path() / "stderr"));
  REQUIRE(line);
  std::smatch m;
  REQUIRE(std::regex_match(
      *line, m, std::regex(R"(thiduad listening on http://127\.0\.0\.1:(\d+) \(data: (.*)\))")));
  CHECK(m[2] == data.string());
  auto port = static_cast<unsigned short>(std::stoi(m[1]));
  REQUIRE(port != 0);

  Response r =
      fetch(tcp::endpoint(boost::asio::ip::address_v4::loopback(), port), Verb::get, "/healthz");
  REQUIRE(r.result_int() == 200);
  CHECK(nlohmann::json::parse(r.body()) ==
        nlohmann::json{{"status", "ok"}, {"head", 0}, {"writes", "ok"}});
  CHECK(std::filesystem::is_directory(data));

  daemon.signal(sig);
  CHECK(daemon.wait_exit(10s) == 0);
  std::string log = read_file(dir.path() / "stderr");
  CHECK(log.find(R"({"time":")") == 0);
  CHECK(log.find(R"("log":"access")") != std::string::npos);
  CHECK(log.find(R"("target":"/healthz")") != std::string::npos);
}

TEST_CASE("thiduad takes its settings from the config file", "[thiduad]") {
  thidua::testing::TempDir dir("thidua-thiduad");
  std::filesystem::path config = dir.path() / "thiduad.json";
  std::ofstream(config) << R"({"listen": "127.0.0.1:0", "threads": 1, "tokens": [
      {"sha256": "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08",
       "role": "unit", "organization": "organization/so-tttt-gia-lai"}]})";
  std::filesystem::path data = dir.path() / "data";
  Daemon daemon({"--data", data.string(), "--config", config.string()}, dir.path() / "stderr");
  std::optional<std::string> line = daemon.first_line(20s);
  INFO(read_file(dir.path() / "stderr"));
  REQUIRE(line);
  std::smatch m;
  REQUIRE(std::regex_search(*line, m, std::regex(R"(http://127\.0\.0\.1:(\d+) )")));
  auto port = static_cast<unsigned short>(std::stoi(m[1]));
  const tcp::endpoint server(boost::asio::ip::address_v4::loopback(), port);
  // The feed needs a token: the configured unit's ("test") will do.
  CHECK(fetch(server, Verb::get, "/v1/events").result_int() == 401);
  CHECK(get_with_token(server, "/v1/events", "test").result_int() == 200);
  daemon.signal(SIGTERM);
  CHECK(daemon.wait_exit(10s) == 0);
}

TEST_CASE("thiduad rejects bad arguments with usage and status 2", "[thiduad]") {
  thidua::testing::TempDir dir("thidua-thiduad");
  std::filesystem::path config = dir.path() / "bad.json";
  std::ofstream(config) << R"({"thread": 2})";
  std::string d = (dir.path() / "d").string();
  std::vector<std::vector<std::string>> cases = {
      {"--bogus"},
      {"--listen", "127.0.0.1:0"},
      {"--data"},
      {"--data", d, "--listen", "nowhere"},
      {"--data", d, "--config", config.string()},
  };
  for (const auto& args : cases) {
    INFO(args.front() << " " << args.back());
    Daemon daemon(args, dir.path() / "stderr");
    CHECK(daemon.wait_exit(10s) == 2);
    CHECK(daemon.first_line(100ms) == std::nullopt);
    CHECK_FALSE(read_file(dir.path() / "stderr").empty());
  }
  CHECK_FALSE(std::filesystem::exists(d));
}

TEST_CASE("thiduad signs checkpoints with a key it creates once", "[thiduad]") {
  thidua::testing::TempDir dir("thidua-thiduad");
  std::filesystem::path data = dir.path() / "data";
  std::filesystem::path err = dir.path() / "stderr";
  write_events(data, 5);
  const std::string admin = "admin-from-the-environment";
  std::string key;
  std::string note;
  {
    Daemon daemon({"--data", data.string(), "--listen", "127.0.0.1:0"}, err,
                  {"THIDUA_ADMIN_TOKEN=" + admin});
    tcp::endpoint server = wait_listening(daemon, err);
    CHECK(file_mode(data / "checkpoint.key") == 0600);
    key = fetch(server, Verb::get, "/v1/checkpoint/key").body();
    CHECK(key.rfind("thidua.local/log+", 0) == 0);
    CHECK(read_file(err).find(R"("verifier_key":")" + key.substr(0, key.size() - 1) + "\"") !=
          std::string::npos);
    Response r = fetch(server, Verb::get, "/v1/checkpoint");
    REQUIRE(r.result_int() == 200);
    note = r.body();
    audit::Checkpoint checkpoint = open_checkpoint(note, key);
    CHECK(checkpoint.origin == "thidua.local/log");
    CHECK(checkpoint.size == 5);
    std::vector<std::string> leaves = served_events(server, admin);
    CHECK(checkpoint.root == merkle::root_of_leaves(leaves));
    nlohmann::json proof =
        nlohmann::json::parse(fetch(server, Verb::get, "/v1/proofs/inclusion?index=3").body());
    CHECK(merkle::verify_inclusion(merkle::leaf_hash(leaves[3]), 3, 5,
                                   decode_digests(proof["hashes"]), checkpoint.root));

    Response me = get_with_token(server, "/v1/whoami", admin);
    CHECK(me.result_int() == 200);
    CHECK(nlohmann::json::parse(me.body()) ==
          nlohmann::json{
              {"name", "admin"}, {"role", "admin"}, {"organization", nullptr}, {"scope", nullptr}});
    CHECK(get_with_token(server, "/v1/whoami", admin + "x").result_int() == 401);
    daemon.signal(SIGTERM);
    REQUIRE(daemon.wait_exit(10s) == 0);
  }
  Daemon again({"--data", data.string(), "--listen", "127.0.0.1:0"}, err);
  tcp::endpoint server = wait_listening(again, err);
  CHECK(fetch(server, Verb::get, "/v1/checkpoint/key").body() == key);
  CHECK(fetch(server, Verb::get, "/v1/checkpoint").body() == note);
  // The token came from the environment of the first run only.
  CHECK(get_with_token(server, "/v1/whoami", admin).result_int() == 401);
  again.signal(SIGTERM);
  CHECK(again.wait_exit(10s) == 0);
}

TEST_CASE("thiduad takes the checkpoint settings from the config file", "[thiduad]") {
  thidua::testing::TempDir dir("thidua-thiduad");
  std::filesystem::path data = dir.path() / "data";
  std::filesystem::path err = dir.path() / "stderr";
  std::filesystem::path key_file = dir.path() / "signer.key";
  std::filesystem::path config = dir.path() / "thiduad.json";
  std::ofstream(config) << R"({"origin": "example.test/log", "checkpoint_interval_ms": 10,
                              "signing_key": ")" +
                               key_file.string() + R"("})";
  Daemon daemon({"--data", data.string(), "--listen", "127.0.0.1:0", "--config", config.string()},
                err);
  tcp::endpoint server = wait_listening(daemon, err);
  CHECK(file_mode(key_file) == 0600);
  CHECK_FALSE(std::filesystem::exists(data / "checkpoint.key"));
  std::string key = fetch(server, Verb::get, "/v1/checkpoint/key").body();
  CHECK(key.rfind("example.test/log+", 0) == 0);
  audit::Checkpoint checkpoint =
      open_checkpoint(fetch(server, Verb::get, "/v1/checkpoint").body(), key);
  CHECK(checkpoint.origin == "example.test/log");
  CHECK(checkpoint.size == 0);
  daemon.signal(SIGTERM);
  CHECK(daemon.wait_exit(10s) == 0);
}

TEST_CASE("thiduad refuses a signing key that others may read", "[thiduad]") {
  thidua::testing::TempDir dir("thidua-thiduad");
  std::filesystem::path data = dir.path() / "data";
  std::filesystem::create_directories(data);
  std::ofstream(data / "checkpoint.key") << "PRIVATE+KEY+whatever\n";
  std::filesystem::permissions(data / "checkpoint.key", std::filesystem::perms(0644));
  Daemon daemon({"--data", data.string(), "--listen", "127.0.0.1:0"}, dir.path() / "stderr");
  CHECK(daemon.wait_exit(20s) == 1);
  CHECK(daemon.first_line(100ms) == std::nullopt);
  std::string log = read_file(dir.path() / "stderr");
  CHECK(log.find("cannot sign checkpoints") != std::string::npos);
  CHECK(log.find("chmod 600") != std::string::npos);
}

}  // namespace
TEST_CASE("thiduad takes commands, keeps them across a restart and decides against them",
          "[thiduad]") {
  thidua::testing::TempDir dir("thidua-thiduad");
  std::filesystem::path data = dir.path() / "data";
  std::filesystem::path err = dir.path() / "stderr";
  const std::string admin = "admin-from-the-environment";
  const std::string org =
      R"({"id":"so-tttt-gia-lai","name":"Sở TTTT Gia Lai","kind":"department"})";
  auto post = [&](tcp::endpoint server, const std::string& target, const std::string& body,
                  const std::string& key) {
    Request request = make_request(Verb::post, target, body);
    request.set(Field::content_type, "application/json");
    request.set(Field::authorization, "Bearer " + admin);
    if (!key.empty()) request.set("Idempotency-Key", key);
    TestClient client(server, std::chrono::seconds(30));
    return client.roundtrip(std::move(request));
  };
  // Commands are taken once the state is loaded; until then 503 with Retry-After.
  auto post_when_ready = [&](tcp::endpoint server, const std::string& target,
                             const std::string& body, const std::string& key) {
    for (int i = 0; i < 200; ++i) {
      Response r = post(server, target, body, key);
      if (r.result() != HttpStatus::service_unavailable) return r;
      CHECK(r[Field::retry_after] == "1");
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    FAIL("commands were not taken within 10 s");
    return Response();
  };
  std::string first;
  {
    Daemon daemon({"--data", data.string(), "--listen", "127.0.0.1:0"}, err,
                  {"THIDUA_ADMIN_TOKEN=" + admin});
    tcp::endpoint server = wait_listening(daemon, err);
    Response r = post_when_ready(server, "/v1/organizations", org, "k1");
    INFO(r.body());
    REQUIRE(r.result() == HttpStatus::created);
    first = r.body();
    Response person = post(server, "/v1/people",
                           R"({"id":"nguyen-van-a","name":"Nguyễn Văn A",
                               "organization":"so-tttt-gia-lai"})",
                           "");
    CHECK(person.result() == HttpStatus::created);
    // An as-of answer asked twice: read from the version the projector kept, then given from
    // memory.
    for (int i = 0; i < 2; ++i) {
      CHECK(fetch(server, Verb::get, "/v1/organizations/so-tttt-gia-lai/awards?as_of=1").result() ==
            HttpStatus::ok);
    }
    // The metrics count the two appends, the group commits and the commands.
    std::string metrics = fetch(server, Verb::get, "/metrics").body();
    INFO(metrics);
    CHECK(metrics.find("thidua_appends_total 2\n") != std::string::npos);
    CHECK(metrics.find("thidua_appended_events_total 2\n") != std::string::npos);
    CHECK(metrics.find("thidua_commands_total{outcome=\"accepted\"} 2\n") != std::string::npos);
    CHECK(metrics.find("thidua_fsync_seconds_count ") != std::string::npos);
    CHECK(metrics.find("thidua_group_commit_requests_bucket{le=\"+Inf\"} ") != std::string::npos);
    CHECK(metrics.find("thidua_commands_ready 1\n") != std::string::npos);
    CHECK(metrics.find("thidua_as_of_answers_total{source=\"version\"} 1\n") != std::string::npos);
    CHECK(metrics.find("thidua_as_of_answers_total{source=\"log\"} 0\n") != std::string::npos);
    CHECK(metrics.find("thidua_as_of_answers_total{source=\"memory\"} 1\n") != std::string::npos);
    CHECK(metrics.find("route=\"/v1/organizations\"") != std::string::npos);
    daemon.signal(SIGTERM);
    CHECK(daemon.wait_exit(10s) == 0);
  }
  Daemon again({"--data", data.string(), "--listen", "127.0.0.1:0"}, err,
               {"THIDUA_ADMIN_TOKEN=" + admin});
  tcp::endpoint server = wait_listening(again, err);
  // The same key and body: the original answer, from the store.
  Response replay = post_when_ready(server, "/v1/organizations", org, "k1");
  CHECK(replay.result() == HttpStatus::ok);
  CHECK(replay.body() == first);
  // The state after the restart holds both events: registering again is refused.
  Response twice = post(server, "/v1/organizations", org, "");
  INFO(twice.body());
  CHECK(twice.result() == HttpStatus::unprocessable_entity);
  CHECK(nlohmann::json::parse(twice.body())["rule"].get<std::string>().size() > 0);
  Response feed = get_with_token(server, "/v1/events", admin);
  CHECK(std::count(feed.body().begin(), feed.body().end(), '\n') == 2);
  again.signal(SIGTERM);
  CHECK(again.wait_exit(10s) == 0);
}

}  // namespace thidua::http::testing
