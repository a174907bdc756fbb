// The story of Cluster No. 6 of the Ministry of Information and Communications (seed 003): the
// 2019 covenant, signatures, scores and ranking, the members' votes, the flags for Đắk Lắk and
// Phú Yên and the Bằng khen for Gia Lai and Lâm Đồng, and the 2020 officers. Scores the article
// does not give are invented, consistent with the outcome it reports.
#include <catch2/catch.hpp>

#include "thidua/domain/ranking.hpp"
#include "world.hpp"

using namespace thidua::domain;
using namespace thidua::testing;

namespace {

const std::vector<std::string> kMembers = {"so-tttt-gia-lai", "so-tttt-phu-yen", "so-tttt-dak-lak",
                                           "so-tttt-lam-dong"};

// The nine criteria of the covenant, as the article lists them.
std::vector<CovenantCriterion> covenant_criteria() {
  const char* texts[] = {
      "Tăng cường hướng dẫn, kiểm tra và tổ chức thực hiện các văn bản quy phạm pháp luật; tham "
      "mưu triển khai kịp thời, hiệu quả các chủ trương của Đảng, chính sách, pháp luật của Nhà "
      "nước cho chính quyền địa phương",
      "Thực hiện nhiệm vụ là đầu mối triển khai Chính quyền điện tử tại địa phương",
      "Thường xuyên tham mưu chỉ đạo các cơ quan báo chí, truyền thông tại địa phương thông tin, "
      "tuyên truyền toàn diện, đầy đủ",
      "Tích cực hỗ trợ doanh nghiệp phát triển kinh tế ngành Thông tin và Truyền thông tại địa "
      "phương",
      "Tích cực tham mưu cho chính quyền địa phương trong việc phát triển và ứng dụng công nghệ "
      "thông tin",
      "Đẩy mạnh cải cách hành chính, ứng dụng công nghệ thông tin trong chỉ đạo điều hành",
      "Đẩy mạnh phong trào thi đua phát huy sáng kiến, sáng tạo đem lại hiệu quả cao trên các mặt "
      "công tác",
      "Giữ gìn đoàn kết nội bộ, gương mẫu chấp hành các chủ trương, chính sách của Đảng, pháp "
      "luật của Nhà nước",
      "Tổ chức phát động, triển khai các phong trào thi đua thường xuyên, theo đợt, theo chuyên "
      "đề thiết thực, hiệu quả; nhân rộng các điển hình tiên tiến; thực hiện chế độ thông tin, "
      "báo cáo đầy đủ, đúng thời hạn quy định"};
  std::vector<CovenantCriterion> out;
  for (int i = 0; i < 9; ++i) {
    out.push_back({"TC" + std::to_string(i + 1), texts[i], Decimal::units(i == 8 ? 20 : 10)});
  }
  return out;
}

struct Cluster6 : World {
  Cluster6() {
    org("bo-tttt", "Bộ Thông tin và Truyền thông", OrganizationKind::kMinistry);
    org("so-tttt-gia-lai", "Sở TTTT Gia Lai");
    org("so-tttt-phu-yen", "Sở TTTT Phú Yên");
    org("so-tttt-dak-lak", "Sở TTTT Đắk Lắk");
    org("so-tttt-lam-dong", "Sở TTTT Lâm Đồng");
    EstablishCouncil council;
    council.id = "hdtdkt-bo-tttt";
    council.organization = "bo-tttt";
    council.name = "Hội đồng Thi đua – Khen thưởng Bộ Thông tin và Truyền thông";
    for (int i = 0; i < 9; ++i)
      council.members.push_back({"Ủy viên " + std::to_string(i + 1), "Ủy viên"});
    council.quorum = {2, 3, false};
    council.thresholds = {{Award::kCO_TINH, {1, 2, true}}, {Award::kBK_TINH, {1, 2, true}}};
    ok(council);
    EstablishCluster cluster;
    cluster.id = "cum-6";
    cluster.name = "Cụm thi đua số 6";
    cluster.organiser = "bo-tttt";
    cluster.year = 2019;
    cluster.members = kMembers;
    ok(cluster);
  }

  void officers(int year, const std::string& head, const std::string& deputy) {
    ElectOfficers c;
    c.cluster = "cum-6";
    c.year = year;
    c.head = head;
    c.deputy = deputy;
    ok(c);
  }

  void sign_all(int year) {
    const char* representatives[] = {"Giám đốc Sở TTTT Gia Lai", "Giám đốc Sở TTTT Phú Yên",
                                     "Giám đốc Sở TTTT Đắk Lắk", "Giám đốc Sở TTTT Lâm Đồng"};
    for (std::size_t i = 0; i < kMembers.size(); ++i) {
      SignCovenant s;
      s.cluster = "cum-6";
      s.year = year;
      s.organization = kMembers[i];
      s.representative = representatives[i];
      s.capacity = "Giám đốc Sở";
      s.date = Date{year, 3, 6};
      ok(s);
    }
  }

