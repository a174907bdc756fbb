// The streams an answer depends on.
//
// An answer about the past (a document or an eligibility answer as it stood at position P, a
// decision's evidence) is recomputed by folding into an empty State only the events of the
// streams it depends on, at positions up to P (evolve() never reads beyond the entities an
// event names). These functions name those streams. They are given a state at or past P (in
// practice the current one) and name a superset of what any position up to it needs: the
// state only ever adds references (members join, decisions and postings are added, a
// revocation or correction keeps what it changes), so what the answer read at P is still
// referenced. A stream named but empty at P costs a read and changes nothing.
//
// Pure functions; thread-safe on a state nobody is changing.
#pragma once

#include <set>
#include <string>

#include "thidua/domain/decide.hpp"
#include "thidua/domain/state.hpp"

namespace thidua::domain {

// A set of stream names ("organization/<id>", "decision/<id>", "cluster/<id>/<year>", ...,
// see subject_of), added to by what an answer reads.
class StreamSet {
 public:
  explicit StreamSet(const State& now) : s_(now) {}

  const std::set<std::string>& streams() const { return streams_; }

  // The organization's stream: its registration, renames, the mergers it is the successor of
  // and the splits it is the predecessor of, its ratings; and those of the organizations it
  // merged or split with, which the same events name.
  void organization(const std::string& id);
  // The person's stream (registration, transfers, ratings) and discipline stream
  // ("discipline/<id>"; older logs kept discipline in the person's stream), and the names of
  // every organization the person was posted to.
  void person(const std::string& id);
  void subject(const SubjectRef& subject);
  // A decision's stream (issue, corrections, revocation) and the names of its issuer, its
  // revoker and its recipients.
  void decision(const std::string& id);
  // The subject's awards: every decision that gave it one.
  void awards(const std::string& subject);
  // A cluster's own stream and the names of everyone it ever listed; with a year, that year's
  // stream too.
  void cluster(const std::string& id);
  void cluster_year(const std::string& id, int year);
  void movement(const std::string& id);
  // An initiative's stream, its recognising body, and every decision that cited it (which marks
  // it used, or frees it when revoked).
  void initiative(const std::string& id);
  void hold(const std::string& id);
  void proposal(const std::string& id);
  void council(const std::string& id);
  void add(std::string stream) { streams_.insert(std::move(stream)); }

 private:
  const State& s_;
  std::set<std::string> streams_;
  // What was named with everything it brings (a stream may be named alone first).
  std::set<std::string> people_done_, decisions_done_, initiatives_done_;
};

// Everything check_eligibility(state, any rule set, question) reads, at any position up to
// `now`'s: the subject, its holds, awards, ratings, initiatives and discipline; the issuer; for
// collectives, everyone who was posted to it (their awards, ratings and discipline); for a
// person's CSTDCS, the members of every unit the person worked for; for flags, the clusters
// the subject was listed in and those of the same organiser, with their leaders' awards.
void add_eligibility_streams(const State& now, const EligibilityQuestion& question, StreamSet& out);

// Everything decide() reads to issue the recorded decision `id` again against the state just
// before it, and the decision's own stream (corrections, revocation): the issuer and its
// councils, the proposal it answers (the council's votes, the publication), the movement, and
// each recipient's eligibility (add_eligibility_streams). Nothing when `now` has no such
// decision.
void add_decision_streams(const State& now, const std::string& id, StreamSet& out);

}  // namespace thidua::domain
