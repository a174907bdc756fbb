// The rules of collective titles and flags, and the person routes of the Bằng khen.
#include "eligibility_checker.hpp"

namespace thidua::domain::internal {

namespace {

// Counts of a unit's members (its staff on 31 December) for one year, each count with the
// facts it rests on: the members' LDTT and CSTDCS decisions and their ratings.
struct MemberCounts {
  std::int64_t total = 0;
  std::vector<Fact> ldtt, cstdcs, completed;
  std::vector<Fact> disciplined;  // at or above the bar
};

MemberCounts count_members(const State& s, const std::string& org, int year, DisciplineLevel bar) {
  MemberCounts c;
  for (const std::string& person : s.members_in(org, year)) {
    SubjectRef who{SubjectKind::kPerson, person};
    const std::string name = name_of(s, who);
    Ladders l(s, who, std::nullopt);
    ++c.total;
    for (auto [award, facts] : {std::pair{Award::kLDTT, &c.ldtt}, {Award::kCSTDCS, &c.cstdcs}}) {
      auto held = l.annual(award);
      if (auto it = held.find(year); it != held.end()) {
        facts->push_back({it->second.position, name + ": " + std::string(enum_name(award))});
      }
    }
    const Located<Rating>* r = l.rating(year);
    if (r && r->value >= Rating::kCompleted) {
      c.completed.push_back({r->position, name + ": rated " + std::string(enum_name(r->value))});
    }
    for (const auto& d : s.people.at(person).disciplines) {
      if (d.value.year == year && d.value.level >= bar) {
        c.disciplined.push_back({d.position, name + ": " + std::string(enum_name(d.value.level))});
      }
    }
  }
  return c;
}

std::int64_t size(const std::vector<Fact>& facts) {
  return static_cast<std::int64_t>(facts.size());
}

std::string share_text(std::int64_t part, std::int64_t whole, const Share& share) {
  return std::to_string(part) + " of " + std::to_string(whole) + " members (needs " +
         share.to_string() + ")";
}

}  // namespace

UnitShare cstdcs_share_of(const State& state, const ShareSpec& share, const std::string& unit,
                          int year) {
  MemberCounts c = count_members(state, unit, year, DisciplineLevel::kDismissal);
  UnitShare out{std::move(c.ldtt), std::move(c.cstdcs), 0};
  out.allowed = share.share().at_most(size(out.ldtt));
  return out;
}

std::string share_detail(const State& state, const ShareSpec& share, const std::string& unit,
                         int year, std::int64_t used, const UnitShare& counts) {
  return std::to_string(used) + " CSTDCS for " + std::to_string(year) + " in " +
         quoted(name_of(state, unit)) + " against " + std::to_string(counts.ldtt.size()) +
         " members holding LDTT; at most " + std::to_string(counts.allowed) + " (" +
         std::to_string(share.numerator) + "/" + std::to_string(share.denominator) +
         " of them, rounded down)";
}

std::optional<std::string> co_cp_outright(const State& state, const RuleSet& rules,
                                          const std::string& organization, int year) {
  const std::string organiser = organiser_led_by(state, organization, year);
  auto it = state.organizations.find(organiser);
  if (it == state.organizations.end() || !rules.co_cp_outright(it->second.registered.kind)) {
    return std::nullopt;
  }
  return organiser;
}

void Checker::ttldtt() {
  const Located<Rating>* r = l_.rating(q_.year);
  const bool unit_ok = r && r->value >= r_.ttldtt_unit_rating;
  add("award.TTLDTT.unit_rating", unit_ok,
      who() + " was rated " + (r ? std::string(enum_name(r->value)) : "not rated") + " for " +
          year(q_.year) + "; the collective itself needs " +
          std::string(enum_name(r_.ttldtt_unit_rating)) + " or better",
      r ? std::vector<Fact>{{r->position, "rated " + std::string(enum_name(r->value))}}
        : std::vector<Fact>{});
  MemberCounts c = count_members(s_, q_.subject.id, q_.year, r_.ttldtt_discipline_bar);
  const Share share = r_.ttldtt_members_ldtt.share();
  add("award.TTLDTT.members_ldtt", c.total > 0 && share.met_by(size(c.ldtt), c.total),
      "LDTT for " + year(q_.year) + ": " + share_text(size(c.ldtt), c.total, share), c.ldtt);
  add("award.TTLDTT.no_discipline", c.disciplined.empty(),
      c.disciplined.empty()
          ? "no member was disciplined at " + std::string(enum_name(r_.ttldtt_discipline_bar)) +
                " level or above in " + year(q_.year)
          : std::to_string(c.disciplined.size()) + " member(s) disciplined at " +
                std::string(enum_name(r_.ttldtt_discipline_bar)) + " level or above in " +
                year(q_.year),
      c.disciplined);
}

void Checker::ttldxs() {
  const Located<Rating>* r = l_.rating(q_.year);
  const bool unit_ok = r && r->value >= r_.ttldxs_unit_rating;
  std::vector<Fact> facts;
  if (r) facts.push_back({r->position, "rated " + std::string(enum_name(r->value))});
  add("award.TTLDXS.unit_rating", unit_ok,
      who() + " was rated " + (r ? std::string(enum_name(r->value)) : "not rated") + " for " +
          year(q_.year) + "; needs " + std::string(enum_name(r_.ttldxs_unit_rating)),
      facts);
  MemberCounts c = count_members(s_, q_.subject.id, q_.year,
                                 r_.ttldxs_discipline_bar.value_or(DisciplineLevel::kDismissal));
  if (r_.ttldxs_discipline_bar) {
    add("award.TTLDXS.no_discipline", c.disciplined.empty(),
        std::to_string(c.disciplined.size()) + " member(s) disciplined at " +
            std::string(enum_name(*r_.ttldxs_discipline_bar)) + " level or above in " +
            year(q_.year) + " (" + r_.id + ")",
        c.disciplined);
  }
  const Share completed = r_.ttldxs_members_completed.share();
  const Share ldtt = r_.ttldxs_members_ldtt.share();
  add("award.TTLDXS.members_completed", c.total > 0 && completed.met_by(size(c.completed), c.total),
      "tasks completed in " + year(q_.year) + ": " +
          share_text(size(c.completed), c.total, completed),
      c.completed);
  add("award.TTLDXS.members_ldtt", c.total > 0 && ldtt.met_by(size(c.ldtt), c.total),
      "LDTT for " + year(q_.year) + ": " + share_text(size(c.ldtt), c.total, ldtt), c.ldtt);
  add("award.TTLDXS.cstdcs", size(c.cstdcs) >= r_.ttldxs_min_cstdcs,
      std::to_string(c.cstdcs.size()) + " member(s) with CSTDCS for " + year(q_.year) + "; needs " +
          std::to_string(r_.ttldxs_min_cstdcs),
      c.cstdcs);
}

void Checker::flag(bool government) {
  // The cluster-leader route is the annual one; a thematic or extraordinary flag rests on the
  // movement or the feat it honours, which the proposal and the council weigh.
  if (!counts_) return;
  const std::string organiser = government || !q_.issuer ? std::string() : *q_.issuer;
  auto leaders = leaders_of(s_, q_.year, organiser);
  auto it = leaders.find(q_.subject.id);
  const bool led = it != leaders.end();
  const std::string rule = government ? "award.CO_CP.leader" : "award.CO_TINH.leader";
  const std::string scope = organiser.empty()
                                ? "any cluster or bloc"
                                : "a cluster or bloc of " + quoted(name_of(s_, organiser));
  add(rule, led,
      who() + (led ? " led " : " did not lead ") + scope + " in " + year(q_.year) +
          "; flags go only to cluster leaders",
      led ? std::vector<Fact>{{it->second, "leader vote"}} : std::vector<Fact>{});
  if (!government || !led) return;
  if (auto central = co_cp_outright(s_, r_, q_.subject.id, q_.year)) {
    add("award.CO_CP.outright", true,
        who() + " led a cluster organised by " + quoted(name_of(s_, *central)) + " in " +
            year(q_.year) + ": the Government flag is given outright, outside any quota (" + r_.id +
            ")",
        {{it->second, "leader vote"}});
    return;
  }
  // CO_CP: at most a share of the leaders of the same organiser's clusters (letter 5007).
  const std::string group = organiser_led_by(s_, q_.subject.id, q_.year);
  auto group_leaders = leaders_of(s_, q_.year, group);
  std::int64_t used = 1;  // this one
  std::vector<Fact> facts;
  for (const auto& [leader, pos] : group_leaders) {
    if (leader == q_.subject.id) continue;
    const SubjectRef other{SubjectKind::kOrganization, leader};
    auto held = Ladders(s_, other, q_.decision).annual(Award::kCO_CP);
    if (auto h = held.find(q_.year); h != held.end()) {
      ++used;
      facts.push_back({h->second.position, quoted(name_of(s_, other)) + ": CO_CP by decision " +
                                               quoted(h->second.decision)});
    }
  }
  const Share quota = r_.co_cp_quota.share();
  const std::int64_t allowed = quota.at_most(static_cast<std::int64_t>(group_leaders.size()));
  add("award.CO_CP.quota", used <= allowed,
      std::to_string(used) + " Government flag(s) for the " + std::to_string(group_leaders.size()) +
          " leaders of clusters organised by " + quoted(name_of(s_, group)) + " in " +
          year(q_.year) + "; at most " + std::to_string(allowed) + " (" + quota.to_string() + ")",
      facts);
}

void Checker::bk_tinh() {
  if (!counts_) return;  // route (d) is a consecutive-year count
  std::vector<Fact> facts;
  const int cstdcs = l_.consecutive(Award::kCSTDCS, q_.year, facts);
  const int need_years = r_.bk_tinh_consecutive_excellent;
  int excellent = 0;
  for (int y = q_.year; y > q_.year - need_years; --y) {
    const Located<Rating>* r = l_.rating(y);
    if (!r || r->value != Rating::kExcellent) break;
    ++excellent;
    facts.push_back({r->position, "rated excellent for " + year(y)});
  }
  auto list = l_.initiatives(q_.year - need_years + 1, q_.year, Scope::kGrassroots, q_.initiatives);
  for (const InitiativeState* in : list) facts.push_back({in->position, in->recognized.title});
  const bool by_cstdcs = cstdcs >= r_.bk_tinh_consecutive_cstdcs;
  const bool by_excellent =
      excellent >= need_years && static_cast<int>(list.size()) >= r_.bk_tinh_initiatives;
  add("award.BK_TINH.route_d", by_cstdcs || by_excellent,
      who() + ": " + std::to_string(cstdcs) + " consecutive CSTDCS (needs " +
          std::to_string(r_.bk_tinh_consecutive_cstdcs) + "), or " + std::to_string(excellent) +
          " consecutive excellent years (needs " + std::to_string(need_years) + ") with " +
          std::to_string(list.size()) + " initiatives (needs " +
          std::to_string(r_.bk_tinh_initiatives) + ")",
      facts);
}

void Checker::bk_ttg() {
  if (!counts_) return;  // route (b) is a consecutive-year count
  std::vector<Fact> facts;
  // The years counted are those after any earlier Prime Minister's Bằng khen (the years an award
  // rests on are spent) and, where the set says so, after the latest Bằng khen of a ministry or
  // province (Decree 91/2017 Art. 38(1)(c): "5 năm tiếp theo"). Only an active annual Bằng khen
  // counts (Decree 98 Art. 4(3)), like the CSTDCS below.
  const int bk_year = l_.latest_before(Award::kBK_TINH, q_.year + 1);
  const bool has_bk = bk_year != 0 && (bk_year < q_.year || !r_.bk_ttg_years_follow_bk);
  if (has_bk) {
    const AwardRecord rec = l_.annual(Award::kBK_TINH).at(bk_year);
    facts.push_back(
        {rec.position, "BK_TINH for " + year(rec.year) + " by decision " + rec.decision});
  }
  const int earlier_ttg = l_.latest_before(Award::kBK_TTG, q_.year);
  const int after = r_.bk_ttg_years_follow_bk ? std::max(bk_year, earlier_ttg) : earlier_ttg;
  int good_years = 0;
  for (int y = q_.year; y > q_.year - r_.bk_ttg_years && y > after; --y) {
    const Located<Rating>* r = l_.rating(y);
    if (!r || r->value < r_.bk_ttg_min_rating) break;
    ++good_years;
    facts.push_back({r->position, "rated " + std::string(enum_name(r->value)) + " for " + year(y)});
  }
  const int from = q_.year - r_.bk_ttg_years + 1;
  auto cstdcs = l_.annual(Award::kCSTDCS);
  int in_window = 0;
  for (const auto& [y, rec] : cstdcs) {
    if (y < from || y > q_.year || y <= after) continue;
    ++in_window;
    facts.push_back({rec.position, "CSTDCS for " + year(y) + " by decision " + rec.decision});
  }
  std::vector<const InitiativeState*> initiatives;
  if (r_.bk_ttg_initiatives > 0) {
    initiatives =
        l_.initiatives(std::max(from, after + 1), q_.year, Scope::kGrassroots, q_.initiatives);
    for (const InitiativeState* in : initiatives) {
      facts.push_back({in->position, "initiative " + quoted(in->recognized.title) + " (" +
                                         std::to_string(in->recognized.year) + ")"});
    }
  }
  const auto found = static_cast<int>(initiatives.size());
  const bool ok = has_bk && good_years >= r_.bk_ttg_years && in_window >= r_.bk_ttg_cstdcs &&
                  found >= r_.bk_ttg_initiatives;
  std::string detail =
      who() +
      (has_bk
           ? " holds a Bằng khen of a ministry or province for " + year(bk_year)
           : std::string(" holds no Bằng khen of a ministry or province before ") + year(q_.year)) +
      (earlier_ttg ? " and the Prime Minister's for " + year(earlier_ttg) : std::string()) +
      (r_.bk_ttg_years_follow_bk ? "; in the years after it: " : "; in the years counted: ") +
      std::to_string(good_years) + " consecutive years rated " +
      std::string(enum_name(r_.bk_ttg_min_rating)) + " or better (needs " +
      std::to_string(r_.bk_ttg_years) + "), " + std::to_string(in_window) + " CSTDCS (needs " +
      std::to_string(r_.bk_ttg_cstdcs) + ")";
  if (r_.bk_ttg_initiatives > 0) {
    detail += ", " + std::to_string(found) + " grassroots initiatives (needs " +
              std::to_string(r_.bk_ttg_initiatives) + ")";
  }
  add("award.BK_TTG.route_b", ok, detail + " (" + r_.id + ")", facts);
}

}  // namespace thidua::domain::internal
