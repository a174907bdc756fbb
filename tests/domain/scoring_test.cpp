// Scores, corrections, closing the sheet, the members' votes and the ranking of a cluster-year.
// Every rule decide_scoring.cpp can refuse with, passed and refused; the ranking of both bases
// with each step of the tie-break of ranking.hpp.
#include <catch2/catch.hpp>

#include <array>

#include "thidua/domain/ranking.hpp"
#include "world.hpp"

using namespace thidua::domain;
using namespace thidua::testing;

namespace {

bool contains(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

const std::string kGiaLai = "so-tttt-gia-lai";
const std::string kPhuYen = "so-tttt-phu-yen";
const std::string kDakLak = "so-tttt-dak-lak";    // head in 2019
const std::string kLamDong = "so-tttt-lam-dong";  // deputy in 2019
const std::string kKonTum = "so-tttt-kon-tum";
const std::string kBinhDinh = "so-tttt-binh-dinh";  // not a member
const std::string kMinistry = "bo-tttt";            // the organiser

// Cluster No. 6 with five members in 2019: officers elected, the covenant adopted with three
// criteria (10, 10 and 20 points) and, unless told otherwise, signed by every member.
struct Sheet : World {
  explicit Sheet(RankingBasis basis = RankingBasis::kFinal, bool sign = true) {
    org(kMinistry, "Bộ Thông tin và Truyền thông", OrganizationKind::kMinistry);
    org(kGiaLai, "Sở Thông tin và Truyền thông Gia Lai");
    org(kPhuYen, "Sở Thông tin và Truyền thông Phú Yên");
    org(kDakLak, "Sở Thông tin và Truyền thông Đắk Lắk");
    org(kLamDong, "Sở Thông tin và Truyền thông Lâm Đồng");
    org(kKonTum, "Sở Thông tin và Truyền thông Kon Tum");
    org(kBinhDinh, "Sở Thông tin và Truyền thông Bình Định");
    EstablishCluster cluster;
    cluster.id = "cum-6";
    cluster.name = "Cụm thi đua số 6";
    cluster.organiser = kMinistry;
    cluster.year = 2019;
    cluster.members = {kGiaLai, kPhuYen, kDakLak, kLamDong, kKonTum};
    ok(cluster);
    ElectOfficers officers;
    officers.cluster = "cum-6";
    officers.year = 2019;
    officers.head = kDakLak;
    officers.deputy = kLamDong;
    ok(officers);
    adopt(2019, basis);
    if (sign) {
      for (const std::string& m : members()) ok(signature(2019, m));
    }
  }

  const ClusterState& cluster() const { return state.clusters.at("cum-6"); }
  std::vector<std::string> members(int year = 2019) const { return cluster().members(year); }

  void adopt(int year, RankingBasis basis) {
    AdoptCovenant c;
    c.cluster = "cum-6";
    c.year = year;
    c.criteria = {
        {"TC1", "Thực hiện nhiệm vụ là đầu mối triển khai Chính quyền điện tử tại địa phương",
         Decimal::units(10)},
        {"TC2", "Tích cực hỗ trợ doanh nghiệp phát triển kinh tế ngành Thông tin và Truyền thông",
         Decimal::units(10)},
        {"TC3", "Tổ chức phát động, triển khai các phong trào thi đua thường xuyên, theo đợt",
         Decimal::units(20)},
    };
    c.ranking_basis = basis;
    ok(c);
  }

  static SignCovenant signature(int year, const std::string& organization) {
    SignCovenant c;
    c.cluster = "cum-6";
    c.year = year;
    c.organization = organization;
    c.representative = "Giám đốc Sở";
    c.capacity = "Giám đốc Sở";
    c.date = Date{year, 3, 6};
    return c;
  }

  static EnterScore score(ScoreKind kind, const std::string& scorer, const std::string& scored,
                          const std::string& criterion, double value) {
    EnterScore c;
    c.cluster = "cum-6";
    c.year = 2019;
    c.kind = kind;
    c.scorer = scorer;
    c.scored = scored;
    c.criterion = criterion;
    c.points = points(value);
    c.evidence = "Biên bản chấm điểm năm 2019, Cụm thi đua số 6";
    return c;
  }
  static EnterScore self(const std::string& member, const std::string& criterion, double value) {
    return score(ScoreKind::kSelf, member, member, criterion, value);
  }
  static EnterScore cross(const std::string& scorer, const std::string& scored,
                          const std::string& criterion, double value) {
    return score(ScoreKind::kCross, scorer, scored, criterion, value);
  }
  static EnterScore final_score(const std::string& scored, const std::string& criterion,
                                double value, const std::string& scorer = kMinistry) {
    return score(ScoreKind::kFinal, scorer, scored, criterion, value);
  }

  // Final and self scores of `member` on TC1, TC2 and TC3.
  void finals(const std::string& member, std::array<double, 3> values) {
    for (int k = 0; k < 3; ++k) ok(final_score(member, "TC" + std::to_string(k + 1), values[k]));
  }
  void selves(const std::string& member, std::array<double, 3> values) {
    for (int k = 0; k < 3; ++k) ok(self(member, "TC" + std::to_string(k + 1), values[k]));
  }

  static CorrectScore correction(const EnterScore& original, double value, std::string reason) {
    CorrectScore c;
    c.cluster = original.cluster;
    c.year = original.year;
    c.kind = original.kind;
    c.scorer = original.scorer;
    c.scored = original.scored;
    c.criterion = original.criterion;
    c.points = points(value);
    c.reason = std::move(reason);
    return c;
  }

  static CloseScoring close(int year = 2019) {
    CloseScoring c;
    c.cluster = "cum-6";
    c.year = year;
    c.date = Date{year + 1, 1, 15};
    return c;
  }

  static RecordClusterVote vote(const std::string& nominee, std::int64_t eligible, std::int64_t yes,
                                std::int64_t no, std::int64_t abstain = 0,
                                Date on = Date{2020, 1, 20}) {
    RecordClusterVote c;
    c.cluster = "cum-6";
    c.year = 2019;
    c.question = "Đơn vị dẫn đầu Cụm thi đua số 6 năm 2019";
    c.motion = Motion::kLeader;
    c.nominee = nominee;
    c.eligible = eligible;
    c.yes = yes;
    c.no = no;
    c.abstain = abstain;
    c.ballot = BallotKind::kSecret;
    c.date = on;
    return c;
  }

  bool passes(const RecordClusterVote& v) {
    auto events = ok(v);
    REQUIRE(events.size() == 1);
    return std::get<ClusterVoteRecorded>(events[0]).passed;
  }
};

std::vector<std::string> order(const std::vector<RankedMember>& ranking) {
  std::vector<std::string> out;
  for (const RankedMember& m : ranking) out.push_back(m.organization);
  return out;
}

const RankedMember& entry(const std::vector<RankedMember>& ranking, const std::string& org) {
  for (const RankedMember& m : ranking) {
    if (m.organization == org) return m;
  }
  FAIL("not ranked: " << org);
  return ranking.front();
}

}  // namespace

// ---- Entering scores ------------------------------------------------------------------------

TEST_CASE("cluster.exists: scores, corrections, closing and votes need the cluster",
          "[domain][score]") {
  Sheet w;
  EnterScore s = Sheet::self(kGiaLai, "TC1", 9);
  s.cluster = "cum-9";
  CHECK(contains(w.refused(s, "cluster.exists").detail, "\"cum-9\""));
  CorrectScore c = Sheet::correction(Sheet::self(kGiaLai, "TC1", 9), 8, "Nhập nhầm");
  c.cluster = "cum-9";
  w.refused(c, "cluster.exists");
  CloseScoring close = Sheet::close();
  close.cluster = "cum-9";
  w.refused(close, "cluster.exists");
  RecordClusterVote v = Sheet::vote(kDakLak, 5, 5, 0);
  v.cluster = "cum-9";
  w.refused(v, "cluster.exists");

  // The same commands pass against Cluster No. 6.
  w.ok(Sheet::self(kGiaLai, "TC1", 9));
  w.ok(Sheet::correction(Sheet::self(kGiaLai, "TC1", 9), 8, "Nhập nhầm"));
  w.ok(Sheet::close());
  w.ok(Sheet::vote(kDakLak, 5, 5, 0));
}

TEST_CASE("score.after_signing: a member scores and is scored once it has signed",
          "[domain][score]") {
  Sheet w(RankingBasis::kFinal, false);
  for (const std::string& m : {kDakLak, kGiaLai, kKonTum, kPhuYen}) {
    w.ok(Sheet::signature(2019, m));
  }
  // Lâm Đồng has not signed: it neither scores nor is scored, whatever the kind of score.
  Refusal scored = w.refused(Sheet::cross(kGiaLai, kLamDong, "TC1", 9), "score.after_signing");
  CHECK(contains(scored.detail, "\"Sở Thông tin và Truyền thông Lâm Đồng\", the scored unit"));
  CHECK(contains(scored.detail, "\"Cụm thi đua số 6\""));
  CHECK(contains(scored.detail, "2019"));
  Refusal scorer = w.refused(Sheet::cross(kLamDong, kGiaLai, "TC1", 9), "score.after_signing");
  CHECK(contains(scorer.detail, "\"Sở Thông tin và Truyền thông Lâm Đồng\", the scorer"));
  w.refused(Sheet::self(kLamDong, "TC1", 9), "score.after_signing");
  w.refused(Sheet::final_score(kLamDong, "TC1", 9), "score.after_signing");
  w.refused(Sheet::final_score(kLamDong, "TC1", 9, kDakLak), "score.after_signing");
  CHECK(w.cluster().years.at(2019).scores.empty());

  // The members who signed score each other meanwhile: one unsigned member freezes nothing.
  w.ok(Sheet::self(kGiaLai, "TC1", 9));
  w.ok(Sheet::cross(kPhuYen, kGiaLai, "TC1", 9));
  w.ok(Sheet::final_score(kGiaLai, "TC1", 9, kDakLak));

  // Once it signs, it takes part like the others.
  w.ok(Sheet::signature(2019, kLamDong));
  w.ok(Sheet::cross(kGiaLai, kLamDong, "TC1", 9));
  w.ok(Sheet::self(kLamDong, "TC1", 9));

  // A unit that joins for the year takes part once it signs, and holds up no one before.
  JoinCluster join;
  join.cluster = "cum-6";
  join.organization = kBinhDinh;
  join.year = 2019;
  w.ok(join);
  Refusal newcomer = w.refused(Sheet::self(kBinhDinh, "TC1", 9), "score.after_signing");
  CHECK(contains(newcomer.detail, "\"Sở Thông tin và Truyền thông Bình Định\""));
  w.ok(Sheet::self(kPhuYen, "TC1", 9));
  w.ok(Sheet::signature(2019, kBinhDinh));
  w.ok(Sheet::self(kBinhDinh, "TC1", 9));

  // A year without a covenant has no signatures: nothing can be scored.
  EnterScore next = Sheet::self(kPhuYen, "TC1", 9);
  next.year = 2020;
  CHECK(contains(w.refused(next, "score.after_signing").detail, "no covenant is adopted for 2020"));
}

TEST_CASE("score.after_signing: the organiser enters final scores without signing",
          "[domain][score]") {
  Sheet w;
  REQUIRE_FALSE(w.cluster().is_member(kMinistry, 2019));
  CHECK_FALSE(w.cluster().has_signed(kMinistry, 2019));
  w.ok(Sheet::final_score(kGiaLai, "TC1", 9));
}

TEST_CASE("score.after_signing: an unsigned member holds up neither closing nor the vote",
          "[domain][score]") {
  Sheet w(RankingBasis::kFinal, false);
  for (const std::string& m : {kDakLak, kGiaLai, kKonTum, kPhuYen}) {
    w.ok(Sheet::signature(2019, m));
  }
  for (const std::string& m : {kDakLak, kGiaLai, kKonTum, kPhuYen}) {
    w.finals(m, {9, 9, 18});
  }
  w.ok(Sheet::correction(Sheet::final_score(kDakLak, "TC3", 18), 20, "Bổ sung minh chứng"));
  // Closing needs no score of the member that did not sign.
  w.ok(Sheet::close());
  // Too late to sign once the sheet is closed.
  w.refused(Sheet::signature(2019, kLamDong), "cluster.closed");
  CHECK(w.passes(Sheet::vote(kDakLak, 5, 5, 0)));
  CHECK(w.cluster().years.at(2019).leaders().front().value == kDakLak);
}

TEST_CASE("score.criterion_exists: a score is for a criterion of the covenant", "[domain][score]") {
  Sheet w;
  Refusal r = w.refused(Sheet::self(kGiaLai, "TC4", 5), "score.criterion_exists");
  CHECK(contains(r.detail, "\"TC4\""));
  CHECK(contains(r.detail, "2019"));
  w.refused(Sheet::self(kGiaLai, "tc1", 5), "score.criterion_exists");  // codes are exact

  auto events = w.ok(Sheet::self(kGiaLai, "TC3", 18.5));
  REQUIRE(events.size() == 1);
  const auto& e = std::get<ScoreEntered>(events[0]);
  CHECK(e.kind == ScoreKind::kSelf);
  CHECK(e.scorer == kGiaLai);
  CHECK(e.criterion == "TC3");
  CHECK(e.points == points(18.5));
  CHECK(e.evidence == "Biên bản chấm điểm năm 2019, Cụm thi đua số 6");
  CHECK(subject_of(events[0]) == "cluster/cum-6/2019");
  const auto& scores = w.cluster().years.at(2019).scores;
  const auto& stored = scores.at(ScoreKey{ScoreKind::kSelf, kGiaLai, kGiaLai, "TC3"});
  CHECK(stored.value == points(18.5));
  CHECK(stored.position == w.state.next_position - 1);
}

TEST_CASE("score.within_max: a score above the criterion's maximum is refused", "[domain][score]") {
  Sheet w;
  Refusal above = w.refused(Sheet::self(kGiaLai, "TC1", 10.01), "score.within_max");
  CHECK(contains(above.detail, "\"TC1\""));
  CHECK(contains(above.detail, "10.01"));
  CHECK(contains(above.detail, "0 to 10 points"));
  Refusal negative = w.refused(Sheet::cross(kPhuYen, kGiaLai, "TC3", -0.5), "score.within_max");
  CHECK(contains(negative.detail, "-0.5"));
  w.refused(Sheet::final_score(kGiaLai, "TC3", 20.5), "score.within_max");
  CHECK(w.cluster().years.at(2019).scores.empty());

  // Both bounds are allowed.
  w.ok(Sheet::self(kGiaLai, "TC1", 10));
  w.ok(Sheet::self(kGiaLai, "TC2", 0));
  w.ok(Sheet::final_score(kGiaLai, "TC3", 20));
}

TEST_CASE("score.scorer_member: the scorer is a member", "[domain][score]") {
  Sheet w;
  Refusal r = w.refused(Sheet::cross(kBinhDinh, kGiaLai, "TC1", 9), "score.scorer_member");
  CHECK(contains(r.detail, "\"Sở Thông tin và Truyền thông Bình Định\""));
  CHECK(contains(r.detail, "\"Cụm thi đua số 6\""));
  // The organiser enters final scores, but does not cross-score.
  w.refused(Sheet::cross(kMinistry, kGiaLai, "TC1", 9), "score.scorer_member");
  w.ok(Sheet::cross(kPhuYen, kGiaLai, "TC1", 9));
}

TEST_CASE("score.scored_member: the scored unit is a member", "[domain][score]") {
  Sheet w;
  Refusal r = w.refused(Sheet::cross(kGiaLai, kBinhDinh, "TC1", 9), "score.scored_member");
  CHECK(contains(r.detail, "\"Sở Thông tin và Truyền thông Bình Định\""));
  CHECK(contains(r.detail, "2019"));
  w.refused(Sheet::final_score(kBinhDinh, "TC1", 9), "score.scored_member");
  w.refused(Sheet::self(kBinhDinh, "TC1", 9), "score.scored_member");
  w.ok(Sheet::cross(kGiaLai, kKonTum, "TC1", 9));
}

TEST_CASE("score.self_is_self: a self-score is entered by the scored unit", "[domain][score]") {
  Sheet w;
  w.refused(Sheet::score(ScoreKind::kSelf, kGiaLai, kPhuYen, "TC1", 9), "score.self_is_self");
  w.ok(Sheet::self(kPhuYen, "TC1", 9));
}

TEST_CASE("score.cross_not_self: a unit does not cross-score itself", "[domain][score]") {
  Sheet w;
  Refusal r = w.refused(Sheet::cross(kKonTum, kKonTum, "TC2", 10), "score.cross_not_self");
  CHECK(contains(r.detail, "\"Sở Thông tin và Truyền thông Kon Tum\""));
  w.ok(Sheet::cross(kLamDong, kKonTum, "TC2", 10));
  CHECK(w.cluster().years.at(2019).scores.contains(
      ScoreKey{ScoreKind::kCross, kLamDong, kKonTum, "TC2"}));
}

TEST_CASE("score.final_by_head: final scores come from the year's head or the organiser",
          "[domain][score]") {
  Sheet w;
  Refusal deputy =
      w.refused(Sheet::final_score(kGiaLai, "TC1", 9, kLamDong), "score.final_by_head");
  CHECK(contains(deputy.detail, "\"Sở Thông tin và Truyền thông Lâm Đồng\""));
  w.refused(Sheet::final_score(kGiaLai, "TC1", 9, kGiaLai), "score.final_by_head");
  w.refused(Sheet::final_score(kGiaLai, "TC1", 9, kBinhDinh), "score.final_by_head");

  w.ok(Sheet::final_score(kGiaLai, "TC1", 9, kDakLak));    // the head
  w.ok(Sheet::final_score(kGiaLai, "TC2", 9, kMinistry));  // the organiser
  // The head may give its own unit a final score.
  w.ok(Sheet::final_score(kDakLak, "TC1", 10, kDakLak));

  // Without officers for the year, only the organiser enters final scores.
  w.adopt(2020, RankingBasis::kFinal);
  for (const std::string& m : w.members(2020)) w.ok(Sheet::signature(2020, m));
  EnterScore by_last_head = Sheet::final_score(kGiaLai, "TC1", 9, kDakLak);
  by_last_head.year = 2020;
  w.refused(by_last_head, "score.final_by_head");
  EnterScore by_organiser = Sheet::final_score(kGiaLai, "TC1", 9);
  by_organiser.year = 2020;
  w.ok(by_organiser);
}

TEST_CASE("score.no_overwrite: a score is entered once and then only corrected",
          "[domain][score]") {
  Sheet w;
  w.ok(Sheet::cross(kPhuYen, kGiaLai, "TC1", 9));
  w.refused(Sheet::cross(kPhuYen, kGiaLai, "TC1", 9.5), "score.no_overwrite");
  const auto& scores = w.cluster().years.at(2019).scores;
  CHECK(scores.at(ScoreKey{ScoreKind::kCross, kPhuYen, kGiaLai, "TC1"}).value == points(9));

  // Another scorer, another kind or another criterion is another score.
  w.ok(Sheet::cross(kDakLak, kGiaLai, "TC1", 9.5));
  w.ok(Sheet::self(kGiaLai, "TC1", 10));
  w.ok(Sheet::cross(kPhuYen, kGiaLai, "TC2", 9));

  // A unit has one final score per criterion, whoever entered it.
  w.ok(Sheet::final_score(kGiaLai, "TC1", 9.25, kDakLak));
  Refusal r = w.refused(Sheet::final_score(kGiaLai, "TC1", 9.75), "score.no_overwrite");
  CHECK(contains(r.detail, "\"Sở Thông tin và Truyền thông Đắk Lắk\""));
  CHECK(contains(r.detail, "\"Sở Thông tin và Truyền thông Gia Lai\""));
  CHECK_FALSE(scores.contains(ScoreKey{ScoreKind::kFinal, kMinistry, kGiaLai, "TC1"}));
  CHECK(rank_cluster_year(w.cluster(), 2019).front().by_criterion.at("TC1") == points(9.25));
}

// ---- Closing and corrections ----------------------------------------------------------------

TEST_CASE("close.covenant_adopted: only a year with a covenant is closed", "[domain][close]") {
  Sheet w;
  CHECK(contains(w.refused(Sheet::close(2020), "close.covenant_adopted").detail, "2020"));
  CHECK_FALSE(w.cluster().years.contains(2020));

  auto events = w.ok(Sheet::close());
  const auto& e = std::get<ScoringClosed>(events[0]);
  CHECK(e.date == date("2020-01-15"));
  CHECK(subject_of(events[0]) == "cluster/cum-6/2019");
  CHECK(w.cluster().years.at(2019).closed_at == w.state.next_position - 1);
}

TEST_CASE("cluster.closed: once closed, no score is added and the sheet is not closed again",
          "[domain][close]") {
  Sheet w;
  w.ok(Sheet::self(kGiaLai, "TC1", 9));
  w.ok(Sheet::close());
  Refusal r = w.refused(Sheet::self(kPhuYen, "TC1", 9), "cluster.closed");
  CHECK(contains(r.detail, "\"Cụm thi đua số 6\""));
  CHECK(contains(r.detail, "2019"));
  w.refused(Sheet::final_score(kPhuYen, "TC1", 9), "cluster.closed");
  w.refused(Sheet::close(), "cluster.closed");
  CHECK(w.cluster().years.at(2019).scores.size() == 1);
}

TEST_CASE("correction.score_exists: a correction corrects an existing score",
          "[domain][correction]") {
  Sheet w;
  const EnterScore original = Sheet::cross(kPhuYen, kGiaLai, "TC1", 9);
  w.refused(Sheet::correction(original, 9.5, "Nhập nhầm điểm"), "correction.score_exists");
  w.ok(original);
  // The score is identified by kind, scorer, scored unit and criterion.
  EnterScore other_kind = original;
  other_kind.kind = ScoreKind::kFinal;
  w.refused(Sheet::correction(other_kind, 9.5, "Nhập nhầm điểm"), "correction.score_exists");
  EnterScore other_scorer = original;
  other_scorer.scorer = kDakLak;
  w.refused(Sheet::correction(other_scorer, 9.5, "Nhập nhầm điểm"), "correction.score_exists");
  EnterScore other_year = original;
  other_year.year = 2021;
  w.refused(Sheet::correction(other_year, 9.5, "Nhập nhầm điểm"), "correction.score_exists");

  w.ok(Sheet::correction(original, 9.5, "Nhập nhầm điểm"));
}

TEST_CASE("correction.reason: a correction states its reason", "[domain][correction]") {
  Sheet w;
  const EnterScore original = Sheet::self(kLamDong, "TC2", 8);
  w.ok(original);
  w.refused(Sheet::correction(original, 8.5, ""), "correction.reason");
  CHECK(w.cluster().years.at(2019).scores.begin()->second.value == points(8));
  w.ok(Sheet::correction(original, 8.5, "Bổ sung minh chứng"));
}

TEST_CASE("score correction: records the previous points, and is allowed after closing",
          "[domain][correction]") {
  Sheet w;
  const EnterScore original = Sheet::final_score(kPhuYen, "TC3", 18, kDakLak);
  w.ok(original);
  w.ok(Sheet::close());
  w.refused(Sheet::final_score(kPhuYen, "TC2", 9, kDakLak), "cluster.closed");

  auto events = w.ok(Sheet::correction(
      original, 19, "Bổ sung minh chứng hoàn thành Kế hoạch chuyển đổi số sau khi chấm điểm"));
  REQUIRE(events.size() == 1);
  const auto& e = std::get<ScoreCorrected>(events[0]);
  CHECK(e.kind == ScoreKind::kFinal);
  CHECK(e.scorer == kDakLak);
  CHECK(e.scored == kPhuYen);
  CHECK(e.criterion == "TC3");
  CHECK(e.points == points(19));
  CHECK(e.previous == points(18));
  CHECK(e.reason == "Bổ sung minh chứng hoàn thành Kế hoạch chuyển đổi số sau khi chấm điểm");
  CHECK(subject_of(events[0]) == "cluster/cum-6/2019");
  const ScoreKey key{ScoreKind::kFinal, kDakLak, kPhuYen, "TC3"};
  const auto& stored = w.cluster().years.at(2019).scores.at(key);
  CHECK(stored.value == points(19));
  CHECK(stored.position == w.state.next_position - 1);
  CHECK(entry(rank_cluster_year(w.cluster(), 2019), kPhuYen).total == points(19));

  // A second correction replaces the first; its previous points are the corrected ones.
  auto again = w.ok(Sheet::correction(original, 18.5, "Rà soát lại theo biên bản họp Cụm"));
  CHECK(std::get<ScoreCorrected>(again[0]).previous == points(19));
  CHECK(w.cluster().years.at(2019).scores.at(key).value == points(18.5));

  // A correction obeys the rules of a score.
  w.refused(Sheet::correction(original, 20.5, "Cộng điểm thưởng"), "score.within_max");
  CHECK(w.cluster().years.at(2019).scores.at(key).value == points(18.5));
}

// ---- Votes ----------------------------------------------------------------------------------

TEST_CASE("vote.after_close: members vote after the sheet is closed", "[domain][vote]") {
  Sheet w;
  w.refused(Sheet::vote(kDakLak, 5, 5, 0), "vote.after_close");
  RecordClusterVote other_year = Sheet::vote(kDakLak, 5, 5, 0);
  other_year.year = 2020;
  w.ok(Sheet::close());
  w.refused(other_year, "vote.after_close");
  w.ok(Sheet::vote(kDakLak, 5, 5, 0));
}

TEST_CASE("vote.nominee_member: a cluster vote's nominee is a member", "[domain][vote]") {
  Sheet w;
  w.ok(Sheet::close());
  Refusal r = w.refused(Sheet::vote(kBinhDinh, 5, 5, 0), "vote.nominee_member");
  CHECK(contains(r.detail, "\"Sở Thông tin và Truyền thông Bình Định\""));
  CHECK(contains(r.detail, "\"Cụm thi đua số 6\""));
  w.ok(Sheet::vote(kPhuYen, 5, 5, 0));
}

TEST_CASE("vote.nominee_signed: only a member that signed the covenant is voted on",
          "[domain][vote]") {
  Sheet w(RankingBasis::kFinal, false);
  for (const std::string& m : {kDakLak, kGiaLai, kKonTum, kPhuYen}) {
    w.ok(Sheet::signature(2019, m));
  }
  w.ok(Sheet::close());
  Refusal leader = w.refused(Sheet::vote(kLamDong, 5, 5, 0), "vote.nominee_signed");
  CHECK(contains(leader.detail, "\"Sở Thông tin và Truyền thông Lâm Đồng\""));
  CHECK(contains(leader.detail, "\"Cụm thi đua số 6\""));
  CHECK(contains(leader.detail, "not ranked"));
  RecordClusterVote award = Sheet::vote(kLamDong, 5, 5, 0);
  award.question = "Đề nghị Bộ trưởng Bộ Thông tin và Truyền thông tặng Bằng khen";
  award.motion = Motion::kAward;
  award.award = Award::kBK_TINH;
  w.refused(award, "vote.nominee_signed");
  CHECK(w.cluster().years.at(2019).votes.empty());

  w.ok(Sheet::vote(kGiaLai, 5, 5, 0));
  CHECK(w.cluster().years.at(2019).leaders().front().value == kGiaLai);
}

TEST_CASE("vote.motion_award: a vote on an award names it, a vote on the leader does not",
          "[domain][vote]") {
  Sheet w;
  w.ok(Sheet::close());
  RecordClusterVote award = Sheet::vote(kGiaLai, 5, 4, 1);
  award.question = "Đề nghị Bộ trưởng Bộ Thông tin và Truyền thông tặng Bằng khen";
  award.motion = Motion::kAward;
  w.refused(award, "vote.motion_award");
  RecordClusterVote leader = Sheet::vote(kGiaLai, 5, 4, 1);
  leader.award = Award::kCO_TINH;
  w.refused(leader, "vote.motion_award");

  award.award = Award::kBK_TINH;
  auto events = w.ok(award);
  const auto& e = std::get<ClusterVoteRecorded>(events[0]);
  CHECK(e.motion == Motion::kAward);
  CHECK(e.award == Award::kBK_TINH);
  CHECK(e.passed);
  // An award vote does not make a leader.
  CHECK(w.cluster().years.at(2019).leaders().empty());
}

TEST_CASE("vote.tallies: tallies within the eligible, the eligible within the members",
          "[domain][vote]") {
  Sheet w;
  w.ok(Sheet::close());
  w.refused(Sheet::vote(kDakLak, 5, 3, 2, 1), "vote.tallies");
  Refusal too_many = w.refused(Sheet::vote(kDakLak, 6, 6, 0), "vote.tallies");
  CHECK(contains(too_many.detail, "5 members"));
  w.refused(Sheet::vote(kDakLak, 5, 6, -1), "vote.tallies");
  w.refused(Sheet::vote(kDakLak, 5, 3, 0, -1), "vote.tallies");
  CHECK(w.cluster().years.at(2019).votes.empty());

  w.ok(Sheet::vote(kDakLak, 5, 3, 1, 1));  // exactly the eligible
  w.ok(Sheet::vote(kPhuYen, 5, 3, 0));     // not everyone has to vote
}

TEST_CASE("ruleset.in_force: a cluster vote needs a rule set covering its date", "[domain][vote]") {
  Sheet w;
  w.ok(Sheet::close());
  w.rules.sets.erase(w.rules.sets.begin());  // only vn-2022 is left, from 2024
  Refusal r = w.refused(Sheet::vote(kDakLak, 5, 5, 0, 0, date("2020-01-20")), "ruleset.in_force");
  CHECK(contains(r.detail, "2020-01-20"));
  w.ok(Sheet::vote(kDakLak, 5, 5, 0, 0, date("2024-01-20")));
}

TEST_CASE("cluster vote: passed is derived from the rule set's share of the eligible",
          "[domain][vote]") {
  Sheet w;
  w.ok(Sheet::close());
  // "More than 1/2" of the eligible voters said yes.
  CHECK(w.passes(Sheet::vote(kDakLak, 5, 3, 2)));
  CHECK_FALSE(w.passes(Sheet::vote(kGiaLai, 4, 2, 2)));
  CHECK(w.passes(Sheet::vote(kLamDong, 4, 3, 1)));
  CHECK_FALSE(w.passes(Sheet::vote(kKonTum, 5, 2, 0, 3)));  // abstentions are not yes
  CHECK_FALSE(w.passes(Sheet::vote(kKonTum, 0, 0, 0)));

  const ClusterYearState& y = w.cluster().years.at(2019);
  REQUIRE(y.votes.size() == 5);
  const ClusterVoteRecorded& first = y.votes[0].value;
  CHECK(first.question == "Đơn vị dẫn đầu Cụm thi đua số 6 năm 2019");
  CHECK(first.ballot == BallotKind::kSecret);
  CHECK(first.yes == 3);
  CHECK(first.eligible == 5);
  // The leaders are the passed leader votes, with the vote's position.
  auto leaders = y.leaders();
  REQUIRE(leaders.size() == 2);
  CHECK(leaders[0].value == kDakLak);
  CHECK(leaders[0].position == y.votes[0].position);
  CHECK(leaders[1].value == kLamDong);
}

TEST_CASE("cluster vote: the share comes from the rule set in force on the vote's date",
          "[domain][vote]") {
  Sheet w;
  w.ok(Sheet::close());
  REQUIRE(w.rules.sets[1].id == "vn-2022");
  w.rules.sets[1].cluster_vote_pass = {2, 3, false};  // at least two thirds from 2024

  auto recorded = w.ok(Sheet::vote(kDakLak, 5, 3, 2, 0, date("2023-12-29")));
  CHECK(std::get<ClusterVoteRecorded>(recorded[0]).passed);  // more than 1/2 under vn-2013
  CHECK(subject_of(recorded[0]) == "cluster/cum-6/2019");
  CHECK_FALSE(w.passes(Sheet::vote(kPhuYen, 5, 3, 2, 0, date("2024-01-05"))));
  CHECK(w.passes(Sheet::vote(kGiaLai, 5, 4, 1, 0, date("2024-01-05"))));
  CHECK(w.passes(Sheet::vote(kLamDong, 3, 2, 1, 0, date("2024-01-05"))));  // 2 of 3 is enough
}

// ---- Ranking --------------------------------------------------------------------------------

TEST_CASE("ranking: final scores, with each step of the written tie-break", "[domain][ranking]") {
  Sheet w;
  std::vector<RankedMember> ranking;

  SECTION("1. the higher total, before full marks, self-scores or id") {
    w.finals(kPhuYen, {9.5, 9.5, 19.5});  // 38.5, no full marks
    w.selves(kPhuYen, {9, 9, 18});
    w.finals(kDakLak, {10, 10, 18});  // 38, two full marks, higher self-scores, lower id
    w.selves(kDakLak, {10, 10, 20});
    w.ok(Sheet::cross(kPhuYen, kGiaLai, "TC1", 10));  // cross-scores do not count here
    ranking = rank_cluster_year(w.cluster(), 2019);
    CHECK(order(ranking) == std::vector<std::string>{kPhuYen, kDakLak, kGiaLai, kKonTum, kLamDong});
    CHECK(ranking[0].total == points(38.5));
    CHECK(ranking[0].full_marks == 0);
    CHECK(ranking[0].self_total == points(36));
    CHECK(ranking[1].total == points(38));
    CHECK(ranking[1].full_marks == 2);
    CHECK(ranking[1].self_total == points(40));
    CHECK(ranking[1].by_criterion.at("TC3") == points(18));
    CHECK_FALSE(ranking[0].tied);
    CHECK_FALSE(ranking[1].tied);
    // Members without scores get 0 on every criterion and tie with each other.
    CHECK(ranking[2].total == Decimal{0});
    CHECK(ranking[2].by_criterion.at("TC1") == Decimal{0});
    CHECK(ranking[2].tied);
    CHECK(ranking[4].tied);
  }
  SECTION("2. more criteria at their maximum, before self-scores or id") {
    w.finals(kLamDong, {10, 10, 18});  // 38, two full marks
    w.selves(kLamDong, {9, 9, 18});
    w.finals(kGiaLai, {9, 9, 20});  // 38, one full mark, higher self-scores, lower id
    w.selves(kGiaLai, {10, 10, 20});
    ranking = rank_cluster_year(w.cluster(), 2019);
    CHECK(order(ranking) == std::vector<std::string>{kLamDong, kGiaLai, kDakLak, kKonTum, kPhuYen});
    CHECK(ranking[0].full_marks == 2);
    CHECK(ranking[1].full_marks == 1);
    CHECK(ranking[0].tied);
    CHECK(ranking[1].tied);
  }
  SECTION("3. the higher sum of self-scores, before id") {
    w.finals(kGiaLai, {10, 9, 18});  // 37, one full mark
    w.selves(kGiaLai, {9, 9, 18});
    w.finals(kKonTum, {9, 10, 18});  // 37, one full mark, higher self-scores, higher id
    w.selves(kKonTum, {10, 10, 19});
    ranking = rank_cluster_year(w.cluster(), 2019);
    CHECK(order(ranking) == std::vector<std::string>{kKonTum, kGiaLai, kDakLak, kLamDong, kPhuYen});
    CHECK(ranking[0].self_total == points(39));
    CHECK(ranking[1].self_total == points(36));
    CHECK(ranking[0].full_marks == ranking[1].full_marks);
    CHECK(ranking[0].tied);
  }
  SECTION("4. the organization id, ascending, as a last resort") {
    for (const std::string& m : {kLamDong, kKonTum}) {
      w.finals(m, {10, 9, 18});
      w.selves(m, {9, 9, 18});
    }
    ranking = rank_cluster_year(w.cluster(), 2019);
    CHECK(order(ranking) == std::vector<std::string>{kKonTum, kLamDong, kDakLak, kGiaLai, kPhuYen});
    CHECK(ranking[0].total == ranking[1].total);
    CHECK(ranking[0].tied);
    CHECK(ranking[1].tied);
  }
  // Ranks are distinct and follow the order, tied or not.
  REQUIRE(ranking.size() == 5);
  for (std::size_t i = 0; i < ranking.size(); ++i) {
    CHECK(ranking[i].rank == static_cast<int>(i) + 1);
  }
}

TEST_CASE("ranking: the average of the cross-scores received, rounded half up",
          "[domain][ranking]") {
  Sheet w(RankingBasis::kCrossAverage);
  // Gia Lai: TC1 from four members averages 9.005 -> 9.01; TC2 all 10; TC3 (18 + 19) / 2.
  const std::vector<std::pair<std::string, double>> gia_lai_tc1 = {
      {kPhuYen, 9}, {kDakLak, 9}, {kLamDong, 9}, {kKonTum, 9.02}};
  for (const auto& [scorer, value] : gia_lai_tc1) w.ok(Sheet::cross(scorer, kGiaLai, "TC1", value));
  for (const std::string& scorer : {kPhuYen, kDakLak, kLamDong, kKonTum}) {
    w.ok(Sheet::cross(scorer, kGiaLai, "TC2", 10));
  }
  w.ok(Sheet::cross(kPhuYen, kGiaLai, "TC3", 18));
  w.ok(Sheet::cross(kDakLak, kGiaLai, "TC3", 19));
  w.ok(Sheet::self(kGiaLai, "TC1", 10));  // counts only toward the self-scores
  // Phú Yên: TC1 averages 9.0025 -> 9.00; TC2 9.5; TC3 59 / 3 = 19.666... -> 19.67.
  for (const std::string& scorer : {kGiaLai, kDakLak, kLamDong}) {
    w.ok(Sheet::cross(scorer, kPhuYen, "TC1", 9));
    w.ok(Sheet::cross(scorer, kPhuYen, "TC2", 9.5));
  }
  w.ok(Sheet::cross(kKonTum, kPhuYen, "TC1", 9.01));
  w.ok(Sheet::cross(kKonTum, kPhuYen, "TC2", 9.5));
  w.ok(Sheet::cross(kGiaLai, kPhuYen, "TC3", 20));
  w.ok(Sheet::cross(kDakLak, kPhuYen, "TC3", 20));
  w.ok(Sheet::cross(kLamDong, kPhuYen, "TC3", 19));
  // Đắk Lắk's final scores do not count under this basis.
  w.finals(kDakLak, {10, 10, 20});

  auto ranking = rank_cluster_year(w.cluster(), 2019);
  CHECK(order(ranking) == std::vector<std::string>{kPhuYen, kGiaLai, kDakLak, kKonTum, kLamDong});
  const RankedMember& phu_yen = ranking[0];
  CHECK(phu_yen.by_criterion.at("TC1") == points(9));
  CHECK(phu_yen.by_criterion.at("TC2") == points(9.5));
  CHECK(phu_yen.by_criterion.at("TC3") == points(19.67));
  CHECK(phu_yen.total == points(38.17));
  CHECK(phu_yen.full_marks == 0);  // 19.67 is not the maximum of 20
  const RankedMember& gia_lai = ranking[1];
  CHECK(gia_lai.by_criterion.at("TC1") == points(9.01));
  CHECK(gia_lai.by_criterion.at("TC2") == points(10));
  CHECK(gia_lai.by_criterion.at("TC3") == points(18.5));
  CHECK(gia_lai.total == points(37.51));
  CHECK(gia_lai.full_marks == 1);
  CHECK(gia_lai.self_total == points(10));
  CHECK(entry(ranking, kDakLak).total == Decimal{0});

  // A corrected cross-score changes the average: 9.02 -> 9.01 gives 9.0025 -> 9.00.
  w.ok(Sheet::correction(Sheet::cross(kKonTum, kGiaLai, "TC1", 9.02), 9.01,
                         "Sai sót khi tổng hợp phiếu chấm chéo"));
  CHECK(entry(rank_cluster_year(w.cluster(), 2019), kGiaLai).total == points(37.5));
}

TEST_CASE("ranking: only the year's members, and nothing for a year without a covenant",
          "[domain][ranking]") {
  Sheet w;
  CHECK(rank_cluster_year(w.cluster(), 2020).empty());
  CHECK(unsigned_members(w.cluster(), 2020) == w.members(2020));  // nothing to sign yet

  LeaveCluster leave;
  leave.cluster = "cum-6";
  leave.organization = kKonTum;
  leave.year = 2020;
  w.ok(leave);
  w.adopt(2020, RankingBasis::kFinal);
  CHECK(rank_cluster_year(w.cluster(), 2020).empty());  // adopted, not yet signed
  for (const std::string& m : w.members(2020)) w.ok(Sheet::signature(2020, m));
  auto ranking = rank_cluster_year(w.cluster(), 2020);
  CHECK(order(ranking) == std::vector<std::string>{kDakLak, kGiaLai, kLamDong, kPhuYen});
  CHECK(unsigned_members(w.cluster(), 2020).empty());
  CHECK(rank_cluster_year(w.cluster(), 2019).size() == 5);
}

TEST_CASE("ranking: only the members who signed, the others named, not ranked last",
          "[domain][ranking]") {
  Sheet w(RankingBasis::kFinal, false);
  for (const std::string& m : {kDakLak, kGiaLai, kPhuYen}) w.ok(Sheet::signature(2019, m));
  w.finals(kDakLak, {10, 10, 20});
  w.finals(kGiaLai, {9, 9, 18});

  auto ranking = rank_cluster_year(w.cluster(), 2019);
  CHECK(order(ranking) == std::vector<std::string>{kDakLak, kGiaLai, kPhuYen});
  // A member that signed and has no score yet is ranked with 0; one that did not sign is not.
  CHECK(ranking[2].rank == 3);
  CHECK(ranking[2].total == Decimal{0});
  CHECK_FALSE(ranking[2].tied);
  CHECK(unsigned_members(w.cluster(), 2019) == std::vector<std::string>{kKonTum, kLamDong});

  // The sheet closes and the vote follows on the three ranked members.
  w.ok(Sheet::close());
  CHECK(w.passes(Sheet::vote(kDakLak, 5, 4, 1)));
  CHECK(order(rank_cluster_year(w.cluster(), 2019)) == order(ranking));
  CHECK(unsigned_members(w.cluster(), 2019) == std::vector<std::string>{kKonTum, kLamDong});
}
