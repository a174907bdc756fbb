// The feed: the log page by page (GET /v1/events), live (GET /v1/events/stream), and one
// stream at a time (GET /v1/streams/{subject...}): the routes for clients that follow the log.
//
// GET /v1/events/stream[?from=N][&type=T]...[&subject_prefix=P] -> 200 text/event-stream
//   (Server-Sent Events): the events from position N (default 0; with a `Last-Event-ID`
//   header, the position after that one instead), first from storage, then live as they are
//   appended, with no gap and no duplicate. Each event is one message,
//     "id: <position>\ndata: <the stored event bytes, exactly>\n\n"
//   with no "event:" field (so an EventSource dispatches it as "message"); the stored bytes
//   are one line of JSON. `type` and `subject_prefix` filter as for GET /v1/events, and the
//   ids of the events that match still give the positions to resume from. Besides events:
//     ": heartbeat\n\n" after `heartbeat` without any other message;
//     "event: checkpoint\ndata: {\"tree_size\":N,\"note\":\"<signed note>\"}\n\n" (no id, so
//     it does not move the resume point) with the newest stored checkpoint once the stream
//     has caught up with the log, then again `checkpoint_every` after events were sent, for
//     as long as they keep coming (none while no checkpoint is stored).
//   Any valid bearer token may read it (401 otherwise). 400 for a bad parameter or
//   Last-Event-ID; 503 /problems/too-many-streams (with Retry-After) when `max_streams`
//   streams are open. The stream ends when the client goes, when a write times out (a client
//   that stops reading for the server's write timeout), when the store cannot be read (a
//   client resumes with Last-Event-ID), or at once when the server stops.
//
//   Each stream reads the store at its own pace, `page_size` events at a time, so a slow
//   client is served from storage however far behind it falls, and slows nobody else. Streams
//   waiting for new events hold no thread: one commit listener wakes them.
//
// GET /v1/streams/{subject...}[?from_version=V][&limit=K] -> 200 application/x-ndjson: the
//   stored bytes of the events of stream `subject` (e.g. cluster/cum-6/2020) with version >= V
//   (default 0), in version order, at most K (1 to 1000, default 100), one per line, each
//   ending with "\n". `Link: </v1/streams/SUBJECT?from_version=NEXT&limit=K>; rel="next"` when
//   the stream has more. 404 when the stream has no events; 400 for a subject that is not a
//   stream name or a bad parameter; 401 without a valid bearer token.
//
// Thread-safety: the handlers may run concurrently. The store and the authenticator (and the
// metrics, if any) must outlive the router.
#pragma once

#include <chrono>
#include <cstddef>
#include <string>
#include <vector>

#include "thidua/http/authentication.hpp"
#include "thidua/http/router.hpp"
#include "thidua/metrics/registry.hpp"
#include "thidua/store/event_store.hpp"

namespace thidua::http {

inline constexpr std::string_view kEventStream = "text/event-stream";

inline constexpr std::size_t kDefaultEventsLimit = 100;
inline constexpr std::size_t kMaxEventsLimit = 1000;

// GET /v1/events?from=N&limit=K[&type=T]...[&subject_prefix=P] -> 200 application/x-ndjson:
//   the stored bytes of each event from position N (default 0) in position order, one per
//   line, at most K (default 100, 1 to 1000) events whose type is one of the `type` values
//   (any when none) and whose subject starts with P. When the log goes on past the last
//   position examined, a `Link: </v1/events?from=NEXT&limit=K...>; rel="next"` header with
//   the same filters says where to continue. An unknown, repeated (except `type`) or malformed
//   parameter is a 400 problem naming it.
//
// With an `authenticator`, GET /v1/events needs a valid bearer token (any role; 401
// otherwise); without one it is public (a server that serves no one else, as in tests).
void add_events_route(Router& router, const EventStore& store,
                      const Authenticator* authenticator = nullptr);

struct FeedOptions {
  std::chrono::milliseconds heartbeat{15000};        // quiet time before a heartbeat comment
  std::chrono::milliseconds checkpoint_every{5000};  // while events flow
  std::size_t max_streams = 1000;                    // open event streams; more is 503
  std::size_t page_size = 256;                       // events read from the store per step
  std::vector<std::string> stream_categories;        // empty: default_stream_categories()
  // Counts open event streams in the gauge thidua_sse_clients. Null: no metrics.
  MetricRegistry* metrics = nullptr;
};

// GET /v1/events/stream. REQUIRES: positive heartbeat and checkpoint_every, page_size and
// max_streams at least 1. The store is not const: the route registers a commit listener,
// removed when the router (the last of its handlers) is destroyed.
void add_event_stream_route(Router& router, EventStore& store, const Authenticator& authenticator,
                            FeedOptions options = {});

// GET /v1/streams/{subject...}; `stream_categories` as in FeedOptions.
void add_streams_route(Router& router, const EventStore& store, const Authenticator& authenticator,
                       std::vector<std::string> stream_categories = {});

// The feed: GET /v1/events, /v1/events/stream and /v1/streams/{subject...}.
void add_feed_routes(Router& router, EventStore& store, const Authenticator& authenticator,
                     FeedOptions options = {});

}  // namespace thidua::http
