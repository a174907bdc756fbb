#include "thidua/util/status.hpp"

namespace thidua {

std::string_view code_name(Status::Code code) {
  switch (code) {
    case Status::Code::kOk:
      return "OK";
    case Status::Code::kInvalidArgument:
      return "InvalidArgument";
    case Status::Code::kNotFound:
      return "NotFound";
    case Status::Code::kForbidden:
      return "Forbidden";
    case Status::Code::kRefused:
      return "Refused";
    case Status::Code::kVersionConflict:
      return "VersionConflict";
    case Status::Code::kConflict:
      return "Conflict";
    case Status::Code::kIdempotencyMismatch:
      return "IdempotencyMismatch";
    case Status::Code::kKeyInUse:
      return "KeyInUse";
    case Status::Code::kWriteRefused:
      return "WriteRefused";
    case Status::Code::kIOError:
      return "IOError";
    case Status::Code::kCorruption:
      return "Corruption";
    case Status::Code::kUnavailable:
      return "Unavailable";
    case Status::Code::kStopped:
      return "Stopped";
  }
  return "Unknown";
}

const std::vector<Status::Code>& all_codes() {
  static const std::vector<Status::Code> codes = [] {
    // Codes are 0, 1, ... in declaration order, and code_name(), whose switch the compiler
    // checks for every code, names exactly them.
    std::vector<Status::Code> out;
    for (int i = 0; code_name(static_cast<Status::Code>(i)) != "Unknown"; ++i) {
      out.push_back(static_cast<Status::Code>(i));
    }
    return out;
  }();
  return codes;
}

std::string Status::to_string() const {
  if (is_ok()) return "OK";
  std::string out(code_name(code_));
  if (!detail_.empty()) out += " (" + detail_ + ")";
  out += ": ";
  out += message_;
  return out;
}

}  // namespace thidua
