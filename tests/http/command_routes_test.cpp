// The command routes over a real server, a RocksDB store in a temporary directory (behind the
// fault-injecting wrapper, which passes everything through until armed), a following projector
// and the command service.
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <atomic>
#include <future>
#include <set>
#include <thread>
#include <tuple>

#include "recorder.hpp"
#include "temp_dir.hpp"
#include "test_client.hpp"
#include "thidua/app/command_service.hpp"
#include "thidua/codec/command_codec.hpp"
#include "thidua/codec/rule_book.hpp"
#include "thidua/http/command_routes.hpp"
#include "thidua/http/feed_routes.hpp"
#include "thidua/http/query_routes.hpp"
#include "thidua/node/node.hpp"
#include "thidua/store/fault_injecting_event_store.hpp"
#include "thidua/store/rocksdb_event_store.hpp"
#include "thidua/util/sha256.hpp"
#include "world.hpp"

namespace thidua::http::testing {
namespace {

using nlohmann::json;
using thidua::testing::Recorder;
using thidua::testing::TempDir;

const std::string kAdmin = "admin-token";
const std::string kSecretariat = "secretariat-token";
const std::string kAuditor = "auditor-token";
const std::string kUnitGiaLai = "unit-gia-lai-token";
const std::string kClusterHead = "cluster-head-token";
const std::string kAuthority = "authority-token";

const std::string kOrg = R"({"id":"so-tttt-kon-tum","name":"Sở TTTT Kon Tum","kind":"department"})";

TokenGrant grant(const std::string& token, const char* role, std::string organization = {},
                 std::string name = {}) {
  auto g = make_token_grant(to_hex(sha256(token)), role, std::move(organization), std::move(name));
  REQUIRE(g.is_ok());
  return *g;
}

class CommandServer {
 public:
  // A node on a fixed clock with counting ids (the first event of the first command has id
  // ...0003: the correlation and causation ids come first).
  CommandServer() : dir_("thidua-commands") {
    auto inner = RocksDbEventStore::open(dir_.path() / "log");
    REQUIRE(inner.is_ok());
    auto store = std::make_unique<FaultInjectingEventStore>(std::move(*inner));
    store_ = store.get();
    node::NodeOptions o;
    o.data = dir_.path();
    o.config.server = test_options();
    o.config.tokens = {grant(kAdmin, "admin", {}, "quan-tri"),
                       grant(kSecretariat, "secretariat", {}, "van-phong"),
                       grant(kAuditor, "auditor"),
                       grant(kUnitGiaLai, "unit", "organization/so-tttt-gia-lai", "gia-lai"),
                       grant(kClusterHead, "cluster_head", "cluster/cum-6"),
                       grant(kAuthority, "authority")};
    o.clock = node::fixed_clock(domain::Date{2026, 11, 28}, "2026-11-28T01:02:03.004Z");
    o.ids = node::counting_ids();
    o.log = [](std::string_view) {};
    o.event_store = std::move(store);
    auto signer = audit::Ed25519Signer::generate("thidua.test/commands");
    REQUIRE(signer.is_ok());
    o.signer = std::move(*signer);
    auto opened = node::Node::open(std::move(o));
    INFO(opened.status().to_string());
    REQUIRE(opened.is_ok());
    node_ = std::move(*opened);
    REQUIRE(node_->start().is_ok());
    REQUIRE(node_->commands().wait_ready(std::chrono::seconds(20)));
  }

  Response post(const std::string& target, const std::string& body,
                const std::string& token = kAdmin,
                const std::vector<std::pair<std::string, std::string>>& headers = {}) {
    Request request = make_request(Verb::post, target, body);
    request.set(Field::content_type, "application/json");
    if (!token.empty()) request.set(Field::authorization, "Bearer " + token);
    for (const auto& [name, value] : headers) request.set(name, value);
    return TestClient(endpoint()).roundtrip(std::move(request));
  }
  Response get(const std::string& target, const std::string& token = "") {
    Request request = make_request(Verb::get, target);
    if (!token.empty()) request.set(Field::authorization, "Bearer " + token);
    return TestClient(endpoint()).roundtrip(std::move(request));
  }

  // The problem answered, whose status must be `status`; nothing may have been appended.
  json refused(const Response& r, HttpStatus status, std::uint64_t head_before) {
    INFO(r.body());
    CHECK(r.result() == status);
    CHECK(r[Field::content_type] == kProblemJson);
    CHECK(store_->head() == head_before);
    return json::parse(r.body());
  }

  // Posts `command` to its route as the admin, REQUIREs 201, returns the first position.
  std::uint64_t post_command(const domain::Command& command, const std::string& token = kAdmin) {
    const CommandRequest c = command_request(command);
    Response r = post(c.target, c.body, token);
    INFO(c.target << " -> " << r.body());
    REQUIRE(r.result() == HttpStatus::created);
    return json::parse(r.body())["position"].get<std::uint64_t>();
  }

