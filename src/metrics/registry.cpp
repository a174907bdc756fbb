#include "thidua/metrics/registry.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <set>
#include <utility>

namespace thidua {
namespace {

[[noreturn]] void bad_metric(std::string_view name, std::string_view why) {
  std::fprintf(stderr, "fatal: metric '%.*s': %.*s\n", static_cast<int>(name.size()), name.data(),
               static_cast<int>(why.size()), why.data());
  std::abort();
}

bool is_name_char(char c, bool first, bool colon) {
  bool letter = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || (colon && c == ':');
  return letter || (!first && c >= '0' && c <= '9');
}

bool is_valid_name(std::string_view name, bool colon) {
  if (name.empty()) return false;
  for (std::size_t i = 0; i < name.size(); ++i) {
    if (!is_name_char(name[i], i == 0, colon)) return false;
  }
  return true;
}

void check_metric_name(std::string_view name) {
  if (!is_valid_name(name, true)) bad_metric(name, "not a valid metric name");
}

void check_label_names(std::string_view metric, const std::vector<std::string>& labels) {
  std::set<std::string_view> seen;
  for (const std::string& label : labels) {
    if (!is_valid_name(label, false) || label.rfind("__", 0) == 0) {
      bad_metric(metric, "'" + label + "' is not a valid label name");
    }
    if (!seen.insert(label).second) bad_metric(metric, "label '" + label + "' given twice");
  }
}

void check_bounds(std::string_view metric, const std::vector<double>& bounds) {
  if (bounds.empty()) bad_metric(metric, "a histogram needs at least one bucket");
  for (std::size_t i = 0; i < bounds.size(); ++i) {
    if (!std::isfinite(bounds[i])) bad_metric(metric, "bucket bounds must be finite");
    if (i > 0 && bounds[i] <= bounds[i - 1]) {
      bad_metric(metric, "bucket bounds must be strictly increasing");
    }
  }
}

// Help text escapes '\' and newline; label values also '"'.
void append_escaped(std::string& out, std::string_view text, bool quote) {
  for (char c : text) {
    if (c == '\\') {
      out += "\\\\";
    } else if (c == '\n') {
      out += "\\n";
    } else if (quote && c == '"') {
      out += "\\\"";
    } else {
      out += c;
    }
  }
}

std::string_view type_name(MetricType type) {
  switch (type) {
    case MetricType::kCounter:
      return "counter";
    case MetricType::kGauge:
      return "gauge";
    case MetricType::kHistogram:
      return "histogram";
  }
  return "untyped";
}

Labels zip_labels(const std::vector<std::string>& names, const std::vector<std::string>& values) {
  Labels labels;
  for (std::size_t i = 0; i < names.size(); ++i) labels.emplace_back(names[i], values[i]);
  return labels;
}

template <typename Metric>
void write_simple_family(MetricWriter& w, const Family<Metric>& family, MetricType type) {
  auto series = family.series();
  if (series.empty()) return;
  w.family(family.name(), family.help(), type);
  for (const auto& [values, metric] : series) {
    w.sample(family.name(), zip_labels(family.label_names(), values), metric->value());
  }
}

void write_histogram_family(MetricWriter& w, const HistogramFamily& family) {
  auto series = family.series();
  if (series.empty()) return;
  w.family(family.name(), family.help(), MetricType::kHistogram);
  const std::string bucket = family.name() + "_bucket";
  for (const auto& [values, histogram] : series) {
    Labels labels = zip_labels(family.label_names(), values);
    Histogram::Snapshot s = histogram->snapshot();
    labels.emplace_back("le", "");
    for (std::size_t i = 0; i <= s.bounds.size(); ++i) {
      labels.back().second = i < s.bounds.size() ? format_metric_value(s.bounds[i]) : "+Inf";
      w.sample(bucket, labels, static_cast<double>(s.cumulative[i]));
    }
    labels.pop_back();
    w.sample(family.name() + "_sum", labels, s.sum);
    w.sample(family.name() + "_count", labels, static_cast<double>(s.cumulative.back()));
  }
}

}  // namespace

void Counter::add(double amount) noexcept {
  if (!(amount >= 0)) return;
  value_.fetch_add(amount, std::memory_order_relaxed);
}

Histogram::Histogram(std::vector<double> bounds)
    : bounds_(std::move(bounds)),
      counts_(std::make_unique<std::atomic<std::uint64_t>[]>(bounds_.size() + 1)) {}

void Histogram::observe(double value) noexcept {
  auto it = std::lower_bound(bounds_.begin(), bounds_.end(), value);
  std::size_t index = static_cast<std::size_t>(it - bounds_.begin());
  counts_[index].fetch_add(1, std::memory_order_relaxed);
  sum_.fetch_add(value, std::memory_order_relaxed);
}

Histogram::Snapshot Histogram::snapshot() const {
  Snapshot s;
  s.bounds = bounds_;
  std::uint64_t total = 0;
  for (std::size_t i = 0; i <= bounds_.size(); ++i) {
    total += counts_[i].load(std::memory_order_relaxed);
    s.cumulative.push_back(total);
  }
  s.sum = sum_.load(std::memory_order_relaxed);
  return s;
}

template <typename Metric>
Family<Metric>::Family(std::string name, std::string help, std::vector<std::string> label_names,
                       std::function<std::unique_ptr<Metric>()> make)
    : name_(std::move(name)),
      help_(std::move(help)),
      label_names_(std::move(label_names)),
      make_(std::move(make)) {}

template <typename Metric>
Metric& Family<Metric>::with(const std::vector<std::string>& label_values) {
  if (label_values.size() != label_names_.size()) {
    bad_metric(name_, "wrong number of label values");
  }
  std::lock_guard lock(mu_);
  auto it = series_.find(label_values);
  if (it == series_.end()) it = series_.emplace(label_values, make_()).first;
  return *it->second;
}

template <typename Metric>
std::vector<std::pair<std::vector<std::string>, const Metric*>> Family<Metric>::series() const {
  std::vector<std::pair<std::vector<std::string>, const Metric*>> out;
  std::lock_guard lock(mu_);
  out.reserve(series_.size());
  for (const auto& [values, metric] : series_) out.emplace_back(values, metric.get());
  return out;
}

template class Family<Counter>;
template class Family<Gauge>;
template class Family<Histogram>;

void MetricWriter::family(std::string_view name, std::string_view help, MetricType type) {
  check_metric_name(name);
  out_ += "# HELP ";
  out_ += name;
  out_ += ' ';
  append_escaped(out_, help, false);
  out_ += "\n# TYPE ";
  out_ += name;
  out_ += ' ';
  out_ += type_name(type);
  out_ += '\n';
}

void MetricWriter::sample(std::string_view name, const Labels& labels, double value) {
  check_metric_name(name);
  out_ += name;
  for (std::size_t i = 0; i < labels.size(); ++i) {
    const auto& [label, text] = labels[i];
    if (!is_valid_name(label, false)) bad_metric(name, "'" + label + "' is not a valid label name");
    out_ += i == 0 ? '{' : ',';
    out_ += label;
    out_ += "=\"";
    append_escaped(out_, text, true);
    out_ += '"';
  }
  if (!labels.empty()) out_ += '}';
  out_ += ' ';
  out_ += format_metric_value(value);
  out_ += '\n';
}

enum class MetricRegistry::Kind : int { kCounter, kGauge, kGaugeCallback, kHistogram };

struct MetricRegistry::Entry {
  Kind kind = Kind::kCounter;
  std::string name;
  std::vector<std::string> labels;
  std::vector<double> bounds;
  std::unique_ptr<CounterFamily> counter;
  std::unique_ptr<GaugeFamily> gauge;
  std::unique_ptr<HistogramFamily> histogram;
  std::string help;              // of a gauge callback
  std::function<double()> read;  // of a gauge callback
};

struct MetricRegistry::CollectorSlot {
  std::uint64_t id = 0;
  std::mutex run_mu;     // held while the collector runs, so removal waits for it
  bool removed = false;  // guarded by run_mu
  Collector collect;
};

MetricRegistry::Entry MetricRegistry::new_entry(Kind kind, std::string_view name,
                                                const std::vector<std::string>& labels,
                                                const std::vector<double>& bounds) {
  Entry e;
  e.kind = kind;
  e.name = std::string(name);
  e.labels = labels;
  e.bounds = bounds;
  return e;
}

MetricRegistry::MetricRegistry() = default;
MetricRegistry::~MetricRegistry() = default;

MetricRegistry::Entry& MetricRegistry::entry(std::string_view name, Kind kind,
                                             const std::vector<std::string>& labels,
                                             const std::vector<double>& bounds,
                                             const std::function<Entry()>& make) {
  check_metric_name(name);
  check_label_names(name, labels);
  std::lock_guard lock(mu_);
  for (auto& e : entries_) {
    if (e->name != name) continue;
    // A callback cannot be shared: the second one would be silently ignored.
    if (e->kind != kind || kind == Kind::kGaugeCallback || e->labels != labels ||
        e->bounds != bounds) {
      bad_metric(name, "registered twice, differently");
    }
    return *e;
  }
  entries_.push_back(std::make_unique<Entry>(make()));
  return *entries_.back();
}

CounterFamily& MetricRegistry::counter(std::string_view name, std::string_view help,
                                       std::vector<std::string> label_names) {
  Entry& e = entry(name, Kind::kCounter, label_names, {}, [&] {
    Entry made = new_entry(Kind::kCounter, name, label_names, {});
    made.counter =
        std::make_unique<CounterFamily>(std::string(name), std::string(help), label_names,
                                        [] { return std::make_unique<Counter>(); });
    if (label_names.empty()) made.counter->get();
    return made;
  });
  return *e.counter;
}

GaugeFamily& MetricRegistry::gauge(std::string_view name, std::string_view help,
                                   std::vector<std::string> label_names) {
  Entry& e = entry(name, Kind::kGauge, label_names, {}, [&] {
    Entry made = new_entry(Kind::kGauge, name, label_names, {});
    made.gauge = std::make_unique<GaugeFamily>(std::string(name), std::string(help), label_names,
                                               [] { return std::make_unique<Gauge>(); });
    if (label_names.empty()) made.gauge->get();
    return made;
  });
  return *e.gauge;
}

HistogramFamily& MetricRegistry::histogram(std::string_view name, std::string_view help,
                                           std::vector<double> bounds,
                                           std::vector<std::string> label_names) {
  check_bounds(name, bounds);
  for (const std::string& label : label_names) {
    if (label == "le") bad_metric(name, "a histogram may not have a label 'le'");
  }
  Entry& e = entry(name, Kind::kHistogram, label_names, bounds, [&] {
    Entry made = new_entry(Kind::kHistogram, name, label_names, bounds);
    made.histogram =
        std::make_unique<HistogramFamily>(std::string(name), std::string(help), label_names,
                                          [bounds] { return std::make_unique<Histogram>(bounds); });
    if (label_names.empty()) made.histogram->get();
    return made;
  });
  return *e.histogram;
}

void MetricRegistry::gauge_callback(std::string_view name, std::string_view help,
                                    std::function<double()> read) {
  entry(name, Kind::kGaugeCallback, {}, {}, [&] {
    Entry made = new_entry(Kind::kGaugeCallback, name, {}, {});
    made.help = std::string(help);
    made.read = read;
    return made;
  });
}

std::uint64_t MetricRegistry::add_collector(Collector collector) {
  auto slot = std::make_shared<CollectorSlot>();
  slot->collect = std::move(collector);
  std::lock_guard lock(mu_);
  slot->id = next_collector_id_++;
  collectors_.push_back(slot);
  return slot->id;
}

void MetricRegistry::remove_collector(std::uint64_t id) {
  std::shared_ptr<CollectorSlot> slot;
  {
    std::lock_guard lock(mu_);
    auto it = std::find_if(collectors_.begin(), collectors_.end(),
                           [id](const auto& s) { return s->id == id; });
    if (it == collectors_.end()) return;
    slot = *it;
    collectors_.erase(it);
  }
  std::lock_guard run(slot->run_mu);
  slot->removed = true;
}

std::string MetricRegistry::render() const {
  std::vector<const Entry*> entries;
  std::vector<std::shared_ptr<CollectorSlot>> collectors;
  {
    // Entries are never removed and their addresses are stable, so they can be read unlocked.
    std::lock_guard lock(mu_);
    for (const auto& e : entries_) entries.push_back(e.get());
    collectors = collectors_;
  }
  MetricWriter w;
  for (const Entry* e : entries) {
    switch (e->kind) {
      case Kind::kCounter:
        write_simple_family(w, *e->counter, MetricType::kCounter);
        break;
      case Kind::kGauge:
        write_simple_family(w, *e->gauge, MetricType::kGauge);
        break;
      case Kind::kGaugeCallback:
        w.family(e->name, e->help, MetricType::kGauge);
        w.sample(e->name, {}, e->read());
        break;
      case Kind::kHistogram:
        write_histogram_family(w, *e->histogram);
        break;
    }
  }
  for (const auto& slot : collectors) {
    std::lock_guard run(slot->run_mu);
    if (!slot->removed) slot->collect(w);
  }
  return w.text();
}

std::string format_metric_value(double value) {
  if (std::isnan(value)) return "NaN";
  if (std::isinf(value)) return value > 0 ? "+Inf" : "-Inf";
  char buf[64];
  std::to_chars_result r;
  // Integers below 2^53 are exact in a double; print them without a fraction or an exponent.
  if (value == std::trunc(value) && std::fabs(value) < 9007199254740992.0) {
    r = std::to_chars(buf, buf + sizeof buf, static_cast<long long>(value));
  } else {
    r = std::to_chars(buf, buf + sizeof buf, value, std::chars_format::general);
  }
  return std::string(buf, r.ptr);
}

const std::vector<double>& default_duration_buckets() {
  static const std::vector<double> buckets = {0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005,
                                              0.01,   0.025,   0.05,   0.1,   0.25,   0.5,
                                              1,      2.5,     5,      10};
  return buckets;
}

ScopedCollector::ScopedCollector(MetricRegistry* registry, Collector collector)
    : registry_(registry) {
  if (registry_ != nullptr) id_ = registry_->add_collector(std::move(collector));
}

ScopedCollector::~ScopedCollector() {
  if (registry_ != nullptr) registry_->remove_collector(id_);
}

ScopedCollector::ScopedCollector(ScopedCollector&& other) noexcept
    : registry_(std::exchange(other.registry_, nullptr)), id_(other.id_) {}

ScopedCollector& ScopedCollector::operator=(ScopedCollector&& other) noexcept {
  if (this != &other) {
    if (registry_ != nullptr) registry_->remove_collector(id_);
    registry_ = std::exchange(other.registry_, nullptr);
    id_ = other.id_;
  }
  return *this;
}

}  // namespace thidua
