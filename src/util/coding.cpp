#include "thidua/util/coding.hpp"

#include <cassert>

namespace thidua {

void put_fixed64_be(std::string& dst, std::uint64_t value) {
  char buf[8];
  for (int i = 7; i >= 0; --i) {
    buf[i] = static_cast<char>(value & 0xff);
    value >>= 8;
  }
  dst.append(buf, sizeof(buf));
}

std::string encode_fixed64_be(std::uint64_t value) {
  std::string out;
  put_fixed64_be(out, value);
  return out;
}

std::uint64_t decode_fixed64_be(std::string_view src) {
  assert(src.size() >= 8);
  std::uint64_t value = 0;
  for (int i = 0; i < 8; ++i) value = (value << 8) | static_cast<unsigned char>(src[i]);
  return value;
}

std::optional<std::uint64_t> decode_exact_fixed64_be(std::string_view src) {
  if (src.size() != 8) return std::nullopt;
  return decode_fixed64_be(src);
}

}  // namespace thidua
