// Recorded decisions decided again under the rule book as it stands (domain::recheck), each
// against the state the log held just before it.
//
// Recorded decisions keep the checks they were decided with and replaying the log never
// re-decides; this is the auditor's question "which recorded decisions would the rules now
// refuse?", answered from the log alone. Thread-safe when the store is.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "thidua/codec/describe_json.hpp"
#include "thidua/domain/decide.hpp"
#include "thidua/store/event_store.hpp"

namespace thidua::projections {

struct RecheckedDecision {
  std::uint64_t position = 0;  // of the DecisionIssued event
  domain::Recheck recheck;
};

// Replays the log from position 0 to the head and rechecks every DecisionIssued, or only the
// one of decision `only` (the replay then stops at it). kNotFound when `only` names no
// recorded decision; kIOError / kCorruption from reading or decoding the log.
Result<std::vector<RecheckedDecision>> recheck_log(const EventStore& store,
                                                   const domain::RuleBook& book,
                                                   const std::optional<std::string>& only = {});

// {"decision", "position", "recorded_ruleset", "ruleset", "passes", "failures": [{"rule",
// "subject", "detail"}]}.
codec::OrderedJson render_recheck(const RecheckedDecision& decision);

}  // namespace thidua::projections
