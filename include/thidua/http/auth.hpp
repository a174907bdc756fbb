// Authenticator: who is calling, from an `Authorization: Bearer <token>` header.
//
// Tokens are never stored: the configuration lists the SHA-256 (hex) of each token with the
// role it grants, and a `unit` grant names the organization it acts for. A presented token is
// hashed and its digest compared with every grant in constant time, so neither the comparison
// nor the position of a match leaks through timing. An admin token may also be given directly
// (the server takes it from THIDUA_ADMIN_TOKEN); it is hashed on construction.
//
// Thread-safety: immutable after construction; authenticate() may be called concurrently.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "thidua/util/sha256.hpp"
#include "thidua/util/status.hpp"

namespace thidua::http {

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

struct TokenGrant {
  Digest token_sha256{};
  Role role = Role::kAuditor;
  std::string organization;  // the organization stream a unit acts for; empty for other roles
};

struct Principal {
  Role role = Role::kAuditor;
  std::string organization;  // as in the grant
};

// The grant for one configured token: `sha256_hex` is 64 hex digits (either case); `unit`
// needs an organization and the other roles take none. Outcomes: the grant; kInvalidArgument
// saying which rule was broken.
Result<TokenGrant> make_token_grant(std::string_view sha256_hex, std::string_view role,
                                    std::string organization);

class Authenticator {
 public:
  // `admin_token`, when present and non-empty, is accepted as an admin token.
  explicit Authenticator(std::vector<TokenGrant> grants,
                         std::optional<std::string> admin_token = std::nullopt);

  // The principal for the bearer token in `authorization` (the header's value), or nullopt
  // when the header is not "Bearer <token>" or the token is unknown (a 401).
  std::optional<Principal> authenticate(std::string_view authorization) const;

  // The principal for a bare token, or nullopt.
  std::optional<Principal> authenticate_token(std::string_view token) const;

 private:
  std::vector<TokenGrant> grants_;
};

}  // namespace thidua::http
