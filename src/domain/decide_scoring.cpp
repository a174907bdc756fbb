// Scores, corrections, closing the sheet, and the members' votes.
#include "decide_internal.hpp"
#include "thidua/domain/ranking.hpp"

namespace thidua::domain::internal {

namespace {

const CovenantCriterion* find_criterion(const CovenantAdopted& covenant, const std::string& code) {
  for (const CovenantCriterion& k : covenant.criteria) {
    if (k.code == code) return &k;
  }
  return nullptr;
}

// A member takes part in the year's scoring only once it has signed the covenant: it scores and
// is scored from then on, whoever else has not signed yet. The organiser is not a member and
// enters final scores without signing.
std::optional<Verdict> refuse_unless_signed(const State& state, const ClusterState& cluster,
                                            int year, const std::string& organization,
                                            const char* side) {
  if (!cluster.is_member(organization, year) || cluster.has_signed(organization, year)) {
    return std::nullopt;
  }
  return Verdict::refuse("score.after_signing",
                         quoted(name_of(state, organization)) + ", the " + side +
                             ", has not signed the covenant of " +
                             quoted(cluster.established.name) + " for " + std::to_string(year) +
                             "; a member scores and is scored only once it has signed");
}

// Both sides of a score have signed: the scorer when it is a member (the head entering final
// scores is one, the organiser is not), and the scored unit.
std::optional<Verdict> signatures_of(const State& state, const ClusterState& cluster, int year,
                                     const std::string& scorer, const std::string& scored) {
  if (auto refused = refuse_unless_signed(state, cluster, year, scorer, "scorer")) return refused;
  return refuse_unless_signed(state, cluster, year, scored, "scored unit");
}

// The rules every score and correction obeys: a covenant, its criterion, bounds, who scores whom,
// and that both sides have signed.
std::optional<Verdict> check_score(const State& state, const ClusterState& cluster, int year,
                                   ScoreKind kind, const std::string& scorer,
                                   const std::string& scored, const std::string& criterion,
                                   Decimal points) {
  const ClusterYearState* y = find_year(cluster, year);
  if (!y || !y->covenant) {
    return Verdict::refuse("score.after_signing", "no covenant is adopted for " +
                                                      std::to_string(year) +
                                                      "; members score once they have signed it");
  }
  const CovenantCriterion* k = find_criterion(y->covenant->value, criterion);
  if (!k) {
    return Verdict::refuse("score.criterion_exists", "the covenant for " + std::to_string(year) +
                                                         " has no criterion " + quoted(criterion));
  }
  if (points.hundredths < 0 || points > k->max_points) {
    return Verdict::refuse("score.within_max", "criterion " + quoted(criterion) + " gives 0 to " +
                                                   k->max_points.to_string() + " points, not " +
                                                   points.to_string());
  }
  if (!cluster.is_member(scored, year)) {
    return Verdict::refuse("score.scored_member", member_phrase(state, cluster, scored, year));
  }
  const std::string& organiser = cluster.established.organiser;
  if (kind == ScoreKind::kFinal) {
    const bool head = y->officers && y->officers->value.head == scorer;
    if (!head && scorer != organiser) {
      return Verdict::refuse("score.final_by_head",
                             "final scores are entered by the year's head or by the organiser, "
                             "not by " +
                                 quoted(name_of(state, scorer)));
    }
    return signatures_of(state, cluster, year, scorer, scored);
  }
  if (!cluster.is_member(scorer, year)) {
    return Verdict::refuse("score.scorer_member", member_phrase(state, cluster, scorer, year));
  }
  if (kind == ScoreKind::kSelf && scorer != scored) {
    return Verdict::refuse("score.self_is_self", "a self-score is entered by the scored unit");
  }
  if (kind == ScoreKind::kCross && scorer == scored) {
    return Verdict::refuse("score.cross_not_self",
                           quoted(name_of(state, scorer)) + " cannot cross-score itself");
  }
  return signatures_of(state, cluster, year, scorer, scored);
}

// Who entered the final score of `scored` on `criterion`, if anyone did (for kind final only).
std::optional<std::string> final_scorer(const ClusterYearState& y, ScoreKind kind,
                                        const std::string& scored, const std::string& criterion) {
  if (kind != ScoreKind::kFinal) return std::nullopt;
  for (const auto& [key, points] : y.scores) {
    if (key.kind == ScoreKind::kFinal && key.scored == scored && key.criterion == criterion) {
      return key.scorer;
    }
  }
  return std::nullopt;
}

}  // namespace

Verdict decide_one(const State& state, const EnterScore& c, const Context&) {
  const ClusterState* cluster = find_cluster(state, c.cluster);
  if (!cluster) return no_cluster(c.cluster);
  if (auto closed = refuse_if_closed(*cluster, c.year)) return *closed;
  if (auto refused =
          check_score(state, *cluster, c.year, c.kind, c.scorer, c.scored, c.criterion, c.points)) {
    return *refused;
  }
  const ClusterYearState& y = *find_year(*cluster, c.year);
  if (y.scores.contains(ScoreKey{c.kind, c.scorer, c.scored, c.criterion})) {
    return Verdict::refuse("score.no_overwrite",
                           "this score is already entered; change it with a correction");
  }
  // A unit has one final score per criterion, whether the head or the organiser entered it: a
  // second one would silently replace (or be averaged with) the first in the ranking.
  if (auto previous = final_scorer(y, c.kind, c.scored, c.criterion)) {
    return Verdict::refuse("score.no_overwrite", quoted(name_of(state, *previous)) +
                                                     " already entered the final score of " +
                                                     quoted(name_of(state, c.scored)) +
                                                     " on criterion " + quoted(c.criterion) +
                                                     "; change it with a correction");
  }
  return Verdict::accept({Event{static_cast<const ScoreEntered&>(c)}});
}

Verdict decide_one(const State& state, const CorrectScore& c, const Context&) {
  const ClusterState* cluster = find_cluster(state, c.cluster);
  if (!cluster) return no_cluster(c.cluster);
  const ClusterYearState* y = find_year(*cluster, c.year);
  auto it = y ? y->scores.find(ScoreKey{c.kind, c.scorer, c.scored, c.criterion})
              : std::map<ScoreKey, Located<Decimal>>::const_iterator{};
  if (!y || it == y->scores.end()) {
    return Verdict::refuse("correction.score_exists", "there is no such score to correct");
  }
  if (c.reason.empty()) {
    return Verdict::refuse("correction.reason", "a correction states its reason");
  }
  if (auto refused =
          check_score(state, *cluster, c.year, c.kind, c.scorer, c.scored, c.criterion, c.points)) {
    return *refused;
  }
  ScoreCorrected e{c.cluster,   c.year,   c.kind,           c.scorer, c.scored,
                   c.criterion, c.points, it->second.value, c.reason};
  return Verdict::accept({Event{std::move(e)}});
}

Verdict decide_one(const State& state, const CloseScoring& c, const Context&) {
  const ClusterState* cluster = find_cluster(state, c.cluster);
  if (!cluster) return no_cluster(c.cluster);
  if (auto closed = refuse_if_closed(*cluster, c.year)) return *closed;
  const ClusterYearState* y = find_year(*cluster, c.year);
  if (!y || !y->covenant) {
    return Verdict::refuse("close.covenant_adopted",
                           "no covenant is adopted for " + std::to_string(c.year));
  }
  return Verdict::accept({Event{static_cast<const ScoringClosed&>(c)}});
}

Verdict decide_one(const State& state, const RecordClusterVote& c, const Context& context) {
  const ClusterState* cluster = find_cluster(state, c.cluster);
  if (!cluster) return no_cluster(c.cluster);
  const ClusterYearState* y = find_year(*cluster, c.year);
  if (!y || !y->closed_at) {
    return Verdict::refuse("vote.after_close",
                           "members vote after the scoring of the year is closed");
  }
  if (!cluster->is_member(c.nominee, c.year)) {
    return Verdict::refuse("vote.nominee_member",
                           member_phrase(state, *cluster, c.nominee, c.year));
  }
  // The members vote on the ranking, which holds only those who signed the covenant: a unit
  // that did not sign took no part in the year's emulation and is neither leader nor proposed.
  if (!cluster->has_signed(c.nominee, c.year)) {
    return Verdict::refuse("vote.nominee_signed",
                           quoted(name_of(state, c.nominee)) + " did not sign the covenant of " +
                               quoted(cluster->established.name) + " for " +
                               std::to_string(c.year) + " and is not ranked");
  }
  if ((c.motion == Motion::kAward) != c.award.has_value()) {
    return Verdict::refuse("vote.motion_award",
                           "a vote on an award names the award; a vote on "
                           "the leader does not");
  }
  const auto members = static_cast<std::int64_t>(cluster->members(c.year).size());
  if (c.yes < 0 || c.no < 0 || c.abstain < 0 || c.yes + c.no + c.abstain > c.eligible ||
      c.eligible > members) {
    return Verdict::refuse(
        "vote.tallies", "yes, no and abstain are negative or add up to more than the " +
                            std::to_string(c.eligible) +
                            " eligible, or more are eligible than the " + std::to_string(members) +
                            " members");
  }
  const RuleSet* rules = context.rules->in_force(c.date);
  if (!rules) {
    return Verdict::refuse("ruleset.in_force", "no rule set covers " + c.date.to_string());
  }
  ClusterVoteRecorded e{
      c.cluster, c.year, c.question, c.motion, c.award, c.nominee, c.eligible,
      c.yes,     c.no,   c.abstain,  c.ballot, c.date,  false,     std::vector<Standing>()};
  e.passed = rules->cluster_vote_pass.share().met_by(c.yes, c.eligible);
  for (const RankedMember& m : rank_cluster_year(*cluster, c.year)) {
    e.standings->push_back({m.rank, m.organization, name_of(state, m.organization), m.total});
  }
  return Verdict::accept({Event{std::move(e)}});
}

}  // namespace thidua::domain::internal
