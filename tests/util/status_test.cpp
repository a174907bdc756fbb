#include "thidua/util/status.hpp"

#include <set>

#include <catch2/catch.hpp>

using namespace thidua;
using Code = Status::Code;

TEST_CASE("each factory gives its code and keeps the message", "[status]") {
  const std::pair<Status, Code> made[] = {
      {Status::invalid_argument("m"), Code::kInvalidArgument},
      {Status::not_found("m"), Code::kNotFound},
      {Status::forbidden("m"), Code::kForbidden},
      {Status::refused("rule.id", "m"), Code::kRefused},
      {Status::version_conflict("m"), Code::kVersionConflict},
      {Status::conflict("m"), Code::kConflict},
      {Status::idempotency_mismatch("m"), Code::kIdempotencyMismatch},
      {Status::key_in_use("m"), Code::kKeyInUse},
      {Status::write_refused("m"), Code::kWriteRefused},
      {Status::io_error("m"), Code::kIOError},
      {Status::corruption("m"), Code::kCorruption},
      {Status::unavailable("m"), Code::kUnavailable},
      {Status::stopped("m"), Code::kStopped},
  };
  std::set<Code> seen;
  for (const auto& [status, code] : made) {
    INFO(status.to_string());
    CHECK(status.code() == code);
    CHECK_FALSE(status.is_ok());
    CHECK(status.message() == "m");
    seen.insert(code);
  }
  // A factory for every code but kOk.
  CHECK(seen.size() + 1 == all_codes().size());
  CHECK(Status().is_ok());
  CHECK(Status::ok().code() == Code::kOk);
  CHECK(Status::ok().to_string() == "OK");
}

TEST_CASE("a refusal carries its rule and a forbidden status its role, typed", "[status]") {
  Status refused = Status::refused("score.within_max", "9.5 is over the criterion's 9");
  CHECK(refused.rule() == "score.within_max");
  CHECK(refused.role().empty());
  CHECK(refused.message() == "9.5 is over the criterion's 9");
  CHECK(refused.to_string() == "Refused (score.within_max): 9.5 is over the criterion's 9");

  Status forbidden = Status::forbidden("the role 'unit' may not issue decisions", "unit");
  CHECK(forbidden.role() == "unit");
  CHECK(forbidden.rule().empty());
  CHECK(Status::forbidden("no role said").role().empty());

  // The detail belongs to its code: no other code shows one.
  CHECK(Status::invalid_argument("score.within_max").rule().empty());
  CHECK(Status::not_found("unit").role().empty());
  CHECK(Status::invalid_argument("bad").to_string() == "InvalidArgument: bad");
}

TEST_CASE("a Result holds a value or the status saying why not", "[status]") {
  Result<int> value = 7;
  CHECK(value.is_ok());
  CHECK(*value == 7);
  CHECK(value.status().is_ok());
  Result<int> error = Status::refused("rule.id", "no");
  CHECK_FALSE(error.is_ok());
  CHECK(error.status().code() == Code::kRefused);
  CHECK(error.status().rule() == "rule.id");
}

TEST_CASE("every code has a name of its own, and all_codes lists them in order", "[status]") {
  const std::vector<Code>& codes = all_codes();
  REQUIRE(codes.size() >= 14);
  std::set<std::string_view> names;
  for (std::size_t i = 0; i < codes.size(); ++i) {
    CHECK(static_cast<std::size_t>(codes[i]) == i);
    CHECK(code_name(codes[i]) != "Unknown");
    names.insert(code_name(codes[i]));
  }
  CHECK(names.size() == codes.size());
  CHECK(codes.front() == Code::kOk);
  CHECK(code_name(static_cast<Code>(codes.size())) == "Unknown");
}
