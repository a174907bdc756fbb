// Helpers shared by the query routes (query_routes.cpp, query_lists.cpp). Not a public header.
#pragma once

#include <initializer_list>
#include <map>
#include <string>
#include <string_view>

#include "thidua/http/query_routes.hpp"

namespace thidua::http::query_internal {

using Params = std::map<std::string, std::string, std::less<>>;

// The parameters of the request's query, each one of `known` and given at most once.
Result<Params> parse_params(const Request& request, std::initializer_list<std::string_view> known);
// A year from 1900 to 2999, or a 400 naming the parameter.
Result<int> parse_year(std::string_view name, std::string_view text);
// The 200 answer: `body` (a JSON object's text) with "as_of" (applied - 1) put first, and the
// ETag; 304 when If-None-Match matches. REQUIRES: applied > 0.
Response answer(const Request& request, std::uint64_t applied, std::string_view body);

Response decisions(const QueryContext& c, const Request& request);
Response eligibility(const QueryContext& c, const Request& request);

}  // namespace thidua::http::query_internal
