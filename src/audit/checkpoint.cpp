#include "thidua/audit/checkpoint.hpp"

#include <algorithm>
#include <cassert>
#include <limits>
#include <optional>

#include "thidua/audit/signed_note.hpp"
#include "thidua/util/base64.hpp"

namespace thidua::audit {
namespace {

// Canonical decimal: digits only, no leading zero unless the number is 0, at most 2^64 - 1.
std::optional<std::uint64_t> parse_size(std::string_view s) {
  if (s.empty() || (s.size() > 1 && s[0] == '0')) return std::nullopt;
  constexpr std::uint64_t kMax = std::numeric_limits<std::uint64_t>::max();
  std::uint64_t v = 0;
  for (char c : s) {
    if (c < '0' || c > '9') return std::nullopt;
    auto digit = static_cast<std::uint64_t>(c - '0');
    if (v > (kMax - digit) / 10) return std::nullopt;
    v = v * 10 + digit;
  }
  return v;
}

std::optional<Digest> parse_root(std::string_view s) {
  std::optional<std::string> raw = base64_decode(s);
  Digest root{};
  if (!raw || raw->size() != root.size()) return std::nullopt;
  std::copy(raw->begin(), raw->end(), root.begin());
  return root;
}

// The lines of `body`, which ends in "\n", without their newlines.
std::vector<std::string_view> split_lines(std::string_view body) {
  std::vector<std::string_view> lines;
  for (std::size_t start = 0; start < body.size();) {
    std::size_t end = body.find('\n', start);
    lines.push_back(body.substr(start, end - start));
    start = end + 1;
  }
  return lines;
}

Status bad(const std::string& why) {
  return Status::invalid_argument("malformed checkpoint: " + why);
}

}  // namespace

std::string Checkpoint::body() const {
  assert(!origin.empty());
  std::string out =
      origin + "\n" + std::to_string(size) + "\n" + base64_encode(digest_bytes(root)) + "\n";
  for (const std::string& line : extensions) {
    assert(!line.empty());
    out += line + "\n";
  }
  assert(is_valid_note_text(out));
  return out;
}

Result<Checkpoint> Checkpoint::parse(std::string_view body) {
  if (body.empty() || body.back() != '\n') return bad("the body does not end with a newline");
  if (!is_valid_note_text(body)) {
    return bad("not UTF-8, or holds a control character other than newline");
  }
  std::vector<std::string_view> lines = split_lines(body);
  if (lines.size() < 3) return bad("want at least origin, tree size and root hash lines");
  for (std::size_t i = 0; i < lines.size(); ++i) {
    if (lines[i].empty()) return bad("line " + std::to_string(i + 1) + " is empty");
  }
  std::optional<std::uint64_t> size = parse_size(lines[1]);
  if (!size) return bad("the tree size is not a decimal number without leading zeros below 2^64");
  std::optional<Digest> root = parse_root(lines[2]);
  if (!root) return bad("the root hash is not base64 of 32 bytes");
  Checkpoint c{std::string(lines[0]), *size, *root, {}};
  c.extensions.assign(lines.begin() + 3, lines.end());
  return c;
}

}  // namespace thidua::audit
