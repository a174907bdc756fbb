#include <string>
#include <vector>

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "test_client.hpp"
#include "thidua/http/feed_routes.hpp"

namespace thidua::http::testing {
namespace {

using nlohmann::json;

constexpr const char* kHappened = "vn.thidua.test.happened.v1";
constexpr const char* kSigned = "vn.thidua.cluster.covenant_signed.v1";

// The stored bytes of every event, in position order.
std::vector<std::string> stored_bytes(const EventStore& store) {
  Result<ReadBatch> batch = store.read_all(0, 10000, {});
  REQUIRE(batch.is_ok());
  std::vector<std::string> out;
  for (const RecordedEvent& e : batch->events) out.push_back(e.bytes);
  return out;
}

std::string ndjson(const std::vector<std::string>& lines, std::size_t from, std::size_t to) {
  std::string out;
  for (std::size_t i = from; i < to; ++i) out += lines[i] + "\n";
  return out;
}

std::vector<std::string> lines_of(const std::string& body) {
  std::vector<std::string> out;
  std::size_t start = 0;
  while (start < body.size()) {
    std::size_t end = body.find('\n', start);
    REQUIRE(end != std::string::npos);  // every line, the last included, ends with "\n"
    out.push_back(body.substr(start, end - start));
    start = end + 1;
  }
  return out;
}

// Fills a store with: 0-2 cluster/cum-6/2020 happened, 3-4 cluster/cum-7/2020 signed,
// 5 organization/so-tttt-gia-lai happened.
void fill(TestServer& t) {
  t.append("cluster/cum-6/2020", kHappened, 3);
  t.append("cluster/cum-7/2020", kSigned, 2);
  t.append("organization/so-tttt-gia-lai", kHappened, 1);
}

TEST_CASE("/v1/events serves the stored bytes, one per line, in order", "[events]") {
  TestServer t;
  fill(t);
  std::vector<std::string> bytes = stored_bytes(t.store());
  REQUIRE(bytes.size() == 6);
  Response r = fetch(t.endpoint(), Verb::get, "/v1/events");
  REQUIRE(r.result_int() == 200);
  CHECK(r[Field::content_type] == kNdjson);
  CHECK(r.body() == ndjson(bytes, 0, 6));
  CHECK(r.find(Field::link) == r.end());
  for (std::size_t i = 0; i < 6; ++i) {
    CHECK(json::parse(lines_of(r.body())[i])["sequence"] == i);
  }
}

TEST_CASE("/v1/events pages with a Link header", "[events]") {
  TestServer t;
  fill(t);
  std::vector<std::string> bytes = stored_bytes(t.store());
  Response first = fetch(t.endpoint(), Verb::get, "/v1/events?limit=4");
  CHECK(first.body() == ndjson(bytes, 0, 4));
  CHECK(first[Field::link] == "</v1/events?from=4&limit=4>; rel=\"next\"");
  Response second = fetch(t.endpoint(), Verb::get, "/v1/events?from=4&limit=4");
  CHECK(second.body() == ndjson(bytes, 4, 6));
  CHECK(second.find(Field::link) == second.end());
  Response exact = fetch(t.endpoint(), Verb::get, "/v1/events?from=2&limit=4");
  CHECK(exact.body() == ndjson(bytes, 2, 6));
  CHECK(exact.find(Field::link) == exact.end());
}

TEST_CASE("/v1/events past the head is empty", "[events]") {
  TestServer t;
  fill(t);
  for (const char* target : {"/v1/events?from=6", "/v1/events?from=18446744073709551615"}) {
    Response r = fetch(t.endpoint(), Verb::get, target);
    CHECK(r.result_int() == 200);
    CHECK(r.body().empty());
    CHECK(r.find(Field::link) == r.end());
  }
}

TEST_CASE("/v1/events filters by type and subject prefix", "[events]") {
  TestServer t;
  fill(t);
  std::vector<std::string> bytes = stored_bytes(t.store());
  SECTION("one type") {
    Response r =
        fetch(t.endpoint(), Verb::get, "/v1/events?type=vn.thidua.cluster.covenant_signed.v1");
    CHECK(r.body() == ndjson(bytes, 3, 5));
  }
  SECTION("repeated type") {
    Response r = fetch(t.endpoint(), Verb::get,
                       "/v1/events?type=vn.thidua.cluster.covenant_signed.v1"
                       "&type=vn.thidua.test.happened.v1");
    CHECK(r.body() == ndjson(bytes, 0, 6));
  }
  SECTION("subject prefix, percent-encoded") {
    Response r = fetch(t.endpoint(), Verb::get, "/v1/events?subject_prefix=cluster%2Fcum-6");
    CHECK(r.body() == ndjson(bytes, 0, 3));
  }
  SECTION("both, with the filters kept in the Link") {
    Response r = fetch(t.endpoint(), Verb::get,
                       "/v1/events?subject_prefix=cluster/&type=vn.thidua.test.happened.v1"
                       "&limit=2");
    CHECK(r.body() == ndjson(bytes, 0, 2));
    CHECK(r[Field::link] ==
          "</v1/events?from=2&limit=2&type=vn.thidua.test.happened.v1"
          "&subject_prefix=cluster%2F>; rel=\"next\"");
    Response next = fetch(t.endpoint(), Verb::get,
                          "/v1/events?from=2&limit=2&type=vn.thidua.test.happened.v1"
                          "&subject_prefix=cluster%2F");
    // Looking for a second match, the read went on to the head: no next page.
    CHECK(next.body() == ndjson(bytes, 2, 3));
    CHECK(next.find(Field::link) == next.end());
  }
  SECTION("nothing matches") {
    Response r = fetch(t.endpoint(), Verb::get, "/v1/events?subject_prefix=person/");
    CHECK(r.result_int() == 200);
    CHECK(r.body().empty());
  }
}

TEST_CASE("/v1/events rejects bad parameters with a 400 problem naming them", "[events]") {
  TestServer t;
  fill(t);
  auto [query, name] = GENERATE(table<std::string, std::string>({
      {"from=abc", "from"},
      {"from=-1", "from"},
      {"from=%2B1", "from"},
      {"from=1.5", "from"},
      {"from=", "from"},
      {"from", "from"},
      {"from=18446744073709551616", "from"},
      {"from=1&from=2", "from"},
      {"limit=0", "limit"},
      {"limit=1001", "limit"},
      {"limit=99999999999999999999999", "limit"},
      {"limit=ten", "limit"},
      {"limit=+5", "limit"},
      {"type=", "type"},
      {"type=Not%20A%20Type", "type"},
      {"subject_prefix=%zz", "subject_prefix"},
      {"subject_prefix=a&subject_prefix=b", "subject_prefix"},
      {"subject_prefix=CLUSTER", "subject_prefix"},
      {"frm=1", "frm"},
      {"%zz=1", "%zz"},
      {"from=%4", "from"},
  }));
  Response r = fetch(t.endpoint(), Verb::get, "/v1/events?" + query);
  INFO(query);
  REQUIRE(r.result_int() == 400);
  CHECK(r[Field::content_type] == kProblemJson);
  json body = json::parse(r.body());
  CHECK(body["status"] == 400);
  CHECK(body["type"] == "/problems/invalid-argument");
  CHECK(body["detail"].get<std::string>().find("'" + name + "'") != std::string::npos);
}

TEST_CASE("/v1/events accepts the largest limit", "[events]") {
  TestServer t;
  fill(t);
  Response r = fetch(t.endpoint(), Verb::get, "/v1/events?limit=1000&from=0&");
  CHECK(r.result_int() == 200);
  CHECK(lines_of(r.body()).size() == 6);
}

}  // namespace
}  // namespace thidua::http::testing
