// A node over a temporary directory: what it starts, in which order, what it answers, and what
// it leaves behind when it stops.
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <fstream>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/io_context.hpp>

#include "temp_dir.hpp"
#include "test_client.hpp"
#include "thidua/app/command_service.hpp"
#include "thidua/audit/checkpointer.hpp"
#include "thidua/http/router.hpp"
#include "thidua/node/node.hpp"
#include "thidua/projections/projector.hpp"
#include "thidua/store/rocksdb_event_store.hpp"
#include "thidua/util/sha256.hpp"

namespace thidua::node {
namespace {

using http::Field;
using http::HttpStatus;
using http::Verb;
using nlohmann::json;
using thidua::testing::TempDir;

const std::string kAdmin = "node-admin-token";
const std::string kNow = "2021-06-30T01:02:03.000Z";

// The log lines a node gives its sink.
struct Lines {
  std::mutex mu;
  std::vector<json> lines;
  std::vector<std::string> texts;

  LogSink sink() {
    return [this](std::string_view line) {
      std::lock_guard lock(mu);
      lines.push_back(json::parse(line));
      texts.emplace_back(line);
    };
  }
  std::vector<std::string> messages() {
    std::lock_guard lock(mu);
    std::vector<std::string> out;
    for (const json& line : lines) out.push_back(line.value("msg", ""));
    return out;
  }
};

NodeOptions options_for(const std::filesystem::path& data, Lines& lines) {
  NodeOptions o;
  o.data = data;
  o.config.server = http::testing::test_options();
  auto grant = http::make_token_grant(to_hex(sha256(kAdmin)), "admin", {}, "quan-tri");
  REQUIRE(grant.is_ok());
  o.config.tokens = {*grant};
  o.clock = fixed_clock({2021, 6, 30}, kNow);
  o.ids = counting_ids(100);
  o.log = lines.sink();
  return o;
}

std::unique_ptr<Node> start(NodeOptions options) {
  auto node = Node::open(std::move(options));
  INFO(node.status().to_string());
  REQUIRE(node.is_ok());
  const Status s = (*node)->start();
  INFO(s.to_string());
  REQUIRE(s.is_ok());
  return std::move(*node);
}

http::Response register_organization(Node& node, const std::string& id) {
  http::Request request = http::testing::make_request(
      Verb::post, "/v1/organizations",
      json{{"id", id}, {"name", "Sở " + id}, {"kind", "department"}}.dump());
  request.set(Field::content_type, "application/json");
  request.set(Field::authorization, "Bearer " + kAdmin);
  return http::testing::TestClient(node.local_endpoint()).roundtrip(std::move(request));
}

TEST_CASE("a node on an empty directory serves commands with its clock and its ids", "[node]") {
  TempDir dir("thidua-node");
  Lines lines;
  auto node = start(options_for(dir.path() / "data", lines));
  REQUIRE(node->commands().wait_ready(std::chrono::seconds(20)));
  CHECK(node->url() == "http://127.0.0.1:" + std::to_string(node->local_endpoint().port()));

  http::Response r = register_organization(*node, "so-tttt-kon-tum");
  INFO(r.body());
  REQUIRE(r.result() == HttpStatus::created);
  // The correlation id, the causation id, then the event's: 100, 101, 102.
  CHECK(json::parse(r.body())["id"] == "00000000-0000-4000-8000-000000000066");
  auto event = node->store().read_all(0, 1);
  REQUIRE(event.is_ok());
  const json stored = json::parse(event->events.at(0).bytes);
  CHECK(stored["time"] == kNow);
  CHECK(stored["correlationid"] == "00000000-0000-4000-8000-000000000064");

  http::Response metrics = http::testing::fetch(node->local_endpoint(), Verb::get, "/metrics");
  REQUIRE(metrics.result() == HttpStatus::ok);
  CHECK(metrics.body().find("thidua_log_events 1\n") != std::string::npos);
  CHECK(metrics.body().find("thidua_commands_total{outcome=\"accepted\"} 1\n") !=
        std::string::npos);
  CHECK(metrics.body().find("thidua_appended_events_total 1\n") != std::string::npos);

  node->stop();
  node->stop();  // idempotent
  // Every line is stamped with the clock's time, first, and the parts start and stop in order.
  for (const std::string& text : lines.texts) {
    CHECK_THAT(text, Catch::StartsWith(R"({"time":")" + kNow + R"(",)"));
  }
  for (const json& line : lines.lines) {
    const std::string level = line["log"].is_string() ? line["log"].get<std::string>() : "";
    CHECK((level == "info" || level == "access"));
  }
  const std::vector<std::string> messages = lines.messages();
  const std::vector<std::string> expected = {"signing checkpoints", "projections", "started",
                                             "stopped"};
  std::vector<std::string> seen;
  for (const std::string& m : messages) {
    if (std::find(expected.begin(), expected.end(), m) != expected.end()) seen.push_back(m);
  }
  CHECK(seen == expected);
}

TEST_CASE("a node stops by signing a last checkpoint of everything written, and restarts",
          "[node]") {
  TempDir dir("thidua-node");
  Lines lines;
  std::string key;
  {
    auto node = start(options_for(dir.path(), lines));
    REQUIRE(node->commands().wait_ready(std::chrono::seconds(20)));
    key = node->verifier_key();
    for (const char* id : {"so-a", "so-b", "so-c"}) {
      REQUIRE(register_organization(*node, id).result() == HttpStatus::created);
    }
  }  // the destructor stops it
  {
    auto store = RocksDbEventStore::open(dir.path());
    REQUIRE(store.is_ok());
    CHECK((*store)->head() == 3);
    auto checkpoint = (*store)->latest_checkpoint();
    REQUIRE(checkpoint.is_ok());
    REQUIRE(checkpoint->has_value());
    CHECK((*checkpoint)->tree_size == 3);
  }
  // The key file is kept in the data directory: the same key signs after a restart.
  NodeOptions again = options_for(dir.path(), lines);
  again.ids = counting_ids(200);
  auto node = start(std::move(again));
  CHECK(node->verifier_key() == key);
  REQUIRE(node->commands().wait_ready(std::chrono::seconds(20)));
  REQUIRE(node->projector().wait_for(3, std::chrono::seconds(20)));
  REQUIRE(register_organization(*node, "so-d").result() == HttpStatus::created);
  CHECK(node->store().head() == 4);
}

TEST_CASE("a node that cannot listen says why, and leaves its store closed", "[node]") {
  TempDir dir("thidua-node");
  Lines first_lines, second_lines;
  auto first = start(options_for(dir.path() / "first", first_lines));
  NodeOptions o = options_for(dir.path() / "second", second_lines);
  o.config.server.endpoint = first->local_endpoint();
  auto second = Node::open(std::move(o));
  REQUIRE(second.is_ok());
  const Status s = (*second)->start();
  CHECK(s.code() == Status::Code::kIOError);
  bool logged = false;
  {
    std::lock_guard lock(second_lines.mu);
    for (const json& line : second_lines.lines) {
      if (line["log"] == "error" &&
          line["msg"].get<std::string>().find(s.message()) != std::string::npos) {
        logged = true;
      }
    }
  }
  CHECK(logged);
  second->reset();
  // The store's lock is released: the directory opens again.
  auto reopened = RocksDbEventStore::open(dir.path() / "second");
  INFO(reopened.status().to_string());
  CHECK(reopened.is_ok());
}

TEST_CASE("a node refuses options it cannot run with", "[node]") {
  Lines lines;
  TempDir dir("thidua-node");
  SECTION("no data directory") {
    NodeOptions o = options_for({}, lines);
    auto node = Node::open(std::move(o));
    CHECK(node.status().code() == Status::Code::kInvalidArgument);
  }
  SECTION("a data directory that is a file") {
    const auto file = dir.path() / "file";
    { std::ofstream(file) << "x"; }
    auto node = Node::open(options_for(file / "data", lines));
    CHECK_FALSE(node.is_ok());
    REQUIRE_FALSE(lines.lines.empty());
    CHECK(lines.lines.back()["log"] == "error");
  }
}

TEST_CASE("a node without a server answers through its router", "[node]") {
  TempDir dir("thidua-node");
  Lines lines;
  NodeOptions o = options_for(dir.path(), lines);
  o.serve = false;
  auto node = start(std::move(o));
  boost::asio::io_context io;
  http::Request request = http::testing::make_request(Verb::get, "/healthz");
  std::optional<http::Response> answer;
  boost::asio::co_spawn(
      io,
      [&]() -> boost::asio::awaitable<void> { answer = co_await node->router().dispatch(request); },
      boost::asio::detached);
  io.run();
  REQUIRE(answer);
  CHECK(answer->result() == HttpStatus::ok);
}

}  // namespace
}  // namespace thidua::node
