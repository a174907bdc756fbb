#include "thidua/store/event_store.hpp"

#include <future>

namespace thidua {

bool ReadFilter::matches(const std::string& type, const std::string& subject) const {
  if (!subject_prefix.empty() && subject.compare(0, subject_prefix.size(), subject_prefix) != 0) {
    return false;
  }
  for (const std::string& t : excluded_types) {
    if (t == type) return false;
  }
  for (const std::string& prefix : excluded_subject_prefixes) {
    if (subject.compare(0, prefix.size(), prefix) == 0) return false;
  }
  if (types.empty()) return true;
  for (const std::string& t : types) {
    if (t == type) return true;
  }
  return false;
}

Result<AppendResult> EventStore::append(AppendRequest request) {
  std::promise<Result<AppendResult>> promise;
  std::future<Result<AppendResult>> future = promise.get_future();
  append_async(std::move(request),
               [&promise](Result<AppendResult> r) { promise.set_value(std::move(r)); });
  return future.get();
}

std::unique_ptr<Subscription> EventStore::subscribe(std::uint64_t from, ReadFilter filter) const {
  return std::make_unique<Subscription>(*this, from, std::move(filter));
}

Subscription::Subscription(const EventStore& store, std::uint64_t from, ReadFilter filter)
    : store_(store), cursor_(from), filter_(std::move(filter)) {}

Result<std::vector<RecordedEvent>> Subscription::next(std::size_t max,
                                                      std::chrono::milliseconds timeout) {
  // The cursor only moves past positions that were read, and every read is bounded by the
  // acknowledged head, so no event is skipped and none is returned twice.
  if (store_.head() <= cursor_ && !store_.wait_beyond(cursor_, timeout)) {
    return std::vector<RecordedEvent>{};
  }
  Result<ReadBatch> batch = store_.read_all(cursor_, max, filter_);
  if (!batch) return batch.status();
  cursor_ = batch->next_position;
  return std::move(batch->events);
}

}  // namespace thidua
