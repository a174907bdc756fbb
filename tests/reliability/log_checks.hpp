// What the crash-loop test checks on the log a restarted server serves: gapless positions,
// every acknowledged write where its answer put it, unanswered writes all or nothing, refused
// writes absent, no command appended twice, and checkpoints that extend one another.
//
// Each check appends a message per fault to `problems`, naming the write, the position and
// what differs, so that a failure can be reported precisely; none stops at the first fault.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "http_session.hpp"
#include "thidua/audit/checkpoint.hpp"
#include "workload.hpp"

namespace thidua::reliability {

using Problems = std::vector<std::string>;

// The log as GET /v1/events served it.
struct ServedLog {
  std::vector<std::string> lines;      // the stored bytes, by position
  std::vector<nlohmann::json> events;  // the same, parsed (null when not JSON)
  std::map<std::string, std::vector<std::uint64_t>> positions_by_tag;
};

// Reads every event, page by page, until a page comes back empty.
ServedLog read_log(HttpSession& session, Problems& problems);

// The event at position p has `sequence` p, for every p; no tag appears twice.
void check_gapless(const ServedLog& log, Problems& problems);

// Every command of an acknowledged write is at the position its answer gave, with the id,
// subject and stream version of the answer, its tag, and the command's body in its data.
void check_acknowledged(const ServedLog& log, const Write& write, Problems& problems);

// The commands of a write that got no answer are all in the log, one after another, or none.
void check_unanswered(const ServedLog& log, const Write& write, Problems& problems);

// No command of a refused write is in the log.
void check_refused(const ServedLog& log, const Write& write, Problems& problems);

// True when all the commands of `write` are in the log.
bool present(const ServedLog& log, const Write& write);

// The checkpoint in `note` after checking its signature with `verifier_key`, or nullopt with a
// problem.
std::optional<audit::Checkpoint> open_checkpoint(const std::string& note,
                                                 const std::string& verifier_key,
                                                 Problems& problems);

// `later` extends `earlier`: it is not smaller, the roots of both equal the roots recomputed
// from the log, and the server's consistency proof between their sizes verifies.
void check_extends(HttpSession& session, const ServedLog& log, const audit::Checkpoint& earlier,
                   const audit::Checkpoint& later, Problems& problems);

}  // namespace thidua::reliability
