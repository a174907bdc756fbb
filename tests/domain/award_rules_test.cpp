// The award rules for people (domain.md section 3): the ladders LDTT, CSTDCS, CSTD_TINH,
// CSTD_TQ, BK_TINH route (d) and BK_TTG route (b), once per year, initiatives, holds, and the
// eligibility query. Each rule is shown passing, recorded in DecisionIssued.checks with the
// positions of the events it used, and refusing with the recipient's name intact.
#include <catch2/catch.hpp>

#include <algorithm>
#include <set>

#include "decision_checks.hpp"
#include "world.hpp"

using namespace thidua::domain;
using namespace thidua::testing;
using Catch::Matchers::Contains;

namespace {

constexpr const char* kGovernment = "chinh-phu";
constexpr const char* kProvince = "ubnd-gia-lai";
constexpr const char* kDepartment = "so-tttt-gia-lai";

bool includes(const Positions& all, const Positions& part) {
  return std::includes(all.begin(), all.end(), part.begin(), part.end());
}

// A provincial department of Gia Lai with its staff, the province and the Government, on a
// day late enough for decisions on the years up to 2029.
struct Office : World {
  Office() {
    context.today = date("2031-06-30");
    org(kGovernment, "Chính phủ", OrganizationKind::kGovernment);
    org(kProvince, "Ủy ban nhân dân tỉnh Gia Lai", OrganizationKind::kProvince);
    org(kDepartment, "Sở Thông tin và Truyền thông tỉnh Gia Lai", OrganizationKind::kDepartment,
        kProvince);
    person("hoa", "Nguyễn Thị Hoa", kDepartment);
    person("minh", "Trần Văn Minh", kDepartment);
    person("lan", "Võ Thị Lan", kDepartment);
  }

  std::uint64_t next() const { return state.next_position; }

  // Rates `who` excellent and gives them the annual CSTDCS for each year of [from, to], each
  // citing a grassroots initiative of the year (so that it also passes under vn-2013).
  // Returns the positions of the decisions.
  Positions cstdcs_years(const std::string& who, int from, int to) {
    Positions out;
    for (int y = from; y <= to; ++y) {
      const std::string suffix = who + "-" + std::to_string(y);
      rate(person_ref(who), y, Rating::kExcellent);
      initiative("sk-" + suffix, who, Scope::kGrassroots, y);
      out.insert(next());
      award("qd-cstdcs-" + suffix, Award::kCSTDCS, person_ref(who), y, kDepartment,
            {"sk-" + suffix});
    }
    return out;
  }

  // CSTD_TINH for `year` by the province, on an initiative of ministry or province scope
  // recognised that year. Returns the decision's position.
  std::uint64_t cstd_tinh(const std::string& who, int year) {
    const std::string id = "sk-tinh-" + who + "-" + std::to_string(year);
    initiative(id, who, Scope::kMinistryProvince, year);
    const std::uint64_t at = next();
    award("qd-cstd-tinh-" + who + "-" + std::to_string(year), Award::kCSTD_TINH, person_ref(who),
          year, kProvince, {id});
    return at;
  }

  PlaceHold hold(const std::string& id, const std::string& who) {
    PlaceHold c;
    c.id = id;
    c.subject = person_ref(who);
    c.kind = HoldKind::kInvestigation;
    c.reason = "Đang xác minh đơn tố cáo về việc kê khai thành tích";
    c.date = date("2025-02-10");
    return c;
  }
};

}  // namespace

TEST_CASE("award.LDTT.rating: rated good or better in the year", "[domain][award]") {
  Office w;
  const std::uint64_t rated = w.next();
  w.rate(person_ref("hoa"), 2024, Rating::kGood);
  const DecisionIssued d =
      issued(w.ok(w.decision("qd-ldtt-hoa", Award::kLDTT, person_ref("hoa"), 2024, kDepartment)));
  CHECK(d.ruleset == "vn-2022");
  CHECK(passed(d, "award.LDTT.rating", "person/hoa") == Positions{rated});
  REQUIRE(d.reward_multiple.has_value());
  CHECK(*d.reward_multiple == Decimal{30});

  w.rate(person_ref("minh"), 2024, Rating::kCompleted);
  Refusal r =
      w.refused(w.decision("qd-ldtt-minh", Award::kLDTT, person_ref("minh"), 2024, kDepartment),
                "award.LDTT.rating");
  CHECK_THAT(r.detail, Contains("\"Trần Văn Minh\"") && Contains("completed"));
  r = w.refused(w.decision("qd-ldtt-lan", Award::kLDTT, person_ref("lan"), 2024, kDepartment),
                "award.LDTT.rating");
  CHECK_THAT(r.detail, Contains("\"Võ Thị Lan\" was rated not rated"));
}

