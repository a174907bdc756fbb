#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>

#include "recorder.hpp"
#include "temp_dir.hpp"
#include "thidua/codec/state_snapshot.hpp"
#include "thidua/projections/as_of.hpp"
#include "thidua/projections/projector.hpp"
#include "thidua/projections/views.hpp"
#include "thidua/store/fault_injecting_env.hpp"
#include "thidua/store/memory_event_store.hpp"
#include "thidua/store/rocksdb_event_store.hpp"

using namespace thidua;
using namespace thidua::projections;
using namespace thidua::testing;
using nlohmann::json;

namespace {

std::unique_ptr<DocumentStore> open_documents(const std::filesystem::path& dir) {
  auto docs = DocumentStore::open(dir);
  REQUIRE(docs.is_ok());
  return std::move(docs).value();
}

json document(const Projector& projector, const std::string& key) {
  auto doc = projector.document(key);
  REQUIRE(doc.is_ok());
  INFO(key);
  REQUIRE(doc->second.has_value());
  return json::parse(*doc->second);
}

std::map<std::string, std::string> hashes(const DocumentStore& docs) {
  std::map<std::string, std::string> out;
  for (const std::string& name : projection_names()) {
    auto h = docs.content_hash(name + "/");
    REQUIRE(h.is_ok());
    out[name] = to_hex(*h);
  }
  return out;
}

}  // namespace

TEST_CASE("the projector renders rankings, award histories, decisions and movements",
          "[projections]") {
  MemoryEventStore store;
  Recorder recorder(store);
  recorder.cluster6_story();
  TempDir dir("thidua-projections");
  auto docs = open_documents(dir.path());
  Projector projector(store, *docs);
  auto applied = projector.catch_up();
  REQUIRE(applied.is_ok());
  CHECK(*applied == store.head());
  CHECK(docs->applied() == store.head());

  json ranking = document(projector, "ranking/cum-6/2019");
  CHECK(ranking["status"] == "closed");
  CHECK(ranking["name"] == "Cụm thi đua số 6");
  REQUIRE(ranking["ranking"].size() == 4);
  CHECK(ranking["ranking"][0]["organization"] == "so-tttt-dak-lak");
  CHECK(ranking["ranking"][0]["total"] == 20);
  CHECK(ranking["ranking"][1]["name"] == "Sở TTTT Phú Yên");
  CHECK(ranking["ranking"][3]["organization"] == "so-tttt-lam-dong");
  CHECK(ranking["ranking"][3]["total"] == 17.5);  // 9 + the corrected 8.5
  bool corrected = false;
  for (const json& s : ranking["scores"]) {
    if (s["scored"] == "so-tttt-lam-dong" && s["criterion"] == "TC2") {
      corrected = s["corrections"].size() == 1 && s["corrections"][0]["previous"] == 9 &&
                  s["corrections"][0]["reason"] == "Nhầm lẫn khi tổng hợp";
    }
  }
  CHECK(corrected);
  CHECK(ranking["votes"].size() == 2);

  json decision = document(projector, "decisions/qd-co-2019");
  CHECK(decision["number"] == "1001/QĐ-BTTTT");
  CHECK(decision["ruleset"] == "vn-2013");
  CHECK(decision["status"] == "active");
  CHECK_FALSE(decision["checks"].empty());

  json revoked = document(projector, "decisions/qd-ldtt-lan");
  CHECK(revoked["status"] == "revoked");
  CHECK(revoked["revocation"]["ground"] == "a");
  json lan = document(projector, "awards/person/nguyen-thi-lan");
  REQUIRE(lan["awards"].size() == 1);
  CHECK(lan["awards"][0]["status"] == "revoked");
  CHECK(lan["awards"][0]["revocation"]["number"] == "15/QĐ-STTTT");

  // Phú Yên merged into Đắk Lắk: its flag appears under Đắk Lắk, marked as inherited.
  json dak_lak = document(projector, "awards/organization/so-tttt-dak-lak");
  REQUIRE(dak_lak["awards"].size() == 1);
  REQUIRE(dak_lak["inherited"].size() == 1);
  CHECK(dak_lak["inherited"][0]["inherited_from"] == "so-tttt-phu-yen");
  CHECK(dak_lak["inherited"][0]["award"] == "CO_TINH");
  json phu_yen = document(projector, "awards/organization/so-tttt-phu-yen");
  CHECK(phu_yen["ended"] == true);
  CHECK(phu_yen["successors"] == json::array({"so-tttt-dak-lak"}));

  json movement = document(projector, "movements/tang-toc-100-ngay");
  CHECK(movement["targets"][0]["progress"][0]["value"] == 50);
  CHECK(movement["targets"][0]["progress"][0]["percent_of_target"] == 25);

  auto index = projector.documents("decision-index/2019/", "", 10);
  REQUIRE(index.is_ok());
  CHECK(index->second.size() == 2);
  CHECK(index->first == store.head());
}

