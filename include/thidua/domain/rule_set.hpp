// Rule sets: the law's figures as data, versioned by date.
//
// The law changed on 1 Jan 2024 (Law 06/2022/QH15 replacing the 2013 regime); each decision is
// checked under the rule set in force on its date, and records that set's id. The figures the
// rules use (ladder lengths, shares, quotas, who may issue which award, reward multiples) are
// fields of RuleSet, read from data (the codec loads the standard sets from JSON, see
// docs/rules.md), never constants in the rules' code. Plain values; thread-safe.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "thidua/domain/events.hpp"

namespace thidua::domain {

// Which kinds of organization may issue an award (the "decided by" column of domain.md).
struct CompetentIssuers {
  Award award = Award::kGK;
  std::vector<OrganizationKind> kinds;
  template <class S, class V>
  static void describe(S& s, V&& v) {
    v("award", s.award);
    v("kinds", s.kinds);
  }
};

// The reward for an award, as a multiple of the base salary (Decree 98 Art. 54).
struct RewardMultiple {
  Award award = Award::kGK;
  Decimal multiple;
  template <class S, class V>
  static void describe(S& s, V&& v) {
    v("award", s.award);
    v("multiple", s.multiple);
  }
};

// A proposal for `award` is published for comment at least this many working days (Monday to
// Friday) before its council votes; 0: published before the vote, on an earlier day.
struct PublicNotice {
  Award award = Award::kGK;
  int working_days = 0;
  template <class S, class V>
  static void describe(S& s, V&& v) {
    v("award", s.award);
    v("working_days", s.working_days);
  }
};

struct RuleSet {
  std::string id;  // e.g. "vn-2022"
  std::string title;
  Date from;
  std::optional<Date> until;  // inclusive; absent while in force

  // LDTT: the least task rating of the year.
  Rating ldtt_min_rating = Rating::kGood;
  // CSTDCS: meets LDTT, and an initiative recognised at grassroots level or higher in the year
  // (and, when cstdcs_excellent_replaces_initiative, an excellent rating instead).
  bool cstdcs_excellent_replaces_initiative = true;
  // CSTD_TINH: this many consecutive annual CSTDCS ending in the year, and an initiative of
  // at least this scope recognised within those years.
  int cstd_tinh_consecutive_cstdcs = 3;
  Scope cstd_tinh_initiative_scope = Scope::kMinistryProvince;
  // CSTD_TQ: this many consecutive CSTD_TINH (consecutive: each cstd_tinh_cycle_years after
  // the one before, the last in the year or earlier), and an initiative of this scope.
  int cstd_tq_consecutive_cstd_tinh = 2;
  int cstd_tinh_cycle_years = 3;
  Scope cstd_tq_initiative_scope = Scope::kNational;
  // TTLDTT: share of members with LDTT; no member disciplined at this level or above.
  ShareSpec ttldtt_members_ldtt{1, 2, true};
  DisciplineLevel ttldtt_discipline_bar = DisciplineLevel::kWarning;
  // TTLDXS: the unit's own rating, shares of members completing tasks and with LDTT, and the
  // least number of members with CSTDCS.
  Rating ttldxs_unit_rating = Rating::kExcellent;
  ShareSpec ttldxs_members_completed{1, 1, false};
  ShareSpec ttldxs_members_ldtt{7, 10, false};
  int ttldxs_min_cstdcs = 1;
  // CO_CP: proposals of an organiser at most this share of the leaders of its clusters.
  ShareSpec co_cp_quota{1, 5, false};
  // BK_TINH for a person, route (d): consecutive CSTDCS, or consecutive excellent years with
  // this many grassroots initiatives.
  int bk_tinh_consecutive_cstdcs = 2;
  int bk_tinh_consecutive_excellent = 2;
  int bk_tinh_initiatives = 2;
  // BK_TTG for a person, route (b): holds BK_TINH, and this many consecutive years rated at
  // least bk_ttg_min_rating, including this many CSTDCS.
  int bk_ttg_years = 5;
  Rating bk_ttg_min_rating = Rating::kGood;
  int bk_ttg_cstdcs = 3;
  // A cluster vote passes with this share of the eligible voters.
  ShareSpec cluster_vote_pass{1, 2, true};
  std::vector<CompetentIssuers> competent_issuers;
  std::vector<RewardMultiple> reward_multiples;
  // LDTT (and CSTDCS, which meets LDTT): not for a person disciplined at this level or above in
  // the year (absent: the set has no such bar), nor for one who served fewer than this many
  // months by the year's end (0: no least service).
  std::optional<DisciplineLevel> ldtt_discipline_bar;
  int ldtt_min_months = 6;
  // CSTDCS: a unit's CSTDCS of a year at most this share of its members holding LDTT that year
  // (absent: no limit).
  std::optional<ShareSpec> cstdcs_share_of_ldtt;
  // TTLDTT: the collective's own least rating of the year.
  Rating ttldtt_unit_rating = Rating::kGood;
  // TTLDXS: no member disciplined at this level or above in the year (absent: no bar).
  std::optional<DisciplineLevel> ttldxs_discipline_bar;
  // CSTD_TQ: proposed at most this many years after the year of the decision recognising the
  // last CSTD_TINH it rests on (absent: the set has no such time limit).
  std::optional<int> cstd_tq_years_after;
  // BK_TTG for a person, route (b): grassroots initiatives recognised within those years.
  int bk_ttg_initiatives = 0;
  // BK_TTG route (b): whether the years must follow the Bằng khen it builds on ("5 năm tiếp
  // theo", Decree 91/2017 Art. 38(1)(c)) or only run up to the proposal (Law 06/2022 Art.
  // 73(1)(b)).
  bool bk_ttg_years_follow_bk = false;
  // Council votes: per award, the least share of the council's total membership the law sets;
  // a council's own threshold may only be stricter.
  std::vector<CouncilThreshold> council_floors;
  // CO_CP: the leaders of clusters organised by an organization of these kinds receive it
  // outright, outside the organiser's quota.
  std::vector<OrganizationKind> co_cp_outright_organisers = {OrganizationKind::kGovernment};
  // Revocation: the grounds the law in force on the revocation's date allows.
  std::vector<RevocationGround> revocation_grounds = {RevocationGround::kA, RevocationGround::kB,
                                                      RevocationGround::kC, RevocationGround::kD};
  // Kinds of organization that do not exist under the set: none issues a decision.
  std::vector<OrganizationKind> abolished_kinds;
  // Proposals published for the public's comment before the council votes.
  std::vector<PublicNotice> public_notices;

