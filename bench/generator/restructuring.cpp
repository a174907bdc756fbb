// Units that change: departments of two provinces merging (as many did in 2025), after which
// the successor carries on and the predecessor leaves its clusters; Thừa Thiên Huế becoming
// the city of Huế (2025); communes becoming wards; new agencies joining their province's bloc.
#include "names.hpp"
#include "simulation.hpp"

namespace thidua::generator::internal {

void Simulation::restructure() {
  const int since = year_ - first_year() - 2;
  if (options_.merger_every_years > 0 && since >= 0 && since % options_.merger_every_years == 0) {
    merge_departments();
  }
  rename_units();
  set_up_agencies();
}

namespace {

// The configured index of the province with `slug`, or -1.
int province_index(std::string_view slug, int provinces) {
  for (int p = 0; p < provinces; ++p) {
    if (province_names()[p].slug == slug) return p;
  }
  return -1;
}

}  // namespace

// The first pair of provinces (2025's mergers first, then neighbours in the list) with a
// sector whose departments can merge: neither merged away yet, and every cluster of the one
// merged away keeping at least three members.
void Simulation::merge_departments() {
  std::vector<std::pair<int, int>> pairs;
  for (const auto& [from, into] : merger_pairs()) {
    const int a = province_index(from, options_.provinces);
    const int b = province_index(into, options_.provinces);
    if (a >= 0 && b >= 0) pairs.emplace_back(a, b);
  }
  for (int p = 0; p + 1 < options_.provinces; p += 2) pairs.emplace_back(p, p + 1);
  for (const auto& [a, b] : pairs) {
    for (int s = 0; s < options_.ministries; ++s) {
      const int from = world_.departments[a][s];
      const int into = world_.departments[b][s];
      if (world_.units[from].ended || world_.units[into].ended) continue;
      bool fits = true;
      for (int c : world_.units[from].clusters)
        fits = fits && world_.clusters[c].members.size() > 3;
      if (!fits) continue;
      merge(from, into);
      return;
    }
  }
}

void Simulation::merge(int from, int into) {
  Unit& gone = world_.units[from];
  Unit& successor = world_.units[into];
  domain::MergeOrganizations m;
  m.predecessors = {gone.id, successor.id};
  m.successor = successor.id;
  m.effective = on(1, 1);
  m.basis = year_ == 2025 ? "Nghị quyết số 202/2025/QH15 của Quốc hội về việc sắp xếp đơn vị "
                            "hành chính cấp tỉnh"
                          : "Quyết định số " + number(world_.province_of(into), "QĐ") +
                                " về việc hợp nhất " + gone.name + " vào " + successor.name;
  const std::string basis = *m.basis;
  enqueue(std::move(m), on(1, 2));
  for (int c : gone.clusters) {
    Cluster& cluster = world_.clusters[c];
    enqueue(domain::LeaveCluster{{cluster.id, gone.id, year_}}, on(1, 2));
    std::erase(cluster.members, from);
  }
  gone.clusters.clear();
  gone.ended = true;
  gone.successor = into;
  for (int p : std::vector<int>(gone.workforce)) transfer(p, into, on(1, 1), basis);
}

// Moves a person to another unit from `effective` (their new posting counts from its year).
void Simulation::transfer(int person, int to, domain::Date effective, std::string basis) {
  Person& p = world_.people[person];
  Unit& from = world_.units[p.postings.back().second];
  Unit& into = world_.units[to];
  enqueue(domain::TransferPerson{{p.id, into.id, effective, std::move(basis)}},
          std::max(effective, on(1, 2)));
  std::erase(from.workforce, person);
  into.workforce.push_back(person);
  if (std::find(into.staff.begin(), into.staff.end(), person) == into.staff.end()) {
    into.staff.push_back(person);
  }
  p.postings.emplace_back(effective.year, to);
}

void Simulation::rename_units() {
  for (int p = 0; p < options_.provinces; ++p) {
    if (year_ != 2025 || province_names()[p].slug != "thua-thien-hue") continue;
    const std::string before = world_.places[p];
    world_.places[p] = "thành phố Huế";
    for (Unit& u : world_.units) {
      const auto at = u.name.find(before);
      if (u.province != p || u.ended || at == std::string::npos) continue;
      rename(u, u.name.substr(0, at) + world_.places[p] + u.name.substr(at + before.size()),
             "Nghị quyết số 1314/NQ-UBTVQH15 của Ủy ban Thường vụ Quốc hội về việc thành lập "
             "thành phố Huế trực thuộc trung ương");
    }
  }
  for (Unit& u : world_.units) {
    static const std::string kCommune = "Ủy ban nhân dân xã ";
    if (u.kind != domain::OrganizationKind::kCommune || u.ended || u.name.find(kCommune) != 0 ||
        !rng_.chance(25)) {
      continue;
    }
    const std::string ward = u.name.substr(kCommune.size());
    u.head_capacity = "Chủ tịch Ủy ban nhân dân phường";
    rename(u, "Ủy ban nhân dân phường " + ward,
           "Nghị quyết của Ủy ban Thường vụ Quốc hội về việc thành lập phường " + ward);
  }
}

void Simulation::rename(Unit& unit, std::string name, std::string basis) {
  unit.name = std::move(name);
  enqueue(domain::RenameOrganization{{unit.id, unit.name, on(1, 1), std::move(basis)}}, on(1, 2));
}

// A few people a year are posted to another unit of their province from 1 July; the heads and
// deputies stay.
void Simulation::transfer_people() {
  const int people = static_cast<int>(world_.people.size());
  for (int t = 0; t < options_.transfers_per_year; ++t) {
    const int person = rng_.below(people);
    const int from = world_.current_unit(person);
    if (world_.people[person].leader || world_.units[from].workforce.size() < 3) continue;
    std::vector<int> candidates;
    for (int u = 0; u < static_cast<int>(world_.units.size()); ++u) {
      const Unit& unit = world_.units[u];
      if (u != from && !unit.ended && !unit.staff.empty() &&
          unit.province == world_.units[from].province) {
        candidates.push_back(u);
      }
    }
    if (candidates.empty()) continue;
    const int province = world_.province_of(from);
    transfer(person, rng_.pick(candidates), on(7, 1),
             "Quyết định số " + number(province, "QĐ") + " về việc điều động công chức");
  }
}

// Now and then a province sets up its public administration service centre, which joins the
// bloc of its departments from that year.
void Simulation::set_up_agencies() {
  const AgencyName& agency = new_agency_name();
  for (int p = 0; p < options_.provinces; ++p) {
    if (world_.new_agencies.contains(p) || !rng_.chance(100)) continue;
    int bloc = -1;
    for (int c = 0; c < static_cast<int>(world_.clusters.size()) && bloc < 0; ++c) {
      const Cluster& cluster = world_.clusters[c];
      if (cluster.organiser == world_.provinces[p] && cluster.id.starts_with("khoi-so-nganh")) {
        bloc = c;
      }
    }
    if (bloc < 0) continue;
    world_.new_agencies.insert(p);
    Unit u{.id = std::string(agency.slug) + "-" + std::string(province_names()[p].slug),
           .name = std::string(agency.name) + " " + place(p)};
    u.province = p;
    u.code = std::string(agency.code);
    u.head_capacity = "Giám đốc";
    const int index = add_unit(std::move(u), world_.provinces[p]);
    register_people(index);
    Cluster& cluster = world_.clusters[bloc];
    enqueue(domain::JoinCluster{{cluster.id, world_.units[index].id, year_}}, on(1, 2));
    cluster.members.push_back(index);
    world_.units[index].clusters.push_back(bloc);
  }
}

}  // namespace thidua::generator::internal
