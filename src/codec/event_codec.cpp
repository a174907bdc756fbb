#include "thidua/codec/event_codec.hpp"

#include <utility>
#include <vector>

#include "variant_reading.hpp"

namespace thidua::codec {
namespace {

constexpr std::string_view kTypePrefix = "vn.thidua.";
constexpr std::string_view kTypeSuffix = ".v1";

std::string snake_case(std::string_view name) {
  std::string out;
  for (char c : name) {
    if (c >= 'A' && c <= 'Z') {
      if (!out.empty()) out += '_';
      out += static_cast<char>(c - 'A' + 'a');
    } else {
      out += c;
    }
  }
  return out;
}

}  // namespace

std::string event_type(std::string_view event_name) {
  return std::string(kTypePrefix) + snake_case(event_name) + std::string(kTypeSuffix);
}

std::string_view event_name_of_type(std::string_view type) {
  static const std::vector<std::pair<std::string, std::string_view>> kTypes = [] {
    std::vector<std::pair<std::string, std::string_view>> out;
    for (std::string_view name : domain::event_names()) out.emplace_back(event_type(name), name);
    return out;
  }();
  for (const auto& [t, name] : kTypes) {
    if (t == type) return name;
  }
  return {};
}

std::string event_schema_uri(std::string_view event_name, std::string_view schema_base) {
  return std::string(schema_base) + "events/" + std::string(event_name) + ".v1.json";
}

OrderedJson encode_event(const domain::Event& event) {
  return std::visit([](const auto& e) { return to_json(e); }, event);
}

Result<ProposedEvent> propose_event(const domain::Event& event, std::string_view schema_base) {
  Result<std::string> data = dump_json(encode_event(event));
  if (!data.is_ok()) return data.status();
  std::string_view name = domain::event_name(event);
  ProposedEvent out;
  out.type = event_type(name);
  out.subject = domain::subject_of(event);
  out.dataschema = event_schema_uri(name, schema_base);
  out.data = std::move(data).value();
  // The envelope names the rule set a decision was checked under, so that feed consumers see
  // it without reading the data.
  if (const auto* decision = std::get_if<domain::DecisionIssued>(&event)) {
    out.ruleset = decision->ruleset;
  }
  return out;
}

Result<domain::Event> decode_event(std::string_view type, const nlohmann::json& data) {
  std::string_view name = event_name_of_type(type);
  std::optional<std::size_t> index = codec_internal::index_of(domain::event_names(), name);
  if (name.empty() || !index || *index >= std::variant_size_v<domain::Event>) {
    return Status::not_found("no event has the type '" + std::string(type) + "'");
  }
  domain::Event event;
  if (auto error = codec_internal::read_alternative(*index, data, event)) {
    return to_status({*error});
  }
  return event;
}

}  // namespace thidua::codec
