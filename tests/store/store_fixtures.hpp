// The stores the contract suite runs against. Each fixture owns one store; durable fixtures
// can reopen it to show that acknowledged writes survive.
#pragma once

#include <memory>

#include "temp_dir.hpp"
#include "thidua/store/fault_injecting_event_store.hpp"
#include "thidua/store/memory_event_store.hpp"
#include "thidua/store/rocksdb_event_store.hpp"

namespace thidua::testing {

struct MemoryFixture {
  static constexpr bool kDurable = false;
  std::unique_ptr<EventStore> store = std::make_unique<MemoryEventStore>();
  void reopen() {}
};

inline std::unique_ptr<RocksDbEventStore> open_rocksdb(const std::filesystem::path& dir,
                                                       RocksDbStoreOptions options = {}) {
  auto s = RocksDbEventStore::open(dir, std::move(options));
  if (!s) throw std::runtime_error(s.status().to_string());
  return std::move(s).value();
}

struct RocksDbFixture {
  static constexpr bool kDurable = true;
  TempDir dir{"thidua-store"};
  std::unique_ptr<EventStore> store = open_rocksdb(dir.path());
  void reopen() {
    store.reset();
    store = open_rocksdb(dir.path());
  }
};

struct FaultOverMemoryFixture {
  static constexpr bool kDurable = false;
  std::unique_ptr<EventStore> store =
      std::make_unique<FaultInjectingEventStore>(std::make_unique<MemoryEventStore>());
  void reopen() {}
};

struct FaultOverRocksDbFixture {
  static constexpr bool kDurable = true;
  TempDir dir{"thidua-store"};
  std::unique_ptr<EventStore> store = wrap();
  std::unique_ptr<EventStore> wrap() {
    return std::make_unique<FaultInjectingEventStore>(open_rocksdb(dir.path()));
  }
  void reopen() {
    store.reset();
    store = wrap();
  }
};

}  // namespace thidua::testing
