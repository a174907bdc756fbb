// The OpenAPI document served by a running thiduad, read by unmodified third-party tools
// pointed at nothing but its URL, as an integrator's tools would be: every reference, from the
// document to the schemas and between schemas, is fetched over HTTP from that server alone,
// with no mapping of any host onto local files.
//
// - @apidevtools/swagger-parser (tests/openapi/validate: pinned by package-lock.json, installed
//   with `npm ci` into this build directory) validates the document as OpenAPI 3.1.
// - Debian's python3-jsonschema (tests/openapi/check_served.py) resolves every reference and
//   validates, against the schemas the document gives for them, a valid and an invalid command
//   body, the server's answers to both, and the stored event the valid one appended.
//
// Each fails, saying why, when its tool is missing (tools/deps --test installs both).
#include <filesystem>
#include <fstream>
#include <regex>
#include <string>
#include <string_view>
#include <vector>

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "daemon.hpp"
#include "process.hpp"
#include "temp_dir.hpp"
#include "test_client.hpp"

namespace thidua::http::testing {
namespace {

using nlohmann::json;
namespace fs = std::filesystem;

const std::string kAdmin = "openapi-test-admin";

// thiduad on 127.0.0.1:0 over a new store in a temporary directory, with an admin token.
class ServedApi {
 public:
  ServedApi()
      : dir_("thidua-openapi"),
        daemon_(THIDUAD_PATH,
                {"--data", (dir_.path() / "data").string(), "--listen", "127.0.0.1:0"},
                dir_.path() / "stderr", {"THIDUA_ADMIN_TOKEN=" + kAdmin}),
        endpoint_(boost::asio::ip::address_v4::loopback(), daemon_.wait_listening()) {}

  const fs::path& dir() const { return dir_.path(); }
  tcp::endpoint endpoint() const { return endpoint_; }
  std::string url(std::string_view target) const {
    return "http://127.0.0.1:" + std::to_string(endpoint_.port()) + std::string(target);
  }

  Response send(Verb method, std::string_view target, std::string body = {}) const {
    Request request = make_request(method, target, std::move(body));
    request.set(Field::authorization, "Bearer " + kAdmin);
    if (method == Verb::post) request.set(Field::content_type, kJson);
    TestClient client(endpoint_);
    return client.roundtrip(std::move(request));
  }

 private:
  thidua::testing::TempDir dir_;
  thidua::testing::Daemon daemon_;
  tcp::endpoint endpoint_;
};

void write_file(const fs::path& path, const std::string& text) {
  std::ofstream out(path, std::ios::binary);
  out << text;
  REQUIRE(out.good());
}

// The cases of check_served.py: bodies sent to the server, and what it answered.
json sample_cases(const ServedApi& api) {
  const json body = {{"id", "so-khcn-lam-dong"},
                     {"name", "Sở Khoa học và Công nghệ tỉnh Lâm Đồng"},
                     {"kind", "department"}};
  json bad = body;
  bad["id"] = "Sở KHCN";
  bad["website"] = "https://sokhcn.lamdong.gov.vn";

  Response accepted = api.send(Verb::post, "/v1/organizations", body.dump());
  REQUIRE(accepted.result_int() == 201);
  Response refused = api.send(Verb::post, "/v1/organizations", bad.dump());
  REQUIRE(refused.result_int() == 400);  // valijson, with the schemas as built, refuses it too
  Response feed = api.send(Verb::get, "/v1/events?from=0&limit=1");
  REQUIRE(feed.result_int() == 200);
  const json event = json::parse(feed.body().substr(0, feed.body().find('\n')));
  json nameless = event["data"];
  nameless.erase("name");

  const std::string register_organization = "POST /v1/organizations";
  return json::array({
      {{"name", "a RegisterOrganization body"},
       {"operation", register_organization},
       {"request", "application/json"},
       {"instance", body},
       {"valid", true}},
      {{"name", "a RegisterOrganization body with a bad id and an unknown member"},
       {"operation", register_organization},
       {"request", "application/json"},
       {"instance", bad},
       {"valid", false}},
      {{"name", "the 201 answer to it"},
       {"operation", register_organization},
       {"response", "201"},
       {"instance", json::parse(accepted.body())},
       {"valid", true}},
      {{"name", "the 400 problem answering the bad body"},
       {"operation", register_organization},
       {"response", "400"},
       {"media", "application/problem+json"},
       {"instance", json::parse(refused.body())},
       {"valid", true}},
      {{"name", "the stored event in the feed"},
       {"operation", "GET /v1/events"},
       {"response", "200"},
       {"media", "application/x-ndjson"},
       {"instance", event},
       {"valid", true}},
      {{"name", "its data"},
       {"schema", "#/components/schemas/OrganizationRegistered"},
       {"instance", event["data"]},
       {"valid", true}},
      {{"name", "its data without the name"},
       {"schema", "#/components/schemas/OrganizationRegistered"},
       {"instance", nameless},
       {"valid", false}},
  });
}

TEST_CASE("openapi: swagger-parser validates the document thiduad serves, read from its URL",
          "[openapi]") {
  ServedApi api;
  const std::string url = api.url("/v1/openapi.json");
  thidua::testing::CommandResult validated = thidua::testing::run_command(
      {"bash", THIDUA_OPENAPI_VALIDATE, "--modules", THIDUA_OPENAPI_MODULES, url});
  INFO(validated.output);
  CHECK(validated.exit_code == 0);
  CHECK(validated.output.find("is valid OpenAPI 3.1.0") != std::string::npos);
  std::smatch m;
  REQUIRE(
      std::regex_search(validated.output, m, std::regex(R"((\d+) documents resolved from (\S+))")));
  CHECK(m[2] == api.url(""));
  // The document, the shared definitions, and each command and event schema at least.
  CHECK(std::stoi(m[1]) >= 63);
}

TEST_CASE(
    "openapi: python3-jsonschema resolves the served document from the server alone and "
    "validates bodies and answers with it",
    "[openapi]") {
  ServedApi api;
  const fs::path cases = api.dir() / "cases.json";
  const json samples = sample_cases(api);
  write_file(cases, samples.dump(2));
  // Every other host goes through a proxy on a closed loopback port, refused at once: a
  // reference the server does not serve itself fails here without leaving the machine.
  const std::string proxy = "http://127.0.0.1:9";
  thidua::testing::CommandResult checked = thidua::testing::run_command(
      {"env", "http_proxy=" + proxy, "https_proxy=" + proxy, "no_proxy=127.0.0.1", THIDUA_PYTHON,
       THIDUA_CHECK_SERVED, api.url("/v1/openapi.json"), cases.string()});
  INFO(checked.output);
  CHECK(checked.exit_code == 0);
  CHECK(checked.output.find("documents resolved from " + api.url("/")) != std::string::npos);
  CHECK(checked.output.find(std::to_string(samples.size()) + " of " +
                            std::to_string(samples.size()) + " cases as expected") !=
        std::string::npos);
}

}  // namespace
}  // namespace thidua::http::testing
