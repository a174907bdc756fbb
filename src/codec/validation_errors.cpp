#include "validation_errors.hpp"

#include <optional>
#include <string>

namespace thidua::codec_internal {
namespace {

using codec::FieldError;

constexpr std::string_view kMissing = "Missing required property '";
constexpr std::string_view kUnknown =
    "Object contains a property that could not be validated using 'properties' or "
    "'additionalProperties' constraints: '";
constexpr std::string_view kSummary = "Failed to validate";

// valijson's context: "<root>", then "[member]" or "[index]" for each step down.
std::vector<std::string> tokens_of(const std::vector<std::string>& context) {
  std::vector<std::string> tokens;
  for (std::size_t i = 1; i < context.size(); ++i) {
    std::string_view t(context[i]);
    if (t.size() >= 2 && t.front() == '[' && t.back() == ']') t = t.substr(1, t.size() - 2);
    tokens.emplace_back(t);
  }
  return tokens;
}

std::string pointer_of(const std::vector<std::string>& tokens) {
  std::string pointer;
  for (const std::string& t : tokens) pointer = codec::append_pointer(pointer, t);
  return pointer;
}

std::optional<std::string_view> quoted_member(std::string_view message, std::string_view prefix) {
  if (!message.starts_with(prefix) || !message.ends_with("'.")) return std::nullopt;
  return message.substr(prefix.size(), message.size() - prefix.size() - 2);
}

// "1900.000000" -> "1900"; "0.500000" -> "0.5".
std::string trim_number(std::string number) {
  if (number.find('.') == std::string::npos) return number;
  while (number.ends_with('0')) number.pop_back();
  if (number.ends_with('.')) number.pop_back();
  return number;
}

// A sentence for people in place of valijson's.
std::string reword(const std::string& message) {
  struct Rewording {
    std::string_view from;
    std::string_view to;
  };
  static constexpr Rewording kBounded[] = {
      {"Expected number greater than or equal to ", "must be at least "},
      {"Expected number less than or equal to ", "must be at most "},
      {"Expected number greater than ", "must be more than "},
      {"Expected number less than ", "must be less than "},
      {"String should be no fewer than ", "too short: at least "},
      {"String should be no more than ", "too long: at most "},
      {"Array should contain no fewer than ", "too few items: at least "},
      {"Array should contain no more than ", "too many items: at most "},
  };
  static constexpr Rewording kWhole[] = {
      {"Failed to match regex specified by 'pattern' constraint.", "does not match the pattern"},
      {"Failed to match against any enum values.", "not one of the allowed values"},
      {"Value type not permitted by 'type' constraint.", "wrong type"},
  };
  for (const Rewording& r : kWhole) {
    if (message == r.from) return std::string(r.to);
  }
  for (const Rewording& r : kBounded) {
    if (!message.starts_with(r.from)) continue;
    std::string rest = message.substr(r.from.size());
    std::size_t end = rest.find(' ');
    std::string number = trim_number(rest.substr(0, end));
    bool characters = rest.find("characters") != std::string::npos;
    if (characters && number == "1" && r.to.starts_with("too short")) return "must not be empty";
    return std::string(r.to) + number + (characters ? " characters" : "");
  }
  if (message.starts_with("Elements at indexes")) return "items must be distinct";
  return message;
}

// The schema node for the member at `tokens`, following properties, items and references.
const nlohmann::json* schema_at(const nlohmann::json& schema,
                                const std::vector<std::string>& tokens,
                                const SchemaLookup& lookup) {
  const nlohmann::json* node = &schema;
  for (std::size_t i = 0;; ++i) {
    for (int hops = 0; node->is_object() && node->contains("$ref") && hops < 8; ++hops) {
      std::string ref = node->at("$ref").get<std::string>();
      std::size_t hash = ref.find('#');
      const nlohmann::json* doc = lookup(std::string_view(ref).substr(0, hash));
      if (!doc || hash == std::string::npos) return nullptr;
      node = &doc->at(nlohmann::json::json_pointer(ref.substr(hash + 1)));
    }
    if (i == tokens.size()) return node;
    auto properties = node->find("properties");
    if (properties != node->end() && properties->contains(tokens[i])) {
      node = &properties->at(tokens[i]);
    } else if (node->contains("items")) {
      node = &node->at("items");
    } else {
      return nullptr;
    }
  }
}

// Every member of the object at `tokens` in `doc` that its schema does not allow.
std::vector<FieldError> unknown_members(const nlohmann::json& doc, const nlohmann::json& schema,
                                        const std::vector<std::string>& tokens,
                                        const SchemaLookup& lookup) {
  const nlohmann::json* node = schema_at(schema, tokens, lookup);
  const nlohmann::json* object = &doc;
  for (const std::string& t : tokens) {
    object = object->is_array() ? &object->at(std::stoul(t)) : &object->at(t);
  }
  std::vector<FieldError> out;
  if (!node || !node->contains("properties") || !object->is_object()) return out;
  std::string pointer = pointer_of(tokens);
  for (const auto& [name, value] : object->items()) {
    if (!node->at("properties").contains(name)) {
      out.push_back({codec::append_pointer(pointer, name), "unknown member"});
    }
  }
  return out;
}

// The pattern or the allowed values the failing member's schema names, for a pattern or an
// enum failure; otherwise valijson's message reworded.
std::string reword_with_schema(const std::string& message, const nlohmann::json& schema,
                               const std::vector<std::string>& tokens, const SchemaLookup& lookup) {
  bool pattern = message.starts_with("Failed to match regex");
  bool values = message.starts_with("Failed to match against any enum");
  const nlohmann::json* node = nullptr;
  if (pattern || values) {
    try {
      node = schema_at(schema, tokens, lookup);
    } catch (const std::exception&) {
      node = nullptr;
    }
  }
  if (node && pattern && node->contains("pattern") && node->at("pattern").is_string()) {
    return "does not match " + node->at("pattern").get<std::string>();
  }
  if (node && values && node->contains("enum") && node->at("enum").is_array()) {
    std::string out = "expected one of:";
    for (const nlohmann::json& v : node->at("enum")) {
      out += out.ends_with(':') ? " " : ", ";
      out += v.is_string() ? v.get<std::string>() : v.dump();
    }
    return out;
  }
  return reword(message);
}

std::vector<FieldError> convert(const valijson::ValidationResults::Error& error,
                                const nlohmann::json& doc, const nlohmann::json& schema,
                                const SchemaLookup& lookup) {
  std::vector<std::string> tokens = tokens_of(error.context);
  std::string pointer = pointer_of(tokens);
  if (auto name = quoted_member(error.description, kMissing)) {
    return {{codec::append_pointer(pointer, *name), "missing required member"}};
  }
  if (auto name = quoted_member(error.description, kUnknown)) {
    try {
      std::vector<FieldError> all = unknown_members(doc, schema, tokens, lookup);
      if (!all.empty()) return all;
    } catch (const std::exception&) {
      // A path valijson took that this walk cannot retrace: valijson's one member will do.
    }
    return {{codec::append_pointer(pointer, *name), "unknown member"}};
  }
  return {{pointer, reword_with_schema(error.description, schema, tokens, lookup)}};
}

}  // namespace

std::vector<FieldError> convert_errors(const valijson::ValidationResults& results,
                                       const nlohmann::json& doc, const nlohmann::json& schema,
                                       const SchemaLookup& lookup) {
  std::vector<FieldError> all;
  std::vector<FieldError> specific;
  for (const valijson::ValidationResults::Error& e : results) {
    for (FieldError& error : convert(e, doc, schema, lookup)) {
      bool seen = false;
      for (const FieldError& f : all) seen = seen || f == error;
      if (seen) continue;
      if (!e.description.starts_with(kSummary)) specific.push_back(error);
      all.push_back(std::move(error));
    }
  }
  return specific.empty() ? all : specific;
}

}  // namespace thidua::codec_internal
