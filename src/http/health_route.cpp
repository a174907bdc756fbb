#include <nlohmann/json.hpp>

#include "thidua/http/health_route.hpp"
#include "thidua/http/problem.hpp"

namespace thidua::http {
namespace {

Response health(const EventStore& store) {
  // Read the write status first: a head read after it is never older than the status.
  thidua::Status writes = store.write_status();
  nlohmann::json body = {{"status", writes.is_ok() ? "ok" : "degraded"},
                         {"head", store.head()},
                         {"writes", writes.is_ok() ? "ok" : "refused"}};
  if (!writes.is_ok()) body["writes_detail"] = writes.message();
  Response response = make_response(
      HttpStatus::ok, kJson, body.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
  response.set(Field::cache_control, "no-store");
  return response;
}

}  // namespace

void add_health_route(Router& router, const EventStore& store) {
  router.add(Verb::get, "/healthz",
             [&store](const Request&, const PathParams&) -> boost::asio::awaitable<Response> {
               co_return health(store);
             });
}

}  // namespace thidua::http
