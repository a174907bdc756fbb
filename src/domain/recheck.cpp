// recheck(): a recorded decision decided again, against the facts of its date, under the rule
// book as it stands.
#include "decide_internal.hpp"

namespace thidua::domain {

using internal::question_for;

Recheck recheck(const State& before, const RuleBook& book, const DecisionIssued& recorded) {
  const RuleSet* rules = book.in_force(recorded.date);
  Recheck out{recorded.id, recorded.ruleset, rules ? rules->id : std::string(), {}};
  const IssueDecision c{recorded.id,          recorded.number,     recorded.date,
                        recorded.issuer,      recorded.signer,     recorded.capacity,
                        recorded.legal_basis, recorded.award,      recorded.occasion,
                        recorded.year,        recorded.recipients, recorded.reward_multiple,
                        recorded.proposal,    recorded.movement};
  // The decision's own date is "today": it was not in the future when it was issued.
  const Context context{recorded.date, &book};
  const Verdict verdict = decide(before, Command{c}, context);
  if (!verdict.accepted()) {
    out.failures.push_back({verdict.refusal().rule, {}, verdict.refusal().detail});
  }
  // decide() stops at the first refusal; every recipient's failing checks are listed too.
  if (!rules) return out;
  for (const Recipient& r : recorded.recipients) {
    for (const RuleCheck& check : check_eligibility(before, *rules, question_for(before, c, r))) {
      if (check.passed) continue;
      const bool first = !out.failures.empty() && out.failures.front().rule == check.rule &&
                         out.failures.front().detail == check.detail;
      if (first) {
        out.failures.front().subject = check.subject;
        continue;
      }
      out.failures.push_back({check.rule, check.subject, check.detail});
    }
  }
  return out;
}

}  // namespace thidua::domain
