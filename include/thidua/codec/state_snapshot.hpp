// The domain state as bytes, and back: the projections keep a snapshot of it so that a
// restart loads the state instead of replaying the whole log.
//
// The encoding follows describe(): each member of the State is a section prefixed by its size
// (decode_state reads the sections on all cores at once); each describable value is its
// members in order, with no names; integers are varints (signed ones zigzagged), strings and
// containers are prefixed by their size, optional values by a presence byte, enumerations are
// their index, dates three integers, decimals their hundredths. It starts with the state's
// shape: a digest of every type, member name and enumeration name it is made of (and
// kStateFormat), so that a snapshot written by code whose State differs is refused rather than
// misread; then the SHA-256 of the rest, so that a damaged byte is found rather than read as
// another value. Thread-safe.
#pragma once

#include <string>
#include <string_view>

#include "thidua/domain/state.hpp"
#include "thidua/util/status.hpp"

namespace thidua::codec {

// Raised by hand when evolve() changes what it keeps without the types changing, so that
// older snapshots are not used.
inline constexpr int kStateFormat = 3;

// The SHA-256 (32 bytes) of the State's shape and kStateFormat.
const std::string& state_shape_digest();

std::string encode_state(const domain::State& state);

// The state in `bytes`. kInvalidArgument when the bytes were written for another shape of
// State; kCorruption when they are not a whole state (a checksum that does not match,
// truncated, out-of-range values, bytes left over).
Result<domain::State> decode_state(std::string_view bytes);

}  // namespace thidua::codec