  Response post_raw_type(const std::string& content_type) {
    Request request = make_request(Verb::post, "/v1/organizations", kOrg);
    request.set(Field::content_type, content_type);
    request.set(Field::authorization, "Bearer " + kAdmin);
    return TestClient(endpoint()).roundtrip(std::move(request));
  }
  tcp::endpoint endpoint() const { return node_->local_endpoint(); }

  FaultInjectingEventStore& store() { return *store_; }
  projections::Projector& projector() { return node_->projector(); }
  app::CommandService& service() { return node_->commands(); }

 private:
  TempDir dir_;
  FaultInjectingEventStore* store_ = nullptr;  // the node's
  std::unique_ptr<node::Node> node_;
};

json event_at(EventStore& store, std::uint64_t position) {
  auto batch = store.read_all(position, 1);
  REQUIRE(batch.is_ok());
  REQUIRE(batch->events.size() == 1);
  return json::parse(batch->events.front().bytes);
}

}  // namespace

TEST_CASE("the recorded Cluster No. 6 story given through the API projects as when recorded",
          "[http][commands]") {
  CommandServer s;
  Recorder via_http(s.store(), [&](const domain::Command& c) { return s.post_command(c); });
  via_http.cluster6_story();

  MemoryEventStore direct_store;
  Recorder direct(direct_store);
  direct.cluster6_story();
  REQUIRE(s.store().head() == direct_store.head());

  // The same domain events, position by position.
  for (std::uint64_t p = 0; p < direct_store.head(); ++p) {
    json a = event_at(s.store(), p), b = event_at(direct_store, p);
    INFO("position " << p);
    CHECK(a["type"] == b["type"]);
    CHECK(a["subject"] == b["subject"]);
    CHECK(a["data"] == b["data"]);
    CHECK(a["sequence"] == p);
    CHECK(a["actor"] == "quan-tri");
    CHECK(a["actorrole"] == "admin");
    CHECK(a["time"] == "2026-11-28T01:02:03.004Z");
    CHECK(a.contains("correlationid"));
    CHECK(a.contains("causationid"));
  }
  REQUIRE(s.projector().wait_for(s.store().head(), std::chrono::seconds(20)));
  Response ranking = s.get("/v1/clusters/cum-6/years/2019/ranking");
  REQUIRE(ranking.result() == HttpStatus::ok);
  CHECK(json::parse(ranking.body())["as_of"] == s.store().head() - 1);
}

TEST_CASE("a command is answered 201 with its position, subject, stream version and id",
          "[http][commands]") {
  CommandServer s;
  Response r = s.post("/v1/organizations", kOrg);
  INFO(r.body());
  REQUIRE(r.result() == HttpStatus::created);
  json body = json::parse(r.body());
  CHECK(body["position"] == 0);
  CHECK(body["subject"] == "organization/so-tttt-kon-tum");
  CHECK(body["streamversion"] == 0);
  CHECK(body["id"] == event_at(s.store(), 0)["id"]);
  CHECK(r[Field::etag] == "\"0\"");
  CHECK(event_at(s.store(), 0)["type"] == "vn.thidua.organization_registered.v1");

  // The path fills what the body leaves out, and must agree with what it gives.
  r = s.post("/v1/organizations/so-tttt-kon-tum/names",
             R"({"name":"Sở Khoa học và Công nghệ Kon Tum","effective":"2025-03-01"})");
  INFO(r.body());
  CHECK(r.result() == HttpStatus::created);
  CHECK(json::parse(r.body())["streamversion"] == 1);
  json p = s.refused(s.post("/v1/organizations/so-tttt-gia-lai/names",
                            R"({"id":"so-tttt-kon-tum","name":"X","effective":"2025-03-02"})"),
                     HttpStatus::bad_request, 2);
  CHECK(p["errors"][0]["pointer"] == "/id");
}

TEST_CASE("If-Match holds a command to its stream's version", "[http][commands]") {
  CommandServer s;
  REQUIRE(s.post("/v1/organizations", kOrg).result() == HttpStatus::created);
  const std::string rename = R"({"name":"Sở KH&CN Kon Tum","effective":"2025-03-01"})";
  json p = s.refused(
      s.post("/v1/organizations/so-tttt-kon-tum/names", rename, kAdmin, {{"If-Match", "\"3\""}}),
      HttpStatus::conflict, 1);
  CHECK(p["type"] == "/problems/version-conflict");
  CHECK(p["detail"].get<std::string>().find("version 0") != std::string::npos);
  s.refused(
      s.post("/v1/organizations/so-tttt-kon-tum/names", rename, kAdmin, {{"If-Match", "three"}}),
      HttpStatus::bad_request, 1);
  // A new stream has no version to match.
  s.refused(s.post("/v1/organizations", R"({"id":"so-moi","name":"Sở Mới","kind":"department"})",
                   kAdmin, {{"If-Match", "\"0\""}}),
            HttpStatus::conflict, 1);
  Response r =
      s.post("/v1/organizations/so-tttt-kon-tum/names", rename, kAdmin, {{"If-Match", "\"0\""}});
  INFO(r.body());
  CHECK(r.result() == HttpStatus::created);
  CHECK(r[Field::etag] == "\"1\"");
}

TEST_CASE("an Idempotency-Key replays the original answer and refuses another body",
          "[http][commands]") {
  CommandServer s;
  Response first = s.post("/v1/organizations", kOrg, kAdmin, {{"Idempotency-Key", "k-1"}});
  REQUIRE(first.result() == HttpStatus::created);
  Response again = s.post("/v1/organizations", kOrg, kAdmin, {{"Idempotency-Key", "k-1"}});
  INFO(again.body());
  CHECK(again.result() == HttpStatus::ok);
  CHECK(json::parse(again.body()) == json::parse(first.body()));
  CHECK(s.store().head() == 1);
  json p = s.refused(
      s.post("/v1/organizations", R"({"id":"so-khac","name":"Sở Khác","kind":"department"})",
             kAdmin, {{"Idempotency-Key", "k-1"}}),
      HttpStatus::unprocessable_entity, 1);
  CHECK(p["type"] == "/problems/idempotency-mismatch");
  // Keys are the caller's own: another token may use the same key for its own request.
  Response other =
      s.post("/v1/organizations", R"({"id":"so-khac","name":"Sở Khác","kind":"department"})",
             kSecretariat, {{"Idempotency-Key", "k-1"}});
  CHECK(other.result() == HttpStatus::created);
  s.refused(s.post("/v1/organizations", kOrg, kAdmin, {{"Idempotency-Key", std::string(129, 'k')}}),
            HttpStatus::bad_request, 2);
}

TEST_CASE("idempotency keys outlive a restart of the service", "[http][commands]") {
  CommandServer s;
  Response first = s.post("/v1/organizations", kOrg, kAdmin, {{"Idempotency-Key", "durable"}});
  REQUIRE(first.result() == HttpStatus::created);
  // A reload of the write model forgets everything in memory; the key is in the store.
  s.service().stop();
  app::CommandServiceOptions options;
  options.today = [] { return domain::Date{2026, 11, 28}; };
  options.now = [] { return std::string("2026-11-28T01:02:03.004Z"); };
  domain::RuleBook rules = codec::load_standard_rule_book();
  app::CommandService fresh(s.store(), s.projector(), rules, options);
  fresh.start();
  REQUIRE(fresh.wait_ready(std::chrono::seconds(20)));
  app::Submission again;
  again.caller = {app::Role::kAdmin, "", "quan-tri"};
  again.idempotency_key = "durable";
  again.commands.push_back({"RegisterOrganization", json::parse(kOrg)});
  std::promise<app::SubmitOutcome> outcome;
  fresh.submit(again, [&](app::SubmitOutcome o) { outcome.set_value(std::move(o)); });
  app::SubmitOutcome o = outcome.get_future().get();
  REQUIRE(std::holds_alternative<app::SubmissionResult>(o));
  const auto& result = std::get<app::SubmissionResult>(o);
  CHECK(result.replayed);
  CHECK(result.commands.front().events.front().id == json::parse(first.body())["id"]);
  CHECK(s.store().head() == 1);
}

TEST_CASE("bad command requests are refused with a problem and append nothing",
          "[http][commands]") {
  CommandServer s;
  SECTION("schema errors list every failing pointer") {
    json p = s.refused(s.post("/v1/organizations", R"({"id":"Bad Id","kind":"planet"})"),
                       HttpStatus::bad_request, 0);
    CHECK(p["type"] == "/problems/invalid-argument");
    std::set<std::string> pointers;
    for (const json& e : p["errors"]) pointers.insert(e["pointer"].get<std::string>());
    CHECK(pointers.count("/id") == 1);
    CHECK(pointers.count("/kind") == 1);
  }
  SECTION("not JSON, not an object, too deep, not UTF-8") {
    s.refused(s.post("/v1/organizations", "{\"id\":"), HttpStatus::bad_request, 0);
    s.refused(s.post("/v1/organizations", "[1,2]"), HttpStatus::bad_request, 0);
    s.refused(s.post("/v1/organizations", std::string(200, '[') + std::string(200, ']')),
              HttpStatus::bad_request, 0);
    s.refused(
        s.post("/v1/organizations", "{\"id\":\"x\",\"name\":\"\xc3\x28\",\"kind\":\"department\"}"),
        HttpStatus::bad_request, 0);
  }
  SECTION("wrong content type") {
    Request request = make_request(Verb::post, "/v1/organizations", kOrg);
    request.set(Field::content_type, "text/plain");
    request.set(Field::authorization, "Bearer " + kAdmin);
    json p = s.refused(TestClient(s.endpoint()).roundtrip(std::move(request)),
                       HttpStatus::unsupported_media_type, 0);
    CHECK(p["type"] == "/problems/unsupported-media-type");
    // application/json with parameters is JSON.
    CHECK(s.post_raw_type("application/json; charset=utf-8").result() == HttpStatus::created);
  }
  SECTION("a year in the path that is no year") {
    s.refused(s.post("/v1/clusters/cum-6/years/20x9/close", R"({"date":"2020-01-01"})"),
              HttpStatus::bad_request, 0);
  }
  SECTION("a rule refuses it: 422 with the rule's id") {
    json p = s.refused(s.post("/v1/people", R"({"id":"nguyen-van-a","name":"Nguyễn Văn A",
                                               "organization":"khong-co"})"),
                       HttpStatus::unprocessable_entity, 0);
    CHECK(p["type"] == "/problems/rule-violated");
    CHECK(!p["rule"].get<std::string>().empty());
  }
}

