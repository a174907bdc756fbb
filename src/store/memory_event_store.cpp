#include "thidua/store/memory_event_store.hpp"

#include <algorithm>
#include <map>
#include <shared_mutex>
#include <unordered_map>

#include "append_planner.hpp"
#include "commit_notifier.hpp"
#include "thidua/store/stream_name.hpp"

namespace thidua {

using store_internal::AppendPlanner;
using store_internal::IdempotencyRecord;

struct MemoryEventStore::State {
  MemoryStoreOptions options;
  mutable std::shared_mutex mu;
  std::vector<RecordedEvent> events;
  std::unordered_map<std::string, std::vector<std::uint64_t>> streams;  // versions -> positions
  std::unordered_map<std::string, std::uint64_t> ids;
  std::unordered_map<std::string, IdempotencyRecord> keys;
  merkle::Frontier tree;
  std::vector<std::vector<Digest>> levels;  // levels[l][k]: perfect subtree (l, k)
  std::map<std::uint64_t, std::string> checkpoints;
  store_internal::CommitNotifier notifier{0};

  store_internal::Lookups lookups() {
    return {[this](const std::string& s) -> Result<std::optional<std::uint64_t>> {
              auto it = streams.find(s);
              if (it == streams.end()) return std::optional<std::uint64_t>();
              return std::optional<std::uint64_t>(it->second.size() - 1);
            },
            [this](const std::string& id) -> Result<bool> { return ids.count(id) != 0; },
            [this](const std::string& k) -> Result<std::optional<IdempotencyRecord>> {
              auto it = keys.find(k);
              if (it == keys.end()) return std::optional<IdempotencyRecord>();
              return std::optional<IdempotencyRecord>(it->second);
            }};
  }

