#include "bench_append.hpp"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <iostream>
#include <thread>

#include "args.hpp"
#include "thidua/store/rocksdb_event_store.hpp"
#include "thidua/util/uuid.hpp"

namespace thidua::cli {
namespace {

using Clock = std::chrono::steady_clock;

struct Options {
  std::uint64_t events = 200000;
  std::uint64_t concurrency = 64;
  std::uint64_t batch = 1;      // events per append
  std::uint64_t payload = 300;  // approximate bytes of each event's data
  std::string data;             // empty: a temporary directory, removed afterwards
};

constexpr char kUsage[] =
    "usage: thidua bench append [--events N] [--concurrency C] [--batch K] [--payload BYTES]\n"
    "                           [--data DIR]\n"
    "Appends N events from C threads, K events per durable append, to a RocksDB store\n"
    "(a fresh temporary one unless --data is given) and prints throughput and latency.\n";

ProposedEvent bench_event(std::uint64_t n, const std::string& pad) {
  ProposedEvent e;
  e.id = new_uuid();
  e.type = "vn.thidua.cluster.score_recorded.v1";
  e.subject = "cluster/cum-" + std::to_string(n % 50) + "/2024";
  e.source = "/thidua/bench";
  e.time = "2024-12-01T08:00:00Z";
  e.actor = "bench";
  e.data = R"({"criterion":"TC)" + std::to_string(n % 9 + 1) + R"(","points":)" +
           std::to_string(n % 100) + R"(,"note":")" + pad + "\"}";
  return e;
}

double percentile(const std::vector<double>& sorted, double p) {
  if (sorted.empty()) return 0;
  std::size_t i = static_cast<std::size_t>(p / 100.0 * static_cast<double>(sorted.size() - 1));
  return sorted[i];
}

int run(const Options& o, const std::filesystem::path& dir) {
  auto opened = RocksDbEventStore::open(dir);
  if (!opened) {
    std::cerr << "thidua bench: " << opened.status().to_string() << "\n";
    return 1;
  }
  EventStore& store = **opened;
  const std::string pad(o.payload > 60 ? o.payload - 60 : 1, 'x');
  std::atomic<std::uint64_t> next{0};
  std::atomic<bool> failed{false};
  std::vector<std::vector<double>> latencies(o.concurrency);
  auto start = Clock::now();
  std::vector<std::thread> threads;
  for (std::uint64_t t = 0; t < o.concurrency; ++t) {
    threads.emplace_back([&, t] {
      while (!failed) {
        std::uint64_t first = next.fetch_add(o.batch);
        if (first >= o.events) return;
        AppendRequest r;
        for (std::uint64_t n = first; n < std::min(first + o.batch, o.events); ++n) {
          r.events.push_back(bench_event(n, pad));
        }
        auto t0 = Clock::now();
        auto result = store.append(std::move(r));
        latencies[t].push_back(
            std::chrono::duration<double, std::micro>(Clock::now() - t0).count());
        if (!result) {
          std::cerr << "thidua bench: " << result.status().to_string() << "\n";
          failed = true;
        }
      }
    });
  }
  for (auto& t : threads) t.join();
  double seconds = std::chrono::duration<double>(Clock::now() - start).count();
  if (failed) return 1;
  std::vector<double> all;
  for (auto& l : latencies) all.insert(all.end(), l.begin(), l.end());
  std::sort(all.begin(), all.end());
  std::printf(
      "bench append: %llu events, %llu appenders, %llu events/append, ~%llu-byte data, durable\n"
      "  %.0f events/s, %.0f appends/s in %.2f s\n"
      "  latency per append: p50 %.0f us, p99 %.0f us, p99.9 %.0f us, max %.0f us\n",
      static_cast<unsigned long long>(o.events), static_cast<unsigned long long>(o.concurrency),
      static_cast<unsigned long long>(o.batch), static_cast<unsigned long long>(o.payload),
      static_cast<double>(o.events) / seconds, static_cast<double>(all.size()) / seconds, seconds,
      percentile(all, 50), percentile(all, 99), percentile(all, 99.9), all.back());
  return 0;
}

}  // namespace

int bench_append(const std::vector<std::string>& args) {
  Options o;
  if (!args.empty() && (args[0] == "--help" || args[0] == "-h")) {
    std::cout << kUsage;
    return 0;
  }
  ArgParser p(args, kUsage);
  while (p.more()) {
    if (p.take_uint("--events", o.events, 1) || p.take_uint("--concurrency", o.concurrency, 1) ||
        p.take_uint("--batch", o.batch, 1) || p.take_uint("--payload", o.payload, 1) ||
        p.take_string("--data", o.data)) {
      continue;
    }
    return p.fail();
  }
  if (p.failed()) return 2;
  if (!o.data.empty()) return run(o, o.data);
  std::filesystem::path dir =
      std::filesystem::temp_directory_path() / ("thidua-bench-" + new_uuid());
  int status = run(o, dir);
  std::error_code ec;
  std::filesystem::remove_all(dir, ec);
  return status;
}

}  // namespace thidua::cli