TEST_CASE("a command needs a token whose role may give it", "[http][commands]") {
  CommandServer s;
  REQUIRE(s.post("/v1/organizations", kOrg).result() == HttpStatus::created);
  const std::string org2 = R"({"id":"so-2","name":"Sở 2","kind":"department"})";
  json p = s.refused(s.post("/v1/organizations", org2, ""), HttpStatus::unauthorized, 1);
  p = s.refused(s.post("/v1/organizations", org2, "wrong-token"), HttpStatus::unauthorized, 1);
  p = s.refused(s.post("/v1/organizations", org2, kAuditor), HttpStatus::forbidden, 1);
  CHECK(p["type"] == "/problems/forbidden");
  s.refused(s.post("/v1/organizations", org2, kUnitGiaLai), HttpStatus::forbidden, 1);
  s.refused(s.post("/v1/organizations", org2, kAuthority), HttpStatus::forbidden, 1);
  CHECK(s.post("/v1/organizations", org2, kSecretariat).result() == HttpStatus::created);
  // Decisions are the authority's; the secretariat may not issue them.
  s.refused(s.post("/v1/decisions/qd-1/revocation",
                   R"({"ground":"a","number":"1/QĐ","date":"2026-01-01","issuer":"x",
                       "reason":"r"})",
                   kSecretariat),
            HttpStatus::forbidden, 2);
}

