#include "examples.hpp"

#include <stdexcept>

namespace thidua::testing {
namespace {

using namespace thidua::domain;

Date day(int y, int m, int d) { return Date{y, m, d}; }
Decimal hundredths(std::int64_t h) { return Decimal{h}; }
SubjectRef org(const char* id) { return SubjectRef{SubjectKind::kOrganization, id}; }
SubjectRef person(const char* id) { return SubjectRef{SubjectKind::kPerson, id}; }

constexpr const char* kSha = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";

OrganizationRegistered organization_registered() {
  return {"so-tttt-gia-lai", "Sở Thông tin và Truyền thông tỉnh Gia Lai",
          OrganizationKind::kDepartment, "ubnd-gia-lai", day(2008, 4, 1)};
}

OrganizationRenamed organization_renamed() {
  return {"so-tttt-gia-lai", "Sở Khoa học và Công nghệ tỉnh Gia Lai", day(2025, 3, 1),
          "Quyết định số 412/QĐ-UBND ngày 28/02/2025 của UBND tỉnh Gia Lai"};
}

OrganizationsMerged organizations_merged() {
  return {{"so-tttt-gia-lai", "so-khcn-gia-lai"}, "so-khcn-gia-lai", day(2025, 3, 1), {}};
}

OrganizationSplit organization_split() {
  return {"so-gtvt-xd-dak-lak",
          {"so-gtvt-dak-lak", "so-xd-dak-lak"},
          day(2008, 4, 1),
          "Nghị định số 13/2008/NĐ-CP"};
}

PersonRegistered person_registered() {
  return {"nguyen-van-an", "Nguyễn Văn An", "so-tttt-gia-lai", "Phó Giám đốc Sở", day(2015, 8, 1)};
}

CouncilEstablished council_established() {
  return {"hdtdkt-btttt",
          "btttt",
          "Hội đồng Thi đua – Khen thưởng Bộ Thông tin và Truyền thông",
          {{"Nguyễn Mạnh Hùng", "Chủ tịch Hội đồng"},
           {"Phạm Đức Long", "Phó Chủ tịch Hội đồng"},
           {"Trần Thị Hoa", "Ủy viên"}},
          {2, 3, false},
          {{Award::kCSTD_TINH, {9, 10, false}}, {Award::kCO_TINH, {1, 2, true}}}};
}

InitiativeRecognized initiative_recognized() {
  return {"sk-2019-017",
          "Ứng dụng chữ ký số trong quản lý văn bản điện tử",
          {"nguyen-van-an", "le-thi-binh"},
          "so-tttt-gia-lai",
          Scope::kGrassroots,
          2019,
          day(2019, 11, 20)};
}

MovementLaunched movement_launched() {
  return {"chuyen-doi-so-100-ngay",
          "Cao điểm 100 ngày đêm chuyển đổi số",
          MovementForm::kCampaign,
          "so-tttt-gia-lai",
          day(2023, 4, 1),
          day(2023, 7, 10),
          "Chuyển đổi số – Vì người dân",
          {{1, "50% hộ gia đình sử dụng thanh toán số", "hộ gia đình dùng thanh toán số",
            hundredths(5000), "%", day(2023, 7, 10)},
           {2, "Lắp đặt 200 ATM ảo", "ATM ảo", hundredths(20000), "ATM", {}},
           {3, "Giảm 12,5% hồ sơ giấy", "hồ sơ giấy", hundredths(-1250), "%", {}}},
          {{"1", "Tuyên truyền, phổ biến", {"Tổ chức hội nghị", "Đăng tin trên Cổng thông tin"}},
           {"2", "Kết quả thực hiện chỉ tiêu", {}}}};
}

RegistrationSubmitted registration_submitted() {
  return {"chuyen-doi-so-100-ngay",
          "so-tttt-gia-lai",
          2023,
          {Award::kTTLDXS, Award::kCO_TINH},
          {{1, hundredths(5250)}, {2, hundredths(20000)}}};
}

ProgressReported progress_reported() {
  return {"chuyen-doi-so-100-ngay", "so-tttt-gia-lai", 1,
          hundredths(4275),         day(2023, 6, 1),   "Số liệu của Sở Công Thương"};
}

ClusterEstablished cluster_established() {
  return {"cum-6",
          "Cụm thi đua số 6",
          ClusterKind::kCluster,
          "btttt",
          2019,
          {"so-tttt-gia-lai", "so-tttt-phu-yen", "so-tttt-dak-lak", "so-tttt-lam-dong"}};
}

CovenantAdopted covenant_adopted() {
  return {"cum-6",
          2020,
          {{"1", "Thực hiện nhiệm vụ chính trị được giao", hundredths(3000)},
           {"2", "Cải cách hành chính, chuyển đổi số", hundredths(1550)},
           {"3", "Công tác thi đua, khen thưởng", hundredths(1000)}},
          RankingBasis::kCrossAverage};
}

ScoreEntered score_entered() {
  return {"cum-6",           2019,
          ScoreKind::kCross, "so-tttt-gia-lai",
          "so-tttt-phu-yen", "2",
          hundredths(1425),  "https://gialai.gov.vn/minh-chung/2019/tieu-chi-2.pdf"};
}

ScoreCorrected score_corrected() {
  return {"cum-6",
          2019,
          ScoreKind::kCross,
          "so-tttt-gia-lai",
          "so-tttt-phu-yen",
          "2",
          hundredths(1450),
          hundredths(1425),
          "Nhập nhầm điểm tiêu chí 2"};
}

ClusterVoteRecorded cluster_vote_recorded() {
  return {"cum-6",
          2019,
          "Đề nghị tặng Cờ thi đua của Bộ",
          Motion::kAward,
          Award::kCO_TINH,
          "so-tttt-dak-lak",
          4,
          4,
          0,
          0,
          BallotKind::kSecret,
          day(2019, 12, 20),
          true,
          std::vector<Standing>{{1, "so-tttt-dak-lak", "Sở TT&TT Đắk Lắk", hundredths(9650)},
                                {2, "so-tttt-gia-lai", "Sở TT&TT Gia Lai", hundredths(9425)}}};
}

ProposalSubmitted proposal_submitted() {
  return {"tt-2019-cum6",
          "so-tttt-gia-lai",
          Award::kCO_TINH,
          Occasion::kAnnual,
          2019,
          {org("so-tttt-dak-lak"), org("so-tttt-phu-yen")},
          {{"Biên bản họp Cụm thi đua số 6 năm 2019", kSha}},
          "hdtdkt-btttt",
          "cum-6",
          day(2019, 12, 25)};
}

CouncilVoteRecorded council_vote_recorded() {
  return {"hdtdkt-btttt",
          "tt-2019-cum6",
          day(2020, 1, 10),
          BallotKind::kSecret,
          9,
          8,
          {{org("so-tttt-dak-lak"), 8, 0, 0, true}, {org("so-tttt-phu-yen"), 4, 3, 1, false}}};
}

DecisionIssued decision_issued() {
  DecisionIssued d;
  d.id = "qd-2020-0123";
  d.number = "123/QĐ-BTTTT";
  d.date = day(2020, 1, 20);
  d.issuer = "btttt";
  d.signer = "Nguyễn Mạnh Hùng";
  d.capacity = "Bộ trưởng";
  d.legal_basis = {"Luật Thi đua, Khen thưởng ngày 26/11/2003; Luật sửa đổi, bổ sung năm 2013",
                   "Nghị định số 91/2017/NĐ-CP ngày 31/7/2017 của Chính phủ"};
  d.award = Award::kTTLDTT;
  d.year = 2019;
  d.recipients = {{org("so-tttt-dak-lak"), {}}, {person("nguyen-van-an"), {"sk-2019-017"}}};
  d.reward_multiple = hundredths(80);
  d.proposal = "tt-2019-cum6";
  d.ruleset = "vn-2013";
  d.checks = {{"award.TTLDTT.members_ldtt",
               "organization/so-tttt-dak-lak",
               true,
               "38/52 thành viên đạt Lao động tiên tiến (hơn 1/2)",
               {{1042, "TaskRated person/nguyen-van-an 2019: excellent"}}},
              {"decision.issuer", "", true, "Bộ là cơ quan có thẩm quyền", {}}};
  d.decided_on = day(2020, 1, 21);
  return d;
}

DecisionCorrected decision_corrected() {
  return {"qd-2020-0123",
          "15/QĐ-BTTTT",
          day(2020, 2, 3),
          "Sửa tên đơn vị viết sai chính tả",
          {},
          "KT. Bộ trưởng – Thứ trưởng",
          std::vector<std::string>{"Nghị định số 30/2020/NĐ-CP về công tác văn thư"}};
}

DecisionRevoked decision_revoked() {
  return {"qd-2020-0123",
          RevocationGround::kB,
          "200/QĐ-BTTTT",
          day(2021, 5, 4),
          "btttt",
          "Hồ sơ đề nghị có thông tin không trung thực",
          "Thu hồi Bằng chứng nhận và tiền thưởng"};
}

// The example of event type E among `events`.
template <class E>
const E& of(const std::vector<Event>& events) {
  for (const Event& e : events) {
    if (const E* found = std::get_if<E>(&e)) return *found;
  }
  throw std::logic_error("no example event of this type");
}

}  // namespace

std::vector<Event> example_events() {
  return {organization_registered(),
          organization_renamed(),
          organizations_merged(),
          organization_split(),
          person_registered(),
          council_established(),
          initiative_recognized(),
          TaskRated{person("nguyen-van-an"), 2019, Rating::kExcellent},
          DisciplineRecorded{"tran-van-binh", 2020, DisciplineLevel::kReprimand, day(2020, 6, 15),
                             "Quyết định số 45/QĐ-STTTT ngày 15/6/2020"},
          HoldPlaced{"hold-2021-003", org("so-tttt-phu-yen"), HoldKind::kInspection,
                     "Đang thanh tra việc quản lý tài chính năm 2020", day(2021, 3, 10)},
          HoldReleased{"hold-2021-003", "Kết luận thanh tra: không có vi phạm", day(2021, 7, 1)},
          movement_launched(),
          registration_submitted(),
          progress_reported(),
          cluster_established(),
          ClusterMemberJoined{"cum-6", "so-tttt-kon-tum", 2020},
          ClusterMemberLeft{"cum-6", "so-tttt-kon-tum", 2025},
          OfficersElected{"cum-6", 2020, "so-tttt-gia-lai", "so-tttt-phu-yen"},
          covenant_adopted(),
          CovenantSigned{"cum-6", 2020, "so-tttt-dak-lak", "Lê Văn Cường", "Giám đốc Sở",
                         day(2020, 3, 5)},
          score_entered(),
          score_corrected(),
          ScoringClosed{"cum-6", 2019, day(2019, 12, 20)},
          cluster_vote_recorded(),
          proposal_submitted(),
          council_vote_recorded(),
          decision_issued(),
          decision_corrected(),
          decision_revoked(),
          PersonTransferred{"nguyen-van-an", "so-tttt-kon-tum", day(2021, 1, 1),
                            "Quyết định điều động số 12/QĐ-UBND"},
          ProposalPublished{"tt-2019-cum6", day(2019, 12, 26),
                            "Cổng thông tin điện tử Bộ Thông tin và Truyền thông",
                            "https://mic.gov.vn/thi-dua/tt-2019-cum6"}};
}

std::vector<Command> example_commands() {
  std::vector<Event> e = example_events();
  IssueDecision issue;
  issue.id = "qd-2024-0456";
  issue.number = "456/QĐ-UBND";
  issue.date = day(2024, 1, 25);
  issue.issuer = "ubnd-gia-lai";
  issue.signer = "Trương Hải Long";
  issue.capacity = "Chủ tịch Ủy ban nhân dân tỉnh";
  issue.legal_basis = {"Luật Thi đua, Khen thưởng số 06/2022/QH15",
                       "Nghị định số 98/2023/NĐ-CP ngày 31/12/2023 của Chính phủ"};
  issue.award = Award::kCSTD_TINH;
  issue.year = 2023;
  issue.recipients = {{person("nguyen-van-an"), {"sk-2022-004"}}};
  issue.reward_multiple = hundredths(300);
  issue.movement = "chuyen-doi-so-100-ngay";
  return {RegisterOrganization{of<OrganizationRegistered>(e)},
          RenameOrganization{of<OrganizationRenamed>(e)},
          MergeOrganizations{of<OrganizationsMerged>(e)},
          SplitOrganization{of<OrganizationSplit>(e)},
          RegisterPerson{of<PersonRegistered>(e)},
          EstablishCouncil{of<CouncilEstablished>(e)},
          RecognizeInitiative{of<InitiativeRecognized>(e)},
          RateTask{of<TaskRated>(e)},
          RecordDiscipline{of<DisciplineRecorded>(e)},
          PlaceHold{of<HoldPlaced>(e)},
          ReleaseHold{of<HoldReleased>(e)},
          LaunchMovement{of<MovementLaunched>(e)},
          SubmitRegistration{of<RegistrationSubmitted>(e)},
          ReportProgress{of<ProgressReported>(e)},
          EstablishCluster{of<ClusterEstablished>(e)},
          JoinCluster{of<ClusterMemberJoined>(e)},
          LeaveCluster{of<ClusterMemberLeft>(e)},
          ElectOfficers{of<OfficersElected>(e)},
          AdoptCovenant{of<CovenantAdopted>(e)},
          SignCovenant{of<CovenantSigned>(e)},
          EnterScore{of<ScoreEntered>(e)},
          CorrectScore{"cum-6", 2019, ScoreKind::kSelf, "so-tttt-lam-dong", "so-tttt-lam-dong", "3",
                       hundredths(975), "Bổ sung minh chứng tiêu chí 3"},
          CloseScoring{of<ScoringClosed>(e)},
          RecordClusterVote{"cum-6",
                            2019,
                            "Bầu đơn vị dẫn đầu Cụm thi đua số 6",
                            Motion::kLeader,
                            {},
                            "so-tttt-dak-lak",
                            4,
                            3,
                            1,
                            0,
                            BallotKind::kShowOfHands,
                            day(2019, 12, 20)},
          SubmitProposal{of<ProposalSubmitted>(e)},
          RecordCouncilVote{"hdtdkt-btttt",
                            "tt-2019-cum6",
                            day(2020, 1, 10),
                            BallotKind::kWrittenOpinion,
                            8,
                            {{org("so-tttt-dak-lak"), 8, 0, 0}, {org("so-tttt-phu-yen"), 4, 3, 1}}},
          issue,
          CorrectDecision{of<DecisionCorrected>(e)},
          RevokeDecision{of<DecisionRevoked>(e)},
          TransferPerson{of<PersonTransferred>(e)},
          PublishProposal{of<ProposalPublished>(e)}};
}

}  // namespace thidua::testing
