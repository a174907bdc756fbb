// Ed25519 (RFC 8032) over OpenSSL 3, on raw bytes: 32-byte seeds (private keys), 32-byte public
// keys and 64-byte signatures, all held in std::string. Private to the audit layer; the public
// types in thidua/audit/signed_note.hpp wrap it. Thread-safe: no shared state.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace thidua::audit::ed25519 {

inline constexpr std::size_t kSeedSize = 32;
inline constexpr std::size_t kPublicKeySize = 32;
inline constexpr std::size_t kSignatureSize = 64;

// A fresh seed from OpenSSL's CSPRNG, or nullopt when the generator fails.
std::optional<std::string> random_seed();

// The public key of `seed`, or nullopt when `seed` is not kSeedSize bytes or OpenSSL fails.
std::optional<std::string> public_key_from_seed(std::string_view seed);

// The signature of `message` under `seed`, or nullopt when `seed` is not kSeedSize bytes or
// OpenSSL fails. Deterministic: the same seed and message give the same bytes.
std::optional<std::string> sign(std::string_view seed, std::string_view message);

// True when `signature` is a valid signature of `message` under `public_key`; false for any
// failure, including wrong sizes.
bool verify(std::string_view public_key, std::string_view message, std::string_view signature);

// Overwrites `secret` with zeros in a way the compiler does not elide.
void wipe(std::string& secret);

// Wipes a secret when the scope that holds it ends, on every return path.
class WipeOnExit {
 public:
  explicit WipeOnExit(std::string& secret) : secret_(secret) {}
  ~WipeOnExit() { wipe(secret_); }
  WipeOnExit(const WipeOnExit&) = delete;
  WipeOnExit& operator=(const WipeOnExit&) = delete;

 private:
  std::string& secret_;
};

}  // namespace thidua::audit::ed25519
