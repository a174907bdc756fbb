// The rules of the law as the standard rule book (src/codec/rulesets.json) encodes them, set by
// set: each rule passes and refuses under every set where it differs (docs/rules.md). Facts of
// earlier years are recorded as events, as a log holds them; the decision under test is decided.
#include <catch2/catch.hpp>

#include <algorithm>

#include "thidua/codec/rule_book.hpp"
#include "world.hpp"

using namespace thidua::domain;
using namespace thidua::testing;
using Catch::Matchers::Contains;

namespace {

constexpr const char* kGovernment = "chinh-phu";
constexpr const char* kProvince = "ubnd-gia-lai";
constexpr const char* kUnit = "so-tttt-gia-lai";
constexpr const char* kDistrict = "ubnd-huyen-chu-se";
constexpr const char* kCommune = "ubnd-xa-ia-blang";
constexpr const char* kCouncil = "hd-tdkt-gia-lai";

// The province of Gia Lai with a department, a district and a commune, under the standard book;
// today is 2031-06-30.
struct Law : World {
  Law() {
    rules = thidua::codec::load_standard_rule_book();
    context.rules = &rules;
    context.today = date("2031-06-30");
    org(kGovernment, "Chính phủ", OrganizationKind::kGovernment);
    org(kProvince, "Ủy ban nhân dân tỉnh Gia Lai", OrganizationKind::kProvince);
    org(kUnit, "Sở Thông tin và Truyền thông tỉnh Gia Lai", OrganizationKind::kDepartment,
        kProvince);
    org(kDistrict, "Ủy ban nhân dân huyện Chư Sê", OrganizationKind::kDistrict, kProvince);
    org(kCommune, "Ủy ban nhân dân xã Ia Blang", OrganizationKind::kCommune, kDistrict);
  }

  // A person of `unit`, recruited on `since` when given.
  void staff(const std::string& id, const std::string& unit,
             std::optional<Date> since = std::nullopt) {
    RegisterPerson p;
    p.id = id;
    p.name = "Cán bộ " + id;
    p.organization = unit;
    p.since = since;
    ok(p);
  }

  // An award recorded as the log holds it (decided earlier, under whatever rules then applied),
  // dated 1 March of the next year unless `on` is given.
  void record(const std::string& id, Award award, const SubjectRef& subject, int year,
              const std::string& issuer, std::optional<Date> on = std::nullopt) {
    const IssueDecision c = decision(id, award, subject, year, issuer);
    const Date date = on.value_or(c.date);
    const DecisionIssued e{c.id,
                           c.number,
                           date,
                           c.issuer,
                           c.signer,
                           c.capacity,
                           c.legal_basis,
                           c.award,
                           c.occasion,
                           c.year,
                           c.recipients,
                           c.reward_multiple,
                           c.proposal,
                           c.movement,
                           rules.in_force(date)->id,
                           {},
                           date};
    evolve(state, Event{e}, state.next_position);
  }

  void discipline(const std::string& who, int year, DisciplineLevel level) {
    RecordDiscipline d;
    d.person = who;
    d.year = year;
    d.level = level;
    d.date = Date{year, 6, 1};
    d.basis = "Quyết định kỷ luật số 7/QĐ";
    ok(d);
  }

  // The province's council, once: ten members, a quorum of two thirds, and more than half of
  // them for CSTD_TINH and CSTD_TQ (below the law's floor under vn-2013).
  void council() {
    if (state.councils.contains(kCouncil)) return;
    EstablishCouncil k;
    k.id = kCouncil;
    k.organization = kProvince;
    k.name = "Hội đồng Thi đua – Khen thưởng tỉnh Gia Lai";
    for (int i = 0; i < 10; ++i) k.members.push_back({"Ủy viên " + std::to_string(i), "Ủy viên"});
    k.quorum = {2, 3, false};
    k.thresholds = {{Award::kCSTD_TINH, {1, 2, true}}, {Award::kCSTD_TQ, {1, 2, true}}};
    ok(k);
  }

