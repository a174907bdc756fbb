#include "ed25519.hpp"

#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/rand.h>

#include <memory>

namespace thidua::audit::ed25519 {
namespace {

struct PkeyFree {
  void operator()(EVP_PKEY* key) const { EVP_PKEY_free(key); }
};
struct MdCtxFree {
  void operator()(EVP_MD_CTX* ctx) const { EVP_MD_CTX_free(ctx); }
};
using PkeyPtr = std::unique_ptr<EVP_PKEY, PkeyFree>;
using MdCtxPtr = std::unique_ptr<EVP_MD_CTX, MdCtxFree>;

const unsigned char* bytes(std::string_view s) {
  return reinterpret_cast<const unsigned char*>(s.data());
}

PkeyPtr private_key(std::string_view seed) {
  if (seed.size() != kSeedSize) return nullptr;
  return PkeyPtr(EVP_PKEY_new_raw_private_key(EVP_PKEY_ED25519, nullptr, bytes(seed), seed.size()));
}

}  // namespace

std::optional<std::string> random_seed() {
  std::string seed(kSeedSize, '\0');
  if (RAND_priv_bytes(reinterpret_cast<unsigned char*>(seed.data()), kSeedSize) != 1) {
    return std::nullopt;
  }
  return seed;
}

std::optional<std::string> public_key_from_seed(std::string_view seed) {
  PkeyPtr key = private_key(seed);
  if (key == nullptr) return std::nullopt;
  std::string out(kPublicKeySize, '\0');
  std::size_t len = out.size();
  if (EVP_PKEY_get_raw_public_key(key.get(), reinterpret_cast<unsigned char*>(out.data()), &len) !=
          1 ||
      len != kPublicKeySize) {
    return std::nullopt;
  }
  return out;
}

std::optional<std::string> sign(std::string_view seed, std::string_view message) {
  PkeyPtr key = private_key(seed);
  MdCtxPtr ctx(EVP_MD_CTX_new());
  if (key == nullptr || ctx == nullptr) return std::nullopt;
  // Ed25519 is a one-shot scheme: no digest is named, and the whole message goes in one call.
  if (EVP_DigestSignInit(ctx.get(), nullptr, nullptr, nullptr, key.get()) != 1) {
    return std::nullopt;
  }
  std::string out(kSignatureSize, '\0');
  std::size_t len = out.size();
  if (EVP_DigestSign(ctx.get(), reinterpret_cast<unsigned char*>(out.data()), &len, bytes(message),
                     message.size()) != 1 ||
      len != kSignatureSize) {
    return std::nullopt;
  }
  return out;
}

bool verify(std::string_view public_key, std::string_view message, std::string_view signature) {
  if (public_key.size() != kPublicKeySize || signature.size() != kSignatureSize) return false;
  PkeyPtr key(
      EVP_PKEY_new_raw_public_key(EVP_PKEY_ED25519, nullptr, bytes(public_key), public_key.size()));
  MdCtxPtr ctx(EVP_MD_CTX_new());
  if (key == nullptr || ctx == nullptr) return false;
  if (EVP_DigestVerifyInit(ctx.get(), nullptr, nullptr, nullptr, key.get()) != 1) return false;
  return EVP_DigestVerify(ctx.get(), bytes(signature), signature.size(), bytes(message),
                          message.size()) == 1;
}

void wipe(std::string& secret) { OPENSSL_cleanse(secret.data(), secret.size()); }

}  // namespace thidua::audit::ed25519
