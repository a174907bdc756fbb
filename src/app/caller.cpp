#include "thidua/app/caller.hpp"

#include <algorithm>
#include <array>
#include <type_traits>
#include <utility>
#include <variant>
#include <vector>

namespace thidua::app {
namespace {

constexpr std::array<std::pair<Role, std::string_view>, 8> kRoleNames = {{
    {Role::kAdmin, "admin"},
    {Role::kSecretariat, "secretariat"},
    {Role::kUnit, "unit"},
    {Role::kClusterHead, "cluster_head"},
    {Role::kCouncil, "council"},
    {Role::kAuthority, "authority"},
    {Role::kAuditor, "auditor"},
    {Role::kIntegrator, "integrator"},
}};

using R = Role;

// The roles (besides admin) that may give each command, and for a unit, the organization the
// command must be about.
struct Rule {
  // A vector, not an initializer_list: the array behind a braced list in a return statement
  // ends with that statement.
  std::vector<Role> roles;
  const std::string* unit_organization = nullptr;  // for a unit: the command's organization
  bool unit_self_score_only = false;
};

Rule rule_for(const domain::Command& command) {
  using namespace domain;
  return std::visit(
      [](const auto& c) -> Rule {
        using T = std::decay_t<decltype(c)>;
        if constexpr (std::is_same_v<T, SignCovenant> || std::is_same_v<T, SubmitRegistration> ||
                      std::is_same_v<T, ReportProgress>) {
          return {{R::kSecretariat, R::kClusterHead, R::kUnit}, &c.organization};
        } else if constexpr (std::is_same_v<T, EnterScore>) {
          return {{R::kSecretariat, R::kClusterHead, R::kUnit}, &c.scorer, true};
        } else if constexpr (std::is_same_v<T, ElectOfficers> || std::is_same_v<T, AdoptCovenant> ||
                             std::is_same_v<T, CorrectScore> || std::is_same_v<T, CloseScoring> ||
                             std::is_same_v<T, RecordClusterVote> ||
                             std::is_same_v<T, JoinCluster> || std::is_same_v<T, LeaveCluster>) {
          return {{R::kSecretariat, R::kClusterHead}};
        } else if constexpr (std::is_same_v<T, RecordCouncilVote>) {
          return {{R::kSecretariat, R::kCouncil}};
        } else if constexpr (std::is_same_v<T, RecognizeInitiative>) {
          return {{R::kSecretariat, R::kCouncil, R::kAuthority}};
        } else if constexpr (std::is_same_v<T, LaunchMovement> || std::is_same_v<T, RateTask> ||
                             std::is_same_v<T, RecordDiscipline> || std::is_same_v<T, PlaceHold> ||
                             std::is_same_v<T, ReleaseHold>) {
          return {{R::kSecretariat, R::kAuthority}};
        } else if constexpr (std::is_same_v<T, SubmitProposal> ||
                             std::is_same_v<T, PublishProposal>) {
          return {{R::kSecretariat, R::kClusterHead, R::kAuthority}};
        } else if constexpr (std::is_same_v<T, IssueDecision> ||
                             std::is_same_v<T, CorrectDecision> ||
                             std::is_same_v<T, RevokeDecision>) {
          return {{R::kAuthority}};
        } else {
          // The registers: organizations, people, councils, clusters.
          return {{R::kSecretariat}};
        }
      },
      command);
}

}  // namespace

std::string_view role_name(Role role) {
  for (const auto& [r, name] : kRoleNames) {
    if (r == role) return name;
  }
  return "unknown";
}

Result<Role> parse_role(std::string_view name) {
  for (const auto& [r, n] : kRoleNames) {
    if (n == name) return r;
  }
  return Status::invalid_argument("unknown role '" + std::string(name) + "'");
}

std::string_view scope_kind(Role role) {
  switch (role) {
    case Role::kUnit:
      return "organization/";
    case Role::kClusterHead:
      return "cluster/";
    case Role::kCouncil:
      return "council/";
    default:
      return {};
  }
}

namespace {

// The cluster a command names, if it names one.
std::optional<std::string> cluster_of(const domain::Command& command) {
  return std::visit(
      [](const auto& c) -> std::optional<std::string> {
        using T = std::decay_t<decltype(c)>;
        if constexpr (std::is_same_v<T, domain::SubmitProposal>) {
          return c.cluster;
        } else if constexpr (std::is_same_v<T, domain::EstablishCluster>) {
          return c.id;
        } else if constexpr (requires { c.cluster + ""; }) {
          return c.cluster;
        } else {
          return std::nullopt;
        }
      },
      command);
}

std::string id_of(const std::string& scope) { return scope.substr(scope.find('/') + 1); }

}  // namespace

std::optional<std::string> forbidden_reason(const Caller& caller, const domain::Command& command) {
  if (caller.role == Role::kAdmin) return std::nullopt;
  const std::string name(domain::command_name(command));
  Rule rule = rule_for(command);
  bool listed = false;
  for (Role r : rule.roles) listed = listed || r == caller.role;
  if (!listed) {
    std::string roles = "admin";
    for (Role r : rule.roles) roles += ", " + std::string(role_name(r));
    return "may not give " + name + " (roles that may: " + roles + ")";
  }
  if (caller.role == Role::kClusterHead) {
    // Commands of a cluster, and proposals carrying a cluster's vote, only for its own.
    const std::optional<std::string> cluster = cluster_of(command);
    if (cluster && "cluster/" + *cluster != caller.scope) {
      return "may give " + name + " only for " + caller.scope;
    }
    if (!cluster && std::holds_alternative<domain::SubmitProposal>(command)) {
      return "may only propose with the vote of " + caller.scope;
    }
    return std::nullopt;
  }
  if (caller.role == Role::kCouncil) {
    if (const auto* vote = std::get_if<domain::RecordCouncilVote>(&command);
        vote && "council/" + vote->council != caller.scope) {
      return "may record the votes of " + caller.scope + " only";
    }
    return std::nullopt;
  }
  if (caller.role != Role::kUnit) return std::nullopt;
  if (rule.unit_organization == nullptr ||
      caller.scope != "organization/" + *rule.unit_organization) {
    return "may give " + name + " only for " + caller.scope;
  }
  if (rule.unit_self_score_only) {
    const auto& score = std::get<domain::EnterScore>(command);
    if (score.kind != domain::ScoreKind::kSelf || score.scored != score.scorer) {
      return "may only enter its own self-scores";
    }
  }
  return std::nullopt;
}

std::optional<std::string> out_of_scope(const Caller& caller, const domain::Command& command,
                                        const domain::State& state) {
  const std::string name(domain::command_name(command));
  if (caller.role == Role::kClusterHead) {
    if (const auto* p = std::get_if<domain::PublishProposal>(&command)) {
      auto it = state.proposals.find(p->proposal);
      if (it != state.proposals.end() &&
          it->second.submitted.cluster.value_or("") != id_of(caller.scope)) {
        return "may publish only the proposals that carry the vote of " + caller.scope;
      }
      return std::nullopt;
    }
    // A cluster head acts for the units that are members of the cluster in the year concerned:
    // the registration's year, the report's date.
    const std::string* organization = nullptr;
    int year = 0;
    if (const auto* r = std::get_if<domain::SubmitRegistration>(&command)) {
      organization = &r->organization;
      year = r->year;
    } else if (const auto* r = std::get_if<domain::ReportProgress>(&command)) {
      organization = &r->organization;
      year = r->date.year;
    }
    if (organization == nullptr) return std::nullopt;
    auto cluster = state.clusters.find(id_of(caller.scope));
    if (cluster == state.clusters.end() || !cluster->second.is_member(*organization, year)) {
      return "may give " + name + " only for the members of " + caller.scope + " in " +
             std::to_string(year);
    }
    return std::nullopt;
  }
  if (caller.role == Role::kCouncil) {
    if (const auto* in = std::get_if<domain::RecognizeInitiative>(&command)) {
      auto council = state.councils.find(id_of(caller.scope));
      if (council == state.councils.end() ||
          council->second.established.organization != in->recognized_by) {
        return "may recognise initiatives only for the authority " + caller.scope + " advises";
      }
    }
  }
  return std::nullopt;
}

bool sees_personal_data(const Caller& caller) {
  switch (caller.role) {
    case Role::kAdmin:
    case Role::kAuditor:
    case Role::kSecretariat:
    case Role::kCouncil:
    case Role::kAuthority:
      return true;
    case Role::kUnit:
    case Role::kClusterHead:
    case Role::kIntegrator:
      return false;
  }
  return false;
}

std::string refusal_detail(const Caller& caller, const domain::Refusal& refusal) {
  if (refusal.rule != "hold.active" || sees_personal_data(caller)) return refusal.detail;
  return "a subject of the command is under a hold on its date; what hold, and why, is personal "
         "data, which the role '" +
         std::string(role_name(caller.role)) + "' does not see";
}

}  // namespace thidua::app
