// The served OpenAPI document, checked by a real OpenAPI 3.1 validator (tests/openapi/validate).
//
// The document and every schema it refers to, directly or through other schemas, are fetched
// from a server on 127.0.0.1:0 and laid out in a temporary directory as they are served
// (openapi.json beside schemas/), so the validator resolves each reference exactly as an
// integrator would against the server, but offline. Needs node and npm (and the npm registry
// the first time, for `npm ci`); without them the test fails and says why.
#include <deque>
#include <filesystem>
#include <fstream>
#include <set>
#include <string>

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "json_refs.hpp"
#include "process.hpp"
#include "temp_dir.hpp"
#include "test_client.hpp"
#include "thidua/codec/schema_registry.hpp"
#include "thidua/http/openapi_routes.hpp"

namespace thidua::http::testing {
namespace {

using nlohmann::json;
namespace fs = std::filesystem;

constexpr std::string_view kServedSchemas = "/v1/schemas/";

// The served path of the document `ref` names, from a document served at `base` ("" for a
// reference within the same document). Absolute references under the schemas' $id base map
// onto /v1/schemas/, as docs/http-openapi.md tells integrators.
std::string served_path(const std::string& base, const std::string& ref) {
  const std::string file = ref.substr(0, ref.find('#'));
  if (file.empty()) return "";
  if (file.rfind(codec::kSchemaBaseUri, 0) == 0) {
    return std::string(kServedSchemas) + file.substr(codec::kSchemaBaseUri.size());
  }
  REQUIRE(file.find(':') == std::string::npos);  // no other absolute URI
  std::string path = base.substr(0, base.rfind('/') + 1) + file;
  return fs::path(path).lexically_normal().generic_string();
}

void write_file(const fs::path& path, const std::string& text) {
  fs::create_directories(path.parent_path());
  std::ofstream out(path, std::ios::binary);
  out << text;
  REQUIRE(out.good());
}

TEST_CASE("openapi: the served document and schemas pass an OpenAPI 3.1 validator", "[openapi]") {
  TestServer t(test_options(), [](Router& router) { add_openapi_routes(router); });
  thidua::testing::TempDir dir("thidua-openapi");
  const std::string root = "/v1/";

  std::deque<std::string> pending = {"/v1/openapi.json"};
  std::set<std::string> fetched;
  while (!pending.empty()) {
    const std::string path = pending.front();
    pending.pop_front();
    if (!fetched.insert(path).second) continue;
    INFO("GET " << path);
    Response r = fetch(t.endpoint(), Verb::get, path);
    REQUIRE(r.result_int() == 200);
    REQUIRE(path.rfind(root, 0) == 0);
    write_file(dir.path() / path.substr(root.size()), r.body());
    std::set<std::string> refs;
    collect_refs(json::parse(r.body()), refs);
    for (const std::string& ref : refs) {
      std::string next = served_path(path, ref);
      if (!next.empty()) pending.push_back(next);
    }
  }
  // The document, the shared definitions, and each command and event schema at least.
  CHECK(fetched.size() >= 63);

  thidua::testing::CommandResult validated = thidua::testing::run_command(
      {"bash", THIDUA_OPENAPI_VALIDATE, "--modules", THIDUA_OPENAPI_MODULES,
       (dir.path() / "openapi.json").string()});
  INFO(validated.output);
  CHECK(validated.exit_code == 0);
  CHECK(validated.output.find("is valid OpenAPI 3.1.0") != std::string::npos);
}

}  // namespace
}  // namespace thidua::http::testing
