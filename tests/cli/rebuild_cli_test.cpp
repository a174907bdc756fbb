// The thidua executable's rebuild command, on a store and live projections written by the real
// store and projector.
#include <catch2/catch.hpp>

#include "process.hpp"
#include "recorder.hpp"
#include "temp_dir.hpp"
#include "thidua/projections/projector.hpp"
#include "thidua/store/rocksdb_event_store.hpp"

using namespace thidua;
using namespace thidua::testing;

namespace {

// The Cluster No. 6 story in DIR, with live projections in DIR/projections caught up.
void make_data(const std::filesystem::path& dir) {
  auto store = RocksDbEventStore::open(dir);
  REQUIRE(store.is_ok());
  Recorder recorder(**store);
  recorder.cluster6_story();
  auto docs = projections::DocumentStore::open(dir / "projections");
  REQUIRE(docs.is_ok());
  projections::Projector projector(**store, **docs, {7, std::chrono::milliseconds(10)});
  REQUIRE(projector.catch_up().is_ok());
}

CommandResult rebuild(std::vector<std::string> args) {
  args.insert(args.begin(), {THIDUA_PATH, "rebuild"});
  return run_command(args);
}

int count(const std::string& text, const std::string& what) {
  int n = 0;
  for (auto at = text.find(what); at != std::string::npos; at = text.find(what, at + 1)) ++n;
  return n;
}

}  // namespace

TEST_CASE("thidua rebuild recomputes every projection and finds it equal to the live one",
          "[cli]") {
  TempDir dir;
  make_data(dir.path());
  CommandResult r = rebuild({"--data", dir.path().string()});
  INFO(r.output);
  CHECK(r.exit_code == 0);
  CHECK_THAT(r.output, Catch::Contains("events/s"));
  CHECK_THAT(r.output, Catch::Contains("ETA"));
  CHECK(count(r.output, "equal to the live projection") == 5);
  CHECK_THAT(r.output, Catch::Contains("ranking "));
  CHECK_THAT(r.output, Catch::Contains("awards "));
}

TEST_CASE("thidua rebuild names a live projection that differs, and --replace mends it", "[cli]") {
  TempDir dir;
  make_data(dir.path());
  {
    auto docs = projections::DocumentStore::open(dir.path() / "projections");
    REQUIRE(docs.is_ok());
    auto ranking = (*docs)->get("ranking/cum-6/2019");
    REQUIRE(ranking.is_ok());
    REQUIRE(ranking->has_value());
    std::string tampered = **ranking;
    tampered.replace(tampered.find("closed"), 6, "open!!");
    REQUIRE((*docs)->commit({{"ranking/cum-6/2019", tampered}}, (*docs)->applied()).is_ok());
  }
  CommandResult r = rebuild({"--data", dir.path().string()});
  INFO(r.output);
  CHECK(r.exit_code == 1);
  CHECK(count(r.output, "DIFFERS from the live projection") == 1);
  CHECK(count(r.output, "equal to the live projection") == 4);

  // A differing projection is not put in place silently; rebuilding into place does it.
  CHECK(rebuild({"--data", dir.path().string(), "--replace"}).exit_code == 1);
  std::filesystem::remove_all(dir.path() / "projections");
  CommandResult fresh = rebuild({"--data", dir.path().string(), "--replace"});
  INFO(fresh.output);
  CHECK(fresh.exit_code == 0);
  CHECK_THAT(fresh.output, Catch::Contains("now in"));
  CommandResult again = rebuild({"--data", dir.path().string()});
  CHECK(again.exit_code == 0);
  CHECK(count(again.output, "equal to the live projection") == 5);
}

TEST_CASE("thidua rebuild explains its usage", "[cli]") {
  CHECK(rebuild({"--help"}).exit_code == 0);
  CHECK(rebuild({}).exit_code == 2);
  CHECK(rebuild({"--data"}).exit_code == 2);
  CHECK(rebuild({"--bogus", "x"}).exit_code == 2);
}