TEST_CASE("award.CSTDCS.rating: meets LDTT in the year", "[domain][award]") {
  Office w;
  const std::uint64_t rated = w.next();
  w.rate(person_ref("hoa"), 2024, Rating::kExcellent);
  const DecisionIssued d = issued(
      w.ok(w.decision("qd-cstdcs-hoa", Award::kCSTDCS, person_ref("hoa"), 2024, kDepartment)));
  CHECK(passed(d, "award.CSTDCS.rating", "person/hoa") == Positions{rated});

  // An initiative does not make up for a rating below LDTT's.
  w.rate(person_ref("minh"), 2024, Rating::kCompleted);
  w.initiative("sk-minh", "minh", Scope::kGrassroots, 2024);
  IssueDecision c =
      w.decision("qd-cstdcs-minh", Award::kCSTDCS, person_ref("minh"), 2024, kDepartment);
  c.recipients[0].initiatives = {"sk-minh"};
  const Refusal r = w.refused(c, "award.CSTDCS.rating");
  CHECK_THAT(r.detail, Contains("\"Trần Văn Minh\"") && Contains("CSTDCS needs at least good"));
}

TEST_CASE(
    "award.CSTDCS.initiative: the rule set of the decision's date says whether an "
    "excellent rating replaces the initiative",
    "[domain][award]") {
  Office w;
  w.rate(person_ref("hoa"), 2022, Rating::kExcellent);
  // Year 2022, dated 2023-03-01: the 2013 regime asks for an initiative.
  const Refusal r =
      w.refused(w.decision("qd-cstdcs-2022", Award::kCSTDCS, person_ref("hoa"), 2022, kDepartment),
                "award.CSTDCS.initiative");
  CHECK_THAT(r.detail, Contains("\"Nguyễn Thị Hoa\" lacks an initiative") && Contains("(vn-2013)"));

  // Year 2024, dated 2025-03-01: under the 2022 law the excellent rating is enough.
  const std::uint64_t rated = w.next();
  w.rate(person_ref("hoa"), 2024, Rating::kExcellent);
  DecisionIssued d = issued(
      w.ok(w.decision("qd-cstdcs-2024", Award::kCSTDCS, person_ref("hoa"), 2024, kDepartment)));
  CHECK(d.ruleset == "vn-2022");
  CHECK(passed(d, "award.CSTDCS.initiative", "person/hoa") == Positions{rated});
  CHECK(passed(d, "ruleset.in_force", "") == Positions{});

  // It is the date that counts, not the year of the achievements: 2023 decided in 2024.
  w.rate(person_ref("hoa"), 2023, Rating::kExcellent);
  d = issued(
      w.ok(w.decision("qd-cstdcs-2023", Award::kCSTDCS, person_ref("hoa"), 2023, kDepartment)));
  CHECK(d.ruleset == "vn-2022");

  // Under vn-2013 an initiative of the year passes the rule, and is the fact it used.
  w.rate(person_ref("minh"), 2022, Rating::kGood);
  const std::uint64_t recognised = w.next();
  w.initiative("sk-minh-2022", "minh", Scope::kGrassroots, 2022);
  IssueDecision c =
      w.decision("qd-cstdcs-minh", Award::kCSTDCS, person_ref("minh"), 2022, kDepartment);
  c.recipients[0].initiatives = {"sk-minh-2022"};
  d = issued(w.ok(c));
  CHECK(d.ruleset == "vn-2013");
  CHECK(passed(d, "award.CSTDCS.initiative", "person/minh") == Positions{recognised});
}

