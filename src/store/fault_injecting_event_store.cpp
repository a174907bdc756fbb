#include "thidua/store/fault_injecting_event_store.hpp"

namespace thidua {

FaultInjectingEventStore::FaultInjectingEventStore(std::unique_ptr<EventStore> inner)
    : inner_(std::move(inner)) {}

void FaultInjectingEventStore::fail_append(Fault fault, std::size_t skip) {
  std::lock_guard<std::mutex> lock(mu_);
  armed_ = fault;
  skip_ = skip;
}

void FaultInjectingEventStore::reopen() {
  std::lock_guard<std::mutex> lock(mu_);
  sticky_ = Status::ok();
}

Status FaultInjectingEventStore::write_status() const {
  std::lock_guard<std::mutex> lock(mu_);
  if (!sticky_.is_ok()) return sticky_;
  return inner_->write_status();
}

Status FaultInjectingEventStore::admit(std::optional<Fault>& fault) {
  // One lock for the sticky check and the fault, so no append slips past a fault that fired.
  std::lock_guard<std::mutex> lock(mu_);
  if (!sticky_.is_ok()) return sticky_;
  fault = take_fault_locked();
  return Status::ok();
}

std::optional<FaultInjectingEventStore::Fault> FaultInjectingEventStore::take_fault_locked() {
  if (!armed_) return std::nullopt;
  if (skip_ > 0) {
    --skip_;
    return std::nullopt;
  }
  std::optional<Fault> fault = armed_;
  armed_.reset();
  sticky_ = Status::write_refused("an earlier write failed (injected); reopen the store");
  ++fired_;
  return fault;
}

void FaultInjectingEventStore::append_async(AppendRequest request, AppendCallback done) {
  std::optional<Fault> fault;
  if (Status s = admit(fault); !s.is_ok()) return done(s);
  if (!fault) return inner_->append_async(std::move(request), std::move(done));
  Status failed = Status::io_error("injected write failure");
  if (*fault == Fault::kFailBeforeWrite) return done(failed);
  inner_->append_async(std::move(request),
                       [done = std::move(done), failed](Result<AppendResult>) { done(failed); });
}

Status FaultInjectingEventStore::read_fault() const {
  return fail_reads_ ? Status::io_error("injected read failure") : Status::ok();
}

Result<ReadBatch> FaultInjectingEventStore::read_all(std::uint64_t from, std::size_t limit,
                                                     const ReadFilter& filter,
                                                     std::size_t max_scan) const {
  if (Status s = read_fault(); !s.is_ok()) return s;
  return inner_->read_all(from, limit, filter, max_scan);
}

Result<std::vector<RecordedEvent>> FaultInjectingEventStore::read_stream(const std::string& stream,
                                                                         std::uint64_t from_version,
                                                                         std::size_t limit) const {
  if (Status s = read_fault(); !s.is_ok()) return s;
  return inner_->read_stream(stream, from_version, limit);
}

Result<RecordedEvent> FaultInjectingEventStore::read_event(const std::string& id) const {
  if (Status s = read_fault(); !s.is_ok()) return s;
  return inner_->read_event(id);
}

Result<std::optional<IdempotencyEntry>> FaultInjectingEventStore::idempotency_entry(
    const std::string& key) const {
  if (Status s = read_fault(); !s.is_ok()) return s;
  return inner_->idempotency_entry(key);
}

Result<std::optional<std::uint64_t>> FaultInjectingEventStore::stream_head(
    const std::string& stream) const {
  if (Status s = read_fault(); !s.is_ok()) return s;
  return inner_->stream_head(stream);
}

}  // namespace thidua

namespace thidua {

Result<Digest> FaultInjectingEventStore::subtree_hash(unsigned level, std::uint64_t index) const {
  if (Status s = read_fault(); !s.is_ok()) return s;
  return inner_->subtree_hash(level, index);
}

Result<std::uint64_t> FaultInjectingEventStore::position_of(const std::string& id) const {
  if (Status s = read_fault(); !s.is_ok()) return s;
  return inner_->position_of(id);
}

Result<std::vector<std::pair<std::string, std::uint64_t>>> FaultInjectingEventStore::id_index(
    const std::string& after, std::size_t limit) const {
  if (Status s = read_fault(); !s.is_ok()) return s;
  return inner_->id_index(after, limit);
}

Result<std::vector<std::uint64_t>> FaultInjectingEventStore::stream_positions(
    const std::string& stream, std::uint64_t from_version, std::size_t limit) const {
  if (Status s = read_fault(); !s.is_ok()) return s;
  return inner_->stream_positions(stream, from_version, limit);
}

Result<std::vector<Digest>> FaultInjectingEventStore::subtree_hashes(unsigned level,
                                                                     std::uint64_t first,
                                                                     std::size_t count) const {
  if (Status s = read_fault(); !s.is_ok()) return s;
  return inner_->subtree_hashes(level, first, count);
}

Status FaultInjectingEventStore::put_checkpoint(std::uint64_t tree_size, std::string note) {
  std::optional<Fault> fault;
  if (Status s = admit(fault); !s.is_ok()) return s;
  if (!fault) return inner_->put_checkpoint(tree_size, std::move(note));
  if (*fault == Fault::kFailAfterWrite) {
    Status written = inner_->put_checkpoint(tree_size, std::move(note));
    (void)written;  // the caller is told the write failed whatever happened to it
  }
  return Status::io_error("injected write failure");
}

Result<std::vector<StoredCheckpoint>> FaultInjectingEventStore::checkpoints(
    std::uint64_t from_size, std::size_t limit) const {
  if (Status s = read_fault(); !s.is_ok()) return s;
  return inner_->checkpoints(from_size, limit);
}

Result<std::optional<StoredCheckpoint>> FaultInjectingEventStore::latest_checkpoint() const {
  if (Status s = read_fault(); !s.is_ok()) return s;
  return inner_->latest_checkpoint();
}

}  // namespace thidua
