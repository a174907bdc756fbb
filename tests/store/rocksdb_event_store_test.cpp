// RocksDB store specifics: failures of the disk, damaged layouts, and the key layout.
#include <rocksdb/db.h>
#include <catch2/catch.hpp>

#include "events.hpp"
#include "raw_db.hpp"
#include "store_fixtures.hpp"
#include "thidua/store/fault_injecting_env.hpp"
#include "thidua/util/coding.hpp"

using namespace thidua;
using namespace thidua::testing;
using Code = Status::Code;

namespace {

RocksDbStoreOptions with_env(const FaultInjectingEnv& faults) {
  RocksDbStoreOptions o;
  o.env = faults.env();
  return o;
}

}  // namespace

TEST_CASE("a failed sync makes the RocksDB store refuse writes until reopened", "[rocksdb]") {
  TempDir dir;
  FaultInjectingEnv faults;
  auto store = open_rocksdb(dir.path(), with_env(faults));
  REQUIRE(store->append(one_event("cluster/cum-6/2020")).is_ok());

  faults.fail_syncs(true);
  auto failed = store->append(one_event("cluster/cum-6/2020"));
  CHECK(failed.status().code() == Code::kIOError);
  CHECK_THAT(failed.status().message(), Catch::Contains("refuses writes until it is reopened"));
  faults.fail_syncs(false);

  // The disk works again, but durability was in doubt: the store stays refusing.
  auto refused = store->append(one_event("cluster/cum-6/2020"));
  CHECK(refused.status().code() == Code::kWriteRefused);
  CHECK(store->write_status().code() == Code::kWriteRefused);
  // Reads go on, and see only the acknowledged event.
  CHECK(store->head() == 1);
  auto all = static_cast<EventStore&>(*store).read_all(0, 10);
  REQUIRE(all.is_ok());
  CHECK(all->events.size() == 1);

  store.reset();
  store = open_rocksdb(dir.path(), with_env(faults));
  CHECK(store->write_status().is_ok());
  // The unacknowledged write may or may not have reached the log; either way there is no gap.
  std::uint64_t head = store->head();
  CHECK((head == 1 || head == 2));
  auto next = store->append(one_event("cluster/cum-6/2020"));
  REQUIRE(next.is_ok());
  CHECK(next->events[0].position == head);
  CHECK(next->events[0].stream_version == head);
}

TEST_CASE("a failed log write fails every request of its group", "[rocksdb]") {
  TempDir dir;
  FaultInjectingEnv faults;
  auto store = open_rocksdb(dir.path(), with_env(faults));
  faults.fail_writes(true);
  std::vector<std::thread> threads;
  std::atomic<int> ok{0}, failed{0};
  for (int t = 0; t < 8; ++t) {
    threads.emplace_back([&] {
      auto r = store->append(one_event("organization/org-1"));
      Code code = r.status().code();
      // Counted, not asserted: Catch's assertions are not thread-safe.
      (code == Code::kIOError || code == Code::kWriteRefused ? failed : ok)++;
    });
  }
  for (auto& t : threads) t.join();
  CHECK(ok == 0);
  CHECK(failed == 8);
  CHECK(store->head() == 0);
  faults.fail_writes(false);
  store.reset();
  store = open_rocksdb(dir.path(), with_env(faults));
  CHECK(store->append(one_event("organization/org-1")).is_ok());
}

TEST_CASE("the fault-injecting wrapper fails before or after the write, then sticks", "[fault]") {
  auto* inner = new MemoryEventStore();
  FaultInjectingEventStore faulty{std::unique_ptr<EventStore>(inner)};
  EventStore& store = faulty;
  faulty.fail_append(FaultInjectingEventStore::Fault::kFailBeforeWrite, 1);
  CHECK(store.append(one_event("organization/org-1")).is_ok());
  CHECK(store.append(one_event("organization/org-1")).status().code() == Code::kIOError);
  CHECK(inner->head() == 1);
  CHECK(store.append(one_event("organization/org-1")).status().code() == Code::kWriteRefused);
  CHECK(store.write_status().code() == Code::kWriteRefused);
  CHECK(store.read_all(0, 10)->events.size() == 1);
  faulty.reopen();
  CHECK(store.append(one_event("organization/org-1")).is_ok());

  faulty.fail_append(FaultInjectingEventStore::Fault::kFailAfterWrite);
  CHECK(store.append(one_event("organization/org-1")).status().code() == Code::kIOError);
  CHECK(inner->head() == 3);  // written, but the caller was told it failed: uncertain
  CHECK(store.append(one_event("organization/org-1")).status().code() == Code::kWriteRefused);
  CHECK(faulty.faults_fired() == 2);

  faulty.fail_reads(true);
  CHECK(store.read_all(0, 10).status().code() == Code::kIOError);
  CHECK(store.read_stream("organization/org-1", 0, 10).status().code() == Code::kIOError);
  CHECK(store.stream_head("organization/org-1").status().code() == Code::kIOError);
  faulty.fail_reads(false);
  CHECK(store.read_stream("organization/org-1", 0, 10)->size() == 3);
}

