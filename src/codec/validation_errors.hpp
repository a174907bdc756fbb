// Turning valijson's validation results into FieldErrors: one per failure, at the JSON Pointer
// of the failing member, in words for people.
#pragma once

#include <functional>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>
#include <valijson/validation_results.hpp>

#include "thidua/codec/field_error.hpp"

namespace thidua::codec_internal {

// The document a schema URI (without fragment) names, or nullptr.
using SchemaLookup = std::function<const nlohmann::json*(std::string_view uri)>;

// The errors of `results`, found validating `doc` against `schema`. valijson names only the
// first unknown member of an object; the schema (with `lookup` for its references) gives all
// of them. valijson's summaries ("Failed to validate ...") are left out when the failures
// they summarise are reported.
std::vector<codec::FieldError> convert_errors(const valijson::ValidationResults& results,
                                              const nlohmann::json& doc,
                                              const nlohmann::json& schema,
                                              const SchemaLookup& lookup);

}  // namespace thidua::codec_internal
