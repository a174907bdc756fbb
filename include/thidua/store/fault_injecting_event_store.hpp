// FaultInjectingEventStore: an EventStore wrapper that fails on purpose.
//
// It forwards everything to the wrapped store until a fault is armed. An armed append fault
// fires on a chosen later append: kFailBeforeWrite refuses it without touching the inner store
// (a write that never reached the disk); kFailAfterWrite lets the inner store write it and then
// reports failure (a write whose outcome the caller cannot know). Either way the wrapper then
// behaves as the real store does after a failed write: every later append is kWriteRefused
// until reopen() (which stands for opening the store again); reads go on. Read faults make
// reads fail with kIOError while armed.
//
// Thread-safety: as the wrapped store; arming may happen concurrently with use.
#pragma once

#include <atomic>
#include <memory>
#include <mutex>

#include "thidua/store/event_store.hpp"

namespace thidua {

class FaultInjectingEventStore final : public EventStore {
 public:
  enum class Fault { kFailBeforeWrite, kFailAfterWrite };

  explicit FaultInjectingEventStore(std::unique_ptr<EventStore> inner);

  // Arms `fault` for the append after `skip` more successful ones.
  void fail_append(Fault fault, std::size_t skip = 0);
  // While true, every read fails with kIOError.
  void fail_reads(bool on) { fail_reads_ = on; }
  // Clears the sticky failure, as opening the store again would.
  void reopen();
  // How many faults have fired.
  std::size_t faults_fired() const { return fired_; }

  void append_async(AppendRequest request, AppendCallback done) override;
  Result<ReadBatch> read_all(std::uint64_t from, std::size_t limit, const ReadFilter& filter,
                             std::size_t max_scan) const override;
  Result<std::vector<RecordedEvent>> read_stream(const std::string& stream,
                                                 std::uint64_t from_version,
                                                 std::size_t limit) const override;
  Result<RecordedEvent> read_event(const std::string& id) const override;
  Result<std::optional<IdempotencyEntry>> idempotency_entry(const std::string& key) const override;
  std::uint64_t head() const override { return inner_->head(); }
  Result<std::optional<std::uint64_t>> stream_head(const std::string& stream) const override;
  bool wait_beyond(std::uint64_t position, std::chrono::milliseconds timeout) const override {
    return inner_->wait_beyond(position, timeout);
  }
  std::uint64_t add_commit_listener(CommitListener listener) override {
    return inner_->add_commit_listener(std::move(listener));
  }
  void remove_commit_listener(std::uint64_t id) override { inner_->remove_commit_listener(id); }
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

  // Fails like an append when a fault is due or the wrapper is sticky.
  Status put_checkpoint(std::uint64_t tree_size, std::string note) override;
  Result<std::vector<StoredCheckpoint>> checkpoints(std::uint64_t from_size,
                                                    std::size_t limit) const override;
  Result<std::optional<StoredCheckpoint>> latest_checkpoint() const override;

 private:
  // kOk and the fault to apply to this write, if one is due; the sticky error otherwise.
  Status admit(std::optional<Fault>& fault);
  // REQUIRES: mu_ held.
  std::optional<Fault> take_fault_locked();
  Status read_fault() const;

  std::unique_ptr<EventStore> inner_;
  mutable std::mutex mu_;
  std::optional<Fault> armed_;  // guarded by mu_
  std::size_t skip_ = 0;        // guarded by mu_
  Status sticky_;               // guarded by mu_
  std::atomic<bool> fail_reads_{false};
  std::atomic<std::size_t> fired_{0};
};

}  // namespace thidua
