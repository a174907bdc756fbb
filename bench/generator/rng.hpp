// The generator's source of randomness: SplitMix64, seeded, with its own range functions so
// that a seed gives the same history on every platform and standard library (the
// distributions of <random> are not specified exactly). Not thread-safe. Not a public header.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace thidua::generator::internal {

class Rng {
 public:
  explicit Rng(std::uint64_t seed) : state_(seed) {}

  std::uint64_t next();
  // A number in [0, n). REQUIRES: n > 0.
  int below(int n);
  // A number in [lo, hi]. REQUIRES: lo <= hi.
  int between(int lo, int hi);
  // True with probability per_mille / 1000.
  bool chance(int per_mille);
  template <typename T>
  const T& pick(const std::vector<T>& items) {
    return items[static_cast<std::size_t>(below(static_cast<int>(items.size())))];
  }

 private:
  std::uint64_t state_;
};

// A version 4 UUID in RFC 4122 text form derived from the seed and the event's position, so
// that histories of the same seed have the same ids and those of different seeds or first
// positions do not collide.
std::string event_uuid(std::uint64_t seed, std::uint64_t position);

}  // namespace thidua::generator::internal
