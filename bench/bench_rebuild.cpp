#include "bench_rebuild.hpp"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>

#include "args.hpp"
#include "progress.hpp"
#include "thidua/codec/state_snapshot.hpp"
#include "thidua/generator/history_generator.hpp"
#include "thidua/projections/projector.hpp"
#include "thidua/projections/views.hpp"
#include "thidua/store/rocksdb_event_store.hpp"

namespace thidua::cli {
namespace {

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

constexpr char kUsage[] =
    "usage: thidua-bench rebuild --data DIR [--events N] [--seed S] [--commit-events C]\n"
    "Generates a realistic history of N events (default 1000000) into the store in DIR when it\n"
    "holds fewer, then measures: reading the raw log, rebuilding every projection from\n"
    "position 0 (events/s), and a restart: opening the log and the projections until the\n"
    "first document is read, and until the domain state is loaded, with the memory used.\n"
    "--commit-events: the rebuild commits the documents every C events (default: the\n"
    "  projector's, 131072); 1 commits as a server taking one command at a time does, keeping\n"
    "  a version of each document at every change (for answers as of a position).\n";

double since(Clock::time_point start) {
  return std::chrono::duration<double>(Clock::now() - start).count();
}

// VmRSS and VmHWM of this process, in MiB.
std::pair<double, double> memory_mib() {
  std::ifstream status("/proc/self/status");
  std::string line;
  double rss = 0, peak = 0;
  while (std::getline(status, line)) {
    if (line.rfind("VmRSS:", 0) == 0) rss = std::stod(line.substr(6)) / 1024;
    if (line.rfind("VmHWM:", 0) == 0) peak = std::stod(line.substr(6)) / 1024;
  }
  return {rss, peak};
}

Status generate(const fs::path& dir, std::uint64_t events, std::uint64_t seed) {
  auto store = RocksDbEventStore::open(dir);
  if (!store) return store.status();
  if ((*store)->head() >= events) return Status::ok();
  if ((*store)->head() != 0) return Status::invalid_argument(dir.string() + " holds another log");
  generator::HistoryOptions options;
  options.events = events;
  options.seed = seed;
  const auto start = Clock::now();
  Status s = generator::generate_into(**store, options, 1000, [start](auto done, auto total) {
    if (done % 50000 < 1000) print_progress(done, total, start);
  });
  std::fputc('\n', stderr);
  std::printf("  generated %llu events in %.1f s\n",
              static_cast<unsigned long long>((*store)->head()), since(start));
  return s;
}

Status read_raw(const EventStore& store) {
  const auto start = Clock::now();
  std::uint64_t bytes = 0;
  for (std::uint64_t from = 0; from < store.head();) {
    auto batch = store.read_all(from, 8192);
    if (!batch) return batch.status();
    for (const RecordedEvent& e : batch->events) bytes += e.bytes.size();
    from = batch->next_position;
  }
  const double s = since(start);
  std::printf("  raw log read: %.0f events/s (%.1f MB/s)\n", static_cast<double>(store.head()) / s,
              static_cast<double>(bytes) / s / 1e6);
  return Status::ok();
}

Status rebuild(const EventStore& store, const fs::path& docs_dir, std::uint64_t commit_events) {
  fs::remove_all(docs_dir);
  auto docs = projections::DocumentStore::open(docs_dir);
  if (!docs) return docs.status();
  projections::ProjectorOptions options;
  // Below a batch, a commit every C events needs batches of C: a commit every event renders the
  // documents, and keeps their versions, as a server taking one command at a time does.
  options.batch_events = static_cast<std::size_t>(std::min<std::uint64_t>(8192, commit_events));
  options.commit_events = commit_events;
  projections::Projector projector(store, **docs, options);
  const auto start = Clock::now();
  auto done = projector.catch_up();
  if (!done) return done.status();
  const double s = since(start);
  std::printf("  rebuild: %.0f events/s (%llu events in %.1f s)\n", static_cast<double>(*done) / s,
              static_cast<unsigned long long>(*done), s);
  for (const std::string& name : projections::projection_names()) {
    auto all = (*docs)->scan(name + "/", "", SIZE_MAX);
    if (!all) return all.status();
    std::printf("    %-15s %zu documents\n", name.c_str(), all->size());
  }
  return Status::ok();
}

// A restart: how long until the first document can be read, and until the state is loaded.
Status restart(const fs::path& dir, const fs::path& docs_dir) {
  const auto start = Clock::now();
  auto store = RocksDbEventStore::open(dir);
  if (!store) return store.status();
  auto docs = projections::DocumentStore::open(docs_dir);
  if (!docs) return docs.status();
  projections::Projector projector(**store, **docs);
  auto first = (*docs)->scan("ranking/", "", 1);
  if (!first) return first.status();
  auto doc = projector.document(first->empty() ? "ranking/" : first->front().first);
  if (!doc) return doc.status();
  std::printf("  restart: first document read after %.3f s\n", since(start));
  if (Status s = projector.load(); !s.is_ok()) return s;
  auto [rss, peak] = memory_mib();
  std::printf(
      "  restart: domain state loaded after %.2f s (from the snapshot at %llu); RSS %.0f "
      "MiB (peak %.0f MiB)\n",
      since(start), static_cast<unsigned long long>(projector.loaded_from()), rss, peak);
  auto snapshot = (*docs)->snapshot();
  if (!snapshot) return snapshot.status();
  if (*snapshot) {
    const auto encode_start = Clock::now();
    const std::string bytes = projector.read(
        [](const domain::State& state, std::uint64_t) { return codec::encode_state(state); });
    std::printf("  state snapshot: %.1f MB, encoded in %.2f s\n",
                static_cast<double>(bytes.size()) / 1e6, since(encode_start));
  }
  return Status::ok();
}

}  // namespace

int bench_rebuild(const std::vector<std::string>& args) {
  if (asked_for_help(args, kUsage)) return 0;
  std::string data;
  std::uint64_t events = 1000000, seed = 1;
  std::uint64_t commit_events = projections::ProjectorOptions{}.commit_events;
  ArgParser p(args, kUsage);
  while (p.more()) {
    if (p.take_string("--data", data) || p.take_uint("--events", events, 1) ||
        p.take_uint("--seed", seed) || p.take_uint("--commit-events", commit_events, 1)) {
      continue;
    }
    return p.fail();
  }
  if (p.failed()) return 2;
  if (data.empty()) return complain(std::string("--data is required\n") + kUsage, 2);
  std::printf("bench rebuild: %llu events in %s\n", static_cast<unsigned long long>(events),
              data.c_str());
  const fs::path docs_dir = fs::path(data) / "projections";
  if (Status s = generate(data, events, seed); !s.is_ok()) return complain(s.to_string(), 1);
  {
    RocksDbStoreOptions options;
    options.read_only = true;
    auto store = RocksDbEventStore::open(data, options);
    if (!store) return complain(store.status().to_string(), 1);
    if (Status s = read_raw(**store); !s.is_ok()) return complain(s.to_string(), 1);
    if (Status s = rebuild(**store, docs_dir, commit_events); !s.is_ok())
      return complain(s.to_string(), 1);
  }
  if (Status s = restart(data, docs_dir); !s.is_ok()) return complain(s.to_string(), 1);
  return 0;
}

}  // namespace thidua::cli
