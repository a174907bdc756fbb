// Authenticator: who is calling, from an `Authorization: Bearer <token>` header.
//
// Tokens are never stored: the configuration lists the SHA-256 (hex) of each token with the
// role it grants, and a bound role's grant names what it acts for (its scope, app/caller.hpp):
// a `unit` its organization, a `cluster_head` its cluster, a `council` its council. A presented
// token is hashed and its digest compared with every grant in constant time, so neither the
// comparison nor the position of a match leaks through timing. An admin token may also be given
// directly (the server takes it from THIDUA_ADMIN_TOKEN, named "admin"); it is hashed on
// construction.
//
// Thread-safety: immutable after construction; authenticate() may be called concurrently.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "thidua/app/caller.hpp"
#include "thidua/util/sha256.hpp"
#include "thidua/util/status.hpp"

namespace thidua::http {

// The roles and what they may do are the application's (app/caller.hpp).
using app::parse_role;
using app::Role;
using app::role_name;
// The caller a token stands for: role, scope (bound roles only) and name.
using Principal = app::Caller;

struct TokenGrant {
  Digest token_sha256{};
  Role role = Role::kAuditor;
  std::string scope;  // what a bound role acts for ("organization/x", "cluster/x", "council/x")
  std::string name;   // recorded as the `actor` of the events its commands append
};

// Whether `name` may name a token: 1-64 of A-Z, a-z, 0-9, '.', '_', '-', '@', ':'.
bool is_valid_token_name(std::string_view name);

// The grant for one configured token: `sha256_hex` is 64 hex digits (either case); a bound
// role needs a `scope` of its kind ("organization/<id>" for unit, "cluster/<id>" for
// cluster_head, "council/<id>" for council) and the other roles take none; `name` empty means
// "token-" and the first 12 hex digits of the hash. Outcomes: the grant; kInvalidArgument saying
// which rule was broken.
Result<TokenGrant> make_token_grant(std::string_view sha256_hex, std::string_view role,
                                    std::string scope, std::string name = {});

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
