// The ranking of a cluster-year's signed members from their scores, with the tie-break of
// ranking.hpp.
#include "thidua/domain/ranking.hpp"

#include <algorithm>
#include <tuple>

namespace thidua::domain {

namespace {

// The mean of `sum` over `n` values, rounded half up to hundredths.
Decimal mean(std::int64_t sum, std::int64_t n) {
  return Decimal{n == 0 ? 0 : (2 * sum + n) / (2 * n)};
}

RankedMember score_member(const ClusterYearState& y, const std::string& member) {
  const CovenantAdopted& covenant = y.covenant->value;
  RankedMember m;
  m.organization = member;
  for (const CovenantCriterion& k : covenant.criteria) {
    std::int64_t sum = 0, count = 0;
    for (const auto& [key, points] : y.scores) {
      if (key.scored != member || key.criterion != k.code) continue;
      if (key.kind == ScoreKind::kSelf) m.self_total.hundredths += points.value.hundredths;
      const ScoreKind wanted =
          covenant.ranking_basis == RankingBasis::kFinal ? ScoreKind::kFinal : ScoreKind::kCross;
      if (key.kind == wanted) {
        sum += points.value.hundredths;
        ++count;
      }
    }
    const Decimal points = mean(sum, count);
    m.by_criterion[k.code] = points;
    m.total.hundredths += points.hundredths;
    m.full_marks += count > 0 && points == k.max_points;
  }
  return m;
}

}  // namespace

std::vector<RankedMember> rank_cluster_year(const ClusterState& cluster, int year) {
  auto it = cluster.years.find(year);
  if (it == cluster.years.end() || !it->second.covenant) return {};
  std::vector<RankedMember> out;
  for (const std::string& member : cluster.members(year)) {
    if (cluster.has_signed(member, year)) out.push_back(score_member(it->second, member));
  }
  std::sort(out.begin(), out.end(), [](const RankedMember& a, const RankedMember& b) {
    return std::tie(b.total, b.full_marks, b.self_total, a.organization) <
           std::tie(a.total, a.full_marks, a.self_total, b.organization);
  });
  for (std::size_t i = 0; i < out.size(); ++i) {
    out[i].rank = static_cast<int>(i) + 1;
    out[i].tied = (i > 0 && out[i - 1].total == out[i].total) ||
                  (i + 1 < out.size() && out[i + 1].total == out[i].total);
  }
  return out;
}

std::vector<std::string> unsigned_members(const ClusterState& cluster, int year) {
  std::vector<std::string> out;
  for (const std::string& member : cluster.members(year)) {
    if (!cluster.has_signed(member, year)) out.push_back(member);
  }
  return out;
}

}  // namespace thidua::domain
