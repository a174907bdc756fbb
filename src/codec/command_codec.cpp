#include "thidua/codec/command_codec.hpp"

#include "thidua/codec/schema_registry.hpp"
#include "variant_reading.hpp"

namespace thidua::codec {
namespace {

Status refuse(std::vector<FieldError>& found, std::vector<FieldError>* errors) {
  if (errors) errors->insert(errors->end(), found.begin(), found.end());
  return to_status(found);
}

}  // namespace

OrderedJson encode_command(const domain::Command& command) {
  return std::visit([](const auto& c) { return to_json(c); }, command);
}

Result<domain::Command> decode_command(std::string_view command_name, const nlohmann::json& body,
                                       std::vector<FieldError>* errors) {
  std::optional<std::size_t> index =
      codec_internal::index_of(domain::command_names(), command_name);
  if (!index || *index >= std::variant_size_v<domain::Command>) {
    return Status::not_found("no command is named '" + std::string(command_name) + "'");
  }
  std::vector<FieldError> found;
  std::string schema = "commands/" + std::string(command_name) + ".v1.json";
  Status valid = SchemaRegistry::standard().validate(schema, body, &found);
  if (valid.code() == Status::Code::kNotFound) return valid;  // a command without a schema
  if (!valid.is_ok()) return refuse(found, errors);
  domain::Command command;
  if (auto error = codec_internal::read_alternative(*index, body, command)) {
    found.push_back(std::move(*error));
    return refuse(found, errors);
  }
  return command;
}

}  // namespace thidua::codec