TEST_CASE("a unit token acts only for its own organization", "[http][commands]") {
  CommandServer s;
  Recorder story(s.store(), [&](const domain::Command& c) { return s.post_command(c); });
  // Up to the covenant: organizations, council, cluster, covenant.
  story.cluster6_story();
  const std::uint64_t head = s.store().head();
  // Gia Lai has signed in the story; a new year shows what a unit may do. A unit may not set
  // up the year, but may sign and self-score for itself, and nothing for another member.
  const std::string sign_other =
      R"({"organization":"so-tttt-phu-yen","representative":"A","capacity":"Giám đốc Sở",
          "date":"2019-03-02"})";
  json p = s.refused(s.post("/v1/clusters/cum-6/years/2019/signatures", sign_other, kUnitGiaLai),
                     HttpStatus::forbidden, head);
  CHECK(p["detail"].get<std::string>().find("organization/so-tttt-gia-lai") != std::string::npos);
  const std::string cross =
      R"({"kind":"cross","scorer":"so-tttt-gia-lai","scored":"so-tttt-phu-yen","criterion":"TC1",
          "points":9})";
  s.refused(s.post("/v1/clusters/cum-6/years/2019/scores", cross, kUnitGiaLai),
            HttpStatus::forbidden, head);
  const std::string self =
      R"({"kind":"self","scorer":"so-tttt-gia-lai","scored":"so-tttt-gia-lai","criterion":"TC1",
          "points":9})";
  // Scoring of 2019 is closed in the story: the unit may ask, and the domain refuses it.
  json closed = s.refused(s.post("/v1/clusters/cum-6/years/2019/scores", self, kUnitGiaLai),
                          HttpStatus::unprocessable_entity, head);
  CHECK(!closed["rule"].get<std::string>().empty());
  s.refused(s.post("/v1/clusters/cum-6/years/2019/close", R"({"date":"2020-03-07"})", kUnitGiaLai),
            HttpStatus::forbidden, head);
}

