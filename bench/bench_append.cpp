#include "bench_append.hpp"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdio>
#include <filesystem>
#include <iostream>
#include <mutex>
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
  std::uint64_t threads = 2;    // submitting threads, like a server's I/O threads
  std::string data;             // empty: a temporary directory, removed afterwards
};

constexpr char kUsage[] =
    "usage: thidua-bench append [--events N] [--concurrency C] [--threads T] [--batch K]\n"
    "                           [--payload BYTES] [--data DIR]\n"
    "Appends N events to a RocksDB store (a fresh temporary one unless --data is given),\n"
    "K events per durable append, keeping C appends in flight from T submitting threads\n"
    "(default 200000 events, C 64, T 2, K 1, 300 bytes), and prints throughput and latency.\n";

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

// One submitting thread and the appends it keeps in flight. Completions arrive on the store's
// writer thread and are handed back here, so encoding the next request never runs on the
// writer: the way a server's I/O threads use the store.
class Submitter {
 public:
  Submitter(EventStore& store, const Options& o, std::atomic<std::uint64_t>& next,
            std::atomic<bool>& failed)
      : store_(store),
        o_(o),
        next_(next),
        failed_(failed),
        pad_(o.payload > 60 ? o.payload - 60 : 1, 'x') {}

  void run(std::uint64_t in_flight) {
    for (std::uint64_t i = 0; i < in_flight; ++i) submit();
    std::unique_lock<std::mutex> lock(mu_);
    while (outstanding_ > 0) {
      cv_.wait(lock, [&] { return !done_.empty(); });
      std::vector<Clock::time_point> done;
      done.swap(done_);
      lock.unlock();
      auto now = Clock::now();
      for (auto t0 : done) {
        latencies_.push_back(std::chrono::duration<double, std::micro>(now - t0).count());
        submit();
      }
      lock.lock();
      outstanding_ -= done.size();
    }
  }

  const std::vector<double>& latencies() const { return latencies_; }

 private:
  void submit() {
    if (failed_) return;
    std::uint64_t first = next_.fetch_add(o_.batch);
    if (first >= o_.events) return;
    AppendRequest r;
    for (std::uint64_t n = first; n < std::min(first + o_.batch, o_.events); ++n) {
      r.events.push_back(bench_event(n, pad_));
    }
    {
      std::lock_guard<std::mutex> lock(mu_);
      ++outstanding_;
    }
    auto t0 = Clock::now();
    store_.append_async(std::move(r), [this, t0](Result<AppendResult> result) {
      if (!result) {
        std::cerr << "thidua-bench: " << result.status().to_string() << "\n";
        failed_ = true;
      }
      std::lock_guard<std::mutex> lock(mu_);
      done_.push_back(t0);
      cv_.notify_one();
    });
  }

  EventStore& store_;
  const Options& o_;
  std::atomic<std::uint64_t>& next_;
  std::atomic<bool>& failed_;
  const std::string pad_;
  std::mutex mu_;
  std::condition_variable cv_;
  std::vector<Clock::time_point> done_;  // guarded by mu_
  std::uint64_t outstanding_ = 0;        // guarded by mu_
  std::vector<double> latencies_;
};

int run(const Options& o, const std::filesystem::path& dir) {
  auto opened = RocksDbEventStore::open(dir);
  if (!opened) {
    std::cerr << "thidua-bench: " << opened.status().to_string() << "\n";
    return 1;
  }
  EventStore& store = **opened;
  std::atomic<std::uint64_t> next{0};
  std::atomic<bool> failed{false};
  const std::uint64_t threads = std::min(o.threads, o.concurrency);
  std::vector<std::unique_ptr<Submitter>> submitters;
  for (std::uint64_t t = 0; t < threads; ++t) {
    submitters.push_back(std::make_unique<Submitter>(store, o, next, failed));
  }
  auto start = Clock::now();
  std::vector<std::thread> running;
  for (std::uint64_t t = 0; t < threads; ++t) {
    std::uint64_t share = o.concurrency / threads + (t < o.concurrency % threads ? 1 : 0);
    running.emplace_back([&, t, share] { submitters[t]->run(share); });
  }
  for (auto& t : running) t.join();
  double seconds = std::chrono::duration<double>(Clock::now() - start).count();
  if (failed) return 1;
  std::vector<double> all;
  for (auto& s : submitters) all.insert(all.end(), s->latencies().begin(), s->latencies().end());
  std::sort(all.begin(), all.end());
  std::printf(
      "bench append: %llu events, %llu appends in flight from %llu threads, %llu events/append,\n"
      "  ~%llu-byte data, durable (synced write-ahead log)\n"
      "  %.0f events/s, %.0f appends/s in %.2f s\n"
      "  latency per append: p50 %.0f us, p99 %.0f us, p99.9 %.0f us, max %.0f us\n",
      static_cast<unsigned long long>(o.events), static_cast<unsigned long long>(o.concurrency),
      static_cast<unsigned long long>(threads), static_cast<unsigned long long>(o.batch),
      static_cast<unsigned long long>(o.payload), static_cast<double>(o.events) / seconds,
      static_cast<double>(all.size()) / seconds, seconds, percentile(all, 50), percentile(all, 99),
      percentile(all, 99.9), all.back());
  return 0;
}

}  // namespace

int bench_append(const std::vector<std::string>& args) {
  Options o;
  if (asked_for_help(args, kUsage)) return 0;
  ArgParser p(args, kUsage);
  while (p.more()) {
    if (p.take_uint("--events", o.events, 1) || p.take_uint("--concurrency", o.concurrency, 1) ||
        p.take_uint("--batch", o.batch, 1) || p.take_uint("--payload", o.payload, 1) ||
        p.take_uint("--threads", o.threads, 1) || p.take_string("--data", o.data)) {
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
