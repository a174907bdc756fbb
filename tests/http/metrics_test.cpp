#include <chrono>
#include <cmath>
#include <limits>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "test_client.hpp"
#include "thidua/http/metrics_route.hpp"
#include "thidua/metrics/registry.hpp"

namespace thidua::http::testing {
namespace {

TEST_CASE("a removed collector is no longer called", "[metrics]") {
  MetricRegistry m;
  int calls = 0;
  std::uint64_t id = m.add_collector([&](MetricWriter&) { ++calls; });
  (void)m.render();
  m.remove_collector(id);
  CHECK(m.render().empty());
  CHECK(calls == 1);
}

// A request is counted once its answer has been written, which may be just after the client
// has read it: scrape until `wanted` shows up (or a generous deadline passes).
std::string scrape_until(tcp::endpoint endpoint, const std::vector<std::string>& wanted) {
  auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
  while (true) {
    Response r = fetch(endpoint, Verb::get, "/metrics");
    REQUIRE(r.result_int() == 200);
    CHECK(r[Field::content_type] == "text/plain; version=0.0.4; charset=utf-8");
    bool all = true;
    for (const std::string& w : wanted) all = all && r.body().find(w) != std::string::npos;
    if (all || std::chrono::steady_clock::now() > deadline) return r.body();
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
}

TEST_CASE("/metrics shows requests by route pattern, method and status", "[metrics]") {
  MetricRegistry metrics;
  ServerOptions options = test_options();
  options.metrics = &metrics;
  TestServer t(options, [&](Router& router) { add_metrics_route(router, metrics); });
  t.append("cluster/cum-6/2020", "vn.thidua.test.happened.v1", 2);
  CHECK(fetch(t.endpoint(), Verb::get, "/v1/events?from=1").result_int() == 200);
  CHECK(fetch(t.endpoint(), Verb::get, "/v1/events?from=0").result_int() == 200);
  CHECK(fetch(t.endpoint(), Verb::get, "/nope/123").result_int() == 404);
  CHECK(fetch(t.endpoint(), Verb::post, "/healthz").result_int() == 405);
  CHECK(fetch(t.endpoint(), Verb::get, "/v1/events?from=x").result_int() == 400);
  const std::vector<std::string> wanted = {
      "# TYPE thidua_http_requests_total counter\n",
      "thidua_http_requests_total{route=\"/v1/events\",method=\"GET\",status=\"200\"} 2\n",
      "thidua_http_requests_total{route=\"/v1/events\",method=\"GET\",status=\"400\"} 1\n",
      "thidua_http_requests_total{route=\"unmatched\",method=\"GET\",status=\"404\"} 1\n",
      "thidua_http_requests_total{route=\"unmatched\",method=\"POST\",status=\"405\"} 1\n",
      "thidua_http_request_duration_seconds_count{route=\"/v1/events\"} 3\n",
      "thidua_http_request_duration_seconds_bucket{route=\"/v1/events\",le=\"+Inf\"} 3\n",
  };
  const std::string text = scrape_until(t.endpoint(), wanted);
  INFO(text);
  for (const std::string& w : wanted) CHECK(text.find(w) != std::string::npos);
  CHECK(text.find("/nope") == std::string::npos);  // raw paths never become labels
  CHECK(text.find("thidua_http_request_duration_seconds_count{route=\"/v1/events\"} 3\n") !=
        std::string::npos);
  CHECK(text.find("thidua_http_request_duration_seconds_bucket{route=\"/v1/events\",le=\"+Inf\"}"
                  " 3\n") != std::string::npos);
  // At least this one; the earlier ones may not have been noticed closing yet.
  std::size_t at = text.find("\nthidua_http_connections ");
  REQUIRE(at != std::string::npos);
  CHECK(std::stod(text.substr(at + 25)) >= 1);
}

TEST_CASE("a made-up method is counted as other", "[metrics]") {
  MetricRegistry metrics;
  ServerOptions options = test_options();
  options.metrics = &metrics;
  TestServer t(options);
  TestClient client(t.endpoint());
  REQUIRE_FALSE(client.connect());
  REQUIRE_FALSE(client.write_raw("BREW /healthz HTTP/1.1\r\nHost: x\r\n\r\n"));
  Response r;
  REQUIRE_FALSE(client.read(r));
  CHECK(r.result_int() == 405);
  Counter& other = metrics.counter("thidua_http_requests_total", "", {"route", "method", "status"})
                       .with({"unmatched", "other", "405"});
  auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
  while (other.value() < 1 && std::chrono::steady_clock::now() < deadline) {
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  CHECK(other.value() == 1);
}

TEST_CASE("the access log names the route pattern and the caller's address", "[server]") {
  std::mutex mu;
  std::vector<std::string> lines;
  ServerOptions options = logging_options(mu, lines);
  {
    TestServer t(options, [](Router& router) {
      router.add(Verb::get, "/v1/things/{id}",
                 [](const Request&, const PathParams&) -> boost::asio::awaitable<Response> {
                   co_return make_response(HttpStatus::ok, "text/plain", "thing");
                 });
    });
    fetch(t.endpoint(), Verb::get, "/v1/things/t-1?x=1");
    fetch(t.endpoint(), Verb::get, "/nope");
  }
  REQUIRE(lines.size() == 2);
  // A line is written once its response is, so the two may come in either order.
  nlohmann::json first = nlohmann::json::parse(lines[0]);
  nlohmann::json second = nlohmann::json::parse(lines[1]);
  if (first["target"] == "/nope") std::swap(first, second);
  CHECK(first["log"] == "access");
  CHECK(first["target"] == "/v1/things/t-1?x=1");
  CHECK(first["route"] == "/v1/things/{id}");
  CHECK(first["status"] == 200);
  CHECK(first["remote"].get<std::string>().rfind("127.0.0.1:", 0) == 0);
  CHECK(second["target"] == "/nope");
  CHECK(second["route"] == "unmatched");
}

}  // namespace
}  // namespace thidua::http::testing
