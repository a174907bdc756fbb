#include "thidua/http/whoami_route.hpp"

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <variant>

#include <nlohmann/json.hpp>

#include "thidua/http/authorization.hpp"
#include "thidua/http/problem.hpp"

namespace thidua::http {
namespace {

Response whoami(const Authenticator& authenticator, const Request& request) {
  std::variant<Principal, Response> caller = authorize(authenticator, request);
  if (auto* refusal = std::get_if<Response>(&caller)) return std::move(*refusal);
  const Principal* principal = &std::get<Principal>(caller);
  nlohmann::json body = {{"name", principal->name},
                         {"role", role_name(principal->role)},
                         {"organization", nullptr},
                         {"scope", nullptr}};
  if (!principal->scope.empty()) {
    body["scope"] = principal->scope;
    if (principal->role == Role::kUnit) body["organization"] = principal->scope;
  }
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