  // The province's council votes on `nominee` for `award` and `year` on proposal `id`, submitted
  // and published for comment on `on`, the next day, by secret ballot with `yes` of its ten
  // members for. Returns the id.
  std::string council_pass(const std::string& id, Award award, const SubjectRef& nominee, int year,
                           const char* on, std::int64_t yes = 10) {
    council();
    SubmitProposal p;
    p.id = id;
    p.proposing_body = kProvince;
    p.award = award;
    p.year = year;
    p.nominees = {nominee};
    p.documents = {{"Tờ trình số 9/TTr", std::string(64, 'a')}};
    p.council = kCouncil;
    p.date = date(on);
    ok(p);
    ok(publication(id, p.date));
    RecordCouncilVote v;
    v.council = kCouncil;
    v.proposal = id;
    v.date = p.date.next();
    v.present = 10;
    v.tallies = {{nominee, yes, 10 - yes, 0}};
    ok(v);
    return id;
  }

  static PublishProposal publication(const std::string& proposal, Date on) {
    PublishProposal c;
    c.proposal = proposal;
    c.date = on;
    c.medium = "Cổng thông tin điện tử tỉnh Gia Lai";
    return c;
  }

  // `who`, of the department, with CSTD_TINH for `last - 3` and `last` and a national initiative
  // of `last`: the Prime Minister's CSTD_TQ for `year`, citing it, dated `on`.
  IssueDecision cstd_tq(const std::string& who, int last, int year, const char* on) {
    staff(who, kUnit);
    for (int y : {last - 3, last}) {
      record("qd-tinh-" + who + "-" + std::to_string(y), Award::kCSTD_TINH, person_ref(who), y,
             kProvince);
    }
    initiative("sk-tq-" + who, who, Scope::kNational, last);
    IssueDecision c =
        dated(decision("qd-tq-" + who, Award::kCSTD_TQ, person_ref(who), year, kGovernment), on);
    c.recipients[0].initiatives = {"sk-tq-" + who};
    return c;
  }

  IssueDecision dated(IssueDecision c, const char* on) {
    c.date = date(on);
    return c;
  }
};

}  // namespace

TEST_CASE("rule sets: vn-2013 to 2023, vn-2022 to 30 June 2025, vn-2025 from 1 July 2025",
          "[law]") {
  Law w;
  REQUIRE(w.rules.sets.size() == 3);
  CHECK(w.rules.in_force(date("2023-12-31"))->id == "vn-2013");
  CHECK(w.rules.in_force(date("2024-01-01"))->id == "vn-2022");
  CHECK(w.rules.in_force(date("2025-06-30"))->id == "vn-2022");
  CHECK(w.rules.in_force(date("2025-07-01"))->id == "vn-2025");
  w.staff("an", kUnit);
  w.rate(person_ref("an"), 2025, Rating::kGood);
  const auto events = w.ok(w.decision("qd-ldtt-2025", Award::kLDTT, person_ref("an"), 2025, kUnit));
  CHECK(std::get<DecisionIssued>(events[0]).ruleset == "vn-2025");
}

