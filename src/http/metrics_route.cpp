#include "thidua/http/metrics_route.hpp"

namespace thidua::http {

void add_metrics_route(Router& router, const MetricRegistry& metrics) {
  router.add(Verb::get, "/metrics",
             [&metrics](const Request&, const PathParams&) -> boost::asio::awaitable<Response> {
               Response response = make_response(HttpStatus::ok, kPrometheusText, metrics.render());
               response.set(Field::cache_control, "no-store");
               co_return response;
             });
}

}  // namespace thidua::http
