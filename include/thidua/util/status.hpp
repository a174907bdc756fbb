// Status and Result: errors as values.
//
// Every fallible call in thidua returns a Status or a Result<T>. A Status carries a Code that
// says which class of failure happened (each maps to exactly one HTTP status at the edge) and a
// message written for the person who will read it. Both types are cheap to move and are
// immutable after construction, so they can be shared between threads once built.
#pragma once

#include <cassert>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <variant>

namespace thidua {

class [[nodiscard]] Status {
 public:
  enum class Code {
    kOk,
    kInvalidArgument,      // the caller's input is malformed or out of range
    kNotFound,             // the thing asked for does not exist
    kConflict,             // an expected stream version did not hold
    kIdempotencyMismatch,  // an idempotency key was reused with a different request
    kWriteRefused,         // the store refuses writes after an earlier failed or uncertain write
    kIOError,              // the storage layer failed
    kCorruption,           // stored bytes are not what was written
    kUnavailable,          // shutting down or otherwise not accepting work now
  };

  Status() = default;
  static Status ok() { return Status(); }
  static Status invalid_argument(std::string msg) {
    return {Code::kInvalidArgument, std::move(msg)};
  }
  static Status not_found(std::string msg) { return {Code::kNotFound, std::move(msg)}; }
  static Status conflict(std::string msg) { return {Code::kConflict, std::move(msg)}; }
  static Status idempotency_mismatch(std::string msg) {
    return {Code::kIdempotencyMismatch, std::move(msg)};
  }
  static Status write_refused(std::string msg) { return {Code::kWriteRefused, std::move(msg)}; }
  static Status io_error(std::string msg) { return {Code::kIOError, std::move(msg)}; }
  static Status corruption(std::string msg) { return {Code::kCorruption, std::move(msg)}; }
  static Status unavailable(std::string msg) { return {Code::kUnavailable, std::move(msg)}; }

  bool is_ok() const { return code_ == Code::kOk; }
  Code code() const { return code_; }
  const std::string& message() const { return message_; }

  // "InvalidArgument: <message>", for logs and tests.
  std::string to_string() const;

 private:
  Status(Code code, std::string message) : code_(code), message_(std::move(message)) {}

  Code code_ = Code::kOk;
  std::string message_;
};

std::string_view code_name(Status::Code code);

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