TEST_CASE("a batch is appended all or none", "[http][commands]") {
  CommandServer s;
  const std::string good = R"({"commands":[
      {"command":"RegisterOrganization","body":{"id":"a","name":"A","kind":"department"}},
      {"command":"RegisterOrganization","body":{"id":"b","name":"B","kind":"department"}},
      {"command":"RegisterPerson","body":{"id":"p","name":"Người P","organization":"a"}}]})";
  Response r = s.post("/v1/events:batch", good);
  INFO(r.body());
  REQUIRE(r.result() == HttpStatus::created);
  json results = json::parse(r.body())["results"];
  REQUIRE(results.size() == 3);
  CHECK(results[0]["position"] == 0);
  CHECK(results[2]["position"] == 2);
  CHECK(results[2]["subject"] == "person/p");

  // The third command is refused after the first two were decided: none is appended.
  const std::string bad = R"({"commands":[
      {"command":"RegisterOrganization","body":{"id":"c","name":"C","kind":"department"}},
      {"command":"RegisterPerson","body":{"id":"q","name":"Người Q","organization":"c"}},
      {"command":"RegisterPerson","body":{"id":"r","name":"Người R","organization":"khong-co"}}]})";
  const std::uint64_t reloads = s.service().stats().reloads;
  json p = s.refused(s.post("/v1/events:batch", bad), HttpStatus::unprocessable_entity, 3);
  CHECK(p["index"] == 2);
  // The service takes commands at once, without reloading its model, decided without the
  // refused batch's first commands: "c" was never registered.
  CHECK(s.service().ready());
  CHECK(s.service().stats().reloads == reloads);
  s.refused(s.post("/v1/people", R"({"id":"q","name":"Người Q","organization":"c"})"),
            HttpStatus::unprocessable_entity, 3);
  CHECK(s.post("/v1/organizations", R"({"id":"c","name":"C","kind":"department"})").result() ==
        HttpStatus::created);

  SECTION("malformed batches") {
    const std::uint64_t head = s.store().head();
    s.refused(s.post("/v1/events:batch", R"({"commands":[]})"), HttpStatus::bad_request, head);
    s.refused(s.post("/v1/events:batch", R"({"commands":[{"command":"X"}]})"),
              HttpStatus::bad_request, head);
    json unknown =
        s.refused(s.post("/v1/events:batch", R"({"commands":[{"command":"Fly","body":{}}]})"),
                  HttpStatus::bad_request, head);
    CHECK(unknown["index"] == 0);
    s.refused(s.post("/v1/events:batch", good, kAdmin, {{"If-Match", "\"1\""}}),
              HttpStatus::bad_request, head);
    json big = {{"commands", json::array()}};
    for (int i = 0; i < 1001; ++i) {
      big["commands"].push_back(
          {{"command", "RegisterOrganization"},
           {"body", {{"id", "o" + std::to_string(i)}, {"name", "O"}, {"kind", "department"}}}});
    }
    s.refused(s.post("/v1/events:batch", big.dump()), HttpStatus::bad_request, head);
  }
}

TEST_CASE("refused batches under load cost the other commands nothing", "[http][commands]") {
  CommandServer s;
  REQUIRE(s.post("/v1/organizations", kOrg).result() == HttpStatus::created);
  const std::uint64_t reloads = s.service().stats().reloads;
  // Each bad batch registers an organization and a person in it, then refers to nobody.
  std::atomic<bool> done{false};
  std::atomic<int> bad_answers{0}, wrong{0};
  std::thread spoiler([&] {
    for (int i = 0; !done; ++i) {
      const std::string id = "xau-" + std::to_string(i);
      Response r =
          s.post("/v1/events:batch", R"({"commands":[
          {"command":"RegisterOrganization","body":{"id":")" +
                                         id +
                                         R"(","name":"X","kind":"department"}},
          {"command":"RegisterPerson","body":{"id":")" +
                                         id + R"(","name":"Người X","organization":")" + id +
                                         R"("}},
          {"command":"RegisterPerson","body":{"id":"y","name":"Y","organization":"khong-co"}}]})");
      ++bad_answers;
      if (r.result() != HttpStatus::unprocessable_entity) ++wrong;
    }
  });
  std::vector<std::uint64_t> positions;
  for (int i = 0; i < 150; ++i) {
    const std::string id = "so-" + std::to_string(i);
    Response r = s.post("/v1/organizations",
                        R"({"id":")" + id + R"(","name":"Sở )" + id + R"(","kind":"department"})");
    INFO(r.body());
    REQUIRE(r.result() == HttpStatus::created);  // never 503
    positions.push_back(json::parse(r.body())["position"].get<std::uint64_t>());
  }
  done = true;
  spoiler.join();
  CHECK(bad_answers > 10);
  CHECK(wrong == 0);
  CHECK(s.service().stats().reloads == reloads);
  for (std::size_t i = 0; i < positions.size(); ++i) CHECK(positions[i] == i + 1);
  CHECK(s.store().head() == 151);
  // None of the refused batches' organizations exists, in the log or in the model.
  s.refused(s.post("/v1/people", R"({"id":"p","name":"P","organization":"xau-0"})"),
            HttpStatus::unprocessable_entity, 151);
}

TEST_CASE("a store that fails a write answers 503 and then refuses writes", "[http][commands]") {
  CommandServer s;
  REQUIRE(s.post("/v1/organizations", kOrg).result() == HttpStatus::created);
  s.store().fail_append(FaultInjectingEventStore::Fault::kFailBeforeWrite);
  Response r = s.post("/v1/organizations", R"({"id":"so-2","name":"Sở 2","kind":"department"})");
  INFO(r.body());
  CHECK(r.result() == HttpStatus::service_unavailable);
  CHECK(r[Field::content_type] == kProblemJson);
  CHECK(r[Field::retry_after] == "1");
  CHECK(s.store().head() == 1);
  s.refused(s.post("/v1/organizations", R"({"id":"so-3","name":"Sở 3","kind":"department"})"),
            HttpStatus::service_unavailable, 1);
  // Reads go on.
  CHECK(s.get("/v1/events?from=0", kAuditor).result() == HttpStatus::ok);
  // Once the store takes writes again (as after a restart), the service has reloaded its model
  // from the log, and decides and places the next command right after what is there.
  s.store().reopen();
  REQUIRE(s.service().wait_ready(std::chrono::seconds(20)));
  Response next = s.post("/v1/organizations", R"({"id":"so-2","name":"Sở 2","kind":"department"})");
  INFO(next.body());
  CHECK(next.result() == HttpStatus::created);
  CHECK(json::parse(next.body())["position"] == 1);
  CHECK(s.service().stats().reloads >= 2);
}

