#include "thidua/audit/log_verifier.hpp"

#include <nlohmann/json.hpp>

#include <charconv>
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

class Walk {
 public:
  Walk(const EventStore& store, const NoteVerifier& key, const VerifyOptions& options)
      : store_(store), key_(key), options_(options) {}

  Result<VerifyReport> run();

 private:
  bool fail(std::uint64_t position, std::string problem);
  bool fail_store(std::uint64_t from, const Status& s);
  bool check_event(const RecordedEvent& e);
  bool check_leaf(const RecordedEvent& e);
  bool check_checkpoints_at(std::uint64_t size);
  bool check_checkpoint(const StoredCheckpoint& c);
  bool check_streams();

  const EventStore& store_;
  const NoteVerifier& key_;
  const VerifyOptions& options_;
  VerifyReport report_;
  merkle::Frontier frontier_;
  std::vector<StoredCheckpoint> checkpoints_;
  std::size_t next_checkpoint_ = 0;
  std::unordered_map<std::string, std::vector<std::uint64_t>> streams_;  // positions by version
};

bool Walk::fail(std::uint64_t position, std::string problem) {
  report_.ok = false;
  report_.bad_position = position;
  report_.problem = "position " + std::to_string(position) + ": " + std::move(problem);
  return false;
}

// A read that failed: find the first position that cannot be read, one at a time.
bool Walk::fail_store(std::uint64_t from, const Status& s) {
  for (std::uint64_t p = from; p < from + kBatch; ++p) {
    Result<ReadBatch> one = store_.read_all(p, 1, {}, 1);
    if (!one) return fail(p, one.status().to_string());
  }
  return fail(from, s.to_string());
}

bool Walk::check_event(const RecordedEvent& e) {
  const std::uint64_t p = e.position;
  std::optional<Envelope> env = scan_envelope(e.bytes);
  if (!env || !nlohmann::json::accept(e.bytes)) {
    return fail(p, "the stored bytes are not an event in the stored format");
  }
  if (env->sequence != p) {
    return fail(p, "the event says it is at position " + std::to_string(env->sequence));
  }
  if (env->id != e.id || env->type != e.type || env->subject != e.subject ||
      env->streamversion != e.stream_version) {
    return fail(p, "the event index does not match the event (id, type, subject or version)");
  }
  std::vector<std::uint64_t>& versions = streams_[e.subject];
  if (e.stream_version != versions.size()) {
    return fail(p, "stream " + e.subject + " jumps from version " +
                       std::to_string(versions.size()) + " to " + std::to_string(e.stream_version));
  }
  versions.push_back(p);
  Result<RecordedEvent> by_id = store_.read_event(e.id);
  if (!by_id || by_id->position != p) {
    return fail(p, "the id index does not lead back to this event (" +
                       (by_id ? "position " + std::to_string(by_id->position)
                              : by_id.status().to_string()) +
                       ")");
  }
  return check_leaf(e);
}

bool Walk::check_leaf(const RecordedEvent& e) {
  std::string problem;
  frontier_.append(
      merkle::leaf_hash(e.bytes), [&](unsigned level, std::uint64_t index, const Digest& hash) {
        if (!problem.empty()) return;
        Result<Digest> stored = store_.subtree_hash(level, index);
        if (!stored) {
          problem = "tree node (" + std::to_string(level) + ", " + std::to_string(index) +
                    ") cannot be read: " + stored.status().to_string();
        } else if (*stored != hash) {
          problem = level == 0 ? "the event's bytes do not match its stored leaf hash"
                               : "stored tree node (" + std::to_string(level) + ", " +
                                     std::to_string(index) + ") does not match the events";
        }
      });
  if (!problem.empty()) return fail(e.position, problem);
  return check_checkpoints_at(frontier_.size());
}

bool Walk::check_checkpoints_at(std::uint64_t size) {
  while (next_checkpoint_ < checkpoints_.size() &&
         checkpoints_[next_checkpoint_].tree_size == size) {
    if (!check_checkpoint(checkpoints_[next_checkpoint_++])) return false;
  }
  return true;
}

bool Walk::check_checkpoint(const StoredCheckpoint& c) {
  const std::uint64_t at = c.tree_size == 0 ? 0 : c.tree_size - 1;
  const std::string which = "checkpoint of size " + std::to_string(c.tree_size) + ": ";
  Result<std::string> text = open_note(c.note, key_);
  if (!text) return fail(at, which + text.status().message());
  Result<Checkpoint> parsed = Checkpoint::parse(*text);
  if (!parsed) return fail(at, which + parsed.status().message());
  if (parsed->size != c.tree_size) {
    return fail(at, which + "the signed body says size " + std::to_string(parsed->size));
  }
  if (!options_.origin.empty() && parsed->origin != options_.origin) {
    return fail(at, which + "origin '" + parsed->origin + "' is not '" + options_.origin + "'");
  }
  if (parsed->root != frontier_.root()) {
    return fail(at, which + "the signed root does not match the events");
  }
  ++report_.checkpoints;
  return true;
}

bool Walk::check_streams() {
  for (const auto& [subject, positions] : streams_) {
    Result<std::vector<RecordedEvent>> stored =
        store_.read_stream(subject, 0, positions.size() + 1);
    if (!stored) return fail(positions.front(), stored.status().to_string());
    for (std::size_t v = 0; v < positions.size(); ++v) {
      if (v >= stored->size() || (*stored)[v].position != positions[v]) {
        return fail(positions[v], "the index of stream " + subject + " does not list version " +
                                      std::to_string(v) + " here");
      }
    }
    if (stored->size() != positions.size()) {
      return fail(positions.back(), "the index of stream " + subject + " lists extra versions");
    }
  }
  return true;
}

Result<VerifyReport> Walk::run() {
  const std::uint64_t head = store_.head();
  Result<std::vector<StoredCheckpoint>> cps = store_.checkpoints(0, SIZE_MAX);
  if (!cps) return cps.status();
  checkpoints_ = std::move(cps).value();
  report_.ok = true;
  if (!checkpoints_.empty() && checkpoints_.back().tree_size > head) {
    fail(head, "a checkpoint of size " + std::to_string(checkpoints_.back().tree_size) +
                   " is beyond the log's end");
    return report_;
  }
  if (!check_checkpoints_at(0)) return report_;
  for (std::uint64_t from = 0; from < head;) {
    Result<ReadBatch> batch = store_.read_all(from, std::min<std::uint64_t>(kBatch, head - from));
    if (!batch) return (fail_store(from, batch.status()), report_);
    for (const RecordedEvent& e : batch->events) {
      if (!check_event(e)) return report_;
      ++report_.events;
    }
    from = batch->next_position;
    if (options_.progress) options_.progress(from, head);
  }
  if (!check_streams()) return report_;
  report_.root = frontier_.root();
  return report_;
}

}  // namespace

Result<VerifyReport> verify_log(const EventStore& store, const NoteVerifier& key,
                                const VerifyOptions& options) {
  Walk walk(store, key, options);
  return walk.run();
}

}  // namespace thidua::audit
