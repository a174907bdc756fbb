// The whole server over a failing disk: the RocksDB event store runs on a file system whose
// writes, syncs or space fail on demand (FaultInjectingEnv, and a full disk made here), under
// every route of thiduad. Commands are then refused with 503 and Retry-After, reads go on,
// /healthz says "degraded"; the store opened again on the same directory holds only whole
// events at gapless positions that the log verifier accepts, with each failed request present
// whole or not at all; and a server started on it takes writes again, with projections equal
// to a rebuild from the log.
#include <rocksdb/env.h>
#include <rocksdb/file_system.h>
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <atomic>
#include <memory>
#include <set>
#include <string>
#include <vector>

#include "full_server.hpp"
#include "recorder.hpp"
#include "temp_dir.hpp"
#include "thidua/audit/log_verifier.hpp"
#include "thidua/store/fault_injecting_env.hpp"

namespace thidua::http::testing {
namespace {

using nlohmann::json;
using thidua::testing::Recorder;
using thidua::testing::TempDir;
namespace fs = std::filesystem;

// A disk that fills up: while full, every append to a file fails with RocksDB's NoSpace (what
// ENOSPC from write(2) becomes). Must outlive the store that uses it.
class FullDiskEnv {
 public:
  FullDiskEnv()
      : fs_(std::make_shared<FileSystem>(rocksdb::FileSystem::Default(), full_)),
        env_(rocksdb::NewCompositeEnv(fs_)) {}
  rocksdb::Env* env() const { return env_.get(); }
  void fill(bool on) { full_ = on; }

 private:
  class File : public rocksdb::FSWritableFileOwnerWrapper {
   public:
    File(std::unique_ptr<rocksdb::FSWritableFile> file, const std::atomic<bool>& full)
        : FSWritableFileOwnerWrapper(std::move(file)), full_(full) {}
    rocksdb::IOStatus Append(const rocksdb::Slice& data, const rocksdb::IOOptions& options,
                             rocksdb::IODebugContext* dbg) override {
      if (full_) return rocksdb::IOStatus::NoSpace("injected: the disk is full");
      return FSWritableFileOwnerWrapper::Append(data, options, dbg);
    }
    rocksdb::IOStatus Append(const rocksdb::Slice& data, const rocksdb::IOOptions& options,
                             const rocksdb::DataVerificationInfo& info,
                             rocksdb::IODebugContext* dbg) override {
      if (full_) return rocksdb::IOStatus::NoSpace("injected: the disk is full");
      return FSWritableFileOwnerWrapper::Append(data, options, info, dbg);
    }

   private:
    const std::atomic<bool>& full_;
  };

  class FileSystem : public rocksdb::FileSystemWrapper {
   public:
    FileSystem(const std::shared_ptr<rocksdb::FileSystem>& base, const std::atomic<bool>& full)
        : FileSystemWrapper(base), full_(full) {}
    const char* Name() const override { return "ThiduaFullDisk"; }
    rocksdb::IOStatus NewWritableFile(const std::string& name, const rocksdb::FileOptions& options,
                                      std::unique_ptr<rocksdb::FSWritableFile>* result,
                                      rocksdb::IODebugContext* dbg) override {
      rocksdb::IOStatus s = target()->NewWritableFile(name, options, result, dbg);
      if (s.ok()) *result = std::make_unique<File>(std::move(*result), full_);
      return s;
    }
    rocksdb::IOStatus ReopenWritableFile(const std::string& name,
                                         const rocksdb::FileOptions& options,
                                         std::unique_ptr<rocksdb::FSWritableFile>* result,
                                         rocksdb::IODebugContext* dbg) override {
      rocksdb::IOStatus s = target()->ReopenWritableFile(name, options, result, dbg);
      if (s.ok()) *result = std::make_unique<File>(std::move(*result), full_);
      return s;
    }

   private:
    const std::atomic<bool>& full_;
  };