  EnterScore final_score(const std::string& scored, int criterion, double value) {
    EnterScore s;
    s.cluster = "cum-6";
    s.year = 2019;
    s.kind = ScoreKind::kFinal;
    s.scorer = "bo-tttt";
    s.scored = scored;
    s.criterion = "TC" + std::to_string(criterion);
    s.points = points(value);
    s.evidence = "Biên bản chấm điểm chéo năm 2019, Cụm thi đua số 6";
    return s;
  }

  std::uint64_t vote(const std::string& nominee, Motion motion, std::optional<Award> award,
                     std::int64_t yes) {
    RecordClusterVote v;
    v.cluster = "cum-6";
    v.year = 2019;
    v.question = motion == Motion::kLeader ? "Đơn vị dẫn đầu Cụm thi đua số 6 năm 2019"
                                           : "Đề nghị Bộ trưởng Bộ TTTT xét tặng Bằng khen";
    v.motion = motion;
    v.award = award;
    v.nominee = nominee;
    v.eligible = 4;
    v.yes = yes;
    v.no = 4 - yes;
    v.ballot = BallotKind::kSecret;
    v.date = Date{2020, 3, 6};
    auto events = ok(v);
    REQUIRE(std::get<ClusterVoteRecorded>(events[0]).passed);
    return state.next_position - 1;
  }
};

}  // namespace

