#include <algorithm>
#include <deque>
#include <filesystem>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "json_refs.hpp"
#include "test_client.hpp"
#include "thidua/codec/schema_registry.hpp"
#include "thidua/http/command_routes.hpp"
#include "thidua/http/openapi_routes.hpp"
#include "thidua/util/sha256.hpp"

namespace thidua::http::testing {
namespace {

// `target` asked with If-None-Match: `tag` is 304, without a body, under `etag`.
void check_not_modified(TestServer& t, const std::string& target, const std::string& tag,
                        const std::string& etag) {
  INFO(target << " with If-None-Match: " << tag);
  Request request = make_request(Verb::get, target);
  request.set(Field::if_none_match, tag);
  TestClient client(t.endpoint());
  Response again = client.roundtrip(std::move(request));
  CHECK(again.result_int() == 304);
  CHECK(again.body().empty());
  CHECK(again[Field::etag] == etag);
}

using nlohmann::json;

// Every route of the public API (docs/http.md), as OpenAPI path templates. The document must
// describe exactly these, so a route added to the server and not to the document (or the
// reverse) fails here.
const std::vector<std::pair<std::string, std::string>> kApiRoutes = {
    {"get", "/healthz"},
    {"get", "/metrics"},
    {"get", "/v1/openapi.json"},
    {"get", "/v1/schemas/{path}"},
    {"get", "/v1/checkpoint"},
    {"get", "/v1/checkpoint/key"},
    {"get", "/v1/proofs/inclusion"},
    {"get", "/v1/proofs/consistency"},
    {"get", "/v1/clusters/{id}/years/{year}/ranking"},
    {"get", "/v1/organizations/{id}/awards"},
    {"get", "/v1/people/{id}/awards"},
    {"get", "/v1/decisions/{id}"},
    {"get", "/v1/decisions"},
    {"get", "/v1/movements/{id}"},
    {"get", "/v1/decisions/{id}/evidence"},
    {"get", "/v1/decisions/{id}/recheck"},
    {"get", "/v1/whoami"},
    {"get", "/v1/events"},
    {"get", "/v1/events/stream"},
    {"get", "/v1/streams/{subject}"},
    {"get", "/v1/eligibility"},
    {"post", "/v1/organizations"},
    {"post", "/v1/organizations/{id}/names"},
    {"post", "/v1/organizations/mergers"},
    {"post", "/v1/organizations/{id}/split"},
    {"post", "/v1/organizations/{id}/ratings"},
    {"post", "/v1/people"},
    {"post", "/v1/people/{id}/transfers"},
    {"post", "/v1/people/{id}/ratings"},
    {"post", "/v1/people/{id}/disciplines"},
    {"post", "/v1/councils"},
    {"post", "/v1/councils/{id}/votes"},
    {"post", "/v1/initiatives"},
    {"post", "/v1/holds"},
    {"post", "/v1/holds/{id}/release"},
    {"post", "/v1/movements"},
    {"post", "/v1/movements/{id}/registrations"},
    {"post", "/v1/movements/{id}/progress"},
    {"post", "/v1/clusters"},
    {"post", "/v1/clusters/{id}/members"},
    {"post", "/v1/clusters/{id}/departures"},
    {"post", "/v1/clusters/{id}/years/{year}/officers"},
    {"post", "/v1/clusters/{id}/years/{year}/covenant"},
    {"post", "/v1/clusters/{id}/years/{year}/signatures"},
    {"post", "/v1/clusters/{id}/years/{year}/scores"},
    {"post", "/v1/clusters/{id}/years/{year}/score-corrections"},
    {"post", "/v1/clusters/{id}/years/{year}/close"},
    {"post", "/v1/clusters/{id}/years/{year}/votes"},
    {"post", "/v1/proposals"},
    {"post", "/v1/proposals/{id}/publication"},
    {"post", "/v1/decisions"},
    {"post", "/v1/decisions/{id}/corrections"},
    {"post", "/v1/decisions/{id}/revocation"},
    {"post", "/v1/events:batch"},
};

const std::set<std::string> kMethods = {"get",     "put",  "post",  "delete",
                                        "options", "head", "patch", "trace"};

json document() { return json::parse(openapi_document()); }

// The schema a component reference ("#/components/schemas/X") names, followed to its file.
std::string component_target(const json& doc, const std::string& ref) {
  const std::string prefix = "#/components/schemas/";
  if (ref.rfind(prefix, 0) != 0) return ref;
  const json& schema = doc["components"]["schemas"][ref.substr(prefix.size())];
  return schema.contains("$ref") ? schema["$ref"].get<std::string>() : ref;
}

TEST_CASE("GET /v1/openapi.json serves the built-in OpenAPI 3.1 document", "[openapi]") {
  TestServer t(test_options(), [](Router& router) { add_openapi_routes(router); });
  Response r = fetch(t.endpoint(), Verb::get, "/v1/openapi.json");
  REQUIRE(r.result_int() == 200);
  CHECK(r[Field::content_type] == kJson);
  CHECK(r[Field::cache_control] == "no-cache");
  CHECK(r.body() == rebase_schema_references(openapi_document()));
  json doc = json::parse(r.body());
  CHECK(doc["openapi"] == "3.1.0");
  const std::string etag(r[Field::etag]);
  CHECK(etag == "\"" + to_hex(sha256(r.body())) + "\"");

  SECTION("a matching If-None-Match gets 304 without a body") {
    for (std::string tag : {etag, "W/" + etag, "\"other\", " + etag, std::string("*")}) {
      check_not_modified(t, "/v1/openapi.json", tag, etag);
    }
    Request request = make_request(Verb::get, "/v1/openapi.json");
    request.set(Field::if_none_match, "\"other\"");
    TestClient client(t.endpoint());
    CHECK(client.roundtrip(std::move(request)).result_int() == 200);
  }
  SECTION("a query parameter is a 400 naming it") {
    Response bad = fetch(t.endpoint(), Verb::get, "/v1/openapi.json?v=2");
    CHECK(bad.result_int() == 400);
    CHECK(bad[Field::content_type] == kProblemJson);
    CHECK(json::parse(bad.body())["detail"].get<std::string>().rfind("parameter 'v'", 0) == 0);
  }
  SECTION("another method is 405") {
    TestClient client(t.endpoint());
    Response post = client.roundtrip(make_request(Verb::post, "/v1/openapi.json", "{}"));
    CHECK(post.result_int() == 405);
  }
}

TEST_CASE("GET /v1/schemas/{path} serves every schema file as built in, rebased", "[openapi]") {
  TestServer t(test_options(), [](Router& router) { add_openapi_routes(router); });
  const std::vector<codec::SchemaSource> sources = codec::SchemaRegistry::standard_sources();
  REQUIRE(sources.size() >= 60);
  for (const codec::SchemaSource& source : sources) {
    INFO(source.path);
    Response r = fetch(t.endpoint(), Verb::get, "/v1/schemas/" + source.path);
    REQUIRE(r.result_int() == 200);
    CHECK(r[Field::content_type] == kSchemaJson);
    CHECK(r.body() == rebase_schema_references(source.text));
    CHECK(json::parse(r.body())["$id"] == std::string(kSchemasPath) + source.path);
    CHECK(r[Field::etag] == "\"" + to_hex(sha256(r.body())) + "\"");
  }
  SECTION("slashes may be percent-encoded") {
    Response r = fetch(t.endpoint(), Verb::get, "/v1/schemas/commands%2FEnterScore.v1.json");
    REQUIRE(r.result_int() == 200);
    CHECK(json::parse(r.body())["$id"] == "/v1/schemas/commands/EnterScore.v1.json");
  }
  SECTION("a matching If-None-Match gets 304 without a body") {
    const std::string target = "/v1/schemas/common.v1.json";
    const std::string etag(fetch(t.endpoint(), Verb::get, target)[Field::etag]);
    for (std::string tag : {etag, "W/" + etag, std::string("*")}) {
      check_not_modified(t, target, tag, etag);
    }
    // The tag of the file as built, before its references were rebased, is another version.
    auto common = std::find_if(sources.begin(), sources.end(),
                               [](const auto& source) { return source.path == "common.v1.json"; });
    REQUIRE(common != sources.end());
    Request request = make_request(Verb::get, target);
    request.set(Field::if_none_match, "\"" + to_hex(sha256(common->text)) + "\"");
    TestClient client(t.endpoint());
    CHECK(client.roundtrip(std::move(request)).result_int() == 200);
  }
  SECTION("an unknown schema is a 404 problem") {
    for (const char* target : {"/v1/schemas/commands/Nope.v1.json", "/v1/schemas/../openapi.json",
                               "/v1/schemas/commands", "/v1/schemas/openapi.json"}) {
      INFO(target);
      Response r = fetch(t.endpoint(), Verb::get, target);
      CHECK(r.result_int() == 404);
      CHECK(r[Field::content_type] == kProblemJson);
    }
  }
}

TEST_CASE("the openapi document describes exactly the routes of the API", "[openapi]") {
  const json doc = document();
  const json& paths = doc["paths"];
  std::set<std::pair<std::string, std::string>> described;
  for (const auto& [path, item] : paths.items()) {
    for (const auto& [method, operation] : item.items()) {
      if (kMethods.contains(method)) described.emplace(method, path);
    }
  }
  for (const auto& route : kApiRoutes) {
    INFO(route.first << " " << route.second);
    CHECK(described.contains(route));
  }
  for (const auto& route : described) {
    INFO(route.first << " " << route.second << " is described but not in kApiRoutes");
    CHECK(std::find(kApiRoutes.begin(), kApiRoutes.end(), route) != kApiRoutes.end());
  }
}

TEST_CASE("the openapi document gives every command route its command's schema", "[openapi]") {
  const json doc = document();
  for (const CommandRoute& route : command_routes()) {
    const std::string path(route.pattern);
    INFO(path);
    REQUIRE(doc["paths"].contains(path));
    const json& post = doc["paths"][path]["post"];
    const std::string ref = post["requestBody"]["content"]["application/json"]["schema"]["$ref"];
    CHECK(component_target(doc, ref) ==
          "schemas/commands/" + std::string(route.command) + ".v1.json");
    for (const char* status :
         {"200", "201", "400", "401", "403", "409", "413", "415", "422", "503"}) {
      CHECK(post["responses"].contains(status));
    }
  }
}

TEST_CASE("the openapi document refers to every command and event schema", "[openapi]") {
  const json doc = document();
  std::set<std::string> refs;
  collect_refs(doc, refs);
  std::set<std::string> files;
  for (const std::string& ref : refs) files.insert(ref.substr(0, ref.find('#')));
  for (const codec::SchemaSource& source : codec::SchemaRegistry::standard_sources()) {
    INFO(source.path);
    CHECK(files.contains("schemas/" + source.path));
  }
  // Every reference into the document resolves.
  for (const std::string& ref : refs) {
    if (ref.rfind("#/", 0) != 0) continue;
    INFO(ref);
    CHECK(doc.contains(json::json_pointer(ref.substr(1))));
  }
}

// `ref` resolved against `base`, a path on the server (RFC 3986 section 5.2, for the forms a
// served document may use: a fragment, an absolute path or a relative path). A reference with
// a scheme is returned as it is.
std::string resolve_on_server(const std::string& base, const std::string& ref) {
  const std::size_t colon = ref.find(':');
  if (colon != std::string::npos && ref.find_first_of("/#") > colon) return ref;
  const std::string base_path = base.substr(0, base.find('#'));
  if (ref.starts_with('#')) return base_path + ref;
  if (ref.starts_with('/')) return ref;
  const std::string joined = base_path.substr(0, base_path.rfind('/') + 1) + ref;
  return std::filesystem::path(joined).lexically_normal().generic_string();
}

TEST_CASE("every reference of the served documents resolves on the server itself", "[openapi]") {
  TestServer t(test_options(), [](Router& router) { add_openapi_routes(router); });
  std::deque<std::string> pending = {"/v1/openapi.json"};
  std::set<std::string> fetched;
  while (!pending.empty()) {
    const std::string path = pending.front();
    pending.pop_front();
    if (!fetched.insert(path).second) continue;
    INFO("GET " << path);
    Response r = fetch(t.endpoint(), Verb::get, path);
    REQUIRE(r.result_int() == 200);
    const json doc = json::parse(r.body());
    // A schema's $id is its base URI; resolved against where it was fetched from, it must
    // name that same place.
    std::string base = path;
    if (doc.contains("$id")) base = resolve_on_server(path, doc["$id"]);
    CHECK(base == path);
    std::set<std::string> refs;
    collect_refs(doc, refs);
    for (const std::string& ref : refs) {
      const std::string target = resolve_on_server(base, ref);
      INFO(ref << " -> " << target);
      REQUIRE(target.starts_with('/'));
      const std::size_t hash = target.find('#');
      const std::string file = target.substr(0, hash);
      if (file != path) pending.push_back(file);
      if (hash == std::string::npos || file != path) continue;
      CHECK(doc.contains(json::json_pointer(target.substr(hash + 1))));
    }
  }
  // The document, the shared definitions, and each command and event schema at least.
  CHECK(fetched.size() >= 63);
}

TEST_CASE("rebase_schema_references rebases $id and $ref under the base, and nothing else",
          "[openapi]") {
  const std::string text = R"({
  "$id": "https://schemas.thidua.vn/commands/X.v1.json",
  "properties": {
    "$ref": {"type": "string", "const": "https://schemas.thidua.vn/common.v1.json"},
    "a": {"$ref" :  "https://schemas.thidua.vn/common.v1.json#/definitions/Id"},
    "b": {"$ref": "#/definitions/B", "description": "\"$ref\": \"https://schemas.thidua.vn/x\""},
    "c": {"$ref": "https://example.org/https://schemas.thidua.vn/c.json"},
    "d": {"enum": ["$ref", "https://schemas.thidua.vn/d.json"]},
    "e": {"examples": [{"dataschema": "https://schemas.thidua.vn/events/E.v1.json"}]}
  },
  "$comment": "https://schemas.thidua.vn/"
})";
  std::string expected = text;
  for (const auto& [from, to] : std::vector<std::pair<std::string, std::string>>{
           {R"("$id": "https://schemas.thidua.vn/)", R"("$id": "/v1/schemas/)"},
           {R"("$ref" :  "https://schemas.thidua.vn/)", R"("$ref" :  "/v1/schemas/)"}}) {
    const std::size_t at = expected.find(from);
    REQUIRE(at != std::string::npos);
    expected.replace(at, from.size(), to);
  }
  REQUIRE_NOTHROW(json::parse(text));
  CHECK(rebase_schema_references(text) == expected);
  CHECK(rebase_schema_references("") == "");
  CHECK(rebase_schema_references(R"(["$ref", {"$id": 7}])") == R"(["$ref", {"$id": 7}])");
}

}  // namespace
}  // namespace thidua::http::testing
