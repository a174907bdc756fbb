#include "thidua/http/problem.hpp"

#include <utility>

namespace thidua::http {
namespace {

using Code = thidua::Status::Code;

struct CodeProblem {
  std::string_view slug;
  std::string_view title;
};

CodeProblem code_problem(Code code) {
  switch (code) {
    case Code::kOk:
      return {"ok", "OK"};
    case Code::kInvalidArgument:
      return {"invalid-argument", "Invalid argument"};
    case Code::kNotFound:
      return {"not-found", "Not found"};
    case Code::kConflict:
      return {"conflict", "Version conflict"};
    case Code::kIdempotencyMismatch:
      return {"idempotency-mismatch", "Idempotency key reused with another request"};
    case Code::kWriteRefused:
      return {"write-refused", "Writes refused"};
    case Code::kIOError:
      return {"io-error", "Storage failed"};
    case Code::kCorruption:
      return {"corruption", "Stored data is corrupt"};
    case Code::kUnavailable:
      return {"unavailable", "Unavailable"};
  }
  return {"internal", "Internal error"};
}

std::string problem_type(std::string_view slug) { return "/problems/" + std::string(slug); }

}  // namespace

HttpStatus http_status_for(Code code) {
  switch (code) {
    case Code::kOk:
      return HttpStatus::ok;
    case Code::kInvalidArgument:
      return HttpStatus::bad_request;
    case Code::kNotFound:
      return HttpStatus::not_found;
    case Code::kConflict:
      return HttpStatus::conflict;
    case Code::kIdempotencyMismatch:
      return HttpStatus::unprocessable_entity;
    case Code::kWriteRefused:
      return HttpStatus::service_unavailable;
    case Code::kIOError:
      return HttpStatus::service_unavailable;
    case Code::kUnavailable:
      return HttpStatus::service_unavailable;
    case Code::kCorruption:
      return HttpStatus::internal_server_error;
  }
  return HttpStatus::internal_server_error;
}

Problem problem_from_status(const thidua::Status& status) {
  CodeProblem p = code_problem(status.code());
  return Problem{http_status_for(status.code()), problem_type(p.slug), std::string(p.title),
                 status.message()};
}

Problem http_problem(HttpStatus status, std::string_view slug, std::string detail) {
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
