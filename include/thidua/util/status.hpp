// Status and Result: errors as values.
//
// Every fallible call in thidua returns a Status or a Result<T>. A Status carries a Code that
// says which class of failure happened (each maps to exactly one HTTP status and problem type
// at the edge, http/problem.hpp), a message written for the person who will read it, and, for
// the codes that have one, a typed detail: the role of a caller that is forbidden, the id of
// the rule that refused. Code is the one vocabulary of failure from the store to the HTTP
// answer: nothing decides on a message's text. Both types are cheap to move and are immutable
// after construction, so they can be shared between threads once built.
#pragma once

#include <cassert>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <variant>
#include <vector>

namespace thidua {

class [[nodiscard]] Status {
 public:
  enum class Code {
    kOk,
    kInvalidArgument,      // the caller's input is malformed or out of range
    kNotFound,             // the thing asked for does not exist
    kForbidden,            // the caller's role (role()) may not do this
    kRefused,              // a rule of the domain (rule()) refuses the command
    kVersionConflict,      // the stream is not at the version the caller expected (If-Match)
    kConflict,             // an expected stream version or position did not hold in the store
    kIdempotencyMismatch,  // an idempotency key was reused with a different request
    kKeyInUse,             // a request with the same idempotency key is still being written
    kWriteRefused,         // the store refuses writes after an earlier failed or uncertain write
    kIOError,              // the storage layer failed
    kCorruption,           // stored bytes are not what was written
    kUnavailable,          // shutting down or otherwise not accepting work now
    kStopped,              // asked to stop, the work ended before it was done (not a failure)
  };

  Status() = default;
  static Status ok() { return Status(); }
  static Status invalid_argument(std::string msg) {
    return {Code::kInvalidArgument, std::move(msg)};
  }
  static Status not_found(std::string msg) { return {Code::kNotFound, std::move(msg)}; }
  // `role`: the caller's role, when the refusal is about it; may be empty.
  static Status forbidden(std::string msg, std::string role = {}) {
    return {Code::kForbidden, std::move(msg), std::move(role)};
  }
  // `rule`: the id of the rule that refuses, e.g. "score.within_max".
  static Status refused(std::string rule, std::string msg) {
    return {Code::kRefused, std::move(msg), std::move(rule)};
  }
  static Status version_conflict(std::string msg) {
    return {Code::kVersionConflict, std::move(msg)};
  }
  static Status conflict(std::string msg) { return {Code::kConflict, std::move(msg)}; }
  static Status idempotency_mismatch(std::string msg) {
    return {Code::kIdempotencyMismatch, std::move(msg)};
  }
  static Status key_in_use(std::string msg) { return {Code::kKeyInUse, std::move(msg)}; }
  static Status write_refused(std::string msg) { return {Code::kWriteRefused, std::move(msg)}; }
  static Status io_error(std::string msg) { return {Code::kIOError, std::move(msg)}; }
  static Status corruption(std::string msg) { return {Code::kCorruption, std::move(msg)}; }
  static Status unavailable(std::string msg) { return {Code::kUnavailable, std::move(msg)}; }
  static Status stopped(std::string msg) { return {Code::kStopped, std::move(msg)}; }

  bool is_ok() const { return code_ == Code::kOk; }
  Code code() const { return code_; }
  const std::string& message() const { return message_; }
  // kForbidden: the caller's role, if given; "" for other codes.
  const std::string& role() const { return code_ == Code::kForbidden ? detail_ : kNone; }
  // kRefused: the id of the rule that refused; "" for other codes.
  const std::string& rule() const { return code_ == Code::kRefused ? detail_ : kNone; }

  // "InvalidArgument: <message>", "Refused (score.within_max): <message>", for logs and tests.
  std::string to_string() const;

 private:
  static inline const std::string kNone;

  Status(Code code, std::string message, std::string detail = {})
      : code_(code), message_(std::move(message)), detail_(std::move(detail)) {}

  Code code_ = Code::kOk;
  std::string message_;
  std::string detail_;  // the typed detail of the code: role() or rule()
};

// "InvalidArgument", "Refused", ...; "Unknown" for a value that is no Code.
std::string_view code_name(Status::Code code);
// Every code, kOk first, in declaration order: for the tables that must cover them all.
const std::vector<Status::Code>& all_codes();

// A value or the Status explaining why there is none. REQUIRES: a Result is never built from
// an ok Status.
template <typename T>
class [[nodiscard]] Result {
 public:
  Result(T value) : state_(std::move(value)) {}        // NOLINT: implicit by design
  Result(Status status) : state_(std::move(status)) {  // NOLINT: implicit by design
    assert(!std::get<Status>(state_).is_ok());
  }

  bool is_ok() const { return std::holds_alternative<T>(state_); }
  explicit operator bool() const { return is_ok(); }

  // REQUIRES: is_ok().
  T& value() & { return std::get<T>(state_); }
  const T& value() const& { return std::get<T>(state_); }
  T&& value() && { return std::get<T>(std::move(state_)); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }
  T& operator*() & { return value(); }
  const T& operator*() const& { return value(); }

  // The error; Status::ok() when a value is held.
  Status status() const { return is_ok() ? Status::ok() : std::get<Status>(state_); }

 private:
  std::variant<T, Status> state_;
};

}  // namespace thidua