TEST_CASE("a restarted projector resumes where it stopped and equals a rebuild", "[projections]") {
  TempDir dir("thidua-projections");
  MemoryEventStore store;
  Recorder recorder(store);
  recorder.cluster6_story();
  const std::uint64_t total = store.head();
  {
    auto docs = open_documents(dir.path() / "live");
    Projector first(store, *docs, ProjectorOptions{3, std::chrono::milliseconds(10), 7});
    REQUIRE(first.catch_up(total / 2).is_ok());
    CHECK(docs->applied() == total / 2);
  }
  auto live = open_documents(dir.path() / "live");
  CHECK(live->applied() == total / 2);
  Projector second(store, *live, ProjectorOptions{5, std::chrono::milliseconds(10)});
  REQUIRE(second.load().is_ok());
  CHECK(second.read([](const domain::State& s, std::uint64_t) { return s.next_position; }) ==
        total / 2);
  REQUIRE(second.catch_up().is_ok());
  CHECK(live->applied() == total);

  auto rebuilt = open_documents(dir.path() / "rebuilt");
  Projector third(store, *rebuilt, ProjectorOptions{1000, std::chrono::milliseconds(10)});
  REQUIRE(third.catch_up().is_ok());
  CHECK(hashes(*live) == hashes(*rebuilt));
}

TEST_CASE("the follower applies new events as they are committed", "[projections]") {
  TempDir dir("thidua-projections");
  auto store = RocksDbEventStore::open(dir.path() / "log");
  REQUIRE(store.is_ok());
  Recorder recorder(**store);
  auto docs = open_documents(dir.path() / "projections");
  Projector projector(**store, *docs, ProjectorOptions{64, std::chrono::milliseconds(20)});
  projector.start();
  recorder.cluster6_story();
  CHECK(projector.wait_for((*store)->head(), std::chrono::seconds(10)));
  CHECK(projector.status().is_ok());
  CHECK(document(projector, "ranking/cum-6/2019")["status"] == "closed");
  projector.stop();
}

TEST_CASE("rankings as of an earlier position replay the log", "[projections]") {
  MemoryEventStore store;
  Recorder recorder(store);
  recorder.cluster6_story();
  const domain::State& now = recorder.world.state;
  auto ranking = [&](std::uint64_t position) {
    auto text = document_as_of(store, now, "ranking/cum-6/2019", position);
    REQUIRE(text.is_ok());
    return *text ? codec::OrderedJson::parse(**text) : codec::OrderedJson();
  };
  // Before the correction, Lâm Đồng had 9 + 9.
  const auto& year = now.clusters.at("cum-6").years.at(2019);
  const std::uint64_t correction = year.corrections.at(0).position;
  auto before = ranking(correction - 1);
  CHECK(before["ranking"][3]["total"] == 18);
  CHECK(before["status"] == "open");
  auto after = ranking(store.head() - 1);
  CHECK(after["ranking"][3]["total"] == 17.5);
  CHECK(after["status"] == "closed");
  // Before the covenant there is a cluster but no year yet.
  CHECK(ranking(year.covenant->position - 1).is_null());
}

