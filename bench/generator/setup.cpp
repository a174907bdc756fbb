// The world at the start of the first year: the Government, ministries, provinces with their
// departments, agencies and communes, their staff, the councils, and the clusters and blocs.
#include "names.hpp"
#include "simulation.hpp"

namespace thidua::generator::internal {

namespace {

domain::Command registration(const Unit& unit, const std::optional<std::string>& parent) {
  domain::RegisterOrganization c;
  c.id = unit.id;
  c.name = unit.name;
  c.kind = unit.kind;
  c.parent = parent;
  return c;
}

}  // namespace

int Simulation::add_unit(Unit unit, std::optional<int> parent) {
  const int index = static_cast<int>(world_.units.size());
  unit.since = year_;
  unit.base_strength = rng_.between(780, 960);
  unit.next_number = rng_.between(10, 300);
  if (unit.head.empty()) {
    unit.head = person_name();
    unit.deputy = person_name();
  }
  std::optional<std::string> parent_id;
  if (parent) parent_id = world_.units[*parent].id;
  enqueue(registration(unit, parent_id), on(1, 2));
  unit_by_id_.emplace(unit.id, index);
  world_.units.push_back(std::move(unit));
  return index;
}

void Simulation::register_world() {
  Unit government{.id = "chinh-phu", .name = "Chính phủ", .code = "TTg"};
  government.kind = domain::OrganizationKind::kGovernment;
  government.head_capacity = "Thủ tướng Chính phủ";
  world_.government = add_unit(std::move(government), std::nullopt);
  for (int s = 0; s < options_.ministries; ++s) {
    const Sector& sector = sectors()[s];
    Unit m{.id = "bo-" + std::string(sector.slug), .name = std::string(sector.ministry)};
    m.kind = domain::OrganizationKind::kMinistry;
    m.sector = s;
    m.code = std::string(sector.ministry_code);
    m.head_capacity = "Bộ trưởng";
    world_.ministries.push_back(add_unit(std::move(m), world_.government));
  }
  for (int p = 0; p < options_.provinces; ++p) {
    const ProvinceName& province = province_names()[p];
    world_.places.push_back((province.city ? "thành phố " : "tỉnh ") + std::string(province.name));
    Unit u{.id = "ubnd-" + std::string(province.slug),
           .name = "Ủy ban nhân dân " + world_.places.back()};
    u.kind = domain::OrganizationKind::kProvince;
    u.province = p;
    u.code = "UBND";
    u.head_capacity = "Chủ tịch Ủy ban nhân dân";
    world_.provinces.push_back(add_unit(std::move(u), world_.government));
  }
  world_.departments.resize(static_cast<std::size_t>(options_.provinces));
  for (int p = 0; p < options_.provinces; ++p) register_province_units(p);
  for (std::size_t u = 0; u < world_.units.size(); ++u) {
    if (world_.units[u].province >= 0 &&
        world_.units[u].kind != domain::OrganizationKind::kProvince) {
      register_people(static_cast<int>(u));
    }
  }
  establish_councils();
  establish_clusters();
}

// The departments (one per sector), agencies and communes of province `p`.
void Simulation::register_province_units(int p) {
  const std::string slug(province_names()[p].slug);
  for (int s = 0; s < options_.ministries; ++s) {
    const Sector& sector = sectors()[s];
    Unit d{.id = "so-" + std::string(sector.slug) + "-" + slug,
           .name = std::string(sector.department) + " " + place(p)};
    d.kind = domain::OrganizationKind::kDepartment;
    d.province = p;
    d.sector = s;
    d.code = std::string(sector.department_code);
    d.head_capacity = "Giám đốc Sở";
    world_.departments[p].push_back(add_unit(std::move(d), world_.provinces[p]));
  }
  for (int a = 0; a < options_.agencies_per_province; ++a) {
    const AgencyName& agency = agency_names()[a];
    Unit u{.id = std::string(agency.slug) + "-" + slug,
           .name = std::string(agency.name) + " " + place(p)};
    u.province = p;
    u.code = std::string(agency.code);
    u.head_capacity = a == 0 ? "Giám đốc" : "Trưởng ban";
    add_unit(std::move(u), world_.provinces[p]);
  }
  for (int c = 0; c < options_.communes_per_province; ++c) {
    const ProvinceName& commune = commune_names()[c];
    Unit u{.id = "ubnd-xa-" + std::string(commune.slug) + "-" + slug,
           .name = "Ủy ban nhân dân xã " + std::string(commune.name)};
    u.kind = domain::OrganizationKind::kCommune;
    u.province = p;
    u.code = "UBND";
    u.head_capacity = "Chủ tịch Ủy ban nhân dân xã";
    add_unit(std::move(u), world_.provinces[p]);
  }
}

void Simulation::register_people(int unit) {
  static const char* kTitles[] = {"Phó Trưởng phòng", "Chuyên viên chính", "Chuyên viên"};
  Unit& u = world_.units[unit];
  for (int i = 0; i < options_.people_per_unit; ++i) {
    Person p;
    p.id = u.id + "." + two_digits(i + 1);
    p.name = i == 0 ? u.head : i == 1 ? u.deputy : person_name();
    p.postings = {{year_, unit}};
    p.leader = i < 2;
    p.since = year_;
    const int roll = rng_.below(1000);
    p.talent = roll < 50 ? 3 : roll < 250 ? 2 : roll < 850 ? 1 : 0;
    domain::RegisterPerson c;
    c.id = p.id;
    c.name = p.name;
    c.organization = u.id;
    c.since = on(1, 2);
    c.job_title = i == 0   ? u.head_capacity
                  : i == 1 ? "Phó " + u.head_capacity
                  : i == 2 ? "Trưởng phòng"
                           : kTitles[rng_.below(3)];
    enqueue(std::move(c), on(1, 2));
    const int index = static_cast<int>(world_.people.size());
    u.staff.push_back(index);
    u.workforce.push_back(index);
    world_.people.push_back(std::move(p));
  }
}

void Simulation::establish_councils() {
  using domain::Award;
  for (int m : world_.ministries) {
    add_council(m, 9, {Award::kCO_TINH, Award::kBK_TINH, Award::kTTLDXS}, {Award::kCSTD_TINH});
  }
  for (int p : world_.provinces) {
    add_council(p, 9, {Award::kCO_TINH, Award::kBK_TINH, Award::kTTLDXS}, {Award::kCSTD_TINH});
  }
  add_council(world_.government, 13, {Award::kCO_CP, Award::kBK_TTG}, {Award::kCSTD_TQ});
}

// A council of `members`, a quorum of two thirds, a majority of the whole membership for the
// awards of `majority` and nine tenths for those of `nine_tenths` (Decree 91/2017 Art. 45).
int Simulation::add_council(int unit, int members, std::vector<domain::Award> majority,
                            std::vector<domain::Award> nine_tenths) {
  Unit& u = world_.units[unit];
  Council council{"hdtdkt-" + u.id, unit, members, domain::Share{2, 3, false}, {}};
  domain::EstablishCouncil c;
  c.id = council.id;
  c.organization = u.id;
  c.name = "Hội đồng Thi đua – Khen thưởng " + (u.kind == domain::OrganizationKind::kGovernment
                                                    ? std::string("Trung ương")
                                                : u.province >= 0 ? place(u.province)
                                                                  : u.name);
  for (int i = 0; i < members; ++i) {
    const char* role = i == 0   ? "Chủ tịch Hội đồng"
                       : i < 3  ? "Phó Chủ tịch Hội đồng"
                       : i == 3 ? "Ủy viên thường trực"
                                : "Ủy viên";
    c.members.push_back({i == 0 ? u.head : person_name(), role});
  }
  c.quorum = {2, 3, false};
  for (domain::Award a : majority) {
    c.thresholds.push_back({a, {1, 2, true}});
    council.thresholds[a] = domain::Share{1, 2, true};
  }
  for (domain::Award a : nine_tenths) {
    c.thresholds.push_back({a, {9, 10, false}});
    council.thresholds[a] = domain::Share{9, 10, false};
  }
  enqueue(std::move(c), on(1, 2));
  u.council = static_cast<int>(world_.councils.size());
  world_.councils.push_back(std::move(council));
  return u.council;
}

}  // namespace thidua::generator::internal
