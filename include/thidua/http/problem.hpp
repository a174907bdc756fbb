// Problem details (RFC 9457): how every error leaves the server.
//
// An error response is `application/problem+json` with `type`, `title`, `status` and `detail`,
// plus extension members where a problem has more to say. `type` is a relative URI reference
// "/problems/<slug>", one slug per kind of problem, so clients can branch on it without parsing
// the detail. Each thidua::Status::Code maps to exactly one HTTP status (http_status_for).
// Pure functions; thread-safe.
#pragma once

#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "thidua/http/message.hpp"
#include "thidua/util/status.hpp"

namespace thidua::http {

struct Problem {
  HttpStatus status = HttpStatus::internal_server_error;
  std::string type;    // e.g. "/problems/invalid-argument"
  std::string title;   // short, the same for every problem of this type
  std::string detail;  // this occurrence, for a person to read
  nlohmann::json extensions = nlohmann::json::object();  // extra members, e.g. "allow"
};

// InvalidArgument 400, NotFound 404, Conflict 409, IdempotencyMismatch 422, WriteRefused 503,
// IOError 503, Unavailable 503, Corruption 500 (and Ok 200).
HttpStatus http_status_for(thidua::Status::Code code);

// The problem describing `status`: its HTTP status, a type and title per code, and the status
// message as detail. REQUIRES: !status.is_ok().
Problem problem_from_status(const thidua::Status& status);

// A problem that is about HTTP itself rather than a thidua::Status (unknown route, body too
// large, ...): type "/problems/<slug>", title the status's reason phrase.
Problem http_problem(HttpStatus status, std::string_view slug, std::string detail);

// The problem as an application/problem+json response. Text that is not valid UTF-8 is
// replaced rather than refused, so any detail can be reported.
Response problem_response(const Problem& problem);

// problem_response(problem_from_status(status)). REQUIRES: !status.is_ok().
Response status_response(const thidua::Status& status);

}  // namespace thidua::http
