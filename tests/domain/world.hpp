// A test world for the domain: a State, the two rule sets, and a clock, with helpers that run
// commands through decide() and fold the accepted events with evolve(), as the server does.
#pragma once

#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "thidua/domain/decide.hpp"

namespace thidua::testing {

// The two rule sets with the figures of rule_set.hpp's defaults (vn-2022) and the 2013 regime's
// differences, and who may issue what.
domain::RuleBook standard_rule_book();

domain::Date date(const char* text);   // REQUIRES: a valid date
domain::Decimal points(double value);  // 9.5 -> Decimal{950}
domain::SubjectRef person_ref(const std::string& id);
domain::SubjectRef org_ref(const std::string& id);

class World {
 public:
  World();

  domain::State state;
  domain::RuleBook rules;
  domain::Context context;

  // Decides `command`; when accepted, applies its events. Returns the verdict.
  domain::Verdict run(const domain::Command& command);
  // Decides and REQUIREs acceptance; returns the events.
  std::vector<domain::Event> ok(const domain::Command& command);
  // Decides and REQUIREs a refusal naming `rule`; nothing is applied.
  domain::Refusal refused(const domain::Command& command, const std::string& rule);

  // Shorthands for the usual setup.
  void org(const std::string& id, const std::string& name,
           domain::OrganizationKind kind = domain::OrganizationKind::kDepartment,
           std::optional<std::string> parent = std::nullopt);
  void person(const std::string& id, const std::string& name, const std::string& organization);
  void rate(const domain::SubjectRef& subject, int year, domain::Rating rating);
  void initiative(const std::string& id, const std::string& owner, domain::Scope scope, int year);
  // Issues an annual decision of `award` for `year` to `subject` (the issuer must be
  // registered), dated 1 March of the next year unless given.
  std::vector<domain::Event> award(const std::string& id, domain::Award award,
                                   const domain::SubjectRef& subject, int year,
                                   const std::string& issuer,
                                   std::vector<std::string> initiatives = {},
                                   domain::Occasion occasion = domain::Occasion::kAnnual);
  domain::IssueDecision decision(const std::string& id, domain::Award award,
                                 const domain::SubjectRef& subject, int year,
                                 const std::string& issuer);
};

}  // namespace thidua::testing
