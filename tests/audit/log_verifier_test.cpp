// Tamper tests in the spirit of LevelDB's log_test: damage a stored log the way someone with
// disk access could, and check that the verifier names the first bad position and the fault.
#include "thidua/audit/log_verifier.hpp"

#include <catch2/catch.hpp>

#include "events.hpp"
#include "raw_db.hpp"
#include "temp_dir.hpp"
#include "thidua/audit/checkpoint.hpp"
#include "thidua/audit/checkpointer.hpp"
#include "thidua/store/memory_event_store.hpp"
#include "thidua/store/rocksdb_event_store.hpp"
#include "thidua/util/coding.hpp"
#include "thidua/util/merkle.hpp"

using namespace thidua;
using namespace thidua::audit;
using namespace thidua::testing;

namespace {

constexpr char kOrigin[] = "thidua.test/log";

Ed25519Signer test_signer(const std::string& name = kOrigin) {
  auto s = Ed25519Signer::generate(name);
  REQUIRE(s.is_ok());
  return *s;
}

// A log of 50 events over a few streams, with signed checkpoints at 10, 30 and 50.
struct Fixture {
  TempDir dir{"thidua-verify"};
  Ed25519Signer signer = test_signer();
  NoteVerifier key = NoteVerifier::parse(signer.verifier_key()).value();

  Fixture() {
    auto store = open();
    Checkpointer checkpointer(*store, signer, kOrigin);
    for (int i = 0; i < 50; ++i) {
      AppendRequest r = one_event(i % 3 == 0 ? "cluster/cum-6/2019"
                                             : "organization/org-" + std::to_string(i % 4));
      REQUIRE(store->append(r).is_ok());
      if (i == 9 || i == 29 || i == 49) REQUIRE(checkpointer.checkpoint_now().is_ok());
    }
  }

  std::unique_ptr<RocksDbEventStore> open() {
    auto s = RocksDbEventStore::open(dir.path());
    REQUIRE(s.is_ok());
    return std::move(s).value();
  }

  VerifyReport verify() {
    auto store = open();
    auto report = verify_log(*store, key, {kOrigin, {}});
    REQUIRE(report.is_ok());
    return *report;
  }
};

std::string pos(std::uint64_t p) { return encode_fixed64_be(p); }

}  // namespace

TEST_CASE("an intact log verifies", "[verify]") {
  Fixture f;
  VerifyReport r = f.verify();
  INFO(r.problem);
  CHECK(r.ok);
  CHECK(r.events == 50);
  CHECK(r.checkpoints == 3);
  CHECK_FALSE(r.bad_position.has_value());
  auto store = f.open();
  auto all = static_cast<EventStore&>(*store).read_all(0, 100);
  REQUIRE(all.is_ok());
  std::vector<std::string> bytes;
  for (const auto& e : all->events) bytes.push_back(e.bytes);
  CHECK(r.root == merkle::root_of_leaves(bytes));
}

TEST_CASE("a flipped byte in a stored event is named", "[verify]") {
  Fixture f;
  SECTION("still valid JSON") {
    {
      RawDb raw(f.dir.path());
      std::string bytes = raw.get(RawDb::kEvents, pos(17));
      bytes[bytes.find("tester")] ^= 0x01;  // "tester" becomes "uester"
      raw.put(RawDb::kEvents, pos(17), bytes);
    }
    VerifyReport r = f.verify();
    CHECK_FALSE(r.ok);
    CHECK(r.bad_position == 17u);
    CHECK_THAT(r.problem, Catch::Contains("do not match its stored leaf hash"));
  }
  SECTION("no longer JSON") {
    {
      RawDb raw(f.dir.path());
      std::string bytes = raw.get(RawDb::kEvents, pos(17));
      bytes[bytes.size() - 1] = ']';
      raw.put(RawDb::kEvents, pos(17), bytes);
    }
    VerifyReport r = f.verify();
    CHECK(r.bad_position == 17u);
    CHECK_THAT(r.problem, Catch::Contains("not an event in the stored format"));
  }
}

TEST_CASE("a rewritten event with a recomputed tree is caught by the signed checkpoint",
          "[verify]") {
  Fixture f;
  {
    RawDb raw(f.dir.path());
    std::string bytes = raw.get(RawDb::kEvents, pos(17));
    bytes.replace(bytes.find("\"n\":1"), 5, "\"n\":9");
    raw.put(RawDb::kEvents, pos(17), bytes);
    // The forger rebuilds every tree node from the altered events.
    merkle::Frontier tree;
    for (std::uint64_t p = 0; p < 50; ++p) {
      tree.append(merkle::leaf_hash(raw.get(RawDb::kEvents, pos(p))),
                  [&](unsigned level, std::uint64_t index, const Digest& h) {
                    std::string key(1, static_cast<char>(level));
                    key += encode_fixed64_be(index);
                    raw.put(RawDb::kTree, key, digest_bytes(h));
                  });
    }
  }
  VerifyReport r = f.verify();
  CHECK_FALSE(r.ok);
  CHECK(r.bad_position == 29u);  // the first checkpoint after the change
  CHECK_THAT(r.problem, Catch::Contains("checkpoint of size 30"));
  CHECK_THAT(r.problem, Catch::Contains("signed root does not match"));
}

