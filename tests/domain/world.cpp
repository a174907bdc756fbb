#include "world.hpp"

#include <cmath>

namespace thidua::testing {

using namespace domain;

RuleBook standard_rule_book() {
  RuleSet v2022;
  v2022.id = "vn-2022";
  v2022.title = "Law 06/2022/QH15, Decree 98/2023/NĐ-CP";
  v2022.from = date("2024-01-01");
  const std::vector<OrganizationKind> any = {
      OrganizationKind::kGovernment, OrganizationKind::kMinistry,   OrganizationKind::kProvince,
      OrganizationKind::kDepartment, OrganizationKind::kDistrict,   OrganizationKind::kCommune,
      OrganizationKind::kAgency,     OrganizationKind::kEnterprise, OrganizationKind::kAssociation};
  const std::vector<OrganizationKind> ministry = {OrganizationKind::kMinistry,
                                                  OrganizationKind::kProvince};
  const std::vector<OrganizationKind> government = {OrganizationKind::kGovernment};
  // A commune decides LDTT and Giấy khen only (Law 06/2022 Art. 80(3); Decree 91/2017 Art.
  // 43(2)(a)).
  std::vector<OrganizationKind> not_commune = any;
  std::erase(not_commune, OrganizationKind::kCommune);
  for (Award a : {Award::kLDTT, Award::kGK}) v2022.competent_issuers.push_back({a, any});
  for (Award a : {Award::kCSTDCS, Award::kTTLDTT}) {
    v2022.competent_issuers.push_back({a, not_commune});
  }
  for (Award a : {Award::kCSTD_TINH, Award::kTTLDXS, Award::kCO_TINH, Award::kBK_TINH}) {
    v2022.competent_issuers.push_back({a, ministry});
  }
  for (Award a : {Award::kCSTD_TQ, Award::kCO_CP, Award::kBK_TTG}) {
    v2022.competent_issuers.push_back({a, government});
  }
  v2022.reward_multiples = {{Award::kCSTD_TQ, Decimal{450}}, {Award::kCSTD_TINH, Decimal{300}},
                            {Award::kCSTDCS, Decimal{100}},  {Award::kLDTT, Decimal{30}},
                            {Award::kTTLDXS, Decimal{150}},  {Award::kTTLDTT, Decimal{80}},
                            {Award::kCO_CP, Decimal{1200}}};
  RuleSet v2013 = v2022;
  v2013.id = "vn-2013";
  v2013.title = "Law on Emulation and Commendation 2003/2013, Decree 91/2017/NĐ-CP";
  v2013.from = date("1900-01-01");
  v2013.until = date("2023-12-31");
  v2013.cstdcs_excellent_replaces_initiative = false;
  v2013.bk_ttg_min_rating = Rating::kExcellent;
  v2013.bk_ttg_cstdcs = 0;
  v2013.bk_ttg_initiatives = 5;
  v2013.bk_ttg_years_follow_bk = true;
  v2013.public_notices = {{Award::kCSTD_TQ, 0}};
  // The CSTDCS share of Decree 91/2017 Art. 9(3) (15% of the unit's LDTT holders) is left out:
  // the fixtures' units are too small for it; the tests of the share set it themselves.
  v2013.ldtt_discipline_bar = DisciplineLevel::kReprimand;
  v2013.ldtt_min_months = 10;
  v2013.cstd_tq_years_after = 1;
  v2013.ttldxs_discipline_bar = DisciplineLevel::kWarning;
  v2013.council_floors = {{Award::kCSTD_TINH, {9, 10, false}}, {Award::kCSTD_TQ, {9, 10, false}}};
  v2013.revocation_grounds = {RevocationGround::kA};
  return RuleBook{{v2013, v2022}};
}

Date date(const char* text) {
  auto d = Date::parse(text);
  REQUIRE(d.has_value());
  return *d;
}

Decimal points(double value) { return Decimal{std::llround(value * 100)}; }
SubjectRef person_ref(const std::string& id) { return {SubjectKind::kPerson, id}; }
SubjectRef org_ref(const std::string& id) { return {SubjectKind::kOrganization, id}; }

World::World() : rules(standard_rule_book()) {
  context.today = date("2026-11-28");
  context.rules = &rules;
}

Verdict World::run(const Command& command) {
  Verdict v = decide(state, command, context);
  if (v.accepted()) {
    for (const Event& e : v.events()) evolve(state, e, state.next_position);
  }
  return v;
}

std::vector<Event> World::ok(const Command& command) {
  Verdict v = run(command);
  INFO(command_name(command) << " refused: "
                             << (v.accepted() ? "" : v.refusal().rule + ": " + v.refusal().detail));
  REQUIRE(v.accepted());
  return v.events();
}

Refusal World::refused(const Command& command, const std::string& rule) {
  Verdict v = decide(state, command, context);
  REQUIRE_FALSE(v.accepted());
  INFO(v.refusal().detail);
  CHECK(v.refusal().rule == rule);
  CHECK_FALSE(v.refusal().detail.empty());
  return v.refusal();
}

void World::org(const std::string& id, const std::string& name, OrganizationKind kind,
                std::optional<std::string> parent) {
  RegisterOrganization c;
  c.id = id;
  c.name = name;
  c.kind = kind;
  c.parent = std::move(parent);
  ok(c);
}

void World::person(const std::string& id, const std::string& name,
                   const std::string& organization) {
  RegisterPerson c;
  c.id = id;
  c.name = name;
  c.organization = organization;
  ok(c);
}

void World::rate(const SubjectRef& subject, int year, Rating rating) {
  RateTask c;
  c.subject = subject;
  c.year = year;
  c.rating = rating;
  ok(c);
}

void World::initiative(const std::string& id, const std::string& owner, Scope scope, int year) {
  RecognizeInitiative c;
  c.id = id;
  c.title = "Sáng kiến " + id;
  c.owners = {owner};
  c.recognized_by = state.people.at(owner).organization();
  c.scope = scope;
  c.year = year;
  c.date = Date{year, 12, 1};
  ok(c);
}

IssueDecision World::decision(const std::string& id, Award award, const SubjectRef& subject,
                              int year, const std::string& issuer) {
  IssueDecision c;
  c.id = id;
  c.number = id + "/QĐ";
  c.date = Date{year + 1, 3, 1};
  c.issuer = issuer;
  c.signer = "Nguyễn Văn A";
  c.capacity = "Giám đốc";
  c.legal_basis = {"Luật Thi đua, khen thưởng"};
  c.award = award;
  c.year = year;
  c.recipients = {Recipient{subject, {}}};
  return c;
}

std::vector<Event> World::award(const std::string& id, Award award, const SubjectRef& subject,
                                int year, const std::string& issuer,
                                std::vector<std::string> initiatives, Occasion occasion) {
  IssueDecision c = decision(id, award, subject, year, issuer);
  c.recipients[0].initiatives = std::move(initiatives);
  c.occasion = occasion;
  return ok(c);
}

}  // namespace thidua::testing
