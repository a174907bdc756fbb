// The schemas of schemas/ and the domain's structs say the same thing: for every command and
// event, the members each schema allows and requires are exactly the fields describe() lists,
// nested parts included, and each value has the JSON type the codec writes.
#include <catch2/catch.hpp>

#include <set>
#include <string>

#include "thidua/codec/describe_json.hpp"
#include "thidua/codec/schema_registry.hpp"
#include "thidua/domain/commands.hpp"
#include "thidua/domain/rule_set.hpp"

using namespace thidua;
using codec::SchemaRegistry;

namespace {

template <class T>
struct IsVector : std::false_type {};
template <class T>
struct IsVector<std::vector<T>> : std::true_type {
  using Item = T;
};

class SchemaWalker {
 public:
  explicit SchemaWalker(const SchemaRegistry& registry) : registry_(registry) {}

  // The node `node` stands for, following a $ref into the registry's documents.
  const nlohmann::json& resolve(const nlohmann::json& node) const {
    auto ref = node.find("$ref");
    if (ref == node.end()) return node;
    std::string uri = ref->get<std::string>();
    std::size_t hash = uri.find('#');
    REQUIRE(hash != std::string::npos);
    REQUIRE(uri.starts_with(codec::kSchemaBaseUri));
    std::string path =
        uri.substr(codec::kSchemaBaseUri.size(), hash - codec::kSchemaBaseUri.size());
    const nlohmann::json* doc = registry_.document(path);
    REQUIRE(doc != nullptr);
    return resolve(doc->at(nlohmann::json::json_pointer(uri.substr(hash + 1))));
  }

  template <class T>
  void check(const nlohmann::json& raw, const std::string& where) const {
    INFO(where);
    const nlohmann::json& node = resolve(raw);
    if constexpr (codec::IsOptional<T>::value) {
      check<typename T::value_type>(node, where);
    } else if constexpr (IsVector<T>::value) {
      CHECK(node.value("type", "") == "array");
      CHECK(node.contains("maxItems"));
      check<typename IsVector<T>::Item>(node.at("items"), where + "/items");
    } else if constexpr (codec::Describable<T>) {
      check_object<T>(node, where);
    } else if constexpr (codec::WireEnum<T>) {
      std::vector<std::string> names(domain::EnumNames<T>::kNames.begin(),
                                     domain::EnumNames<T>::kNames.end());
      CHECK(node.at("enum").get<std::vector<std::string>>() == names);
    } else if constexpr (std::is_same_v<T, bool>) {
      CHECK(node.value("type", "") == "boolean");
    } else if constexpr (std::is_integral_v<T>) {
      CHECK(node.value("type", "") == "integer");
    } else if constexpr (std::is_same_v<T, domain::Decimal>) {
      CHECK(node.value("type", "") == "number");
    } else {
      static_assert(std::is_same_v<T, std::string> || std::is_same_v<T, domain::Date> ||
                    std::is_same_v<T, domain::SubjectRef>);
      CHECK(node.value("type", "") == "string");
      if constexpr (std::is_same_v<T, domain::Date>) {
        CHECK(node.value("pattern", "") == "^[0-9]{4}-[0-9]{2}-[0-9]{2}$");
      }
      if constexpr (std::is_same_v<T, domain::SubjectRef>) {
        CHECK(node.value("pattern", "") == "^(person|organization)/[a-z0-9][a-z0-9._-]{0,63}$");
      }
    }
  }

 private:
  template <class T>
  void check_object(const nlohmann::json& node, const std::string& where) const {
    CHECK(node.value("type", "") == "object");
    CHECK(node.value("additionalProperties", true) == false);
    std::set<std::string> fields;
    std::set<std::string> required;
    for (const codec::FieldInfo& f : codec::field_infos<T>()) {
      fields.insert(std::string(f.name));
      if (f.required) required.insert(std::string(f.name));
    }
    std::set<std::string> properties;
    for (const auto& [name, value] : node.at("properties").items()) properties.insert(name);
    CHECK(properties == fields);
    CHECK(node.value("required", nlohmann::json::array()).get<std::set<std::string>>() == required);
    T probe{};
    T::describe(probe, [&](const char* name, auto& field) {
      using F = std::remove_cvref_t<decltype(field)>;
      if (node.at("properties").contains(name)) {
        check<F>(node.at("properties").at(name), where + "/" + name);
      }
    });
  }

