// The one mapping from Status codes to HTTP answers (http/problem.hpp): every code has its
// status, problem type and title, pinned here, so that a code added without one fails.
#include <map>
#include <string>
#include <vector>

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "thidua/http/problem.hpp"

namespace thidua::http {
namespace {

using thidua::Status;
using Code = Status::Code;
using nlohmann::json;

struct Answer {
  Status status;  // an example of the code, with the typed detail it carries
  unsigned http;
  std::string type;
  std::string title;
};

// What clients are answered for each code (docs/http.md, schemas/openapi.json).
const std::vector<Answer>& answers() {
  static const std::vector<Answer> all = {
      {Status::invalid_argument("parameter 'year': not a number"), 400,
       "/problems/invalid-argument", "Invalid argument"},
      {Status::not_found("no decision 'qd-1'"), 404, "/problems/not-found", "Not found"},
      {Status::forbidden("the role 'unit' may not issue decisions", "unit"), 403,
       "/problems/forbidden", "Forbidden"},
      {Status::refused("score.within_max", "9.5 is over the criterion's 9"), 422,
       "/problems/rule-violated", "A rule refuses the command"},
      {Status::version_conflict("If-Match: the stream is at version 3, not 2"), 409,
       "/problems/version-conflict", "Conflict"},
      {Status::conflict("stream 'x' was expected at version 2"), 409, "/problems/conflict",
       "Version conflict"},
      {Status::idempotency_mismatch("the key was used with another request"), 422,
       "/problems/idempotency-mismatch", "Idempotency key reused with another request"},
      {Status::key_in_use("the key is still being written"), 409,
       "/problems/idempotency-key-in-use", "Conflict"},
      {Status::write_refused("an earlier write failed"), 503, "/problems/write-refused",
       "Writes refused"},
      {Status::io_error("read failed"), 503, "/problems/io-error", "Storage failed"},
      {Status::corruption("bad bytes"), 500, "/problems/corruption", "Stored data is corrupt"},
      {Status::unavailable("the state is loading"), 503, "/problems/unavailable", "Unavailable"},
      {Status::stopped("stopping"), 503, "/problems/unavailable", "Unavailable"},
  };
  return all;
}

const Answer* answer_for(Code code) {
  for (const Answer& a : answers()) {
    if (a.status.code() == code) return &a;
  }
  return nullptr;
}

TEST_CASE("every Status code has its HTTP status, problem type and title", "[problem]") {
  for (Code code : thidua::all_codes()) {
    if (code == Code::kOk) continue;
    INFO(thidua::code_name(code));
    const Answer* want = answer_for(code);
    REQUIRE(want != nullptr);  // a new code needs its answer: here, in problem.cpp and the docs
    const ProblemKind kind = problem_kind(code);
    CHECK(static_cast<unsigned>(kind.status) == want->http);
    CHECK("/problems/" + std::string(kind.slug) == want->type);
    CHECK(kind.title == want->title);
    CHECK(http_status_for(code) == kind.status);
  }
  CHECK(answers().size() + 1 == thidua::all_codes().size());
  CHECK(http_status_for(Code::kOk) == HttpStatus::ok);
}

TEST_CASE("codes that share a problem type share its status and title", "[problem]") {
  std::map<std::string_view, ProblemKind> by_slug;
  for (Code code : thidua::all_codes()) {
    const ProblemKind kind = problem_kind(code);
    const ProblemKind& first = by_slug.emplace(kind.slug, kind).first->second;
    INFO(thidua::code_name(code) << ": /problems/" << kind.slug);
    CHECK(first.status == kind.status);
    CHECK(first.title == kind.title);
  }
}

TEST_CASE("a status is answered as its code's problem, its typed detail a member", "[problem]") {
  for (const Answer& want : answers()) {
    INFO(want.status.to_string());
    Response r = status_response(want.status);
    CHECK(r.result_int() == want.http);
    CHECK(r[Field::content_type] == "application/problem+json");
    json expected = {{"type", want.type},
                     {"title", want.title},
                     {"status", want.http},
                     {"detail", want.status.message()}};
    if (!want.status.rule().empty()) expected["rule"] = want.status.rule();
    if (!want.status.role().empty()) expected["role"] = want.status.role();
    CHECK(json::parse(r.body()) == expected);
  }
  const json refused =
      json::parse(status_response(Status::refused("hold.active", "under a hold")).body());
  CHECK(refused["rule"] == "hold.active");
  const json forbidden =
      json::parse(status_response(Status::forbidden("may not", "auditor")).body());
  CHECK(forbidden["role"] == "auditor");
  // No role given, no member.
  CHECK_FALSE(json::parse(status_response(Status::forbidden("may not")).body()).contains("role"));
}

}  // namespace
}  // namespace thidua::http
