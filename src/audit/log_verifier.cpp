#include "thidua/audit/log_verifier.hpp"

#include <algorithm>
#include <charconv>
#include <functional>
#include <unordered_map>

#include "thidua/audit/checkpoint.hpp"
#include "thidua/audit/proofs.hpp"
#include "thidua/util/merkle.hpp"

namespace thidua::audit {
namespace {

constexpr std::size_t kBatch = 4096;

// The envelope attributes the index repeats, read from the stored bytes without a full parse:
// every attribute before "sequence" is a string without quotes or escapes (the store validates
// them), so a strict scan of that prefix is exact.
struct Envelope {
  std::string_view id, type, subject;
  std::uint64_t sequence = 0, streamversion = 0;
};

bool take(std::string_view& s, std::string_view prefix) {
  if (s.substr(0, prefix.size()) != prefix) return false;
  s.remove_prefix(prefix.size());
  return true;
}

bool take_uint(std::string_view& s, std::uint64_t& out) {
  auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), out);
  if (ec != std::errc() || end == s.data()) return false;
  s.remove_prefix(static_cast<std::size_t>(end - s.data()));
  return true;
}

std::optional<Envelope> scan_envelope(std::string_view s) {
  Envelope e;
  if (!take(s, R"({"specversion":"1.0")")) return std::nullopt;
  while (take(s, ",\"")) {
    std::size_t q = s.find('"');
    if (q == std::string_view::npos) return std::nullopt;
    std::string_view name = s.substr(0, q);
    s.remove_prefix(q + 1);
    if (name == "sequence") {
      if (!take(s, ":") || !take_uint(s, e.sequence) || !take(s, ",\"streamversion\":") ||
          !take_uint(s, e.streamversion)) {
        return std::nullopt;
      }
      return e;
    }
    std::size_t end = s.find('"', 2);
    if (!take(s, ":\"") || end == std::string_view::npos) return std::nullopt;
    std::string_view value = s.substr(0, end - 2);
    s.remove_prefix(end - 1);
    if (name == "id") e.id = value;
    if (name == "type") e.type = value;
    if (name == "subject") e.subject = value;
  }
  return std::nullopt;
}

// 64 bits of an id's hash, to match id index entries to events without keeping the ids.
std::uint64_t id_fingerprint(std::string_view id) { return std::hash<std::string_view>{}(id); }

struct Node {
  std::uint64_t index;
  Digest hash;
};

class Walk {
 public:
  Walk(const EventStore& store, const NoteVerifier& key, const VerifyOptions& options)
      : store_(store), key_(key), options_(options) {}

  Result<VerifyReport> run();

 private:
  // Records a fault; the report names the one at the smallest position.
  void note_fault(std::uint64_t position, std::string problem);
  bool faulted() const { return report_.bad_position.has_value(); }
  void find_unreadable(std::uint64_t from, const Status& s);
  bool check_event(const RecordedEvent& e);
  bool check_indexes(const RecordedEvent& e, const Envelope& env);
  void checkpoints_due_at(std::uint64_t size);
  void check_due_checkpoints();
  bool check_checkpoint(const StoredCheckpoint& c, const Digest& root);
  void check_tree_nodes();
  void check_streams();
  void check_id_index();
  void id_entry_fault(const std::string& id, std::uint64_t position);
  VerifyReport finish();

  const EventStore& store_;
  const NoteVerifier& key_;
  const VerifyOptions& options_;
  VerifyReport report_;
  merkle::Frontier frontier_;
  std::vector<std::vector<Node>> computed_;  // by level: nodes of this batch, to compare
  std::vector<StoredCheckpoint> checkpoints_;
  std::size_t next_checkpoint_ = 0;
  // Checkpoints reached in this batch with the root recomputed at their size; checked after
  // the batch's tree nodes, so that a bad event is named before the checkpoint it breaks.
  std::vector<std::pair<const StoredCheckpoint*, Digest>> due_;
  std::unordered_map<std::string, std::vector<std::uint64_t>> streams_;  // positions by version
  std::vector<std::uint64_t> ids_;  // by position: the fingerprint of the event's id
};

void Walk::note_fault(std::uint64_t position, std::string problem) {
  if (report_.bad_position && *report_.bad_position <= position) return;
  report_.bad_position = position;
  report_.problem = "position " + std::to_string(position) + ": " + std::move(problem);
}

