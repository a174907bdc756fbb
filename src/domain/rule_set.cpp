// Looking up a rule set by date, and its tables by award.
#include "thidua/domain/rule_set.hpp"

#include <algorithm>

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

const ShareSpec* RuleSet::council_floor_of(Award award) const {
  for (const CouncilThreshold& f : council_floors) {
    if (f.award == award) return &f.threshold;
  }
  return nullptr;
}

bool RuleSet::abolished(OrganizationKind kind) const {
  return std::find(abolished_kinds.begin(), abolished_kinds.end(), kind) != abolished_kinds.end();
}

bool RuleSet::allows_ground(RevocationGround ground) const {
  return std::find(revocation_grounds.begin(), revocation_grounds.end(), ground) !=
         revocation_grounds.end();
}

bool RuleSet::co_cp_outright(OrganizationKind organiser) const {
  return std::find(co_cp_outright_organisers.begin(), co_cp_outright_organisers.end(), organiser) !=
         co_cp_outright_organisers.end();
}

const PublicNotice* RuleSet::public_notice_of(Award award) const {
  for (const PublicNotice& n : public_notices) {
    if (n.award == award) return &n;
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
