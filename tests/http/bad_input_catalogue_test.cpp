// A catalogue of bad requests, each sent over real HTTP to a server with every route of
// thiduad over a RocksDB store in a temporary directory. Each row names the request, the status
// and problem type it must get and, where there is more to say, a check of the problem's
// members (the JSON Pointer of a schema error, the rule of a refusal, the index of a batch
// command, a header). After every row the log is as it was (same head, writes still "ok" in
// /healthz), and after the whole catalogue a valid command is still appended.
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <functional>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "full_server.hpp"
#include "recorder.hpp"
#include "temp_dir.hpp"
#include "thidua/http/config.hpp"

namespace thidua::http::testing {
namespace {

using nlohmann::json;
using thidua::testing::Recorder;
using thidua::testing::TempDir;
using Headers = std::vector<std::pair<std::string, std::string>>;
using Check = std::function<void(const Response&, const json&)>;

// What a row sends: raw bytes on a fresh connection, or a request.
struct Send {
  std::string raw;
  std::optional<Request> request;
};

struct Row {
  std::string name;
  Send send;
  unsigned status;
  std::string type;
  Check check = {};
};

// ---- Requests ----

Send raw(std::string bytes) { return {std::move(bytes), std::nullopt}; }

// A request; `content_type` empty sends none, `token` empty no Authorization.
Send req(Verb method, const std::string& target, std::string body = {},
         const std::string& token = {}, const Headers& headers = {},
         const std::string& content_type = {}) {
  Request request = make_request(method, target, std::move(body));
  if (!content_type.empty()) request.set(Field::content_type, content_type);
  if (!token.empty()) request.set(Field::authorization, "Bearer " + token);
  for (const auto& [name, value] : headers) request.insert(name, value);
  return {{}, std::move(request)};
}

Send post(const std::string& target, std::string body, const std::string& token = Tokens::admin,
          const Headers& headers = {}) {
  return req(Verb::post, target, std::move(body), token, headers, "application/json");
}

Send get(const std::string& target, const std::string& token = {}, const Headers& headers = {}) {
  return req(Verb::get, target, {}, token, headers);
}

Response perform(const FullServer& server, const Send& send) {
  TestClient client(server.endpoint());
  if (send.request) return client.roundtrip(*send.request);
  REQUIRE_FALSE(client.connect());
  // The server may answer and close before it has read all of an oversized request.
  (void)client.write_raw(send.raw);
  Response response;
  error_code ec = client.read(response);
  INFO("reading the answer: " << ec.message());
  REQUIRE_FALSE(ec);
  return response;
}

// ---- Checks of a problem's members ----

Check all(std::vector<Check> checks) {
  return [checks = std::move(checks)](const Response& r, const json& p) {
    for (const Check& c : checks) c(r, p);
  };
}

// The problem lists `pointer` among its schema errors.
Check pointer(std::string pointer) {
  return [pointer = std::move(pointer)](const Response&, const json& p) {
    std::vector<std::string> pointers;
    if (p.contains("errors") && p["errors"].is_array()) {
      for (const json& e : p["errors"]) {
        CHECK_FALSE(e.value("message", "").empty());
        pointers.push_back(e.value("pointer", "?"));
      }
    }
    INFO("pointers: " << json(pointers).dump());
    CHECK(std::find(pointers.begin(), pointers.end(), pointer) != pointers.end());
  };
}

Check rule(std::string id) {
  return [id = std::move(id)](const Response&, const json& p) { CHECK(p.value("rule", "") == id); };
}

Check index(std::size_t i) {
  return [i](const Response&, const json& p) {
    REQUIRE(p.contains("index"));
    CHECK(p["index"] == i);
  };
}

Check header(Field field, std::string value) {
  return [field, value = std::move(value)](const Response& r, const json&) {
    CHECK(r[field] == value);
  };
}

Check detail_has(std::string text) {
  return [text = std::move(text)](const Response&, const json& p) {
    CHECK_THAT(p.value("detail", ""), Catch::Contains(text));
  };
}

// A bad query parameter: the detail starts by naming it (docs/http.md, Conventions).
Check parameter(const std::string& name) {
  return [prefix = "parameter '" + name + "'"](const Response&, const json& p) {
    CHECK_THAT(p.value("detail", ""), Catch::StartsWith(prefix));
  };
}

// ---- The data the rows refer to ----

// The recorded Cluster No. 6 story, and Cluster No. 7's 2020 covenant, which Gia Lai has signed
// and Lâm Đồng has not.
void seed(EventStore& store) {
  Recorder recorder(store);
  recorder.cluster6_story();
  domain::EstablishCluster cluster;
  cluster.id = "cum-7";
  cluster.name = "Cụm thi đua số 7";
  cluster.organiser = "bo-tttt";
  cluster.year = 2020;
  cluster.members = {"so-tttt-gia-lai", "so-tttt-lam-dong"};
  recorder.record(cluster);
  domain::AdoptCovenant covenant;
  covenant.cluster = "cum-7";
  covenant.year = 2020;
  covenant.criteria = {{"TC1", "Chuyển đổi số", domain::Decimal::units(10)}};
  recorder.record(covenant);
  domain::SignCovenant sign;
  sign.cluster = "cum-7";
  sign.year = 2020;
  sign.organization = "so-tttt-gia-lai";
  sign.representative = "Giám đốc Sở TTTT Gia Lai";
  sign.capacity = "Giám đốc Sở";
  sign.date = domain::Date{2020, 3, 1};
  recorder.record(sign);
}

const std::string kOrg = R"({"id":"so-moi","name":"Sở Mới","kind":"department"})";
const std::string kRename = R"({"name":"Sở TTTT tỉnh Gia Lai","effective":"2025-03-01"})";
const std::string kSelfScore =
    R"({"kind":"self","scorer":"so-tttt-gia-lai","scored":"so-tttt-gia-lai","criterion":"TC1",
        "points":9})";
