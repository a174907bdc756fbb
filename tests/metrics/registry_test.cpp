#include <chrono>
#include <cmath>
#include <limits>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include <catch2/catch.hpp>

#include "thidua/metrics/registry.hpp"

namespace thidua {
namespace {

TEST_CASE("MetricRegistry renders the text exposition format", "[metrics]") {
  MetricRegistry m;
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

TEST_CASE("MetricRegistry escapes label values and help texts", "[metrics]") {
  MetricRegistry m;
  m.counter("test_total", "Help with \\ and\nnewline; \"quotes\" stay.", {"v"})
      .with({"a\\b \"c\"\nd"})
      .add();
  CHECK(m.render() ==
        "# HELP test_total Help with \\\\ and\\nnewline; \"quotes\" stay.\n"
        "# TYPE test_total counter\n"
        "test_total{v=\"a\\\\b \\\"c\\\"\\nd\"} 1\n");
}

TEST_CASE("Histogram buckets are cumulative, bounds inclusive, the rest in +Inf", "[metrics]") {
  MetricRegistry m;
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
  MetricRegistry m;
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
  MetricRegistry m;
  CounterFamily& a = m.counter("test_total", "T.", {"x"});
  CounterFamily& b = m.counter("test_total", "T.", {"x"});
  CHECK(&a == &b);
  a.with({"1"}).add();
  b.with({"1"}).add();
  CHECK(a.with({"1"}).value() == 2);
}

TEST_CASE("counters and gauges are exact under concurrent updates", "[metrics]") {
  MetricRegistry m;
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

TEST_CASE("a scoped collector runs while it lives, and its move keeps it once", "[metrics]") {
  MetricRegistry m;
  int calls = 0;
  const Collector count = [&](MetricWriter& w) {
    ++calls;
    w.family("test_scoped", "Scoped.", MetricType::kGauge);
    w.sample("test_scoped", {}, 1);
  };
  {
    ScopedCollector first(&m, count);
    ScopedCollector second = std::move(first);
    CHECK(m.render().find("test_scoped 1\n") != std::string::npos);
    CHECK(calls == 1);
    ScopedCollector third(&m, count);
    third = std::move(second);  // the collector third held is removed
    (void)m.render();
    CHECK(calls == 2);
  }
  CHECK(m.render().find("test_scoped") == std::string::npos);
  CHECK(calls == 2);
  ScopedCollector none(nullptr, count);  // no registry: nothing happens
  CHECK(calls == 2);
}

}  // namespace
}  // namespace thidua
