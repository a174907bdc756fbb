// Server: accepts HTTP/1.1 connections and hands each request to a Router.
//
// One listener accepts on the configured endpoint; each connection gets a session on its own
// strand that reads one request at a time with a fresh parser (bounded header and body, a read
// deadline), dispatches it, writes the response (a write deadline) and keeps the connection
// open when the client asked for keep-alive. A read that fails ends the connection; where a
// reply still makes sense it is a problem+json first: 413 body too large, 431 header too large,
// 400 malformed request. A peer that closes, or sends too slowly, is simply disconnected.
//
// A streamed response (message.hpp) is written as its headers, then its body stream's parts,
// with chunked transfer encoding for HTTP/1.1 (the connection may serve further requests after
// the stream ends) or, for HTTP/1.0, until the connection closes.
//
// stop() is graceful: the listener closes, idle connections close at once, requests in flight
// may finish within `shutdown_grace` (their responses say Connection: close), and whatever is
// left after that is cut off. Streamed bodies are told at once (BodyWriter::on_stop) and are
// expected to end promptly. Then the threads are joined.
//
// With `metrics`, every answer is counted in thidua_http_requests_total{route,method,status}
// and thidua_http_request_duration_seconds{route} (route = the matched route pattern, or
// "unmatched"; method "other" for a method HTTP does not define; a streamed answer when it
// ends), and open connections in the gauge thidua_http_connections.
//
// Thread-safety: start(), local_endpoint(), stop() and the destructor may be called from any
// thread except the server's own threads (i.e. not from a handler).
#pragma once

#include <chrono>
#include <cstddef>
#include <functional>
#include <memory>
#include <string_view>

#include <boost/asio/ip/tcp.hpp>

#include "thidua/http/router.hpp"
#include "thidua/metrics/registry.hpp"
#include "thidua/util/status.hpp"

namespace thidua::http {

// Receives one complete log line (a JSON object, no newline). Called from server threads,
// possibly concurrently; the sink must serialise its writes.
using LogSink = std::function<void(std::string_view line)>;

struct ServerOptions {
  // Port 0 picks a free port; local_endpoint() tells which.
  boost::asio::ip::tcp::endpoint endpoint{boost::asio::ip::address_v4::loopback(), 8080};
  std::size_t body_limit = 1024 * 1024;  // bytes of request body; more is 413
  std::size_t header_limit = 16 * 1024;  // bytes of request line and headers; more is 431
  // The whole of one request (and the wait for it on an idle connection) must arrive within
  // read_timeout; one response must be written within write_timeout.
  std::chrono::milliseconds read_timeout{30000};
  std::chrono::milliseconds write_timeout{30000};
  std::chrono::milliseconds shutdown_grace{5000};  // for requests in flight at stop()
  std::size_t threads = 2;
  // An access line per request ({"log":"access","method","target","route","status","bytes",
  // "duration_us","remote"}) and error lines go here. Empty: no logging.
  LogSink log;
  // Where the server's metrics go (see above); it must outlive the server. Null: none.
  MetricRegistry* metrics = nullptr;
};

class Server {
 public:
  // Binds and listens on `options.endpoint`, then serves `router` on `options.threads`
  // threads. Outcomes: the running server; kInvalidArgument for options out of range (zero
  // threads or limits); kIOError when the endpoint cannot be bound.
  static Result<std::unique_ptr<Server>> start(ServerOptions options, Router router);

  // Stops gracefully (see above) unless stop() already did.
  ~Server();
  Server(const Server&) = delete;
  Server& operator=(const Server&) = delete;

  // The endpoint actually bound (with the real port when port 0 was asked for).
  boost::asio::ip::tcp::endpoint local_endpoint() const;

  // Stops gracefully and returns when every connection is closed and every thread joined.
  // Idempotent.
  void stop();

  struct Impl;

 private:
  explicit Server(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace thidua::http