  template <class S, class V>
  static void describe(S& s, V&& v) {
    v("id", s.id);
    v("title", s.title);
    v("from", s.from);
    v("until", s.until);
    v("ldtt_min_rating", s.ldtt_min_rating);
    v("cstdcs_excellent_replaces_initiative", s.cstdcs_excellent_replaces_initiative);
    v("cstd_tinh_consecutive_cstdcs", s.cstd_tinh_consecutive_cstdcs);
    v("cstd_tinh_initiative_scope", s.cstd_tinh_initiative_scope);
    v("cstd_tq_consecutive_cstd_tinh", s.cstd_tq_consecutive_cstd_tinh);
    v("cstd_tinh_cycle_years", s.cstd_tinh_cycle_years);
    v("cstd_tq_initiative_scope", s.cstd_tq_initiative_scope);
    v("ttldtt_members_ldtt", s.ttldtt_members_ldtt);
    v("ttldtt_discipline_bar", s.ttldtt_discipline_bar);
    v("ttldxs_unit_rating", s.ttldxs_unit_rating);
    v("ttldxs_members_completed", s.ttldxs_members_completed);
    v("ttldxs_members_ldtt", s.ttldxs_members_ldtt);
    v("ttldxs_min_cstdcs", s.ttldxs_min_cstdcs);
    v("co_cp_quota", s.co_cp_quota);
    v("bk_tinh_consecutive_cstdcs", s.bk_tinh_consecutive_cstdcs);
    v("bk_tinh_consecutive_excellent", s.bk_tinh_consecutive_excellent);
    v("bk_tinh_initiatives", s.bk_tinh_initiatives);
    v("bk_ttg_years", s.bk_ttg_years);
    v("bk_ttg_min_rating", s.bk_ttg_min_rating);
    v("bk_ttg_cstdcs", s.bk_ttg_cstdcs);
    v("cluster_vote_pass", s.cluster_vote_pass);
    v("competent_issuers", s.competent_issuers);
    v("reward_multiples", s.reward_multiples);
    v("ldtt_discipline_bar", s.ldtt_discipline_bar);
    v("ldtt_min_months", s.ldtt_min_months);
    v("cstdcs_share_of_ldtt", s.cstdcs_share_of_ldtt);
    v("ttldtt_unit_rating", s.ttldtt_unit_rating);
    v("ttldxs_discipline_bar", s.ttldxs_discipline_bar);
    v("cstd_tq_years_after", s.cstd_tq_years_after);
    v("bk_ttg_initiatives", s.bk_ttg_initiatives);
    v("bk_ttg_years_follow_bk", s.bk_ttg_years_follow_bk);
    v("council_floors", s.council_floors);
    v("co_cp_outright_organisers", s.co_cp_outright_organisers);
    v("revocation_grounds", s.revocation_grounds);
    v("abolished_kinds", s.abolished_kinds);
    v("public_notices", s.public_notices);
  }

  // The kinds that may issue `award`; empty when the set does not restrict it.
  const std::vector<OrganizationKind>* issuers_of(Award award) const;
  const Decimal* reward_multiple_of(Award award) const;
  // The law's least council threshold for `award`, or nullptr.
  const ShareSpec* council_floor_of(Award award) const;
  bool abolished(OrganizationKind kind) const;
  bool allows_ground(RevocationGround ground) const;
  bool co_cp_outright(OrganizationKind organiser) const;
  const PublicNotice* public_notice_of(Award award) const;
};

// All rule sets, each covering a span of dates.
struct RuleBook {
  std::vector<RuleSet> sets;
  template <class S, class V>
  static void describe(S& s, V&& v) {
    v("sets", s.sets);
  }

  // The set in force on `date`, or nullptr when none covers it.
  const RuleSet* in_force(Date date) const;
};

}  // namespace thidua::domain
