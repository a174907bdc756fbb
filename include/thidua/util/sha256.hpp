// SHA-256 digests (OpenSSL) and hex encoding. Thread-safe.
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <string_view>

namespace thidua {

using Digest = std::array<std::uint8_t, 32>;

// SHA-256 of `data`.
Digest sha256(std::string_view data);

// Incremental SHA-256 for hashing several pieces without concatenating them.
class Sha256 {
 public:
  Sha256();
  ~Sha256();
  Sha256(const Sha256&) = delete;
  Sha256& operator=(const Sha256&) = delete;

  void update(std::string_view data);
  // Length-prefixed update, so that ("ab","c") and ("a","bc") hash differently.
  void update_framed(std::string_view data);
  // REQUIRES: called once; the object is spent afterwards.
  Digest finish();

 private:
  void* ctx_;
};

// Lower-case hex of `bytes`.
std::string to_hex(std::string_view bytes);
std::string to_hex(const Digest& digest);

// The digest's 32 raw bytes as a string.
std::string digest_bytes(const Digest& digest);

}  // namespace thidua
