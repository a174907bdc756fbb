// The rules decide() enforces, by stable id. The ids appear in refusals (422 problems) and in
// each decision's recorded checks; docs/rules.md explains each with its legal source.
#include "thidua/domain/decide.hpp"

namespace thidua::domain {

const std::vector<RuleInfo>& rule_catalog() {
  static const std::vector<RuleInfo> kRules = {
      {"organization.unique", "an organization id is registered once"},
      {"organization.exists", "a referenced organization is registered"},
      {"organization.parent_exists", "an organization's parent is registered"},
      {"organization.kind_in_force",
       "an organization is not established, on its `established` date, as a kind the rule set in "
       "force then abolishes (districts from 1 July 2025)"},
      {"organization.active", "a merged or split unit takes part in no further restructuring"},
      {"organization.rename_changes", "a rename changes the name"},
      {"restructure.distinct",
       "a merger has two or more predecessors; a split two or more successors"},
      {"person.unique", "a person id is registered once"},
      {"person.exists", "a referenced person is registered"},
      {"person.transfer_changes", "a transfer moves a person to another organization"},
      {"person.transfer_in_order", "a transfer takes effect on or after the person's last one"},
      {"subject.exists", "a referenced person or organization is registered"},
      {"council.unique", "a council id is established once"},
      {"council.exists", "a referenced council exists"},
      {"council.members", "a council has members"},
      {"council.shares", "quorum and thresholds are shares between 0 and 1, one per award"},
      {"council.quorum", "a council vote counts only with its quorum of the total membership"},
      {"council.threshold_configured", "a council votes only on awards it has a threshold for"},
      {"council.threshold",
       "a decision of an issuer whose council votes on the award needs that council's passing vote "
       "(a share of its total membership), dated no later than the decision, on the proposal it "
       "cites"},
      {"council.tallies", "tallies add up to no more than the members present"},
      {"council.vote_after_proposal", "a council votes on a proposal on or after its date"},
      {"council.vote_council", "a proposal is voted on by the council it was sent to"},
      {"council.vote_nominees", "a council votes on the proposal's nominees, each once"},
      {"initiative.unique", "an initiative id is recognised once"},
      {"initiative.owners", "an initiative has owners"},
      {"initiative.exists", "a cited initiative is recognised"},
      {"initiative.owner", "a cited initiative belongs to the recipient"},
      {"initiative.one_award",
       "one achievement, one award: an initiative supports at most one award (Law Art. 6)"},
      {"rating.once_per_year", "a subject is rated once per year"},
      {"hold.unique", "a hold id is placed once"},
      {"hold.exists", "a released hold was placed"},
      {"hold.released_once", "a hold is released once"},
      {"hold.release_after_placing", "a hold is released on or after the day it was placed"},
      {"hold.active",
       "no proposal passes and no award is decided under a hold in force on its date (Decree 98 "
       "Art. 4(4))"},
      {"movement.unique", "a movement id is launched once"},
      {"movement.exists", "a referenced movement exists"},
      {"movement.period", "a movement ends on or after its start"},
      {"movement.targets_numbered", "target numbers are unique within a movement"},
      {"movement.criteria_unique", "criterion codes are unique within a movement"},
      {"registration.within_period", "a registration is for a year of the movement"},
      {"registration.once", "a unit registers once per movement and year"},
      {"registration.target_exists", "a pledge names a target of the movement"},
      {"progress.target_exists", "progress is reported against a target of the movement"},
      {"progress.within_period", "progress is not dated before the movement starts"},
      {"progress.non_negative", "progress values are not negative"},
      {"cluster.unique", "a cluster id is established once"},
      {"cluster.exists", "a referenced cluster exists"},
      {"cluster.members_distinct", "a cluster lists each member once"},
      {"cluster.year_covered", "membership changes are for years the cluster exists in"},
      {"cluster.join_not_member", "a unit joins a cluster it is not a member of"},
      {"cluster.leave_member", "a unit leaves a cluster it is a member of"},
      {"cluster.closed",
       "nothing is added to a closed scoring sheet, and membership does not change from a year "
       "whose sheet is closed"},
      {"officers.distinct", "head and deputy are two different members"},
      {"officers.members", "head and deputy are members that year"},
      {"officers.once", "officers are elected once per year"},
      {"officers.rotation", "no unit heads the cluster two consecutive years"},
      {"covenant.once", "a cluster adopts one covenant per year"},
      {"covenant.criteria", "covenant criteria have unique codes and positive maxima"},
      {"signature.covenant_adopted", "members sign an adopted covenant"},
      {"signature.member", "only members sign the covenant"},
      {"signature.once", "each member signs once"},
      {"score.after_signing",
       "a score is entered or corrected only for a year with a covenant, for a scored member that "
       "has signed it, and by a scorer that has signed it when the scorer is a member (the "
       "organiser is not); members who have not signed do not hold up the others"},
      {"score.criterion_exists", "a score is for a criterion of the covenant"},
      {"score.within_max", "a score is between 0 and the criterion's maximum"},
      {"score.scorer_member", "the scorer is a member"},
      {"score.scored_member", "the scored unit is a member"},
      {"score.self_is_self", "a self-score is entered by the scored unit"},
      {"score.cross_not_self", "a cross-score's scorer differs from the scored unit"},
      {"score.final_by_head", "final scores are entered by the year's head or the organiser"},
      {"score.no_overwrite",
       "a score is never overwritten, and a unit has one final score per criterion; scores are "
       "corrected"},
      {"correction.score_exists", "a correction corrects an existing score"},
      {"correction.reason", "a correction states its reason"},
      {"close.covenant_adopted", "a sheet is closed only for a year with a covenant"},
      {"vote.after_close", "members vote after the sheet is closed"},
      {"vote.nominee_member", "a cluster vote's nominee is a member"},
      {"vote.nominee_signed",
       "a cluster vote's nominee signed the year's covenant: only ranked members lead or are "
       "proposed"},
      {"vote.motion_award", "a vote on an award names the award"},
      {"vote.tallies",
       "tallies add up to no more than the eligible, who are no more than the members"},
      {"proposal.unique", "a proposal id is submitted once"},
      {"proposal.exists", "a referenced proposal exists"},
      {"proposal.nominees", "a proposal names distinct nominees"},
      {"publication.once", "a proposal is published for comment once"},
      {"publication.date", "a proposal is published on or after its date and not after today"},
      {"ruleset.in_force", "a rule set covers the date"},
      {"decision.never_edited",
       "decisions are never edited or replaced; corrections and revocations are new events"},
      {"decision.unique_number",
       "(issuer, number) is unique across decisions, corrections and revocations"},
      {"decision.date_not_future", "a decision is not dated in the future"},
      {"decision.recipients", "a decision names distinct recipients"},
      {"decision.competent_issuer", "the issuer is competent for the award"},
      {"decision.reward_multiple",
       "the reward is the rule set's multiple of the base salary (Decree 98 Art. 54)"},
      {"decision.proposal_matches",
       "a cited proposal, dated no later than the decision, proposes this award, occasion, year "
       "and recipient"},
      {"decision.exists", "a referenced decision exists"},
      {"correction.changes_something", "a correction corrects the signer, capacity or legal basis"},
      {"correction.not_revoked", "a revoked decision is not corrected"},
      {"correction.after_decision", "a correction is dated on or after the decision"},
      {"revocation.once", "a decision is revoked once"},
      {"revocation.after_decision", "a revocation is dated on or after the decision"},
      {"revocation.reason", "a revocation states its reason"},
      {"revocation.ground",
       "a revocation cites a ground of the rule set in force on its date (2003 law: fraud only; "
       "Law 06/2022 Art. 93(2): a, b, c or d)"},
      {"award.subject_kind", "the award is for persons or for organizations"},
      {"award.once_per_year", "an annual title is given at most once per subject per year"},
      {"award.ladder",
       "a record, never a refusal: thematic and extraordinary awards neither need nor count toward "
       "the ladders' consecutive-year counts, and are checked on every other criterion (Decree 98 "
       "Art. 4(3))"},
      {"council.floor",
       "where the rule set sets a floor for the award (CSTD_TINH, CSTD_TQ), a council of the "
       "issuer passed it by secret ballot with at least that share of its total membership; a "
       "council's own threshold may only be stricter (Decree 91/2017 Art. 45(8))"},
      {"council.public_notice",
       "where the rule set requires it (vn-2013: CSTD_TQ, Decree 91/2017 Art. 45(10)), a council "
       "votes on a proposal only after it was published for comment, the rule set's working days "
       "before"},
      {"award.LDTT.rating", "LDTT: rated good or better that year (Law Art. 24)"},
      {"award.CSTDCS.rating", "CSTDCS: meets LDTT that year (Art. 23)"},
      {"award.LDTT.service",
       "LDTT (and CSTDCS): served at least the rule set's months by the year's end (vn-2013: 10 "
       "months, Decree 91/2017)"},
      {"award.LDTT.no_discipline",
       "LDTT (and CSTDCS): not disciplined at the rule set's bar or above in the year (vn-2013: "
       "reprimand, Decree 91/2017)"},
      {"award.CSTDCS.initiative",
       "CSTDCS: rated excellent or a grassroots initiative (before 2024: an initiative)"},
      {"award.CSTD_TINH.consecutive",
       "CSTD_TINH: consecutive CSTDCS years, counted after the last CSTD_TINH (an achievement "
       "counts once)"},
      {"award.CSTDCS.share",
       "CSTDCS: a unit's CSTDCS of a year at most the rule set's share of its members holding "
       "LDTT, rounded down (vn-2013: 15%, Decree 91/2017 Art. 9(3))"},
      {"award.CSTD_TINH.initiative", "CSTD_TINH: an initiative of ministry/province scope"},
      {"award.CSTD_TQ.consecutive",
       "CSTD_TQ: consecutive CSTD_TINH, counted after the last CSTD_TQ (Art. 21)"},
      {"award.CSTD_TQ.initiative", "CSTD_TQ: an initiative of national scope"},
      {"award.CSTD_TQ.timing",
       "CSTD_TQ: for a year at most the rule set's number of years after the last CSTD_TINH it "
       "rests on (Decree 91/2017 Art. 48(1)(a))"},
      {"award.TTLDTT.members_ldtt",
       "TTLDTT: more than half the members (staff on 31 December) hold LDTT"},
      {"award.TTLDTT.unit_rating",
       "TTLDTT: the collective itself completed its tasks well (2003 law Art. 28(1)(a); Law "
       "06/2022 Art. 28)"},
      {"award.TTLDTT.no_discipline",
       "TTLDTT: no member disciplined at the rule set's bar (warning) or above"},
      {"award.TTLDXS.unit_rating", "TTLDXS: the unit completed its tasks excellently (Art. 27)"},
      {"award.TTLDXS.members_completed", "TTLDXS: every member completed their tasks"},
      {"award.TTLDXS.no_discipline",
       "TTLDXS: no member disciplined at the rule set's bar or above in the year (2003 law Art. "
       "27)"},
      {"award.TTLDXS.members_ldtt", "TTLDXS: at least 70% of members hold LDTT"},
      {"award.TTLDXS.cstdcs", "TTLDXS: at least one member holds CSTDCS"},
      {"award.CO_TINH.leader", "CO_TINH: led a cluster or bloc of the issuing authority that year"},
      {"award.CO_CP.leader", "CO_CP: led a cluster or bloc that year (Art. 25)"},
      {"award.CO_CP.quota",
       "CO_CP: at most 20% of the leaders of an organiser's clusters (letter 5007/BNV-TĐKT)"},
      {"award.CO_CP.outright",
       "a record, never a refusal: the leader of a cluster organised by the central level receives "
       "CO_CP outright, outside the quota (Law 06/2022 Art. 25(2))"},
      {"award.BK_TINH.route_d",
       "BK_TINH for a person: 2 consecutive CSTDCS, or 2 excellent years with 2 initiatives (Art. "
       "74)"},
      {"award.BK_TTG.route_b",
       "BK_TTG for a person: holds BK_TINH and the rule set's consecutive years, CSTDCS and "
       "initiatives, after the latest BK_TINH where the set says so (Law 06/2022 Art. 73; Decree "
       "91/2017 Art. 38(1)(c))"},
  };
  return kRules;
}

}  // namespace thidua::domain
