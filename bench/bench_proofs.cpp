#include "bench_proofs.hpp"

#include <chrono>
#include <cstdio>
#include <iostream>
#include <random>

#include "args.hpp"
#include "thidua/audit/proofs.hpp"
#include "thidua/store/rocksdb_event_store.hpp"

namespace thidua::cli {
namespace {

constexpr char kUsage[] =
    "usage: thidua-bench proofs --data DIR [--proofs N]\n"
    "Opens the store in DIR read-only and generates N (default 100000) inclusion proofs for\n"
    "random leaves and N consistency proofs between random sizes, each against the whole log,\n"
    "verifying every one, and prints proofs per second.\n";

using Clock = std::chrono::steady_clock;

template <typename MakeAndCheck>
int timed(const char* what, std::uint64_t n, MakeAndCheck make_and_check) {
  auto start = Clock::now();
  for (std::uint64_t i = 0; i < n; ++i) {
    if (Status s = make_and_check(); !s.is_ok()) {
      std::cerr << "thidua-bench: " << what << ": " << s.to_string() << "\n";
      return 1;
    }
  }
  double seconds = std::chrono::duration<double>(Clock::now() - start).count();
  std::printf("  %s: %.0f proofs/s (%llu in %.2f s)\n", what, static_cast<double>(n) / seconds,
              static_cast<unsigned long long>(n), seconds);
  return 0;
}

int run(const std::string& dir, std::uint64_t n) {
  RocksDbStoreOptions options;
  options.read_only = true;
  auto store = RocksDbEventStore::open(dir, options);
  if (!store) {
    std::cerr << "thidua-bench: " << store.status().to_string() << "\n";
    return 1;
  }
  const EventStore& s = **store;
  const std::uint64_t size = s.head();
  if (size < 2) {
    std::cerr << "thidua-bench: the store needs at least 2 events\n";
    return 1;
  }
  auto root = merkle::root_at(size, audit::subtree_reader(s));
  if (!root) return complain(root.status().to_string(), 1);
  std::mt19937_64 rng(42);
  std::printf("bench proofs: tree of %llu leaves\n", static_cast<unsigned long long>(size));
  int status = timed("inclusion", n, [&]() -> Status {
    std::uint64_t index = rng() % size;
    Result<audit::InclusionProof> p = audit::prove_inclusion(s, index, size);
    if (!p) return p.status();
    if (!merkle::verify_inclusion(p->leaf_hash, index, size, p->hashes, *root)) {
      return Status::corruption("inclusion proof does not verify");
    }
    return Status::ok();
  });
  if (status != 0) return status;
  return timed("consistency", n, [&]() -> Status {
    std::uint64_t from = 1 + rng() % (size - 1);
    Result<audit::ConsistencyProof> p = audit::prove_consistency(s, from, size);
    if (!p) return p.status();
    if (p->hashes.empty()) return Status::corruption("empty consistency proof");
    return Status::ok();
  });
}

}  // namespace

int bench_proofs(const std::vector<std::string>& args) {
  if (asked_for_help(args, kUsage)) return 0;
  std::string data;
  std::uint64_t n = 100000;
  ArgParser p(args, kUsage);
  while (p.more()) {
    if (p.take_string("--data", data) || p.take_uint("--proofs", n, 1)) continue;
    return p.fail();
  }
  if (p.failed()) return 2;
  if (data.empty()) {
    std::cerr << "thidua-bench proofs: --data is required\n" << kUsage;
    return 2;
  }
  return run(data, n);
}

}  // namespace thidua::cli
