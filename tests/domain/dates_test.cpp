// Dates and numbers across decisions: holds in force on the decision's date, proposals and
// votes that must precede the decision, a council replaced by a new one, an initiative cited
// twice in one decision, and document numbers unique across decisions, corrections and
// revocations.
#include <catch2/catch.hpp>

#include "province.hpp"

using namespace thidua::domain;
using namespace thidua::testing;
using Catch::Matchers::Contains;

namespace {

PlaceHold hold_on(const std::string& who, const char* placed) {
  PlaceHold h;
  h.id = "thanh-tra-" + who;
  h.subject = person_ref(who);
  h.kind = HoldKind::kInspection;
  h.reason = "Đang thanh tra công vụ";
  h.date = date(placed);
  return h;
}

ReleaseHold release_of(const std::string& who, const char* released) {
  ReleaseHold r;
  r.id = "thanh-tra-" + who;
  r.reason = "Kết thúc thanh tra";
  r.date = date(released);
  return r;
}

}  // namespace

TEST_CASE("hold.active: a hold counts on the decision's date, even once released",
          "[domain][decision][hold]") {
  Province w;
  w.rate(person_ref("hoa"), 2025, Rating::kGood);
  w.ok(hold_on("hoa", "2026-01-10"));
  w.ok(release_of("hoa", "2026-06-01"));
  // Dated while the hold was in force: refused though the release is already recorded.
  IssueDecision during =
      w.decision("qd-ldtt-hoa", Award::kLDTT, person_ref("hoa"), 2025, kDepartment);
  during.date = date("2026-03-01");
  Refusal r = w.refused(during, "hold.active");
  CHECK_THAT(r.detail, Contains("\"Nguyễn Thị Hoa\""));
  // Dated after the release, or before the hold was placed: accepted.
  IssueDecision after = during;
  after.date = date("2026-06-01");
  w.ok(after);
  w.rate(person_ref("minh"), 2025, Rating::kGood);
  w.ok(hold_on("minh", "2026-05-01"));
  IssueDecision before =
      w.decision("qd-ldtt-minh", Award::kLDTT, person_ref("minh"), 2025, kDepartment);
  before.date = date("2026-04-30");
  w.ok(before);
}

TEST_CASE("initiative.one_award: one decision cannot cite an initiative twice",
          "[domain][decision][initiative]") {
  Province w;
  RecognizeInitiative shared;
  shared.id = "sk-chung";
  shared.title = "Số hóa hồ sơ thi đua";
  shared.owners = {"hoa", "minh"};
  shared.recognized_by = kDepartment;
  shared.scope = Scope::kGrassroots;
  shared.year = 2025;
  shared.date = date("2025-11-01");
  w.ok(shared);
  for (const char* who : {"hoa", "minh"}) w.rate(person_ref(who), 2025, Rating::kGood);
  IssueDecision both =
      w.decision("qd-cstdcs", Award::kCSTDCS, person_ref("hoa"), 2025, kDepartment);
  both.recipients = {{person_ref("hoa"), {"sk-chung"}}, {person_ref("minh"), {"sk-chung"}}};
  Refusal r = w.refused(both, "initiative.one_award");
  CHECK_THAT(r.detail, Contains("\"Số hóa hồ sơ thi đua\" is cited more than once"));
  both.recipients.pop_back();
  w.ok(both);
  CHECK(w.state.initiatives.at("sk-chung").used_by == "qd-cstdcs");
}

TEST_CASE("a decision rests only on a proposal and a vote dated no later than itself",
          "[domain][decision][council]") {
  Province w;
  w.council();
  w.bk_ready("hoa");
  SubmitProposal p = w.proposal("tt-bk", Award::kBK_TINH, {person_ref("hoa")});  // 2026-01-20
  w.ok(p);
  RecordCouncilVote early = w.vote("tt-bk", 8, {tally("hoa", 8, 0)});
  early.date = date("2026-01-19");
  Refusal r = w.refused(early, "council.vote_after_proposal");
  CHECK_THAT(r.detail, Contains("2026-01-19"));
  w.ok(w.vote("tt-bk", 8, {tally("hoa", 8, 0)}));  // 2026-02-10

  IssueDecision d = w.bk("qd-bk-hoa", "hoa", "tt-bk");
  d.date = date("2026-01-15");
  r = w.refused(d, "decision.proposal_matches");
  CHECK_THAT(r.detail, Contains("dated 2026-01-20, after the decision (2026-01-15)"));
  d.date = date("2026-02-01");
  w.refused(d, "council.threshold");  // the vote came later
  d.date = date("2026-02-10");
  w.ok(d);
}