TEST_CASE("award.CSTD_TINH.consecutive: three annual CSTDCS in a row ending in the year",
          "[domain][award]") {
  Office w;
  const Positions run = w.cstdcs_years("hoa", 2024, 2026);
  const std::uint64_t recognised = w.next();
  w.initiative("sk-hoa-tinh", "hoa", Scope::kMinistryProvince, 2025);
  IssueDecision c =
      w.decision("qd-cstd-tinh-hoa", Award::kCSTD_TINH, person_ref("hoa"), 2026, kProvince);
  c.recipients[0].initiatives = {"sk-hoa-tinh"};
  const DecisionIssued d = issued(w.ok(c));
  CHECK(d.ruleset == "vn-2022");
  CHECK(passed(d, "award.CSTD_TINH.consecutive", "person/hoa") == run);
  CHECK(passed(d, "award.CSTD_TINH.initiative", "person/hoa") == Positions{recognised});
  CHECK(*d.reward_multiple == Decimal{300});

  w.cstdcs_years("minh", 2025, 2026);
  w.initiative("sk-minh-tinh", "minh", Scope::kMinistryProvince, 2026);
  const Refusal r = w.refused(
      w.decision("qd-cstd-tinh-minh", Award::kCSTD_TINH, person_ref("minh"), 2026, kProvince),
      "award.CSTD_TINH.consecutive");
  CHECK_THAT(r.detail, Contains("\"Trần Văn Minh\" holds CSTDCS 2 year(s) in a row up to 2026"));
}

TEST_CASE(
    "award.CSTD_TINH.consecutive: a thematic CSTDCS neither needs the ladder nor counts "
    "toward it",
    "[domain][award]") {
  Office w;
  for (int y = 2024; y <= 2026; ++y) w.rate(person_ref("minh"), y, Rating::kExcellent);
  w.award("qd-cstdcs-2024", Award::kCSTDCS, person_ref("minh"), 2024, kDepartment);
  // A thematic CSTDCS is given on the movement's results, whatever the ladder says, but every
  // other criterion holds: Võ Thị Lan, not rated, is refused; rated excellent, she has it.
  IssueDecision thematic =
      w.decision("qd-chuyen-de-lan", Award::kCSTDCS, person_ref("lan"), 2025, kDepartment);
  thematic.occasion = Occasion::kThematic;
  w.refused(thematic, "award.CSTDCS.rating");
  w.rate(person_ref("lan"), 2025, Rating::kExcellent);
  DecisionIssued d = issued(w.ok(thematic));
  CHECK(passed(d, "award.ladder", "person/lan") == Positions{});
  CHECK(find_check(d, "award.CSTDCS.rating", "person/lan") != nullptr);
  CHECK(find_check(d, "award.once_per_year", "person/lan") == nullptr);

  d = issued(w.award("qd-chuyen-de-minh", Award::kCSTDCS, person_ref("minh"), 2025, kDepartment, {},
                     Occasion::kThematic));
  CHECK(passed(d, "award.ladder", "person/minh") == Positions{});
  w.award("qd-cstdcs-2026", Award::kCSTDCS, person_ref("minh"), 2026, kDepartment);
  w.initiative("sk-minh-tinh", "minh", Scope::kMinistryProvince, 2026);
  const Refusal r = w.refused(
      w.decision("qd-cstd-tinh-minh", Award::kCSTD_TINH, person_ref("minh"), 2026, kProvince),
      "award.CSTD_TINH.consecutive");
  CHECK_THAT(r.detail, Contains("\"Trần Văn Minh\" holds CSTDCS 1 year(s) in a row up to 2026"));

  // An annual CSTDCS for the middle year completes the run: the thematic one did not block it.
  w.award("qd-cstdcs-2025", Award::kCSTDCS, person_ref("minh"), 2025, kDepartment);
  w.award("qd-cstd-tinh-minh", Award::kCSTD_TINH, person_ref("minh"), 2026, kProvince,
          {"sk-minh-tinh"});
}

