// Clusters and blocs: membership, officers, covenant, signatures, scores, closing, votes.
#include <set>

#include "decide_internal.hpp"

namespace thidua::domain::internal {

const ClusterState* find_cluster(const State& state, const std::string& id) {
  auto it = state.clusters.find(id);
  return it == state.clusters.end() ? nullptr : &it->second;
}

const ClusterYearState* find_year(const ClusterState& cluster, int year) {
  auto it = cluster.years.find(year);
  return it == cluster.years.end() ? nullptr : &it->second;
}

Verdict no_cluster(const std::string& id) {
  return Verdict::refuse("cluster.exists", "no cluster " + quoted(id) + " exists");
}

std::string member_phrase(const State& state, const ClusterState& cluster, const std::string& org,
                          int year) {
  return quoted(name_of(state, org)) + " is not a member of " + quoted(cluster.established.name) +
         " in " + std::to_string(year);
}

std::optional<Verdict> refuse_if_closed(const ClusterState& cluster, int year) {
  const ClusterYearState* y = find_year(cluster, year);
  if (y && y->closed_at) {
    return Verdict::refuse("cluster.closed", "scoring of " + quoted(cluster.established.name) +
                                                 " for " + std::to_string(year) +
                                                 " is closed; nothing more is added");
  }
  return std::nullopt;
}

// A membership change takes effect from `year` on: refused when that or a later year is
// closed, whose members its ranking and votes counted.
std::optional<Verdict> refuse_if_closed_from(const ClusterState& cluster, int year) {
  for (auto it = cluster.years.lower_bound(year); it != cluster.years.end(); ++it) {
    if (!it->second.closed_at) continue;
    return Verdict::refuse("cluster.closed",
                           "scoring of " + quoted(cluster.established.name) + " for " +
                               std::to_string(it->first) +
                               " is closed: its members are those it ranked, so membership "
                               "changes only from a later year");
  }
  return std::nullopt;
}

Verdict decide_one(const State& state, const EstablishCluster& c, const Context&) {
  if (state.clusters.contains(c.id)) {
    return Verdict::refuse("cluster.unique", "cluster " + quoted(c.id) + " already exists");
  }
  std::vector<std::string> all = c.members;
  all.push_back(c.organiser);
  for (const std::string& id : all) {
    if (!state.organizations.contains(id)) {
      return Verdict::refuse("organization.exists",
                             "no organization " + quoted(id) + " is registered");
    }
  }
  if (std::set<std::string>(c.members.begin(), c.members.end()).size() != c.members.size()) {
    return Verdict::refuse("cluster.members_distinct", "a member is listed twice");
  }
  return Verdict::accept({Event{static_cast<const ClusterEstablished&>(c)}});
}

namespace {

// Membership changes take effect from their year, which must be one the cluster exists in.
std::optional<Verdict> refuse_before_established(const ClusterState& cluster, int year) {
  if (year >= cluster.established.year) return std::nullopt;
  return Verdict::refuse("cluster.year_covered", quoted(cluster.established.name) +
                                                     " exists from " +
                                                     std::to_string(cluster.established.year) +
                                                     ", not in " + std::to_string(year));
}

}  // namespace

Verdict decide_one(const State& state, const JoinCluster& c, const Context&) {
  const ClusterState* cluster = find_cluster(state, c.cluster);
  if (!cluster) return no_cluster(c.cluster);
  if (auto refused = refuse_before_established(*cluster, c.year)) return *refused;
  if (auto closed = refuse_if_closed_from(*cluster, c.year)) return *closed;
  if (!state.organizations.contains(c.organization)) {
    return Verdict::refuse("organization.exists",
                           "no organization " + quoted(c.organization) + " is registered");
  }
  if (cluster->is_member(c.organization, c.year)) {
    return Verdict::refuse("cluster.join_not_member", quoted(name_of(state, c.organization)) +
                                                          " is already a member in " +
                                                          std::to_string(c.year));
  }
  return Verdict::accept({Event{static_cast<const ClusterMemberJoined&>(c)}});
}

Verdict decide_one(const State& state, const LeaveCluster& c, const Context&) {
  const ClusterState* cluster = find_cluster(state, c.cluster);
  if (!cluster) return no_cluster(c.cluster);
  if (auto refused = refuse_before_established(*cluster, c.year)) return *refused;
  if (auto closed = refuse_if_closed_from(*cluster, c.year)) return *closed;
  if (!cluster->is_member(c.organization, c.year)) {
    return Verdict::refuse("cluster.leave_member",
                           member_phrase(state, *cluster, c.organization, c.year));
  }
  return Verdict::accept({Event{static_cast<const ClusterMemberLeft&>(c)}});
}

Verdict decide_one(const State& state, const ElectOfficers& c, const Context&) {
  const ClusterState* cluster = find_cluster(state, c.cluster);
  if (!cluster) return no_cluster(c.cluster);
  if (c.head == c.deputy) {
    return Verdict::refuse("officers.distinct",
                           "the head and the deputy must be two different "
                           "members; both are " +
                               quoted(name_of(state, c.head)));
  }
  for (const std::string& officer : {c.head, c.deputy}) {
    if (!cluster->is_member(officer, c.year)) {
      return Verdict::refuse("officers.members", member_phrase(state, *cluster, officer, c.year));
    }
  }
  const ClusterYearState* y = find_year(*cluster, c.year);
  if (y && y->officers) {
    return Verdict::refuse("officers.once",
                           "officers for " + std::to_string(c.year) + " were already elected");
  }
  // Years may be elected out of order (a record entered late), so the rotation is checked
  // against both neighbours.
  for (const int other : {c.year - 1, c.year + 1}) {
    const ClusterYearState* y_other = find_year(*cluster, other);
    if (y_other && y_other->officers && y_other->officers->value.head == c.head) {
      return Verdict::refuse("officers.rotation",
                             quoted(name_of(state, c.head)) +
                                 (other < c.year ? " was head in " : " is already head for ") +
                                 std::to_string(other) +
                                 "; the head rotates and cannot serve two years in a row");
    }
  }
  return Verdict::accept({Event{static_cast<const OfficersElected&>(c)}});
}

Verdict decide_one(const State& state, const AdoptCovenant& c, const Context&) {
  const ClusterState* cluster = find_cluster(state, c.cluster);
  if (!cluster) return no_cluster(c.cluster);
  if (auto closed = refuse_if_closed(*cluster, c.year)) return *closed;
  const ClusterYearState* y = find_year(*cluster, c.year);
  if (y && y->covenant) {
    return Verdict::refuse("covenant.once",
                           "the covenant for " + std::to_string(c.year) + " is already adopted");
  }
  std::set<std::string> codes;
  for (const CovenantCriterion& k : c.criteria) {
    if (!codes.insert(k.code).second || k.max_points.hundredths <= 0) {
      return Verdict::refuse(
          "covenant.criteria",
          "criterion " + quoted(k.code) + " is listed twice or has no positive maximum");
    }
  }
  if (c.criteria.empty()) {
    return Verdict::refuse("covenant.criteria", "a covenant needs at least one criterion");
  }
  return Verdict::accept({Event{static_cast<const CovenantAdopted&>(c)}});
}

Verdict decide_one(const State& state, const SignCovenant& c, const Context&) {
  const ClusterState* cluster = find_cluster(state, c.cluster);
  if (!cluster) return no_cluster(c.cluster);
  if (auto closed = refuse_if_closed(*cluster, c.year)) return *closed;
  const ClusterYearState* y = find_year(*cluster, c.year);
  if (!y || !y->covenant) {
    return Verdict::refuse("signature.covenant_adopted",
                           "no covenant is adopted for " + std::to_string(c.year));
  }
  if (!cluster->is_member(c.organization, c.year)) {
    return Verdict::refuse("signature.member",
                           member_phrase(state, *cluster, c.organization, c.year));
  }
  if (y->signatures.contains(c.organization)) {
    return Verdict::refuse("signature.once",
                           quoted(name_of(state, c.organization)) + " has already signed");
  }
  return Verdict::accept({Event{static_cast<const CovenantSigned&>(c)}});
}

}  // namespace thidua::domain::internal
