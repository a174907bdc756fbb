// `thidua-bench http`: durable appends through a running thiduad's command API, from C
// keep-alive connections, with throughput, latency and the answers' statuses. Also the pieces
// `thidua-bench postgres` shares with it, so that both run the same workload: the same
// organizations registered, as single-event requests or batches of K, and the same report.
//
// Thread-safety: the functions are pure or take their own data; a LoadTally belongs to one
// thread until it is merged.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

namespace thidua::cli {

// Runs the benchmark with the arguments after "thidua-bench http"; returns the exit status.
int bench_http(const std::vector<std::string>& args);

// The organization registered by the workload's `n`th event (n counted from 0 across the run):
// a department (mostly), commune or agency of one of a fixed list of provinces, with an id
// unique per `tag` and `n` that the schema's Id pattern accepts.
struct BenchOrganization {
  std::string id;
  std::string name;
  std::string kind;
};
BenchOrganization bench_organization(std::uint64_t n, const std::string& tag);

// The RegisterOrganization command body of `o` (compact JSON, members in schema order).
std::string registration_body(const BenchOrganization& o);

// A short random tag (8 lowercase hex digits) that keeps one run's ids apart from another's.
std::string bench_tag();

// What one load thread saw: one latency per request in microseconds, and the outcomes of the
// requests that did not succeed, counted by a label ("409", "io", "23505", ...).
struct LoadTally {
  std::vector<double> latencies_us;
  std::uint64_t succeeded = 0;
  std::map<std::string, std::uint64_t> failures;
  std::string first_failure;  // the first failure's label and message
  void fail(const std::string& label, const std::string& message);
  void merge(LoadTally&& other);
};

// The shape of a run, for the report.
struct LoadShape {
  std::string name;  // "append_http", "append_postgres"
  std::uint64_t connections = 1;
  std::uint64_t requests = 0;
  std::uint64_t batch = 1;  // events per request
};

// CPU seconds (user + system) this process has used so far.
double process_cpu_seconds();

// Prints the report and its last line, machine-readable:
//   result NAME c=C k=K requests=N events=E secs=S requests_per_s=.. events_per_s=.. p50_ms=..
//     p99_ms=.. p999_ms=.. max_ms=.. failed=F client_cpu_s=..
// Rates count the successful requests only. `t` is sorted in place.
void print_load_report(const LoadShape& shape, LoadTally& t, double seconds,
                       double client_cpu_seconds);

}  // namespace thidua::cli
