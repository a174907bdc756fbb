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
}

void Checker::cstd_tinh() {
  const int need = r_.cstd_tinh_consecutive_cstdcs;
  std::vector<Fact> facts;
  const int n = l_.consecutive(Award::kCSTDCS, q_.year, facts);
  add("award.CSTD_TINH.consecutive", n >= need,
      who() + " holds CSTDCS " + std::to_string(n) + " year(s) in a row up to " + year(q_.year) +
          "; " + std::to_string(need) + " are needed",
      facts);
  auto list =
      l_.initiatives(q_.year - need + 1, q_.year, r_.cstd_tinh_initiative_scope, q_.initiatives);
  add("award.CSTD_TINH.initiative", !list.empty(),
      who() + (list.empty() ? " has no" : " has an") + " initiative of " +
          std::string(enum_name(r_.cstd_tinh_initiative_scope)) + " scope or wider in " +
          year(q_.year - need + 1) + "–" + year(q_.year),
      initiative_facts(list));
}

void Checker::cstd_tq() {
  auto held = l_.annual(Award::kCSTD_TINH);
  const int cycle = r_.cstd_tinh_cycle_years;
  std::vector<Fact> facts;
  int latest = 0;
  for (const auto& [y, rec] : held) {
    if (y <= q_.year) latest = y;
  }
  int n = 0;
  for (int y = latest; latest != 0 && held.contains(y); y -= cycle, ++n) {
    facts.push_back({held.at(y).position, "CSTD_TINH for " + year(y)});
  }
  const bool recent = latest != 0 && q_.year - latest < cycle;
  const int need = r_.cstd_tq_consecutive_cstd_tinh;
  add("award.CSTD_TQ.consecutive", recent && n >= need,
      who() + " holds " + std::to_string(recent ? n : 0) + " consecutive CSTD_TINH (every " +
          std::to_string(cycle) + " years) up to " + year(q_.year) + "; " + std::to_string(need) +
          " are needed",
      facts);
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