  std::atomic<bool> full_{false};
  std::shared_ptr<rocksdb::FileSystem> fs_;
  std::unique_ptr<rocksdb::Env> env_;
};

void seed(EventStore& store) { Recorder(store).cluster6_story(); }

std::string org_body(const std::string& id) {
  return R"({"id":")" + id + R"(","name":"Sở )" + id + R"(","kind":"department"})";
}

std::string org_batch(const std::vector<std::string>& ids) {
  json batch = {{"commands", json::array()}};
  for (const std::string& id : ids) {
    batch["commands"].push_back(
        {{"command", "RegisterOrganization"}, {"body", json::parse(org_body(id))}});
  }
  return batch.dump();
}

// The problem of a refused write: 503, Retry-After, and one of the types docs/http.md names.
json write_refused(const Response& r) {
  INFO(r.body());
  CHECK(r.result() == HttpStatus::service_unavailable);
  CHECK(r[Field::content_type] == kProblemJson);
  CHECK(r[Field::retry_after] == "1");
  json p = json::parse(r.body());
  const std::set<std::string> types = {"/problems/io-error", "/problems/write-refused",
                                       "/problems/unavailable"};
  CHECK(types.count(p.value("type", "")) == 1);
  CHECK(p["status"] == 503);
  CHECK_FALSE(p.value("detail", "").empty());
  return p;
}

// Every read route answers 200 while writes fail.
void reads_go_on(FullServer& s, std::uint64_t head) {
  const std::vector<std::string> public_reads = {"/v1/clusters/cum-6/years/2019/ranking",
                                                 "/v1/clusters/cum-6/years/2019/ranking?as_of=20",
                                                 "/v1/organizations/so-tttt-dak-lak/awards",
                                                 "/v1/people/nguyen-thi-lan/awards",
                                                 "/v1/decisions/qd-co-2019",
                                                 "/v1/decisions?year=2019",
                                                 "/v1/movements/tang-toc-100-ngay",
                                                 "/v1/decisions/qd-co-2019/evidence",
                                                 "/v1/checkpoint",
                                                 "/v1/checkpoint/key",
                                                 "/v1/proofs/inclusion?index=0",
                                                 "/v1/proofs/consistency?from=1",
                                                 "/v1/openapi.json",
                                                 "/metrics"};
  for (const std::string& target : public_reads) {
    Response r = s.get(target);
    INFO(target << " -> " << r.body().substr(0, 300));
    CHECK(r.result() == HttpStatus::ok);
  }
  Response events = s.get("/v1/events?limit=1000", Tokens::auditor);
  REQUIRE(events.result() == HttpStatus::ok);
  CHECK(std::count(events.body().begin(), events.body().end(), '\n') == static_cast<long>(head));
  CHECK(s.get("/v1/streams/cluster/cum-6/2019", Tokens::auditor).result() == HttpStatus::ok);
  CHECK(s.get("/v1/eligibility?subject=organization/so-tttt-gia-lai&award=BK_TINH&year=2019",
              Tokens::auditor)
            .result() == HttpStatus::ok);
}

json health(FullServer& s) {
  Response r = s.get("/healthz");
  REQUIRE(r.result() == HttpStatus::ok);
  return json::parse(r.body());
}

void check_degraded(FullServer& s) {
  json h = health(s);
  INFO(h.dump());
  CHECK(h["status"] == "degraded");
  CHECK(h["writes"] == "refused");
  CHECK_FALSE(h.value("writes_detail", "").empty());
  CHECK(h["head"] == s.store().head());
}

// Opens the store on `dir` again and checks that it is whole: every event parses, sits at its
// position, the positions run gapless to the head, and the log verifier accepts the log, its
// tree and its signed checkpoints. Returns how many events each of `subjects` has.
std::vector<std::size_t> check_reopened(const fs::path& dir, const audit::Ed25519Signer& signer,
                                        const std::vector<std::string>& subjects) {
  auto store = RocksDbEventStore::open(dir);
  INFO(store.status().to_string());
  REQUIRE(store.is_ok());
  const EventStore& log = **store;
  CHECK(log.write_status().is_ok());
  std::uint64_t expected = 0;
  while (expected < log.head()) {
    auto batch = log.read_all(expected, 1000);
    REQUIRE(batch.is_ok());
    REQUIRE_FALSE(batch->events.empty());
    for (const RecordedEvent& e : batch->events) {
      INFO("position " << expected);
      REQUIRE(e.position == expected);
      json event = json::parse(e.bytes, nullptr, false);
      REQUIRE(event.is_object());
      CHECK(event["sequence"] == expected);
      CHECK(event["subject"] == e.subject);
      CHECK(event.contains("data"));
      ++expected;
    }
  }
  CHECK(expected == log.head());
  auto key = audit::NoteVerifier::parse(signer.verifier_key());
  REQUIRE(key.is_ok());
  audit::VerifyOptions options;
  options.origin = kLogOrigin;
  auto report = audit::verify_log(log, *key, options);
  REQUIRE(report.is_ok());
  INFO(report->problem);
  CHECK(report->ok);
  CHECK(report->events == log.head());
  CHECK(report->checkpoints >= 1);
  std::vector<std::size_t> counts;
  for (const std::string& subject : subjects) {
    auto events = log.read_stream(subject, 0, 100);
    REQUIRE(events.is_ok());
    counts.push_back(events->size());
  }
  return counts;
}

// The documents of the running server's projections equal those of a projector that rebuilds
// them from the log into a fresh directory.
void check_projections_equal_rebuild(FullServer& s) {
  REQUIRE(s.projector().wait_for(s.store().head(), std::chrono::seconds(20)));
  TempDir fresh("thidua-rebuild");
  auto docs = projections::DocumentStore::open(fresh.path());
  REQUIRE(docs.is_ok());
  projections::Projector rebuild(s.store(), **docs);
  auto applied = rebuild.catch_up();
  REQUIRE(applied.is_ok());
  REQUIRE(*applied == s.store().head());
  for (const char* prefix :
       {"ranking/", "awards/", "decisions/", "decision-index/", "movements/"}) {
    auto live = s.projector().documents(prefix, "", 100000);
    auto rebuilt = rebuild.documents(prefix, "", 100000);
    REQUIRE(live.is_ok());
    REQUIRE(rebuilt.is_ok());
    INFO(prefix);
    CHECK(live->first == rebuilt->first);
    CHECK_FALSE(rebuilt->second.empty());
    CHECK(live->second == rebuilt->second);
  }
}

// A server on the directory again: it takes writes at the head, and its projections equal a
// rebuild.
void check_restart(const fs::path& dir, const audit::Ed25519Signer& signer) {
  FullServer s(dir, signer);
  CHECK(health(s)["writes"] == "ok");
  const std::uint64_t head = s.store().head();
  Response r = s.post("/v1/organizations", org_body("so-sau-khi-sua"));
  INFO(r.body());
  REQUIRE(r.result() == HttpStatus::created);
  CHECK(json::parse(r.body())["position"] == head);
  check_projections_equal_rebuild(s);
}

}  // namespace

TEST_CASE("failing log writes: 503, reads go on, nothing half-written, a restart recovers",
          "[http][faults]") {
  TempDir dir("thidua-faults");
  const audit::Ed25519Signer signer = make_log_signer();
  FaultInjectingEnv faults;
  FullServerOptions options;
  options.env = faults.env();
  options.seed = seed;
  std::uint64_t head = 0;
  {
    FullServer s(dir.path(), signer, options);
    REQUIRE(s.post("/v1/organizations", org_body("so-truoc")).result() == HttpStatus::created);
    head = s.store().head();
    REQUIRE(s.projector().wait_for(head, std::chrono::seconds(20)));
    REQUIRE(s.checkpointer().checkpoint_now().is_ok());

    faults.fail_writes(true);
    json first = write_refused(s.post("/v1/organizations", org_body("so-hong")));
    CHECK(first["type"] == "/problems/io-error");
    write_refused(s.post("/v1/events:batch", org_batch({"so-b1", "so-b2", "so-b3"})));
    write_refused(s.post("/v1/organizations", org_body("so-hong-2")));
    // The disk works again, but a write was in doubt: writes stay refused until a restart.
    faults.fail_writes(false);
    write_refused(s.post("/v1/organizations", org_body("so-hong-3")));
    CHECK(s.store().head() == head);
    check_degraded(s);
    reads_go_on(s, head);
  }
  std::vector<std::size_t> counts =
      check_reopened(dir.path(), signer,
                     {"organization/so-hong", "organization/so-b1", "organization/so-b2",
                      "organization/so-b3", "organization/so-hong-2", "organization/so-hong-3"});
  // A write that failed before it reached the file is absent, every part of it.
  CHECK(counts == std::vector<std::size_t>{0, 0, 0, 0, 0, 0});
  check_restart(dir.path(), signer);
}

TEST_CASE("failing log syncs: each uncertain request is whole or absent after a restart",
          "[http][faults]") {
  TempDir dir("thidua-faults");
  const audit::Ed25519Signer signer = make_log_signer();
  FaultInjectingEnv faults;
  FullServerOptions options;
  options.env = faults.env();
  options.seed = seed;
  std::uint64_t head = 0;
  {
    FullServer s(dir.path(), signer, options);
    head = s.store().head();
    REQUIRE(s.projector().wait_for(head, std::chrono::seconds(20)));
    faults.fail_syncs(true);
    // A batch whose write reached the log file but not its sync: the caller cannot know.
    json p = write_refused(s.post("/v1/events:batch", org_batch({"so-b1", "so-b2", "so-b3"}),
                                  Tokens::admin, {{"Idempotency-Key", "lo-nhap"}}));
    CHECK(p["type"] == "/problems/io-error");
    faults.fail_syncs(false);
    write_refused(s.post("/v1/organizations", org_body("so-sau")));
    check_degraded(s);
    reads_go_on(s, head);
  }
  std::vector<std::size_t> counts = check_reopened(
      dir.path(), signer,
      {"organization/so-b1", "organization/so-b2", "organization/so-b3", "organization/so-sau"});
  INFO("batch streams after reopening: " << counts[0] << counts[1] << counts[2]);
  // All or nothing.
  CHECK((counts[0] == counts[1] && counts[1] == counts[2]));
  CHECK(counts[0] <= 1);
  CHECK(counts[3] == 0);

  // Retrying with the same key is safe whichever way it went: the batch is there once.
  FullServer s(dir.path(), signer);
  Response retry = s.post("/v1/events:batch", org_batch({"so-b1", "so-b2", "so-b3"}), Tokens::admin,
                          {{"Idempotency-Key", "lo-nhap"}});
  INFO(retry.body());
  CHECK(retry.result() == (counts[0] == 1 ? HttpStatus::ok : HttpStatus::created));
  auto stream = static_cast<const EventStore&>(s.store()).read_stream("organization/so-b2", 0, 10);
  REQUIRE(stream.is_ok());
  CHECK(stream->size() == 1);
  check_projections_equal_rebuild(s);
}

TEST_CASE("a full disk under the log: 503 naming it, and a restart with space recovers",
          "[http][faults]") {
  TempDir dir("thidua-faults");
  const audit::Ed25519Signer signer = make_log_signer();
  FullDiskEnv disk;
  FullServerOptions options;
  options.env = disk.env();
  options.seed = seed;
  std::uint64_t head = 0;
  {
    FullServer s(dir.path(), signer, options);
    head = s.store().head();
    REQUIRE(s.projector().wait_for(head, std::chrono::seconds(20)));
    disk.fill(true);
    json p = write_refused(s.post("/v1/organizations", org_body("so-day")));
    CHECK(p["type"] == "/problems/io-error");
    CHECK_THAT(p.value("detail", ""), Catch::Contains("No space"));
    json h = health(s);
    CHECK(h["status"] == "degraded");
    CHECK_THAT(h.value("writes_detail", ""), Catch::Contains("No space"));
    reads_go_on(s, head);
    CHECK(s.store().head() == head);
    disk.fill(false);
  }
  std::vector<std::size_t> counts = check_reopened(dir.path(), signer, {"organization/so-day"});
  CHECK(counts[0] == 0);
  check_restart(dir.path(), signer);
}

}  // namespace thidua::http::testing