TEST_CASE("award.CSTD_TINH.initiative: an initiative of ministry or province scope within the run",
          "[domain][award]") {
  Office w;
  w.cstdcs_years("hoa", 2024, 2026);
  w.initiative("sk-hoa-co-so", "hoa", Scope::kGrassroots, 2026);
  w.initiative("sk-hoa-2022", "hoa", Scope::kMinistryProvince, 2022);  // before the run
  Refusal r = w.refused(
      w.decision("qd-cstd-tinh-hoa", Award::kCSTD_TINH, person_ref("hoa"), 2026, kProvince),
      "award.CSTD_TINH.initiative");
  CHECK_THAT(r.detail, Contains("\"Nguyễn Thị Hoa\" has no initiative of ministry_province scope "
                                "or wider in 2024–2026"));
  IssueDecision c =
      w.decision("qd-cstd-tinh-hoa", Award::kCSTD_TINH, person_ref("hoa"), 2026, kProvince);
  c.recipients[0].initiatives = {"sk-hoa-co-so"};
  w.refused(c, "award.CSTD_TINH.initiative");

  // A national initiative is wider than a provincial one.
  const std::uint64_t recognised = w.next();
  w.initiative("sk-hoa-quoc-gia", "hoa", Scope::kNational, 2025);
  // A decision relies only on the initiatives it cites.
  w.refused(w.decision("qd-cstd-tinh-hoa", Award::kCSTD_TINH, person_ref("hoa"), 2026, kProvince),
            "award.CSTD_TINH.initiative");
  const DecisionIssued d = issued(w.award("qd-cstd-tinh-hoa", Award::kCSTD_TINH, person_ref("hoa"),
                                          2026, kProvince, {"sk-hoa-quoc-gia"}));
  CHECK(passed(d, "award.CSTD_TINH.initiative", "person/hoa") == Positions{recognised});
}

TEST_CASE("award.CSTD_TQ.consecutive: two CSTD_TINH one cycle apart, and a national initiative",
          "[domain][award]") {
  Office w;
  // 2021-2022 are decided under vn-2013, 2023 onwards under vn-2022.
  w.cstdcs_years("hoa", 2021, 2023);
  const std::uint64_t first = w.cstd_tinh("hoa", 2023);
  w.cstdcs_years("hoa", 2024, 2026);
  const std::uint64_t second = w.cstd_tinh("hoa", 2026);

  Refusal r =
      w.refused(w.decision("qd-cstd-tq-hoa", Award::kCSTD_TQ, person_ref("hoa"), 2026, kGovernment),
                "award.CSTD_TQ.initiative");
  CHECK_THAT(r.detail,
             Contains("\"Nguyễn Thị Hoa\" has no initiative of national scope in 2021–2026"));

  const std::uint64_t recognised = w.next();
  w.initiative("sk-hoa-quoc-gia", "hoa", Scope::kNational, 2026);
  IssueDecision c =
      w.decision("qd-cstd-tq-hoa", Award::kCSTD_TQ, person_ref("hoa"), 2026, kGovernment);
  c.recipients[0].initiatives = {"sk-hoa-quoc-gia"};
  const DecisionIssued d = issued(w.ok(c));
  CHECK(passed(d, "award.CSTD_TQ.consecutive", "person/hoa") == Positions{first, second});
  CHECK(passed(d, "award.CSTD_TQ.initiative", "person/hoa") == Positions{recognised});
  CHECK(*d.reward_multiple == Decimal{450});

  // One CSTD_TINH is not two.
  w.cstdcs_years("minh", 2024, 2026);
  w.cstd_tinh("minh", 2026);
  w.initiative("sk-minh-quoc-gia", "minh", Scope::kNational, 2026);
  r = w.refused(
      w.decision("qd-cstd-tq-minh", Award::kCSTD_TQ, person_ref("minh"), 2026, kGovernment),
      "award.CSTD_TQ.consecutive");
  CHECK_THAT(r.detail, Contains("\"Trần Văn Minh\" holds 1 consecutive CSTD_TINH"));
}