const std::string kScores = "/v1/clusters/cum-7/years/2020/scores";
const std::string kSignatures = "/v1/clusters/cum-7/years/2020/signatures";
const std::string kRanking = "/v1/clusters/cum-6/years/2019/ranking";

std::string org_body(const std::string& id) {
  return R"({"id":")" + id + R"(","name":"Sở )" + id + R"(","kind":"department"})";
}

std::string batch_of(const std::vector<std::string>& bodies) {
  std::string out = R"({"commands":[)";
  for (std::size_t i = 0; i < bodies.size(); ++i) {
    if (i > 0) out += ",";
    out += bodies[i];
  }
  return out + "]}";
}

std::string org_command(const std::string& id) {
  return R"({"command":"RegisterOrganization","body":)" + org_body(id) + "}";
}

std::string score(const std::string& points) {
  return R"({"kind":"self","scorer":"so-tttt-gia-lai","scored":"so-tttt-gia-lai",
             "criterion":"TC1","points":)" +
         points + "}";
}

std::string raw_post(const std::string& target, const std::string& extra_headers,
                     const std::string& body_part) {
  return "POST " + target + " HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " + Tokens::admin +
         "\r\nContent-Type: application/json\r\n" + extra_headers + "\r\n" + body_part;
}

// ---- The rows ----

void add_malformed_http(std::vector<Row>& rows) {
  const std::string bad = "/problems/malformed-request";
  rows.push_back({"request line is garbage", raw("GARBAGE\r\n\r\n"), 400, bad});
  rows.push_back(
      {"unknown HTTP version", raw("GET /healthz HTTP/9.x\r\nHost: x\r\n\r\n"), 400, bad});
  rows.push_back({"header without a colon",
                  raw("GET /healthz HTTP/1.1\r\nHost: x\r\nBad Header\r\n\r\n"), 400, bad});
  rows.push_back({"header name with a space",
                  raw("GET /healthz HTTP/1.1\r\nHost: x\r\nX Bad: 1\r\n\r\n"), 400, bad});
  rows.push_back(
      {"headers over header_limit",
       raw("GET /healthz HTTP/1.1\r\nHost: x\r\nX-Big: " + std::string(20000, 'h') + "\r\n\r\n"),
       431, "/problems/header-too-large"});
  rows.push_back({"body over body_limit, announced",
                  raw(raw_post("/v1/organizations", "Content-Length: 2000000\r\n",
                               "{\"id\":\"" + std::string(100, 'a'))),
                  413, "/problems/body-too-large"});
  std::string chunk = "10000\r\n" + std::string(0x10000, ' ') + "\r\n";
  std::string chunks;
  for (int i = 0; i < 17; ++i) chunks += chunk;
  rows.push_back({"body over body_limit, chunked",
                  raw(raw_post("/v1/organizations", "Transfer-Encoding: chunked\r\n", chunks)), 413,
                  "/problems/body-too-large"});
  rows.push_back({"Content-Length not a number",
                  raw(raw_post("/v1/organizations", "Content-Length: x\r\n", kOrg)), 400, bad});
  rows.push_back({"Content-Length negative",
                  raw(raw_post("/v1/organizations", "Content-Length: -5\r\n", kOrg)), 400, bad});
  rows.push_back(
      {"two different Content-Lengths",
       raw(raw_post("/v1/organizations", "Content-Length: 3\r\nContent-Length: 4\r\n", kOrg)), 400,
       bad});
  rows.push_back({"chunk size not hex",
                  raw(raw_post("/v1/organizations", "Transfer-Encoding: chunked\r\n", "zz\r\n{}")),
                  400, bad});
  rows.push_back(
      {"chunk without its CRLF",
       raw(raw_post("/v1/organizations", "Transfer-Encoding: chunked\r\n", "2\r\n{}XX0\r\n\r\n")),
       400, bad});
  rows.push_back({"target that is not a path", get("*"), 400, "/problems/bad-target"});
  rows.push_back({"target with a malformed escape", get("/v1/%zz"), 400, "/problems/bad-target"});
}

