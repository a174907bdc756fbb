// decide(): dispatches each command to its decide_one overload (decide_*.cpp), and the naming
// helpers refusals share.
#include "thidua/domain/decide.hpp"

#include "decide_internal.hpp"

namespace thidua::domain {

namespace internal {

std::string name_of(const State& state, const std::string& organization) {
  auto it = state.organizations.find(organization);
  return it == state.organizations.end() ? organization : it->second.name;
}

std::string name_of(const State& state, const SubjectRef& subject) {
  if (subject.kind == SubjectKind::kOrganization) return name_of(state, subject.id);
  auto it = state.people.find(subject.id);
  return it == state.people.end() ? subject.id : it->second.registered.name;
}

std::string quoted(const std::string& text) { return "\"" + text + "\""; }

std::map<std::string, std::uint64_t> leaders_of(const State& state, int year,
                                                const std::string& organiser) {
  std::map<std::string, std::uint64_t> out;
  for (const auto& [id, cluster] : state.clusters) {
    if (!organiser.empty() && cluster.established.organiser != organiser) continue;
    auto y = cluster.years.find(year);
    if (y == cluster.years.end()) continue;
    for (const auto& leader : y->second.leaders()) out.emplace(leader.value, leader.position);
  }
  return out;
}

std::string organiser_led_by(const State& state, const std::string& organization, int year) {
  for (const auto& [id, cluster] : state.clusters) {
    auto y = cluster.years.find(year);
    if (y == cluster.years.end()) continue;
    for (const auto& leader : y->second.leaders()) {
      if (leader.value == organization) return cluster.established.organiser;
    }
  }
  return {};
}

}  // namespace internal

Verdict decide(const State& state, const Command& command, const Context& context) {
  return std::visit([&](const auto& c) { return internal::decide_one(state, c, context); },
                    command);
}

}  // namespace thidua::domain
