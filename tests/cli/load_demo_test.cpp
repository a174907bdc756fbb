// "thidua load" with the demo of tools/demo, given to the real thiduad through its public API:
// every command is accepted, the answers tell the story the source articles report, the units
// formed by the 2025 mergers inherit the 2019 awards, the names come back byte for byte as
// written, and a second load appends nothing.
#include <signal.h>

#include <catch2/catch.hpp>

#include <boost/asio/connect.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <cstdlib>
#include <fstream>
#include <set>
#include <sstream>

#include "daemon.hpp"
#include "process.hpp"
#include "temp_dir.hpp"

using namespace thidua::testing;
using nlohmann::json;

namespace {

constexpr char kToken[] = "admin-token-for-the-demo";

std::vector<std::string> demo_files() {
  std::vector<std::string> files;
  for (const auto& entry : std::filesystem::directory_iterator(THIDUA_DEMO_DIR)) {
    if (entry.path().extension() == ".json") files.push_back(entry.path().string());
  }
  std::sort(files.begin(), files.end());
  return files;
}

json read_json(const std::string& file) {
  std::ifstream in(file, std::ios::binary);
  std::stringstream text;
  text << in.rdbuf();
  return json::parse(text.str());
}

struct Server {
  TempDir dir{"thidua-demo"};
  std::unique_ptr<Daemon> daemon;
  std::uint16_t port = 0;
  std::string url;

  Server() {
    daemon = std::make_unique<Daemon>(
        THIDUAD_PATH,
        std::vector<std::string>{"--data", (dir.path() / "data").string(), "--listen",
                                 "127.0.0.1:0"},
        dir.path() / "stderr",
        std::vector<std::string>{std::string("THIDUA_ADMIN_TOKEN=") + kToken});
    port = daemon->wait_listening();
    url = "http://127.0.0.1:" + std::to_string(port);
  }
  ~Server() {
    daemon->signal(SIGTERM);
    daemon->wait_exit(std::chrono::seconds(10));
  }

  // GETs `target` and returns the status and the parsed body.
  std::pair<unsigned, json> get(const std::string& target) const {
    namespace http = boost::beast::http;
    boost::asio::io_context io;
    boost::beast::tcp_stream stream(io);
    stream.connect(
        boost::asio::ip::tcp::endpoint(boost::asio::ip::make_address("127.0.0.1"), port));
    http::request<http::empty_body> req{http::verb::get, target, 11};
    req.set(http::field::host, "127.0.0.1");
    req.set(http::field::authorization, std::string("Bearer ") + kToken);
    http::write(stream, req);
    boost::beast::flat_buffer buffer;
    http::response<http::string_body> res;
    http::read(stream, buffer, res);
    return {res.result_int(), json::parse(res.body(), nullptr, false)};
  }

  CommandResult load(std::vector<std::string> files) const {
    setenv("THIDUA_TOKEN", kToken, 1);
    std::vector<std::string> argv{THIDUA_PATH, "load", "--url", url};
    argv.insert(argv.end(), files.begin(), files.end());
    return run_command(argv);
  }
};

// The award codes in `history`'s awards.
std::set<std::string> award_codes(const json& history) {
  std::set<std::string> codes;
  for (const json& a : history.at("awards")) codes.insert(a.at("award").get<std::string>());
  return codes;
}

// The awards `history` inherits, each as "<award> <year> from <predecessor>".
std::set<std::string> inherited(const json& history) {
  std::set<std::string> out;
  for (const json& a : history.at("inherited")) {
    out.insert(a.at("award").get<std::string>() + " " + std::to_string(a.at("year").get<int>()) +
               " from " + a.at("inherited_from").get<std::string>());
  }
  return out;
}

}  // namespace

