#include "node_metrics.hpp"

#include <array>
#include <cstdint>
#include <sstream>
#include <string>
#include <string_view>

namespace thidua::node::internal {
namespace {

using http::MetricType;
using http::MetricWriter;

std::string bound_label(double bound) {
  std::ostringstream text;
  text << bound;
  return text.str();
}

// Writes a histogram family from non-cumulative buckets (the last one above every bound).
template <std::size_t N, std::size_t M>
void write_histogram(MetricWriter& w, const std::string& name, std::string_view help,
                     const std::array<double, N>& bounds,
                     const std::array<std::uint64_t, M>& buckets, double sum) {
  w.family(name, help, MetricType::kHistogram);
  std::uint64_t seen = 0;
  for (std::size_t i = 0; i < N; ++i) {
    seen += buckets[i];
    w.sample(name + "_bucket", {{"le", bound_label(bounds[i])}}, static_cast<double>(seen));
  }
  seen += buckets[N];
  w.sample(name + "_bucket", {{"le", "+Inf"}}, static_cast<double>(seen));
  w.sample(name + "_sum", {}, sum);
  w.sample(name + "_count", {}, static_cast<double>(seen));
}

void write_writer(MetricWriter& w, const RocksDbEventStore& store) {
  const WriterStats s = store.writer_stats();
  w.family("thidua_appends_total", "Append requests written durably", MetricType::kCounter);
  w.sample("thidua_appends_total", {}, static_cast<double>(s.requests));
  w.family("thidua_appended_events_total", "Events written durably", MetricType::kCounter);
  w.sample("thidua_appended_events_total", {}, static_cast<double>(s.events));
  write_histogram(w, "thidua_group_commit_requests",
                  "Append requests per synced write (group commit)", WriterStats::kGroupBounds,
                  s.group_requests, s.group_requests_sum);
  write_histogram(w, "thidua_fsync_seconds", "Time of each synced write", WriterStats::kSyncBounds,
                  s.sync_seconds, s.sync_seconds_sum);
}

void write_log(MetricWriter& w, const EventStore& store, const projections::Projector& projector) {
  w.family("thidua_log_events", "Events in the log (its head)", MetricType::kGauge);
  w.sample("thidua_log_events", {}, static_cast<double>(store.head()));
  const std::uint64_t applied = projector.applied();
  const std::uint64_t head = store.head();
  w.family("thidua_projection_lag_events", "Events in the log not yet in the projections",
           MetricType::kGauge);
  w.sample("thidua_projection_lag_events", {},
           static_cast<double>(head > applied ? head - applied : 0));
  auto checkpoint = store.latest_checkpoint();
  w.family("thidua_checkpoint_tree_size", "Tree size of the newest signed checkpoint",
           MetricType::kGauge);
  w.sample("thidua_checkpoint_tree_size", {},
           checkpoint.is_ok() && *checkpoint ? static_cast<double>((*checkpoint)->tree_size) : 0.0);
}

void write_commands(MetricWriter& w, const app::CommandService& commands) {
  const app::CommandStats c = commands.stats();
  w.family("thidua_commands_total", "Command requests by outcome", MetricType::kCounter);
  w.sample("thidua_commands_total", {{"outcome", "accepted"}}, static_cast<double>(c.accepted));
  w.sample("thidua_commands_total", {{"outcome", "refused"}}, static_cast<double>(c.refused));
  w.sample("thidua_commands_total", {{"outcome", "replayed"}}, static_cast<double>(c.replayed));
  w.family("thidua_commands_ready", "1 while commands are taken", MetricType::kGauge);
  w.sample("thidua_commands_ready", {}, commands.ready() ? 1.0 : 0.0);
}

void write_answers(MetricWriter& w, const projections::AnswerCache& answers) {
  const projections::AnswerCache::Stats s = answers.stats();
  w.family("thidua_as_of_answers_total",
           "As-of answers given: from memory, read from a kept version, or folded from the log",
           MetricType::kCounter);
  w.sample("thidua_as_of_answers_total", {{"source", "memory"}},
           static_cast<double>(s.from_memory));
  w.sample("thidua_as_of_answers_total", {{"source", "version"}},
           static_cast<double>(s.from_versions));
  w.sample("thidua_as_of_answers_total", {{"source", "log"}}, static_cast<double>(s.folded));
  w.family("thidua_as_of_cache_bytes", "Memory taken by the as-of answers kept",
           MetricType::kGauge);
  w.sample("thidua_as_of_cache_bytes", {}, static_cast<double>(s.bytes));
}

}  // namespace

void add_node_metrics(http::Metrics& metrics, const EventStore& store,
                      const RocksDbEventStore* rocksdb, const projections::Projector& projector,
                      const app::CommandService& commands,
                      std::shared_ptr<const projections::AnswerCache> answers) {
  metrics.add_collector([&store, rocksdb, &projector, &commands](MetricWriter& w) {
    if (rocksdb != nullptr) write_writer(w, *rocksdb);
    write_log(w, store, projector);
    write_commands(w, commands);
  });
  metrics.add_collector(
      [answers = std::move(answers)](MetricWriter& w) { write_answers(w, *answers); });
}

}  // namespace thidua::node::internal