TEST_CASE("concurrent commands get gapless positions and the projection equals the log",
          "[http][commands]") {
  CommandServer s;
  constexpr int kThreads = 8, kEach = 25;
  std::atomic<int> created{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < kEach; ++i) {
        std::string id = "so-" + std::to_string(t) + "-" + std::to_string(i);
        Response r = s.post("/v1/organizations",
                            R"({"id":")" + id + R"(","name":"Sở","kind":"department"})");
        if (r.result() == HttpStatus::created) ++created;
      }
    });
  }
  for (auto& t : threads) t.join();
  CHECK(created == kThreads * kEach);
  REQUIRE(s.store().head() == kThreads * kEach);
  for (std::uint64_t p = 0; p < s.store().head(); ++p)
    CHECK(event_at(s.store(), p)["sequence"] == p);
  // A person registered in each organization: every one was in the write model.
  Response r = s.post("/v1/people", R"({"id":"p","name":"P","organization":"so-7-24"})");
  CHECK(r.result() == HttpStatus::created);
}

TEST_CASE("the feed and the eligibility query need a token, rankings do not", "[http][commands]") {
  CommandServer s;
  Recorder story(s.store(), [&](const domain::Command& c) { return s.post_command(c); });
  story.cluster6_story();
  REQUIRE(s.projector().wait_for(s.store().head(), std::chrono::seconds(20)));
  CHECK(s.get("/v1/events").result() == HttpStatus::unauthorized);
  CHECK(s.get("/v1/events", "wrong").result() == HttpStatus::unauthorized);
  for (const std::string& token : {kAuditor, kUnitGiaLai}) {
    Response feed = s.get("/v1/events", token);
    CHECK(feed.result() == HttpStatus::ok);
    CHECK(std::count(feed.body().begin(), feed.body().end(), '\n') ==
          static_cast<long>(s.store().head()));
  }
  const std::string eligibility =
      "/v1/eligibility?subject=organization/so-tttt-gia-lai&award=BK_TINH&year=2019";
  CHECK(s.get(eligibility).result() == HttpStatus::unauthorized);
  Response answer = s.get(eligibility, kAuditor);
  INFO(answer.body());
  CHECK(answer.result() == HttpStatus::ok);
  CHECK(s.get("/v1/clusters/cum-6/years/2019/ranking").result() == HttpStatus::ok);
}

TEST_CASE("a refusal for a hold tells a role that does not see personal data only that it lasts",
          "[http][commands][roles]") {
  CommandServer s;
  Recorder story(s.store(), [&](const domain::Command& c) { return s.post_command(c); });
  story.cluster6_story();
  REQUIRE(s.post("/v1/holds", R"({"id":"tt-gia-lai","subject":"organization/so-tttt-gia-lai",
                                  "kind":"inspection","reason":"Thanh tra việc mua sắm",
                                  "date":"2020-01-05"})")
              .result() == HttpStatus::created);
  const std::string proposal = R"({"id":"de-nghi-gia-lai","proposing_body":"so-tttt-dak-lak",
      "award":"CO_TINH","occasion":"annual","year":2019,
      "nominees":["organization/so-tttt-gia-lai"],"documents":[],"council":"hdtdkt-bo-tttt",
      "cluster":"cum-6","date":"2020-03-12"})";
  const std::uint64_t head = s.store().head();
  Response head_refused = s.post("/v1/proposals", proposal, kClusterHead);
  INFO(head_refused.body());
  REQUIRE(head_refused.result() == HttpStatus::unprocessable_entity);
  const json told = json::parse(head_refused.body());
  CHECK(told["rule"] == "hold.active");
  const std::string detail = told["detail"];
  CHECK(detail.find("under a hold") != std::string::npos);
  for (const char* secret : {"Thanh tra", "inspection", "2020-01-05"}) {
    CHECK(detail.find(secret) == std::string::npos);
  }
  // The secretariat, which sees personal data, is told what hold.
  Response secretariat = s.post("/v1/proposals", proposal, kSecretariat);
  REQUIRE(secretariat.result() == HttpStatus::unprocessable_entity);
  CHECK(json::parse(secretariat.body())["detail"].get<std::string>().find("Thanh tra") !=
        std::string::npos);
  CHECK(s.store().head() == head);
}