TEST_CASE("the demo loads through the API and tells the articles' story", "[cli][demo]") {
  const std::vector<std::string> files = demo_files();
  REQUIRE(files.size() == 6);
  Server server;
  CommandResult first = server.load(files);
  INFO(first.output);
  REQUIRE(first.exit_code == 0);
  std::uint64_t steps = 0;
  for (const std::string& file : files) {
    const json doc = read_json(file);
    const std::size_t n = doc.at("steps").size();
    steps += n;
    CHECK_THAT(first.output,
               Catch::Contains(doc.at("id").get<std::string>() + ": " + std::to_string(n) +
                               " commands, " + std::to_string(n) + " appended"));
  }
  auto [health_status, health] = server.get("/healthz");
  REQUIRE(health_status == 200);
  const std::uint64_t head = health.at("head").get<std::uint64_t>();
  CHECK(head >= steps);
  // It waited for the queries to reflect its last command: what follows reads the demo.
  CHECK_THAT(first.output, Catch::Contains("queries reflect position " + std::to_string(head - 1)));

  {  // Cluster No. 6 in 2019: Đắk Lắk and Phú Yên lead, Gia Lai and Lâm Đồng follow
    auto [status, ranking] = server.get("/v1/clusters/cum-6/years/2019/ranking");
    REQUIRE(status == 200);
    CHECK(ranking.at("status") == "closed");
    CHECK(ranking.at("covenant").at("criteria").size() == 9);
    CHECK(ranking.at("signatures").size() == 4);
    std::vector<std::string> order;
    for (const json& row : ranking.at("ranking")) order.push_back(row.at("name"));
    CHECK(order == std::vector<std::string>{"Sở TTTT Đắk Lắk", "Sở TTTT Phú Yên", "Sở TTTT Gia Lai",
                                            "Sở TTTT Lâm Đồng"});
    for (const char* unit : {"dak-lak", "phu-yen"}) {
      auto [s, history] = server.get(std::string("/v1/organizations/so-tttt-") + unit + "/awards");
      REQUIRE(s == 200);
      CHECK(award_codes(history) == std::set<std::string>{"CO_TINH"});
    }
    for (const char* unit : {"gia-lai", "lam-dong"}) {
      auto [s, history] = server.get(std::string("/v1/organizations/so-tttt-") + unit + "/awards");
      REQUIRE(s == 200);
      CHECK(award_codes(history) == std::set<std::string>{"BK_TINH"});
    }
    auto [s2020, year2020] = server.get("/v1/clusters/cum-6/years/2020/ranking");
    REQUIRE(s2020 == 200);
    CHECK(year2020.at("officers").at("head") == "so-tttt-gia-lai");
    CHECK(year2020.at("officers").at("deputy") == "so-tttt-phu-yen");
    CHECK(year2020.at("signatures").size() == 4);
  }

  {  // the 2025 mergers: each new province's Sở Khoa học và Công nghệ inherits the 2019 awards
    // of the Sở TTTT it descends from, through the March department merger
    const std::vector<std::pair<std::string, std::set<std::string>>> successors = {
        {"so-khcn-dak-lak-2025",
         {"CO_TINH 2019 from so-tttt-dak-lak", "CO_TINH 2019 from so-tttt-phu-yen"}},
        {"so-khcn-gia-lai-2025", {"BK_TINH 2019 from so-tttt-gia-lai"}},
        {"so-khcn-lam-dong-2025", {"BK_TINH 2019 from so-tttt-lam-dong"}}};
    for (const auto& [unit, expected] : successors) {
      auto [s, history] = server.get("/v1/organizations/" + unit + "/awards");
      REQUIRE(s == 200);
      CHECK(history.at("ended") == false);
      CHECK(history.at("awards").empty());
      CHECK(inherited(history) == expected);
    }
    for (const char* unit : {"gia-lai", "phu-yen", "dak-lak", "lam-dong"}) {
      auto [s, history] = server.get(std::string("/v1/organizations/so-tttt-") + unit + "/awards");
      REQUIRE(s == 200);
      CHECK(history.at("ended") == true);
      CHECK(history.at("successors") == json::array({std::string("so-khcn-") + unit}));
    }
    auto [s_phu_yen, phu_yen] = server.get("/v1/organizations/so-khcn-phu-yen/awards");
    REQUIRE(s_phu_yen == 200);
    CHECK(phu_yen.at("successors") == json::array({"so-khcn-dak-lak-2025"}));
    CHECK(inherited(phu_yen) == std::set<std::string>{"CO_TINH 2019 from so-tttt-phu-yen"});
    auto [s_ministry, ministry] = server.get("/v1/organizations/bo-khcn/awards");
    REQUIRE(s_ministry == 200);
    CHECK(ministry.at("ended") == false);
    CHECK(ministry.at("predecessors") == json::array({"bo-tttt"}));
    CHECK(server.get("/v1/organizations/bo-tttt/awards").second.at("ended") == true);
  }

  {  // names and texts come back exactly as the files write them
    for (const std::string& file : files) {
      const json doc = read_json(file);
      for (const json& step : doc.at("steps")) {
        const std::string path = step.at("path");
        const json& body = step.at("body");
        if (path == "/v1/organizations") {
          auto [s, history] =
              server.get("/v1/organizations/" + body.at("id").get<std::string>() + "/awards");
          REQUIRE(s == 200);
          CHECK(history.at("name") == body.at("name"));
        } else if (path == "/v1/movements") {
          auto [s, movement] = server.get("/v1/movements/" + body.at("id").get<std::string>());
          REQUIRE(s == 200);
          CHECK(movement.at("name") == body.at("name"));
          CHECK(movement.at("targets").size() == body.at("targets").size());
          CHECK(movement.at("criteria") == body.at("criteria"));
        }
      }
    }
  }

  {  // Lạng Sơn's 100-day campaign has its 15 numbered tasks and the progress reported
    auto [status, movement] = server.get("/v1/movements/lang-son-100-ngay-2021");
    REQUIRE(status == 200);
    REQUIRE(movement.at("targets").size() == 15);
    for (int i = 0; i < 15; ++i) CHECK(movement.at("targets")[i].at("number") == i + 1);
    const json& atm = movement.at("targets")[10];
    CHECK(atm.at("value") == 200);
    REQUIRE_FALSE(atm.at("progress").empty());
    CHECK(atm.at("progress").back().at("value") == 200);
  }

  {  // loading again appends nothing, and the log verifies
    CommandResult again = server.load(files);
    INFO(again.output);
    REQUIRE(again.exit_code == 0);
    for (const std::string& file : files) {
      const json doc = read_json(file);
      const std::string n = std::to_string(doc.at("steps").size());
      CHECK_THAT(again.output, Catch::Contains(doc.at("id").get<std::string>() + ": " + n +
                                               " commands, 0 appended, " + n + " already there"));
    }
    CHECK(server.get("/healthz").second.at("head") == head);
    CommandResult verified = run_command({THIDUA_PATH, "verify", "--url", server.url});
    INFO(verified.output);
    CHECK(verified.exit_code == 0);
  }
}