TEST_CASE("decision.competent_issuer: a commune decides LDTT and Giấy khen only, until 2025",
          "[law]") {
  Law w;
  w.staff("binh", kCommune);
  for (int y = 2019; y <= 2025; ++y) w.rate(person_ref("binh"), y, Rating::kExcellent);
  // vn-2013 (Decree 91/2017 Art. 43(2)(a)) and vn-2022 (Law 06/2022 Art. 80(3)).
  for (int y : {2019, 2024}) {
    INFO(y);
    const std::string suffix = std::to_string(y);
    w.ok(w.decision("qd-ldtt-" + suffix, Award::kLDTT, person_ref("binh"), y, kCommune));
    w.ok(w.decision("qd-gk-" + suffix, Award::kGK, person_ref("binh"), y, kCommune));
    const Refusal r = w.refused(
        w.decision("qd-cstdcs-" + suffix, Award::kCSTDCS, person_ref("binh"), y, kCommune),
        "decision.competent_issuer");
    CHECK_THAT(r.detail, Contains("may not decide"));
    w.rate(org_ref(kCommune), y, Rating::kGood);
    w.refused(w.decision("qd-ttldtt-" + suffix, Award::kTTLDTT, org_ref(kCommune), y, kCommune),
              "decision.competent_issuer");
  }
  // The district chair decided a commune's CSTDCS until districts ended.
  w.ok(w.decision("qd-cstdcs-huyen-2024", Award::kCSTDCS, person_ref("binh"), 2024, kDistrict));
  // vn-2025: the commune chair decides CSTDCS (Decree 129/2025); no district decides anything.
  w.ok(w.decision("qd-cstdcs-2025", Award::kCSTDCS, person_ref("binh"), 2025, kCommune));
  const Refusal r =
      w.refused(w.decision("qd-gk-huyen-2025", Award::kGK, person_ref("binh"), 2025, kDistrict),
                "decision.competent_issuer");
  CHECK_THAT(r.detail, Contains("under vn-2025"));
}

TEST_CASE("organization.kind_in_force: no district is established from 1 July 2025", "[law]") {
  Law w;
  RegisterOrganization district;
  district.id = "ubnd-huyen-moi";
  district.name = "Ủy ban nhân dân huyện Mới";
  district.kind = OrganizationKind::kDistrict;
  district.parent = kProvince;
  district.established = date("2025-07-01");
  const Refusal r = w.refused(district, "organization.kind_in_force");
  CHECK_THAT(r.detail, Contains("no district is established on 2025-07-01 under vn-2025"));
  district.established = date("2025-06-30");
  w.ok(district);
  // A commune is, and a unit recorded without its date is taken as older than the log.
  RegisterOrganization commune;
  commune.id = "ubnd-xa-moi";
  commune.name = "Ủy ban nhân dân xã Mới";
  commune.kind = OrganizationKind::kCommune;
  commune.established = date("2025-07-01");
  w.ok(commune);
  district.id = "ubnd-huyen-cu";
  district.established.reset();
  w.ok(district);
}

TEST_CASE("award.LDTT.no_discipline and award.LDTT.service: vn-2013 and vn-2022", "[law]") {
  Law w;
  // vn-2013: 10 months by 31 December (Decree 91/2017), reprimand bars it.
  w.staff("cuc", kUnit, date("2019-03-01"));
  w.staff("dao", kUnit, date("2019-03-02"));
  w.staff("em", kUnit);
  for (const char* who : {"cuc", "dao", "em"}) w.rate(person_ref(who), 2019, Rating::kGood);
  w.discipline("em", 2019, DisciplineLevel::kReprimand);
  const DecisionIssued d = std::get<DecisionIssued>(
      w.ok(w.decision("qd-ldtt-cuc", Award::kLDTT, person_ref("cuc"), 2019, kUnit))[0]);
  CHECK(std::any_of(d.checks.begin(), d.checks.end(),
                    [](const RuleCheck& c) { return c.rule == "award.LDTT.service" && c.passed; }));
  Refusal r = w.refused(w.decision("qd-ldtt-dao", Award::kLDTT, person_ref("dao"), 2019, kUnit),
                        "award.LDTT.service");
  CHECK_THAT(r.detail,
             Contains("joined on 2019-03-02; has not served 10 months by the end of 2019"));
  r = w.refused(w.decision("qd-ldtt-em", Award::kLDTT, person_ref("em"), 2019, kUnit),
                "award.LDTT.no_discipline");
  CHECK_THAT(r.detail, Contains("reprimand"));
  // vn-2022: six months (Circular 01/2024/TT-BNV); no discipline bar of its own was found.
  w.staff("giang", kUnit, date("2024-07-01"));
  w.staff("ha", kUnit, date("2024-07-02"));
  for (const char* who : {"giang", "ha", "em"}) w.rate(person_ref(who), 2024, Rating::kGood);
  w.discipline("em", 2024, DisciplineLevel::kReprimand);
  w.ok(w.decision("qd-ldtt-giang", Award::kLDTT, person_ref("giang"), 2024, kUnit));
  w.refused(w.decision("qd-ldtt-ha", Award::kLDTT, person_ref("ha"), 2024, kUnit),
            "award.LDTT.service");
  w.ok(w.decision("qd-ldtt-em-2024", Award::kLDTT, person_ref("em"), 2024, kUnit));
}

