// Decisions, proposals and council votes: the rules of a decision as a whole (recorded in its
// checks with an empty subject), of proposals and of council ballots, holds, and corrections
// and revocations, which are new events that leave the decision as issued.
#include <catch2/catch.hpp>

#include <algorithm>
#include <set>

#include "province.hpp"

using namespace thidua::domain;
using namespace thidua::testing;
using Catch::Matchers::Contains;

TEST_CASE(
    "decision.never_edited: an issued decision is never issued again, the whole "
    "decision's rules are recorded",
    "[domain][decision]") {
  Province w;
  w.rate(person_ref("hoa"), 2024, Rating::kGood);
  IssueDecision c = w.decision("qd-15", Award::kLDTT, person_ref("hoa"), 2024, kDepartment);
  c.number = "15/QĐ-STTTT";
  const DecisionIssued d = issued(w.ok(c));
  CHECK(d.ruleset == "vn-2022");
  CHECK(passed(d, "decision.never_edited", "") == Positions{});
  CHECK(passed(d, "decision.unique_number", "") == Positions{});
  CHECK(passed(d, "decision.date_not_future", "") == Positions{});
  CHECK(passed(d, "organization.exists", "") ==
        Positions{w.state.organizations.at(kDepartment).position});
  CHECK(passed(d, "decision.recipients", "") == Positions{});
  CHECK(passed(d, "ruleset.in_force", "") == Positions{});
  CHECK(passed(d, "decision.reward_multiple", "") == Positions{});

  c.number = "16/QĐ-STTTT";
  c.signer = "Trần Quốc Khánh";
  const Refusal r = w.refused(c, "decision.never_edited");
  CHECK_THAT(r.detail, Contains("\"qd-15\" is already issued"));
  CHECK(w.state.decisions.at("qd-15").issued.number == "15/QĐ-STTTT");
}

TEST_CASE("decision.unique_number: an issuer uses a number once", "[domain][decision]") {
  Province w;
  w.rate(person_ref("hoa"), 2024, Rating::kGood);
  w.rate(person_ref("minh"), 2024, Rating::kGood);
  IssueDecision c = w.decision("qd-15", Award::kLDTT, person_ref("hoa"), 2024, kDepartment);
  c.number = "15/QĐ-STTTT";
  w.ok(c);
  IssueDecision other = w.decision("qd-16", Award::kLDTT, person_ref("minh"), 2024, kDepartment);
  other.number = "15/QĐ-STTTT";
  const Refusal r = w.refused(other, "decision.unique_number");
  CHECK_THAT(r.detail, Contains("\"Sở Thông tin và Truyền thông tỉnh Gia Lai\" already issued "
                                "number \"15/QĐ-STTTT\" (decision \"qd-15\")"));
  // The same number from another issuer is another decision.
  other.issuer = kProvince;
  const DecisionIssued d = issued(w.ok(other));
  CHECK(passed(d, "decision.unique_number", "") == Positions{});
}

TEST_CASE("decision.date_not_future: a decision is dated today at the latest",
          "[domain][decision]") {
  Province w;
  w.rate(person_ref("hoa"), 2025, Rating::kGood);
  IssueDecision c = w.decision("qd-ldtt", Award::kLDTT, person_ref("hoa"), 2025, kDepartment);
  c.date = date("2026-11-29");
  const Refusal r = w.refused(c, "decision.date_not_future");
  CHECK_THAT(r.detail, Contains("dated 2026-11-29, after today (2026-11-28)"));
  c.date = date("2026-11-28");
  const DecisionIssued d = issued(w.ok(c));
  CHECK(passed(d, "decision.date_not_future", "") == Positions{});
}

TEST_CASE("decision.recipients: one or more distinct recipients, each checked",
          "[domain][decision]") {
  Province w;
  w.rate(person_ref("hoa"), 2024, Rating::kGood);
  w.rate(person_ref("minh"), 2024, Rating::kExcellent);
  IssueDecision c = w.decision("qd-ldtt", Award::kLDTT, person_ref("hoa"), 2024, kDepartment);
  c.recipients.push_back({person_ref("hoa"), {}});
  w.refused(c, "decision.recipients");
  c.recipients.clear();
  w.refused(c, "decision.recipients");

  c.recipients = {{person_ref("hoa"), {}}, {person_ref("minh"), {}}};
  const DecisionIssued d = issued(w.ok(c));
  CHECK(passed(d, "decision.recipients", "") == Positions{});
  CHECK(passed(d, "award.LDTT.rating", "person/hoa") ==
        Positions{w.state.people.at("hoa").ratings.at(2024).position});
  CHECK(passed(d, "award.LDTT.rating", "person/minh") ==
        Positions{w.state.people.at("minh").ratings.at(2024).position});
  CHECK(w.state.active_awards("person/minh").size() == 1);

  // One recipient failing refuses the whole decision, naming them.
  c.id = "qd-ldtt-2";
  c.number = "qd-ldtt-2/QĐ";
  c.recipients = {{person_ref("lan"), {}}};
  const Refusal r = w.refused(c, "award.LDTT.rating");
  CHECK_THAT(r.detail, Contains("\"Võ Thị Lan\""));
}

