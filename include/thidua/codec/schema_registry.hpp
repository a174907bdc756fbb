// SchemaRegistry: the JSON Schemas (draft-07) of schemas/, parsed once, validating documents
// with valijson.
//
// Schemas are named by their path under schemas/, e.g. "commands/EnterScore.v1.json". Each has
// an absolute $id under kSchemaBaseUri, and shared parts are referenced with absolute URIs,
// e.g. {"$ref": "https://schemas.thidua.vn/common.v1.json#/definitions/Id"}; the registry
// resolves them from its own documents, never from the network (schemas/README.md).
//
// Thread-safety: a registry is immutable once built; validate() may be called concurrently.
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "thidua/codec/field_error.hpp"
#include "thidua/util/status.hpp"

namespace thidua::codec {

// The base of every schema's $id: schema "events/ScoreEntered.v1.json" is
// "https://schemas.thidua.vn/events/ScoreEntered.v1.json".
inline constexpr std::string_view kSchemaBaseUri = "https://schemas.thidua.vn/";

struct SchemaSource {
  std::string path;  // e.g. "events/ScoreEntered.v1.json"
  std::string text;  // the schema document
};

class SchemaRegistry {
 public:
  // The schemas built into the library: every file of schemas/. Built on first use; a schema
  // that does not parse is a defect of the build and stops the process with a message.
  static const SchemaRegistry& standard();
  // The files standard() is built from.
  static std::vector<SchemaSource> standard_sources();

  // A registry of `sources`. Fails with Status::invalid_argument naming the file when one is
  // not JSON, is not a valid draft-07 schema for valijson, or refers to a document that is
  // not among `sources` (matched by $id).
  static Result<SchemaRegistry> build(const std::vector<SchemaSource>& sources);

  SchemaRegistry(SchemaRegistry&&) noexcept;
  SchemaRegistry& operator=(SchemaRegistry&&) noexcept;
  ~SchemaRegistry();

  // Paths of the schemas, sorted.
  std::vector<std::string> names() const;
  // The parsed schema document, or nullptr when there is no schema `path`. Lives as long as
  // the registry.
  const nlohmann::json* document(std::string_view path) const;

  // Validates `doc` against schema `path`. OK when valid; Status::invalid_argument when not,
  // with every error found appended to `errors` (when given), each with the JSON Pointer of
  // the failing member (a missing or unknown member is pointed at by its own name);
  // Status::not_found when there is no such schema. Strings of `doc` must be UTF-8 (see
  // find_invalid_utf8); a string that is not is refused without being validated.
  Status validate(std::string_view path, const nlohmann::json& doc,
                  std::vector<FieldError>* errors = nullptr) const;

 private:
  struct Impl;
  explicit SchemaRegistry(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace thidua::codec