void add_routing(std::vector<Row>& rows) {
  const std::string na = "/problems/method-not-allowed";
  rows.push_back({"DELETE on a command route", req(Verb::delete_, "/v1/organizations"), 405, na,
                  header(Field::allow, "POST")});
  rows.push_back(
      {"GET on the batch route", get("/v1/events:batch"), 405, na, header(Field::allow, "POST")});
  rows.push_back({"POST on the checkpoint", post("/v1/checkpoint", "{}"), 405, na,
                  header(Field::allow, "GET, HEAD")});
  rows.push_back({"PUT on a ranking", req(Verb::put, kRanking, "{}"), 405, na,
                  header(Field::allow, "GET, HEAD")});
  rows.push_back({"unknown path", get("/v2/organizations"), 404, "/problems/not-found"});
  rows.push_back({"unknown command path", post("/v1/organizations/so-moi/teleport", kOrg), 404,
                  "/problems/not-found"});
}

void add_content_type(std::vector<Row>& rows) {
  const std::string t = "/problems/unsupported-media-type";
  auto with = [](const std::string& type) {
    return req(Verb::post, "/v1/organizations", kOrg, Tokens::admin, {}, type);
  };
  rows.push_back({"no Content-Type", with(""), 415, t});
  rows.push_back({"text/plain", with("text/plain"), 415, t});
  rows.push_back({"application/jsonx", with("application/jsonx"), 415, t});
  rows.push_back({"application/problem+json", with("application/problem+json"), 415, t});
  rows.push_back({"form data", with("application/x-www-form-urlencoded"), 415, t});
  rows.push_back({"two Content-Types",
                  req(Verb::post, "/v1/organizations", kOrg, Tokens::admin,
                      {{"Content-Type", "application/json"}}, "application/json"),
                  415, t});
}

void add_bodies(std::vector<Row>& rows) {
  const std::string t = "/problems/invalid-argument";
  rows.push_back({"truncated JSON", post("/v1/organizations", "{\"id\":"), 400, t});
  rows.push_back({"empty body", post("/v1/organizations", ""), 400, t});
  rows.push_back({"JSON with trailing bytes", post("/v1/organizations", kOrg + " x"), 400, t});
  rows.push_back({"a JSON array", post("/v1/organizations", "[1,2]"), 400, t});
  rows.push_back({"a JSON string", post("/v1/organizations", "\"so-moi\""), 400, t});
  rows.push_back({"JSON null", post("/v1/organizations", "null"), 400, t});
  rows.push_back({"nested deeper than 64",
                  post("/v1/organizations", std::string(100, '[') + std::string(100, ']')), 400,
                  t});
  rows.push_back({"object nested deeper than 64 in a member",
                  post("/v1/organizations", R"({"id":"a","name":)" + std::string(70, '[') +
                                                std::string(70, ']') + R"(,"kind":"department"})"),
                  400, t});
}

