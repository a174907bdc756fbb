// The thidua executable's recheck command, on a store written by the real store: a decision
// recorded under a rule since corrected is found, every other recorded decision passes.
#include <catch2/catch.hpp>

#include <sstream>

#include <nlohmann/json.hpp>

#include "process.hpp"
#include "recorder.hpp"
#include "temp_dir.hpp"
#include "thidua/store/rocksdb_event_store.hpp"

using namespace thidua;
using namespace thidua::testing;

namespace {

// The Cluster No. 6 story, then a commune's CSTDCS decided under the old rule.
void make_data(const std::filesystem::path& dir) {
  auto store = RocksDbEventStore::open(dir);
  REQUIRE(store.is_ok());
  Recorder recorder(**store);
  recorder.cluster6_story();
  recorder.commune_cstdcs_under_old_rule();
}

CommandResult recheck(std::vector<std::string> args) {
  args.insert(args.begin(), {THIDUA_PATH, "recheck"});
  return run_command(args);
}

}  // namespace

TEST_CASE("thidua recheck finds a decision recorded under a rule since corrected", "[cli]") {
  TempDir dir;
  make_data(dir.path());
  CommandResult r = recheck({"--data", dir.path().string()});
  INFO(r.output);
  CHECK(r.exit_code == 1);
  CHECK_THAT(r.output,
             Catch::Contains("decision qd-cstdcs-ia-blang-2019") &&
                 Catch::Contains("decided under vn-2013, now vn-2013: would be refused") &&
                 Catch::Contains("decision.competent_issuer person/ksor-h-lan: \"Ủy ban nhân dân "
                                 "xã Ia Blang\" may not decide"));
  CHECK_THAT(r.output, Catch::Contains("3 decision(s) rechecked, 1 would be refused"));

  // The story's flag decision passes; --decision stops at it.
  r = recheck({"--data", dir.path().string(), "--decision", "qd-co-2019"});
  INFO(r.output);
  CHECK(r.exit_code == 0);
  CHECK_THAT(r.output, Catch::Contains("qd-co-2019") && Catch::Contains("passes"));

  r = recheck({"--data", dir.path().string(), "--json"});
  CHECK(r.exit_code == 1);
  int lines = 0, refused = 0;
  std::istringstream in(r.output);
  for (std::string line; std::getline(in, line);) {
    const auto doc = nlohmann::json::parse(line);
    ++lines;
    if (!doc.at("passes").get<bool>()) {
      ++refused;
      CHECK(doc.at("failures").at(0).at("rule") == "decision.competent_issuer");
    }
  }
  CHECK(lines == 3);
  CHECK(refused == 1);

  CHECK(recheck({"--data", dir.path().string(), "--decision", "qd-none"}).exit_code == 1);
  CHECK(recheck({}).exit_code == 2);
}
