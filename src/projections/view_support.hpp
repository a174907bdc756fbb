// Helpers shared by the renderers of views.hpp. Not a public header.
#pragma once

#include <optional>
#include <string>

#include "thidua/codec/describe_json.hpp"
#include "thidua/domain/state.hpp"

namespace thidua::projections {

// The organization's current name, or its id when unknown.
inline std::string organization_name(const domain::State& state, const std::string& id) {
  auto it = state.organizations.find(id);
  return it == state.organizations.end() ? id : it->second.name;
}

// A decimal written as the codec writes every decimal (9.5, 10, 0.25).
inline codec::OrderedJson decimal_json(domain::Decimal value) {
  return codec::detail::write(value);
}

inline std::string subject_name(const domain::State& state, const domain::SubjectRef& subject) {
  if (subject.kind == domain::SubjectKind::kOrganization) {
    return organization_name(state, subject.id);
  }
  auto it = state.people.find(subject.id);
  return it == state.people.end() ? subject.id : it->second.registered.name;
}

}  // namespace thidua::projections

namespace thidua::projections {

// The renderers behind render_document(), one per kind of document; nullopt when the key
// names nothing.
std::optional<codec::OrderedJson> render_awards(const domain::State& state,
                                                const std::string& subject);
std::optional<codec::OrderedJson> render_decision(const domain::State& state,
                                                  const std::string& id);
std::optional<codec::OrderedJson> render_decision_summary(const domain::State& state,
                                                          const std::string& id);
std::optional<codec::OrderedJson> render_movement(const domain::State& state,
                                                  const std::string& id);

}  // namespace thidua::projections
