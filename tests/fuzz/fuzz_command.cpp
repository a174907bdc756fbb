// Fuzzes the path a POSTed command body takes before the domain sees it: the JSON parser of
// the command routes (depth 64), the schema of the command in the standard SchemaRegistry, and
// the command codec's decoding into a domain::Command.
//
// Input: the command's name, a newline, then the body's bytes, e.g.
//   RegisterOrganization
//   {"id":"so-tttt-gia-lai","name":"Sở TTTT Gia Lai","kind":"department"}
//
// Properties:
//  * parse_json never throws, and refuses only with kInvalidArgument;
//  * decode_command refuses an unknown name with kNotFound, and a bad body with
//    kInvalidArgument and at least one error, each located by a JSON Pointer;
//  * a body the schema refuses is never decoded;
//  * a decoded command has the name it was decoded as, its encoding is valid against the
//    command's schema, decodes again, and re-encodes to the same bytes;
//  * every string and integer member of the encoding that the body gave has the body's value.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "fuzz_support.hpp"
#include "thidua/codec/command_codec.hpp"
#include "thidua/codec/field_error.hpp"
#include "thidua/codec/schema_registry.hpp"
#include "thidua/domain/commands.hpp"

namespace thidua::fuzz {
namespace {

using nlohmann::json;

// The same depth the command routes parse bodies with (src/http/command_routes.cpp).
constexpr std::size_t kMaxBodyDepth = 64;

bool is_command_name(std::string_view name) {
  for (std::string_view known : domain::command_names()) {
    if (known == name) return true;
  }
  return false;
}

std::string schema_of(std::string_view name) {
  return "commands/" + std::string(name) + ".v1.json";
}

void check_errors(const std::vector<codec::FieldError>& errors, const Status& status) {
  require(!errors.empty(), "a refused body has at least one error", status.message());
  for (const codec::FieldError& e : errors) {
    require(e.pointer.empty() || e.pointer.front() == '/', "an error's pointer is a JSON Pointer",
            e.pointer);
    require(!e.message.empty(), "an error has a message", e.pointer);
  }
  require(status.code() == Status::Code::kInvalidArgument, "a refused body is kInvalidArgument",
          status.to_string());
}

// The body's string and integer members that the encoding also has must agree with it.
void check_members_kept(const json& body, const json& encoded) {
  for (const auto& [name, value] : encoded.items()) {
    auto given = body.find(name);
    if (given == body.end()) continue;
    if (value.is_string() || value.is_number_integer()) {
      require(*given == value, "the encoding keeps the body's member", name + ": " + given->dump());
    }
  }
}

void check_round_trip(std::string_view name, const json& body, const domain::Command& command) {
  require(domain::command_name(command) == name, "a command decodes as the name it was given",
          std::string(name));
  const std::string encoded = codec::encode_command(command).dump();
  std::optional<json> reparsed = parse_json_text(encoded);
  require(reparsed.has_value(), "an encoded command is JSON", encoded);
  std::vector<codec::FieldError> errors;
  Status valid = codec::SchemaRegistry::standard().validate(schema_of(name), *reparsed, &errors);
  require(valid.is_ok(), "an encoded command is valid against its schema",
          encoded + " " + valid.to_string());
  Result<domain::Command> again = codec::decode_command(name, *reparsed);
  require(again.is_ok(), "an encoded command decodes", encoded + " " + again.status().to_string());
  const std::string encoded_again = codec::encode_command(*again).dump();
  require(encoded_again == encoded, "decoding an encoding and encoding it again is stable",
          encoded + "\n  " + encoded_again);
  check_members_kept(body, *reparsed);
}

void check_body(std::string_view name, const json& body) {
  std::vector<codec::FieldError> errors;
  Result<domain::Command> command = codec::decode_command(name, body, &errors);
  if (!is_command_name(name)) {
    require(!command.is_ok() && command.status().code() == Status::Code::kNotFound,
            "an unknown command name is kNotFound", std::string(name));
    return;
  }
  std::vector<codec::FieldError> schema_errors;
  Status schema = codec::SchemaRegistry::standard().validate(schema_of(name), body, &schema_errors);
  if (!command) {
    check_errors(errors, command.status());
    if (!schema.is_ok()) check_errors(schema_errors, schema);
    return;
  }
  require(errors.empty(), "a decoded command reports no errors");
  require(schema.is_ok(), "a body the schema refuses is not decoded",
          body.dump() + " " + schema.to_string());
  check_round_trip(name, body, *command);
}

}  // namespace
}  // namespace thidua::fuzz

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace thidua;
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  const std::string_view name = fuzz::first_line(input);
  const std::string_view text =
      name.size() < input.size() ? input.substr(name.size() + 1) : std::string_view();
  Result<nlohmann::json> body = codec::parse_json(text, fuzz::kMaxBodyDepth);
  if (!body) {
    fuzz::require(body.status().code() == Status::Code::kInvalidArgument,
                  "a body that does not parse is kInvalidArgument", body.status().to_string());
    return 0;
  }
  // The routes refuse any other body before decoding (command_routes.cpp, read_body).
  if (!body->is_object()) return 0;
  fuzz::check_body(name, *body);
  return 0;
}