TEST_CASE("thidua load stops at the first refused step and names it", "[cli][demo]") {
  Server server;
  TempDir scratch;
  const std::string file = (scratch.path() / "steps.json").string();
  std::ofstream(file) << R"({"id": "t", "steps": [
      {"path": "/v1/organizations", "body": {"id": "so-a", "name": "Sở A", "kind": "department"}},
      {"note": "a score in a cluster nobody established",
       "path": "/v1/clusters/cum-x/years/2019/scores",
       "body": {"kind": "final", "scorer": "so-a", "scored": "so-a", "criterion": "1",
                "points": 5}},
      {"path": "/v1/organizations", "body": {"id": "so-b", "name": "Sở B", "kind": "department"}}]})";
  CommandResult refused = server.load({file});
  INFO(refused.output);
  CHECK(refused.exit_code == 1);
  CHECK_THAT(refused.output, Catch::Contains("t step 2 (a score in a cluster nobody established)"));
  CHECK_THAT(refused.output, Catch::Contains("422"));
  CHECK(server.get("/healthz").second.at("head") == 1);  // step 1 only

  std::ofstream(file) << R"({"id": "bad id!", "steps": []})";
  CHECK(server.load({file}).exit_code == 2);
  CHECK(server.load({(scratch.path() / "missing.json").string()}).exit_code == 2);
  CHECK(run_command({THIDUA_PATH, "load", "--url", server.url}).exit_code == 2);
}
