#include "thidua/http/openapi_routes.hpp"

#include <algorithm>
#include <cstddef>
#include <map>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <utility>
#include <vector>

#include "embedded_files.hpp"
#include "thidua/codec/schema_registry.hpp"
#include "thidua/http/problem.hpp"
#include "thidua/http/query.hpp"
#include "thidua/util/sha256.hpp"

// Generated from schemas/openapi.json by src/codec/embed_files.cmake (src/http/CMakeLists.txt).
namespace thidua::codec_internal {
std::span<const EmbeddedFile> embedded_openapi();
}  // namespace thidua::codec_internal

namespace thidua::http {
namespace {

using Awaitable = boost::asio::awaitable<Response>;

// One file served as it is built in, with its validator.
struct StaticFile {
  std::string text;
  std::string etag;  // strong: "<hex SHA-256 of text>"
};

StaticFile make_static_file(std::string text) {
  std::string etag = "\"" + to_hex(sha256(text)) + "\"";
  return {std::move(text), std::move(etag)};
}

// A 400 naming the first query parameter, as these resources take none; nullopt when there is
// none.
std::optional<Response> query_refusal(const Request& request) {
  std::string_view query = split_target(request.target()).query;
  Result<std::vector<QueryParam>> params = parse_query(query);
  if (!params) return status_response(params.status());
  if (params->empty()) return std::nullopt;
  return status_response(
      bad_parameter(params->front().name, "is not a parameter of this resource"));
}

Response serve(const Request& request, const StaticFile& file, std::string_view content_type) {
  if (std::optional<Response> refusal = query_refusal(request)) return std::move(*refusal);
  const bool unchanged = names_etag(request[Field::if_none_match], file.etag);
  Response response = make_response(unchanged ? HttpStatus::not_modified : HttpStatus::ok,
                                    content_type, unchanged ? std::string() : file.text);
  response.set(Field::etag, file.etag);
  response.set(Field::cache_control, "no-cache");
  return response;
}

using SchemaFiles = std::map<std::string, StaticFile, std::less<>>;

std::shared_ptr<const SchemaFiles> schema_files() {
  auto files = std::make_shared<SchemaFiles>();
  for (codec::SchemaSource& source : codec::SchemaRegistry::standard_sources()) {
    files->emplace(std::move(source.path), make_static_file(rebase_schema_references(source.text)));
  }
  return files;
}

bool is_json_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

// The index just past the string literal that opens at text[begin] (a '"'); text.size() when
// it does not close.
std::size_t string_end(std::string_view text, std::size_t begin) {
  std::size_t i = begin + 1;
  while (i < text.size() && text[i] != '"') i += text[i] == '\\' ? 2 : 1;
  return std::min(i + 1, text.size());
}

// Whether the first character at or after `at` that is not white space is a ':', i.e. the
// string literal that ends at `at` is a member name.
bool names_member(std::string_view text, std::size_t at) {
  while (at < text.size() && is_json_space(text[at])) ++at;
  return at < text.size() && text[at] == ':';
}

Response schema(const Request& request, const SchemaFiles& files, const std::string& path) {
  auto it = files.find(path);
  if (it == files.end()) {
    return status_response(Status::not_found("there is no schema '" + path + "'"));
  }
  return serve(request, it->second, kSchemaJson);
}

}  // namespace

// A scan of the literals rather than a parse and a dump, so that the answer keeps the file's
// own layout, number spellings and member order byte for byte around the values it rebases.
std::string rebase_schema_references(std::string_view text) {
  const std::string_view base = codec::kSchemaBaseUri;
  std::string out;
  out.reserve(text.size());
  bool reference_value = false;  // the next value is that of a "$id" or "$ref" member
  std::size_t i = 0;
  while (i < text.size()) {
    if (text[i] != '"') {
      if (text[i] != ':' && !is_json_space(text[i])) reference_value = false;
      out += text[i++];
      continue;
    }
    const std::size_t end = string_end(text, i);
    const std::string_view literal = text.substr(i, end - i);
    const std::string_view content =
        literal.substr(1, literal.size() >= 2 ? literal.size() - 2 : 0);
    if (reference_value && content.starts_with(base)) {
      out.append("\"").append(kSchemasPath).append(content.substr(base.size())).append("\"");
    } else {
      out.append(literal);
    }
    reference_value = names_member(text, end) && (content == "$id" || content == "$ref");
    i = end;
  }
  return out;
}

std::string_view openapi_document() {
  // The embed step lists exactly one file; an empty list would be a build defect.
  return codec_internal::embedded_openapi().front().text;
}

void add_openapi_routes(Router& router) {
  auto document = std::make_shared<const StaticFile>(
      make_static_file(rebase_schema_references(openapi_document())));
  router.add(Verb::get, "/v1/openapi.json",
             [document](const Request& r, const PathParams&) -> Awaitable {
               co_return serve(r, *document, kJson);
             });
  router.add(Verb::get, "/v1/schemas/{path...}",
             [files = schema_files()](const Request& r, const PathParams& p) -> Awaitable {
               co_return schema(r, *files, p.at("path"));
             });
}

}  // namespace thidua::http