void add_schema(std::vector<Row>& rows) {
  const std::string t = "/problems/invalid-argument";
  rows.push_back({"missing required member",
                  post("/v1/organizations", R"({"id":"so-moi","kind":"department"})"), 400, t,
                  pointer("/name")});
  rows.push_back({"wrong type: number for a string",
                  post("/v1/organizations", R"({"id":"so-moi","name":5,"kind":"department"})"), 400,
                  t, pointer("/name")});
  rows.push_back({"wrong type: string for an integer year",
                  post("/v1/clusters", R"({"id":"cum-9","name":"Cụm 9","organiser":"bo-tttt",
                                          "year":"2020","members":["so-tttt-gia-lai"]})"),
                  400, t, pointer("/year")});
  rows.push_back({"extra member",
                  post("/v1/organizations",
                       R"({"id":"so-moi","name":"Sở Mới","kind":"department","colour":"red"})"),
                  400, t, pointer("/colour")});
  rows.push_back({"bad enum value",
                  post("/v1/organizations", R"({"id":"so-moi","name":"Sở Mới","kind":"planet"})"),
                  400, t, pointer("/kind")});
  rows.push_back({"id with capitals and a space",
                  post("/v1/organizations", R"({"id":"Bad Id","name":"Sở","kind":"department"})"),
                  400, t, pointer("/id")});
  rows.push_back({"date not YYYY-MM-DD",
                  post("/v1/organizations/so-tttt-gia-lai/names",
                       R"({"name":"Sở Mới","effective":"01/03/2025"})"),
                  400, t, pointer("/effective")});
  rows.push_back({"date that does not exist",
                  post("/v1/organizations/so-tttt-gia-lai/names",
                       R"({"name":"Sở Mới","effective":"2025-02-30"})"),
                  400, t, pointer("/effective")});
  rows.push_back({"name over 300 characters",
                  post("/v1/organizations", R"({"id":"so-moi","name":")" + std::string(301, 'a') +
                                                R"(","kind":"department"})"),
                  400, t, pointer("/name")});
  rows.push_back({"empty name",
                  post("/v1/organizations", R"({"id":"so-moi","name":"","kind":"department"})"),
                  400, t, pointer("/name")});
  rows.push_back({"string that is not UTF-8",
                  post("/v1/organizations",
                       "{\"id\":\"so-moi\",\"name\":\"S\xc3\x28\",\"kind\":\"department\"}"),
                  400, t, detail_has("UTF-8")});
  rows.push_back({"overlong UTF-8 form",
                  post("/v1/organizations",
                       "{\"id\":\"so-moi\",\"name\":\"\xc0\xaf\",\"kind\":\"department\"}"),
                  400, t, detail_has("UTF-8")});
  rows.push_back(
      {"lone surrogate escape",
       post("/v1/organizations", R"({"id":"so-moi","name":"\ud800","kind":"department"})"), 400, t,
       detail_has("surrogate")});
  rows.push_back({"number too large for a double", post(kScores, score("1e400")), 400, t,
                  detail_has("malformed JSON")});
  rows.push_back({"negative number too large for a double", post(kScores, score("-1e400")), 400, t,
                  detail_has("malformed JSON")});
  rows.push_back({"number too large for a double in a batch",
                  post("/v1/events:batch",
                       R"({"commands":[{"command":"EnterScore","body":{"cluster":"cum-7",
                           "year":2020,"kind":"self","scorer":"so-tttt-gia-lai",
                           "scored":"so-tttt-gia-lai","criterion":"TC1","points":1e400}}]})"),
                  400, t, detail_has("malformed JSON")});
  rows.push_back({"integer over 64 bits", post(kScores, score("123456789012345678901234567890")),
                  400, t, pointer("/points")});
  rows.push_back(
      {"points with three decimals", post(kScores, score("9.125")), 400, t, pointer("/points")});
  rows.push_back({"negative score", post(kScores, score("-1")), 400, t, pointer("/points")});
  rows.push_back({"score over the schema's maximum", post(kScores, score("10000.01")), 400, t,
                  pointer("/points")});
  rows.push_back(
      {"negative count present",
       post("/v1/councils/hdtdkt-bo-tttt/votes",
            R"({"proposal":"cum-6-2019-co","date":"2020-04-03","ballot":"secret","present":-1,
                "tallies":[{"nominee":"organization/so-tttt-dak-lak","yes":1,"no":0,
                            "abstain":0}]})"),
       400, t, pointer("/present")});
  rows.push_back({"body cluster differs from the path",
                  post(kSignatures, R"({"cluster":"cum-6","organization":"so-tttt-lam-dong",
                                        "representative":"A","capacity":"B",
                                        "date":"2020-03-02"})"),
                  400, t, pointer("/cluster")});
  rows.push_back({"body year differs from the path",
                  post(kSignatures, R"({"year":2019,"organization":"so-tttt-lam-dong",
                                        "representative":"A","capacity":"B",
                                        "date":"2020-03-02"})"),
                  400, t, pointer("/year")});
  rows.push_back({"body id differs from the path",
                  post("/v1/organizations/so-tttt-gia-lai/names",
                       R"({"id":"so-tttt-lam-dong","name":"X","effective":"2025-03-02"})"),
                  400, t, pointer("/id")});
  rows.push_back({"path year that is no number",
                  post("/v1/clusters/cum-7/years/20x0/signatures", "{}"), 400, t});
  rows.push_back({"path year out of the schema's range",
                  post("/v1/clusters/cum-7/years/1800/close", R"({"date":"2020-01-01"})"), 400, t,
                  pointer("/year")});
}

