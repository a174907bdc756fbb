// Problem details (RFC 9457): how every error leaves the server.
//
// An error response is `application/problem+json` with `type`, `title`, `status` and `detail`,
// plus extension members where a problem has more to say. `type` is a relative URI reference
// "/problems/<slug>", one slug per kind of problem, so clients can branch on it without parsing
// the detail, and one title per type. Every thidua::Status::Code has its HTTP status, type and
// title in one table (problem_kind); every route answers a Status through it
// (problem_from_status), and a Status's typed detail becomes a member: `rule` for kRefused,
// `role` for kForbidden. http_problem() is for the problems about HTTP itself, whose types no
// code has. Pure functions; thread-safe.
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

// How a code is answered: its HTTP status, the slug of its problem type and that type's title.
struct ProblemKind {
  HttpStatus status = HttpStatus::internal_server_error;
  std::string_view slug;
  std::string_view title;
};

// The one mapping from codes to answers:
//   kInvalidArgument     400 invalid-argument        kKeyInUse      409 idempotency-key-in-use
//   kNotFound            404 not-found               kWriteRefused  503 write-refused
//   kForbidden           403 forbidden               kIOError       503 io-error
//   kRefused             422 rule-violated           kCorruption    500 corruption
//   kVersionConflict     409 version-conflict        kUnavailable   503 unavailable
//   kConflict            409 conflict                kStopped       503 unavailable
//   kIdempotencyMismatch 422 idempotency-mismatch    (kOk           200 ok)
ProblemKind problem_kind(thidua::Status::Code code);

// problem_kind(code).status.
HttpStatus http_status_for(thidua::Status::Code code);

// The problem describing `status`: its code's HTTP status, type and title, the status message
// as detail, and its typed detail as a member (`rule`, `role`). REQUIRES: !status.is_ok().
Problem problem_from_status(const thidua::Status& status);

// A problem that is about HTTP itself rather than a thidua::Status (unknown method, body too
// large, ...): type "/problems/<slug>", title the status's reason phrase. REQUIRES: no code's
// problem has that slug (those come from problem_from_status).
Problem http_problem(HttpStatus status, std::string_view slug, std::string detail);

// The problem as an application/problem+json response. Text that is not valid UTF-8 is
// replaced rather than refused, so any detail can be reported.
Response problem_response(const Problem& problem);

// problem_response(problem_from_status(status)). REQUIRES: !status.is_ok().
Response status_response(const thidua::Status& status);

}  // namespace thidua::http
