// The checks of describe_json.hpp's scalar values that do not depend on the JSON library:
// shared by the reader of nlohmann::json values (json_values.cpp) and the fast reader of
// stored events (fast_event_reader.cpp), so that both accept exactly the same numbers.
#pragma once

#include <cstdint>
#include <limits>

#include "thidua/domain/values.hpp"

namespace thidua::codec::detail {

// Decimals are read from JSON numbers (doubles for fractions); below 10^12 whole units a
// double holds every hundredth exactly enough to tell 0.29 from 0.285.
constexpr std::int64_t kMaxDecimalUnits = 1'000'000'000'000;

enum class NumberError { kNone, kOutOfRange, kTooManyPlaces };

// The decimal a JSON number read as the double `d` stands for.
NumberError decimal_of_double(double d, domain::Decimal& out);
// The decimal of the JSON integer -`magnitude` (when `negative`) or `magnitude`.
NumberError decimal_of_integer(bool negative, std::uint64_t magnitude, domain::Decimal& out);

// The integer -`magnitude` (when `negative`) or `magnitude` as an I; false when out of range.
template <class I>
bool integer_in_range(bool negative, std::uint64_t magnitude, I& out) {
  using Limits = std::numeric_limits<I>;
  if (negative) {
    // |min| of a signed type is max + 1.
    if (!Limits::is_signed || magnitude - 1 > static_cast<std::uint64_t>(Limits::max())) {
      return false;
    }
    out = static_cast<I>(-static_cast<std::int64_t>(magnitude - 1) - 1);
    return true;
  }
  if (magnitude > static_cast<std::uint64_t>(Limits::max())) return false;
  out = static_cast<I>(magnitude);
  return true;
}

}  // namespace thidua::codec::detail
