#include "fuzz_support.hpp"

#include <cstdio>
#include <cstdlib>
#include <string>

namespace thidua::fuzz {

namespace {

// `text` with every byte that is not printable ASCII (or a newline) escaped as \xNN, so that
// a message shows exactly what the input held.
std::string printable(std::string_view text) {
  std::string out;
  for (char c : text) {
    const auto u = static_cast<unsigned char>(c);
    if ((u >= 0x20 && u < 0x7f) || c == '\n') {
      out += c;
    } else {
      char escaped[5];
      std::snprintf(escaped, sizeof escaped, "\\x%02x", u);
      out += escaped;
    }
  }
  return out;
}

}  // namespace

void fail(std::string_view what, std::string_view detail) {
  std::fprintf(stderr, "property failed: %s\n", printable(what).c_str());
  if (!detail.empty()) std::fprintf(stderr, "  %s\n", printable(detail).c_str());
  std::fflush(stderr);
  std::abort();
}

std::optional<nlohmann::json> parse_json_text(std::string_view text) {
  nlohmann::json doc = nlohmann::json::parse(text, nullptr, /*allow_exceptions=*/false);
  if (doc.is_discarded()) return std::nullopt;
  return doc;
}

std::string_view first_line(std::string_view text) { return text.substr(0, text.find('\n')); }

}  // namespace thidua::fuzz