// A read that failed: find the first position that cannot be read, one at a time.
void Walk::find_unreadable(std::uint64_t from, const Status& s) {
  for (std::uint64_t p = from; p < from + kBatch; ++p) {
    Result<ReadBatch> one = store_.read_all(p, 1, {}, 1);
    if (!one) return note_fault(p, one.status().to_string());
  }
  note_fault(from, s.to_string());
}

bool Walk::check_event(const RecordedEvent& e) {
  const std::uint64_t p = e.position;
  std::optional<Envelope> env = scan_envelope(e.bytes);
  // The envelope is checked strictly; the rest of the bytes is covered by the leaf hash and,
  // through the tree, by the signed checkpoints, so it needs no second parse here.
  if (!env || e.bytes.size() < 2 || e.bytes.compare(e.bytes.size() - 2, 2, "}}") != 0) {
    return note_fault(p, "the stored bytes are not an event in the stored format"), false;
  }
  if (env->sequence != p) {
    return note_fault(p, "the event says it is at position " + std::to_string(env->sequence)),
           false;
  }
  if (!check_indexes(e, *env)) return false;
  frontier_.append(merkle::leaf_hash(e.bytes),
                   [this](unsigned level, std::uint64_t index, const Digest& hash) {
                     if (computed_.size() <= level) computed_.resize(level + 1);
                     computed_[level].push_back(Node{index, hash});
                   });
  checkpoints_due_at(frontier_.size());
  return true;
}

bool Walk::check_indexes(const RecordedEvent& e, const Envelope& env) {
  const std::uint64_t p = e.position;
  if (env.id != e.id || env.type != e.type || env.subject != e.subject ||
      env.streamversion != e.stream_version) {
    return note_fault(p,
                      "the event index does not match the event (id, type, subject or "
                      "version)"),
           false;
  }
  std::vector<std::uint64_t>& versions = streams_[e.subject];
  if (e.stream_version != versions.size()) {
    return note_fault(p, "stream " + e.subject + " jumps from version " +
                             std::to_string(versions.size()) + " to " +
                             std::to_string(e.stream_version)),
           false;
  }
  versions.push_back(p);
  ids_.push_back(id_fingerprint(e.id));
  return true;
}

// The id index, read in id order after the walk: each entry must lead to the event with that
// id, and every event must have exactly one entry. One sequential read instead of a lookup per
// event.
void Walk::check_id_index() {
  std::vector<bool> seen(ids_.size(), false);
  std::uint64_t entries = 0;
  std::string after;
  while (true) {
    Result<std::vector<std::pair<std::string, std::uint64_t>>> chunk =
        store_.id_index(after, kBatch);
    if (!chunk) return note_fault(0, "the id index cannot be read: " + chunk.status().to_string());
    if (chunk->empty()) break;
    for (const auto& [id, position] : *chunk) {
      if (position >= ids_.size() || ids_[position] != id_fingerprint(id) || seen[position]) {
        return id_entry_fault(id, position);
      }
      seen[position] = true;
      ++entries;
    }
    after = chunk->back().first;
  }
  if (entries != ids_.size()) {
    auto missing = std::find(seen.begin(), seen.end(), false);
    note_fault(static_cast<std::uint64_t>(missing - seen.begin()),
               "the id index has no entry for this event");
  }
}

// Names the event whose id has a wrong index entry, or the entry's position when no event has
// that id.
void Walk::id_entry_fault(const std::string& id, std::uint64_t position) {
  auto owner = std::find(ids_.begin(), ids_.end(), id_fingerprint(id));
  if (owner == ids_.end()) {
    return note_fault(std::min<std::uint64_t>(position, ids_.size()),
                      "the id index holds " + id + ", which no event has");
  }
  note_fault(static_cast<std::uint64_t>(owner - ids_.begin()),
             "the id index does not lead back to this event (it names position " +
                 std::to_string(position) + ")");
}