void add_auth(std::vector<Row>& rows) {
  const std::string u = "/problems/unauthorized", f = "/problems/forbidden";
  rows.push_back({"no Authorization", post("/v1/organizations", kOrg, ""), 401, u,
                  header(Field::www_authenticate, "Bearer")});
  rows.push_back({"unknown token", post("/v1/organizations", kOrg, "not-a-token"), 401, u,
                  header(Field::www_authenticate, "Bearer error=\"invalid_token\"")});
  rows.push_back({"Basic scheme",
                  req(Verb::post, "/v1/organizations", kOrg, "",
                      {{"Authorization", "Basic dXNlcjpwYXNz"}}, "application/json"),
                  401, u});
  rows.push_back({"Bearer without a token",
                  req(Verb::post, "/v1/organizations", kOrg, "", {{"Authorization", "Bearer"}},
                      "application/json"),
                  401, u});
  rows.push_back({"two Authorization headers",
                  req(Verb::post, "/v1/organizations", kOrg, Tokens::admin,
                      {{"Authorization", "Bearer " + Tokens::admin}}, "application/json"),
                  401, u});
  rows.push_back({"feed without a token", get("/v1/events"), 401, u});
  rows.push_back(
      {"auditor gives a command", post("/v1/organizations", kOrg, Tokens::auditor), 403, f});
  rows.push_back({"unit registers an organization",
                  post("/v1/organizations", kOrg, Tokens::unit_gia_lai), 403, f});
  rows.push_back({"cluster head registers an organization",
                  post("/v1/organizations", kOrg, Tokens::cluster_head), 403, f});
  rows.push_back({"unit signs for another organization",
                  post(kSignatures, R"({"organization":"so-tttt-lam-dong","representative":"A",
                                        "capacity":"Giám đốc Sở","date":"2020-03-02"})",
                       Tokens::unit_gia_lai),
                  403, f, detail_has("organization/so-tttt-gia-lai")});
  rows.push_back({"unit cross-scores",
                  post(kScores, R"({"kind":"cross","scorer":"so-tttt-gia-lai",
                                    "scored":"so-tttt-lam-dong","criterion":"TC1","points":9})",
                       Tokens::unit_gia_lai),
                  403, f});
  rows.push_back({"unit self-scores another organization",
                  post(kScores, R"({"kind":"self","scorer":"so-tttt-lam-dong",
                                    "scored":"so-tttt-lam-dong","criterion":"TC1","points":9})",
                       Tokens::unit_gia_lai),
                  403, f});
  rows.push_back({"secretariat revokes a decision",
                  post("/v1/decisions/qd-co-2019/revocation",
                       R"({"ground":"a","number":"9/QĐ","date":"2026-01-01","issuer":"bo-tttt",
                           "reason":"r"})",
                       Tokens::secretariat),
                  403, f});
  rows.push_back({"unit in a batch gives a command it may not",
                  post("/v1/events:batch", batch_of({org_command("so-x")}), Tokens::unit_gia_lai),
                  403, f});
}

void add_rules(std::vector<Row>& rows) {
  const std::string t = "/problems/rule-violated";
  rows.push_back({"score for a member that has not signed",
                  post(kScores, R"({"kind":"cross","scorer":"so-tttt-gia-lai",
                                    "scored":"so-tttt-lam-dong","criterion":"TC1","points":9})"),
                  422, t, rule("score.after_signing")});
  rows.push_back(
      {"council vote below quorum",
       post("/v1/councils/hdtdkt-bo-tttt/votes",
            R"({"proposal":"cum-6-2019-co","date":"2020-04-03","ballot":"secret","present":1,
                "tallies":[{"nominee":"organization/so-tttt-dak-lak","yes":1,"no":0,
                            "abstain":0}]})"),
       422, t, rule("council.quorum")});
  rows.push_back({"a title the ladder does not allow",
                  post("/v1/decisions",
                       R"({"id":"qd-cstd-tinh-lan","number":"77/QĐ-BTTTT","date":"2020-05-01",
                           "issuer":"bo-tttt","signer":"Bộ trưởng","capacity":"Bộ trưởng",
                           "legal_basis":["Luật Thi đua, Khen thưởng 2022"],"award":"CSTD_TINH",
                           "occasion":"annual","year":2019,
                           "recipients":[{"subject":"person/nguyen-thi-lan",
                                          "initiatives":[]}]})",
                       Tokens::authority),
                  422, t, rule("award.CSTD_TINH.consecutive")});
  rows.push_back({"person of an unknown organization",
                  post("/v1/people", R"({"id":"nguyen-van-a","name":"Nguyễn Văn A",
                                         "organization":"khong-co"})"),
                  422, t, rule("organization.exists")});
  rows.push_back({"organization registered twice", post("/v1/organizations", org_body("bo-tttt")),
                  422, t, rule("organization.unique")});
  rows.push_back({"score on a closed sheet",
                  post("/v1/clusters/cum-6/years/2019/scores", kSelfScore, Tokens::unit_gia_lai),
                  422, t, rule("cluster.closed")});
  rows.push_back({"covenant signed twice",
                  post(kSignatures, R"({"organization":"so-tttt-gia-lai","representative":"A",
                                        "capacity":"Giám đốc Sở","date":"2020-03-02"})"),
                  422, t, rule("signature.once")});
  rows.push_back({"decision revoked twice",
                  post("/v1/decisions/qd-ldtt-lan/revocation",
                       R"({"ground":"a","number":"16/QĐ-STTTT","date":"2020-06-02",
                           "issuer":"so-tttt-phu-yen","reason":"Lần nữa"})",
                       Tokens::authority),
                  422, t, rule("revocation.once")});
  rows.push_back({"revocation of an unknown decision",
                  post("/v1/decisions/khong-co/revocation",
                       R"({"ground":"a","number":"17/QĐ","date":"2020-06-02","issuer":"bo-tttt",
                           "reason":"r"})",
                       Tokens::authority),
                  422, t, rule("decision.exists")});
}

