// The state the domain decides on: everything the rules need to know, folded from the events
// in position order by evolve().
//
// State is a plain value. evolve() trusts its input: it is only ever given events that
// decide() produced against the state before them, so it never refuses; an event that refers
// to something unknown is ignored rather than crashing a replay. Every fact keeps the position
// of the event that established it, so a rule check can cite it. Not synchronised: one writer
// at a time, or a copy per reader. Each part describes its members (describe(), as events do)
// so that the whole state can be written and read back (codec/state_snapshot.hpp).
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "thidua/domain/events.hpp"

namespace thidua::domain {

template <typename T>
struct Located {
  T value;
  std::uint64_t position = 0;
  template <class S, class V>
  static void describe(S& s, V&& v) {
    v("value", s.value);
    v("position", s.position);
  }
};

struct OrganizationState {
  OrganizationRegistered registered;
  std::uint64_t position = 0;
  std::string name;  // the current name
  bool ended = false;
  std::vector<std::string> successors;
  std::vector<std::string> predecessors;
  std::map<int, Located<Rating>> ratings;
  template <class S, class V>
  static void describe(S& s, V&& v) {
    v("registered", s.registered);
    v("position", s.position);
    v("name", s.name);
    v("ended", s.ended);
    v("successors", s.successors);
    v("predecessors", s.predecessors);
    v("ratings", s.ratings);
  }
};

// Where a person works from a date on (no date: from the start of the records).
struct Posting {
  std::string organization;
  std::optional<Date> from;
  template <class S, class V>
  static void describe(S& s, V&& v) {
    v("organization", s.organization);
    v("from", s.from);
  }
};

struct PersonState {
  PersonRegistered registered;
  std::uint64_t position = 0;
  std::vector<Located<Posting>> postings;  // in order; the last is the current one
  std::map<int, Located<Rating>> ratings;
  std::vector<Located<DisciplineRecorded>> disciplines;
  template <class S, class V>
  static void describe(S& s, V&& v) {
    v("registered", s.registered);
    v("position", s.position);
    v("postings", s.postings);
    v("ratings", s.ratings);
    v("disciplines", s.disciplines);
  }

  const std::string& organization() const { return postings.back().value.organization; }
  // The organization the person worked for on `date`; empty before the first posting.
  std::string organization_on(Date date) const;
};

struct InitiativeState {
  InitiativeRecognized recognized;
  std::uint64_t position = 0;
  std::optional<std::string> used_by;  // the active decision that relies on it
  template <class S, class V>
  static void describe(S& s, V&& v) {
    v("recognized", s.recognized);
    v("position", s.position);
    v("used_by", s.used_by);
  }
};

struct HoldState {
  HoldPlaced placed;
  std::uint64_t position = 0;
  std::optional<std::uint64_t> released_at;  // position of the release
  std::optional<Date> released_on;           // date of the release
  template <class S, class V>
  static void describe(S& s, V&& v) {
    v("placed", s.placed);
    v("position", s.position);
    v("released_at", s.released_at);
    v("released_on", s.released_on);
  }

  // Whether the hold is in force on `date`: placed on or before it and not released by then.
  bool in_force_on(Date date) const {
    return placed.date <= date && (!released_on || date < *released_on);
  }
};

struct MovementState {
  MovementLaunched launched;
  std::uint64_t position = 0;
  std::map<std::pair<std::string, int>, Located<RegistrationSubmitted>>
      registrations;  // (unit, year)
  std::map<std::pair<std::string, int>, Located<ProgressReported>>
      progress;  // (unit, target): latest
  template <class S, class V>
  static void describe(S& s, V&& v) {
    v("launched", s.launched);
    v("position", s.position);
    v("registrations", s.registrations);
    v("progress", s.progress);
  }
};

struct ScoreKey {
  ScoreKind kind = ScoreKind::kSelf;
  std::string scorer;
  std::string scored;
  std::string criterion;
  template <class S, class V>
  static void describe(S& s, V&& v) {
    v("kind", s.kind);
    v("scorer", s.scorer);
    v("scored", s.scored);
    v("criterion", s.criterion);
  }
  auto operator<=>(const ScoreKey&) const = default;
};

struct ClusterYearState {
  std::optional<Located<OfficersElected>> officers;
  std::optional<Located<CovenantAdopted>> covenant;
  std::map<std::string, Located<CovenantSigned>> signatures;
  std::map<ScoreKey, Located<Decimal>> scores;  // the current points of each score
  std::vector<Located<ScoreCorrected>> corrections;
  std::optional<std::uint64_t> closed_at;
  std::vector<Located<ClusterVoteRecorded>> votes;
  template <class S, class V>
  static void describe(S& s, V&& v) {
    v("officers", s.officers);
    v("covenant", s.covenant);
    v("signatures", s.signatures);
    v("scores", s.scores);
    v("corrections", s.corrections);
    v("closed_at", s.closed_at);
    v("votes", s.votes);
  }

