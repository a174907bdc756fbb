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
#include "thidua/http/metrics.hpp"
#include "thidua/http/metrics_route.hpp"

namespace thidua::http::testing {
namespace {

TEST_CASE("Metrics renders the text exposition format", "[metrics]") {
  Metrics m;
  CounterFamily& requests = m.counter("test_requests_total", "Requests.", {"route", "status"});
  requests.with({"/b", "200"}).add(2);
  requests.with({"/a", "404"}).add();
  requests.with({"/a", "200"}).add(0.5);
  m.gauge("test_open", "Open things.").get().set(3);
  m.gauge_callback("test_head", "The head.", [] { return 42.0; });
  m.histogram("test_seconds", "Durations.", {0.1, 1}).get().observe(0.05);
  m.counter("test_unused_total", "Never counted.", {"kind"});  // no series: not rendered
  m.add_collector([](MetricWriter& w) {
    w.family("test_store_bytes", "Bytes on disk.", MetricType::kGauge);
    w.sample("test_store_bytes", {{"part", "log"}}, 1024);
  });
  CHECK(m.render() ==
        "# HELP test_requests_total Requests.\n"
        "# TYPE test_requests_total counter\n"
        "test_requests_total{route=\"/a\",status=\"200\"} 0.5\n"
        "test_requests_total{route=\"/a\",status=\"404\"} 1\n"
        "test_requests_total{route=\"/b\",status=\"200\"} 2\n"
        "# HELP test_open Open things.\n"
        "# TYPE test_open gauge\n"
        "test_open 3\n"
        "# HELP test_head The head.\n"
        "# TYPE test_head gauge\n"
        "test_head 42\n"
        "# HELP test_seconds Durations.\n"
        "# TYPE test_seconds histogram\n"
        "test_seconds_bucket{le=\"0.1\"} 1\n"
        "test_seconds_bucket{le=\"1\"} 1\n"
        "test_seconds_bucket{le=\"+Inf\"} 1\n"
        "test_seconds_sum 0.05\n"
        "test_seconds_count 1\n"
        "# HELP test_store_bytes Bytes on disk.\n"
        "# TYPE test_store_bytes gauge\n"
        "test_store_bytes{part=\"log\"} 1024\n");
}

TEST_CASE("Metrics escapes label values and help texts", "[metrics]") {
  Metrics m;
  m.counter("test_total", "Help with \\ and\nnewline; \"quotes\" stay.", {"v"})
      .with({"a\\b \"c\"\nd"})
      .add();
  CHECK(m.render() ==
        "# HELP test_total Help with \\\\ and\\nnewline; \"quotes\" stay.\n"
        "# TYPE test_total counter\n"
        "test_total{v=\"a\\\\b \\\"c\\\"\\nd\"} 1\n");
}

TEST_CASE("Histogram buckets are cumulative, bounds inclusive, the rest in +Inf", "[metrics]") {
  Metrics m;
  Histogram& h = m.histogram("test_h", "H.", {1, 2, 5}, {"route"}).with({"/x"});
  for (double v : {0.5, 1.0, 1.5, 2.0, 2.5, 7.0, 100.0}) h.observe(v);
  CHECK(m.render() ==
        "# HELP test_h H.\n"
        "# TYPE test_h histogram\n"
        "test_h_bucket{route=\"/x\",le=\"1\"} 2\n"
        "test_h_bucket{route=\"/x\",le=\"2\"} 4\n"
        "test_h_bucket{route=\"/x\",le=\"5\"} 5\n"
        "test_h_bucket{route=\"/x\",le=\"+Inf\"} 7\n"
        "test_h_sum{route=\"/x\"} 114.5\n"
        "test_h_count{route=\"/x\"} 7\n");
}

TEST_CASE("default duration buckets run from 0.0001 s to 10 s", "[metrics]") {
  Metrics m;
  m.histogram("test_d", "D.", default_duration_buckets()).get().observe(0.003);
  std::string text = m.render();
  CHECK(text.find("test_d_bucket{le=\"0.0001\"} 0\n") != std::string::npos);
  CHECK(text.find("test_d_bucket{le=\"0.0025\"} 0\n") != std::string::npos);
  CHECK(text.find("test_d_bucket{le=\"0.005\"} 1\n") != std::string::npos);
  CHECK(text.find("test_d_bucket{le=\"10\"} 1\n") != std::string::npos);
  CHECK(text.find("test_d_bucket{le=\"+Inf\"} 1\n") != std::string::npos);
}

TEST_CASE("metric values are formatted as Prometheus reads them", "[metrics]") {
  CHECK(format_metric_value(0) == "0");
  CHECK(format_metric_value(42) == "42");
  CHECK(format_metric_value(-3) == "-3");
  CHECK(format_metric_value(0.25) == "0.25");
  CHECK(format_metric_value(0.0001) == "0.0001");
  CHECK(format_metric_value(1e-7) == "1e-07");
  CHECK(format_metric_value(1e300) == "1e+300");
  CHECK(format_metric_value(std::numeric_limits<double>::infinity()) == "+Inf");
  CHECK(format_metric_value(-std::numeric_limits<double>::infinity()) == "-Inf");
  CHECK(format_metric_value(std::nan("")) == "NaN");
}

TEST_CASE("registering a family again returns the same family", "[metrics]") {
  Metrics m;
  CounterFamily& a = m.counter("test_total", "T.", {"x"});
  CounterFamily& b = m.counter("test_total", "T.", {"x"});
  CHECK(&a == &b);
  a.with({"1"}).add();
  b.with({"1"}).add();
  CHECK(a.with({"1"}).value() == 2);
}

TEST_CASE("counters and gauges are exact under concurrent updates", "[metrics]") {
  Metrics m;
  CounterFamily& family = m.counter("test_total", "T.", {"thread"});
  Gauge& gauge = m.gauge("test_g", "G.").get();
  Histogram& h = m.histogram("test_h", "H.", {1}).get();
  constexpr int kThreads = 8;
  constexpr int kAdds = 20000;
  std::vector<std::thread> threads;
  for (int i = 0; i < kThreads; ++i) {
    threads.emplace_back([&, i] {
      for (int n = 0; n < kAdds; ++n) {
        family.with({"shared"}).add();
        family.with({std::to_string(i % 2)}).add();
        gauge.add(1);
        h.observe(n % 2 == 0 ? 0.5 : 2);
        if (n % 1000 == 0) (void)m.render();  // scrapes while counting
      }
    });
  }
  for (std::thread& t : threads) t.join();
  CHECK(family.with({"shared"}).value() == kThreads * kAdds);
  CHECK(family.with({"0"}).value() == kThreads * kAdds / 2);
  CHECK(gauge.value() == kThreads * kAdds);
  Histogram::Snapshot s = h.snapshot();
  CHECK(s.cumulative[0] == kThreads * kAdds / 2);
  CHECK(s.cumulative[1] == kThreads * kAdds);
  CHECK(s.sum == kThreads * kAdds / 2 * 2.5);
}

TEST_CASE("a removed collector is no longer called", "[metrics]") {
  Metrics m;
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
  Metrics metrics;
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
  Metrics metrics;
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