void add_headers(std::vector<Row>& rows) {
  const std::string bad = "/problems/invalid-argument";
  const std::string renames = "/v1/organizations/so-tttt-gia-lai/names";
  rows.push_back({"If-Match another version",
                  post(renames, kRename, Tokens::admin, {{"If-Match", "\"7\""}}), 409,
                  "/problems/version-conflict", detail_has("version 0")});
  rows.push_back({"If-Match on a stream that does not exist",
                  post("/v1/organizations", kOrg, Tokens::admin, {{"If-Match", "\"0\""}}), 409,
                  "/problems/version-conflict"});
  rows.push_back(
      {"If-Match unquoted", post(renames, kRename, Tokens::admin, {{"If-Match", "0"}}), 400, bad});
  rows.push_back({"If-Match not a number",
                  post(renames, kRename, Tokens::admin, {{"If-Match", "\"three\""}}), 400, bad});
  rows.push_back({"If-Match weak tag",
                  post(renames, kRename, Tokens::admin, {{"If-Match", "W/\"0\""}}), 400, bad});
  rows.push_back({"If-Match over 19 digits",
                  post(renames, kRename, Tokens::admin, {{"If-Match", "\"12345678901234567890\""}}),
                  400, bad});
  rows.push_back(
      {"two If-Match headers",
       post(renames, kRename, Tokens::admin, {{"If-Match", "\"0\""}, {"If-Match", "\"0\""}}), 400,
       bad});
  rows.push_back({"If-Match on a batch",
                  post("/v1/events:batch", batch_of({org_command("so-x")}), Tokens::admin,
                       {{"If-Match", "\"0\""}}),
                  400, bad});
  rows.push_back({"Idempotency-Key reused with another body",
                  post("/v1/organizations", org_body("so-khac"), Tokens::admin,
                       {{"Idempotency-Key", "catalogue-key"}}),
                  422, "/problems/idempotency-mismatch"});
  rows.push_back(
      {"Idempotency-Key of 129 characters",
       post("/v1/organizations", kOrg, Tokens::admin, {{"Idempotency-Key", std::string(129, 'k')}}),
       400, bad});
  rows.push_back({"Idempotency-Key with a space",
                  post("/v1/organizations", kOrg, Tokens::admin, {{"Idempotency-Key", "a b"}}), 400,
                  bad});
  rows.push_back({"Idempotency-Key empty",
                  post("/v1/organizations", kOrg, Tokens::admin, {{"Idempotency-Key", ""}}), 400,
                  bad});
  rows.push_back({"Idempotency-Key not ASCII",
                  post("/v1/organizations", kOrg, Tokens::admin, {{"Idempotency-Key", "khóa"}}),
                  400, bad});
  rows.push_back({"two Idempotency-Keys",
                  post("/v1/organizations", kOrg, Tokens::admin,
                       {{"Idempotency-Key", "k-1"}, {"Idempotency-Key", "k-2"}}),
                  400, bad});
}

void add_batches(std::vector<Row>& rows) {
  const std::string bad = "/problems/invalid-argument";
  const std::string b = "/v1/events:batch";
  rows.push_back({"empty batch", post(b, R"({"commands":[]})"), 400, bad});
  std::vector<std::string> many;
  for (int i = 0; i < 1001; ++i) many.push_back(org_command("o-" + std::to_string(i)));
  rows.push_back({"batch of 1001 commands", post(b, batch_of(many)), 400, bad});
  rows.push_back({"commands not an array", post(b, R"({"commands":{}})"), 400, bad});
  rows.push_back({"batch with another member",
                  post(b, R"({"commands":[)" + org_command("so-x") + R"(],"note":"x"})"), 400,
                  bad});
  rows.push_back({"batch entry without a body", post(b, R"({"commands":[{"command":"X"}]})"), 400,
                  bad, index(0)});
  rows.push_back(
      {"batch entry with a body that is no object",
       post(b, batch_of({org_command("so-x"), R"({"command":"RegisterOrganization","body":[]})"})),
       400, bad, index(1)});
  rows.push_back({"unknown command", post(b, R"({"commands":[{"command":"Fly","body":{}}]})"), 400,
                  bad, index(0)});
  rows.push_back(
      {"second command of a batch fails its schema",
       post(b, batch_of({org_command("so-x"),
                         R"({"command":"RegisterOrganization","body":{"id":"so-y","kind":"x"}})"})),
       400, bad, all({index(1), pointer("/kind")})});
  rows.push_back({"third command of a batch refused by a rule",
                  post(b, batch_of({org_command("so-c"),
                                    R"({"command":"RegisterPerson","body":{"id":"q","name":"Q",
                                        "organization":"so-c"}})",
                                    R"({"command":"RegisterPerson","body":{"id":"r","name":"R",
                                        "organization":"khong-co"}})"})),
                  422, "/problems/rule-violated", all({index(2), rule("organization.exists")})});
}

