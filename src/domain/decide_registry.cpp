// Organizations, people, councils, initiatives, ratings, discipline and holds.
#include <algorithm>
#include <set>

#include "decide_internal.hpp"

namespace thidua::domain::internal {

namespace {

template <typename E>
Verdict accept(const E& event) {
  return Verdict::accept({Event{event}});
}

bool share_valid(const ShareSpec& s) {
  return s.denominator > 0 && s.numerator >= 0 && s.numerator <= s.denominator;
}

// The first id in `ids` that is not a registered organization, or nullptr.
const std::string* missing_org(const State& state, const std::vector<std::string>& ids) {
  for (const std::string& id : ids) {
    if (!state.organizations.contains(id)) return &id;
  }
  return nullptr;
}

Verdict refuse_unknown_org(const std::string& id) {
  return Verdict::refuse("organization.exists", "no organization " + quoted(id) + " is registered");
}

}  // namespace

Verdict decide_one(const State& state, const RegisterOrganization& c, const Context& context) {
  if (state.organizations.contains(c.id)) {
    return Verdict::refuse("organization.unique", "organization " + quoted(c.id) +
                                                      " is already registered as " +
                                                      quoted(name_of(state, c.id)));
  }
  if (c.parent && !state.organizations.contains(*c.parent)) {
    return Verdict::refuse("organization.parent_exists",
                           "the parent organization " + quoted(*c.parent) + " is not registered");
  }
  // A kind the law has abolished (districts from 1 July 2025) is not established any more.
  if (c.established) {
    const RuleSet* rules = context.rules->in_force(*c.established);
    if (rules && rules->abolished(c.kind)) {
      return Verdict::refuse("organization.kind_in_force",
                             "no " + std::string(enum_name(c.kind)) + " is established on " +
                                 c.established->to_string() + " under " + rules->id + " (" +
                                 rules->title + ")");
    }
  }
  return accept(static_cast<const OrganizationRegistered&>(c));
}

Verdict decide_one(const State& state, const RenameOrganization& c, const Context&) {
  auto it = state.organizations.find(c.id);
  if (it == state.organizations.end()) return refuse_unknown_org(c.id);
  if (it->second.ended) {
    return Verdict::refuse("organization.active",
                           quoted(it->second.name) + " has ended by merger or split");
  }
  if (it->second.name == c.name) {
    return Verdict::refuse("organization.rename_changes", quoted(c.name) + " is already its name");
  }
  return accept(static_cast<const OrganizationRenamed&>(c));
}

Verdict decide_one(const State& state, const MergeOrganizations& c, const Context&) {
  std::set<std::string> distinct(c.predecessors.begin(), c.predecessors.end());
  if (distinct.size() < 2 || distinct.size() != c.predecessors.size()) {
    return Verdict::refuse("restructure.distinct",
                           "a merger needs at least two different predecessors");
  }
  if (const std::string* m = missing_org(state, c.predecessors)) return refuse_unknown_org(*m);
  if (!state.organizations.contains(c.successor)) return refuse_unknown_org(c.successor);
  for (const std::string& id : c.predecessors) {
    if (state.organizations.at(id).ended) {
      return Verdict::refuse("organization.active",
                             quoted(name_of(state, id)) + " has already ended");
    }
  }
  if (state.organizations.at(c.successor).ended) {
    return Verdict::refuse("organization.active",
                           "the successor " + quoted(name_of(state, c.successor)) + " has ended");
  }
  return accept(static_cast<const OrganizationsMerged&>(c));
}

Verdict decide_one(const State& state, const SplitOrganization& c, const Context&) {
  std::set<std::string> distinct(c.successors.begin(), c.successors.end());
  if (distinct.size() < 2 || distinct.size() != c.successors.size() ||
      distinct.contains(c.predecessor)) {
    return Verdict::refuse("restructure.distinct",
                           "a split needs at least two different successors, other than the "
                           "unit that splits");
  }
  auto it = state.organizations.find(c.predecessor);
  if (it == state.organizations.end()) return refuse_unknown_org(c.predecessor);
  if (const std::string* m = missing_org(state, c.successors)) return refuse_unknown_org(*m);
  if (it->second.ended) {
    return Verdict::refuse("organization.active", quoted(it->second.name) + " has already ended");
  }
  // An ended unit's history already continues under its own successors; it cannot take over
  // part of another unit.
  for (const std::string& id : c.successors) {
    if (state.organizations.at(id).ended) {
      return Verdict::refuse("organization.active",
                             "the successor " + quoted(name_of(state, id)) + " has ended");
    }
  }
  return accept(static_cast<const OrganizationSplit&>(c));
}

Verdict decide_one(const State& state, const RegisterPerson& c, const Context&) {
  if (state.people.contains(c.id)) {
    return Verdict::refuse("person.unique", "person " + quoted(c.id) + " is already registered");
  }
  if (!state.organizations.contains(c.organization)) return refuse_unknown_org(c.organization);
  return accept(static_cast<const PersonRegistered&>(c));
}

Verdict decide_one(const State& state, const EstablishCouncil& c, const Context&) {
  if (state.councils.contains(c.id)) {
    return Verdict::refuse("council.unique", "council " + quoted(c.id) + " already exists");
  }
  if (!state.organizations.contains(c.organization)) return refuse_unknown_org(c.organization);
  if (c.members.empty()) {
    return Verdict::refuse("council.members", "a council needs at least one member");
  }
  bool valid = share_valid(c.quorum);
  std::set<Award> seen;
  for (const CouncilThreshold& t : c.thresholds) {
    valid = valid && share_valid(t.threshold) && seen.insert(t.award).second;
  }
  if (!valid) {
    return Verdict::refuse("council.shares",
                           "quorum and thresholds must be shares between 0 and 1, at most one "
                           "threshold per award");
  }
  return accept(static_cast<const CouncilEstablished&>(c));
}

Verdict decide_one(const State& state, const RecognizeInitiative& c, const Context&) {
  if (state.initiatives.contains(c.id)) {
    return Verdict::refuse("initiative.unique", "initiative " + quoted(c.id) + " already exists");
  }
  if (!state.organizations.contains(c.recognized_by)) return refuse_unknown_org(c.recognized_by);
  if (c.owners.empty()) {
    return Verdict::refuse("initiative.owners", "an initiative needs at least one owner");
  }
  for (const std::string& owner : c.owners) {
    if (!state.people.contains(owner)) {
      return Verdict::refuse("person.exists", "no person " + quoted(owner) + " is registered");
    }
  }
  return accept(static_cast<const InitiativeRecognized&>(c));
}

Verdict decide_one(const State& state, const RateTask& c, const Context&) {
  if (!state.subject_exists(c.subject)) {
    return Verdict::refuse("subject.exists", c.subject.to_string() + " is not registered");
  }
  const auto& ratings = c.subject.kind == SubjectKind::kPerson
                            ? state.people.at(c.subject.id).ratings
                            : state.organizations.at(c.subject.id).ratings;
  if (ratings.contains(c.year)) {
    return Verdict::refuse(
        "rating.once_per_year",
        quoted(name_of(state, c.subject)) + " is already rated for " + std::to_string(c.year));
  }
  return accept(static_cast<const TaskRated&>(c));
}

Verdict decide_one(const State& state, const RecordDiscipline& c, const Context&) {
  if (!state.people.contains(c.person)) {
    return Verdict::refuse("person.exists", "no person " + quoted(c.person) + " is registered");
  }
  return accept(static_cast<const DisciplineRecorded&>(c));
}

Verdict decide_one(const State& state, const PlaceHold& c, const Context&) {
  if (state.holds.contains(c.id)) {
    return Verdict::refuse("hold.unique", "hold " + quoted(c.id) + " already exists");
  }
  if (!state.subject_exists(c.subject)) {
    return Verdict::refuse("subject.exists", c.subject.to_string() + " is not registered");
  }
  return accept(static_cast<const HoldPlaced&>(c));
}

Verdict decide_one(const State& state, const ReleaseHold& c, const Context&) {
  auto it = state.holds.find(c.id);
  if (it == state.holds.end()) {
    return Verdict::refuse("hold.exists", "no hold " + quoted(c.id) + " was placed");
  }
  if (it->second.released_at) {
    return Verdict::refuse("hold.released_once", "hold " + quoted(c.id) + " is already released");
  }
  if (c.date < it->second.placed.date) {
    return Verdict::refuse("hold.release_after_placing",
                           "a hold cannot be released before the date it was placed");
  }
  return accept(static_cast<const HoldReleased&>(c));
}

Verdict decide_one(const State& state, const TransferPerson& c, const Context&) {
  auto it = state.people.find(c.person);
  if (it == state.people.end()) {
    return Verdict::refuse("person.exists", "no person " + quoted(c.person) + " is registered");
  }
  if (!state.organizations.contains(c.organization)) return refuse_unknown_org(c.organization);
  const PersonState& person = it->second;
  if (person.organization() == c.organization) {
    return Verdict::refuse("person.transfer_changes", quoted(person.registered.name) +
                                                          " already works for " +
                                                          quoted(name_of(state, c.organization)));
  }
  const std::optional<Date>& last = person.postings.back().value.from;
  if (last && c.effective < *last) {
    return Verdict::refuse(
        "person.transfer_in_order",
        "a transfer takes effect on or after the last one (" + last->to_string() + ")");
  }
  return accept(static_cast<const PersonTransferred&>(c));
}

}  // namespace thidua::domain::internal