TEST_CASE("an undecodable domain event stops the projector, which never skips one",
          "[projections]") {
  MemoryEventStore store;
  ProposedEvent bad;
  bad.id = "6a1f9a3e-1b1c-4c1e-9f00-000000000001";
  bad.type = "vn.thidua.score_entered.v1";
  bad.subject = "cluster/cum-6/2019";
  bad.source = "/thidua/test";
  bad.time = "2020-01-01T00:00:00Z";
  bad.data = R"({"cluster":"cum-6","year":2019,"points":"many"})";
  AppendRequest request;
  request.events.push_back(bad);
  REQUIRE(store.append(request).is_ok());
  TempDir dir("thidua-projections");
  auto docs = open_documents(dir.path());
  Projector projector(store, *docs);
  auto result = projector.catch_up();
  CHECK(result.status().code() == Status::Code::kCorruption);
  CHECK(projector.status().code() == Status::Code::kCorruption);
  CHECK(docs->applied() == 0);
  CHECK(projector.catch_up().status().code() == Status::Code::kCorruption);  // sticky
}

TEST_CASE("a restart loads the state from the last snapshot and replays only what follows",
          "[projections]") {
  TempDir dir("thidua-projections");
  MemoryEventStore store;
  Recorder recorder(store);
  recorder.cluster6_story();
  const std::uint64_t half = store.head() / 2;
  REQUIRE(half > 12);
  ProjectorOptions options{5, std::chrono::milliseconds(10), 7};
  options.snapshot_events = 10;
  {
    auto docs = open_documents(dir.path());
    Projector first(store, *docs, options);
    REQUIRE(first.catch_up(half).is_ok());
    CHECK(docs->snapshot_position() == half);  // a catch-up ended 10 or more events on
    REQUIRE(first.catch_up(half + 3).is_ok());
    CHECK(docs->snapshot_position() == half);  // only 3 more
  }
  // The state as a replay of every event from position 0 gives it.
  domain::State replayed;
  auto events = static_cast<const EventStore&>(store).read_all(0, half + 3);
  REQUIRE(events.is_ok());
  for (const RecordedEvent& e : events->events) {
    auto decoded = decode_recorded(e);
    REQUIRE(decoded.is_ok());
    if (*decoded) {
      domain::evolve(replayed, **decoded, e.position);
    } else {
      replayed.next_position = e.position + 1;
    }
  }
  auto state_bytes = [](const Projector& p) {
    return p.read([](const domain::State& s, std::uint64_t) { return codec::encode_state(s); });
  };

  auto docs = open_documents(dir.path());
  {
    Projector second(store, *docs, options);
    REQUIRE(second.load().is_ok());
    CHECK(second.loaded_from() == half);
    CHECK(state_bytes(second) == codec::encode_state(replayed));
  }
  // A snapshot this code cannot read costs a full replay, not a wrong state.
  // A damaged byte inside the snapshot too.
  std::string damaged = codec::encode_state(replayed);
  damaged[damaged.size() / 2] = static_cast<char>(damaged[damaged.size() / 2] ^ 0x10);
  for (const std::string& bytes : {std::string("not a state"), damaged}) {
    REQUIRE(docs->write_snapshot(bytes, docs->applied()).is_ok());
    Projector third(store, *docs, options);
    REQUIRE(third.load().is_ok());
    CHECK(third.loaded_from() == 0);
    CHECK(state_bytes(third) == codec::encode_state(replayed));
    // It writes a good one as soon as it has caught up, whatever snapshot_events says.
    REQUIRE(third.catch_up(docs->applied()).is_ok());
    CHECK(docs->snapshot()->value().bytes == state_bytes(third));
  }
}