void add_queries(std::vector<Row>& rows, std::uint64_t head) {
  const std::string bad = "/problems/invalid-argument";
  const std::string a = Tokens::auditor;
  const std::string beyond = std::to_string(head + 1);
  auto q = [&](std::string name, std::string target, std::string param, std::string token = {},
               Headers headers = {}) {
    rows.push_back({std::move(name), get(target, token, headers), 400, bad, parameter(param)});
  };
  q("events: limit 0", "/v1/events?limit=0", "limit", a);
  q("events: limit over 1000", "/v1/events?limit=1001", "limit", a);
  q("events: negative from", "/v1/events?from=-1", "from", a);
  q("events: from with a plus", "/v1/events?from=%2B1", "from", a);
  q("events: from repeated", "/v1/events?from=1&from=2", "from", a);
  q("events: unknown parameter", "/v1/events?colour=red", "colour", a);
  q("events: from over 64 bits", "/v1/events?from=18446744073709551616", "from", a);
  q("events: type with capitals", "/v1/events?type=Bad.Type", "type", a);
  q("events: empty subject_prefix", "/v1/events?subject_prefix=", "subject_prefix", a);
  q("events: malformed escape", "/v1/events?from=%zz", "from", a);
  q("event stream: limit is no parameter", "/v1/events/stream?limit=5", "limit", a);
  rows.push_back({"event stream: Last-Event-ID not a position",
                  get("/v1/events/stream", a, {{"Last-Event-ID", "abc"}}), 400, bad,
                  detail_has("Last-Event-ID")});
  rows.push_back({"streams: not a stream name", get("/v1/streams/Not/A/Stream", a), 400, bad,
                  detail_has("subject")});
  q("streams: from_version not a number", "/v1/streams/organization/so-tttt-gia-lai?from_version=x",
    "from_version", a);
  q("inclusion: index missing", "/v1/proofs/inclusion", "index");
  q("inclusion: index not a number", "/v1/proofs/inclusion?index=abc", "index");
  q("inclusion: index repeated", "/v1/proofs/inclusion?index=1&index=2", "index");
  q("inclusion: index not below tree_size", "/v1/proofs/inclusion?index=5&tree_size=5", "index");
  q("inclusion: tree_size beyond the tree", "/v1/proofs/inclusion?index=0&tree_size=" + beyond,
    "tree_size");
  q("inclusion: unknown parameter", "/v1/proofs/inclusion?index=0&size=3", "size");
  q("consistency: from missing", "/v1/proofs/consistency", "from");
  q("consistency: from 0", "/v1/proofs/consistency?from=0&to=2", "from");
  q("consistency: from above to", "/v1/proofs/consistency?from=3&to=2", "from");
  q("consistency: to beyond the tree", "/v1/proofs/consistency?from=1&to=" + beyond, "to");
  q("consistency: hex from", "/v1/proofs/consistency?from=0x1", "from");
  q("ranking: as_of at the head", kRanking + "?as_of=" + std::to_string(head), "as_of");
  q("ranking: as_of repeated", kRanking + "?as_of=1&as_of=2", "as_of");
  q("ranking: unknown parameter", kRanking + "?when=1", "when");
  q("ranking: as_of with a fraction", kRanking + "?as_of=1.5", "as_of");
  q("ranking: year out of range", "/v1/clusters/cum-6/years/1800/ranking", "year");
  q("ranking: year not a number", "/v1/clusters/cum-6/years/20x9/ranking", "year");
  q("decisions: limit 0", "/v1/decisions?limit=0", "limit");
  q("decisions: unknown award", "/v1/decisions?award=NOPE", "award");
  q("decisions: year not a number", "/v1/decisions?year=abc", "year");
  q("decisions: after not a cursor", "/v1/decisions?after=zzz", "after");
  q("award history: unknown parameter", "/v1/organizations/so-tttt-dak-lak/awards?colour=red",
    "colour");
  q("award history: repeated parameter", "/v1/people/nguyen-thi-lan/awards?x=1&x=2", "x");
  q("decision: unknown parameter", "/v1/decisions/qd-co-2019?full=1", "full");
  q("movement: unknown parameter", "/v1/movements/tang-toc-100-ngay?unit=x", "unit");
  q("eligibility: subject missing", "/v1/eligibility?award=BK_TINH&year=2019", "subject", a);
  q("eligibility: subject malformed", "/v1/eligibility?subject=x&award=BK_TINH&year=2019",
    "subject", a);
  q("openapi: a parameter", "/v1/openapi.json?v=1", "v");
}

