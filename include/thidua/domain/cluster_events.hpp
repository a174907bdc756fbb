// Events of clusters and blocs: membership, officers, covenant, signatures, scores,
// closing and the members' votes.
// Part of the domain's events (events.hpp); plain values, thread-safe.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "thidua/domain/event_parts.hpp"

namespace thidua::domain {

struct ClusterEstablished {
  std::string id;
  std::string name;
  ClusterKind kind = ClusterKind::kCluster;
  std::string organiser;  // the authority that groups the members
  int year = 0;           // the first year of the listed members
  std::vector<std::string> members;
  template <class S, class V>
  static void describe(S& s, V&& v) {
    v("id", s.id);
    v("name", s.name);
    v("kind", s.kind);
    v("organiser", s.organiser);
    v("year", s.year);
    v("members", s.members);
  }
};

// A unit is a member from `year` on.
struct ClusterMemberJoined {
  std::string cluster;
  std::string organization;
  int year = 0;
  template <class S, class V>
  static void describe(S& s, V&& v) {
    v("cluster", s.cluster);
    v("organization", s.organization);
    v("year", s.year);
  }
};

// A unit is no longer a member from `year` on.
struct ClusterMemberLeft {
  std::string cluster;
  std::string organization;
  int year = 0;
  template <class S, class V>
  static void describe(S& s, V&& v) {
    v("cluster", s.cluster);
    v("organization", s.organization);
    v("year", s.year);
  }
};

struct OfficersElected {
  std::string cluster;
  int year = 0;  // the year they serve
  std::string head;
  std::string deputy;
  template <class S, class V>
  static void describe(S& s, V&& v) {
    v("cluster", s.cluster);
    v("year", s.year);
    v("head", s.head);
    v("deputy", s.deputy);
  }
};

struct CovenantAdopted {
  std::string cluster;
  int year = 0;
  std::vector<CovenantCriterion> criteria;
  RankingBasis ranking_basis = RankingBasis::kFinal;
  template <class S, class V>
  static void describe(S& s, V&& v) {
    v("cluster", s.cluster);
    v("year", s.year);
    v("criteria", s.criteria);
    v("ranking_basis", s.ranking_basis);
  }
};

struct CovenantSigned {
  std::string cluster;
  int year = 0;
  std::string organization;
  std::string representative;  // who signed
  std::string capacity;        // their title, e.g. "Giám đốc Sở"
  Date date;
  template <class S, class V>
  static void describe(S& s, V&& v) {
    v("cluster", s.cluster);
    v("year", s.year);
    v("organization", s.organization);
    v("representative", s.representative);
    v("capacity", s.capacity);
    v("date", s.date);
  }
};

struct ScoreEntered {
  std::string cluster;
  int year = 0;
  ScoreKind kind = ScoreKind::kSelf;
  std::string scorer;  // organization id
  std::string scored;  // organization id
  std::string criterion;
  Decimal points;
  std::optional<std::string> evidence;  // a reference to the evidence (document, URL, hash)
  template <class S, class V>
  static void describe(S& s, V&& v) {
    v("cluster", s.cluster);
    v("year", s.year);
    v("kind", s.kind);
    v("scorer", s.scorer);
    v("scored", s.scored);
    v("criterion", s.criterion);
    v("points", s.points);
    v("evidence", s.evidence);
  }
};

// A score replaced by an explicit correction; `previous` is the points it replaced.
struct ScoreCorrected {
  std::string cluster;
  int year = 0;
  ScoreKind kind = ScoreKind::kSelf;
  std::string scorer;
  std::string scored;
  std::string criterion;
  Decimal points;
  Decimal previous;
  std::string reason;
  template <class S, class V>
  static void describe(S& s, V&& v) {
    v("cluster", s.cluster);
    v("year", s.year);
    v("kind", s.kind);
    v("scorer", s.scorer);
    v("scored", s.scored);
    v("criterion", s.criterion);
    v("points", s.points);
    v("previous", s.previous);
    v("reason", s.reason);
  }
};

struct ScoringClosed {
  std::string cluster;
  int year = 0;
  Date date;
  template <class S, class V>
  static void describe(S& s, V&& v) {
    v("cluster", s.cluster);
    v("year", s.year);
    v("date", s.date);
  }
};

// The tallies of a vote of the cluster's members on one nominee; `passed` is derived by the
// domain (more than half of the eligible voters said yes, unless the rule set says otherwise).
struct ClusterVoteRecorded {
  std::string cluster;
  int year = 0;
  std::string question;
  Motion motion = Motion::kLeader;
  std::optional<Award> award;  // for Motion::kAward
  std::string nominee;         // organization id
  std::int64_t eligible = 0;
  std::int64_t yes = 0;
  std::int64_t no = 0;
  std::int64_t abstain = 0;
  BallotKind ballot = BallotKind::kSecret;
  Date date;
  bool passed = false;
  // The ranking the members voted on, as it stood when the vote was recorded (absent from
  // votes recorded before it was kept).
  std::optional<std::vector<Standing>> standings;
  template <class S, class V>
  static void describe(S& s, V&& v) {
    v("cluster", s.cluster);
    v("year", s.year);
    v("question", s.question);
    v("motion", s.motion);
    v("award", s.award);
    v("nominee", s.nominee);
    v("eligible", s.eligible);
    v("yes", s.yes);
    v("no", s.no);
    v("abstain", s.abstain);
    v("ballot", s.ballot);
    v("date", s.date);
    v("passed", s.passed);
    v("standings", s.standings);
  }
};

}  // namespace thidua::domain