TEST_CASE(
    "award.BK_TINH.route_d: two CSTDCS in a row, or two excellent years with two "
    "initiatives",
    "[domain][award]") {
  Office w;
  const Positions run = w.cstdcs_years("hoa", 2024, 2025);
  DecisionIssued d =
      issued(w.ok(w.decision("qd-bk-hoa", Award::kBK_TINH, person_ref("hoa"), 2025, kProvince)));
  CHECK(includes(passed(d, "award.BK_TINH.route_d", "person/hoa"), run));
  CHECK_FALSE(d.reward_multiple.has_value());  // no multiple in the rule set for a Bằng khen
  CHECK(find_check(d, "award.once_per_year", "person/hoa") == nullptr);  // not a title

  Positions facts{w.next()};
  w.rate(person_ref("minh"), 2024, Rating::kExcellent);
  facts.insert(w.next());
  w.rate(person_ref("minh"), 2025, Rating::kExcellent);
  facts.insert(w.next());
  w.initiative("sk-minh-2024", "minh", Scope::kGrassroots, 2024);
  facts.insert(w.next());
  w.initiative("sk-minh-2025", "minh", Scope::kGrassroots, 2025);
  IssueDecision c = w.decision("qd-bk-minh", Award::kBK_TINH, person_ref("minh"), 2025, kProvince);
  c.recipients[0].initiatives = {"sk-minh-2024", "sk-minh-2025"};
  d = issued(w.ok(c));
  CHECK(passed(d, "award.BK_TINH.route_d", "person/minh") == facts);

  w.rate(person_ref("lan"), 2024, Rating::kGood);
  w.rate(person_ref("lan"), 2025, Rating::kExcellent);
  w.initiative("sk-lan-2025", "lan", Scope::kGrassroots, 2025);
  IssueDecision lan = w.decision("qd-bk-lan", Award::kBK_TINH, person_ref("lan"), 2025, kProvince);
  lan.recipients[0].initiatives = {"sk-lan-2025"};
  const Refusal r = w.refused(lan, "award.BK_TINH.route_d");
  CHECK_THAT(r.detail, Contains("\"Võ Thị Lan\": 0 consecutive CSTDCS (needs 2), or 1 "
                                "consecutive excellent years (needs 2) with 1 initiatives"));
}

namespace {

// A Bằng khen of the province for 2024 (of `occasion`; an annual one rests on CSTDCS for 2023
// and 2024), then five years 2025-2029 rated good or better with CSTDCS in 2027-2029; 2025 is
// left unrated unless `full`. Returns the positions the route (b) check must cite.
Positions bk_ttg_history(Office& w, const std::string& who, bool full, Occasion occasion) {
  Positions facts;
  for (int y = 2023; y <= 2024; ++y) {
    w.rate(person_ref(who), y, Rating::kExcellent);
    w.award("qd-cstdcs-" + who + "-" + std::to_string(y), Award::kCSTDCS, person_ref(who), y,
            kDepartment);
  }
  facts.insert(w.next());
  w.award("qd-bk-" + who, Award::kBK_TINH, person_ref(who), 2024, kProvince, {}, occasion);
  for (int y = full ? 2025 : 2026; y <= 2026; ++y) {
    facts.insert(w.next());
    w.rate(person_ref(who), y, Rating::kGood);
  }
  for (int y = 2027; y <= 2029; ++y) {
    facts.insert(w.next());
    w.rate(person_ref(who), y, Rating::kExcellent);
    facts.insert(w.next());
    w.award("qd-cstdcs-" + who + "-" + std::to_string(y), Award::kCSTDCS, person_ref(who), y,
            kDepartment);
  }
  return facts;
}

}  // namespace

TEST_CASE(
    "award.BK_TTG.route_b: an annual BK_TINH and five years good or better with three "
    "CSTDCS",
    "[domain][award]") {
  Office w;
  const Positions facts = bk_ttg_history(w, "hoa", true, Occasion::kAnnual);
  const DecisionIssued d = issued(
      w.ok(w.decision("qd-bk-ttg-hoa", Award::kBK_TTG, person_ref("hoa"), 2029, kGovernment)));
  CHECK(passed(d, "award.BK_TTG.route_b", "person/hoa") == facts);

  bk_ttg_history(w, "minh", false, Occasion::kAnnual);
  Refusal r =
      w.refused(w.decision("qd-bk-ttg-minh", Award::kBK_TTG, person_ref("minh"), 2029, kGovernment),
                "award.BK_TTG.route_b");
  CHECK_THAT(r.detail, Contains("\"Trần Văn Minh\" holds a Bằng khen") &&
                           Contains("4 consecutive years rated good or better (needs 5)"));

  // A thematic Bằng khen is no rung of the ladder.
  bk_ttg_history(w, "lan", true, Occasion::kThematic);
  r = w.refused(w.decision("qd-bk-ttg-lan", Award::kBK_TTG, person_ref("lan"), 2029, kGovernment),
                "award.BK_TTG.route_b");
  CHECK_THAT(r.detail, Contains("\"Võ Thị Lan\" holds no Bằng khen of a ministry or province"));
}

