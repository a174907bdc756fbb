// The awards of units (domain.md section 3): TTLDTT, TTLDXS from their members' titles, the
// flags CO_TINH and CO_CP for cluster leaders with the Government flag's 20% quota at proposal
// and at decision, and who may issue each award.
#include <catch2/catch.hpp>

#include <algorithm>
#include <array>
#include <set>

#include "decision_checks.hpp"
#include "world.hpp"

using namespace thidua::domain;
using namespace thidua::testing;
using Catch::Matchers::Contains;

namespace {

constexpr const char* kGovernment = "chinh-phu";
constexpr const char* kMinistry = "bo-tttt";
constexpr const char* kProvince = "ubnd-dak-lak";
constexpr const char* kUnit = "so-tttt-dak-lak";

std::string detail_of(const DecisionIssued& d, const std::string& rule) {
  for (const RuleCheck& c : d.checks) {
    if (c.rule == rule) return c.detail;
  }
  return {};
}

const std::array<const char*, 4> kStaff = {"an", "bich", "cuong", "dung"};

// The Ministry of Information and Communications, the Government, the province of Đắk Lắk and
// its Department of Information and Communications with four staff.
struct Ministry : World {
  Ministry() {
    context.today = date("2031-06-30");
    org(kGovernment, "Chính phủ", OrganizationKind::kGovernment);
    org(kMinistry, "Bộ Thông tin và Truyền thông", OrganizationKind::kMinistry);
    org(kProvince, "Ủy ban nhân dân tỉnh Đắk Lắk", OrganizationKind::kProvince);
    org(kUnit, "Sở Thông tin và Truyền thông tỉnh Đắk Lắk", OrganizationKind::kDepartment,
        kProvince);
    person("an", "Nguyễn Văn An", kUnit);
    person("bich", "Trần Thị Bích", kUnit);
    person("cuong", "Lê Hoàng Cường", kUnit);
    person("dung", "Phạm Thị Dung", kUnit);
  }

  std::uint64_t next() const { return state.next_position; }

  // Rates the unit and its four members for `year`, gives LDTT to the first `ldtt` members and
  // CSTDCS to the first `cstdcs` (who must be rated excellent).
  void members_year(int year, std::optional<Rating> unit, std::array<Rating, 4> ratings, int ldtt,
                    int cstdcs) {
    if (unit) rate(org_ref(kUnit), year, *unit);
    for (int i = 0; i < 4; ++i) rate(person_ref(kStaff[i]), year, ratings[i]);
    for (int i = 0; i < 4; ++i) {
      const std::string suffix = std::string(kStaff[i]) + "-" + std::to_string(year);
      if (i < ldtt) award("qd-ldtt-" + suffix, Award::kLDTT, person_ref(kStaff[i]), year, kUnit);
      if (i < cstdcs) {
        award("qd-cstdcs-" + suffix, Award::kCSTDCS, person_ref(kStaff[i]), year, kUnit);
      }
    }
  }

  // The cluster `id` of `organiser` for `year`: every member signs a one-criterion covenant,
  // the sheet is closed and each of `leaders` wins a leader vote. Returns the votes' positions.
  std::vector<std::uint64_t> cluster_year(const std::string& id, const std::string& name,
                                          const std::string& organiser, int year,
                                          const std::vector<std::string>& members,
                                          const std::vector<std::string>& leaders) {
    EstablishCluster established;
    established.id = id;
    established.name = name;
    established.organiser = organiser;
    established.year = year;
    established.members = members;
    ok(established);
    AdoptCovenant covenant;
    covenant.cluster = id;
    covenant.year = year;
    covenant.criteria = {{"TC1", "Hoàn thành nhiệm vụ chính trị được giao", points(10)}};
    ok(covenant);
    for (const std::string& m : members) {
      SignCovenant signature;
      signature.cluster = id;
      signature.year = year;
      signature.organization = m;
      signature.representative = "Lãnh đạo " + state.organizations.at(m).name;
      signature.capacity = "Giám đốc";
      signature.date = Date{year, 3, 6};
      ok(signature);
    }
    CloseScoring close;
    close.cluster = id;
    close.year = year;
    close.date = Date{year, 12, 10};
    ok(close);
    std::vector<std::uint64_t> votes;
    for (const std::string& leader : leaders) {
      RecordClusterVote vote;
      vote.cluster = id;
      vote.year = year;
      vote.question = "Đề nghị đơn vị dẫn đầu " + name;
      vote.nominee = leader;
      vote.eligible = static_cast<std::int64_t>(members.size());
      vote.yes = vote.eligible;
      vote.date = Date{year, 12, 15};
      votes.push_back(next());
      ok(vote);
    }
    return votes;
  }

