// recheck(): a recorded decision decided again, against the facts of its date, under the rule
// book as it stands.
#include <set>

#include "decide_internal.hpp"

namespace thidua::domain {

Recheck recheck(const State& before, const RuleBook& book, const DecisionIssued& recorded) {
  Recheck out{recorded.id, recorded.ruleset, {}, {}};
  if (const RuleSet* set = book.in_force(recorded.date)) out.ruleset = set->id;
  IssueDecision c{recorded.id,          recorded.number,     recorded.date,
                  recorded.issuer,      recorded.signer,     recorded.capacity,
                  recorded.legal_basis, recorded.award,      recorded.occasion,
                  recorded.year,        recorded.recipients, recorded.reward_multiple,
                  recorded.proposal,    recorded.movement};
  // The decision's own date is "today": it was not in the future when it was issued.
  const Context context{recorded.date, &book};
  const Verdict verdict = decide(before, Command{c}, context);
  std::set<std::pair<std::string, std::string>> seen;
  if (!verdict.accepted()) {
    out.failures.push_back({verdict.refusal().rule, {}, verdict.refusal().detail});
  }
  // decide() stops at the first refusal; every recipient's failing checks are listed too.
  const RuleSet* rules = book.in_force(recorded.date);
  if (!rules) return out;
  for (const Recipient& r : recorded.recipients) {
    EligibilityQuestion q{r.subject,     recorded.award, recorded.occasion,
                          recorded.year, r.initiatives,  recorded.issuer,
                          recorded.id,   recorded.date,  std::nullopt};
    if (recorded.proposal) {
      if (auto p = before.proposals.find(*recorded.proposal); p != before.proposals.end()) {
        q.proposed = p->second.submitted.date;
      }
    }
    for (const RuleCheck& check : check_eligibility(before, *rules, q)) {
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
