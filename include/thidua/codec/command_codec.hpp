// JSON for the domain's commands: each command body is validated against its schema
// ("commands/<Name>.v1.json" of the standard SchemaRegistry), then read by the generic reader
// (describe_json.hpp). Pure functions over immutable data; thread-safe.
#pragma once

#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "thidua/codec/describe_json.hpp"
#include "thidua/codec/field_error.hpp"
#include "thidua/domain/commands.hpp"
#include "thidua/util/status.hpp"

namespace thidua::codec {

// The command's body, members in describe() order.
OrderedJson encode_command(const domain::Command& command);

// The command named `command_name` (e.g. "EnterScore") with body `body`.
//   Status::not_found        no command has that name;
//   Status::invalid_argument the body is refused: strings that are not UTF-8, then every
//                            schema error, then what the schema cannot say (unreal dates,
//                            more than two decimals). The status names the first; `errors`,
//                            when given, receives them all, each with its JSON Pointer.
Result<domain::Command> decode_command(std::string_view command_name, const nlohmann::json& body,
                                       std::vector<FieldError>* errors = nullptr);

}  // namespace thidua::codec