TEST_CASE("the eligibility query and the recheck quote personal data: who may ask them",
          "[http][commands][roles]") {
  CommandServer s;
  Recorder story(s.store(), [&](const domain::Command& c) { return s.post_command(c); });
  story.cluster6_story();
  REQUIRE(s.post("/v1/people", R"({"id":"lan","name":"Lan","organization":"so-tttt-gia-lai"})")
              .result() == HttpStatus::created);
  REQUIRE(s.projector().wait_for(s.store().head(), std::chrono::seconds(20)));
  const std::vector<std::string> targets = {
      "/v1/eligibility?subject=person/lan&award=LDTT&year=2019",
      "/v1/eligibility?subject=organization/so-tttt-gia-lai&award=TTLDTT&year=2019",
      "/v1/decisions/qd-co-2019/recheck"};
  for (const std::string& target : targets) {
    INFO(target);
    // Not even of its own organization and people: a unit's checks would list who of its
    // members was disciplined, and how.
    for (const std::string& token : {kUnitGiaLai, kClusterHead}) {
      Response refused = s.get(target, token);
      CHECK(refused.result() == HttpStatus::forbidden);
      CHECK(json::parse(refused.body())["detail"].get<std::string>().find("personal data") !=
            std::string::npos);
    }
    for (const std::string& token : {kAuditor, kSecretariat, kAuthority, kAdmin}) {
      CHECK(s.get(target, token).result() == HttpStatus::ok);
    }
  }
}

namespace {

// Commands about organization "so-a", cluster "cum-a" and council "hd-a", for the role tests.
struct ScopedCommands {
  domain::JoinCluster join;
  domain::LeaveCluster leave;
  domain::ElectOfficers officers;
  domain::AdoptCovenant covenant;
  domain::SignCovenant sign;
  domain::EnterScore self, cross;
  domain::CorrectScore correct;
  domain::CloseScoring close;
  domain::RecordClusterVote vote;
  domain::SubmitProposal proposal;
  domain::SubmitRegistration registration;
  domain::ReportProgress progress;
  domain::RecordCouncilVote council_vote;

  ScopedCommands() {
    join.cluster = leave.cluster = officers.cluster = covenant.cluster = sign.cluster =
        self.cluster = correct.cluster = close.cluster = vote.cluster = "cum-a";
    proposal.cluster = "cum-a";
    sign.organization = registration.organization = progress.organization = "so-a";
    registration.year = 2020;
    progress.date = domain::Date{2020, 6, 30};
    self.kind = domain::ScoreKind::kSelf;
    self.scorer = self.scored = "so-a";
    cross = self;
    cross.kind = domain::ScoreKind::kCross;
    cross.scored = "so-b";
    council_vote.council = "hd-a";
  }
};

}  // namespace

TEST_CASE("each role may give exactly its commands", "[http][commands][roles]") {
  using app::Role;
  const ScopedCommands c;
  const auto& [sign, self, cross, progress, covenant, council_vote, proposal] =
      std::tie(c.sign, c.self, c.cross, c.progress, c.covenant, c.council_vote, c.proposal);
  struct Row {
    domain::Command command;
    std::set<Role> may;  // besides admin
  };
  const std::vector<Row> rows = {
      {domain::RegisterOrganization{}, {Role::kSecretariat}},
      {domain::EstablishCluster{}, {Role::kSecretariat}},
      {covenant, {Role::kSecretariat, Role::kClusterHead}},
      {sign, {Role::kSecretariat, Role::kClusterHead, Role::kUnit}},
      {self, {Role::kSecretariat, Role::kClusterHead, Role::kUnit}},
      {cross, {Role::kSecretariat, Role::kClusterHead}},
      {progress, {Role::kSecretariat, Role::kClusterHead, Role::kUnit}},
      {council_vote, {Role::kSecretariat, Role::kCouncil}},
      {domain::RecognizeInitiative{}, {Role::kSecretariat, Role::kCouncil, Role::kAuthority}},
      {domain::PlaceHold{}, {Role::kSecretariat, Role::kAuthority}},
      {proposal, {Role::kSecretariat, Role::kClusterHead, Role::kAuthority}},
      {domain::PublishProposal{}, {Role::kSecretariat, Role::kClusterHead, Role::kAuthority}},
      {domain::IssueDecision{}, {Role::kAuthority}},
      {domain::RevokeDecision{}, {Role::kAuthority}},
  };
  const std::vector<Role> roles = {Role::kAdmin,       Role::kSecretariat, Role::kUnit,
                                   Role::kClusterHead, Role::kCouncil,     Role::kAuthority,
                                   Role::kAuditor,     Role::kIntegrator};
  auto scope = [](Role role) -> std::string {
    if (role == Role::kUnit) return "organization/so-a";
    if (role == Role::kClusterHead) return "cluster/cum-a";
    if (role == Role::kCouncil) return "council/hd-a";
    return "";
  };
  for (const Row& row : rows) {
    for (Role role : roles) {
      app::Caller caller{role, scope(role), "t"};
      const bool may = role == Role::kAdmin || row.may.count(role) != 0;
      INFO(domain::command_name(row.command) << " by " << app::role_name(role));
      CHECK(app::forbidden_reason(caller, row.command).has_value() == !may);
    }
  }
}

