// MetricRegistry: a registry of counters, gauges and histograms, rendered in the Prometheus text
// exposition format 0.0.4.
//
// A metric family has a name, a help text, a type and the names of its labels; each distinct
// list of label values is one series. Families are created once (usually at start) and live as
// long as the registry; series are created on first use and are never removed, so label values
// must come from a bounded set (a route pattern, a method, a status code; never a raw path or
// an id). Output: families in the order they were registered, each with its "# HELP" and
// "# TYPE" lines, its series sorted by label values, then whatever the collectors add.
// Histograms have fixed upper bounds and are rendered with cumulative `_bucket{le="..."}`
// series ending with le="+Inf", then `_sum` and `_count`.
//
// Cost: updating a series is one atomic operation; finding a series by its label values takes
// the family's mutex for one map lookup (keep the returned reference to skip it). render()
// holds no lock while it formats: it copies the list of series under each family's mutex,
// then reads their atomics, so a scrape never stalls the code that counts.
//
// Thread-safety: every member of MetricRegistry, of the families and of the series may be called
// concurrently. References to families and series stay valid for the registry's lifetime.
#pragma once

#include <atomic>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace thidua {

// Label name and value pairs, e.g. {{"route", "/healthz"}}.
using Labels = std::vector<std::pair<std::string, std::string>>;

enum class MetricType { kCounter, kGauge, kHistogram };

// A value that only goes up (requests served, bytes written).
class Counter {
 public:
  // REQUIRES: amount >= 0 (a counter never goes down); a negative amount is ignored.
  void add(double amount = 1) noexcept;
  double value() const noexcept { return value_.load(std::memory_order_relaxed); }

 private:
  std::atomic<double> value_{0};
};

// A value that goes up and down (open connections).
class Gauge {
 public:
  void set(double value) noexcept { value_.store(value, std::memory_order_relaxed); }
  void add(double amount) noexcept { value_.fetch_add(amount, std::memory_order_relaxed); }
  double value() const noexcept { return value_.load(std::memory_order_relaxed); }

 private:
  std::atomic<double> value_{0};
};

// Observations counted into buckets by upper bound (request durations).
class Histogram {
 public:
  // REQUIRES: `bounds` strictly increasing and finite (MetricRegistry::histogram checks).
  explicit Histogram(std::vector<double> bounds);

  // Counts `value` in the first bucket whose bound is >= value (or only in +Inf).
  void observe(double value) noexcept;

  struct Snapshot {
    std::vector<double> bounds;
    std::vector<std::uint64_t> cumulative;  // one per bound, then the +Inf bucket (= count)
    double sum = 0;
  };
  // The counts so far. The +Inf bucket is the total count, so _count and the buckets always
  // agree; `sum` may be a few observations apart from them under concurrent updates.
  Snapshot snapshot() const;

 private:
  const std::vector<double> bounds_;
  std::unique_ptr<std::atomic<std::uint64_t>[]> counts_;  // bounds_.size() + 1, not cumulative
  std::atomic<double> sum_{0};
};

// The series of one family, by label values. Metric is Counter, Gauge or Histogram.
template <typename Metric>
class Family {
 public:
  // The series with these label values (one per label name, in the same order), created at
  // zero on first use. REQUIRES: as many values as the family has label names; the process
  // stops with a message otherwise, as that is a programming error.
  Metric& with(const std::vector<std::string>& label_values);
  // The only series of a family without labels.
  Metric& get() { return with({}); }

  const std::string& name() const { return name_; }

  // Internal to the registry.
  Family(std::string name, std::string help, std::vector<std::string> label_names,
         std::function<std::unique_ptr<Metric>()> make);
  std::vector<std::pair<std::vector<std::string>, const Metric*>> series() const;
  const std::string& help() const { return help_; }
  const std::vector<std::string>& label_names() const { return label_names_; }

 private:
  const std::string name_;
  const std::string help_;
  const std::vector<std::string> label_names_;
  const std::function<std::unique_ptr<Metric>()> make_;
  mutable std::mutex mu_;
  std::map<std::vector<std::string>, std::unique_ptr<Metric>> series_;  // guarded by mu_
};

using CounterFamily = Family<Counter>;
using GaugeFamily = Family<Gauge>;
using HistogramFamily = Family<Histogram>;

