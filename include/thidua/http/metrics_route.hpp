// GET /metrics: the server's metrics for Prometheus.
//
// GET /metrics -> 200 `text/plain; version=0.0.4; charset=utf-8`, Cache-Control: no-store:
//   MetricRegistry::render() of the registry (text exposition format 0.0.4). Public: no token, like
//   /healthz, since it holds counts and durations by route pattern and no data of the log.
//
// Thread-safety: the handler may run concurrently; the registry must outlive the router.
#pragma once

#include <string_view>

#include "thidua/http/router.hpp"
#include "thidua/metrics/registry.hpp"

namespace thidua::http {

inline constexpr std::string_view kPrometheusText = "text/plain; version=0.0.4; charset=utf-8";

void add_metrics_route(Router& router, const MetricRegistry& metrics);

}  // namespace thidua::http
