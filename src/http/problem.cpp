#include "thidua/http/problem.hpp"

#include <cassert>
#include <utility>

namespace thidua::http {
namespace {

using Code = thidua::Status::Code;

std::string problem_type(std::string_view slug) { return "/problems/" + std::string(slug); }

// Whether a code's problem has this slug.
[[maybe_unused]] bool is_code_slug(std::string_view slug) {
  for (Code code : thidua::all_codes()) {
    if (problem_kind(code).slug == slug) return true;
  }
  return false;
}

}  // namespace

ProblemKind problem_kind(Code code) {
  // One title per type, whichever route answers it; codes that share a type share its title.
  switch (code) {
    case Code::kOk:
      return {HttpStatus::ok, "ok", "OK"};
    case Code::kInvalidArgument:
      return {HttpStatus::bad_request, "invalid-argument", "Invalid argument"};
    case Code::kNotFound:
      return {HttpStatus::not_found, "not-found", "Not found"};
    case Code::kForbidden:
      return {HttpStatus::forbidden, "forbidden", "Forbidden"};
    case Code::kRefused:
      return {HttpStatus::unprocessable_entity, "rule-violated", "A rule refuses the command"};
    case Code::kVersionConflict:
      return {HttpStatus::conflict, "version-conflict", "Conflict"};
    case Code::kConflict:
      return {HttpStatus::conflict, "conflict", "Version conflict"};
    case Code::kIdempotencyMismatch:
      return {HttpStatus::unprocessable_entity, "idempotency-mismatch",
              "Idempotency key reused with another request"};
    case Code::kKeyInUse:
      return {HttpStatus::conflict, "idempotency-key-in-use", "Conflict"};
    case Code::kWriteRefused:
      return {HttpStatus::service_unavailable, "write-refused", "Writes refused"};
    case Code::kIOError:
      return {HttpStatus::service_unavailable, "io-error", "Storage failed"};
    case Code::kCorruption:
      return {HttpStatus::internal_server_error, "corruption", "Stored data is corrupt"};
    case Code::kUnavailable:
    case Code::kStopped:  // a server that is stopping takes no more work
      return {HttpStatus::service_unavailable, "unavailable", "Unavailable"};
  }
  return {HttpStatus::internal_server_error, "internal", "Internal error"};
}

HttpStatus http_status_for(Code code) { return problem_kind(code).status; }

Problem problem_from_status(const thidua::Status& status) {
  const ProblemKind kind = problem_kind(status.code());
  Problem p{kind.status, problem_type(kind.slug), std::string(kind.title), status.message()};
  if (!status.rule().empty()) p.extensions["rule"] = status.rule();
  if (!status.role().empty()) p.extensions["role"] = status.role();
  return p;
}

Problem http_problem(HttpStatus status, std::string_view slug, std::string detail) {
  assert(!is_code_slug(slug));
  return Problem{status, problem_type(slug), std::string(beast_http::obsolete_reason(status)),
                 std::move(detail)};
}

Response problem_response(const Problem& problem) {
  nlohmann::json body =
      problem.extensions.is_object() ? problem.extensions : nlohmann::json::object();
  body["type"] = problem.type;
  body["title"] = problem.title;
  body["status"] = static_cast<unsigned>(problem.status);
  body["detail"] = problem.detail;
  return make_response(problem.status, kProblemJson,
                       body.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
}

Response status_response(const thidua::Status& status) {
  return problem_response(problem_from_status(status));
}

}  // namespace thidua::http
