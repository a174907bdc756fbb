// What the HTTP harnesses share: a small real log to serve, running a route synchronously,
// and the properties every answer of the router must have.
//
// Thread-safety: one harness thread uses these; the io_context given to run_route() must not
// be run by anyone else.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include <boost/asio/io_context.hpp>

#include "thidua/audit/checkpointer.hpp"
#include "thidua/http/message.hpp"
#include "thidua/http/router.hpp"
#include "thidua/store/event.hpp"
#include "thidua/store/event_store.hpp"

namespace thidua::fuzz {

// The origin the harnesses sign checkpoints for.
inline constexpr std::string_view kOrigin = "thidua.local/log";

// A deterministic generated history of about `events` events (a few ministries and provinces
// from 2019), as the store takes them. Stops the process when the generator fails.
std::vector<ProposedEvent> generated_history(std::uint64_t events);

// Appends `events` to `store` in appends of `chunk` events, signing a checkpoint with
// `checkpointer` after each, so that the store holds checkpoints of several tree sizes. Stops
// the process on any failure.
void append_with_checkpoints(EventStore& store, audit::Checkpointer& checkpointer,
                             const std::vector<ProposedEvent>& events, std::size_t chunk);

// A checkpointer of `store` with a fresh Ed25519 key named kOrigin.
std::unique_ptr<audit::Checkpointer> make_checkpointer(EventStore& store);

// Runs `router.route(request)` on `io` until it completes (and, when the reply streams its
// body, the stream too: see run_stream) and returns the reply. An exception escaping the
// handler stops the process: the server would answer 500 to a request that merely is odd.
http::Routed run_route(boost::asio::io_context& io, const http::Router& router,
                       const http::Request& request);

// Runs a streamed body until it has caught up with the log (it has written a checkpoint
// event) or written `max_bytes`, and returns what it wrote.
std::string run_stream(boost::asio::io_context& io, const http::BodyStream& stream,
                       std::size_t max_bytes);

// The properties of every whole response: a status from 200 to 599; a Content-Type when
// there is a body and no body for 204 and 304; errors (4xx, 5xx) as problem+json whose
// members agree with the status, 405 with Allow and 401 with WWW-Authenticate; a JSON body
// that parses; and, finished as the session finishes it, bytes that a response parser reads
// back to the same status and body.
void check_response(const http::Response& response);

// The problem's detail, for a response check_response() accepted as a problem.
std::string problem_detail(const http::Response& response);

}  // namespace thidua::fuzz
