// Awards that go through a council: what is proposed in spring for the year before, to whom,
// by whom. Flags and Bằng khen for the units the clusters voted for, Bằng khen and Chiến sĩ
// thi đua for people on a run of titles, Tập thể lao động xuất sắc, and the Government's
// awards (Cờ thi đua của Chính phủ within its quota, Chiến sĩ thi đua toàn quốc, Bằng khen của
// Thủ tướng).
#include "names.hpp"
#include "simulation.hpp"

namespace thidua::generator::internal {

namespace {

bool takes_part(const Unit& unit) { return !unit.ended && !unit.held; }

Round make_round(int proposer, int council, int issuer, domain::Award award, int year) {
  return Round{.proposing_body = proposer,
               .council = council,
               .issuer = issuer,
               .award = award,
               .year = year};
}

}  // namespace

void Simulation::plan_cluster_rounds() {
  const int year = year_ - 1;
  for (int c = 0; c < static_cast<int>(world_.clusters.size()); ++c) {
    const Cluster& cluster = world_.clusters[c];
    if (cluster.result_year != year) continue;
    const Unit& organiser = world_.units[cluster.organiser];
    auto head = cluster.heads.find(year);
    // The year's head files the proposals, unless it has since ended.
    const int proposer = head != cluster.heads.end() && !world_.units[head->second].ended
                             ? head->second
                             : cluster.organiser;
    Round flags =
        make_round(proposer, organiser.council, cluster.organiser, domain::Award::kCO_TINH, year);
    flags.cluster = c;
    Round merit = flags;
    merit.award = domain::Award::kBK_TINH;
    for (int u : cluster.leaders) {
      // CO_TINH is a title: a unit leading two clusters gets the flag of the first only.
      if (!takes_part(world_.units[u]) || !world_.units[u].flags.insert(year).second) continue;
      flags.nominees.push_back({.unit = u});
    }
    for (int u : cluster.award_nominees) {
      if (takes_part(world_.units[u])) merit.nominees.push_back({.unit = u});
    }
    if (!flags.nominees.empty()) rounds_.push_back(std::move(flags));
    if (!merit.nominees.empty()) rounds_.push_back(std::move(merit));
  }
}

// The province's proposals go to its council from its Department of Home Affairs, whose Ban
// Thi đua – Khen thưởng gathers the units' dossiers; from the People's Committee when there is
// no such department.
int Simulation::secretariat(int province) const {
  const int p = world_.units[province].province;
  for (int s = 0; s < options_.ministries; ++s) {
    const int d = world_.departments[p][s];
    if (sectors()[s].slug == "nv" && !world_.units[d].ended) return d;
  }
  return province;
}

// People two years into a run of Chiến sĩ thi đua cơ sở are proposed for the province's Bằng
// khen (route d, not more than once in three years); three years in, with their initiative of
// provincial scope, for the province's Chiến sĩ thi đua. Units that met the bar in January are
// proposed for Tập thể lao động xuất sắc. One proposal per province and award.
void Simulation::plan_person_rounds() {
  const int year = year_ - 1;
  const domain::RuleSet& rules = rules_on(on(4, 25));
  const int need = rules.cstd_tinh_consecutive_cstdcs;
  std::map<std::pair<int, domain::Award>, Round> rounds;
  auto add = [&](int province, domain::Award award, Nominee nominee) {
    Round& r = rounds[{province, award}];
    if (r.nominees.empty()) {
      r = make_round(secretariat(province), world_.units[province].council, province, award, year);
    }
    r.nominees.push_back(std::move(nominee));
  };
  for (int i = 0; i < static_cast<int>(world_.people.size()); ++i) {
    Person& p = world_.people[i];
    if (p.held) continue;
    const int province = world_.province_of(world_.current_unit(i));
    const int run = streak(p, year);
    const bool recent = !p.bk_tinh.empty() && *p.bk_tinh.rbegin() > year - 3;
    if (run >= rules.bk_tinh_consecutive_cstdcs && !recent && (p.talent == 3 || rng_.chance(500))) {
      add(province, domain::Award::kBK_TINH, {.person = i});
    }
    const bool due =
        p.cstd_tinh.empty() || *p.cstd_tinh.rbegin() <= year - rules.cstd_tinh_cycle_years;
    Initiative* in = unused(p, rules.cstd_tinh_initiative_scope, year - need + 1, year);
    if (run >= need && due && in) {
      add(province, domain::Award::kCSTD_TINH, {.person = i, .initiatives = {in->id}});
      in->used = true;
    }
  }
  for (int u : ttldxs_plan_) add(world_.province_of(u), domain::Award::kTTLDXS, {.unit = u});
  ttldxs_plan_.clear();
  for (auto& [key, round] : rounds) rounds_.push_back(std::move(round));
}

void Simulation::plan_government_rounds() {
  const domain::RuleSet& rules = rules_on(on(6, 10));
  plan_government_flags(rules);
  plan_national_titles(rules);
}

// Cờ thi đua của Chính phủ: each organiser proposes at most its quota of its clusters'
// leaders, and only leaders of a single cluster, so that the quota group is unambiguous.
void Simulation::plan_government_flags(const domain::RuleSet& rules) {
  const int year = year_ - 1;
  const int government = world_.government;
  const int central = world_.units[government].council;
  std::map<int, int> led;
  std::map<int, std::vector<int>> leaders_by_organiser;
  for (const Cluster& cluster : world_.clusters) {
    if (cluster.result_year != year) continue;
    for (int u : cluster.leaders) {
      ++led[u];
      auto& list = leaders_by_organiser[cluster.organiser];
      if (std::find(list.begin(), list.end(), u) == list.end()) list.push_back(u);
    }
  }
  for (const auto& [organiser, leaders] : leaders_by_organiser) {
    // The quota is checked on the proposal's date and again on the decision's.
    const auto count = static_cast<std::int64_t>(leaders.size());
    const std::int64_t quota = std::min(rules.co_cp_quota.share().at_most(count),
                                        rules_on(on(5, 5)).co_cp_quota.share().at_most(count));
    if (quota == 0 || !rng_.chance(500)) continue;
    Round flag = make_round(organiser, central, government, domain::Award::kCO_CP, year);
    for (int u : leaders) {
      if (static_cast<std::int64_t>(flag.nominees.size()) == quota) break;
      if (led[u] == 1 && takes_part(world_.units[u])) flag.nominees.push_back({.unit = u});
    }
    if (!flag.nominees.empty()) rounds_.push_back(std::move(flag));
  }
}

// Chiến sĩ thi đua toàn quốc for two provincial titles in a row with a national initiative,
// and now and then the Prime Minister's Bằng khen after five good years (route b); proposed by
// the province.
void Simulation::plan_national_titles(const domain::RuleSet& rules) {
  const int year = year_ - 1;
  const int government = world_.government;
  const int central = world_.units[government].council;
  std::map<int, Round> national, premier;
  const int cycle = rules.cstd_tinh_cycle_years;
  for (int i = 0; i < static_cast<int>(world_.people.size()); ++i) {
    Person& p = world_.people[i];
    if (p.held) continue;
    const int province = world_.province_of(world_.current_unit(i));
    bool chain = !p.cstd_tq;
    for (int k = 0; k < rules.cstd_tq_consecutive_cstd_tinh; ++k) {
      chain = chain && p.cstd_tinh.contains(year - k * cycle);
    }
    const int from = year - cycle * rules.cstd_tq_consecutive_cstd_tinh + 1;
    Initiative* in = unused(p, rules.cstd_tq_initiative_scope, from, year);
    if (chain && in) {
      Round& r = national[province];
      if (r.nominees.empty())
        r = make_round(province, central, government, domain::Award::kCSTD_TQ, year);
      r.nominees.push_back({.person = i, .initiatives = {in->id}});
      in->used = true;
    }
    bool long_run = !p.bk_ttg && !p.bk_tinh.empty() && *p.bk_tinh.begin() <= year;
    int cstdcs = 0;
    for (int y = year; y > year - rules.bk_ttg_years; --y) {
      auto r = p.ratings.find(y);
      long_run = long_run && r != p.ratings.end() && r->second >= rules.bk_ttg_min_rating;
      cstdcs += p.cstdcs.contains(y);
    }
    if (long_run && cstdcs >= rules.bk_ttg_cstdcs && rng_.chance(300)) {
      Round& r = premier[province];
      if (r.nominees.empty())
        r = make_round(province, central, government, domain::Award::kBK_TTG, year);
      r.nominees.push_back({.person = i});
    }
  }
  for (auto& [province, round] : national) rounds_.push_back(std::move(round));
  for (auto& [province, round] : premier) rounds_.push_back(std::move(round));
}

}  // namespace thidua::generator::internal