  Result<AppendResult> append_locked(const store_internal::PreparedRequest& prepared) {
    AppendPlanner planner(events.size(), lookups(), &tree);
    Result<store_internal::Plan> plan = planner.plan(prepared);
    if (!plan) return plan.status();
    if (plan->replay_of) {
      const IdempotencyRecord& r = *plan->replay_of;
      std::vector<RecordedEvent> original(events.begin() + r.first_position,
                                          events.begin() + r.first_position + r.count);
      return store_internal::make_result(original, true);
    }
    AppendResult result = store_internal::make_result(plan->events, false);
    for (RecordedEvent& e : plan->events) {
      streams[e.subject].push_back(e.position);
      ids.emplace(e.id, e.position);
      events.push_back(std::move(e));
    }
    if (plan->idempotency) keys.emplace(prepared.idempotency_key, *plan->idempotency);
    for (const store_internal::TreeNode& n : plan->tree_nodes) {
      if (levels.size() <= n.level) levels.resize(n.level + 1);
      levels[n.level].push_back(n.hash);  // nodes of a level complete in index order
    }
    return result;
  }
};

MemoryEventStore::MemoryEventStore(MemoryStoreOptions options) : state_(std::make_unique<State>()) {
  if (options.stream_categories.empty()) options.stream_categories = default_stream_categories();
  state_->options = std::move(options);
}

MemoryEventStore::~MemoryEventStore() = default;

void MemoryEventStore::append_async(AppendRequest request, AppendCallback done) {
  Result<store_internal::PreparedRequest> prepared = store_internal::prepare_request(
      request, state_->options.stream_categories, state_->options.limits);
  if (!prepared) return done(prepared.status());
  Result<AppendResult> result = Status::unavailable("not appended");
  std::uint64_t head = 0;
  {
    std::unique_lock lock(state_->mu);
    result = state_->append_locked(*prepared);
    head = state_->events.size();
  }
  if (result && !result->replayed) state_->notifier.publish(head);
  done(std::move(result));
}

Result<ReadBatch> MemoryEventStore::read_all(std::uint64_t from, std::size_t limit,
                                             const ReadFilter& filter, std::size_t max_scan) const {
  std::shared_lock lock(state_->mu);
  ReadBatch out;
  std::uint64_t end = std::min<std::uint64_t>(state_->events.size(), state_->notifier.head());
  std::uint64_t pos = std::min(from, end);
  for (std::size_t scanned = 0; pos < end && out.events.size() < limit && scanned < max_scan;
       ++pos, ++scanned) {
    const RecordedEvent& e = state_->events[pos];
    if (filter.matches(e.type, e.subject)) out.events.push_back(e);
  }
  out.next_position = std::max(pos, from);
  return out;
}

Result<std::vector<RecordedEvent>> MemoryEventStore::read_stream(const std::string& stream,
                                                                 std::uint64_t from_version,
                                                                 std::size_t limit) const {
  std::shared_lock lock(state_->mu);
  std::vector<RecordedEvent> out;
  auto it = state_->streams.find(stream);
  if (it == state_->streams.end()) return out;
  for (std::uint64_t v = from_version; v < it->second.size() && out.size() < limit; ++v) {
    out.push_back(state_->events[it->second[v]]);
  }
  return out;
}

Result<RecordedEvent> MemoryEventStore::read_event(const std::string& id) const {
  std::shared_lock lock(state_->mu);
  auto it = state_->ids.find(id);
  if (it == state_->ids.end()) return Status::not_found("no event with id " + id);
  return state_->events[it->second];
}

Result<std::optional<IdempotencyEntry>> MemoryEventStore::idempotency_entry(
    const std::string& key) const {
  std::shared_lock lock(state_->mu);
  auto it = state_->keys.find(key);
  if (it == state_->keys.end()) return std::optional<IdempotencyEntry>();
  const IdempotencyRecord& r = it->second;
  return std::optional<IdempotencyEntry>(
      IdempotencyEntry{r.request_hash, r.first_position, r.count});
}

std::uint64_t MemoryEventStore::head() const { return state_->notifier.head(); }

Result<std::optional<std::uint64_t>> MemoryEventStore::stream_head(
    const std::string& stream) const {
  std::shared_lock lock(state_->mu);
  auto it = state_->streams.find(stream);
  if (it == state_->streams.end()) return std::optional<std::uint64_t>();
  return std::optional<std::uint64_t>(it->second.size() - 1);
}

bool MemoryEventStore::wait_beyond(std::uint64_t position,
                                   std::chrono::milliseconds timeout) const {
  return state_->notifier.wait_beyond(position, timeout);
}

std::uint64_t MemoryEventStore::add_commit_listener(CommitListener listener) {
  return state_->notifier.add_listener(std::move(listener));
}

void MemoryEventStore::remove_commit_listener(std::uint64_t id) {
  state_->notifier.remove_listener(id);
}

Status MemoryEventStore::write_status() const { return Status::ok(); }

Result<Digest> MemoryEventStore::subtree_hash(unsigned level, std::uint64_t index) const {
  if (Status s = store_internal::check_subtree_bound(level, index, head()); !s.is_ok()) return s;
  std::shared_lock lock(state_->mu);
  return state_->levels[level][index];
}

Result<std::uint64_t> MemoryEventStore::position_of(const std::string& id) const {
  std::shared_lock lock(state_->mu);
  auto it = state_->ids.find(id);
  if (it == state_->ids.end() || it->second >= head()) {
    return Status::not_found("no event with id " + id);
  }
  return it->second;
}

Result<std::vector<std::pair<std::string, std::uint64_t>>> MemoryEventStore::id_index(
    const std::string& after, std::size_t limit) const {
  std::shared_lock lock(state_->mu);
  const std::uint64_t end = head();
  std::vector<std::pair<std::string, std::uint64_t>> out;
  for (const auto& entry : state_->ids) {
    if (entry.first > after && entry.second < end) out.push_back(entry);
  }
  std::sort(out.begin(), out.end());
  if (out.size() > limit) out.resize(limit);
  return out;
}

Result<std::vector<std::uint64_t>> MemoryEventStore::stream_positions(const std::string& stream,
                                                                      std::uint64_t from_version,
                                                                      std::size_t limit) const {
  std::shared_lock lock(state_->mu);
  std::vector<std::uint64_t> out;
  auto it = state_->streams.find(stream);
  if (it == state_->streams.end()) return out;
  const std::uint64_t end = head();
  for (std::uint64_t v = from_version; v < it->second.size() && out.size() < limit; ++v) {
    if (it->second[v] >= end) break;
    out.push_back(it->second[v]);
  }
  return out;
}

Result<std::vector<Digest>> MemoryEventStore::subtree_hashes(unsigned level, std::uint64_t first,
                                                             std::size_t count) const {
  if (count == 0) return std::vector<Digest>{};
  Status s = store_internal::check_subtree_bound(level, first + count - 1, head());
  if (!s.is_ok()) return s;
  std::shared_lock lock(state_->mu);
  const std::vector<Digest>& nodes = state_->levels[level];
  return std::vector<Digest>(nodes.begin() + first, nodes.begin() + first + count);
}

Status MemoryEventStore::put_checkpoint(std::uint64_t tree_size, std::string note) {
  if (Status s = store_internal::check_checkpoint(tree_size, note, head()); !s.is_ok()) return s;
  std::unique_lock lock(state_->mu);
  auto [it, inserted] = state_->checkpoints.try_emplace(tree_size, note);
  if (!inserted && it->second != note) {
    return Status::conflict("another checkpoint is stored for size " + std::to_string(tree_size));
  }
  return Status::ok();
}

Result<std::vector<StoredCheckpoint>> MemoryEventStore::checkpoints(std::uint64_t from_size,
                                                                    std::size_t limit) const {
  std::shared_lock lock(state_->mu);
  std::vector<StoredCheckpoint> out;
  for (auto it = state_->checkpoints.lower_bound(from_size);
       it != state_->checkpoints.end() && out.size() < limit; ++it) {
    out.push_back({it->first, it->second});
  }
  return out;
}

Result<std::optional<StoredCheckpoint>> MemoryEventStore::latest_checkpoint() const {
  std::shared_lock lock(state_->mu);
  if (state_->checkpoints.empty()) return std::optional<StoredCheckpoint>();
  const auto& [size, note] = *state_->checkpoints.rbegin();
  return std::optional<StoredCheckpoint>(StoredCheckpoint{size, note});
}

}  // namespace thidua
