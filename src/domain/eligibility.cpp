// check_eligibility(): every rule of an award for one subject and year, with the facts used.
#include "eligibility_checker.hpp"

namespace thidua::domain {

std::vector<RuleCheck> check_eligibility(const State& state, const RuleSet& rules,
                                         const EligibilityQuestion& question) {
  if (!state.subject_exists(question.subject)) {
    return {RuleCheck{"subject.exists",
                      question.subject.to_string(),
                      false,
                      question.subject.to_string() + " is not registered",
                      {}}};
  }
  return internal::Checker(state, rules, question).run();
}

}  // namespace thidua::domain