TEST_CASE("opening refuses a store whose events and index disagree", "[rocksdb]") {
  TempDir dir;
  {
    auto store = open_rocksdb(dir.path());
    for (int i = 0; i < 3; ++i) REQUIRE(store->append(one_event("organization/org-1")).is_ok());
  }
  {
    RawDb raw(dir.path());
    REQUIRE(
        raw.db
            ->Delete(rocksdb::WriteOptions(), raw.handles[RawDb::kEventIndex], encode_fixed64_be(2))
            .ok());
  }
  auto reopened = RocksDbEventStore::open(dir.path());
  CHECK(reopened.status().code() == Code::kCorruption);
  CHECK_THAT(reopened.status().message(),
             Catch::Contains("event log ends at 3 but its index at 2"));
}

TEST_CASE("opening refuses an unknown store format", "[rocksdb]") {
  TempDir dir;
  open_rocksdb(dir.path()).reset();
  {
    RawDb raw(dir.path());
    REQUIRE(raw.db->Put(rocksdb::WriteOptions(), "format", "thidua-store-99").ok());
  }
  auto reopened = RocksDbEventStore::open(dir.path());
  CHECK(reopened.status().code() == Code::kCorruption);
  CHECK_THAT(reopened.status().message(), Catch::Contains("thidua-store-99"));
}

TEST_CASE("a missing event is reported as corruption, not skipped", "[rocksdb]") {
  TempDir dir;
  {
    auto store = open_rocksdb(dir.path());
    for (int i = 0; i < 3; ++i) REQUIRE(store->append(one_event("organization/org-1")).is_ok());
  }
  {
    RawDb raw(dir.path());
    REQUIRE(
        raw.db->Delete(rocksdb::WriteOptions(), raw.handles[RawDb::kEvents], encode_fixed64_be(1))
            .ok());
  }
  auto store = open_rocksdb(dir.path());
  auto all = static_cast<EventStore&>(*store).read_all(0, 10);
  CHECK(all.status().code() == Code::kCorruption);
  CHECK_THAT(all.status().message(), Catch::Contains("position 1"));
  CHECK(store->read_stream("organization/org-1", 0, 10).status().code() == Code::kCorruption);
}

TEST_CASE("appends after close are refused as unavailable", "[rocksdb]") {
  TempDir dir;
  auto store = open_rocksdb(dir.path());
  REQUIRE(store->append(one_event("organization/org-1")).is_ok());
  store->close();
  CHECK(store->append(one_event("organization/org-1")).status().code() == Code::kUnavailable);
}

TEST_CASE("the key layout of docs/storage.md", "[rocksdb]") {
  TempDir dir;
  {
    auto store = open_rocksdb(dir.path());
    AppendRequest r = one_event("cluster/cum-6/2020");
    r.idempotency_key = "k1";
    REQUIRE(store->append(r).is_ok());
  }
  RawDb raw(dir.path());
  std::string value;
  REQUIRE(raw.db->Get(rocksdb::ReadOptions(), "format", &value).ok());
  CHECK(value == "thidua-store-1");
  REQUIRE(
      raw.db->Get(rocksdb::ReadOptions(), raw.handles[RawDb::kEvents], encode_fixed64_be(0), &value)
          .ok());
  CHECK(value.rfind("{\"specversion\":\"1.0\"", 0) == 0);
  std::string stream_key = std::string("cluster/cum-6/2020") + '\0' + encode_fixed64_be(0);
  REQUIRE(
      raw.db->Get(rocksdb::ReadOptions(), raw.handles[RawDb::kStreams], stream_key, &value).ok());
  CHECK(value == encode_fixed64_be(0));
  REQUIRE(raw.db->Get(rocksdb::ReadOptions(), raw.handles[RawDb::kIdempotency], "k1", &value).ok());
  CHECK(value.size() == 48);
  CHECK(value.substr(32) == encode_fixed64_be(0) + encode_fixed64_be(1));
}