  const SchemaRegistry& registry_;
};

template <class Variant, std::size_t... I>
void check_all(const SchemaWalker& walker, const std::vector<std::string_view>& names,
               const char* folder, std::index_sequence<I...>) {
  REQUIRE(names.size() == sizeof...(I));
  const SchemaRegistry& registry = SchemaRegistry::standard();
  auto one = [&]<std::size_t K>(std::integral_constant<std::size_t, K>) {
    std::string path = std::string(folder) + std::string(names[K]) + ".v1.json";
    const nlohmann::json* doc = registry.document(path);
    INFO(path);
    REQUIRE(doc != nullptr);
    walker.check<std::variant_alternative_t<K, Variant>>(*doc, path);
  };
  (one(std::integral_constant<std::size_t, I>{}), ...);
}

// Every node of `node` that describes an object or an array, with its pointer.
void visit_nodes(const nlohmann::json& node, const std::string& where,
                 std::vector<std::pair<std::string, const nlohmann::json*>>& out) {
  if (!node.is_object() && !node.is_array()) return;
  if (node.is_object() && node.contains("type")) out.emplace_back(where, &node);
  for (const auto& [key, child] : node.items()) visit_nodes(child, where + "/" + key, out);
}

}  // namespace

TEST_CASE("every schema file is built in and parses", "[codec][schema]") {
  Result<SchemaRegistry> built = SchemaRegistry::build(SchemaRegistry::standard_sources());
  REQUIRE(built.is_ok());
  std::set<std::string> expected = {"cloudevent.schema.json", "common.v1.json", "RuleBook.v1.json"};
  for (std::string_view name : domain::command_names()) {
    expected.insert("commands/" + std::string(name) + ".v1.json");
  }
  for (std::string_view name : domain::event_names()) {
    expected.insert("events/" + std::string(name) + ".v1.json");
  }
  std::vector<std::string> names = built->names();
  CHECK(std::set<std::string>(names.begin(), names.end()) == expected);
  CHECK(names.size() == expected.size());
}

TEST_CASE("each schema names itself and is strict about objects", "[codec][schema]") {
  const SchemaRegistry& registry = SchemaRegistry::standard();
  for (const std::string& path : registry.names()) {
    INFO(path);
    const nlohmann::json& doc = *registry.document(path);
    CHECK(doc.value("$schema", "") == "http://json-schema.org/draft-07/schema#");
    CHECK(doc.value("$id", "") == std::string(codec::kSchemaBaseUri) + path);
    CHECK(!doc.value("title", "").empty());
    CHECK(!doc.value("description", "").empty());
    // The stored event's envelope: its data is any object (the schema its dataschema names
    // describes that), and some attributes are constants without a type.
    if (path == "cloudevent.schema.json") continue;
    std::vector<std::pair<std::string, const nlohmann::json*>> nodes;
    visit_nodes(doc, "", nodes);
    for (const auto& [where, node] : nodes) {
      INFO(where);
      if (node->at("type") == "object") CHECK(node->value("additionalProperties", true) == false);
      if (node->at("type") == "array") CHECK(node->contains("maxItems"));
      if (node->at("type") == "string" && !node->contains("pattern") && !node->contains("enum")) {
        CHECK(node->contains("maxLength"));
      }
    }
  }
}

TEST_CASE("command schemas match the commands' describe()", "[codec][schema]") {
  SchemaWalker walker(SchemaRegistry::standard());
  check_all<domain::Command>(walker, domain::command_names(), "commands/",
                             std::make_index_sequence<std::variant_size_v<domain::Command>>{});
}

TEST_CASE("event schemas match the events' describe()", "[codec][schema]") {
  SchemaWalker walker(SchemaRegistry::standard());
  check_all<domain::Event>(walker, domain::event_names(), "events/",
                           std::make_index_sequence<std::variant_size_v<domain::Event>>{});
}

TEST_CASE("the rule book schema matches RuleBook's describe()", "[codec][schema]") {
  const SchemaRegistry& registry = SchemaRegistry::standard();
  SchemaWalker(registry).check<domain::RuleBook>(*registry.document("RuleBook.v1.json"),
                                                 "RuleBook.v1.json");
}