TEST_CASE("decision.reward_multiple: the rule set's multiple, filled in when absent",
          "[domain][decision]") {
  Province w;
  w.rate(person_ref("hoa"), 2024, Rating::kGood);
  w.rate(person_ref("minh"), 2022, Rating::kGood);
  IssueDecision c = w.decision("qd-ldtt", Award::kLDTT, person_ref("hoa"), 2024, kDepartment);
  c.reward_multiple = Decimal{50};
  const Refusal r = w.refused(c, "decision.reward_multiple");
  CHECK_THAT(r.detail,
             Contains("LDTT is rewarded 0.3 times the base salary under vn-2022, not 0.5"));
  c.reward_multiple = Decimal{30};
  DecisionIssued d = issued(w.ok(c));
  CHECK(*d.reward_multiple == Decimal{30});
  CHECK(passed(d, "decision.reward_multiple", "") == Positions{});

  // Filled in from the set of the decision's date.
  d = issued(w.ok(w.decision("qd-ldtt-2022", Award::kLDTT, person_ref("minh"), 2022, kDepartment)));
  CHECK(d.ruleset == "vn-2013");
  CHECK(*d.reward_multiple == Decimal{30});

  // The sets name no multiple for a Giấy khen: the decision's own stands, and no rule applies.
  c = w.decision("qd-gk", Award::kGK, person_ref("hoa"), 2024, kDepartment);
  c.reward_multiple = Decimal{15};
  d = issued(w.ok(c));
  CHECK(*d.reward_multiple == Decimal{15});
  CHECK(std::none_of(d.checks.begin(), d.checks.end(),
                     [](const RuleCheck& k) { return k.rule == "decision.reward_multiple"; }));
}

TEST_CASE("ruleset.in_force: decisions and proposals need a rule set covering their date",
          "[domain][decision]") {
  Province w;
  w.rules.sets.erase(w.rules.sets.begin());  // only vn-2022 is left
  w.rate(person_ref("hoa"), 2022, Rating::kGood);
  Refusal r =
      w.refused(w.decision("qd-ldtt-2022", Award::kLDTT, person_ref("hoa"), 2022, kDepartment),
                "ruleset.in_force");
  CHECK_THAT(r.detail, Contains("no rule set covers 2023-03-01"));
  SubmitProposal p = w.proposal("tt-2022", Award::kGK, {person_ref("hoa")}, 2022);
  p.council.reset();
  r = w.refused(p, "ruleset.in_force");
  CHECK_THAT(r.detail, Contains("2023-01-20"));

  w.rate(person_ref("hoa"), 2024, Rating::kGood);
  const DecisionIssued d =
      issued(w.ok(w.decision("qd-ldtt-2024", Award::kLDTT, person_ref("hoa"), 2024, kDepartment)));
  CHECK(passed(d, "ruleset.in_force", "") == Positions{});
  CHECK(d.ruleset == "vn-2022");
}

TEST_CASE("organization.exists: issuers, proposing bodies and revoking bodies are registered",
          "[domain][decision]") {
  Province w;
  w.refused(w.decision("qd-gk", Award::kGK, person_ref("hoa"), 2024, "so-khong-co"),
            "organization.exists");
  SubmitProposal p = w.proposal("tt-gk", Award::kGK, {person_ref("hoa")});
  p.proposing_body = "so-khong-co";
  p.council.reset();
  w.refused(p, "organization.exists");

  w.ok(w.decision("qd-gk", Award::kGK, person_ref("hoa"), 2024, kDepartment));
  RevokeDecision revoke = w.revocation("qd-gk", "20/QĐ-STTTT");
  revoke.issuer = "so-khong-co";
  const Refusal r = w.refused(revoke, "organization.exists");
  CHECK_THAT(r.detail, Contains("\"so-khong-co\""));
}

