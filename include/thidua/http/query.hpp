// Request targets: splitting into path and query, percent-decoding and -encoding.
//
// Query strings follow application/x-www-form-urlencoded as browsers produce it: pairs
// separated by '&', name and value separated by the first '=', '+' meaning a space, and
// "%XX" escapes. Malformed escapes are errors, never passed through. Pure functions;
// thread-safe.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "thidua/util/status.hpp"

namespace thidua::http {

struct Target {
  std::string_view path;   // up to the first '?'
  std::string_view query;  // after the first '?', without it; empty when there is none
};

// Views into `target`; they live as long as the text they point into. An absolute-form target
// ("http://host/path?query") is taken as its path and query; one without a path gets an empty
// path.
Target split_target(std::string_view target);

// Decodes "%XX" escapes (and '+' as a space when `plus_as_space`). kInvalidArgument when a '%'
// is not followed by two hex digits.
Result<std::string> percent_decode(std::string_view text, bool plus_as_space);

// Escapes every byte except the unreserved characters of RFC 3986 (A-Z a-z 0-9 - . _ ~), so
// the result is safe in a path segment, a query value and a Link header.
std::string percent_encode(std::string_view text);

struct QueryParam {
  std::string name;
  std::string value;
};

// The decoded parameters of `query` in order; empty pairs ("a=1&&b=2") are skipped. A missing
// '=' gives an empty value. kInvalidArgument naming the parameter when an escape is malformed.
Result<std::vector<QueryParam>> parse_query(std::string_view query);

// kInvalidArgument "parameter '<name>': <why>", the form of every query parameter error, so a
// client (and a test) finds the parameter's name in the problem's detail.
Status bad_parameter(std::string_view name, std::string_view why);

// The value of a count parameter: plain decimal digits only (no sign, no spaces, no '+') within
// 64 bits. kInvalidArgument from bad_parameter(name, ...) otherwise.
Result<std::uint64_t> parse_count(std::string_view name, std::string_view text);

// Whether an If-None-Match header value names `etag` (a quoted entity tag): "*", or a
// comma-separated list of entity tags compared weakly (RFC 9110 section 13.1.2), so W/"x"
// matches "x".
bool names_etag(std::string_view header, std::string_view etag);

}  // namespace thidua::http
