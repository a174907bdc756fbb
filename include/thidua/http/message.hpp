// Request and Response: the HTTP messages handlers see.
//
// Handlers work on whole Beast messages with string bodies and never on a socket: the session
// (server.hpp) reads the request, hands it over, and writes what the handler returns. The
// session fills in the HTTP version, keep-alive and Content-Length, so handlers only set the
// status, the headers that matter to them and the body. Plain values; no thread-safety concerns.
#pragma once

#include <string>
#include <string_view>

#include <boost/beast/http/message.hpp>
#include <boost/beast/http/status.hpp>
#include <boost/beast/http/string_body.hpp>
#include <boost/beast/http/verb.hpp>

namespace thidua::http {

namespace beast_http = boost::beast::http;

using Request = beast_http::request<beast_http::string_body>;
using Response = beast_http::response<beast_http::string_body>;
using HttpStatus = beast_http::status;
using Verb = beast_http::verb;
using Field = beast_http::field;

inline constexpr std::string_view kJson = "application/json";
inline constexpr std::string_view kNdjson = "application/x-ndjson";
inline constexpr std::string_view kProblemJson = "application/problem+json";
inline constexpr std::string_view kTextPlain = "text/plain; charset=utf-8";

// A response with `status`, a Content-Type of `content_type` and `body`.
Response make_response(HttpStatus status, std::string_view content_type, std::string body);

}  // namespace thidua::http
