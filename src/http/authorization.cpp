#include "thidua/http/authorization.hpp"

#include <optional>
#include <string>
#include <string_view>
#include <utility>

#include "thidua/http/problem.hpp"

namespace thidua::http {
namespace {

Response unauthorized(std::string detail, std::string_view challenge) {
  Response response =
      problem_response(http_problem(HttpStatus::unauthorized, "unauthorized", std::move(detail)));
  response.set(Field::www_authenticate, challenge);
  return response;
}

}  // namespace

std::variant<Principal, Response> authorize(const Authenticator& authenticator,
                                            const Request& request,
                                            std::initializer_list<Role> allowed) {
  if (request.count(Field::authorization) == 0) {
    return unauthorized("send \"Authorization: Bearer <token>\"", "Bearer");
  }
  std::optional<Principal> principal;
  if (request.count(Field::authorization) == 1) {
    principal = authenticator.authenticate(request[Field::authorization]);
  }
  if (!principal) {
    return unauthorized("the bearer token is not valid", "Bearer error=\"invalid_token\"");
  }
  if (allowed.size() == 0 || principal->role == Role::kAdmin) return *std::move(principal);
  for (Role role : allowed) {
    if (role == principal->role) return *std::move(principal);
  }
  std::string roles;
  for (Role role : allowed) {
    if (!roles.empty()) roles += ", ";
    roles += role_name(role);
  }
  const std::string role(role_name(principal->role));
  return status_response(Status::forbidden(
      "the role '" + role + "' may not use this route; it needs one of: admin, " + roles, role));
}

Response forbidden(const Principal& principal, std::string_view what) {
  std::string detail = "the role '" + std::string(role_name(principal.role)) + "'";
  if (!principal.scope.empty()) detail += " of " + principal.scope;
  detail += " may not " + std::string(what);
  return status_response(
      Status::forbidden(std::move(detail), std::string(role_name(principal.role))));
}

}  // namespace thidua::http
