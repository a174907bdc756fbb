// FieldError: one thing wrong with a JSON document, located by a JSON Pointer (RFC 6901).
//
// The codec reports what it refuses as FieldErrors so that the HTTP layer can list each
// failing pointer in an RFC 9457 problem; a Status carries the first of them for callers that
// only need one. Plain values and pure functions; thread-safe.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "thidua/util/status.hpp"

namespace thidua::codec {

struct FieldError {
  std::string pointer;  // "" is the whole document; "/criteria/2/max_points" a member
  std::string message;  // for people, e.g. "at most two decimal places"
  bool operator==(const FieldError&) const = default;
};

// "<pointer>: <message>", or the message alone for the whole document.
std::string to_string(const FieldError& error);

// Status::invalid_argument naming the first error and how many more there are; ok when
// `errors` is empty.
Status to_status(const std::vector<FieldError>& errors);

// `pointer` extended by one reference token: '~' and '/' escaped as RFC 6901 says, and bytes
// that are not UTF-8 replaced by U+FFFD so that the pointer can always be written as JSON.
std::string append_pointer(std::string_view pointer, std::string_view token);

// Whether `text` is well-formed UTF-8 (RFC 3629: no overlong forms, no surrogates, at most
// U+10FFFF).
bool valid_utf8(std::string_view text);

// Every string value and member name in `doc` that is not UTF-8, each located by its pointer
// (a bad member name by the member's pointer). nlohmann::json::parse() never yields such
// strings, but a document built in code can hold them, and writing one would throw.
std::vector<FieldError> find_invalid_utf8(const nlohmann::json& doc);

// The document in `text`, or Status::invalid_argument saying where it is malformed (bad
// syntax, invalid UTF-8, nested deeper than `max_depth`). Never throws.
Result<nlohmann::json> parse_json(std::string_view text, std::size_t max_depth = 64);

}  // namespace thidua::codec
