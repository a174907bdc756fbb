#include "recheck.hpp"

#include <cstdio>
#include <optional>

#include "args.hpp"
#include "thidua/codec/rule_book.hpp"
#include "thidua/projections/recheck.hpp"
#include "thidua/store/rocksdb_event_store.hpp"

namespace thidua::cli {
namespace {

constexpr char kUsage[] =
    "usage: thidua recheck --data DIR [--decision ID] [--json]\n"
    "Decides every recorded decision again, against the facts of its date (the log just before\n"
    "it), under the built-in rule book as it stands, and lists each decision the rules would now\n"
    "refuse with every rule id it fails. Reads the store in DIR read-only (a server may be\n"
    "running on it). Recorded decisions are not changed: they keep the checks they were decided\n"
    "with.\n"
    "--decision ID: only that decision (the replay stops at it).\n"
    "--json: one JSON object per decision and line, passing ones included.\n"
    "Exit status: 0 every decision passes, 1 one would be refused or the store cannot be read,\n"
    "2 usage.\n";

struct Options {
  std::string data, decision;
  bool json = false;
};

void print_text(const projections::RecheckedDecision& d) {
  const domain::Recheck& r = d.recheck;
  std::printf("decision %s (position %llu), decided under %s, now %s: %s\n", r.decision.c_str(),
              static_cast<unsigned long long>(d.position), r.recorded_ruleset.c_str(),
              r.ruleset.empty() ? "no rule set" : r.ruleset.c_str(),
              r.failures.empty() ? "passes" : "would be refused");
  for (const domain::RecheckFailure& f : r.failures) {
    std::printf("  %s%s%s: %s\n", f.rule.c_str(), f.subject.empty() ? "" : " ", f.subject.c_str(),
                f.detail.c_str());
  }
}

int run(const Options& o) {
  RocksDbStoreOptions store_options;
  store_options.read_only = true;
  auto store = RocksDbEventStore::open(o.data, store_options);
  if (!store) return complain(store.status().to_string(), 1);
  const domain::RuleBook book = codec::load_standard_rule_book();
  std::optional<std::string> only;
  if (!o.decision.empty()) only = o.decision;
  auto rechecked = projections::recheck_log(**store, book, only);
  if (!rechecked) return complain(rechecked.status().to_string(), 1);
  std::size_t refused = 0;
  for (const projections::RecheckedDecision& d : *rechecked) {
    if (!d.recheck.failures.empty()) ++refused;
    if (o.json) {
      std::printf("%s\n", projections::render_recheck(d).dump().c_str());
    } else if (!d.recheck.failures.empty() || only) {
      print_text(d);
    }
  }
  if (!o.json) {
    std::printf("%zu decision(s) rechecked, %zu would be refused under the rules as they stand\n",
                rechecked->size(), refused);
  }
  return refused == 0 ? 0 : 1;
}

}  // namespace

int recheck(const std::vector<std::string>& args) {
  if (asked_for_help(args, kUsage)) return 0;
  ArgParser parser(args, kUsage);
  Options o;
  while (parser.more()) {
    if (parser.take_string("--data", o.data) || parser.take_string("--decision", o.decision)) {
      continue;
    }
    if (parser.take_flag("--json")) {
      o.json = true;
      continue;
    }
    return parser.fail();
  }
  if (parser.failed()) return 2;
  if (o.data.empty()) return complain(std::string("--data is required\n") + kUsage, 2);
  return run(o);
}

}  // namespace thidua::cli