TEST_CASE("a bound role acts only for its own organization, cluster or council",
          "[http][commands][roles]") {
  using app::Role;
  // Every command a unit, a cluster head or a council may give, each about the caller's own
  // organization, cluster or council; then each given by a caller bound to another.
  const ScopedCommands scoped;
  const std::vector<domain::Command> cluster_commands = {
      scoped.join,  scoped.leave,   scoped.officers, scoped.covenant, scoped.sign,
      scoped.cross, scoped.correct, scoped.close,    scoped.vote,     scoped.proposal};
  const app::Caller head{Role::kClusterHead, "cluster/cum-a", "h"};
  const app::Caller other_head{Role::kClusterHead, "cluster/cum-b", "h"};
  for (const domain::Command& c : cluster_commands) {
    INFO(domain::command_name(c));
    CHECK_FALSE(app::forbidden_reason(head, c));
    auto why = app::forbidden_reason(other_head, c);
    REQUIRE(why);
    CHECK(why->find("cluster/cum-b") != std::string::npos);
  }
  // A proposal without a cluster's vote is not a cluster head's.
  CHECK(app::forbidden_reason(head, domain::SubmitProposal{}));

  CHECK_FALSE(app::forbidden_reason({Role::kCouncil, "council/hd-a", "c"}, scoped.council_vote));
  CHECK(app::forbidden_reason({Role::kCouncil, "council/hd-b", "c"}, scoped.council_vote));

  const domain::SubmitRegistration& registration = scoped.registration;
  for (const domain::Command& c :
       std::vector<domain::Command>{scoped.sign, registration, scoped.progress, scoped.self}) {
    INFO(domain::command_name(c));
    CHECK_FALSE(app::forbidden_reason({Role::kUnit, "organization/so-a", "u"}, c));
    CHECK(app::forbidden_reason({Role::kUnit, "organization/so-b", "u"}, c));
  }

  // What only the state can tell: the cluster a proposal carries the vote of, the members of
  // the head's cluster, the authority a council advises.
  thidua::testing::World world;
  world.org("bo-a", "Bộ A", domain::OrganizationKind::kMinistry);
  world.org("so-a", "Sở A");
  world.org("so-c", "Sở C");
  domain::EstablishCluster cluster;
  cluster.id = "cum-a";
  cluster.name = "Cụm A";
  cluster.organiser = "bo-a";
  cluster.year = 2020;
  cluster.members = {"so-a"};
  world.ok(cluster);
  domain::EstablishCouncil council;
  council.id = "hd-a";
  council.organization = "bo-a";
  council.name = "Hội đồng Bộ A";
  council.members = {{"Bộ trưởng", "Chủ tịch Hội đồng"}, {"Thứ trưởng", "Ủy viên"}};
  council.quorum = {2, 3, false};
  world.ok(council);
  domain::SubmitProposal flag;
  flag.id = "to-trinh-a";
  flag.proposing_body = "bo-a";
  flag.award = domain::Award::kCO_TINH;
  flag.year = 2020;
  flag.nominees = {thidua::testing::org_ref("so-a")};
  flag.cluster = "cum-a";
  flag.date = thidua::testing::date("2021-01-20");
  world.ok(flag);
  const domain::State& s = world.state;
  domain::PublishProposal publish;
  publish.proposal = "to-trinh-a";
  CHECK_FALSE(app::out_of_scope(head, publish, s));
  CHECK(app::out_of_scope(other_head, publish, s));
  CHECK_FALSE(app::out_of_scope(head, registration, s));
  domain::SubmitRegistration stranger = registration;
  stranger.organization = "so-c";
  CHECK(app::out_of_scope(head, stranger, s));
  // A member of the cluster in 2020 only: not for a year it was not a member in.
  domain::SubmitRegistration earlier = registration;
  earlier.year = 2019;
  CHECK(app::out_of_scope(head, earlier, s));
  domain::ReportProgress report = scoped.progress;
  CHECK_FALSE(app::out_of_scope(head, report, s));
  report.date = domain::Date{2019, 12, 31};
  CHECK(app::out_of_scope(head, report, s));
  domain::RecognizeInitiative initiative;
  initiative.recognized_by = "bo-a";
  CHECK_FALSE(app::out_of_scope({Role::kCouncil, "council/hd-a", "c"}, initiative, s));
  initiative.recognized_by = "so-c";
  CHECK(app::out_of_scope({Role::kCouncil, "council/hd-a", "c"}, initiative, s));
}

TEST_CASE("the head of one cluster cannot close another's scoring", "[http][commands][roles]") {
  CommandServer s;
  const std::uint64_t head = s.store().head();
  json p = s.refused(
      s.post("/v1/clusters/cum-7/years/2020/close", R"({"date":"2021-01-15"})", kClusterHead),
      HttpStatus::forbidden, head);
  CHECK(p["detail"].get<std::string>().find("cluster/cum-6") != std::string::npos);
}

}  // namespace thidua::http::testing
