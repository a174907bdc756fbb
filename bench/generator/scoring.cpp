// The scoring of a cluster-year at the end of the year: every member scores itself, scores
// every other member on every criterion (the bulk of a real history), and the organiser
// enters the final scores; now and then a score is corrected with a reason.
#include "simulation.hpp"

namespace thidua::generator::internal {

namespace {

constexpr int kQuarter = 25;  // points are given in quarters of a point

domain::EnterScore score(const std::string& cluster, int year, domain::ScoreKind kind,
                         const std::string& scorer, const std::string& scored,
                         const std::string& criterion, domain::Decimal points) {
  domain::EnterScore s;
  s.cluster = cluster;
  s.year = year;
  s.kind = kind;
  s.scorer = scorer;
  s.scored = scored;
  s.criterion = criterion;
  s.points = points;
  return s;
}

}  // namespace

domain::Decimal Simulation::points(const domain::CovenantCriterion& criterion, int strength) {
  const std::int64_t max = criterion.max_points.hundredths;
  std::int64_t value = max * std::clamp(strength, 0, 1000) / 1000;
  value -= value % kQuarter;
  return domain::Decimal{std::clamp<std::int64_t>(value, 0, max)};
}

void Simulation::enter_scores(int c, domain::ScoreKind kind) {
  const Cluster& cluster = world_.clusters[c];
  if (cluster.sheet_year != year_) return;
  if (kind == domain::ScoreKind::kFinal && cluster.basis != domain::RankingBasis::kFinal) return;
  const auto& criteria = state_.clusters.at(cluster.id).years.at(year_).covenant->value.criteria;
  const std::vector<int>& m = cluster.sheet;
  const std::string& organiser = world_.units[cluster.organiser].id;
  const int n = static_cast<int>(m.size());
  for (int i = 0; i < n; ++i) {
    const std::string& scored = world_.units[m[i]].id;
    const int strength = cluster.strength[i];
    if (kind == domain::ScoreKind::kSelf) {
      for (const auto& k : criteria) {
        auto s = score(cluster.id, year_, kind, scored, scored, k.code, points(k, strength + 30));
        s.evidence = "Báo cáo thành tích năm " + std::to_string(year_);
        enqueue(std::move(s), on(11, 25));
      }
    } else if (kind == domain::ScoreKind::kFinal) {
      for (const auto& k : criteria) {
        enqueue(score(cluster.id, year_, kind, organiser, scored, k.code, points(k, strength)),
                on(12, 20));
      }
    } else {
      for (int j = 0; j < n; ++j) {
        if (j == i) continue;
        const std::string& scorer = world_.units[m[j]].id;
        for (const auto& k : criteria) {
          const int judged = strength + rng_.between(-60, 30);
          enqueue(score(cluster.id, year_, kind, scorer, scored, k.code, points(k, judged)),
                  on(12, 10));
        }
      }
    }
  }
}

// One cluster-year in four has a score corrected before the sheet closes: a cross-score after
// the scored unit showed more evidence, or a final score mistyped by the organiser.
void Simulation::correct_score(int c) {
  const Cluster& cluster = world_.clusters[c];
  if (cluster.sheet_year != year_ || cluster.sheet.size() < 2 || !rng_.chance(250)) return;
  const domain::ClusterYearState& y = state_.clusters.at(cluster.id).years.at(year_);
  const auto& criteria = y.covenant->value.criteria;
  const int n = static_cast<int>(cluster.sheet.size());
  const int i = rng_.below(n);
  const int j = (i + 1 + rng_.below(n - 1)) % n;
  const domain::CovenantCriterion& k = rng_.pick(criteria);
  const bool on_final = cluster.basis == domain::RankingBasis::kFinal && rng_.chance(400);
  domain::CorrectScore fix;
  fix.cluster = cluster.id;
  fix.year = year_;
  fix.kind = on_final ? domain::ScoreKind::kFinal : domain::ScoreKind::kCross;
  fix.scorer = on_final ? world_.units[cluster.organiser].id : world_.units[cluster.sheet[j]].id;
  fix.scored = world_.units[cluster.sheet[i]].id;
  fix.criterion = k.code;
  const domain::Decimal old =
      y.scores.at(domain::ScoreKey{fix.kind, fix.scorer, fix.scored, fix.criterion}).value;
  const std::int64_t up = old.hundredths + 2 * kQuarter;
  fix.points = domain::Decimal{up <= k.max_points.hundredths ? up : old.hundredths - 2 * kQuarter};
  fix.reason = on_final ? "Sửa lỗi nhập điểm cuối cùng của đơn vị được chấm"
                        : "Chấm lại theo minh chứng bổ sung của đơn vị được chấm";
  enqueue(std::move(fix), on(12, 28));
}

}  // namespace thidua::generator::internal