  // Five clusters of the ministry for 2024, of two departments each; the first of each leads.
  // Returns the leaders' ids.
  std::vector<std::string> five_clusters() {
    const std::array<std::pair<const char*, const char*>, 10> provinces = {{
        {"gia-lai", "Gia Lai"},
        {"phu-yen", "Phú Yên"},
        {"lam-dong", "Lâm Đồng"},
        {"kon-tum", "Kon Tum"},
        {"dak-nong", "Đắk Nông"},
        {"binh-dinh", "Bình Định"},
        {"khanh-hoa", "Khánh Hòa"},
        {"quang-ngai", "Quảng Ngãi"},
        {"ninh-thuan", "Ninh Thuận"},
        {"binh-thuan", "Bình Thuận"},
    }};
    std::vector<std::string> leaders;
    for (std::size_t i = 0; i < 5; ++i) {
      std::vector<std::string> members;
      for (std::size_t j = 2 * i; j < 2 * i + 2; ++j) {
        const std::string id = std::string("so-tttt-") + provinces[j].first;
        org(id, std::string("Sở Thông tin và Truyền thông tỉnh ") + provinces[j].second);
        members.push_back(id);
      }
      const std::string n = std::to_string(i + 1);
      cluster_year("cum-" + n, "Cụm thi đua số " + n, kMinistry, 2024, members, {members[0]});
      leaders.push_back(members[0]);
    }
    return leaders;
  }

  SubmitProposal co_cp_proposal(const std::string& id, std::vector<std::string> nominees) {
    SubmitProposal p;
    p.id = id;
    p.proposing_body = kMinistry;
    p.award = Award::kCO_CP;
    p.year = 2024;
    for (const std::string& n : nominees) p.nominees.push_back(org_ref(n));
    p.date = date("2025-01-15");
    return p;
  }
};

}  // namespace

TEST_CASE("award.TTLDTT.members_ldtt: more than half the members hold LDTT", "[domain][unit]") {
  Ministry w;
  w.members_year(2024, Rating::kGood,
                 {Rating::kExcellent, Rating::kGood, Rating::kGood, Rating::kCompleted}, 3, 0);
  const DecisionIssued d =
      issued(w.ok(w.decision("qd-ttldtt-2024", Award::kTTLDTT, org_ref(kUnit), 2024, kProvince)));
  // Each member's LDTT decision counted is cited.
  CHECK(passed(d, "award.TTLDTT.members_ldtt", "organization/so-tttt-dak-lak").size() == 3);
  CHECK_THAT(detail_of(d, "award.TTLDTT.members_ldtt"),
             Contains("LDTT for 2024: 3 of 4 members (needs more than 1/2)"));
  CHECK(*d.reward_multiple == Decimal{80});

  w.members_year(2025, Rating::kGood,
                 {Rating::kGood, Rating::kGood, Rating::kCompleted, Rating::kCompleted}, 2, 0);
  const Refusal r =
      w.refused(w.decision("qd-ttldtt-2025", Award::kTTLDTT, org_ref(kUnit), 2025, kProvince),
                "award.TTLDTT.members_ldtt");
  CHECK_THAT(r.detail, Contains("LDTT for 2025: 2 of 4 members (needs more than 1/2)"));

  // A unit without members has no majority.
  w.org("phong-moi", "Phòng Chuyển đổi số", OrganizationKind::kAgency, kUnit);
  w.rate(org_ref("phong-moi"), 2025, Rating::kGood);
  w.refused(w.decision("qd-ttldtt-phong", Award::kTTLDTT, org_ref("phong-moi"), 2025, kProvince),
            "award.TTLDTT.members_ldtt");
}