TEST_CASE("award.CSTDCS.share: at most 15% of the unit's LDTT holders under vn-2013", "[law]") {
  Law w;
  for (int i = 0; i < 13; ++i) {
    const std::string who = "nv" + std::to_string(i);
    w.staff(who, kUnit);
    w.rate(person_ref(who), 2019, Rating::kExcellent);
    w.initiative("sk-" + who, who, Scope::kGrassroots, 2019);
    if (i < 7) w.record("qd-ldtt-" + who, Award::kLDTT, person_ref(who), 2019, kUnit);
  }
  // 7 LDTT holders: 15% of 7 is 1.05, so one CSTDCS.
  IssueDecision two = w.decision("qd-cstdcs-2019", Award::kCSTDCS, person_ref("nv0"), 2019, kUnit);
  two.recipients = {{person_ref("nv0"), {"sk-nv0"}}, {person_ref("nv1"), {"sk-nv1"}}};
  Refusal r = w.refused(two, "award.CSTDCS.share");
  CHECK_THAT(r.detail, Contains("2 CSTDCS for 2019") &&
                           Contains("against 7 members holding LDTT") && Contains("at most 1"));
  two.recipients.pop_back();
  w.ok(two);
  IssueDecision next = w.decision("qd-cstdcs-nv2", Award::kCSTDCS, person_ref("nv2"), 2019, kUnit);
  next.recipients[0].initiatives = {"sk-nv2"};
  w.refused(next, "award.CSTDCS.share");
  // Six more LDTT holders make 13: 15% of 13 is 1.95, still one.
  for (int i = 7; i < 13; ++i) {
    const std::string who = "nv" + std::to_string(i);
    w.record("qd-ldtt-" + who, Award::kLDTT, person_ref(who), 2019, kUnit);
  }
  w.refused(next, "award.CSTDCS.share");
  // vn-2022 sets no share (none found in Decree 98/2023).
  for (int i = 0; i < 3; ++i) {
    const std::string who = "nv" + std::to_string(i);
    w.rate(person_ref(who), 2024, Rating::kExcellent);
    w.ok(w.decision("qd-cstdcs-2024-" + who, Award::kCSTDCS, person_ref(who), 2024, kUnit));
  }
}

