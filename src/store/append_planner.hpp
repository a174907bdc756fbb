// AppendPlanner: decides what one prepared request does to the log (internal to the store).
//
// The planner holds the writer's view of the log: the next position, and an overlay of stream
// heads, event ids and idempotency keys written by requests that are planned but not yet
// durable. It asks the backing store (through Lookups) for everything older. Both stores use it,
// so both enforce the same rules. Not thread-safe: owned by the single writer.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "envelope_encoder.hpp"
#include "thidua/store/event_store.hpp"
#include "thidua/util/merkle.hpp"

namespace thidua::store_internal {

// What an idempotency key remembers: the request's hash and where its events landed.
struct IdempotencyRecord {
  Digest request_hash{};
  std::uint64_t first_position = 0;
  std::uint64_t count = 0;

  std::string encode() const;  // 32 hash bytes, then first and count as fixed64 big-endian
  static std::optional<IdempotencyRecord> decode(std::string_view bytes);
};

struct Lookups {
  // Last version of a stream among durable events, or nullopt.
  std::function<Result<std::optional<std::uint64_t>>(const std::string&)> stream_head;
  // Whether an event id is already in the durable log.
  std::function<Result<bool>(const std::string&)> id_exists;
  // The durable idempotency record for a key, if any.
  std::function<Result<std::optional<IdempotencyRecord>>(const std::string&)> idempotency;
};

// A perfect subtree hash completed by a plan, to be stored with its events.
struct TreeNode {
  unsigned level;
  std::uint64_t index;
  Digest hash;
};

struct Plan {
  // New events to write, with positions and versions assigned; empty for a replay.
  std::vector<RecordedEvent> events;
  std::optional<IdempotencyRecord> idempotency;  // to store with the events
  // For a replay: the original request's place in the log.
  std::optional<IdempotencyRecord> replay_of;
  // The Merkle tree's new perfect subtrees, the plan's leaves included.
  std::vector<TreeNode> tree_nodes;
};

class AppendPlanner {
 public:
  // `tree` is the frontier of the tree over [0, next_position); accepted plans append their
  // leaves to it. Not owned; must outlive the planner.
  AppendPlanner(std::uint64_t next_position, Lookups lookups, merkle::Frontier* tree);

  // Checks `request` against the log plus the overlay. On success the overlay includes the
  // plan's events, which the caller must then write (or, on failure, discard the planner).
  // Outcomes: a plan; kConflict; kIdempotencyMismatch; kInvalidArgument (duplicate event id);
  // a lookup's error.
  Result<Plan> plan(const PreparedRequest& request);

  std::uint64_t next_position() const { return next_position_; }

 private:
  Result<std::optional<std::uint64_t>> current_head(const std::string& stream);
  Status check_expectations(const PreparedRequest& request);
  Status check_ids(const PreparedRequest& request);
  Result<std::optional<IdempotencyRecord>> find_key(const std::string& key);

  std::uint64_t next_position_;
  Lookups lookups_;
  merkle::Frontier* tree_;
  std::unordered_map<std::string, std::uint64_t> pending_heads_;
  // Durable heads already read in this group: a request's expectations and its events ask for
  // the same streams, and each read is a RocksDB iterator seek.
  std::unordered_map<std::string, std::optional<std::uint64_t>> looked_up_;
  std::unordered_set<std::string> pending_ids_;
  std::unordered_map<std::string, IdempotencyRecord> pending_keys_;
};

}  // namespace thidua::store_internal

namespace thidua::store_internal {

// The result reported for `events` (new or, with `replayed`, found again for a repeated key).
AppendResult make_result(const std::vector<RecordedEvent>& events, bool replayed);

// kOk when the perfect subtree (level, index) lies within a tree of `head` leaves; kNotFound
// otherwise.
Status check_subtree_bound(unsigned level, std::uint64_t index, std::uint64_t head);

// The checks of EventStore::put_checkpoint that need no storage: size within `head`, note
// non-empty and at most 64 KiB.
Status check_checkpoint(std::uint64_t tree_size, const std::string& note, std::uint64_t head);

}  // namespace thidua::store_internal