TEST_CASE("Cluster No. 6: from the 2019 covenant to the flags and the 2020 officers",
          "[domain][story]") {
  Cluster6 w;
  w.officers(2019, "so-tttt-dak-lak", "so-tttt-lam-dong");

  AdoptCovenant covenant;
  covenant.cluster = "cum-6";
  covenant.year = 2019;
  covenant.criteria = covenant_criteria();
  covenant.ranking_basis = RankingBasis::kFinal;
  w.ok(covenant);
  REQUIRE(w.state.clusters.at("cum-6").years.at(2019).covenant->value.criteria.size() == 9);

  // A member is scored only once it has signed.
  w.refused(w.final_score("so-tttt-dak-lak", 1, 10), "score.after_signing");
  w.sign_all(2019);

  // Invented final points: Đắk Lắk and Phú Yên lead, Gia Lai and Lâm Đồng follow.
  const std::map<std::string, std::vector<double>> sheet = {
      {"so-tttt-dak-lak", {10, 10, 10, 9.5, 10, 10, 9.5, 10, 19}},
      {"so-tttt-phu-yen", {10, 9.5, 10, 9.5, 10, 9.5, 10, 10, 19}},
      {"so-tttt-gia-lai", {9.5, 9.5, 10, 9, 9.5, 9.5, 9.5, 10, 18.5}},
      {"so-tttt-lam-dong", {9.5, 9, 9.5, 9, 9.5, 9.5, 9.5, 10, 18.5}},
  };
  for (const auto& [member, values] : sheet) {
    for (int k = 0; k < 9; ++k) w.ok(w.final_score(member, k + 1, values[k]));
  }
  // A score above the criterion's maximum is refused.
  Refusal above = w.refused(w.final_score("so-tttt-gia-lai", 1, 10.5), "score.within_max");
  CHECK(above.detail.find("10.5") != std::string::npos);

  auto ranking = rank_cluster_year(w.state.clusters.at("cum-6"), 2019);
  REQUIRE(ranking.size() == 4);
  CHECK(ranking[0].organization == "so-tttt-dak-lak");
  CHECK(ranking[0].total == points(98));
  CHECK(ranking[1].organization == "so-tttt-phu-yen");
  CHECK(ranking[1].total == points(97.5));
  CHECK(ranking[2].organization == "so-tttt-gia-lai");
  CHECK(ranking[3].organization == "so-tttt-lam-dong");

  CloseScoring close;
  close.cluster = "cum-6";
  close.year = 2019;
  close.date = Date{2020, 3, 6};
  w.ok(close);
  w.refused(w.final_score("so-tttt-lam-dong", 1, 10), "cluster.closed");

  // The members vote: two leaders, and two proposed for the Minister's Bằng khen.
  w.vote("so-tttt-dak-lak", Motion::kLeader, std::nullopt, 4);
  w.vote("so-tttt-phu-yen", Motion::kLeader, std::nullopt, 4);
  w.vote("so-tttt-gia-lai", Motion::kAward, Award::kBK_TINH, 4);
  w.vote("so-tttt-lam-dong", Motion::kAward, Award::kBK_TINH, 3);

  // The 2020 officers: Gia Lai head, Phú Yên deputy; Gia Lai cannot head 2021 as well.
  w.officers(2020, "so-tttt-gia-lai", "so-tttt-phu-yen");
  ElectOfficers again;
  again.cluster = "cum-6";
  again.year = 2021;
  again.head = "so-tttt-gia-lai";
  again.deputy = "so-tttt-lam-dong";
  Refusal rotation = w.refused(again, "officers.rotation");
  CHECK(rotation.detail.find("Sở TTTT Gia Lai") != std::string::npos);

  // The head of 2019 files the proposals; the Ministry's council votes.
  auto propose = [&](const std::string& id, Award award, std::vector<std::string> nominees) {
    SubmitProposal p;
    p.id = id;
    p.proposing_body = "so-tttt-dak-lak";
    p.award = award;
    p.year = 2019;
    for (const auto& n : nominees) p.nominees.push_back(org_ref(n));
    p.documents = {{"Biên bản họp Cụm thi đua số 6 ngày 06/3/2020", std::string(64, 'a')}};
    p.council = "hdtdkt-bo-tttt";
    p.cluster = "cum-6";
    p.date = Date{2020, 3, 10};
    w.ok(p);
    RecordCouncilVote v;
    v.council = "hdtdkt-bo-tttt";
    v.proposal = id;
    v.date = Date{2020, 4, 2};
    v.present = 8;
    for (const auto& n : nominees) v.tallies.push_back({org_ref(n), 8, 0, 0});
    w.ok(v);
  };
  propose("cum-6-2019-co", Award::kCO_TINH, {"so-tttt-dak-lak", "so-tttt-phu-yen"});
  propose("cum-6-2019-bk", Award::kBK_TINH, {"so-tttt-gia-lai", "so-tttt-lam-dong"});

  auto decision = [&](const std::string& id, Award award, std::vector<std::string> recipients,
                      const std::string& proposal) {
    IssueDecision d = w.decision(id, award, org_ref(recipients[0]), 2019, "bo-tttt");
    d.number = id == "qd-co-2019" ? "1001/QĐ-BTTTT" : "1002/QĐ-BTTTT";
    d.date = Date{2020, 4, 20};
    d.signer = "Nguyễn Mạnh Hùng";
    d.capacity = "Bộ trưởng";
    d.recipients.clear();
    for (const auto& r : recipients) d.recipients.push_back({org_ref(r), {}});
    d.proposal = proposal;
    return d;
  };
  // A flag for a unit that did not lead the cluster is refused.
  auto not_leader = check_eligibility(w.state, *w.rules.in_force(Date{2020, 4, 20}),
                                      {org_ref("so-tttt-gia-lai"),
                                       Award::kCO_TINH,
                                       Occasion::kAnnual,
                                       2019,
                                       {},
                                       "bo-tttt",
                                       std::nullopt,
                                       Date{2020, 4, 20},
                                       std::nullopt});
  bool refused_as_non_leader = false;
  for (const RuleCheck& c : not_leader) {
    refused_as_non_leader |= c.rule == "award.CO_TINH.leader" && !c.passed;
  }
  CHECK(refused_as_non_leader);
  Refusal flag =
      w.refused(decision("qd-co-gl", Award::kCO_TINH, {"so-tttt-gia-lai"}, "cum-6-2019-bk"),
                "award.CO_TINH.leader");
  CHECK(flag.detail.find("Sở TTTT Gia Lai") != std::string::npos);

  auto flags = w.ok(decision("qd-co-2019", Award::kCO_TINH, {"so-tttt-dak-lak", "so-tttt-phu-yen"},
                             "cum-6-2019-co"));
  const auto& issued = std::get<DecisionIssued>(flags[0]);
  CHECK(issued.ruleset == "vn-2013");
  bool leader_checked = false;
  for (const RuleCheck& c : issued.checks) {
    if (c.rule == "award.CO_TINH.leader" && c.subject == "organization/so-tttt-dak-lak") {
      leader_checked = c.passed && !c.facts.empty();
    }
  }
  CHECK(leader_checked);
  w.ok(decision("qd-bk-2019", Award::kBK_TINH, {"so-tttt-gia-lai", "so-tttt-lam-dong"},
                "cum-6-2019-bk"));
  CHECK(w.state.active_awards("organization/so-tttt-phu-yen").size() == 1);
  CHECK(w.state.active_awards("organization/so-tttt-lam-dong").size() == 1);

  // A decision for a person under a hold is refused.
  w.person("nguyen-van-binh", "Nguyễn Văn Bình", "so-tttt-gia-lai");
  w.rate(person_ref("nguyen-van-binh"), 2019, Rating::kExcellent);
  PlaceHold hold;
  hold.id = "hold-2020-01";
  hold.subject = person_ref("nguyen-van-binh");
  hold.kind = HoldKind::kInspection;
  hold.reason = "Đang trong thời gian thanh tra công vụ";
  hold.date = Date{2020, 2, 1};
  w.ok(hold);
  IssueDecision ldtt = w.decision("qd-ldtt-binh", Award::kLDTT, person_ref("nguyen-van-binh"), 2019,
                                  "so-tttt-gia-lai");
  Refusal held = w.refused(ldtt, "hold.active");
  CHECK(held.detail.find("Nguyễn Văn Bình") != std::string::npos);
}