TEST_CASE("award.TTLDTT.unit_rating and award.TTLDXS.no_discipline", "[law]") {
  Law w;
  for (const char* who : {"an", "binh", "cuong"}) {
    w.staff(who, kUnit);
    for (int y : {2019, 2023, 2024}) {
      w.rate(person_ref(who), y, Rating::kGood);
      w.record(std::string("qd-ldtt-") + who + std::to_string(y), Award::kLDTT, person_ref(who), y,
               kUnit);
    }
  }
  for (int y : {2023, 2024}) {
    w.record("qd-cstdcs-an-" + std::to_string(y), Award::kCSTDCS, person_ref("an"), y, kUnit);
  }
  // TTLDTT: the collective itself completed its tasks well (2003 law Art. 28(1)(a)).
  w.rate(org_ref(kUnit), 2019, Rating::kCompleted);
  const Refusal r =
      w.refused(w.decision("qd-ttldtt-2019", Award::kTTLDTT, org_ref(kUnit), 2019, kUnit),
                "award.TTLDTT.unit_rating");
  CHECK_THAT(r.detail, Contains("was rated completed for 2019"));
  // TTLDXS under vn-2013: no member disciplined at warning or above (2003 law Art. 27).
  w.rate(org_ref(kUnit), 2023, Rating::kExcellent);
  w.discipline("cuong", 2023, DisciplineLevel::kWarning);
  const IssueDecision xs = w.dated(
      w.decision("qd-ttldxs-2023", Award::kTTLDXS, org_ref(kUnit), 2023, kProvince), "2023-12-20");
  const Refusal d = w.refused(xs, "award.TTLDXS.no_discipline");
  CHECK_THAT(d.detail, Contains("1 member(s) disciplined at warning level or above in 2023"));
  // A unit rated excellent also completed its tasks well; a reprimand is below TTLDTT's bar.
  w.rate(org_ref(kUnit), 2024, Rating::kExcellent);
  w.discipline("binh", 2024, DisciplineLevel::kReprimand);
  w.ok(w.decision("qd-ttldtt-2024", Award::kTTLDTT, org_ref(kUnit), 2024, kUnit));
  // Law 06/2022 Art. 27 has no discipline clause for TTLDXS.
  w.discipline("cuong", 2024, DisciplineLevel::kWarning);
  w.ok(w.decision("qd-ttldxs-2024", Award::kTTLDXS, org_ref(kUnit), 2024, kProvince));
}

TEST_CASE("award.CSTD_TINH.consecutive: the CSTDCS behind a CSTD_TINH count once", "[law]") {
  Law w;
  w.staff("hoa", kUnit);
  for (int y = 2024; y <= 2030; ++y) {
    w.record("qd-cstdcs-" + std::to_string(y), Award::kCSTDCS, person_ref("hoa"), y, kUnit);
  }
  w.record("qd-cstd-tinh-2026", Award::kCSTD_TINH, person_ref("hoa"), 2026, kProvince);
  w.initiative("sk-tinh", "hoa", Scope::kMinistryProvince, 2028);
  // 2024-2028 is five in a row, but 2024-2026 earned the CSTD_TINH for 2026.
  IssueDecision c =
      w.decision("qd-cstd-tinh-2028", Award::kCSTD_TINH, person_ref("hoa"), 2028, kProvince);
  c.recipients[0].initiatives = {"sk-tinh"};
  const Refusal r = w.refused(c, "award.CSTD_TINH.consecutive");
  CHECK_THAT(r.detail, Contains("2 year(s) in a row up to 2028 after the CSTD_TINH for 2026"));
  c = w.decision("qd-cstd-tinh-2029", Award::kCSTD_TINH, person_ref("hoa"), 2029, kProvince);
  c.recipients[0].initiatives = {"sk-tinh"};
  w.ok(c);
}