TEST_CASE(
    "council.threshold: a decision needs its council's vote of a share of the whole "
    "membership",
    "[domain][decision]") {
  Province w;
  const std::uint64_t council = w.council();
  w.bk_ready("hoa");
  Refusal r =
      w.refused(w.decision("qd-bk-hoa", Award::kBK_TINH, person_ref("hoa"), 2025, kProvince),
                "council.threshold");
  CHECK_THAT(r.detail,
             Contains("needs a proposal passed by its council " + std::string(kCouncilName)));

  const std::uint64_t proposed = w.next();
  w.ok(w.proposal("tt-bk", Award::kBK_TINH, {person_ref("hoa")}));
  // Four of the six present is a majority of those present, not of the nine members.
  auto events = w.ok(w.vote("tt-bk", 6, {tally("hoa", 4, 2)}));
  const auto& failing = std::get<CouncilVoteRecorded>(events.at(0));
  CHECK(failing.members_total == 9);
  CHECK_FALSE(failing.tallies.at(0).passed);
  r = w.refused(w.bk("qd-bk-hoa", "hoa", "tt-bk"), "council.threshold");
  CHECK_THAT(r.detail, Contains(std::string(kCouncilName) +
                                " has not passed BK_TINH for \"Nguyễn Thị Hoa\" by 2026-03-01 "
                                "(needs more than 1/2 of its 9 members)"));

  const std::uint64_t voted = w.next();
  events = w.ok(w.vote("tt-bk", 7, {tally("hoa", 5, 1, 1)}));
  CHECK(std::get<CouncilVoteRecorded>(events.at(0)).tallies.at(0).passed);
  const DecisionIssued d = issued(w.ok(w.bk("qd-bk-hoa", "hoa", "tt-bk")));
  CHECK(passed(d, "council.threshold", "person/hoa") == Positions{council, voted});
  CHECK(passed(d, "proposal.exists", "") == Positions{proposed});
  CHECK(passed(d, "decision.proposal_matches", "") == Positions{proposed});
}

TEST_CASE(
    "decision.proposal_matches and proposal.exists: a cited proposal proposes this award, "
    "year and recipient",
    "[domain][decision]") {
  Province w;
  w.bk_ready("hoa");
  w.bk_ready("minh");
  SubmitProposal p = w.proposal("tt-bk", Award::kBK_TINH, {person_ref("hoa")});
  p.council.reset();  // the province has no council here
  w.ok(p);

  Refusal r = w.refused(w.bk("qd-bk-minh", "minh", "tt-bk"), "decision.proposal_matches");
  CHECK_THAT(
      r.detail,
      Contains("proposal \"tt-bk\" does not propose annual BK_TINH for 2025 to \"Trần Văn Minh\""));
  // Another year (thematic, so that no ladder for that year stands in the way), or another
  // occasion, is not what was proposed.
  IssueDecision c = w.bk("qd-bk-hoa", "hoa", "tt-bk");
  c.year = 2024;
  c.occasion = Occasion::kThematic;
  w.refused(c, "decision.proposal_matches");
  c.year = 2025;
  w.refused(c, "decision.proposal_matches");
  c = w.decision("qd-gk-hoa", Award::kGK, person_ref("hoa"), 2025, kProvince);
  c.proposal = "tt-bk";
  w.refused(c, "decision.proposal_matches");
  r = w.refused(w.bk("qd-bk-hoa", "hoa", "tt-khong-co"), "proposal.exists");
  CHECK_THAT(r.detail, Contains("\"tt-khong-co\""));

  // Without a council for the award, the matching proposal is enough.
  const DecisionIssued d = issued(w.ok(w.bk("qd-bk-hoa", "hoa", "tt-bk")));
  CHECK(passed(d, "decision.proposal_matches", "") ==
        Positions{w.state.proposals.at("tt-bk").position});
}

