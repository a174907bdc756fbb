#include "thidua/http/whoami_route.hpp"

#include <optional>
#include <string>
#include <string_view>
#include <utility>

#include <nlohmann/json.hpp>

#include "thidua/http/problem.hpp"

namespace thidua::http {
namespace {

Response unauthorized(std::string detail, std::string_view challenge) {
  Response response =
      problem_response(http_problem(HttpStatus::unauthorized, "unauthorized", std::move(detail)));
  response.set(Field::www_authenticate, challenge);
  return response;
}

Response whoami(const Authenticator& authenticator, const Request& request) {
  if (request.count(Field::authorization) == 0) {
    return unauthorized("send \"Authorization: Bearer <token>\"", "Bearer");
  }
  // Two Authorization headers are ambiguous; neither is trusted.
  std::optional<Principal> principal;
  if (request.count(Field::authorization) == 1) {
    principal = authenticator.authenticate(request[Field::authorization]);
  }
  if (!principal) {
    return unauthorized("the bearer token is not valid", "Bearer error=\"invalid_token\"");
  }
  nlohmann::json body = {{"role", role_name(principal->role)}, {"organization", nullptr}};
  if (!principal->organization.empty()) body["organization"] = principal->organization;
  Response response = make_response(
      HttpStatus::ok, kJson, body.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
  response.set(Field::cache_control, "no-store");
  return response;
}

}  // namespace

void add_whoami_route(Router& router, const Authenticator& authenticator) {
  router.add(
      Verb::get, "/v1/whoami",
      [&authenticator](const Request& r, const PathParams&) -> boost::asio::awaitable<Response> {
        co_return whoami(authenticator, r);
      });
}

}  // namespace thidua::http
