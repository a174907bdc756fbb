// decide(): a command, the state and the context in; the events to append, or a refusal that
// names the broken rule, out.
//
// Pure: time, the actor and the rule book come in through Context, so the same inputs always
// give the same answer. A refusal changes nothing. An accepted command yields the events in
// the order they must be appended (all in one atomic append). Thread-safe for concurrent calls
// on a State that nobody is changing.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "thidua/domain/commands.hpp"
#include "thidua/domain/rule_set.hpp"
#include "thidua/domain/state.hpp"

namespace thidua::domain {

struct Context {
  Date today;                       // the date the command is decided on
  const RuleBook* rules = nullptr;  // REQUIRES: not null
};

// Why a command was refused: the rule's stable id (e.g. "score.within_max"), and a sentence
// for people saying why, with names as recorded (Vietnamese diacritics intact).
struct Refusal {
  std::string rule;
  std::string detail;
};

class Verdict {
 public:
  static Verdict accept(std::vector<Event> events) { return Verdict(std::move(events), {}); }
  static Verdict refuse(std::string rule, std::string detail) {
    return Verdict({}, Refusal{std::move(rule), std::move(detail)});
  }

  bool accepted() const { return !refusal_.has_value(); }
  // REQUIRES: accepted().
  const std::vector<Event>& events() const { return events_; }
  std::vector<Event>& events() { return events_; }
  // REQUIRES: !accepted().
  const Refusal& refusal() const { return *refusal_; }

 private:
  Verdict(std::vector<Event> events, std::optional<Refusal> refusal)
      : events_(std::move(events)), refusal_(std::move(refusal)) {}
  std::vector<Event> events_;
  std::optional<Refusal> refusal_;
};

Verdict decide(const State& state, const Command& command, const Context& context);

// Every rule of an award for one subject in one year, passed or not, with facts: what
// decide() records in DecisionIssued.checks for each recipient, and what the eligibility
// query answers. `initiatives` are the ones the decision cites; a decision relies on no other
// (citing marks them used). For the query (no `decision`), when none are cited the subject's
// unused initiatives are considered. `issuer` is checked when given.
struct EligibilityQuestion {
  SubjectRef subject;
  Award award = Award::kGK;
  Occasion occasion = Occasion::kAnnual;
  int year = 0;
  std::vector<std::string> initiatives;
  std::optional<std::string> issuer;
  std::optional<std::string> decision;  // the decision being issued, if any
  // The date the question is asked for (the decision's date): holds are those in force on it.
  // Without a date, the holds not yet released.
  std::optional<Date> date;
  // The date of the proposal the decision cites, if any: when an award must be proposed within
  // some time (CSTD_TQ), it is the proposal's date that counts, else the decision's.
  std::optional<Date> proposed;
};
std::vector<RuleCheck> check_eligibility(const State& state, const RuleSet& rules,
                                         const EligibilityQuestion& question);

// A recorded decision decided again under `book` as it stands, against `before`, the state of
// the log just before the decision (the facts of its date), for an auditor who asks which
// recorded decisions the rule book would now refuse. Recorded decisions keep the checks they
// were decided with: this changes nothing.
struct RecheckFailure {
  std::string rule;
  std::string subject;  // empty for a rule of the whole decision
  std::string detail;
};
struct Recheck {
  std::string decision;
  std::string recorded_ruleset;          // the set the decision was decided under
  std::string ruleset;                   // the set of `book` in force on its date; empty when none
  std::vector<RecheckFailure> failures;  // empty: the decision passes today
};
Recheck recheck(const State& before, const RuleBook& book, const DecisionIssued& recorded);

// The rules the domain knows: id and a one-line statement, for documentation and tests.
struct RuleInfo {
  std::string_view id;
  std::string_view statement;
};
const std::vector<RuleInfo>& rule_catalog();

}  // namespace thidua::domain