TEST_CASE("award.TTLDTT.no_discipline: no member disciplined at warning level or above",
          "[domain][unit]") {
  Ministry w;
  const std::array<Rating, 4> good = {Rating::kGood, Rating::kGood, Rating::kGood, Rating::kGood};
  RecordDiscipline discipline;
  discipline.person = "cuong";
  discipline.year = 2024;
  discipline.level = DisciplineLevel::kReprimand;
  discipline.date = date("2024-09-12");
  discipline.basis = "Quyết định kỷ luật số 12/QĐ-STTTT";
  w.ok(discipline);  // a reprimand is below the bar
  w.members_year(2024, Rating::kGood, good, 4, 0);
  const DecisionIssued d =
      issued(w.ok(w.decision("qd-ttldtt-2024", Award::kTTLDTT, org_ref(kUnit), 2024, kProvince)));
  CHECK(passed(d, "award.TTLDTT.no_discipline", "organization/so-tttt-dak-lak") == Positions{});

  discipline.year = 2025;
  discipline.level = DisciplineLevel::kWarning;
  discipline.date = date("2025-10-02");
  discipline.basis = "Quyết định kỷ luật số 31/QĐ-STTTT";
  w.ok(discipline);
  w.members_year(2025, Rating::kGood, good, 4, 0);
  const Refusal r =
      w.refused(w.decision("qd-ttldtt-2025", Award::kTTLDTT, org_ref(kUnit), 2025, kProvince),
                "award.TTLDTT.no_discipline");
  CHECK_THAT(r.detail, Contains("1 member(s) disciplined at warning level or above in 2025"));
}

TEST_CASE("award.TTLDXS: excellent unit, every member completing, 70% LDTT, one CSTDCS",
          "[domain][unit]") {
  Ministry w;
  const std::uint64_t unit_rated = w.next();
  w.members_year(2024, Rating::kExcellent,
                 {Rating::kExcellent, Rating::kGood, Rating::kGood, Rating::kCompleted}, 3, 1);
  const DecisionIssued d =
      issued(w.ok(w.decision("qd-ttldxs-2024", Award::kTTLDXS, org_ref(kUnit), 2024, kProvince)));
  const std::string unit = "organization/so-tttt-dak-lak";
  CHECK(passed(d, "award.TTLDXS.unit_rating", unit) == Positions{unit_rated});
  CHECK(passed(d, "award.TTLDXS.members_completed", unit).size() == 4);  // their ratings
  CHECK(passed(d, "award.TTLDXS.members_ldtt", unit).size() == 3);       // their LDTT decisions
  CHECK(passed(d, "award.TTLDXS.cstdcs", unit).size() == 1);
  CHECK_THAT(detail_of(d, "award.TTLDXS.members_completed"),
             Contains("tasks completed in 2024: 4 of 4 members (needs at least 1/1)"));
  CHECK_THAT(detail_of(d, "award.TTLDXS.members_ldtt"),
             Contains("LDTT for 2024: 3 of 4 members (needs at least 7/10)"));
  CHECK_THAT(detail_of(d, "award.TTLDXS.cstdcs"), Contains("1 member(s) with CSTDCS for 2024"));
  CHECK(*d.reward_multiple == Decimal{150});

  SECTION("award.TTLDXS.unit_rating") {
    w.members_year(2025, Rating::kGood,
                   {Rating::kExcellent, Rating::kGood, Rating::kGood, Rating::kGood}, 4, 1);
    const Refusal r =
        w.refused(w.decision("qd-ttldxs-2025", Award::kTTLDXS, org_ref(kUnit), 2025, kProvince),
                  "award.TTLDXS.unit_rating");
    CHECK_THAT(r.detail, Contains("\"Sở Thông tin và Truyền thông tỉnh Đắk Lắk\" was rated good "
                                  "for 2025; needs excellent"));
  }
  SECTION("award.TTLDXS.members_completed") {
    w.members_year(2025, Rating::kExcellent,
                   {Rating::kExcellent, Rating::kGood, Rating::kGood, Rating::kNotCompleted}, 3, 1);
    const Refusal r =
        w.refused(w.decision("qd-ttldxs-2025", Award::kTTLDXS, org_ref(kUnit), 2025, kProvince),
                  "award.TTLDXS.members_completed");
    CHECK_THAT(r.detail, Contains("3 of 4 members (needs at least 1/1)"));
  }
  SECTION("award.TTLDXS.members_ldtt") {
    w.members_year(2025, Rating::kExcellent,
                   {Rating::kExcellent, Rating::kGood, Rating::kGood, Rating::kCompleted}, 2, 1);
    const Refusal r =
        w.refused(w.decision("qd-ttldxs-2025", Award::kTTLDXS, org_ref(kUnit), 2025, kProvince),
                  "award.TTLDXS.members_ldtt");
    CHECK_THAT(r.detail, Contains("2 of 4 members (needs at least 7/10)"));
  }
  SECTION("award.TTLDXS.cstdcs") {
    w.members_year(2025, Rating::kExcellent,
                   {Rating::kExcellent, Rating::kGood, Rating::kGood, Rating::kCompleted}, 3, 0);
    const Refusal r =
        w.refused(w.decision("qd-ttldxs-2025", Award::kTTLDXS, org_ref(kUnit), 2025, kProvince),
                  "award.TTLDXS.cstdcs");
    CHECK_THAT(r.detail, Contains("0 member(s) with CSTDCS for 2025; needs 1"));
  }
}

