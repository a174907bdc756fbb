// Movements: launch, registration, progress.
#include <set>

#include "decide_internal.hpp"

namespace thidua::domain::internal {

namespace {

const Target* find_target(const MovementLaunched& m, int number) {
  for (const Target& t : m.targets) {
    if (t.number == number) return &t;
  }
  return nullptr;
}

}  // namespace

Verdict decide_one(const State& state, const LaunchMovement& c, const Context&) {
  if (state.movements.contains(c.id)) {
    return Verdict::refuse("movement.unique", "movement " + quoted(c.id) + " already exists");
  }
  if (!state.organizations.contains(c.launched_by)) {
    return Verdict::refuse("organization.exists",
                           "no organization " + quoted(c.launched_by) + " is registered");
  }
  if (c.end < c.start) {
    return Verdict::refuse("movement.period", "the movement ends (" + c.end.to_string() +
                                                  ") before it starts (" + c.start.to_string() +
                                                  ")");
  }
  std::set<int> numbers;
  for (const Target& t : c.targets) {
    if (!numbers.insert(t.number).second) {
      return Verdict::refuse("movement.targets_numbered",
                             "target number " + std::to_string(t.number) + " appears twice");
    }
  }
  std::set<std::string> codes;
  for (const MovementCriterion& k : c.criteria) {
    if (!codes.insert(k.code).second) {
      return Verdict::refuse("movement.criteria_unique",
                             "criterion " + quoted(k.code) + " appears twice");
    }
  }
  return Verdict::accept({Event{static_cast<const MovementLaunched&>(c)}});
}

Verdict decide_one(const State& state, const SubmitRegistration& c, const Context&) {
  auto it = state.movements.find(c.movement);
  if (it == state.movements.end()) {
    return Verdict::refuse("movement.exists", "no movement " + quoted(c.movement) + " exists");
  }
  const MovementLaunched& m = it->second.launched;
  if (!state.organizations.contains(c.organization)) {
    return Verdict::refuse("organization.exists",
                           "no organization " + quoted(c.organization) + " is registered");
  }
  if (c.year < m.start.year || c.year > m.end.year) {
    return Verdict::refuse("registration.within_period",
                           "the movement " + quoted(m.name) + " runs from " + m.start.to_string() +
                               " to " + m.end.to_string() + ", not in " + std::to_string(c.year));
  }
  if (it->second.registrations.contains({c.organization, c.year})) {
    return Verdict::refuse("registration.once", quoted(name_of(state, c.organization)) +
                                                    " is already registered for " +
                                                    std::to_string(c.year));
  }
  for (const Pledge& p : c.pledges) {
    if (!find_target(m, p.target)) {
      return Verdict::refuse("registration.target_exists",
                             "the movement has no target number " + std::to_string(p.target));
    }
  }
  return Verdict::accept({Event{static_cast<const RegistrationSubmitted&>(c)}});
}

Verdict decide_one(const State& state, const ReportProgress& c, const Context&) {
  auto it = state.movements.find(c.movement);
  if (it == state.movements.end()) {
    return Verdict::refuse("movement.exists", "no movement " + quoted(c.movement) + " exists");
  }
  const MovementLaunched& m = it->second.launched;
  if (!find_target(m, c.target)) {
    return Verdict::refuse("progress.target_exists",
                           "the movement has no target number " + std::to_string(c.target));
  }
  if (!state.organizations.contains(c.organization)) {
    return Verdict::refuse("organization.exists",
                           "no organization " + quoted(c.organization) + " is registered");
  }
  if (c.date < m.start) {
    return Verdict::refuse(
        "progress.within_period",
        "progress cannot be reported before the movement starts (" + m.start.to_string() + ")");
  }
  if (c.value.hundredths < 0) {
    return Verdict::refuse("progress.non_negative", "a progress value cannot be negative");
  }
  return Verdict::accept({Event{static_cast<const ProgressReported&>(c)}});
}

}  // namespace thidua::domain::internal
