// The session: one connection's request/response loop (internal to the server).
//
// Reads a request with a fresh parser, hands it to the router, writes the response, and goes
// round again while keep-alive holds and the server is not stopping. The handler never sees the
// connection. A streamed reply (message.hpp) goes out as its headers, then its body stream's
// writes (chunked for HTTP/1.1). Each answer is logged (one access line) and counted in the
// server's metrics under its route pattern. Runs on the connection's strand.
#pragma once

#include <atomic>
#include <cstdint>
#include <memory>

#include <boost/asio/awaitable.hpp>

#include "connection.hpp"
#include "thidua/http/router.hpp"
#include "thidua/http/server.hpp"
#include "thidua/metrics/registry.hpp"

namespace thidua::http::internal {

// The server's own series in ServerOptions::metrics; all null when it has none.
struct ServerMetrics {
  CounterFamily* requests = nullptr;     // thidua_http_requests_total{route,method,status}
  HistogramFamily* durations = nullptr;  // thidua_http_request_duration_seconds{route}
  Gauge* connections = nullptr;          // thidua_http_connections
};

// Registers the server's families in `metrics`; all null when `metrics` is null.
ServerMetrics register_server_metrics(MetricRegistry* metrics);

// What sessions share with the server; the server outlives every session.
struct SessionEnv {
  const ServerOptions* options = nullptr;
  const Router* router = nullptr;
  const std::atomic<bool>* stopping = nullptr;
  ConnectionRegistry* registry = nullptr;
  const ServerMetrics* metrics = nullptr;
};

// Serves `connection` until it closes, then removes `id` from the registry. Counts the
// connection in the connections gauge while it runs.
boost::asio::awaitable<void> run_session(std::shared_ptr<Connection> connection, std::uint64_t id,
                                         SessionEnv env);

}  // namespace thidua::http::internal
