// The session: one connection's request/response loop (internal to the server).
//
// Reads a request with a fresh parser, hands it to the router, writes the response, and goes
// round again while keep-alive holds and the server is not stopping. The handler never sees the
// connection. Runs on the connection's strand.
#pragma once

#include <atomic>
#include <cstdint>
#include <memory>

#include <boost/asio/awaitable.hpp>

#include "connection.hpp"
#include "thidua/http/router.hpp"
#include "thidua/http/server.hpp"

namespace thidua::http::internal {

// What sessions share with the server; the server outlives every session.
struct SessionEnv {
  const ServerOptions* options = nullptr;
  const Router* router = nullptr;
  const std::atomic<bool>* stopping = nullptr;
  ConnectionRegistry* registry = nullptr;
};

// Serves `connection` until it closes, then removes `id` from the registry.
boost::asio::awaitable<void> run_session(std::shared_ptr<Connection> connection, std::uint64_t id,
                                         SessionEnv env);

}  // namespace thidua::http::internal
