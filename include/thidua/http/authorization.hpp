// Authorization: who may use a route, from the request's bearer token and the caller's role.
//
// Public routes do not call this. Every other handler asks authorize() first and answers with
// the response it gives back when the caller may not go on: 401 (with a WWW-Authenticate
// challenge) when there is no usable "Authorization: Bearer <token>" header or the token is
// unknown, 403 when the caller's role is not one the route allows. Two Authorization headers
// are ambiguous, and neither is trusted. Pure functions over an immutable Authenticator;
// thread-safe.
#pragma once

#include <initializer_list>
#include <variant>

#include "thidua/http/authentication.hpp"
#include "thidua/http/message.hpp"

namespace thidua::http {

// The caller, or the problem response to send instead. `allowed` empty: any role will do.
std::variant<Principal, Response> authorize(const Authenticator& authenticator,
                                            const Request& request,
                                            std::initializer_list<Role> allowed = {});

// The 403 problem saying that `principal` may not do `what` (e.g. "issue decisions").
Response forbidden(const Principal& principal, std::string_view what);

}  // namespace thidua::http
