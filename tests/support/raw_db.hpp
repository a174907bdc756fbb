// The store's RocksDB database opened directly, with every column family, for damaging it on
// purpose in tests (as someone with disk access could, e.g. with RocksDB's ldb tool).
#pragma once

#include <rocksdb/db.h>

#include <filesystem>
#include <memory>
#include <stdexcept>
#include <string>
#include <vector>

namespace thidua::testing {

struct RawDb {
  // Column families in the order of docs/storage.md.
  enum Family { kDefault, kEvents, kEventIndex, kStreams, kIds, kIdempotency, kTree, kCheckpoints };

  std::unique_ptr<rocksdb::DB> db;
  std::vector<rocksdb::ColumnFamilyHandle*> handles;

  explicit RawDb(const std::filesystem::path& dir) {
    std::vector<rocksdb::ColumnFamilyDescriptor> families;
    for (const char* name : {"default", "events", "event_index", "streams", "ids", "idempotency",
                             "tree", "checkpoints"}) {
      families.emplace_back(name, rocksdb::ColumnFamilyOptions());
    }
    rocksdb::DB* raw = nullptr;
    rocksdb::Status s =
        rocksdb::DB::Open(rocksdb::Options(), dir.string(), families, &handles, &raw);
    if (!s.ok()) throw std::runtime_error("RawDb: " + s.ToString());
    db.reset(raw);
  }
  ~RawDb() {
    for (auto* h : handles) db->DestroyColumnFamilyHandle(h);
  }

  std::string get(Family f, const std::string& key) {
    std::string value;
    rocksdb::Status s = db->Get(rocksdb::ReadOptions(), handles[f], key, &value);
    if (!s.ok()) throw std::runtime_error("RawDb get: " + s.ToString());
    return value;
  }
  void put(Family f, const std::string& key, const std::string& value) {
    rocksdb::Status s = db->Put(rocksdb::WriteOptions(), handles[f], key, value);
    if (!s.ok()) throw std::runtime_error("RawDb put: " + s.ToString());
  }
  void erase(Family f, const std::string& key) {
    rocksdb::Status s = db->Delete(rocksdb::WriteOptions(), handles[f], key);
    if (!s.ok()) throw std::runtime_error("RawDb delete: " + s.ToString());
  }
};

}  // namespace thidua::testing