TEST_CASE("proposal.*: a proposal names distinct registered nominees the award can go to",
          "[domain][decision]") {
  Province w;
  w.council();
  const SubmitProposal p = w.proposal("tt-bk", Award::kBK_TINH, {person_ref("hoa")});
  const auto events = w.ok(p);
  REQUIRE(events.size() == 1);
  const auto& e = std::get<ProposalSubmitted>(events[0]);
  CHECK(e.id == "tt-bk");
  CHECK(e.nominees == p.nominees);
  CHECK(e.documents.size() == 2);

  w.refused(p, "proposal.unique");
  w.refused(w.proposal("tt-2", Award::kBK_TINH, {}), "proposal.nominees");
  w.refused(w.proposal("tt-2", Award::kBK_TINH, {person_ref("hoa"), person_ref("hoa")}),
            "proposal.nominees");
  Refusal r =
      w.refused(w.proposal("tt-2", Award::kBK_TINH, {person_ref("khong-co")}), "subject.exists");
  CHECK_THAT(r.detail, Contains("person/khong-co"));
  r = w.refused(w.proposal("tt-2", Award::kCSTD_TINH, {org_ref(kDepartment)}),
                "award.subject_kind");
  CHECK_THAT(r.detail, Contains("Chiến sĩ thi đua cấp bộ, ngành, tỉnh cannot be given to"));
  SubmitProposal other = w.proposal("tt-2", Award::kBK_TINH, {person_ref("minh")});
  other.council = "hd-khong-co";
  w.refused(other, "council.exists");
  other.council = kCouncil;
  other.cluster = "cum-khong-co";
  w.refused(other, "cluster.exists");
}

TEST_CASE(
    "council.quorum, council.tallies, council.threshold_configured: a council ballot is "
    "counted against the whole membership",
    "[domain][decision]") {
  Province w;
  w.council();
  w.ok(w.proposal("tt-bk", Award::kBK_TINH, {person_ref("hoa"), person_ref("minh")}));

  Refusal r = w.refused(w.vote("tt-bk", 5, {tally("hoa", 5, 0)}), "council.quorum");
  CHECK_THAT(r.detail, Contains("5 of 9 members voted; the quorum is at least 2/3"));

  r = w.refused(w.vote("tt-bk", 10, {tally("hoa", 10, 0)}), "council.tallies");
  CHECK_THAT(r.detail, Contains("10 present is not between 0 and the 9 members"));
  w.refused(w.vote("tt-bk", -1, {}), "council.tallies");
  r = w.refused(w.vote("tt-bk", 7, {tally("hoa", 5, 2, 1)}), "council.tallies");
  CHECK_THAT(r.detail, Contains("the tallies for \"Nguyễn Thị Hoa\""));
  // A negative count cannot make room for more "yes" than there are people present.
  w.refused(w.vote("tt-bk", 6, {tally("hoa", 8, -2)}), "council.tallies");

  const auto events = w.ok(w.vote("tt-bk", 6, {tally("hoa", 6, 0), tally("minh", 2, 4)}));
  const auto& e = std::get<CouncilVoteRecorded>(events.at(0));
  CHECK(e.members_total == 9);
  CHECK(e.present == 6);
  REQUIRE(e.tallies.size() == 2);
  CHECK(e.tallies[0].passed);
  CHECK_FALSE(e.tallies[1].passed);

  w.ok(w.proposal("tt-gk", Award::kGK, {person_ref("lan")}));
  r = w.refused(w.vote("tt-gk", 7, {tally("lan", 7, 0)}), "council.threshold_configured");
  CHECK_THAT(r.detail, Contains(std::string(kCouncilName) + " has no vote threshold for GK"));
}

TEST_CASE("council.threshold: ninety percent of the council for CSTD_TINH", "[domain][decision]") {
  Province w;
  w.council();
  w.ok(w.proposal("tt-cstd", Award::kCSTD_TINH, {person_ref("hoa"), person_ref("minh")}));
  const auto events = w.ok(w.vote("tt-cstd", 9, {tally("hoa", 9, 0), tally("minh", 8, 1)}));
  const auto& e = std::get<CouncilVoteRecorded>(events.at(0));
  CHECK(e.tallies.at(0).passed);
  CHECK_FALSE(e.tallies.at(1).passed);
}

