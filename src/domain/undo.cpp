#include "thidua/domain/undo.hpp"

#include <optional>
#include <utility>

namespace thidua::domain {

namespace {

std::string key_text(const std::string& key) { return key; }
std::string key_text(const std::pair<std::string, std::string>& key) {
  return key.first + '\x1e' + key.second;
}

}  // namespace

template <class Map>
void UndoLog::keep(const State& state, Map State::*map, const typename Map::key_type& key,
                   std::string_view tag) {
  if (!kept_.insert(std::string(tag) + '\x1f' + key_text(key)).second) return;
  const Map& m = state.*map;
  auto it = m.find(key);
  if (it == m.end()) {
    restores_.push_back([map, key](State& s) { (s.*map).erase(key); });
  } else {
    restores_.push_back(
        [map, key, value = it->second](State& s) { (s.*map).insert_or_assign(key, value); });
  }
}

namespace {

// The entries of the state each event changes (state.cpp's Evolver), kept by `keep`.
struct Touches {
  const State& s;
  std::function<void(std::string_view map, const std::string& key)> keep;
  std::function<void(const std::pair<std::string, std::string>& number)> keep_number;

  void org(const std::string& id) { keep("organizations", id); }
  void person(const std::string& id) { keep("people", id); }

  void operator()(const OrganizationRegistered& e) { org(e.id); }
  void operator()(const OrganizationRenamed& e) { org(e.id); }
  void operator()(const OrganizationsMerged& e) {
    for (const std::string& p : e.predecessors) org(p);
    org(e.successor);
  }
  void operator()(const OrganizationSplit& e) {
    org(e.predecessor);
    for (const std::string& succ : e.successors) org(succ);
  }
  void operator()(const PersonRegistered& e) {
    person(e.id);
    keep("staff", e.organization);
  }
  void operator()(const PersonTransferred& e) {
    person(e.person);
    keep("staff", e.organization);
  }
  void operator()(const CouncilEstablished& e) { keep("councils", e.id); }
  void operator()(const InitiativeRecognized& e) { keep("initiatives", e.id); }
  void operator()(const TaskRated& e) {
    if (e.subject.kind == SubjectKind::kPerson) {
      person(e.subject.id);
    } else {
      org(e.subject.id);
    }
  }
  void operator()(const DisciplineRecorded& e) { person(e.person); }
  void operator()(const HoldPlaced& e) {
    keep("holds", e.id);
    keep("holds_by_subject", e.subject.to_string());
  }
  void operator()(const HoldReleased& e) { keep("holds", e.id); }
  void operator()(const MovementLaunched& e) { keep("movements", e.id); }
  void operator()(const RegistrationSubmitted& e) { keep("movements", e.movement); }
  void operator()(const ProgressReported& e) { keep("movements", e.movement); }
  void operator()(const ClusterEstablished& e) { keep("clusters", e.id); }
  void operator()(const ProposalSubmitted& e) { keep("proposals", e.id); }
  void operator()(const ProposalPublished& e) { keep("proposals", e.proposal); }
  void operator()(const CouncilVoteRecorded& e) { keep("proposals", e.proposal); }
  void operator()(const DecisionIssued& e) {
    keep("decisions", e.id);
    keep_number({e.issuer, e.number});
    for (const Recipient& r : e.recipients) {
      keep("awards", r.subject.to_string());
      for (const std::string& i : r.initiatives) keep("initiatives", i);
    }
  }
  void operator()(const DecisionCorrected& e) {
    keep("decisions", e.decision);
    if (auto it = s.decisions.find(e.decision); it != s.decisions.end()) {
      keep_number({it->second.issued.issuer, e.number});
    }
  }
  void operator()(const DecisionRevoked& e) {
    keep("decisions", e.decision);
    keep_number({e.issuer, e.number});
    if (auto it = s.decisions.find(e.decision); it != s.decisions.end()) {
      for (const Recipient& r : it->second.issued.recipients) {
        for (const std::string& i : r.initiatives) keep("initiatives", i);
      }
    }
  }
  // Every other event is of a cluster: membership changes and the yearly events.
  template <typename T>
  void operator()(const T& e) {
    static_assert(
        requires(const T& x) { x.cluster; },
        "an event that is not of a cluster needs its own entries here");
    keep("clusters", e.cluster);
  }
};

}  // namespace

void UndoLog::remember(const State& state, const Event& event) {
  if (!next_position_) next_position_ = state.next_position;
  Touches touches{state,
                  [&](std::string_view map, const std::string& key) {
                    if (map == "organizations") keep(state, &State::organizations, key, map);
                    if (map == "people") keep(state, &State::people, key, map);
                    if (map == "councils") keep(state, &State::councils, key, map);
                    if (map == "initiatives") keep(state, &State::initiatives, key, map);
                    if (map == "holds") keep(state, &State::holds, key, map);
                    if (map == "movements") keep(state, &State::movements, key, map);
                    if (map == "clusters") keep(state, &State::clusters, key, map);
                    if (map == "proposals") keep(state, &State::proposals, key, map);
                    if (map == "decisions") keep(state, &State::decisions, key, map);
                    if (map == "awards") keep(state, &State::awards, key, map);
                    if (map == "holds_by_subject") keep(state, &State::holds_by_subject, key, map);
                    if (map == "staff") keep(state, &State::staff, key, map);
                  },
                  [&](const std::pair<std::string, std::string>& number) {
                    keep(state, &State::numbers, number, "numbers");
                  }};
  std::visit(touches, event);
}

void UndoLog::undo(State& state) {
  for (auto it = restores_.rbegin(); it != restores_.rend(); ++it) (*it)(state);
  if (next_position_) state.next_position = *next_position_;
  clear();
}

void UndoLog::clear() {
  restores_.clear();
  kept_.clear();
  next_position_.reset();
}

}  // namespace thidua::domain
