// Reading what a decision recorded, for the decision tests: the one DecisionIssued a command
// produced, one of its recorded checks, and the positions of the facts of a rule it recorded as
// passed.
#pragma once

#include <catch2/catch.hpp>

#include <algorithm>
#include <set>
#include <string>
#include <variant>
#include <vector>

#include "thidua/domain/events.hpp"

namespace thidua::testing {

using Positions = std::set<std::uint64_t>;

inline domain::DecisionIssued issued(const std::vector<domain::Event>& events) {
  REQUIRE(events.size() == 1);
  REQUIRE(std::holds_alternative<domain::DecisionIssued>(events[0]));
  return std::get<domain::DecisionIssued>(events[0]);
}

// The check of `rule` for `subject` ("" for the whole decision) that `d` recorded, or nullptr.
inline const domain::RuleCheck* find_check(const domain::DecisionIssued& d, const std::string& rule,
                                           const std::string& subject) {
  auto it = std::find_if(d.checks.begin(), d.checks.end(), [&](const domain::RuleCheck& c) {
    return c.rule == rule && c.subject == subject;
  });
  return it == d.checks.end() ? nullptr : &*it;
}

// The positions of the facts of `rule` for `subject` ("" for the whole decision), which `d`
// recorded as passed with a detail.
inline Positions passed(const domain::DecisionIssued& d, const std::string& rule,
                        const std::string& subject) {
  INFO(rule << " for " << subject);
  const domain::RuleCheck* it = find_check(d, rule, subject);
  REQUIRE(it != nullptr);
  CHECK(it->passed);
  CHECK_FALSE(it->detail.empty());
  Positions out;
  for (const domain::Fact& f : it->facts) out.insert(f.position);
  return out;
}

}  // namespace thidua::testing