TEST_CASE("a failed commit after a stop is sticky, and the state is not applied twice",
          "[projections]") {
  TempDir dir("thidua-projections");
  MemoryEventStore store;
  Recorder recorder(store);
  recorder.cluster6_story();
  FaultInjectingEnv faults;
  auto docs = DocumentStore::open(dir.path(), {false, faults.env()});
  REQUIRE(docs.is_ok());
  Projector projector(store, **docs, ProjectorOptions{5, std::chrono::milliseconds(10)});
  REQUIRE(projector.catch_up(10).is_ok());
  projector.stop();  // no follower to wait for; the projector goes on working after it
  faults.fail_writes(true);
  auto failed = projector.catch_up();
  CHECK(failed.status().code() == Status::Code::kIOError);
  CHECK(projector.status().code() == Status::Code::kIOError);
  CHECK_FALSE(projector.ready());  // its state went past the documents
  faults.fail_writes(false);
  CHECK(projector.catch_up().status().code() == Status::Code::kIOError);
  CHECK((*docs)->applied() == 10);
}

TEST_CASE("a member that never signs is shown as not signed, not ranked", "[projections]") {
  MemoryEventStore store;
  Recorder recorder(store);
  recorder.cluster6_story();
  domain::EstablishCluster cluster;
  cluster.id = "cum-7";
  cluster.name = "Cụm thi đua số 7";
  cluster.organiser = "bo-tttt";
  cluster.year = 2020;
  cluster.members = {"so-tttt-gia-lai", "so-tttt-lam-dong", "so-tttt-phu-yen"};
  recorder.record(cluster);
  domain::AdoptCovenant covenant;
  covenant.cluster = "cum-7";
  covenant.year = 2020;
  covenant.criteria = {{"TC1", "Chuyển đổi số", domain::Decimal::units(10)}};
  recorder.record(covenant);
  for (const char* org : {"so-tttt-gia-lai", "so-tttt-phu-yen"}) {
    domain::SignCovenant sign;
    sign.cluster = "cum-7";
    sign.year = 2020;
    sign.organization = org;
    sign.representative = "Giám đốc Sở";
    sign.capacity = "Giám đốc Sở";
    sign.date = domain::Date{2020, 3, 1};
    recorder.record(sign);
  }
  for (const auto& [org, value] : {std::pair{"so-tttt-gia-lai", 900}, {"so-tttt-phu-yen", 800}}) {
    domain::EnterScore s;
    s.cluster = "cum-7";
    s.year = 2020;
    s.kind = domain::ScoreKind::kFinal;
    s.scorer = "bo-tttt";
    s.scored = org;
    s.criterion = "TC1";
    s.points = domain::Decimal{value};
    recorder.record(s);
  }
  domain::CloseScoring close;
  close.cluster = "cum-7";
  close.year = 2020;
  close.date = domain::Date{2021, 1, 15};
  recorder.record(close);

  TempDir dir("thidua-not-signed");
  auto docs = DocumentStore::open(dir.path());
  REQUIRE(docs.is_ok());
  Projector projector(store, **docs);
  REQUIRE(projector.catch_up().is_ok());
  auto doc = projector.document("ranking/cum-7/2020");
  REQUIRE(doc.is_ok());
  REQUIRE(doc->second.has_value());
  const json r = json::parse(*doc->second);
  INFO(r.dump());
  REQUIRE(r["ranking"].size() == 2);
  CHECK(r["ranking"][0]["organization"] == "so-tttt-gia-lai");
  CHECK(r["ranking"][1]["organization"] == "so-tttt-phu-yen");
  CHECK(r["members"].size() == 3);
  REQUIRE(r["not_signed"].size() == 1);
  CHECK(r["not_signed"][0]["organization"] == "so-tttt-lam-dong");
  CHECK(r["not_signed"][0]["name"] == "Sở TTTT Lâm Đồng");
  auto six = projector.document("ranking/cum-6/2019");
  REQUIRE(six.is_ok());
  CHECK(json::parse(*six->second)["not_signed"].empty());
}
