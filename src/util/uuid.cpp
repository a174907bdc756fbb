#include "thidua/util/uuid.hpp"

#include <openssl/rand.h>

#include <cstdio>
#include <cstdlib>

#include "thidua/util/sha256.hpp"

namespace thidua {

std::string new_uuid() {
  unsigned char b[16];
  // Without randomness ids could collide and events be refused; there is no safe fallback.
  if (RAND_bytes(b, sizeof(b)) != 1) {
    std::fputs("fatal: no randomness for UUIDs\n", stderr);
    std::abort();
  }
  b[6] = static_cast<unsigned char>((b[6] & 0x0f) | 0x40);
  b[8] = static_cast<unsigned char>((b[8] & 0x3f) | 0x80);
  std::string hex = to_hex(std::string_view(reinterpret_cast<const char*>(b), sizeof(b)));
  return hex.substr(0, 8) + "-" + hex.substr(8, 4) + "-" + hex.substr(12, 4) + "-" +
         hex.substr(16, 4) + "-" + hex.substr(20);
}

}  // namespace thidua
