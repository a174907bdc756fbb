// The award-specific rules of domain.md section 3 (the ladders), each with its facts.
#include "eligibility_checker.hpp"

namespace thidua::domain::internal {

namespace {

std::string rating_word(const Located<Rating>* r) {
  return r ? std::string(enum_name(r->value)) : std::string("not rated");
}

std::vector<Fact> rating_fact(const Located<Rating>* r, int year) {
  if (!r) return {};
  return {
      {r->position, "rated " + std::string(enum_name(r->value)) + " for " + std::to_string(year)}};
}

std::vector<Fact> initiative_facts(const std::vector<const InitiativeState*>& list) {
  std::vector<Fact> facts;
  for (const InitiativeState* in : list) {
    facts.push_back({in->position, "initiative " + quoted(in->recognized.title) + " (" +
                                       std::string(enum_name(in->recognized.scope)) + ", " +
                                       std::to_string(in->recognized.year) + ")"});
  }
  return facts;
}

}  // namespace

void Checker::ladder() {
  switch (q_.award) {
    case Award::kLDTT:
      return ldtt("award.LDTT.rating");
    case Award::kCSTDCS:
      return cstdcs();
    case Award::kCSTD_TINH:
      return cstd_tinh();
    case Award::kCSTD_TQ:
      return cstd_tq();
    case Award::kTTLDTT:
      return ttldtt();
    case Award::kTTLDXS:
      return ttldxs();
    case Award::kCO_TINH:
      return flag(false);
    case Award::kCO_CP:
      return flag(true);
    case Award::kBK_TINH:
      if (q_.subject.kind == SubjectKind::kPerson) bk_tinh();
      return;
    case Award::kBK_TTG:
      if (q_.subject.kind == SubjectKind::kPerson) bk_ttg();
      return;
    case Award::kGK:
      return;
  }
}

void Checker::ldtt(const std::string& rule) {
  const Located<Rating>* r = l_.rating(q_.year);
  const bool ok = r && r->value >= r_.ldtt_min_rating;
  add(rule, ok,
      who() + " was rated " + rating_word(r) + " for " + year(q_.year) + "; " +
          std::string(enum_name(q_.award)) + " needs at least " +
          std::string(enum_name(r_.ldtt_min_rating)),
      rating_fact(r, q_.year));
  ldtt_person();
}

// The person criteria of LDTT beyond the rating (CSTDCS meets LDTT, so it has them too): no
// discipline at the set's bar in the year, and the least months served by the year's end.
void Checker::ldtt_person() {
  if (q_.subject.kind != SubjectKind::kPerson) return;
  const PersonState& p = s_.people.at(q_.subject.id);
  if (r_.ldtt_discipline_bar) {
    std::vector<Fact> facts;
    for (const auto& d : p.disciplines) {
      if (d.value.year == q_.year && d.value.level >= *r_.ldtt_discipline_bar) {
        facts.push_back({d.position, std::string(enum_name(d.value.level)) + " on " +
                                         d.value.date.to_string() + ": " + d.value.basis});
      }
    }
    add("award.LDTT.no_discipline", facts.empty(),
        who() + (facts.empty() ? " was not" : " was") + " disciplined at " +
            std::string(enum_name(*r_.ldtt_discipline_bar)) + " level or above in " +
            year(q_.year) + " (" + r_.id + ")",
        facts);
  }
  if (r_.ldtt_min_months > 0) {
    const std::string need = std::to_string(r_.ldtt_min_months) + " months by the end of " +
                             year(q_.year) + " (" + r_.id + ")";
    if (!p.registered.since) {
      add("award.LDTT.service", true,
          who() +
              " has no recruitment date on record (registered before dates were kept); "
              "needs " +
              need,
          {{p.position, "registration of " + who()}});
    } else {
      const Date since = *p.registered.since;
      const int months = since.month - 1 + r_.ldtt_min_months;
      const Date served{since.year + months / 12, months % 12 + 1, since.day};
      const bool ok = served <= Date{q_.year + 1, 1, 1};
      add("award.LDTT.service", ok,
          who() + " joined on " + since.to_string() + (ok ? "; has served " : "; has not served ") +
              need,
          {{p.position, "registration of " + who()}});
    }
  }
}

void Checker::cstdcs_share() {
  if (!r_.cstdcs_share_of_ldtt) return;
  const std::string unit = s_.people.at(q_.subject.id).organization_on(Date{q_.year, 12, 31});
  const UnitShare c = cstdcs_share_of(s_, *r_.cstdcs_share_of_ldtt, unit, q_.year);
  const std::int64_t used = static_cast<std::int64_t>(c.cstdcs.size()) + 1;  // with this one
  std::vector<Fact> facts = c.cstdcs;
  facts.insert(facts.end(), c.ldtt.begin(), c.ldtt.end());
  add("award.CSTDCS.share", used <= c.allowed,
      share_detail(s_, *r_.cstdcs_share_of_ldtt, unit, q_.year, used, c), facts);
}

void Checker::cstdcs() {
  ldtt("award.CSTDCS.rating");
  const Located<Rating>* r = l_.rating(q_.year);
  auto list = l_.initiatives(q_.year, q_.year, Scope::kGrassroots, q_.initiatives);
  const bool excellent = r && r->value == Rating::kExcellent;
  const bool ok = !list.empty() || (r_.cstdcs_excellent_replaces_initiative && excellent);
  std::string need = r_.cstdcs_excellent_replaces_initiative
                         ? "an excellent rating or an initiative recognised in the year"
                         : "an initiative recognised in the year";
  auto facts = initiative_facts(list);
  if (excellent) facts.push_back(rating_fact(r, q_.year)[0]);
  add("award.CSTDCS.initiative", ok, who() + (ok ? " has " : " lacks ") + need + " (" + r_.id + ")",
      facts);
  cstdcs_share();
}

void Checker::cstd_tinh() {
  const int need = r_.cstd_tinh_consecutive_cstdcs;
  if (counts_) {
    // The CSTDCS years an earlier CSTD_TINH rests on are spent: the count starts again after it.
    const int after = l_.latest_before(Award::kCSTD_TINH, q_.year);
    std::vector<Fact> facts;
    const int n = l_.consecutive(Award::kCSTDCS, q_.year, facts, after);
    add("award.CSTD_TINH.consecutive", n >= need,
        who() + " holds CSTDCS " + std::to_string(n) + " year(s) in a row up to " + year(q_.year) +
            (after ? " after the CSTD_TINH for " + year(after) : std::string()) + "; " +
            std::to_string(need) + " are needed",
        facts);
  }
  auto list =
      l_.initiatives(q_.year - need + 1, q_.year, r_.cstd_tinh_initiative_scope, q_.initiatives);
  add("award.CSTD_TINH.initiative", !list.empty(),
      who() + (list.empty() ? " has no" : " has an") + " initiative of " +
          std::string(enum_name(r_.cstd_tinh_initiative_scope)) + " scope or wider in " +
          year(q_.year - need + 1) + "–" + year(q_.year),
      initiative_facts(list));
}

// CSTD_TQ is proposed in the year next to the year of the decision recognising the last
// CSTD_TINH (Decree 91/2017 Art. 48(1)(a)): the proposal's year (or, without one, the
// decision's) is at most the set's number of years after that decision's year.
void Checker::cstd_tq_timing(const std::map<int, AwardRecord>& held, int latest) {
  const std::optional<Date> when = q_.proposed ? q_.proposed : q_.date;
  if (latest == 0 || !when) {
    add("award.CSTD_TQ.timing", latest != 0,
        latest == 0 ? who() + " holds no CSTD_TINH up to " + year(q_.year)
                    : "no date is asked for; the proposal must come in the year after the last "
                      "CSTD_TINH decision");
    return;
  }
  const AwardRecord& rec = held.at(latest);
  const Date decided = s_.decisions.at(rec.decision).issued.date;
  const int gap = when->year - decided.year;
  const bool ok = gap <= *r_.cstd_tq_years_after;
  add("award.CSTD_TQ.timing", ok,
      "the last CSTD_TINH (for " + year(latest) + ") was decided on " + decided.to_string() +
          "; CSTD_TQ is " + (q_.proposed ? "proposed" : "decided") + " on " + when->to_string() +
          ", " + std::to_string(gap) + " year(s) later (at most " +
          std::to_string(*r_.cstd_tq_years_after) + " under " + r_.id + ")",
      {{rec.position, "CSTD_TINH for " + year(latest) + " by decision " + rec.decision}});
}

void Checker::cstd_tq() {
  auto held = l_.annual(Award::kCSTD_TINH);
  const int cycle = r_.cstd_tinh_cycle_years;
  // The CSTD_TINH titles an earlier CSTD_TQ rests on are spent.
  const int after = l_.latest_before(Award::kCSTD_TQ, q_.year);
  std::vector<Fact> facts;
  int latest = 0;
  for (const auto& [y, rec] : held) {
    if (y <= q_.year && y > after) latest = y;
  }
  int n = 0;
  for (int y = latest; latest != 0 && y > after && held.contains(y); y -= cycle, ++n) {
    facts.push_back({held.at(y).position, "CSTD_TINH for " + year(y)});
  }
  const int need = r_.cstd_tq_consecutive_cstd_tinh;
  if (counts_) {
    // The last of them within one cycle of the year: the title crowns a ladder that ends there.
    const bool recent = latest != 0 && q_.year - latest < cycle;
    if (!recent) n = 0;
    add("award.CSTD_TQ.consecutive", recent && n >= need,
        who() + " holds " + std::to_string(n) + " consecutive CSTD_TINH (every " +
            std::to_string(cycle) + " years) up to " + year(q_.year) +
            (after ? " after the CSTD_TQ for " + year(after) : std::string()) + "; " +
            std::to_string(need) + " are needed",
        facts);
    if (r_.cstd_tq_years_after) cstd_tq_timing(held, latest);
  }
  // The window covers the CSTD_TINH cycles the title rests on; without any CSTD_TINH it is the
  // same span counted back from the year (never from year 0).
  const int from = (latest != 0 ? latest : q_.year) - cycle * need + 1;
  auto list = l_.initiatives(from, q_.year, r_.cstd_tq_initiative_scope, q_.initiatives);
  add("award.CSTD_TQ.initiative", !list.empty(),
      who() + (list.empty() ? " has no" : " has an") + " initiative of " +
          std::string(enum_name(r_.cstd_tq_initiative_scope)) + " scope in " + year(from) + "–" +
          year(q_.year),
      initiative_facts(list));
}

}  // namespace thidua::domain::internal
