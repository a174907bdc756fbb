// Stream names: "category/id[/more]", e.g. "cluster/cum-6/2020".
//
// A stream name is 1 to 200 bytes of segments separated by '/'; each segment is 1 to 64 bytes
// of lower-case ASCII letters, digits, '-', '_' and '.', and not "." or "..". The first segment
// is the category and must be one the store knows. These rules keep names safe in URLs, in
// RocksDB keys (no 0x00) and in JSON strings without escaping. Pure functions; thread-safe.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "thidua/util/status.hpp"

namespace thidua {

// The categories of the thidua domain: organization, person, council, movement, cluster,
// initiative, hold, proposal, decision, discipline, and system (the store's own streams).
const std::vector<std::string>& default_stream_categories();

// kOk when `name` is well formed and its category is in `categories`; otherwise
// kInvalidArgument saying what is wrong.
Status validate_stream_name(std::string_view name, const std::vector<std::string>& categories);

}  // namespace thidua
