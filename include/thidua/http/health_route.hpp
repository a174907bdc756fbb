// GET /healthz: whether the process lives and the store takes writes.
//
// GET /healthz -> 200 application/json {"status","head","writes"}:
//   {"status":"ok","head":N,"writes":"ok"} while the store accepts writes;
//   {"status":"degraded","head":N,"writes":"refused","writes_detail":"..."} after a failed or
//   uncertain write. It stays 200 because the process is alive and reads are still served;
//   a restart is what clears the refusal, and that is an operator's decision after looking at
//   why the write failed, not something a liveness probe should trigger. Monitor "writes".
//
// Thread-safety: the handler only reads the store, which is thread-safe; the store must outlive
// the router.
#pragma once

#include "thidua/http/router.hpp"
#include "thidua/store/event_store.hpp"

namespace thidua::http {

void add_health_route(Router& router, const EventStore& store);

}  // namespace thidua::http
