// Looking up a rule set by date, and its tables by award.
#include "thidua/domain/rule_set.hpp"

namespace thidua::domain {

const std::vector<OrganizationKind>* RuleSet::issuers_of(Award award) const {
  for (const CompetentIssuers& c : competent_issuers) {
    if (c.award == award) return &c.kinds;
  }
  return nullptr;
}

const Decimal* RuleSet::reward_multiple_of(Award award) const {
  for (const RewardMultiple& r : reward_multiples) {
    if (r.award == award) return &r.multiple;
  }
  return nullptr;
}

const RuleSet* RuleBook::in_force(Date date) const {
  for (const RuleSet& s : sets) {
    if (s.from <= date && (!s.until || date <= *s.until)) return &s;
  }
  return nullptr;
}

}  // namespace thidua::domain