  // The members whose leader vote passed, with the position of that vote.
  std::vector<Located<std::string>> leaders() const;
};

// An organization joining or leaving a cluster from a year on.
struct MembershipChange {
  int year = 0;
  std::string organization;
  bool joined = false;  // false: it left
  template <class S, class V>
  static void describe(S& s, V&& v) {
    v("year", s.year);
    v("organization", s.organization);
    v("joined", s.joined);
  }
};

struct ClusterState {
  ClusterEstablished established;
  std::uint64_t position = 0;
  std::vector<Located<MembershipChange>> changes;  // in the order recorded
  std::map<int, ClusterYearState> years;
  template <class S, class V>
  static void describe(S& s, V&& v) {
    v("established", s.established);
    v("position", s.position);
    v("changes", s.changes);
    v("years", s.years);
  }

  bool is_member(const std::string& organization, int year) const;
  std::vector<std::string> members(int year) const;  // sorted
  // Whether `organization` has signed the covenant of `year` (false when none is adopted).
  bool has_signed(const std::string& organization, int year) const;
};

struct CouncilState {
  CouncilEstablished established;
  std::uint64_t position = 0;
  template <class S, class V>
  static void describe(S& s, V&& v) {
    v("established", s.established);
    v("position", s.position);
  }
  const ShareSpec* threshold_for(Award award) const;
};

struct ProposalState {
  ProposalSubmitted submitted;
  std::uint64_t position = 0;
  std::vector<Located<CouncilVoteRecorded>> votes;
  std::optional<Located<ProposalPublished>> published;
  template <class S, class V>
  static void describe(S& s, V&& v) {
    v("submitted", s.submitted);
    v("position", s.position);
    v("votes", s.votes);
    v("published", s.published);
  }
};

struct DecisionState {
  DecisionIssued issued;
  std::uint64_t position = 0;
  std::vector<Located<DecisionCorrected>> corrections;
  std::optional<Located<DecisionRevoked>> revocation;
  template <class S, class V>
  static void describe(S& s, V&& v) {
    v("issued", s.issued);
    v("position", s.position);
    v("corrections", s.corrections);
    v("revocation", s.revocation);
  }
};

// One award a subject received, by decision.
struct AwardRecord {
  Award award = Award::kGK;
  Occasion occasion = Occasion::kAnnual;
  int year = 0;
  std::string decision;
  std::uint64_t position = 0;
  template <class S, class V>
  static void describe(S& s, V&& v) {
    v("award", s.award);
    v("occasion", s.occasion);
    v("year", s.year);
    v("decision", s.decision);
    v("position", s.position);
  }
};

struct State {
  std::map<std::string, OrganizationState> organizations;
  std::map<std::string, PersonState> people;
  std::map<std::string, CouncilState> councils;
  std::map<std::string, InitiativeState> initiatives;
  std::map<std::string, HoldState> holds;
  std::map<std::string, MovementState> movements;
  std::map<std::string, ClusterState> clusters;
  std::map<std::string, ProposalState> proposals;
  std::map<std::string, DecisionState> decisions;
  // Indexes kept by evolve.
  std::map<std::string, std::vector<AwardRecord>> awards;  // subject -> awards
  // (issuer, number) of every decision, correction and revocation -> the decision concerned.
  std::map<std::pair<std::string, std::string>, std::string> numbers;
  std::map<std::string, std::set<std::string>> holds_by_subject;  // subject -> hold ids
  std::map<std::string, std::set<std::string>> staff;  // organization -> everyone posted there
  std::uint64_t next_position = 0;                     // one past the last event applied
  template <class S, class V>
  static void describe(S& s, V&& v) {
    v("organizations", s.organizations);
    v("people", s.people);
    v("councils", s.councils);
    v("initiatives", s.initiatives);
    v("holds", s.holds);
    v("movements", s.movements);
    v("clusters", s.clusters);
    v("proposals", s.proposals);
    v("decisions", s.decisions);
    v("awards", s.awards);
    v("numbers", s.numbers);
    v("holds_by_subject", s.holds_by_subject);
    v("staff", s.staff);
    v("next_position", s.next_position);
  }

  // Active awards of `subject` (not revoked).
  std::vector<AwardRecord> active_awards(const std::string& subject) const;
  // Holds on `subject` in force on `date`; without a date, those not released.
  std::vector<const HoldState*> active_holds(const std::string& subject,
                                             std::optional<Date> date = std::nullopt) const;
  bool subject_exists(const SubjectRef& subject) const;
  // The people who worked for `organization` at the end of `year` (31 December), sorted.
  std::vector<std::string> members_in(const std::string& organization, int year) const;
};

// Applies `event`, recorded at `position`, to `state`. REQUIRES: position ==
// state.next_position (events are applied in order, none skipped).
void evolve(State& state, const Event& event, std::uint64_t position);

}  // namespace thidua::domain