TEST_CASE(
    "council.exists, proposal.exists, council.vote_council, council.vote_nominees: a "
    "council votes on its own proposals' nominees, each once",
    "[domain][decision]") {
  Province w;
  w.council();
  EstablishCouncil department;
  department.id = "hd-tdkt-so";
  department.organization = kDepartment;
  department.name = "Hội đồng Thi đua – Khen thưởng Sở Thông tin và Truyền thông";
  department.members = {
      {"Lê Văn Hải", "Chủ tịch Hội đồng"}, {"Nguyễn Thị Mai", "Ủy viên"}, {"Siu Hương", "Ủy viên"}};
  department.quorum = {1, 2, true};
  department.thresholds = {{Award::kBK_TINH, {1, 2, true}}};
  w.ok(department);
  w.ok(w.proposal("tt-bk", Award::kBK_TINH, {person_ref("hoa")}));

  RecordCouncilVote v = w.vote("tt-bk", 3, {tally("hoa", 3, 0)});
  v.council = "hd-khong-co";
  w.refused(v, "council.exists");
  v.council = "hd-tdkt-so";
  Refusal r = w.refused(v, "council.vote_council");
  CHECK_THAT(r.detail, Contains("\"hd-tdkt-gia-lai\""));
  w.refused(w.vote("tt-khong-co", 7, {tally("hoa", 7, 0)}), "proposal.exists");

  r = w.refused(w.vote("tt-bk", 7, {tally("minh", 7, 0)}), "council.vote_nominees");
  CHECK_THAT(r.detail, Contains("\"Trần Văn Minh\" is not a nominee of proposal \"tt-bk\""));
  w.refused(w.vote("tt-bk", 7, {tally("hoa", 4, 0), tally("hoa", 3, 0)}), "council.vote_nominees");
  w.ok(w.vote("tt-bk", 7, {tally("hoa", 7, 0)}));
}

TEST_CASE("hold.active: a hold blocks a proposal and a passing council vote, not a failing one",
          "[domain][decision]") {
  Province w;
  w.council();
  w.bk_ready("hoa");
  w.ok(w.proposal("tt-bk", Award::kBK_TINH, {person_ref("hoa")}));
  PlaceHold hold;
  hold.id = "khieu-nai-hoa";
  hold.subject = person_ref("hoa");
  hold.kind = HoldKind::kComplaint;
  hold.reason = "Khiếu nại về kết quả bình xét chưa được giải quyết";
  hold.date = date("2026-02-01");
  w.ok(hold);

  Refusal r = w.refused(w.vote("tt-bk", 7, {tally("hoa", 6, 1)}), "hold.active");
  CHECK_THAT(r.detail, Contains("\"Nguyễn Thị Hoa\" is under a complaint hold since 2026-02-01 "
                                "(Khiếu nại về kết quả bình xét chưa được giải quyết); no proposal "
                                "for an award passes while it lasts"));
  const auto events = w.ok(w.vote("tt-bk", 7, {tally("hoa", 3, 4)}));
  CHECK_FALSE(std::get<CouncilVoteRecorded>(events.at(0)).tallies.at(0).passed);
  SubmitProposal during = w.proposal("tt-bk-2", Award::kBK_TINH, {person_ref("hoa")});
  during.date = date("2026-02-03");
  r = w.refused(during, "hold.active");
  CHECK_THAT(r.detail, Contains("\"Nguyễn Thị Hoa\" is under a complaint hold"));

  ReleaseHold release;
  release.id = "khieu-nai-hoa";
  release.reason = "Đã giải quyết khiếu nại";
  release.date = date("2026-02-05");
  w.ok(release);
  w.ok(w.vote("tt-bk", 7, {tally("hoa", 6, 1)}));
  w.ok(w.bk("qd-bk-hoa", "hoa", "tt-bk"));
}

TEST_CASE("correction.*: a correction is a new event about the signer, capacity or legal basis",
          "[domain][decision]") {
  Province w;
  w.ok(w.decision("qd-gk", Award::kGK, person_ref("hoa"), 2024, kDepartment));
  CorrectDecision c;
  c.decision = "qd-gk";
  c.number = "21/QĐ-STTTT";
  c.date = date("2025-03-10");
  c.reason = "Đính chính chức vụ người ký";
  c.capacity = "KT. Giám đốc – Phó Giám đốc";

  CorrectDecision unknown = c;
  unknown.decision = "qd-khong-co";
  Refusal r = w.refused(unknown, "decision.exists");
  CHECK_THAT(r.detail, Contains("\"qd-khong-co\""));
  CorrectDecision bare = c;
  bare.reason.clear();
  w.refused(bare, "correction.reason");
  bare = c;
  bare.capacity.reset();
  w.refused(bare, "correction.changes_something");
  bare = c;
  bare.date = date("2025-02-28");
  w.refused(bare, "correction.after_decision");

  const auto events = w.ok(c);
  CHECK(std::get<DecisionCorrected>(events.at(0)).capacity == "KT. Giám đốc – Phó Giám đốc");
  const DecisionState& d = w.state.decisions.at("qd-gk");
  CHECK(d.issued.capacity == "Giám đốc");  // the decision as issued stays
  REQUIRE(d.corrections.size() == 1);
  CHECK(d.corrections[0].value.number == "21/QĐ-STTTT");
}

