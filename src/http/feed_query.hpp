// Query parameters of the event feed, and what a caller is shown of each event (internal to
// the http library): GET /v1/events and GET /v1/events/stream take the same filters, and they
// and GET /v1/streams/{subject} show personal data the same way.
//
// `from` (a position, default 0), `type` (repeatable, up to 32; 1 to 128 of a-z 0-9 . _ -),
// `subject_prefix` (1 to 200 of a-z 0-9 . _ - /) and, where a page size applies, `limit` (1
// to kMaxEventsLimit, default kDefaultEventsLimit). An unknown, repeated (except `type`) or
// malformed parameter is kInvalidArgument from bad_parameter(), naming it. Pure functions;
// thread-safe.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "thidua/http/feed_routes.hpp"
#include "thidua/store/event.hpp"
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

// Whether a stored event is personal data (domain::personal_event_name of its type, or an
// event of a personal stream).
bool personal(const RecordedEvent& event);

// How a caller sees the feed: `whole` when it sees personal data (app::sees_personal_data);
// `filtered` when the read has a type or subject filter.
struct Sight {
  bool whole = false;
  bool filtered = false;
};

// The sight of a read with `filter` by a caller that sees personal data when `whole`. A
// filtered read by a caller that may not see personal data excludes personal events in the
// store's own scan, so that they neither match nor count toward a page or its next link: no
// filter tells who has a record. An unfiltered read keeps them, withheld in place
// (feed_line), so that the feed stays gapless.
Sight restrict_feed(ReadFilter& filter, bool whole);

// The line that carries `event` (no newline): its stored bytes, or, for a personal event the
// caller may not see, {"sequence":N,"withheld":true,"leaf_hash":"<base64>"}: its place in the
// log, and the leaf hash that lets the caller recompute the Merkle tree, without its content.
std::string feed_line(const RecordedEvent& event, Sight sight);

}  // namespace thidua::http::internal