TEST_CASE("award.once_per_year: an annual title once per subject and year", "[domain][award]") {
  Office w;
  w.rate(person_ref("hoa"), 2024, Rating::kExcellent);
  const DecisionIssued d =
      issued(w.ok(w.decision("qd-ldtt-1", Award::kLDTT, person_ref("hoa"), 2024, kDepartment)));
  CHECK(passed(d, "award.once_per_year", "person/hoa") == Positions{});
  const Refusal r =
      w.refused(w.decision("qd-ldtt-2", Award::kLDTT, person_ref("hoa"), 2024, kDepartment),
                "award.once_per_year");
  CHECK_THAT(r.detail, Contains("\"Nguyễn Thị Hoa\" already received Lao động tiên tiến for "
                                "2024 by decision \"qd-ldtt-1\""));

  // Another year, a thematic title, and a commendation are not bound by it.
  w.rate(person_ref("hoa"), 2025, Rating::kGood);
  w.ok(w.decision("qd-ldtt-3", Award::kLDTT, person_ref("hoa"), 2025, kDepartment));
  w.award("qd-ldtt-chuyen-de", Award::kLDTT, person_ref("hoa"), 2024, kDepartment, {},
          Occasion::kThematic);
  w.ok(w.decision("qd-gk-1", Award::kGK, person_ref("hoa"), 2024, kDepartment));
  w.ok(w.decision("qd-gk-2", Award::kGK, person_ref("hoa"), 2024, kDepartment));
}

TEST_CASE(
    "initiative.exists, initiative.owner, initiative.one_award: a cited initiative is "
    "recognised, the recipient's, and supports one award",
    "[domain][award]") {
  Office w;
  w.rate(person_ref("hoa"), 2022, Rating::kGood);
  const std::uint64_t recognised = w.next();
  w.initiative("sk-hoa", "hoa", Scope::kGrassroots, 2022);
  w.initiative("sk-minh", "minh", Scope::kGrassroots, 2022);

  IssueDecision c =
      w.decision("qd-cstdcs-hoa", Award::kCSTDCS, person_ref("hoa"), 2022, kDepartment);
  c.recipients[0].initiatives = {"sk-khong-ton-tai"};
  Refusal r = w.refused(c, "initiative.exists");
  CHECK_THAT(r.detail, Contains("\"sk-khong-ton-tai\""));

  c.recipients[0].initiatives = {"sk-minh"};
  r = w.refused(c, "initiative.owner");
  CHECK_THAT(r.detail,
             Contains("\"Sáng kiến sk-minh\" is not an initiative of \"Nguyễn Thị Hoa\""));

  c.recipients[0].initiatives = {"sk-hoa"};
  const DecisionIssued d = issued(w.ok(c));
  CHECK(passed(d, "initiative.exists", "person/hoa") == Positions{recognised});
  CHECK(passed(d, "initiative.owner", "person/hoa") == Positions{recognised});
  CHECK(passed(d, "initiative.one_award", "person/hoa") == Positions{recognised});
  CHECK(w.state.initiatives.at("sk-hoa").used_by == "qd-cstdcs-hoa");

  // One achievement, one award: the same initiative cannot also carry a Bằng khen.
  IssueDecision again = w.decision("qd-gk-hoa", Award::kGK, person_ref("hoa"), 2022, kDepartment);
  again.recipients[0].initiatives = {"sk-hoa"};
  r = w.refused(again, "initiative.one_award");
  CHECK_THAT(r.detail, Contains("\"Sáng kiến sk-hoa\" already supports decision "
                                "\"qd-cstdcs-hoa\"; one achievement, one award"));
}