TEST_CASE("council.floor: 90% of the council's members by secret ballot under vn-2013", "[law]") {
  Law w;
  w.staff("hoa", kUnit);
  for (int y = 2017; y <= 2019; ++y) {
    w.record("qd-cstdcs-" + std::to_string(y), Award::kCSTDCS, person_ref("hoa"), y, kUnit);
  }
  w.initiative("sk-tinh", "hoa", Scope::kMinistryProvince, 2019);
  IssueDecision c =
      w.decision("qd-cstd-tinh-2019", Award::kCSTD_TINH, person_ref("hoa"), 2019, kProvince);
  c.recipients[0].initiatives = {"sk-tinh"};
  // No council voted: Decree 91/2017 Art. 45(8) requires one.
  Refusal r = w.refused(c, "council.floor");
  CHECK_THAT(r.detail, Contains("9/10"));
  // A council configured at more than half: its own threshold passes 6 of 10, the law does not.
  c.proposal =
      w.council_pass("tt-cstd-tinh", Award::kCSTD_TINH, person_ref("hoa"), 2019, "2020-02-10", 6);
  CHECK_FALSE(w.state.proposals.at("tt-cstd-tinh").votes.back().value.tallies[0].passed);
  r = w.refused(c, "council.floor");
  CHECK_THAT(r.detail, Contains("the law's floor under vn-2013: at least 9/10 by secret ballot"));
  RecordCouncilVote v;
  v.council = kCouncil;
  v.proposal = *c.proposal;
  v.date = date("2020-02-20");
  v.present = 10;
  // Nine of ten by show of hands is not a secret ballot.
  v.ballot = BallotKind::kShowOfHands;
  v.tallies = {{person_ref("hoa"), 9, 1, 0}};
  w.ok(v);
  w.refused(c, "council.floor");
  v.ballot = BallotKind::kSecret;
  w.ok(v);
  w.ok(c);
}

TEST_CASE("award.CSTD_TQ.timing: proposed in the year after the last CSTD_TINH's decision",
          "[law]") {
  Law w;
  // The CSTD_TINH for 2018 was decided on 2019-03-01: the province proposes in 2020, and its
  // council votes by secret ballot with at least 90% (Decree 91/2017 Art. 45(8)).
  IssueDecision late = w.cstd_tq("hoa", 2018, 2019, "2021-05-01");
  late.proposal =
      w.council_pass("tt-tq-2021", Award::kCSTD_TQ, person_ref("hoa"), 2019, "2021-01-20");
  const Refusal r = w.refused(late, "award.CSTD_TQ.timing");
  CHECK_THAT(r.detail, Contains("decided on 2019-03-01") && Contains("proposed on 2021-01-20") &&
                           Contains("2 year(s) later"));
  IssueDecision c = late;
  c.proposal =
      w.council_pass("tt-tq-2020", Award::kCSTD_TQ, person_ref("hoa"), 2019, "2020-01-20", 8);
  // Eight of ten: the province's council passed it, the law's floor did not.
  w.refused(c, "council.floor");
  c.proposal =
      w.council_pass("tt-tq-2020b", Award::kCSTD_TQ, person_ref("hoa"), 2019, "2020-01-21", 9);
  w.ok(c);

  // No timing text was found for Decree 98/2023 or 152/2025: a late proposal passes there.
  const DecisionIssued d =
      std::get<DecisionIssued>(w.ok(w.cstd_tq("minh", 2024, 2026, "2028-05-01"))[0]);
  CHECK(d.ruleset == "vn-2025");
  CHECK(std::none_of(d.checks.begin(), d.checks.end(),
                     [](const RuleCheck& check) { return check.rule == "award.CSTD_TQ.timing"; }));
}

TEST_CASE(
    "award.BK_TTG.route_b: the five years after the latest Bằng khen, with five "
    "initiatives under vn-2013",
    "[law]") {
  Law w;
  w.staff("hoa", kUnit);
  w.record("qd-bk-2012", Award::kBK_TINH, person_ref("hoa"), 2012, kProvince);
  w.record("qd-bk-2015", Award::kBK_TINH, person_ref("hoa"), 2015, kProvince);
  for (int y = 2013; y <= 2020; ++y) w.rate(person_ref("hoa"), y, Rating::kExcellent);
  std::vector<std::string> initiatives;
  for (int y = 2016; y <= 2019; ++y) {
    initiatives.push_back("sk-" + std::to_string(y));
    w.initiative(initiatives.back(), "hoa", Scope::kGrassroots, y);
  }
  // 2016-2020 follow the Bằng khen for 2015, but four initiatives are one short.
  IssueDecision c = w.decision("qd-ttg-2020", Award::kBK_TTG, person_ref("hoa"), 2020, kGovernment);
  c.recipients[0].initiatives = initiatives;
  Refusal r = w.refused(c, "award.BK_TTG.route_b");
  CHECK_THAT(r.detail, Contains("4 grassroots initiatives (needs 5)"));
  initiatives.push_back("sk-2020");
  w.initiative("sk-2020", "hoa", Scope::kGrassroots, 2020);
  c.recipients[0].initiatives = initiatives;
  // The years after the earliest Bằng khen (2013-2017) do not count once a later one exists.
  IssueDecision early =
      w.decision("qd-ttg-2017", Award::kBK_TTG, person_ref("hoa"), 2017, kGovernment);
  r = w.refused(early, "award.BK_TTG.route_b");
  CHECK_THAT(r.detail, Contains("for 2015") && Contains("2 consecutive years"));
  w.ok(c);
}

