#include "thidua/util/coding.hpp"

#include <catch2/catch.hpp>

#include "thidua/util/sha256.hpp"

using namespace thidua;

TEST_CASE("fixed64 big-endian keys sort as numbers", "[coding]") {
  CHECK(encode_fixed64_be(1) == std::string("\0\0\0\0\0\0\0\1", 8));
  CHECK(encode_fixed64_be(0x0102030405060708ULL) == "\x01\x02\x03\x04\x05\x06\x07\x08");
  for (std::uint64_t v : {0ULL, 1ULL, 255ULL, 256ULL, 1ULL << 40, ~0ULL}) {
    CHECK(decode_fixed64_be(encode_fixed64_be(v)) == v);
  }
  CHECK(encode_fixed64_be(255) < encode_fixed64_be(256));
  CHECK_FALSE(decode_exact_fixed64_be("1234567").has_value());
  CHECK_FALSE(decode_exact_fixed64_be("123456789").has_value());
}

TEST_CASE("SHA-256 of known inputs", "[sha256]") {
  CHECK(to_hex(sha256("")) == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  CHECK(to_hex(sha256("abc")) ==
        "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  Sha256 a, b;
  a.update_framed("ab");
  a.update_framed("c");
  b.update_framed("a");
  b.update_framed("bc");
  CHECK(a.finish() != b.finish());
}
