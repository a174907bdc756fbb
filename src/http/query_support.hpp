// Helpers shared by the query routes (query_routes.cpp, query_lists.cpp). Not a public header.
#pragma once

#include <cstdint>
#include <initializer_list>
#include <map>
#include <optional>
#include <string>
#include <string_view>

#include <boost/asio/awaitable.hpp>

#include "thidua/http/query_routes.hpp"

namespace thidua::http::query_internal {

using Params = std::map<std::string, std::string, std::less<>>;

// The parameters of the request's query, each one of `known` (or as_of, min_as_of, which every
// query takes) and given at most once.
Result<Params> parse_params(const Request& request, std::initializer_list<std::string_view> known);
// A year from 1900 to 2999, or a 400 naming the parameter.
Result<int> parse_year(std::string_view name, std::string_view text);

// The position a query is asked at: `as_of` (an earlier position; nullopt: the latest) and the
// number of events the projections must have applied before it is answered (min_as_of + 1,
// from the parameter or the Thidua-Min-As-Of header, and as_of + 1).
struct Moment {
  std::optional<std::uint64_t> as_of;
  std::uint64_t need = 0;
};
Result<Moment> parse_moment(const QueryContext& c, const Request& request, const Params& params);
// Waits, without holding a thread, until the projections have applied `need` events; then
// nullopt. Past QueryContext::freshness_wait, or when the projector has stopped, a 503 problem
// naming the lag, with Retry-After.
boost::asio::awaitable<std::optional<Response>> await_applied(const QueryContext& c,
                                                              std::uint64_t need);

// The 200 answer: `body` (a JSON object's text) with "as_of" (applied - 1) put first. Its ETag
// is a weak tag of a digest of `body` alone, so it changes only when the document does; 304
// when If-None-Match names it (weakly, in a list, or "*"). A `settled` answer (as of a past
// position, which never changes) may be kept by any cache for a year; others are revalidated.
// REQUIRES: applied > 0.
Response answer(const Request& request, std::uint64_t applied, std::string_view body,
                bool settled = false);

boost::asio::awaitable<Response> decisions(const QueryContext& c, const Request& request);
boost::asio::awaitable<Response> eligibility(const QueryContext& c, const Request& request);

}  // namespace thidua::http::query_internal
