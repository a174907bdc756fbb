#include "rebuild.hpp"

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <iostream>

#include "args.hpp"
#include "progress.hpp"
#include "thidua/projections/projector.hpp"
#include "thidua/projections/views.hpp"
#include "thidua/store/rocksdb_event_store.hpp"

namespace thidua::cli {
namespace {

namespace fs = std::filesystem;

constexpr char kUsage[] =
    "usage: thidua rebuild --data DIR [--into DIR2] [--replace]\n"
    "Recomputes every projection from position 0 into DIR2 (default DIR/projections.rebuild,\n"
    "emptied first), reading the store in DIR read-only (a server may be running on it). It\n"
    "stops at the position the live projections (DIR/projections) have reached, so that the\n"
    "two can be compared, or at the log's head when there are none. Prints the content hash of\n"
    "each projection and whether it equals the live one.\n"
    "--replace: then puts the rebuilt projections in place of the live ones (the server must be\n"
    "  stopped).\n"
    "Exit status: 0 all equal (or nothing to compare), 1 a projection differs or the rebuild\n"
    "failed, 2 usage.\n";

struct Options {
  std::string data, into;
  bool replace = false;
};

using Hashes = std::vector<std::pair<std::string, std::string>>;

Result<Hashes> hashes_of(const projections::DocumentStore& docs) {
  Hashes out;
  for (const std::string& name : projections::projection_names()) {
    auto hash = docs.content_hash(name + "/");
    if (!hash) return hash.status();
    out.emplace_back(name, to_hex(*hash));
  }
  return out;
}

// The live projections, read-only, when there are any.
Result<std::unique_ptr<projections::DocumentStore>> open_live(const fs::path& dir) {
  if (!fs::exists(dir / "CURRENT")) return std::unique_ptr<projections::DocumentStore>();
  return projections::DocumentStore::open(dir, {true, nullptr});
}

Result<std::uint64_t> run_rebuild(const EventStore& store, projections::DocumentStore& into,
                                  std::uint64_t until) {
  if (Status s = into.clear(); !s.is_ok()) return s;
  projections::Projector projector(store, into, {8192, std::chrono::milliseconds(200)});
  const auto start = std::chrono::steady_clock::now();
  auto done = projector.catch_up(
      until, [start](std::uint64_t d, std::uint64_t t) { print_progress(d, t, start); });
  std::fputc('\n', stderr);
  if (!done) return done.status();
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  std::printf("rebuilt %llu events in %.2f s (%.0f events/s)\n",
              static_cast<unsigned long long>(*done), seconds,
              seconds > 0 ? static_cast<double>(*done) / seconds : 0.0);
  return *done;
}

// Prints each projection's hash and whether it equals the live one; true when all do.
bool report(const Hashes& rebuilt, const Hashes* live) {
  bool equal = true;
  for (std::size_t i = 0; i < rebuilt.size(); ++i) {
    const char* verdict = "";
    if (live) {
      const bool same = (*live)[i].second == rebuilt[i].second;
      equal = equal && same;
      verdict = same ? "  equal to the live projection" : "  DIFFERS from the live projection";
    }
    std::printf("%-15s %s%s\n", rebuilt[i].first.c_str(), rebuilt[i].second.c_str(), verdict);
  }
  return equal;
}

int replace(const fs::path& live, const fs::path& rebuilt) {
  std::error_code ec;
  const fs::path old = live.string() + ".old";
  fs::remove_all(old, ec);
  if (fs::exists(live)) fs::rename(live, old, ec);
  if (!ec) fs::rename(rebuilt, live, ec);
  if (ec) return complain("cannot put the rebuilt projections in place: " + ec.message(), 1);
  fs::remove_all(old, ec);
  std::printf("the rebuilt projections are now in %s\n", live.string().c_str());
  return 0;
}

int run(const Options& o) {
  RocksDbStoreOptions store_options;
  store_options.read_only = true;
  auto store = RocksDbEventStore::open(o.data, store_options);
  if (!store) return complain(store.status().to_string(), 1);
  const fs::path live_dir = fs::path(o.data) / "projections";
  const fs::path into_dir = o.into.empty() ? live_dir.string() + ".rebuild" : o.into;
  auto live = open_live(live_dir);
  if (!live) return complain("live projections: " + live.status().to_string(), 1);
  std::uint64_t until = *live ? (*live)->applied() : (*store)->head();
  auto into = projections::DocumentStore::open(into_dir);
  if (!into) return complain(into.status().to_string(), 1);
  auto done = run_rebuild(**store, **into, until);
  if (!done) return complain("rebuild failed: " + done.status().to_string(), 1);
  auto rebuilt = hashes_of(**into);
  if (!rebuilt) return complain(rebuilt.status().to_string(), 1);
  Result<Hashes> live_hashes = Hashes{};
  if (*live) live_hashes = hashes_of(**live);
  if (!live_hashes) return complain(live_hashes.status().to_string(), 1);
  const bool equal = report(*rebuilt, *live ? &*live_hashes : nullptr);
  if (!equal) return 1;
  if (!o.replace) return 0;
  into->reset();
  live->reset();
  return replace(live_dir, into_dir);
}

}  // namespace

int rebuild(const std::vector<std::string>& args) {
  if (asked_for_help(args, kUsage)) return 0;
  ArgParser parser(args, kUsage);
  Options o;
  while (parser.more()) {
    if (parser.take_string("--data", o.data) || parser.take_string("--into", o.into)) continue;
    if (parser.take_flag("--replace")) {
      o.replace = true;
      continue;
    }
    return parser.fail();
  }
  if (parser.failed()) return 2;
  if (o.data.empty()) return complain(std::string("--data is required\n") + kUsage, 2);
  return run(o);
}

}  // namespace thidua::cli
