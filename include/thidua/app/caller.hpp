// Caller: who asks for a command or a read, and what each role may do.
//
// Roles come from the server's token configuration (http/authentication.hpp). Three roles are bound
// to what they act for, named by its stream (the caller's `scope`):
//   unit          "organization/<id>": signs covenants, registers for movements, enters its own
//                 self-scores and reports progress for that organization only;
//   cluster_head  "cluster/<id>": gives the cluster commands of that cluster only (membership,
//                 officers, covenant, signatures, scores, corrections, close, votes), proposes
//                 and publishes proposals that carry that cluster's vote, and registers or
//                 reports progress only for the cluster's members;
//   council       "council/<id>": records that council's votes only, and recognises initiatives
//                 only for the authority the council advises.
// Pure functions over plain values; thread-safe on a state nobody is changing.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "thidua/domain/commands.hpp"
#include "thidua/domain/decide.hpp"
#include "thidua/domain/state.hpp"
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
  // What a bound role acts for: "organization/<id>" (unit), "cluster/<id>" (cluster_head),
  // "council/<id>" (council); empty for the other roles.
  std::string scope;
  std::string name;  // recorded as the `actor` of the events its commands append
};

// The stream prefix a role's scope must have ("organization/", "cluster/", "council/"), or
// empty for a role that is not bound.
std::string_view scope_kind(Role role);

// Why `caller` may not give `command` ("may not issue decisions", "may only ... for
// organization/x"), from the command alone, or nullopt when it may. The table is in
// docs/http.md.
std::optional<std::string> forbidden_reason(const Caller& caller, const domain::Command& command);

// Why a bound `caller` may not give `command`, from what `state` says the command concerns (the
// cluster a proposal carries the vote of, the members of the caller's cluster, the authority
// its council advises), or nullopt. Asked after forbidden_reason(), against the state the
// command is decided on.
std::optional<std::string> out_of_scope(const Caller& caller, const domain::Command& command,
                                        const domain::State& state);

// Whether the caller sees personal data (a person's discipline, holds; domain::personal) whole:
// admin and auditor, and the roles that record it or weigh it in an award (secretariat,
// council, authority). The others (unit, cluster_head, integrator) get such events withheld.
bool sees_personal_data(const Caller& caller);

// The detail of `refusal` as `caller` may read it. A refusal that quotes personal data (rule
// "hold.active": the hold's kind, date and reason) says to a caller that does not see personal
// data only that a hold lasts on the command's date.
std::string refusal_detail(const Caller& caller, const domain::Refusal& refusal);

}  // namespace thidua::app
