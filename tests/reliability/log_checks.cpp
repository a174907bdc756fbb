#include "log_checks.hpp"

#include <algorithm>

#include "thidua/audit/signed_note.hpp"
#include "thidua/util/base64.hpp"
#include "thidua/util/merkle.hpp"

namespace thidua::reliability {

using json = nlohmann::json;

namespace {

constexpr std::uint64_t kPage = 1000;

// The tag an event holds: its data's `note`, else its data's `id`.
std::string tag_of(const json& event) {
  if (!event.is_object() || !event.contains("data") || !event["data"].is_object()) return {};
  const json& data = event["data"];
  if (data.contains("note") && data["note"].is_string()) return data["note"];
  if (data.contains("id") && data["id"].is_string()) return data["id"];
  return {};
}

std::string at(std::uint64_t position) { return "position " + std::to_string(position); }

// Differences between an acknowledged command and the event at its position.
void compare(const json& event, const json& result, const Command& command,
             const std::string& where, Problems& problems) {
  auto differs = [&](const char* member, const json& expected) {
    if (event.value(member, json()) != expected) {
      problems.push_back(where + ": " + member + " is " + event.value(member, json()).dump() +
                         ", the answer said " + expected.dump());
    }
  };
  differs("sequence", result["position"]);
  differs("id", result["id"]);
  differs("subject", result["subject"]);
  differs("streamversion", result["streamversion"]);
  if (result["subject"] != command.subject) {
    problems.push_back(where + ": the answer names subject " + result["subject"].dump() +
                       ", the command's is " + command.subject);
  }
  if (tag_of(event) != command.tag) {
    problems.push_back(where + ": the event holds tag '" + tag_of(event) + "', not '" +
                       command.tag + "'");
  }
  for (const auto& [key, value] : command.body.items()) {
    const json data = event.value("data", json::object());
    if (!data.contains(key) || data[key] != value) {
      problems.push_back(where + ": data." + key + " is " + data.value(key, json()).dump() +
                         ", the command gave " + value.dump());
    }
  }
}

std::vector<std::uint64_t> found(const ServedLog& log, const Write& write) {
  std::vector<std::uint64_t> out;
  for (const Command& c : write.commands) {
    auto it = log.positions_by_tag.find(c.tag);
    if (it != log.positions_by_tag.end()) out.push_back(it->second.front());
  }
  return out;
}

std::optional<std::vector<Digest>> decode_hashes(const json& array) {
  std::vector<Digest> out;
  if (!array.is_array()) return std::nullopt;
  for (const json& h : array) {
    std::optional<std::string> bytes =
        h.is_string() ? base64_decode(h.get<std::string>()) : std::nullopt;
    if (!bytes || bytes->size() != 32) return std::nullopt;
    Digest d{};
    std::copy(bytes->begin(), bytes->end(), d.begin());
    out.push_back(d);
  }
  return out;
}

}  // namespace

ServedLog read_log(HttpSession& session, Problems& problems) {
  ServedLog log;
  while (true) {
    const std::string target =
        "/v1/events?from=" + std::to_string(log.lines.size()) + "&limit=" + std::to_string(kPage);
    Answer a = session.get(target);
    if (a.status != 200) {
      problems.push_back("GET " + target + " answered " + std::to_string(a.status) + " " + a.error +
                         a.body);
      return log;
    }
    if (a.body.empty()) return log;
    std::size_t start = 0;
    while (start < a.body.size()) {
      std::size_t end = a.body.find('\n', start);
      if (end == std::string::npos) {
        problems.push_back("GET " + target + ": the last line has no newline");
        return log;
      }
      const std::uint64_t position = log.lines.size();
      log.lines.push_back(a.body.substr(start, end - start));
      log.events.push_back(json::parse(log.lines.back(), nullptr, false));
      if (log.events.back().is_discarded()) {
        problems.push_back(at(position) + ": the served line is not JSON");
        log.events.back() = json();
      }
      std::string tag = tag_of(log.events.back());
      if (!tag.empty()) log.positions_by_tag[tag].push_back(position);
      start = end + 1;
    }
  }
}

void check_gapless(const ServedLog& log, Problems& problems) {
  for (std::uint64_t p = 0; p < log.events.size(); ++p) {
    const json& e = log.events[p];
    if (!e.is_object() || e.value("sequence", json()) != json(p)) {
      problems.push_back(at(p) + ": the event there has sequence " +
                         (e.is_object() ? e.value("sequence", json()).dump() : "(none)"));
    }
  }
  for (const auto& [tag, positions] : log.positions_by_tag) {
    if (positions.size() > 1) {
      problems.push_back("tag " + tag + " is in the log " + std::to_string(positions.size()) +
                         " times, first at " + at(positions[0]) + " and again at " +
                         at(positions[1]));
    }
  }
}

void check_acknowledged(const ServedLog& log, const Write& write, Problems& problems) {
  const std::vector<json> results = command_results(write);
  if (results.empty()) {
    problems.push_back(write.describe() + ": the answer " + write.answer.body +
                       " does not give one result per command");
    return;
  }
  for (std::size_t i = 0; i < results.size(); ++i) {
    const json& r = results[i];
    const std::string where = write.describe() + ", command " + std::to_string(i) +
                              " acknowledged at " + at(r.value("position", 0ULL));
    if (!r.contains("position") || !r["position"].is_number_unsigned()) {
      problems.push_back(where + ": the answer has no position: " + r.dump());
      continue;
    }
    const std::uint64_t p = r["position"];
    if (p >= log.events.size()) {
      problems.push_back(where + ": MISSING, the log has only " +
                         std::to_string(log.events.size()) + " events");
      continue;
    }
    compare(log.events[p], r, write.commands[i], where, problems);
  }
}

bool present(const ServedLog& log, const Write& write) {
  return found(log, write).size() == write.commands.size();
}

void check_unanswered(const ServedLog& log, const Write& write, Problems& problems) {
  std::vector<std::uint64_t> positions = found(log, write);
  if (positions.empty()) return;
  if (positions.size() != write.commands.size()) {
    problems.push_back(write.describe() + " (unanswered): only " +
                       std::to_string(positions.size()) + " of its " +
                       std::to_string(write.commands.size()) + " commands are in the log");
    return;
  }
  for (std::size_t i = 1; i < positions.size(); ++i) {
    if (positions[i] != positions[0] + i) {
      problems.push_back(write.describe() + " (unanswered): its events are not together: " +
                         at(positions[0]) + " and " + at(positions[i]));
    }
  }
}

void check_refused(const ServedLog& log, const Write& write, Problems& problems) {
  std::vector<std::uint64_t> positions = found(log, write);
  if (!positions.empty()) {
    problems.push_back(write.describe() + " was refused with " +
                       std::to_string(write.answer.status) + " but is in the log at " +
                       at(positions[0]));
  }
}

std::optional<audit::Checkpoint> open_checkpoint(const std::string& note,
                                                 const std::string& verifier_key,
                                                 Problems& problems) {
  Result<audit::NoteVerifier> key = audit::NoteVerifier::parse(verifier_key);
  if (!key) {
    problems.push_back("verifier key: " + key.status().to_string());
    return std::nullopt;
  }
  Result<std::string> text = audit::open_note(note, *key);
  if (!text) {
    problems.push_back("checkpoint " + note + ": " + text.status().to_string());
    return std::nullopt;
  }
  Result<audit::Checkpoint> checkpoint = audit::Checkpoint::parse(*text);
  if (!checkpoint) {
    problems.push_back("checkpoint " + note + ": " + checkpoint.status().to_string());
    return std::nullopt;
  }
  return *checkpoint;
}

void check_extends(HttpSession& session, const ServedLog& log, const audit::Checkpoint& earlier,
                   const audit::Checkpoint& later, Problems& problems) {
  const std::string sizes =
      "checkpoints of size " + std::to_string(earlier.size) + " and " + std::to_string(later.size);
  if (later.size < earlier.size) {
    problems.push_back(sizes + ": the newer checkpoint is smaller than the one before the kill");
    return;
  }
  if (later.size > log.lines.size()) {
    problems.push_back(sizes + ": the log served has only " + std::to_string(log.lines.size()) +
                       " events");
    return;
  }
  merkle::Frontier tree;
  auto root_check = [&](const audit::Checkpoint& c) {
    if (tree.size() == c.size && tree.root() != c.root) {
      problems.push_back("the checkpoint of size " + std::to_string(c.size) +
                         " does not sign the root of the log's first events");
    }
  };
  root_check(earlier);
  root_check(later);
  for (const std::string& line : log.lines) {
    if (tree.size() == later.size) break;
    tree.append(merkle::leaf_hash(line), [](unsigned, std::uint64_t, const Digest&) {});
    root_check(earlier);
    root_check(later);
  }
  if (earlier.size == 0) return;  // the empty tree is a prefix of every tree
  const std::string target = "/v1/proofs/consistency?from=" + std::to_string(earlier.size) +
                             "&to=" + std::to_string(later.size);
  Answer a = session.get(target);
  json body = json::parse(a.body, nullptr, false);
  std::optional<std::vector<Digest>> proof = a.status == 200 && body.is_object()
                                                 ? decode_hashes(body.value("hashes", json()))
                                                 : std::nullopt;
  if (!proof) {
    problems.push_back("GET " + target + " answered " + std::to_string(a.status) + " " + a.body);
  } else if (!merkle::verify_consistency(earlier.size, later.size, earlier.root, later.root,
                                         *proof)) {
    problems.push_back(sizes + ": the server's consistency proof does not verify");
  }
}

}  // namespace thidua::reliability
