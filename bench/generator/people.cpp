// The yearly titles decided in January for the year before: task ratings of people and units,
// initiatives recognised, Lao động tiên tiến and Chiến sĩ thi đua cơ sở decided by each unit's
// head, and Tập thể lao động tiên tiến decided by the province.
#include "names.hpp"
#include "simulation.hpp"

namespace thidua::generator::internal {

namespace {

using domain::Rating;

Rating draw_rating(Rng& rng, int talent) {
  const int roll = rng.below(1000);
  switch (talent) {
    case 3:
      return roll < 950 ? Rating::kExcellent : Rating::kGood;
    case 2:
      return roll < 400 ? Rating::kExcellent : roll < 950 ? Rating::kGood : Rating::kCompleted;
    case 1:
      return roll < 80    ? Rating::kExcellent
             : roll < 850 ? Rating::kGood
             : roll < 990 ? Rating::kCompleted
                          : Rating::kNotCompleted;
    default:
      return roll < 400 ? Rating::kGood : roll < 950 ? Rating::kCompleted : Rating::kNotCompleted;
  }
}

const Rating* rating_in(const std::map<int, Rating>& ratings, int year) {
  auto it = ratings.find(year);
  return it == ratings.end() ? nullptr : &it->second;
}

// What the collective titles count of a unit's members: its staff on 31 December of the year,
// as the domain counts them.
struct Members {
  std::int64_t total = 0, ldtt = 0, cstdcs = 0, completed = 0;
  bool disciplined = false;  // at the bar or above
};

Members count_members(const World& world, int unit, int year, domain::DisciplineLevel bar) {
  Members m;
  for (int i : world.units[unit].staff) {
    if (world.unit_in(i, year) != unit) continue;
    const Person& p = world.people[i];
    ++m.total;
    m.ldtt += p.ldtt.contains(year);
    m.cstdcs += p.cstdcs.contains(year);
    const Rating* r = rating_in(p.ratings, year);
    m.completed += r && *r >= Rating::kCompleted;
    auto d = p.disciplines.find(year);
    m.disciplined = m.disciplined || (d != p.disciplines.end() && d->second >= bar);
  }
  return m;
}

}  // namespace

void Simulation::rate_year() {
  const int year = year_ - 1;
  const domain::Date date = on(1, 5);
  for (Person& p : world_.people) {
    if (p.since > year) continue;
    Rating r = draw_rating(rng_, p.talent);
    if (p.disciplines.contains(year)) r = std::min(r, Rating::kCompleted);
    p.ratings[year] = r;
    p.ratings.erase(year - 8);  // the ladders look back five years at most
    enqueue(domain::RateTask{{{domain::SubjectKind::kPerson, p.id}, year, r}}, date);
  }
  for (Unit& u : world_.units) {
    if (u.ended || u.staff.empty() || u.since > year) continue;
    const int roll = rng_.below(1000) + (u.base_strength - 850) * 3;
    const Rating r = roll >= 700  ? Rating::kExcellent
                     : roll >= 80 ? Rating::kGood
                                  : Rating::kCompleted;
    u.ratings[year] = r;
    u.ratings.erase(year - 8);
    enqueue(domain::RateTask{{{domain::SubjectKind::kOrganization, u.id}, year, r}}, date);
  }
}

// Plans the year's Chiến sĩ thi đua cơ sở: an initiative recognised at grassroots level, or
// (where the rule set allows) an excellent rating. Someone two years into a run of them also
// gets an initiative of provincial scope for the Chiến sĩ thi đua of the province, and with a
// provincial title three years back one of national scope for the national title.
void Simulation::recognise_initiatives() {
  static constexpr int kInitiativeChance[] = {0, 10, 150, 1000};
  const int year = year_ - 1;
  cstdcs_plan_.clear();
  const domain::RuleSet& titles = rules_on(on(1, 20));
  const domain::RuleSet& council = rules_on(on(4, 25));
  for (int i = 0; i < static_cast<int>(world_.people.size()); ++i) {
    Person& p = world_.people[i];
    const Rating* r = rating_in(p.ratings, year);
    if (p.held || !r || *r < titles.ldtt_min_rating) continue;
    const int unit = world_.current_unit(i);
    Nominee n{.person = i};
    if (rng_.chance(kInitiativeChance[p.talent])) {
      n.initiatives.push_back(recognise(i, domain::Scope::kGrassroots, unit));
    } else if (!titles.cstdcs_excellent_replaces_initiative || *r != Rating::kExcellent ||
               p.talent < 2 || !rng_.chance(500)) {
      continue;
    }
    cstdcs_plan_.push_back(std::move(n));
    const int need = council.cstd_tinh_consecutive_cstdcs;
    const int cycle = council.cstd_tinh_cycle_years;
    const bool due = p.cstd_tinh.empty() || *p.cstd_tinh.rbegin() <= year - cycle;
    if (!due || streak(p, year - 1) + 1 < need) continue;
    const domain::Scope provincial = council.cstd_tinh_initiative_scope;
    if (!unused(p, provincial, year - need + 1, year)) {
      recognise(i, provincial, world_.province_of(unit));
    }
    bool chain = !p.cstd_tq;
    for (int k = 1; k < council.cstd_tq_consecutive_cstd_tinh; ++k) {
      chain = chain && p.cstd_tinh.contains(year - k * cycle);
    }
    const domain::Scope national = council.cstd_tq_initiative_scope;
    const int from = year - cycle * council.cstd_tq_consecutive_cstd_tinh + 1;
    if (chain && !unused(p, national, from, year)) {
      const int sector = world_.units[unit].sector;
      recognise(i, national, world_.ministries[sector < 0 ? 0 : sector]);
    }
  }
}

std::string Simulation::recognise(int person, domain::Scope scope, int recognised_by) {
  Person& p = world_.people[person];
  const int year = year_ - 1;
  const int n = ++world_.next_initiative;
  Initiative in{"sk-" + std::to_string(year) + "-" + std::string(n < 10000 ? "0" : "") +
                    (n < 1000 ? "0" : "") + (n < 100 ? "0" : "") + two_digits(n),
                year, scope, false};
  const Unit& unit = world_.units[world_.current_unit(person)];
  domain::RecognizeInitiative c;
  c.id = in.id;
  c.title = "Giải pháp " + std::string(rng_.pick(initiative_subjects())) +
            (scope == domain::Scope::kGrassroots ? " tại " + unit.name
             : scope == domain::Scope::kNational ? ", áp dụng trong toàn quốc"
                                                 : ", áp dụng trong toàn " + place(unit.province));
  c.owners = {p.id};
  // One in five is owned jointly with a colleague of the same unit (RecognizeInitiative takes
  // several owners); only the first owner cites it.
  if (rng_.chance(200)) {
    const int here = world_.current_unit(person);
    for (int other : world_.units[here].staff) {
      if (other != person && world_.current_unit(other) == here) {
        c.owners.push_back(world_.people[other].id);
        break;
      }
    }
  }
  c.recognized_by = world_.units[recognised_by].id;
  c.scope = scope;
  c.year = year;
  c.date = on(1, 12);
  enqueue(std::move(c), on(1, 12));
  // Initiatives older than every ladder's window are of no further use.
  std::erase_if(p.initiatives, [&](const Initiative& old) { return old.year < year - 10; });
  p.initiatives.push_back(std::move(in));
  return p.initiatives.back().id;
}

void Simulation::issue_unit_titles() {
  const int year = year_ - 1;
  const domain::Date date = on(1, 20);
  const domain::RuleSet& rules = rules_on(date);
  std::map<int, std::vector<Nominee>> cstdcs;
  for (Nominee& n : cstdcs_plan_) {
    for (Initiative& in : world_.people[n.person].initiatives) {
      if (!n.initiatives.empty() && in.id == n.initiatives.front()) in.used = true;
    }
    cstdcs[world_.current_unit(n.person)].push_back(std::move(n));
  }
  cstdcs_plan_.clear();
  for (int u = 0; u < static_cast<int>(world_.units.size()); ++u) {
    const Unit& unit = world_.units[u];
    if (unit.ended || unit.workforce.empty()) continue;
    std::vector<Nominee> ldtt;
    for (int p : unit.workforce) {
      const Rating* r = rating_in(world_.people[p].ratings, year);
      if (!world_.people[p].held && r && *r >= rules.ldtt_min_rating) ldtt.push_back({.person = p});
    }
    if (!ldtt.empty()) issue(u, domain::Award::kLDTT, year, std::move(ldtt), date, std::nullopt);
    auto it = cstdcs.find(u);
    if (it != cstdcs.end()) {
      issue(u, domain::Award::kCSTDCS, year, std::move(it->second), date, std::nullopt);
    }
  }
}

// Tập thể lao động tiên tiến for the units whose members mostly hold Lao động tiên tiến and
// were not disciplined; those that meet the bar of Tập thể lao động xuất sắc go to the
// province's council in spring instead.
void Simulation::issue_collective_titles() {
  const int year = year_ - 1;
  const domain::Date date = on(1, 28);
  const domain::RuleSet& rules = rules_on(date);
  const domain::RuleSet& later = rules_on(on(4, 25));
  ttldxs_plan_.clear();
  std::map<int, std::vector<Nominee>> by_province;
  for (int u = 0; u < static_cast<int>(world_.units.size()); ++u) {
    const Unit& unit = world_.units[u];
    if (unit.ended || unit.held || unit.staff.empty()) continue;
    const Members m = count_members(world_, u, year, rules.ttldtt_discipline_bar);
    if (m.total == 0) continue;
    const Rating* own = rating_in(unit.ratings, year);
    if (own && *own >= later.ttldxs_unit_rating &&
        later.ttldxs_members_completed.share().met_by(m.completed, m.total) &&
        later.ttldxs_members_ldtt.share().met_by(m.ldtt, m.total) &&
        m.cstdcs >= later.ttldxs_min_cstdcs) {
      ttldxs_plan_.push_back(u);
      continue;
    }
    if (rules.ttldtt_members_ldtt.share().met_by(m.ldtt, m.total) && !m.disciplined) {
      by_province[world_.province_of(u)].push_back({.unit = u});
    }
  }
  for (auto& [province, units] : by_province) {
    issue(province, domain::Award::kTTLDTT, year, std::move(units), date, std::nullopt);
  }
}

int Simulation::streak(const Person& person, int year) const {
  int n = 0;
  while (person.cstdcs.contains(year - n)) ++n;
  return n;
}

Initiative* Simulation::unused(Person& person, domain::Scope scope, int from, int to) {
  for (Initiative& in : person.initiatives) {
    if (!in.used && in.scope == scope && in.year >= from && in.year <= to) return &in;
  }
  return nullptr;
}

}  // namespace thidua::generator::internal
