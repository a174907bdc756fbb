// GET /v1/whoami: who the server takes the caller to be, so a script can check its token.
//
// With a valid "Authorization: Bearer <token>" header -> 200 application/json
//   {"role":"<role>","organization":null} (or the organization a unit token acts for).
// Without the header, or with a token the server does not know -> 401 problem with a
//   "WWW-Authenticate: Bearer" challenge (RFC 6750; error="invalid_token" for a bad token).
//
// Thread-safety: the Authenticator is immutable; it must outlive the router.
#pragma once

#include "thidua/http/authentication.hpp"
#include "thidua/http/router.hpp"

namespace thidua::http {

void add_whoami_route(Router& router, const Authenticator& authenticator);

}  // namespace thidua::http
