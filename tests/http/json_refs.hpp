// The "$ref" values of a JSON document, for the tests of the OpenAPI document and schemas.
#pragma once

#include <set>
#include <string>

#include <nlohmann/json.hpp>

namespace thidua::http::testing {

// Adds every "$ref" value anywhere in `node` to `refs`.
inline void collect_refs(const nlohmann::json& node, std::set<std::string>& refs) {
  if (node.is_object()) {
    for (const auto& [key, value] : node.items()) {
      if (key == "$ref" && value.is_string()) refs.insert(value.get<std::string>());
      collect_refs(value, refs);
    }
  } else if (node.is_array()) {
    for (const nlohmann::json& item : node) collect_refs(item, refs);
  }
}

}  // namespace thidua::http::testing
