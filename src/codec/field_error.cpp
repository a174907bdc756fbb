#include "thidua/codec/field_error.hpp"

#include <cstdint>

namespace thidua::codec {
namespace {

constexpr std::string_view kReplacement = "\xEF\xBF\xBD";  // U+FFFD

// The length of the well-formed UTF-8 sequence starting at text[i], or 0 if there is none.
std::size_t sequence_length(std::string_view text, std::size_t i) {
  auto byte = [&](std::size_t k) { return static_cast<unsigned char>(text[k]); };
  unsigned char b = byte(i);
  if (b < 0x80) return 1;
  std::size_t n = 0;
  unsigned char lo = 0x80;
  unsigned char hi = 0xBF;
  if (b >= 0xC2 && b <= 0xDF) {
    n = 2;
  } else if (b >= 0xE0 && b <= 0xEF) {
    n = 3;
    if (b == 0xE0) lo = 0xA0;  // no overlong forms
    if (b == 0xED) hi = 0x9F;  // no surrogates
  } else if (b >= 0xF0 && b <= 0xF4) {
    n = 4;
    if (b == 0xF0) lo = 0x90;  // no overlong forms
    if (b == 0xF4) hi = 0x8F;  // at most U+10FFFF
  } else {
    return 0;
  }
  if (i + n > text.size()) return 0;
  if (byte(i + 1) < lo || byte(i + 1) > hi) return 0;
  for (std::size_t k = i + 2; k < i + n; ++k) {
    if (byte(k) < 0x80 || byte(k) > 0xBF) return 0;
  }
  return n;
}

// `text` with every byte that does not start a well-formed sequence replaced by U+FFFD.
std::string sanitize_utf8(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size();) {
    std::size_t n = sequence_length(text, i);
    if (n == 0) {
      out += kReplacement;
      ++i;
    } else {
      out.append(text.substr(i, n));
      i += n;
    }
  }
  return out;
}

void collect_invalid_utf8(const nlohmann::json& doc, const std::string& pointer,
                          std::vector<FieldError>& out) {
  if (doc.is_string()) {
    if (!valid_utf8(doc.get_ref<const std::string&>())) {
      out.push_back({pointer, "not valid UTF-8"});
    }
  } else if (doc.is_array()) {
    for (std::size_t i = 0; i < doc.size(); ++i) {
      collect_invalid_utf8(doc[i], append_pointer(pointer, std::to_string(i)), out);
    }
  } else if (doc.is_object()) {
    for (auto it = doc.begin(); it != doc.end(); ++it) {
      std::string member = append_pointer(pointer, it.key());
      if (!valid_utf8(it.key())) out.push_back({member, "member name is not valid UTF-8"});
      collect_invalid_utf8(it.value(), member, out);
    }
  }
}

// The deepest nesting of arrays and objects in `text`, counting brackets outside strings, so
// that a hostile document is refused before the recursive parser sees it.
std::size_t nesting_depth(std::string_view text) {
  std::size_t depth = 0;
  std::size_t deepest = 0;
  bool in_string = false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (in_string) {
      if (c == '\\') {
        ++i;
      } else if (c == '"') {
        in_string = false;
      }
    } else if (c == '"') {
      in_string = true;
    } else if (c == '[' || c == '{') {
      deepest = std::max(deepest, ++depth);
    } else if ((c == ']' || c == '}') && depth > 0) {
      --depth;
    }
  }
  return deepest;
}

}  // namespace

std::string to_string(const FieldError& error) {
  if (error.pointer.empty()) return error.message;
  return error.pointer + ": " + error.message;
}

Status to_status(const std::vector<FieldError>& errors) {
  if (errors.empty()) return Status::ok();
  std::string message = to_string(errors.front());
  if (errors.size() > 1) {
    message += " (and " + std::to_string(errors.size() - 1) + " more)";
  }
  return Status::invalid_argument(std::move(message));
}

std::string append_pointer(std::string_view pointer, std::string_view token) {
  std::string out(pointer);
  out += '/';
  for (char c : sanitize_utf8(token)) {
    if (c == '~') {
      out += "~0";
    } else if (c == '/') {
      out += "~1";
    } else {
      out += c;
    }
  }
  return out;
}

bool valid_utf8(std::string_view text) {
  for (std::size_t i = 0; i < text.size();) {
    std::size_t n = sequence_length(text, i);
    if (n == 0) return false;
    i += n;
  }
  return true;
}

std::vector<FieldError> find_invalid_utf8(const nlohmann::json& doc) {
  std::vector<FieldError> out;
  collect_invalid_utf8(doc, "", out);
  return out;
}

Result<nlohmann::json> parse_json(std::string_view text, std::size_t max_depth) {
  if (nesting_depth(text) > max_depth) {
    return Status::invalid_argument("JSON nested deeper than " + std::to_string(max_depth) +
                                    " levels");
  }
  try {
    return nlohmann::json::parse(text);
  } catch (const nlohmann::json::exception& e) {
    // A syntax error, or a number too large for a double (out_of_range, e.g. 1e400).
    // e.what() quotes the input, which may be the invalid bytes themselves.
    std::string what = sanitize_utf8(e.what());
    if (std::size_t end = what.find("] ");
        what.starts_with("[json.exception") && end != what.npos) {
      what.erase(0, end + 2);
    }
    return Status::invalid_argument("malformed JSON: " + what);
  }
}

}  // namespace thidua::codec
