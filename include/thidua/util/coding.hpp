// Fixed-width big-endian integer encoding for storage keys.
//
// Big-endian so that byte-wise key order equals numeric order; RocksDB's default comparator
// then iterates positions and versions in ascending order. Pure functions; thread-safe.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace thidua {

// Appends the 8 big-endian bytes of `value` to `dst`.
void put_fixed64_be(std::string& dst, std::uint64_t value);

// The 8 big-endian bytes of `value`.
std::string encode_fixed64_be(std::uint64_t value);

// Decodes 8 big-endian bytes. REQUIRES: src.size() >= 8; reads the first 8 bytes.
std::uint64_t decode_fixed64_be(std::string_view src);

// Decodes exactly 8 bytes; nullopt when `src` is not 8 bytes long.
std::optional<std::uint64_t> decode_exact_fixed64_be(std::string_view src);

}  // namespace thidua
