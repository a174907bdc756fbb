#include "thidua/store/stream_name.hpp"

#include <algorithm>

namespace thidua {
namespace {

constexpr std::size_t kMaxNameBytes = 200;
constexpr std::size_t kMaxSegmentBytes = 64;

bool is_name_char(char c) {
  return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_' || c == '.';
}

Status check_segment(std::string_view segment) {
  if (segment.empty()) return Status::invalid_argument("stream name has an empty segment");
  if (segment.size() > kMaxSegmentBytes) {
    return Status::invalid_argument("stream name segment longer than 64 bytes");
  }
  if (segment == "." || segment == "..") {
    return Status::invalid_argument("stream name segment may not be '.' or '..'");
  }
  if (!std::all_of(segment.begin(), segment.end(), is_name_char)) {
    return Status::invalid_argument("stream name segments use only a-z, 0-9, '-', '_' and '.': '" +
                                    std::string(segment) + "'");
  }
  return Status::ok();
}

}  // namespace

const std::vector<std::string>& default_stream_categories() {
  static const std::vector<std::string> kCategories = {
      "organization", "person",   "council",  "movement",   "cluster", "initiative",
      "hold",         "proposal", "decision", "discipline", "system"};
  return kCategories;
}

Status validate_stream_name(std::string_view name, const std::vector<std::string>& categories) {
  if (name.empty()) return Status::invalid_argument("stream name is empty");
  if (name.size() > kMaxNameBytes) {
    return Status::invalid_argument("stream name longer than 200 bytes");
  }
  std::size_t start = 0;
  bool first = true;
  while (true) {
    std::size_t slash = name.find('/', start);
    std::string_view segment = name.substr(
        start, slash == std::string_view::npos ? std::string_view::npos : slash - start);
    if (Status s = check_segment(segment); !s.is_ok()) return s;
    if (first && std::find(categories.begin(), categories.end(), segment) == categories.end()) {
      return Status::invalid_argument("unknown stream category '" + std::string(segment) +
                                      "' in stream name '" + std::string(name) + "'");
    }
    first = false;
    if (slash == std::string_view::npos) break;
    start = slash + 1;
  }
  if (name.find('/') == std::string_view::npos) {
    return Status::invalid_argument("stream name '" + std::string(name) +
                                    "' needs at least a category and an id");
  }
  return Status::ok();
}

}  // namespace thidua
