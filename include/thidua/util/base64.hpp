// Standard base64 (RFC 4648 section 4, with padding). Pure functions; thread-safe.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace thidua {

std::string base64_encode(std::string_view bytes);

// The decoded bytes, or nullopt when `text` is not canonical padded base64 (wrong length,
// characters outside the alphabet, misplaced padding, or non-zero trailing bits).
std::optional<std::string> base64_decode(std::string_view text);

}  // namespace thidua
