// The ranking of a cluster-year: the members who signed the year's covenant, ordered by their
// total under the covenant, with a written, deterministic tie-break.
//
// Only members who signed the covenant are ranked: a member that did not sign took no part in
// the year's emulation, so it is neither scored nor ranked (not ranked last with 0), and
// unsigned_members() names it. A member's points on a criterion are its final score when the
// covenant's basis is "final", or the average of the cross-scores it received (rounded half up
// to hundredths) when it is "cross_average"; a criterion with no such score gives 0. Ties are
// broken by, in order:
//   1. the higher total;
//   2. more criteria at their maximum;
//   3. the higher sum of self-scores;
//   4. the organization id, ascending (a last resort that is at least reproducible).
// Members with equal totals still get distinct ranks in this order; `tied` marks them. Pure;
// thread-safe.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "thidua/domain/state.hpp"

namespace thidua::domain {

struct RankedMember {
  int rank = 0;  // from 1
  std::string organization;
  Decimal total;
  std::map<std::string, Decimal> by_criterion;
  int full_marks = 0;
  Decimal self_total;
  bool tied = false;  // another ranked member has the same total
};

// The ranking of `year` in `cluster`: the year's members who signed its covenant. Empty when the
// year has no covenant or nobody has signed it.
std::vector<RankedMember> rank_cluster_year(const ClusterState& cluster, int year);

// The members of `year` in `cluster` who have not signed the year's covenant, sorted by id:
// those rank_cluster_year() leaves out. Every member of the year when no covenant is adopted.
std::vector<std::string> unsigned_members(const ClusterState& cluster, int year);

}  // namespace thidua::domain