TEST_CASE("a dropped event is named", "[verify]") {
  Fixture f;
  {
    RawDb raw(f.dir.path());
    raw.erase(RawDb::kEvents, pos(20));
  }
  VerifyReport r = f.verify();
  CHECK_FALSE(r.ok);
  CHECK(r.bad_position == 20u);
  CHECK_THAT(r.problem, Catch::Contains("missing"));
}

TEST_CASE("two reordered events are named", "[verify]") {
  Fixture f;
  {
    RawDb raw(f.dir.path());
    std::string a = raw.get(RawDb::kEvents, pos(5)), b = raw.get(RawDb::kEvents, pos(6));
    raw.put(RawDb::kEvents, pos(5), b);
    raw.put(RawDb::kEvents, pos(6), a);
  }
  VerifyReport r = f.verify();
  CHECK_FALSE(r.ok);
  CHECK(r.bad_position == 5u);
  CHECK_THAT(r.problem, Catch::Contains("says it is at position 6"));
}

TEST_CASE("a checkpoint forged with another key is named", "[verify]") {
  Fixture f;
  {
    auto store = f.open();
    Ed25519Signer forger = test_signer();  // same name, different key
    Checkpoint c{kOrigin, 40, {}, {}};
    c.root = merkle::root_at(40, [&](unsigned l, std::uint64_t i) {
               return store->subtree_hash(l, i);
             }).value();
    REQUIRE(store->put_checkpoint(40, sign_note(c.body(), forger)).is_ok());
  }
  VerifyReport r = f.verify();
  CHECK_FALSE(r.ok);
  CHECK(r.bad_position == 39u);
  CHECK_THAT(r.problem, Catch::Contains("checkpoint of size 40"));
}

TEST_CASE("damaged indexes are named", "[verify]") {
  Fixture f;
  SECTION("event index") {
    {
      RawDb raw(f.dir.path());
      std::string v = raw.get(RawDb::kEventIndex, pos(12));
      v[v.size() - 1] = 'x';  // the subject's last byte
      raw.put(RawDb::kEventIndex, pos(12), v);
    }
    VerifyReport r = f.verify();
    CHECK(r.bad_position == 12u);
    CHECK_THAT(r.problem, Catch::Contains("event index does not match"));
  }
  SECTION("id index") {
    {
      RawDb raw(f.dir.path());
      std::string id = raw.get(RawDb::kEventIndex, pos(33)).substr(9, 36);
      raw.put(RawDb::kIds, id, pos(3));
    }
    VerifyReport r = f.verify();
    CHECK(r.bad_position == 33u);
    CHECK_THAT(r.problem, Catch::Contains("id index does not lead back"));
  }
  SECTION("id index entry missing") {
    {
      RawDb raw(f.dir.path());
      raw.erase(RawDb::kIds, raw.get(RawDb::kEventIndex, pos(41)).substr(9, 36));
    }
    VerifyReport r = f.verify();
    CHECK(r.bad_position == 41u);
    CHECK_THAT(r.problem, Catch::Contains("id index has no entry for this event"));
  }
  SECTION("stream index") {
    {
      RawDb raw(f.dir.path());
      raw.erase(RawDb::kStreams, std::string("cluster/cum-6/2019") + '\0' + pos(4));
    }
    VerifyReport r = f.verify();
    CHECK_FALSE(r.ok);
    CHECK(r.bad_position == 12u);  // version 4 of cluster/cum-6/2019 is at position 12
    CHECK_THAT(r.problem, Catch::Contains("index of stream cluster/cum-6/2019"));
  }
}

TEST_CASE("a checkpoint with another origin is named", "[verify]") {
  MemoryEventStore store;
  Ed25519Signer signer = test_signer("other.test/log");
  Checkpointer checkpointer(store, signer, "other.test/log");
  REQUIRE(store.append(one_event("cluster/cum-6/2019")).is_ok());
  REQUIRE(checkpointer.checkpoint_now().is_ok());
  NoteVerifier key = NoteVerifier::parse(signer.verifier_key()).value();
  auto r = verify_log(store, key, {kOrigin, {}});
  REQUIRE(r.is_ok());
  CHECK_FALSE(r->ok);
  CHECK_THAT(r->problem, Catch::Contains("origin 'other.test/log'"));
  CHECK(verify_log(store, key, {"other.test/log", {}})->ok);
}
