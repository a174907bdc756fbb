// What the fuzz harnesses share: stopping on a broken property, and checking JSON and HTTP
// answers.
//
// A harness checks properties of what the code under test answers, not only that it does not
// crash; a property that does not hold stops the process with a message naming it (abort(),
// which libFuzzer reports as a crash and saves the input for).
//
// Thread-safety: the functions are pure apart from fail(), which ends the process.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

namespace thidua::fuzz {

// Prints "property failed: <what>" and `detail` to stderr and aborts.
[[noreturn]] void fail(std::string_view what, std::string_view detail = {});

// fail(what, detail) unless `condition`.
inline void require(bool condition, std::string_view what, std::string_view detail = {}) {
  if (!condition) fail(what, detail);
}

// The JSON document in `text`, or nullopt when it is not one. Never throws.
std::optional<nlohmann::json> parse_json_text(std::string_view text);

// `text` up to its first '\n' (all of it when it has none).
std::string_view first_line(std::string_view text);

}  // namespace thidua::fuzz