// Builds exposition text for a collector: family headers and sample lines, with names checked
// and label values and help texts escaped as the format requires.
class MetricWriter {
 public:
  // "# HELP name help" and "# TYPE name type". REQUIRES: a valid metric name
  // ([a-zA-Z_:][a-zA-Z0-9_:]*), not already used by the registry or another collector.
  void family(std::string_view name, std::string_view help, MetricType type);
  // "name{labels} value". `name` is the family's name, or for a histogram that name with
  // "_bucket", "_sum" or "_count". REQUIRES: valid metric and label names
  // ([a-zA-Z_][a-zA-Z0-9_]*, not starting with "__").
  void sample(std::string_view name, const Labels& labels, double value);

  const std::string& text() const { return out_; }

 private:
  std::string out_;
};

// Appends its own families to a scrape. Called from render(), possibly concurrently; must not
// call back into the registry's registration functions.
using Collector = std::function<void(MetricWriter&)>;

class MetricRegistry {
 public:
  MetricRegistry();
  ~MetricRegistry();
  MetricRegistry(const MetricRegistry&) = delete;
  MetricRegistry& operator=(const MetricRegistry&) = delete;

  // The family of this name, registered on first call. Calling again with the same name, type
  // and label names returns the same family (so two servers may share a registry). REQUIRES:
  // valid names, distinct label names, and a name not registered with another type, other
  // labels or (histograms) other bounds; the process stops with a message otherwise.
  CounterFamily& counter(std::string_view name, std::string_view help,
                         std::vector<std::string> label_names = {});
  GaugeFamily& gauge(std::string_view name, std::string_view help,
                     std::vector<std::string> label_names = {});
  // REQUIRES additionally: `bounds` non-empty, finite and strictly increasing.
  HistogramFamily& histogram(std::string_view name, std::string_view help,
                             std::vector<double> bounds, std::vector<std::string> label_names = {});

  // A gauge without labels whose value `read` computes at each scrape (e.g. the store's head).
  // `read` is called without any registry lock held, possibly concurrently, and must stay
  // callable for the registry's lifetime. REQUIRES: as for gauge().
  void gauge_callback(std::string_view name, std::string_view help, std::function<double()> read);

  // Registers `collector`, called at each scrape after the registry's own families; returns an
  // id for remove_collector(). After remove_collector() returns, the collector is not running
  // and will not be called again, so it may then be destroyed.
  std::uint64_t add_collector(Collector collector);
  void remove_collector(std::uint64_t id);

  // The exposition text of every family and collector (text format 0.0.4, ending in '\n'
  // unless empty).
  std::string render() const;

 private:
  enum class Kind : int;
  struct Entry;
  struct CollectorSlot;

  // The entry named `name`, created by `make` when absent; checked against `kind`, `labels`
  // and `bounds` when present.
  static Entry new_entry(Kind kind, std::string_view name, const std::vector<std::string>& labels,
                         const std::vector<double>& bounds);
  Entry& entry(std::string_view name, Kind kind, const std::vector<std::string>& labels,
               const std::vector<double>& bounds, const std::function<Entry()>& make);

  mutable std::mutex mu_;
  std::vector<std::unique_ptr<Entry>> entries_;             // guarded by mu_; registration order
  std::vector<std::shared_ptr<CollectorSlot>> collectors_;  // guarded by mu_
  std::uint64_t next_collector_id_ = 1;                     // guarded by mu_
};

// A collector registered for as long as this object lives: a part that reports its own figures
// holds one as its last member, so that it is removed (and not running) before the part's
// other members are destroyed. With no registry it does nothing.
class ScopedCollector {
 public:
  ScopedCollector() = default;
  ScopedCollector(MetricRegistry* registry, Collector collector);
  ~ScopedCollector();
  ScopedCollector(ScopedCollector&& other) noexcept;
  ScopedCollector& operator=(ScopedCollector&& other) noexcept;
  ScopedCollector(const ScopedCollector&) = delete;
  ScopedCollector& operator=(const ScopedCollector&) = delete;

 private:
  MetricRegistry* registry_ = nullptr;
  std::uint64_t id_ = 0;
};

// The Prometheus text for a sample value: integers without a fraction ("42"), others in the
// shortest form that reads back exactly ("0.25", "1e-07"), "+Inf", "-Inf" or "NaN".
std::string format_metric_value(double value);

// The bounds of thidua_http_request_duration_seconds: 0.0001 s to 10 s.
const std::vector<double>& default_duration_buckets();

}  // namespace thidua