TEST_CASE("decision.competent_issuer: each award by the kind of body the rule set names",
          "[domain][unit]") {
  Ministry w;
  w.members_year(2024, Rating::kExcellent,
                 {Rating::kExcellent, Rating::kGood, Rating::kGood, Rating::kGood}, 4, 1);
  Refusal r = w.refused(w.decision("qd-ttldxs", Award::kTTLDXS, org_ref(kUnit), 2024, kUnit),
                        "decision.competent_issuer");
  CHECK_THAT(r.detail, Contains("\"Sở Thông tin và Truyền thông tỉnh Đắk Lắk\" may not decide "
                                "Tập thể lao động xuất sắc under vn-2022"));
  const DecisionIssued d =
      issued(w.ok(w.decision("qd-ttldxs", Award::kTTLDXS, org_ref(kUnit), 2024, kProvince)));
  CHECK(passed(d, "decision.competent_issuer", "organization/so-tttt-dak-lak") ==
        Positions{w.state.organizations.at(kProvince).position});

  // A person's provincial title too, under the 2013 regime as well.
  r = w.refused(w.decision("qd-cstd-tinh", Award::kCSTD_TINH, person_ref("an"), 2022, kUnit),
                "decision.competent_issuer");
  CHECK_THAT(r.detail, Contains("Chiến sĩ thi đua cấp bộ, ngành, tỉnh under vn-2013"));
}

TEST_CASE("award.CO_TINH.leader: the flag of an authority goes to a leader of its clusters",
          "[domain][unit]") {
  Ministry w;
  w.org("so-tttt-gia-lai", "Sở Thông tin và Truyền thông tỉnh Gia Lai");
  w.org("so-tttt-phu-yen", "Sở Thông tin và Truyền thông tỉnh Phú Yên");
  w.org("so-tttt-lam-dong", "Sở Thông tin và Truyền thông tỉnh Lâm Đồng");
  const auto votes =
      w.cluster_year("cum-6", "Cụm thi đua số 6", kMinistry, 2019,
                     {"so-tttt-gia-lai", "so-tttt-phu-yen", kUnit, "so-tttt-lam-dong"},
                     {kUnit, "so-tttt-phu-yen"});
  // The head of the cluster files the proposal that carries the cluster's vote.
  SubmitProposal p;
  p.id = "tt-cum-6-2019";
  p.proposing_body = "so-tttt-gia-lai";
  p.award = Award::kCO_TINH;
  p.year = 2019;
  p.nominees = {org_ref(kUnit), org_ref("so-tttt-phu-yen")};
  p.cluster = "cum-6";
  p.date = date("2019-12-20");
  w.ok(p);
  IssueDecision c = w.decision("qd-co-dak-lak", Award::kCO_TINH, org_ref(kUnit), 2019, kMinistry);
  c.proposal = p.id;
  const DecisionIssued d = issued(w.ok(c));
  CHECK(d.ruleset == "vn-2013");
  CHECK(passed(d, "award.CO_TINH.leader", "organization/so-tttt-dak-lak") == Positions{votes[0]});

  Refusal r = w.refused(
      w.decision("qd-co-gia-lai", Award::kCO_TINH, org_ref("so-tttt-gia-lai"), 2019, kMinistry),
      "award.CO_TINH.leader");
  CHECK_THAT(r.detail, Contains("\"Sở Thông tin và Truyền thông tỉnh Gia Lai\" did not lead a "
                                "cluster or bloc of \"Bộ Thông tin và Truyền thông\" in 2019"));
  // Phú Yên led a cluster of the ministry, not of the province of Đắk Lắk.
  r = w.refused(
      w.decision("qd-co-phu-yen", Award::kCO_TINH, org_ref("so-tttt-phu-yen"), 2019, kProvince),
      "award.CO_TINH.leader");
  CHECK_THAT(r.detail, Contains("\"Ủy ban nhân dân tỉnh Đắk Lắk\""));
  // Nor did the leader of 2019 lead in 2020.
  w.refused(w.decision("qd-co-2020", Award::kCO_TINH, org_ref(kUnit), 2020, kMinistry),
            "award.CO_TINH.leader");
}