void add_not_found(std::vector<Row>& rows) {
  const std::string nf = "/problems/not-found";
  rows.push_back(
      {"evidence of an unknown decision", get("/v1/decisions/khong-co/evidence"), 404, nf});
  rows.push_back({"unknown decision", get("/v1/decisions/khong-co"), 404, nf});
  rows.push_back(
      {"award history of an unknown unit", get("/v1/organizations/khong-co/awards"), 404, nf});
  rows.push_back({"unknown movement", get("/v1/movements/khong-co"), 404, nf});
  rows.push_back(
      {"ranking of an unknown cluster", get("/v1/clusters/cum-99/years/2019/ranking"), 404, nf});
  rows.push_back({"stream without events",
                  get("/v1/streams/organization/khong-co", Tokens::auditor), 404, nf});
  rows.push_back({"unknown schema", get("/v1/schemas/commands/Fly.v1.json"), 404, nf});
}

std::vector<Row> catalogue(std::uint64_t head) {
  std::vector<Row> rows;
  add_malformed_http(rows);
  add_routing(rows);
  add_content_type(rows);
  add_bodies(rows);
  add_schema(rows);
  add_auth(rows);
  add_rules(rows);
  add_headers(rows);
  add_batches(rows);
  add_queries(rows, head);
  add_not_found(rows);
  return rows;
}

json health(FullServer& s) {
  Response r = s.get("/healthz");
  REQUIRE(r.result() == HttpStatus::ok);
  return json::parse(r.body());
}

void run_row(FullServer& s, const Row& row, std::uint64_t head) {
  INFO("case: " << row.name);
  Response r = perform(s, row.send);
  INFO("answer: " << r.result_int() << " " << r.body().substr(0, 600));
  CHECK(r.result_int() == row.status);
  CHECK(r[Field::content_type] == kProblemJson);
  json p = json::parse(r.body(), nullptr, false);
  REQUIRE(p.is_object());
  CHECK(p.value("type", "") == row.type);
  CHECK(p.value("status", 0u) == row.status);
  CHECK_FALSE(p.value("title", "").empty());
  CHECK_FALSE(p.value("detail", "").empty());
  if (row.check) row.check(r, p);
  // Nothing appended, and the store still takes writes.
  CHECK(s.store().head() == head);
  json h = health(s);
  CHECK(h["head"] == head);
  CHECK(h["writes"] == "ok");
}

// Runs the rows against a fresh server, then checks that a valid command is still appended.
// Returns the number of rows.
std::size_t run_catalogue(const std::function<std::vector<Row>(std::uint64_t head)>& make_rows) {
  TempDir dir("thidua-catalogue");
  FullServerOptions options;
  options.seed = seed;
  FullServer s(dir.path(), make_log_signer(), options);
  // The key the idempotency row reuses.
  Response first = s.post("/v1/organizations", org_body("so-idem"), Tokens::admin,
                          {{"Idempotency-Key", "catalogue-key"}});
  REQUIRE(first.result() == HttpStatus::created);
  const std::uint64_t head = s.store().head();
  REQUIRE(s.projector().wait_for(head, std::chrono::seconds(20)));
  REQUIRE(s.checkpointer().checkpoint_now().is_ok());

  const std::vector<Row> rows = make_rows(head);
  for (const Row& row : rows) run_row(s, row, head);

  // The write path works after all of it.
  Response r = s.post("/v1/organizations", kOrg);
  INFO(r.body());
  REQUIRE(r.result() == HttpStatus::created);
  CHECK(json::parse(r.body())["position"] == head);
  CHECK(s.store().head() == head + 1);
  CHECK(health(s)["writes"] == "ok");
  return rows.size();
}

}  // namespace

TEST_CASE("the bad input catalogue: each bad request gets its problem and appends nothing",
          "[http][catalogue]") {
  CHECK(run_catalogue(catalogue) >= 150);  // docs/reliability.md counts 155
}

TEST_CASE("a configuration with a number beyond a double is refused, not thrown",
          "[http][catalogue][config]") {
  Result<ServerConfig> config = parse_config(R"({"threads": 1e400})");
  REQUIRE_FALSE(config.is_ok());
  CHECK(config.status().code() == Status::Code::kInvalidArgument);
  CHECK_THAT(config.status().message(), Catch::Contains("config:"));
}

}  // namespace thidua::http::testing
