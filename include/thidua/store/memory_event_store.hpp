// MemoryEventStore: an EventStore held in memory, for tests and tools.
//
// Same contract as the RocksDB store except durability: nothing survives the object. It
// cannot fail on its own; wrap it in FaultInjectingEventStore to test failure paths.
// Thread-safe.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "thidua/store/event_store.hpp"

namespace thidua {

struct MemoryStoreOptions {
  StoreLimits limits;
  std::vector<std::string> stream_categories;  // empty: default_stream_categories()
};

class MemoryEventStore final : public EventStore {
 public:
  explicit MemoryEventStore(MemoryStoreOptions options = {});
  ~MemoryEventStore() override;

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

 private:
  struct State;
  std::unique_ptr<State> state_;
};

}  // namespace thidua
