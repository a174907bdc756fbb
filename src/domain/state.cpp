// evolve(): folds each event into the state; and the state's queries (membership and signatures
// by year, leaders, active awards, holds in force).
#include "thidua/domain/state.hpp"

#include <algorithm>
#include <cassert>

namespace thidua::domain {

std::vector<Located<std::string>> ClusterYearState::leaders() const {
  std::vector<Located<std::string>> out;
  for (const auto& v : votes) {
    if (v.value.motion == Motion::kLeader && v.value.passed) {
      out.push_back({v.value.nominee, v.position});
    }
  }
  return out;
}

bool ClusterState::is_member(const std::string& organization, int year) const {
  bool member = established.year <= year &&
                std::find(established.members.begin(), established.members.end(), organization) !=
                    established.members.end();
  // Changes apply from their year on; a later record for the same year wins.
  int best_year = established.year;
  for (const auto& c : changes) {
    const MembershipChange& change = c.value;
    if (change.organization == organization && change.year <= year && change.year >= best_year) {
      best_year = change.year;
      member = change.joined;
    }
  }
  return member;
}

std::vector<std::string> ClusterState::members(int year) const {
  std::set<std::string> candidates(established.members.begin(), established.members.end());
  for (const auto& c : changes) candidates.insert(c.value.organization);
  std::vector<std::string> out;
  for (const std::string& o : candidates) {
    if (is_member(o, year)) out.push_back(o);
  }
  return out;
}

bool ClusterState::has_signed(const std::string& organization, int year) const {
  auto it = years.find(year);
  return it != years.end() && it->second.signatures.contains(organization);
}

const ShareSpec* CouncilState::threshold_for(Award award) const {
  for (const CouncilThreshold& t : established.thresholds) {
    if (t.award == award) return &t.threshold;
  }
  return nullptr;
}

std::vector<AwardRecord> State::active_awards(const std::string& subject) const {
  std::vector<AwardRecord> out;
  auto it = awards.find(subject);
  if (it == awards.end()) return out;
  for (const AwardRecord& r : it->second) {
    auto d = decisions.find(r.decision);
    if (d != decisions.end() && !d->second.revocation) out.push_back(r);
  }
  return out;
}

std::vector<const HoldState*> State::active_holds(const std::string& subject,
                                                  std::optional<Date> date) const {
  std::vector<const HoldState*> out;
  auto it = holds_by_subject.find(subject);
  if (it == holds_by_subject.end()) return out;
  for (const std::string& id : it->second) {
    const HoldState& h = holds.at(id);
    if (date ? h.in_force_on(*date) : !h.released_at) out.push_back(&h);
  }
  return out;
}

std::string PersonState::organization_on(Date date) const {
  std::string out;
  for (const auto& p : postings) {
    if (!p.value.from || *p.value.from <= date) out = p.value.organization;
  }
  return out;
}

std::vector<std::string> State::members_in(const std::string& organization, int year) const {
  std::vector<std::string> out;
  auto it = staff.find(organization);
  if (it == staff.end()) return out;
  for (const std::string& person : it->second) {
    if (people.at(person).organization_on(Date{year, 12, 31}) == organization) {
      out.push_back(person);
    }
  }
  return out;
}

bool State::subject_exists(const SubjectRef& subject) const {
  return subject.kind == SubjectKind::kPerson ? people.contains(subject.id)
                                              : organizations.contains(subject.id);
}

namespace {

struct Evolver {
  State& s;
  std::uint64_t pos;

