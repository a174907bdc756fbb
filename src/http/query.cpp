#include "thidua/http/query.hpp"

#include <algorithm>
#include <charconv>
#include <utility>

namespace thidua::http {
namespace {

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

bool is_unreserved(unsigned char c) {
  return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' ||
         c == '.' || c == '_' || c == '~';
}

Result<QueryParam> parse_pair(std::string_view pair) {
  std::size_t eq = pair.find('=');
  std::string_view raw_name = pair.substr(0, eq);
  std::string_view raw_value = eq == std::string_view::npos ? "" : pair.substr(eq + 1);
  Result<std::string> name = percent_decode(raw_name, true);
  if (!name) {
    return Status::invalid_argument("parameter '" + std::string(raw_name) +
                                    "': name is not valid percent-encoding");
  }
  Result<std::string> value = percent_decode(raw_value, true);
  if (!value) {
    return Status::invalid_argument("parameter '" + *name +
                                    "': value is not valid percent-encoding");
  }
  return QueryParam{std::move(*name), std::move(*value)};
}

}  // namespace

Target split_target(std::string_view target) {
  // Absolute-form, "http://host:port/path?query" (RFC 9112 section 3.2.2): drop the scheme and
  // authority, which name this server anyway.
  std::size_t scheme = target.find("://");
  if (!target.empty() && target.front() != '/' && scheme != std::string_view::npos) {
    std::size_t path = target.find('/', scheme + 3);
    target = path == std::string_view::npos ? std::string_view{} : target.substr(path);
  }
  std::size_t q = target.find('?');
  if (q == std::string_view::npos) return {target, {}};
  return {target.substr(0, q), target.substr(q + 1)};
}

Result<std::string> percent_decode(std::string_view text, bool plus_as_space) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (c == '+' && plus_as_space) {
      out += ' ';
    } else if (c != '%') {
      out += c;
    } else if (i + 2 < text.size() && hex_value(text[i + 1]) >= 0 && hex_value(text[i + 2]) >= 0) {
      out += static_cast<char>(hex_value(text[i + 1]) * 16 + hex_value(text[i + 2]));
      i += 2;
    } else {
      return Status::invalid_argument("'%' must be followed by two hex digits");
    }
  }
  return out;
}

std::string percent_encode(std::string_view text) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    auto u = static_cast<unsigned char>(c);
    if (is_unreserved(u)) {
      out += c;
    } else {
      out += '%';
      out += kHex[u >> 4];
      out += kHex[u & 0xF];
    }
  }
  return out;
}

Result<std::vector<QueryParam>> parse_query(std::string_view query) {
  std::vector<QueryParam> params;
  while (!query.empty()) {
    std::size_t amp = query.find('&');
    std::string_view pair = query.substr(0, amp);
    query = amp == std::string_view::npos ? std::string_view{} : query.substr(amp + 1);
    if (pair.empty()) continue;
    Result<QueryParam> param = parse_pair(pair);
    if (!param) return param.status();
    params.push_back(std::move(*param));
  }
  return params;
}

Status bad_parameter(std::string_view name, std::string_view why) {
  return Status::invalid_argument("parameter '" + std::string(name) + "': " + std::string(why));
}

Result<std::uint64_t> parse_count(std::string_view name, std::string_view text) {
  if (text.empty() ||
      !std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; })) {
    return bad_parameter(name, "must be a non-negative decimal integer");
  }
  std::uint64_t value = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc()) return bad_parameter(name, "number too large");
  return value;
}

bool names_etag(std::string_view header, std::string_view etag) {
  while (!header.empty()) {
    const std::size_t comma = header.find(',');
    std::string_view tag = header.substr(0, comma);
    while (!tag.empty() && (tag.front() == ' ' || tag.front() == '\t')) tag.remove_prefix(1);
    while (!tag.empty() && (tag.back() == ' ' || tag.back() == '\t')) tag.remove_suffix(1);
    if (tag.starts_with("W/")) tag.remove_prefix(2);
    if (tag == "*" || tag == etag) return true;
    if (comma == std::string_view::npos) break;
    header.remove_prefix(comma + 1);
  }
  return false;
}

}  // namespace thidua::http
