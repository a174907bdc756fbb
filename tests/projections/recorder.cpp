#include "recorder.hpp"

#include "thidua/codec/event_codec.hpp"
#include "thidua/codec/rule_book.hpp"
#include "thidua/util/uuid.hpp"

namespace thidua::testing {

using namespace domain;

Recorder::Recorder(EventStore& store, Sink sink) : store_(store), sink_(std::move(sink)) {
  world.rules = codec::load_standard_rule_book();
}

std::uint64_t Recorder::record(const Command& command) {
  const std::uint64_t first = store_.head();
  REQUIRE(world.state.next_position == first);
  std::vector<Event> events = world.ok(command);
  if (sink_) {
    REQUIRE(sink_(command) == first);
    REQUIRE(store_.head() == first + events.size());
    return first;
  }
  AppendRequest request;
  for (const Event& e : events) {
    auto proposed = codec::propose_event(e, codec::kSchemaBaseUri);
    REQUIRE(proposed.is_ok());
    proposed->id = new_uuid();
    proposed->source = "/thidua/test";
    proposed->time = "2020-03-06T08:00:00Z";
    request.events.push_back(std::move(proposed).value());
  }
  auto appended = store_.append(std::move(request));
  INFO(appended.status().to_string());
  REQUIRE(appended.is_ok());
  REQUIRE(appended->events.front().position == first);
  return first;
}

namespace {

RegisterOrganization organization(const std::string& id, const std::string& name,
                                  OrganizationKind kind = OrganizationKind::kDepartment) {
  RegisterOrganization c;
  c.id = id;
  c.name = name;
  c.kind = kind;
  return c;
}

EnterScore final_score(const std::string& scored, const std::string& criterion, double value) {
  EnterScore s;
  s.cluster = "cum-6";
  s.year = 2019;
  s.kind = ScoreKind::kFinal;
  s.scorer = "bo-tttt";
  s.scored = scored;
  s.criterion = criterion;
  s.points = points(value);
  return s;
}

}  // namespace

void Recorder::cluster6_story() {
  record(organization("bo-tttt", "Bộ Thông tin và Truyền thông", OrganizationKind::kMinistry));
  const std::vector<std::pair<std::string, std::string>> members = {
      {"so-tttt-gia-lai", "Sở TTTT Gia Lai"},
      {"so-tttt-phu-yen", "Sở TTTT Phú Yên"},
      {"so-tttt-dak-lak", "Sở TTTT Đắk Lắk"},
      {"so-tttt-lam-dong", "Sở TTTT Lâm Đồng"}};
  for (const auto& [id, name] : members) record(organization(id, name));
  EstablishCouncil council;
  council.id = "hdtdkt-bo-tttt";
  council.organization = "bo-tttt";
  council.name = "Hội đồng Thi đua – Khen thưởng Bộ Thông tin và Truyền thông";
  for (int i = 1; i <= 5; ++i)
    council.members.push_back({"Ủy viên " + std::to_string(i), "Ủy viên"});
  council.quorum = {2, 3, false};
  council.thresholds = {{Award::kCO_TINH, {1, 2, true}}};
  record(council);
  EstablishCluster cluster;
  cluster.id = "cum-6";
  cluster.name = "Cụm thi đua số 6";
  cluster.organiser = "bo-tttt";
  cluster.year = 2019;
  for (const auto& m : members) cluster.members.push_back(m.first);
  record(cluster);
  AdoptCovenant covenant;
  covenant.cluster = "cum-6";
  covenant.year = 2019;
  covenant.criteria = {{"TC1", "Chính quyền điện tử", Decimal::units(10)},
                       {"TC2", "Cải cách hành chính", Decimal::units(10)}};
  record(covenant);
  for (const auto& [id, name] : members) {
    SignCovenant s;
    s.cluster = "cum-6";
    s.year = 2019;
    s.organization = id;
    s.representative = "Giám đốc " + name;
    s.capacity = "Giám đốc Sở";
    s.date = Date{2019, 3, 1};
    record(s);
  }
  const std::map<std::string, std::pair<double, double>> sheet = {{"so-tttt-dak-lak", {10, 10}},
                                                                  {"so-tttt-phu-yen", {10, 9.5}},
                                                                  {"so-tttt-gia-lai", {9.5, 9}},
                                                                  {"so-tttt-lam-dong", {9, 9}}};
  for (const auto& [id, p] : sheet) {
    record(final_score(id, "TC1", p.first));
    record(final_score(id, "TC2", p.second));
  }
  CorrectScore correction;
  correction.cluster = "cum-6";
  correction.year = 2019;
  correction.kind = ScoreKind::kFinal;
  correction.scorer = "bo-tttt";
  correction.scored = "so-tttt-lam-dong";
  correction.criterion = "TC2";
  correction.points = points(8.5);
  correction.reason = "Nhầm lẫn khi tổng hợp";
  record(correction);
  CloseScoring close;
  close.cluster = "cum-6";
  close.year = 2019;
  close.date = Date{2020, 3, 6};
  record(close);
  for (const std::string leader : {"so-tttt-dak-lak", "so-tttt-phu-yen"}) {
    RecordClusterVote v;
    v.cluster = "cum-6";
    v.year = 2019;
    v.question = "Đơn vị dẫn đầu Cụm thi đua số 6 năm 2019";
    v.nominee = leader;
    v.eligible = 4;
    v.yes = 4;
    v.date = Date{2020, 3, 6};
    record(v);
  }
  SubmitProposal proposal;
  proposal.id = "cum-6-2019-co";
  proposal.proposing_body = "so-tttt-dak-lak";
  proposal.award = Award::kCO_TINH;
  proposal.year = 2019;
  proposal.nominees = {org_ref("so-tttt-dak-lak"), org_ref("so-tttt-phu-yen")};
  proposal.council = "hdtdkt-bo-tttt";
  proposal.date = Date{2020, 3, 10};
  record(proposal);
  RecordCouncilVote vote;
  vote.council = "hdtdkt-bo-tttt";
  vote.proposal = "cum-6-2019-co";
  vote.date = Date{2020, 4, 2};
  vote.present = 5;
  vote.tallies = {{org_ref("so-tttt-dak-lak"), 5, 0, 0}, {org_ref("so-tttt-phu-yen"), 4, 1, 0}};
  record(vote);
  IssueDecision flags =
      world.decision("qd-co-2019", Award::kCO_TINH, org_ref("so-tttt-dak-lak"), 2019, "bo-tttt");
  flags.number = "1001/QĐ-BTTTT";
  flags.date = Date{2020, 4, 20};
  flags.recipients.push_back({org_ref("so-tttt-phu-yen"), {}});
  flags.proposal = "cum-6-2019-co";
  record(flags);
  // A person's LDTT, later revoked.
  rated_person("nguyen-thi-lan", "Nguyễn Thị Lan", "so-tttt-phu-yen", Rating::kGood);
  record(world.decision("qd-ldtt-lan", Award::kLDTT, person_ref("nguyen-thi-lan"), 2019,
                        "so-tttt-phu-yen"));
  RevokeDecision revoke;
  revoke.decision = "qd-ldtt-lan";
  revoke.ground = RevocationGround::kA;
  revoke.number = "15/QĐ-STTTT";
  revoke.date = Date{2020, 6, 1};
  revoke.issuer = "so-tttt-phu-yen";
  revoke.reason = "Kê khai không trung thực thành tích";
  record(revoke);
  // 2025: Phú Yên's department merges into Đắk Lắk's.
  MergeOrganizations merge;
  merge.predecessors = {"so-tttt-phu-yen", "so-tttt-dak-lak"};
  merge.successor = "so-tttt-dak-lak";
  merge.effective = Date{2025, 7, 1};
  record(merge);
  LaunchMovement movement;
  movement.id = "tang-toc-100-ngay";
  movement.name = "Thi đua cao điểm 100 ngày";
  movement.form = MovementForm::kCampaign;
  movement.launched_by = "bo-tttt";
  movement.start = Date{2021, 6, 1};
  movement.end = Date{2021, 9, 8};
  movement.targets = {
      {1, "Phát triển điểm ATM mềm", "điểm ATM mềm", Decimal::units(200), "điểm", std::nullopt}};
  record(movement);
  ReportProgress progress;
  progress.movement = "tang-toc-100-ngay";
  progress.organization = "so-tttt-gia-lai";
  progress.target = 1;
  progress.value = Decimal::units(50);
  progress.date = Date{2021, 7, 1};
  record(progress);
}

void Recorder::rated_person(const std::string& id, const std::string& name,
                            const std::string& organization, Rating rating_2019) {
  RegisterPerson person;
  person.id = id;
  person.name = name;
  person.organization = organization;
  record(person);
  RateTask rating;
  rating.subject = person_ref(id);
  rating.year = 2019;
  rating.rating = rating_2019;
  record(rating);
}

void Recorder::commune_cstdcs_under_old_rule() {
  for (RuleSet& set : world.rules.sets) {
    for (CompetentIssuers& c : set.competent_issuers) {
      if (c.award == Award::kCSTDCS) c.kinds.push_back(OrganizationKind::kCommune);
    }
    set.cstdcs_share_of_ldtt.reset();  // nor was the 15% share
  }
  record(
      organization("ubnd-xa-ia-blang", "Ủy ban nhân dân xã Ia Blang", OrganizationKind::kCommune));
  rated_person("ksor-h-lan", "Ksor H'Lan", "ubnd-xa-ia-blang", Rating::kExcellent);
  RecognizeInitiative initiative;
  initiative.id = "sk-ia-blang-2019";
  initiative.title = "Số hóa sổ hộ tịch của xã";
  initiative.owners = {"ksor-h-lan"};
  initiative.recognized_by = "ubnd-xa-ia-blang";
  initiative.scope = Scope::kGrassroots;
  initiative.year = 2019;
  initiative.date = Date{2019, 11, 20};
  record(initiative);
  IssueDecision c = world.decision("qd-cstdcs-ia-blang-2019", Award::kCSTDCS,
                                   person_ref("ksor-h-lan"), 2019, "ubnd-xa-ia-blang");
  c.recipients[0].initiatives = {initiative.id};
  record(c);
  world.rules = codec::load_standard_rule_book();
}

}  // namespace thidua::testing
