#include "rng.hpp"

namespace thidua::generator::internal {

namespace {

std::uint64_t mix(std::uint64_t z) {
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
  return z ^ (z >> 31);
}

void put_hex(std::string& out, std::uint64_t value, int digits) {
  static constexpr char kHex[] = "0123456789abcdef";
  for (int i = digits - 1; i >= 0; --i) out += kHex[(value >> (4 * i)) & 0xf];
}

}  // namespace

std::uint64_t Rng::next() {
  state_ += 0x9e3779b97f4a7c15ULL;
  return mix(state_);
}

int Rng::below(int n) {
  // The modulo bias is below 2^-32 for the small ranges used here.
  return static_cast<int>(next() % static_cast<std::uint64_t>(n));
}

int Rng::between(int lo, int hi) { return lo + below(hi - lo + 1); }

bool Rng::chance(int per_mille) { return below(1000) < per_mille; }

std::string event_uuid(std::uint64_t seed, std::uint64_t position) {
  // mix() is a bijection, so distinct positions of one seed give distinct high halves.
  const std::uint64_t hi = mix(mix(seed ^ 0x7468696475612d67ULL) + position);
  const std::uint64_t lo = mix(hi ^ 0x656e657261746f72ULL);
  const std::uint64_t version = (hi & ~0xf000ULL) | 0x4000ULL;
  const std::uint64_t variant = (lo & ~(0x3ULL << 62)) | (0x2ULL << 62);
  std::string out;
  out.reserve(36);
  put_hex(out, version >> 32, 8);
  out += '-';
  put_hex(out, (version >> 16) & 0xffff, 4);
  out += '-';
  put_hex(out, version & 0xffff, 4);
  out += '-';
  put_hex(out, variant >> 48, 4);
  out += '-';
  put_hex(out, variant & 0xffffffffffffULL, 12);
  return out;
}

}  // namespace thidua::generator::internal