TEST_CASE("council.threshold: a new council replaces the old one for the proposals sent to it",
          "[domain][decision][council]") {
  Province w;
  w.council();
  EstablishCouncil next;
  next.id = "hd-tdkt-gia-lai-2026";
  next.organization = kProvince;
  next.name = "Hội đồng Thi đua – Khen thưởng tỉnh Gia Lai nhiệm kỳ 2026–2031";
  next.members = {{"Rah Lan Chung", "Chủ tịch Hội đồng"},
                  {"Hồ Phước Thành", "Phó Chủ tịch Hội đồng"},
                  {"Đỗ Tiến Đông", "Ủy viên"}};
  next.quorum = {2, 3, false};
  next.thresholds = {{Award::kBK_TINH, {1, 2, true}}};
  w.ok(next);
  w.bk_ready("hoa");
  SubmitProposal p = w.proposal("tt-bk", Award::kBK_TINH, {person_ref("hoa")});
  p.council = next.id;
  w.ok(p);
  RecordCouncilVote v = w.vote("tt-bk", 3, {tally("hoa", 2, 1)});
  v.council = next.id;
  w.ok(v);
  w.ok(w.bk("qd-bk-hoa", "hoa", "tt-bk"));  // the old council does not stand in the way
}

TEST_CASE("decision.unique_number: corrections and revocations use numbers of their own",
          "[domain][decision]") {
  Province w;
  w.ok(w.decision("qd-gk-1", Award::kGK, person_ref("hoa"), 2024, kDepartment));  // qd-gk-1/QĐ
  w.ok(w.decision("qd-gk-2", Award::kGK, person_ref("minh"), 2024, kDepartment));
  Refusal r = w.refused(w.revocation("qd-gk-2", "qd-gk-1/QĐ"), "decision.unique_number");
  CHECK_THAT(r.detail, Contains("already used number \"qd-gk-1/QĐ\""));
  CorrectDecision c;
  c.decision = "qd-gk-2";
  c.number = "qd-gk-1/QĐ";
  c.date = date("2025-04-01");
  c.reason = "Sai chức vụ người ký";
  c.capacity = "Phó Giám đốc";
  w.refused(c, "decision.unique_number");
  c.number = "05/QĐ-STTTT";
  w.ok(c);
  w.refused(w.revocation("qd-gk-1", "05/QĐ-STTTT"), "decision.unique_number");
  w.ok(w.revocation("qd-gk-1", "06/QĐ-STTTT"));
  // A revoked decision is not corrected.
  CorrectDecision late = c;
  late.decision = "qd-gk-1";
  late.number = "07/QĐ-STTTT";
  Refusal revoked = w.refused(late, "correction.not_revoked");
  CHECK_THAT(revoked.detail, Contains("06/QĐ-STTTT"));
}

TEST_CASE("person.transfer_changes and person.transfer_in_order: a person's postings over time",
          "[domain][registry]") {
  Province w;
  w.org("so-khcn-gia-lai", "Sở Khoa học và Công nghệ tỉnh Gia Lai", OrganizationKind::kDepartment,
        kProvince);
  TransferPerson t;
  t.person = "hoa";
  t.organization = kDepartment;
  t.effective = date("2024-07-01");
  Refusal r = w.refused(t, "person.transfer_changes");
  CHECK_THAT(r.detail, Contains("\"Nguyễn Thị Hoa\" already works for"));
  t.organization = "so-khcn-gia-lai";
  auto events = w.ok(t);
  CHECK(subject_of(events[0]) == "person/hoa");
  const PersonState& hoa = w.state.people.at("hoa");
  CHECK(hoa.organization() == "so-khcn-gia-lai");
  CHECK(hoa.organization_on(date("2024-06-30")) == kDepartment);
  CHECK(hoa.organization_on(date("2024-07-01")) == "so-khcn-gia-lai");
  TransferPerson back = t;
  back.organization = kDepartment;
  back.effective = date("2024-01-01");
  w.refused(back, "person.transfer_in_order");
  back.effective = date("2025-01-01");
  w.ok(back);
  t.person = "nobody";
  w.refused(t, "person.exists");
}

TEST_CASE("award.TTLDTT.members_ldtt: members are the staff at the end of the year",
          "[domain][award]") {
  Province w;
  for (const char* who : {"hoa", "minh", "lan"}) {
    w.rate(person_ref(who), 2024, Rating::kGood);
    w.award(std::string("qd-ldtt-") + who, Award::kLDTT, person_ref(who), 2024, kDepartment);
  }
  // Two people hired in 2026 do not count for 2024.
  for (const char* who : {"tuan", "mai"}) {
    RegisterPerson p;
    p.id = who;
    p.name = who == std::string("tuan") ? "Lê Anh Tuấn" : "Phạm Thị Mai";
    p.organization = kDepartment;
    p.since = date("2026-01-05");
    w.ok(p);
  }
  CHECK(w.state.members_in(kDepartment, 2024).size() == 3);
  CHECK(w.state.members_in(kDepartment, 2026).size() == 5);
  w.rate(org_ref(kDepartment), 2024, Rating::kGood);
  IssueDecision unit =
      w.decision("qd-ttldtt", Award::kTTLDTT, org_ref(kDepartment), 2024, kDepartment);
  const auto events = w.ok(unit);
  bool counted = false;
  for (const RuleCheck& c : std::get<DecisionIssued>(events[0]).checks) {
    if (c.rule == "award.TTLDTT.members_ldtt") {
      counted = c.passed && c.detail.find("3 of 3 members") != std::string::npos;
    }
  }
  CHECK(counted);
}
