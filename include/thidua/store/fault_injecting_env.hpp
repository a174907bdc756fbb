// FaultInjectingEnv: a RocksDB environment whose file writes and syncs fail on demand.
//
// Given to RocksDbEventStore through RocksDbStoreOptions::env, it makes the real store meet a
// failing disk: while armed, every append to or sync of a file RocksDB writes (its write-ahead
// log included) fails with an I/O error. The store must then refuse writes (kWriteRefused)
// until reopened, and keep serving reads. Thread-safe; must outlive the store that uses it.
#pragma once

#include <atomic>
#include <memory>

namespace rocksdb {
class Env;
class FileSystem;
}  // namespace rocksdb

namespace thidua {

class FaultInjectingEnv {
 public:
  FaultInjectingEnv();
  ~FaultInjectingEnv();
  FaultInjectingEnv(const FaultInjectingEnv&) = delete;
  FaultInjectingEnv& operator=(const FaultInjectingEnv&) = delete;

  rocksdb::Env* env() const { return env_.get(); }

  // While true, file appends fail.
  void fail_writes(bool on) { fail_writes_ = on; }
  // While true, file syncs fail.
  void fail_syncs(bool on) { fail_syncs_ = on; }

  bool writes_fail() const { return fail_writes_; }
  bool syncs_fail() const { return fail_syncs_; }

 private:
  std::atomic<bool> fail_writes_{false};
  std::atomic<bool> fail_syncs_{false};
  std::shared_ptr<rocksdb::FileSystem> fs_;
  std::unique_ptr<rocksdb::Env> env_;
};

}  // namespace thidua
