#include "append_planner.hpp"

#include <cstring>

#include "thidua/util/coding.hpp"

namespace thidua::store_internal {

std::string IdempotencyRecord::encode() const {
  std::string out = digest_bytes(request_hash);
  put_fixed64_be(out, first_position);
  put_fixed64_be(out, count);
  return out;
}

std::optional<IdempotencyRecord> IdempotencyRecord::decode(std::string_view bytes) {
  if (bytes.size() != 48) return std::nullopt;
  IdempotencyRecord r;
  std::memcpy(r.request_hash.data(), bytes.data(), 32);
  r.first_position = decode_fixed64_be(bytes.substr(32));
  r.count = decode_fixed64_be(bytes.substr(40));
  return r;
}

AppendPlanner::AppendPlanner(std::uint64_t next_position, Lookups lookups, merkle::Frontier* tree)
    : next_position_(next_position), lookups_(std::move(lookups)), tree_(tree) {}

Result<std::optional<std::uint64_t>> AppendPlanner::current_head(const std::string& stream) {
  auto it = pending_heads_.find(stream);
  if (it != pending_heads_.end()) return std::optional<std::uint64_t>(it->second);
  auto seen = looked_up_.find(stream);
  if (seen != looked_up_.end()) return seen->second;
  Result<std::optional<std::uint64_t>> head = lookups_.stream_head(stream);
  if (head) looked_up_.emplace(stream, *head);
  return head;
}

Result<std::optional<IdempotencyRecord>> AppendPlanner::find_key(const std::string& key) {
  auto it = pending_keys_.find(key);
  if (it != pending_keys_.end()) return std::optional<IdempotencyRecord>(it->second);
  return lookups_.idempotency(key);
}

Status AppendPlanner::check_expectations(const PreparedRequest& request) {
  for (const StreamExpectation& x : request.expectations) {
    Result<std::optional<std::uint64_t>> head = current_head(x.stream);
    if (!head) return head.status();
    const std::optional<std::uint64_t>& h = *head;
    switch (x.expected.kind) {
      case ExpectedVersion::Kind::kAny:
        break;
      case ExpectedVersion::Kind::kNoStream:
        if (h) {
          return Status::conflict("stream '" + x.stream +
                                  "' was expected not to exist; it is at version " +
                                  std::to_string(*h));
        }
        break;
      case ExpectedVersion::Kind::kExact:
        if (!h || *h != x.expected.version) {
          return Status::conflict("stream '" + x.stream + "' was expected at version " +
                                  std::to_string(x.expected.version) + "; it is " +
                                  (h ? "at version " + std::to_string(*h) : "empty"));
        }
        break;
    }
  }
  return Status::ok();
}

Status AppendPlanner::check_ids(const PreparedRequest& request) {
  std::unordered_set<std::string> in_request;
  for (const EncodedEvent& e : request.events) {
    if (!in_request.insert(e.id).second || pending_ids_.count(e.id) != 0) {
      return Status::invalid_argument("event id " + e.id + " is used twice");
    }
    Result<bool> exists = lookups_.id_exists(e.id);
    if (!exists) return exists.status();
    if (*exists) return Status::invalid_argument("event id " + e.id + " is already in the log");
  }
  return Status::ok();
}

Result<Plan> AppendPlanner::plan(const PreparedRequest& request) {
  Plan plan;
  if (!request.idempotency_key.empty()) {
    Result<std::optional<IdempotencyRecord>> found = find_key(request.idempotency_key);
    if (!found) return found.status();
    if (*found) {
      if ((*found)->request_hash != request.request_hash) {
        return Status::idempotency_mismatch("idempotency key '" + request.idempotency_key +
                                            "' was used before with a different request");
      }
      plan.replay_of = **found;
      return plan;
    }
  }
  if (request.expected_position && *request.expected_position != next_position_) {
    return Status::conflict("the request expected its first event at position " +
                            std::to_string(*request.expected_position) + ", but the log is at " +
                            std::to_string(next_position_));
  }
  if (Status s = check_expectations(request); !s.is_ok()) return s;
  if (Status s = check_ids(request); !s.is_ok()) return s;

  std::unordered_map<std::string, std::uint64_t> heads;
  plan.events.reserve(request.events.size());
  for (std::size_t i = 0; i < request.events.size(); ++i) {
    const EncodedEvent& e = request.events[i];
    auto it = heads.find(e.subject);
    std::uint64_t version = 0;
    if (it != heads.end()) {
      version = it->second + 1;
    } else {
      Result<std::optional<std::uint64_t>> head = current_head(e.subject);
      if (!head) return head.status();
      version = *head ? **head + 1 : 0;
    }
    heads[e.subject] = version;
    std::uint64_t position = next_position_ + i;
    plan.events.push_back(
        RecordedEvent{position, version, e.id, e.type, e.subject, e.finish(position, version)});
  }
  // The plan is accepted: grow the tree and fold the plan into the overlay.
  for (const RecordedEvent& e : plan.events) {
    tree_->append(merkle::leaf_hash(e.bytes),
                  [&](unsigned level, std::uint64_t index, const Digest& hash) {
                    plan.tree_nodes.push_back(TreeNode{level, index, hash});
                  });
  }
  for (auto& [stream, version] : heads) pending_heads_[stream] = version;
  for (const EncodedEvent& e : request.events) pending_ids_.insert(e.id);
  if (!request.idempotency_key.empty()) {
    plan.idempotency =
        IdempotencyRecord{request.request_hash, next_position_, request.events.size()};
    pending_keys_[request.idempotency_key] = *plan.idempotency;
  }
  next_position_ += request.events.size();
  return plan;
}

}  // namespace thidua::store_internal

namespace thidua::store_internal {

AppendResult make_result(const std::vector<RecordedEvent>& events, bool replayed) {
  AppendResult out;
  out.replayed = replayed;
  out.events.reserve(events.size());
  for (const RecordedEvent& e : events) {
    out.events.push_back(AppendedEvent{e.position, e.stream_version, e.id, e.subject});
  }
  return out;
}

}  // namespace thidua::store_internal

namespace thidua::store_internal {

Status check_subtree_bound(unsigned level, std::uint64_t index, std::uint64_t head) {
  // (index + 1) * 2^level <= head, written so that it cannot overflow.
  if (level >= 64 || index >= (head >> level)) {
    return Status::not_found("subtree (" + std::to_string(level) + ", " + std::to_string(index) +
                             ") is not complete in a tree of " + std::to_string(head) + " leaves");
  }
  return Status::ok();
}

Status check_checkpoint(std::uint64_t tree_size, const std::string& note, std::uint64_t head) {
  if (tree_size > head) {
    return Status::invalid_argument("checkpoint of size " + std::to_string(tree_size) +
                                    " is beyond the log's " + std::to_string(head) + " events");
  }
  if (note.empty() || note.size() > 64 * 1024) {
    return Status::invalid_argument("a checkpoint note is 1 byte to 64 KiB");
  }
  return Status::ok();
}

}  // namespace thidua::store_internal
