// RocksDbEventStore: the durable EventStore, on RocksDB.
//
// Every append is acknowledged only after its write batch is in RocksDB's write-ahead log and
// the log is synced. Appenders hand prepared requests to one writer thread, which gathers all
// that are waiting into one synced write (group commit), so throughput is not capped by the
// disk's fsync rate while the order stays total. After a failed or uncertain write the store
// refuses writes (kWriteRefused) until it is opened again; reads go on. Key layout:
// docs/storage.md.
//
// Thread-safety: all methods may be called concurrently. Destroying the store finishes the
// writes already queued, then closes the database.
#pragma once

#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "thidua/metrics/registry.hpp"
#include "thidua/store/event_store.hpp"

namespace rocksdb {
class Env;
}

namespace thidua {

struct RocksDbStoreOptions {
  StoreLimits limits;
  std::vector<std::string> stream_categories;  // empty: default_stream_categories()
  // Most requests and bytes gathered into one group commit.
  std::size_t max_group_requests = 4096;
  std::size_t max_group_bytes = 16 * 1024 * 1024;
  // Open without taking the database's lock, for reading while a server runs (thidua verify).
  // Appends and checkpoints are then refused with kWriteRefused.
  bool read_only = false;
  // For tests: the RocksDB environment to use (e.g. one with a fault-injecting file system).
  // Not owned; must outlive the store. Null: the default environment.
  rocksdb::Env* env = nullptr;
  // Where the store reports what its writer does and the log's size (below); it must outlive
  // the store. Null: nowhere.
  MetricRegistry* metrics = nullptr;
};

// The store's metrics: thidua_appends_total and thidua_appended_events_total (append requests
// and events written durably), the histograms thidua_group_commit_requests (requests per
// synced write) and thidua_fsync_seconds (the time of each synced write), and, read at each
// scrape, thidua_log_events (the head) and thidua_checkpoint_tree_size (the newest signed
// checkpoint's).

class RocksDbEventStore final : public EventStore {
 public:
  // Opens (creating if absent) the store in `dir`. Outcomes: the store; kIOError when RocksDB
  // cannot open the directory; kCorruption when the layout is not one this version knows.
  static Result<std::unique_ptr<RocksDbEventStore>> open(const std::filesystem::path& dir,
                                                         RocksDbStoreOptions options = {});
  ~RocksDbEventStore() override;

  void append_async(AppendRequest request, AppendCallback done) override;
  Result<ReadBatch> read_all(std::uint64_t from, std::size_t limit, const ReadFilter& filter,
                             std::size_t max_scan) const override;
  Result<std::vector<RecordedEvent>> read_stream(const std::string& stream,
                                                 std::uint64_t from_version,
                                                 std::size_t limit) const override;
  Result<RecordedEvent> read_event(const std::string& id) const override;
  Result<std::optional<IdempotencyEntry>> idempotency_entry(const std::string& key) const override;
  std::uint64_t head() const override;
  Result<std::optional<std::uint64_t>> stream_head(const std::string& stream) const override;
  bool wait_beyond(std::uint64_t position, std::chrono::milliseconds timeout) const override;
  std::uint64_t add_commit_listener(CommitListener listener) override;
  void remove_commit_listener(std::uint64_t id) override;
  Status write_status() const override;
  Result<Digest> subtree_hash(unsigned level, std::uint64_t index) const override;
  Result<std::uint64_t> position_of(const std::string& id) const override;
  Result<std::vector<std::pair<std::string, std::uint64_t>>> id_index(
      const std::string& after, std::size_t limit) const override;

  Result<std::vector<std::uint64_t>> stream_positions(const std::string& stream,
                                                      std::uint64_t from_version,
                                                      std::size_t limit) const override;
  Result<std::vector<Digest>> subtree_hashes(unsigned level, std::uint64_t first,
                                             std::size_t count) const override;

  Status put_checkpoint(std::uint64_t tree_size, std::string note) override;
  Result<std::vector<StoredCheckpoint>> checkpoints(std::uint64_t from_size,
                                                    std::size_t limit) const override;
  Result<std::optional<StoredCheckpoint>> latest_checkpoint() const override;

  // Stops taking appends (kUnavailable), finishes those queued, and syncs. Idempotent; also
  // done by the destructor.
  void close();

  struct Impl;

 private:
  explicit RocksDbEventStore(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
  ScopedCollector collector_;  // last: removed before the rest is destroyed
};

}  // namespace thidua