TEST_CASE(
    "award.CO_CP.leader and award.CO_CP.quota: a Government flag for at most a fifth of "
    "an organiser's leaders",
    "[domain][unit]") {
  Ministry w;
  const std::vector<std::string> leaders = w.five_clusters();
  const std::uint64_t vote = w.state.clusters.at("cum-1").years.at(2024).votes[0].position;

  SECTION("one flag among five leaders, then no other") {
    const DecisionIssued d = issued(
        w.ok(w.decision("qd-co-cp-1", Award::kCO_CP, org_ref(leaders[0]), 2024, kGovernment)));
    const std::string subject = "organization/" + leaders[0];
    CHECK(passed(d, "award.CO_CP.leader", subject) == Positions{vote});
    CHECK(passed(d, "award.CO_CP.quota", subject) == Positions{});
    CHECK(passed(d, "award.CO_CP.quota", "") == Positions{});
    CHECK(*d.reward_multiple == Decimal{1200});

    const Refusal r =
        w.refused(w.decision("qd-co-cp-2", Award::kCO_CP, org_ref(leaders[1]), 2024, kGovernment),
                  "award.CO_CP.quota");
    CHECK_THAT(r.detail, Contains("2 Government flag(s) for the 5 leaders of clusters organised "
                                  "by \"Bộ Thông tin và Truyền thông\" in 2024; at most 1"));

    // A revoked flag no longer takes a place in the quota.
    RevokeDecision revoke;
    revoke.decision = "qd-co-cp-1";
    revoke.ground = RevocationGround::kC;
    revoke.number = "15/QĐ-TTg";
    revoke.date = date("2025-06-01");
    revoke.issuer = kGovernment;
    revoke.reason = "Hồ sơ đề nghị không đúng quy định";
    w.ok(revoke);
    const DecisionIssued again = issued(
        w.ok(w.decision("qd-co-cp-2", Award::kCO_CP, org_ref(leaders[1]), 2024, kGovernment)));
    CHECK(passed(again, "award.CO_CP.quota", "organization/" + leaders[1]) == Positions{});
  }
  SECTION("two flags in one decision exceed the quota") {
    IssueDecision c = w.decision("qd-co-cp", Award::kCO_CP, org_ref(leaders[0]), 2024, kGovernment);
    c.recipients.push_back({org_ref(leaders[1]), {}});
    const Refusal r = w.refused(c, "award.CO_CP.quota");
    CHECK_THAT(r.detail, Contains("2 Government flag(s) for the 5 leaders of clusters of \"Bộ "
                                  "Thông tin và Truyền thông\" in 2024; at most 1"));
  }
  SECTION("a member that led nothing") {
    const Refusal r = w.refused(
        w.decision("qd-co-cp", Award::kCO_CP, org_ref("so-tttt-phu-yen"), 2024, kGovernment),
        "award.CO_CP.leader");
    CHECK_THAT(r.detail, Contains("\"Sở Thông tin và Truyền thông tỉnh Phú Yên\" did not lead any "
                                  "cluster or bloc in 2024"));
  }
  SECTION("only the Government gives its flag") {
    const Refusal r =
        w.refused(w.decision("qd-co-cp", Award::kCO_CP, org_ref(leaders[0]), 2024, kMinistry),
                  "decision.competent_issuer");
    CHECK_THAT(r.detail, Contains("\"Bộ Thông tin và Truyền thông\" may not decide Cờ thi đua của "
                                  "Chính phủ"));
  }
}

