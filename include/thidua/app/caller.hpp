// Caller: who asks for a command or a read, and what each role may do.
//
// Roles come from the server's token configuration (http/auth.hpp). A `unit` acts for one
// organization (its stream name, "organization/<id>") and may only sign covenants, register
// for movements, enter self-scores and report progress for that organization. Pure functions
// over plain values; thread-safe.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "thidua/domain/commands.hpp"
#include "thidua/util/status.hpp"

namespace thidua::app {

enum class Role {
  kAdmin,
  kSecretariat,
  kUnit,
  kClusterHead,
  kCouncil,
  kAuthority,
  kAuditor,
  kIntegrator,
};

// "admin", "secretariat", "unit", "cluster_head", "council", "authority", "auditor",
// "integrator".
std::string_view role_name(Role role);
// The role with that name, or kInvalidArgument.
Result<Role> parse_role(std::string_view name);

struct Caller {
  Role role = Role::kAuditor;
  std::string organization;  // the organization stream a unit acts for; empty otherwise
  std::string name;          // recorded as the `actor` of the events its commands append
};

// Why `caller` may not give `command` ("may not issue decisions", "may only ... for
// organization/x"), or nullopt when it may. The table is in docs/http.md.
std::optional<std::string> forbidden_reason(const Caller& caller, const domain::Command& command);

}  // namespace thidua::app