TEST_CASE("hold.active: no award is decided for a person under a hold", "[domain][award]") {
  Office w;
  w.rate(person_ref("hoa"), 2024, Rating::kExcellent);
  w.ok(w.hold("ht-hoa", "hoa"));
  const Refusal r = w.refused(
      w.decision("qd-ldtt-hoa", Award::kLDTT, person_ref("hoa"), 2024, kDepartment), "hold.active");
  CHECK_THAT(r.detail, Contains("\"Nguyễn Thị Hoa\" is under a hold (investigation hold") &&
                           Contains("Đang xác minh đơn tố cáo về việc kê khai thành tích"));

  ReleaseHold release;
  release.id = "ht-hoa";
  release.reason = "Kết luận xác minh: không có vi phạm";
  release.date = date("2025-02-20");
  w.ok(release);
  const DecisionIssued d =
      issued(w.ok(w.decision("qd-ldtt-hoa", Award::kLDTT, person_ref("hoa"), 2024, kDepartment)));
  CHECK(passed(d, "hold.active", "person/hoa") == Positions{});
}

TEST_CASE("award.subject_kind and subject.exists: a person's title goes to a registered person",
          "[domain][award]") {
  Office w;
  w.rate(person_ref("hoa"), 2024, Rating::kGood);
  const DecisionIssued d =
      issued(w.ok(w.decision("qd-ldtt-hoa", Award::kLDTT, person_ref("hoa"), 2024, kDepartment)));
  CHECK(passed(d, "award.subject_kind", "person/hoa") == Positions{});
  CHECK(passed(d, "subject.exists", "person/hoa") == Positions{w.state.people.at("hoa").position});

  Refusal r =
      w.refused(w.decision("qd-ldtt-so", Award::kLDTT, org_ref(kDepartment), 2024, kDepartment),
                "award.subject_kind");
  CHECK_THAT(r.detail, Contains("Lao động tiên tiến cannot be given to an organization"));
  r = w.refused(w.decision("qd-ldtt-x", Award::kLDTT, person_ref("khong-co"), 2024, kDepartment),
                "subject.exists");
  CHECK_THAT(r.detail, Contains("person/khong-co"));
}

TEST_CASE("check_eligibility: a subject with no decision, considering unused initiatives",
          "[domain][award]") {
  Office w;
  const RuleSet& vn2013 = *w.rules.in_force(date("2023-03-01"));
  REQUIRE(vn2013.id == "vn-2013");
  w.rate(person_ref("hoa"), 2022, Rating::kExcellent);
  const std::uint64_t recognised = w.next();
  w.initiative("sk-hoa", "hoa", Scope::kGrassroots, 2022);

  EligibilityQuestion q{
      person_ref("hoa"), Award::kCSTDCS, Occasion::kAnnual, 2022, {}, {}, {}, {}, {}};
  std::vector<RuleCheck> checks = check_eligibility(w.state, vn2013, q);
  for (const RuleCheck& c : checks) {
    INFO(c.rule << ": " << c.detail);
    CHECK(c.passed);
    CHECK(c.subject == "person/hoa");
    CHECK(c.rule != "decision.competent_issuer");  // no issuer asked about
  }
  auto initiative = std::find_if(checks.begin(), checks.end(), [](const RuleCheck& c) {
    return c.rule == "award.CSTDCS.initiative";
  });
  REQUIRE(initiative != checks.end());
  REQUIRE(initiative->facts.size() == 2);  // the initiative and the excellent rating
  CHECK(initiative->facts[0].position == recognised);

  // Once the initiative supports another award it is no longer considered.
  IssueDecision c = w.decision("qd-gk-hoa", Award::kGK, person_ref("hoa"), 2022, kDepartment);
  c.recipients[0].initiatives = {"sk-hoa"};
  w.ok(c);
  checks = check_eligibility(w.state, vn2013, q);
  initiative = std::find_if(checks.begin(), checks.end(),
                            [](const RuleCheck& k) { return k.rule == "award.CSTDCS.initiative"; });
  REQUIRE(initiative != checks.end());
  CHECK_FALSE(initiative->passed);
  CHECK_THAT(initiative->detail, Contains("\"Nguyễn Thị Hoa\" lacks an initiative"));

  // An unknown subject gets one answer.
  q.subject = person_ref("khong-co");
  checks = check_eligibility(w.state, vn2013, q);
  REQUIRE(checks.size() == 1);
  CHECK(checks[0].rule == "subject.exists");
  CHECK_FALSE(checks[0].passed);
}