// Compares the tree nodes computed from this batch's events with the stored ones, one
// sequential read per level. A node is reported at the position of its last leaf.
void Walk::check_tree_nodes() {
  for (unsigned level = 0; level < computed_.size(); ++level) {
    std::vector<Node>& nodes = computed_[level];
    if (nodes.empty()) continue;
    Result<std::vector<Digest>> stored =
        store_.subtree_hashes(level, nodes.front().index, nodes.size());
    for (std::size_t i = 0; i < nodes.size(); ++i) {
      if (stored && (*stored)[i] == nodes[i].hash) continue;
      std::uint64_t last_leaf = ((nodes[i].index + 1) << level) - 1;
      std::string which =
          "tree node (" + std::to_string(level) + ", " + std::to_string(nodes[i].index) + ")";
      note_fault(last_leaf, !stored      ? which + " cannot be read: " + stored.status().to_string()
                            : level == 0 ? "the event's bytes do not match its stored leaf hash"
                                         : "stored " + which + " does not match the events");
      break;
    }
    nodes.clear();
  }
}

void Walk::checkpoints_due_at(std::uint64_t size) {
  while (next_checkpoint_ < checkpoints_.size() &&
         checkpoints_[next_checkpoint_].tree_size == size) {
    due_.emplace_back(&checkpoints_[next_checkpoint_++], frontier_.root());
  }
}

void Walk::check_due_checkpoints() {
  for (const auto& [checkpoint, root] : due_) {
    if (!check_checkpoint(*checkpoint, root)) break;
  }
  due_.clear();
}

bool Walk::check_checkpoint(const StoredCheckpoint& c, const Digest& root) {
  const std::uint64_t at = c.tree_size == 0 ? 0 : c.tree_size - 1;
  const std::string which = "checkpoint of size " + std::to_string(c.tree_size) + ": ";
  Result<std::string> text = open_note(c.note, key_);
  if (!text) return note_fault(at, which + text.status().message()), false;
  Result<Checkpoint> parsed = Checkpoint::parse(*text);
  if (!parsed) return note_fault(at, which + parsed.status().message()), false;
  if (parsed->size != c.tree_size) {
    return note_fault(at, which + "the signed body says size " + std::to_string(parsed->size)),
           false;
  }
  if (!options_.origin.empty() && parsed->origin != options_.origin) {
    return note_fault(at,
                      which + "origin '" + parsed->origin + "' is not '" + options_.origin + "'"),
           false;
  }
  if (parsed->root != root) {
    return note_fault(at, which + "the signed root does not match the events"), false;
  }
  ++report_.checkpoints;
  return true;
}

void Walk::check_streams() {
  for (const auto& [subject, positions] : streams_) {
    Result<std::vector<std::uint64_t>> stored =
        store_.stream_positions(subject, 0, positions.size() + 1);
    if (!stored) return note_fault(positions.front(), stored.status().to_string());
    for (std::size_t v = 0; v < positions.size(); ++v) {
      if (v >= stored->size() || (*stored)[v] != positions[v]) {
        note_fault(positions[v], "the index of stream " + subject + " does not list version " +
                                     std::to_string(v) + " here");
        break;
      }
    }
    if (stored->size() > positions.size()) {
      note_fault(positions.back(), "the index of stream " + subject + " lists extra versions");
    }
  }
}

VerifyReport Walk::finish() {
  report_.ok = !faulted();
  if (report_.ok) report_.root = frontier_.root();
  return report_;
}

Result<VerifyReport> Walk::run() {
  const std::uint64_t head = store_.head();
  Result<std::vector<StoredCheckpoint>> cps = store_.checkpoints(0, SIZE_MAX);
  if (!cps) return cps.status();
  checkpoints_ = std::move(cps).value();
  if (!checkpoints_.empty() && checkpoints_.back().tree_size > head) {
    note_fault(head, "a checkpoint of size " + std::to_string(checkpoints_.back().tree_size) +
                         " is beyond the log's end");
    return finish();
  }
  checkpoints_due_at(0);
  check_due_checkpoints();
  for (std::uint64_t from = 0; from < head && !faulted();) {
    Result<ReadBatch> batch = store_.read_all(from, std::min<std::uint64_t>(kBatch, head - from));
    if (!batch) {
      find_unreadable(from, batch.status());
      break;
    }
    for (const RecordedEvent& e : batch->events) {
      if (!check_event(e)) break;
      ++report_.events;
    }
    check_tree_nodes();
    check_due_checkpoints();
    from = batch->next_position;
    if (options_.progress) options_.progress(from, head);
  }
  if (!faulted()) check_streams();
  if (!faulted()) check_id_index();
  return finish();
}

}  // namespace

Result<VerifyReport> verify_log(const EventStore& store, const NoteVerifier& key,
                                const VerifyOptions& options) {
  Walk walk(store, key, options);
  return walk.run();
}

}  // namespace thidua::audit