TEST_CASE("award.CO_CP.outright: leaders of the central level's blocs, outside any quota",
          "[domain][unit]") {
  Ministry w;
  const std::vector<std::string> leaders = w.five_clusters();
  // The ministries' bloc organised by the Government's council (Law 06/2022 Art. 25(2)): the
  // ministry leads it, and so receives the flag outright, besides the one of its own clusters.
  w.cluster_year("khoi-bo", "Khối các bộ, ngành kinh tế tổng hợp", kGovernment, 2024,
                 {kMinistry, kProvince}, {kMinistry});
  const std::uint64_t vote = w.state.clusters.at("khoi-bo").years.at(2024).votes[0].position;
  IssueDecision c = w.decision("qd-co-cp", Award::kCO_CP, org_ref(leaders[0]), 2024, kGovernment);
  c.recipients.push_back({org_ref(kMinistry), {}});
  const DecisionIssued d = issued(w.ok(c));
  CHECK(passed(d, "award.CO_CP.outright", "organization/bo-tttt") == Positions{vote});
  CHECK(find_check(d, "award.CO_CP.quota", "organization/bo-tttt") == nullptr);
  CHECK(passed(d, "award.CO_CP.quota", "organization/" + leaders[0]) == Positions{});
  // The proposals' quota leaves it out too.
  w.ok(w.co_cp_proposal("tt-co-cp", {leaders[1], kMinistry}));
}

TEST_CASE("award.CO_CP.quota: proposals of an organiser stay within a fifth of its leaders",
          "[domain][unit]") {
  Ministry w;
  const std::vector<std::string> leaders = w.five_clusters();
  w.ok(w.co_cp_proposal("tt-co-cp-1", {leaders[0]}));
  // Proposing the same unit again does not add to the count.
  w.ok(w.co_cp_proposal("tt-co-cp-1b", {leaders[0]}));
  Refusal r = w.refused(w.co_cp_proposal("tt-co-cp-2", {leaders[1]}), "award.CO_CP.quota");
  CHECK_THAT(r.detail, Contains("2 units proposed for the Government flag among the 5 leaders of "
                                "clusters organised by \"Bộ Thông tin và Truyền thông\" in 2024; "
                                "at most 1 (at least 1/5)"));

  Ministry fresh;
  const std::vector<std::string> others = fresh.five_clusters();
  fresh.refused(fresh.co_cp_proposal("tt-co-cp", {others[0], others[1]}), "award.CO_CP.quota");
}

TEST_CASE("hold.active: no award is decided for a unit under inspection", "[domain][unit]") {
  Ministry w;
  w.members_year(2024, std::nullopt, {Rating::kGood, Rating::kGood, Rating::kGood, Rating::kGood},
                 4, 0);
  PlaceHold hold;
  hold.id = "thanh-tra-2025";
  hold.subject = org_ref(kUnit);
  hold.kind = HoldKind::kInspection;
  hold.reason = "Thanh tra việc quản lý, sử dụng ngân sách năm 2024";
  hold.date = date("2025-02-01");
  w.ok(hold);
  const Refusal r = w.refused(
      w.decision("qd-ttldtt-2024", Award::kTTLDTT, org_ref(kUnit), 2024, kProvince), "hold.active");
  CHECK_THAT(r.detail, Contains("\"Sở Thông tin và Truyền thông tỉnh Đắk Lắk\" is under a hold") &&
                           Contains("Thanh tra việc quản lý, sử dụng ngân sách năm 2024"));
}
