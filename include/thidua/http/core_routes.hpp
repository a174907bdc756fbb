// The first routes of the API: health and the event feed.
//
// GET /healthz -> 200 application/json {"status","head","writes"}:
//   {"status":"ok","head":N,"writes":"ok"} while the store accepts writes;
//   {"status":"degraded","head":N,"writes":"refused","writes_detail":"..."} after a failed or
//   uncertain write. It stays 200 because the process is alive and reads are still served;
//   a restart is what clears the refusal, and that is an operator's decision after looking at
//   why the write failed, not something a liveness probe should trigger. Monitor "writes".
//
// GET /v1/events?from=N&limit=K[&type=T]...[&subject_prefix=P] -> 200 application/x-ndjson:
//   the stored bytes of each event from position N (default 0) in position order, one per
//   line, at most K (default 100, 1 to 1000) events whose type is one of the `type` values
//   (any when none) and whose subject starts with P. When the log goes on past the last
//   position examined, a `Link: </v1/events?from=NEXT&limit=K...>; rel="next"` header with
//   the same filters says where to continue. An unknown, repeated (except `type`) or malformed
//   parameter is a 400 problem naming it.
//
// Thread-safety: the handlers only read the store, which is thread-safe; the store must
// outlive the router.
#pragma once

#include <cstddef>

#include "thidua/http/auth.hpp"
#include "thidua/http/router.hpp"
#include "thidua/store/event_store.hpp"

namespace thidua::http {

inline constexpr std::size_t kDefaultEventsLimit = 100;
inline constexpr std::size_t kMaxEventsLimit = 1000;

// With an `authenticator`, GET /v1/events needs a valid bearer token (any role; 401
// otherwise); without one it is public (a server that serves no one else, as in tests).
void add_health_route(Router& router, const EventStore& store);
void add_events_route(Router& router, const EventStore& store,
                      const Authenticator* authenticator = nullptr);

// Both of the above.
void add_core_routes(Router& router, const EventStore& store,
                     const Authenticator* authenticator = nullptr);

}  // namespace thidua::http