TEST_CASE("revocation.*: a revocation is a new event, once, with its ground and reason",
          "[domain][decision]") {
  Province w;
  w.ok(w.decision("qd-gk", Award::kGK, person_ref("hoa"), 2024, kDepartment));
  RevokeDecision c = w.revocation("qd-gk", "30/QĐ-STTTT");

  RevokeDecision bad = c;
  bad.decision = "qd-khong-co";
  w.refused(bad, "decision.exists");
  bad = c;
  bad.date = date("2025-02-28");
  w.refused(bad, "revocation.after_decision");
  bad = c;
  bad.ground = static_cast<RevocationGround>(7);
  Refusal r = w.refused(bad, "revocation.ground");
  CHECK_THAT(r.detail, Contains("ground a, b, c or d"));
  bad = c;
  bad.reason.clear();
  w.refused(bad, "revocation.reason");

  const auto events = w.ok(c);
  CHECK(std::get<DecisionRevoked>(events.at(0)).ground == RevocationGround::kD);
  const DecisionState& d = w.state.decisions.at("qd-gk");
  REQUIRE(d.revocation.has_value());
  CHECK(d.issued.award == Award::kGK);  // the decision as issued stays
  CHECK(w.state.active_awards("person/hoa").empty());

  r = w.refused(w.revocation("qd-gk", "31/QĐ-STTTT"), "revocation.once");
  CHECK_THAT(r.detail, Contains("already revoked by \"30/QĐ-STTTT\""));
}

TEST_CASE(
    "revocation: a revoked award no longer counts toward a ladder and frees its "
    "initiative",
    "[domain][decision]") {
  Province w;
  w.context.today = date("2027-12-31");
  for (int y = 2024; y <= 2026; ++y) w.rate(person_ref("hoa"), y, Rating::kExcellent);
  w.initiative("sk-hoa-2024", "hoa", Scope::kGrassroots, 2024);
  w.award("qd-2024", Award::kCSTDCS, person_ref("hoa"), 2024, kDepartment, {"sk-hoa-2024"});
  w.award("qd-2025", Award::kCSTDCS, person_ref("hoa"), 2025, kDepartment);
  const std::uint64_t kept = w.next();
  w.award("qd-2026", Award::kCSTDCS, person_ref("hoa"), 2026, kDepartment);
  w.initiative("sk-hoa-tinh", "hoa", Scope::kMinistryProvince, 2026);

  w.ok(w.revocation("qd-2025", "40/QĐ-STTTT"));
  const Refusal r =
      w.refused(w.decision("qd-cstd-tinh", Award::kCSTD_TINH, person_ref("hoa"), 2026, kProvince),
                "award.CSTD_TINH.consecutive");
  CHECK_THAT(r.detail, Contains("\"Nguyễn Thị Hoa\" holds CSTDCS 1 year(s) in a row"));

  // Revoking 2024 frees its initiative and its year: a new decision may rely on both.
  RevokeDecision revoke = w.revocation("qd-2024", "41/QĐ-STTTT");
  revoke.ground = RevocationGround::kC;
  w.ok(revoke);
  CHECK_FALSE(w.state.initiatives.at("sk-hoa-2024").used_by.has_value());
  const std::uint64_t reissued_2024 = w.next();
  const DecisionIssued d = issued(w.award("qd-2024-lai", Award::kCSTDCS, person_ref("hoa"), 2024,
                                          kDepartment, {"sk-hoa-2024"}));
  CHECK(passed(d, "initiative.one_award", "person/hoa") ==
        Positions{w.state.initiatives.at("sk-hoa-2024").position});
  CHECK(passed(d, "award.once_per_year", "person/hoa") == Positions{});
  CHECK(w.state.initiatives.at("sk-hoa-2024").used_by == "qd-2024-lai");
  const std::uint64_t reissued_2025 = w.next();
  w.award("qd-2025-lai", Award::kCSTDCS, person_ref("hoa"), 2025, kDepartment);

  const DecisionIssued tinh = issued(w.award("qd-cstd-tinh", Award::kCSTD_TINH, person_ref("hoa"),
                                             2026, kProvince, {"sk-hoa-tinh"}));
  CHECK(passed(tinh, "award.CSTD_TINH.consecutive", "person/hoa") ==
        Positions{reissued_2024, reissued_2025, kept});
}