  void operator()(const OrganizationRegistered& e) {
    OrganizationState o{e, pos, e.name, false, {}, {}, {}};
    s.organizations.emplace(e.id, std::move(o));
  }
  void operator()(const OrganizationRenamed& e) {
    if (auto* o = org(e.id)) o->name = e.name;
  }
  void operator()(const OrganizationsMerged& e) {
    for (const std::string& p : e.predecessors) {
      if (p == e.successor) continue;
      if (auto* o = org(p)) {
        o->ended = true;
        o->successors = {e.successor};
      }
      if (auto* o = org(e.successor)) o->predecessors.push_back(p);
    }
  }
  void operator()(const OrganizationSplit& e) {
    if (auto* o = org(e.predecessor)) {
      o->ended = true;
      o->successors = e.successors;
    }
    for (const std::string& succ : e.successors) {
      if (auto* o = org(succ)) o->predecessors.push_back(e.predecessor);
    }
  }
  void operator()(const PersonRegistered& e) {
    PersonState person{e, pos, {{{e.organization, e.since}, pos}}, {}, {}};
    s.people.emplace(e.id, std::move(person));
    s.staff[e.organization].insert(e.id);
  }
  void operator()(const PersonTransferred& e) {
    auto it = s.people.find(e.person);
    if (it == s.people.end()) return;
    it->second.postings.push_back({{e.organization, e.effective}, pos});
    s.staff[e.organization].insert(e.person);
  }
  void operator()(const CouncilEstablished& e) { s.councils.emplace(e.id, CouncilState{e, pos}); }
  void operator()(const InitiativeRecognized& e) {
    s.initiatives.emplace(e.id, InitiativeState{e, pos, std::nullopt});
  }
  void operator()(const TaskRated& e) {
    Located<Rating> r{e.rating, pos};
    if (e.subject.kind == SubjectKind::kPerson) {
      if (auto it = s.people.find(e.subject.id); it != s.people.end()) {
        it->second.ratings[e.year] = r;
      }
    } else if (auto* o = org(e.subject.id)) {
      o->ratings[e.year] = r;
    }
  }
  void operator()(const DisciplineRecorded& e) {
    if (auto it = s.people.find(e.person); it != s.people.end()) {
      it->second.disciplines.push_back({e, pos});
    }
  }
  void operator()(const HoldPlaced& e) {
    s.holds.emplace(e.id, HoldState{e, pos, std::nullopt, std::nullopt});
    s.holds_by_subject[e.subject.to_string()].insert(e.id);
  }
  void operator()(const HoldReleased& e) {
    if (auto it = s.holds.find(e.id); it != s.holds.end()) {
      it->second.released_at = pos;
      it->second.released_on = e.date;
    }
  }
  void operator()(const MovementLaunched& e) {
    s.movements.emplace(e.id, MovementState{e, pos, {}, {}});
  }
  void operator()(const RegistrationSubmitted& e) {
    if (auto it = s.movements.find(e.movement); it != s.movements.end()) {
      it->second.registrations[{e.organization, e.year}] = {e, pos};
    }
  }
  void operator()(const ProgressReported& e) {
    if (auto it = s.movements.find(e.movement); it != s.movements.end()) {
      it->second.progress[{e.organization, e.target}] = {e, pos};
    }
  }
  void operator()(const ClusterEstablished& e) {
    s.clusters.emplace(e.id, ClusterState{e, pos, {}, {}});
  }
  void operator()(const ClusterMemberJoined& e) { change(e.cluster, e.year, e.organization, true); }
  void operator()(const ClusterMemberLeft& e) { change(e.cluster, e.year, e.organization, false); }
  void operator()(const OfficersElected& e) {
    if (auto* y = year(e.cluster, e.year)) y->officers = Located<OfficersElected>{e, pos};
  }
  void operator()(const CovenantAdopted& e) {
    if (auto* y = year(e.cluster, e.year)) y->covenant = Located<CovenantAdopted>{e, pos};
  }
  void operator()(const CovenantSigned& e) {
    if (auto* y = year(e.cluster, e.year)) y->signatures[e.organization] = {e, pos};
  }
  void operator()(const ScoreEntered& e) {
    if (auto* y = year(e.cluster, e.year)) {
      y->scores[ScoreKey{e.kind, e.scorer, e.scored, e.criterion}] = {e.points, pos};
    }
  }
  void operator()(const ScoreCorrected& e) {
    if (auto* y = year(e.cluster, e.year)) {
      y->scores[ScoreKey{e.kind, e.scorer, e.scored, e.criterion}] = {e.points, pos};
      y->corrections.push_back({e, pos});
    }
  }
  void operator()(const ScoringClosed& e) {
    if (auto* y = year(e.cluster, e.year)) y->closed_at = pos;
  }
  void operator()(const ClusterVoteRecorded& e) {
    if (auto* y = year(e.cluster, e.year)) y->votes.push_back({e, pos});
  }
  void operator()(const ProposalSubmitted& e) {
    s.proposals.emplace(e.id, ProposalState{e, pos, {}, std::nullopt});
  }
  void operator()(const ProposalPublished& e) {
    if (auto it = s.proposals.find(e.proposal); it != s.proposals.end()) {
      it->second.published = Located<ProposalPublished>{e, pos};
    }
  }
  void operator()(const CouncilVoteRecorded& e) {
    if (auto it = s.proposals.find(e.proposal); it != s.proposals.end()) {
      it->second.votes.push_back({e, pos});
    }
  }
  void operator()(const DecisionIssued& e) {
    s.decisions.emplace(e.id, DecisionState{e, pos, {}, std::nullopt});
    s.numbers[{e.issuer, e.number}] = e.id;
    for (const Recipient& r : e.recipients) {
      s.awards[r.subject.to_string()].push_back({e.award, e.occasion, e.year, e.id, pos});
      for (const std::string& i : r.initiatives) {
        if (auto it = s.initiatives.find(i); it != s.initiatives.end()) it->second.used_by = e.id;
      }
    }
  }
  void operator()(const DecisionCorrected& e) {
    if (auto it = s.decisions.find(e.decision); it != s.decisions.end()) {
      it->second.corrections.push_back({e, pos});
      s.numbers[{it->second.issued.issuer, e.number}] = e.decision;
    }
  }
  void operator()(const DecisionRevoked& e) {
    auto it = s.decisions.find(e.decision);
    if (it == s.decisions.end()) return;
    it->second.revocation = Located<DecisionRevoked>{e, pos};
    s.numbers[{e.issuer, e.number}] = e.decision;
    // A revoked award no longer uses its initiatives: they may support another award.
    for (const Recipient& r : it->second.issued.recipients) {
      for (const std::string& i : r.initiatives) {
        auto in = s.initiatives.find(i);
        if (in != s.initiatives.end() && in->second.used_by == e.decision) {
          in->second.used_by.reset();
        }
      }
    }
  }

  OrganizationState* org(const std::string& id) {
    auto it = s.organizations.find(id);
    return it == s.organizations.end() ? nullptr : &it->second;
  }
  ClusterYearState* year(const std::string& cluster, int y) {
    auto it = s.clusters.find(cluster);
    return it == s.clusters.end() ? nullptr : &it->second.years[y];
  }
  void change(const std::string& cluster, int y, const std::string& who, bool joined) {
    if (auto it = s.clusters.find(cluster); it != s.clusters.end()) {
      it->second.changes.push_back({{y, who, joined}, pos});
    }
  }
};

}  // namespace

void evolve(State& state, const Event& event, std::uint64_t position) {
  assert(position == state.next_position);
  std::visit(Evolver{state, position}, event);
  state.next_position = position + 1;
}

}  // namespace thidua::domain