TEST_CASE("revocation.ground: fraud only under the 2003 law, grounds a to d since 2024", "[law]") {
  Law w;
  w.staff("hoa", kUnit);
  w.record("qd-ldtt-2018", Award::kLDTT, person_ref("hoa"), 2018, kUnit);
  w.record("qd-ldtt-2022", Award::kLDTT, person_ref("hoa"), 2022, kUnit);
  RevokeDecision c;
  c.decision = "qd-ldtt-2018";
  c.ground = RevocationGround::kB;
  c.number = "99/QĐ-HB";
  c.date = date("2020-10-05");
  c.issuer = kUnit;
  c.reason = "Hồ sơ đề nghị có giấy tờ giả";
  c.recovery = "Thu hồi giấy chứng nhận";
  const Refusal r = w.refused(c, "revocation.ground");
  CHECK_THAT(r.detail, Contains("under vn-2013"));
  c.ground = RevocationGround::kA;
  w.ok(c);
  c.decision = "qd-ldtt-2022";
  c.ground = RevocationGround::kB;
  c.number = "100/QĐ-HB";
  c.date = date("2024-10-05");
  w.ok(c);
}

TEST_CASE(
    "council.public_notice: a CSTD_TQ proposal is published before the council votes, "
    "under vn-2013",
    "[law]") {
  Law w;
  w.staff("hoa", kUnit);
  w.council();
  SubmitProposal p;
  p.id = "tt-tq";
  p.proposing_body = kProvince;
  p.award = Award::kCSTD_TQ;
  p.year = 2019;
  p.nominees = {person_ref("hoa")};
  p.documents = {{"Tờ trình số 12/TTr", std::string(64, 'c')}};
  p.council = kCouncil;
  p.date = date("2020-01-20");
  w.ok(p);
  RecordCouncilVote v;
  v.council = kCouncil;
  v.proposal = p.id;
  v.date = date("2020-01-22");
  v.present = 10;
  v.tallies = {{person_ref("hoa"), 10, 0, 0}};
  Refusal r = w.refused(v, "council.public_notice");
  CHECK_THAT(r.detail, Contains("was not published for comment"));
  // Published: not before the proposal, not after today, once.
  w.refused(Law::publication(p.id, date("2020-01-19")), "publication.date");
  w.refused(Law::publication(p.id, date("2031-07-01")), "publication.date");
  w.refused(Law::publication("tt-none", date("2020-01-22")), "proposal.exists");
  w.ok(Law::publication(p.id, date("2020-01-22")));
  w.refused(Law::publication(p.id, date("2020-01-23")), "publication.once");
  // Not on the day it was published: on a later day.
  r = w.refused(v, "council.public_notice");
  CHECK_THAT(r.detail, Contains("the council may vote from 2020-01-23"));
  v.date = date("2020-01-23");
  w.ok(v);

  // vn-2022 asks no publication for any of thidua's awards.
  p.id = "tt-tq-2024";
  p.year = 2024;
  p.date = date("2025-01-20");
  w.ok(p);
  v.proposal = p.id;
  v.date = date("2025-01-20");
  w.ok(v);
}
