#include "thidua/codec/schema_registry.hpp"

#include <cstdio>
#include <cstdlib>
#include <map>

#include <valijson/adapters/nlohmann_json_adapter.hpp>
#include <valijson/schema.hpp>
#include <valijson/schema_parser.hpp>
#include <valijson/validation_results.hpp>
#include <valijson/validator.hpp>

#include "embedded_files.hpp"
#include "validation_errors.hpp"

namespace thidua::codec {
namespace {

using Adapter = valijson::adapters::NlohmannJsonAdapter;

}  // namespace

struct SchemaRegistry::Impl {
  struct Entry {
    nlohmann::json document;
    valijson::Schema schema;
  };
  std::map<std::string, Entry, std::less<>> entries;
  std::map<std::string, const nlohmann::json*, std::less<>> by_id;  // $id -> document

  const nlohmann::json* lookup(std::string_view uri) const {
    auto it = by_id.find(uri);
    return it == by_id.end() ? nullptr : it->second;
  }
};

SchemaRegistry::SchemaRegistry(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
SchemaRegistry::SchemaRegistry(SchemaRegistry&&) noexcept = default;
SchemaRegistry& SchemaRegistry::operator=(SchemaRegistry&&) noexcept = default;
SchemaRegistry::~SchemaRegistry() = default;

std::vector<SchemaSource> SchemaRegistry::standard_sources() {
  std::vector<SchemaSource> out;
  for (const codec_internal::EmbeddedFile& f : codec_internal::embedded_schemas()) {
    out.push_back({std::string(f.path), std::string(f.text)});
  }
  return out;
}

const SchemaRegistry& SchemaRegistry::standard() {
  static const SchemaRegistry registry = [] {
    Result<SchemaRegistry> built = build(standard_sources());
    if (!built.is_ok()) {
      std::fprintf(stderr, "thidua: the built-in JSON Schemas are broken: %s\n",
                   built.status().message().c_str());
      std::abort();
    }
    return std::move(built).value();
  }();
  return registry;
}

Result<SchemaRegistry> SchemaRegistry::build(const std::vector<SchemaSource>& sources) {
  auto impl = std::make_unique<Impl>();
  for (const SchemaSource& source : sources) {
    Result<nlohmann::json> doc = parse_json(source.text);
    if (!doc.is_ok()) return Status::invalid_argument(source.path + ": " + doc.status().message());
    Impl::Entry& entry = impl->entries[source.path];
    entry.document = std::move(doc).value();
    if (auto id = entry.document.find("$id"); id != entry.document.end() && id->is_string()) {
      impl->by_id[id->get<std::string>()] = &entry.document;
    }
  }
  // valijson asks for a referenced document by its URI without the fragment; a document it
  // fetched is owned by this registry, so freeing it is nothing.
  const Impl& registry = *impl;
  auto fetch = [&registry](const std::string& uri) { return registry.lookup(uri); };
  auto free = [](const nlohmann::json*) {};
  for (auto& [path, entry] : impl->entries) {
    try {
      valijson::SchemaParser parser(valijson::SchemaParser::kDraft7);
      parser.populateSchema(Adapter(entry.document), entry.schema, fetch, free);
    } catch (const std::exception& e) {
      return Status::invalid_argument(path + ": not a usable JSON Schema: " + e.what());
    }
  }
  return SchemaRegistry(std::move(impl));
}

std::vector<std::string> SchemaRegistry::names() const {
  std::vector<std::string> out;
  for (const auto& [path, entry] : impl_->entries) out.push_back(path);
  return out;
}

const nlohmann::json* SchemaRegistry::document(std::string_view path) const {
  auto it = impl_->entries.find(path);
  return it == impl_->entries.end() ? nullptr : &it->second.document;
}

Status SchemaRegistry::validate(std::string_view path, const nlohmann::json& doc,
                                std::vector<FieldError>* errors) const {
  auto it = impl_->entries.find(path);
  if (it == impl_->entries.end()) {
    return Status::not_found("no JSON Schema named '" + std::string(path) + "'");
  }
  // valijson measures string lengths by walking UTF-8 and would read past a malformed one.
  std::vector<FieldError> found = find_invalid_utf8(doc);
  if (found.empty()) {
    // One validator per thread: it keeps the std::regex of every `pattern` it has compiled,
    // and compiling them again for each document took a third of a command's time.
    thread_local valijson::Validator validator;
    valijson::ValidationResults results;
    if (!validator.validate(it->second.schema, Adapter(doc), &results)) {
      auto lookup = [this](std::string_view uri) { return impl_->lookup(uri); };
      found = codec_internal::convert_errors(results, doc, it->second.document, lookup);
      if (found.empty()) found.push_back({"", "not valid against " + std::string(path)});
    }
  }
  if (errors) errors->insert(errors->end(), found.begin(), found.end());
  return to_status(found);
}

}  // namespace thidua::codec
