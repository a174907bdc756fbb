// Query parameters of the event feed (internal to the http library): GET /v1/events and
// GET /v1/events/stream take the same filters.
//
// `from` (a position, default 0), `type` (repeatable, up to 32; 1 to 128 of a-z 0-9 . _ -),
// `subject_prefix` (1 to 200 of a-z 0-9 . _ - /) and, where a page size applies, `limit` (1
// to kMaxEventsLimit, default kDefaultEventsLimit). An unknown, repeated (except `type`) or
// malformed parameter is kInvalidArgument from bad_parameter(), naming it. Pure functions;
// thread-safe.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>

#include "thidua/http/core_routes.hpp"
#include "thidua/store/event_store.hpp"
#include "thidua/util/status.hpp"

namespace thidua::http::internal {

struct FeedQuery {
  std::uint64_t from = 0;
  std::size_t limit = kDefaultEventsLimit;
  ReadFilter filter;
};

// The parameters in `query` (the target's text after '?'); `limit` is accepted only when
// `with_limit`.
Result<FeedQuery> parse_feed_query(std::string_view query, bool with_limit);

}  // namespace thidua::http::internal
