// The generator's contract: same seed, same log; another seed, another log; positions that
// continue the store's; options checked; the budget met by whole commands.
#include <catch2/catch.hpp>

#include <set>

#include "generated_history.hpp"
#include "thidua/store/memory_event_store.hpp"

using namespace thidua;
using generator::HistoryGenerator;
using generator::HistoryOptions;
using testing::generate_all;
using testing::small_world;

namespace {

// Everything of an event that ends up in the log.
std::string dump(const ProposedEvent& e) {
  return e.id + "|" + e.type + "|" + e.subject + "|" + e.source + "|" + e.time + "|" +
         e.dataschema + "|" + e.actor + "|" + e.ruleset + "|" + e.data;
}

}  // namespace

TEST_CASE("the same seed gives byte-identical events", "[generator]") {
  HistoryGenerator first(small_world(2500));
  HistoryGenerator second(small_world(2500));
  const std::vector<ProposedEvent> a = generate_all(first, 1000);
  const std::vector<ProposedEvent> b = generate_all(second, 333);
  REQUIRE(a.size() == b.size());
  REQUIRE(a.size() >= 2500);
  for (std::size_t i = 0; i < a.size(); ++i) {
    INFO("event " << i);
    REQUIRE(dump(a[i]) == dump(b[i]));
  }
  CHECK(first.produced() == a.size());
}

TEST_CASE("different seeds give different histories", "[generator]") {
  HistoryGenerator one(small_world(1500, 1));
  HistoryGenerator two(small_world(1500, 2));
  const std::vector<ProposedEvent> a = generate_all(one);
  const std::vector<ProposedEvent> b = generate_all(two);
  std::size_t same_data = 0;
  std::set<std::string> ids;
  for (std::size_t i = 0; i < std::min(a.size(), b.size()); ++i) {
    same_data += a[i].data == b[i].data;
    ids.insert(a[i].id);
    ids.insert(b[i].id);
  }
  CHECK(same_data < a.size() / 2);
  CHECK(ids.size() == 2 * std::min(a.size(), b.size()));
}

TEST_CASE("events carry the envelope of the generator", "[generator]") {
  HistoryGenerator g(small_world(1000));
  const std::vector<ProposedEvent> events = generate_all(g);
  std::set<std::string> ids;
  for (const ProposedEvent& e : events) {
    ids.insert(e.id);
    CHECK(e.source == "/thidua/generator");
    CHECK(e.actor == "generator");
    CHECK(e.time.size() == 20);
    CHECK(e.time.substr(10) == "T08:00:00Z");
    CHECK(e.type.starts_with("vn.thidua."));
  }
  CHECK(ids.size() == events.size());
  CHECK(g.next(10)->empty());
}

TEST_CASE("the budget is met by whole commands and the state follows", "[generator]") {
  HistoryGenerator g(small_world(777));
  Result<std::vector<ProposedEvent>> first = g.next(500);
  REQUIRE(first.is_ok());
  CHECK(first->size() == 500);
  CHECK(g.state().next_position == 500);
  const std::vector<ProposedEvent> rest = generate_all(g, 1000);
  CHECK(500 + rest.size() == g.produced());
  CHECK(g.produced() >= 777);
  CHECK(g.state().next_position == g.produced());
}

TEST_CASE("generation starts at the given position", "[generator]") {
  HistoryGenerator at_zero(small_world(300));
  HistoryGenerator later(small_world(300), 12345);
  const std::vector<ProposedEvent> a = generate_all(at_zero);
  const std::vector<ProposedEvent> b = generate_all(later);
  REQUIRE(a.size() == b.size());
  CHECK(later.state().next_position == 12345 + b.size());
  CHECK(a[0].data == b[0].data);
  CHECK(a[0].id != b[0].id);  // ids are derived from the position too
}

TEST_CASE("options out of range are refused", "[generator]") {
  HistoryOptions o = small_world(100);
  CHECK(generator::check_options(o).is_ok());
  for (auto breaks : std::vector<std::function<void(HistoryOptions&)>>{
           [](HistoryOptions& x) { x.provinces = 1; },
           [](HistoryOptions& x) { x.provinces = 64; },
           [](HistoryOptions& x) { x.ministries = 0; },
           [](HistoryOptions& x) { x.members_per_cluster = 2; },
           [](HistoryOptions& x) { x.criteria = 101; },
           [](HistoryOptions& x) { x.first_year = 2998; },
       }) {
    HistoryOptions bad = o;
    breaks(bad);
    const Status s = generator::check_options(bad);
    CHECK(s.code() == Status::Code::kInvalidArgument);
    HistoryGenerator g(bad);
    Result<std::vector<ProposedEvent>> events = g.next(10);
    REQUIRE_FALSE(events.is_ok());
    CHECK(events.status().message() == s.message());
    CHECK_FALSE(g.next(10).is_ok());  // sticky
  }
}

TEST_CASE("generate_into appends a whole history in batches after what is there", "[generator]") {
  MemoryEventStore store;
  REQUIRE(generator::generate_into(store, small_world(600, 3), 500).is_ok());
  const std::uint64_t before = store.head();
  REQUIRE(before >= 600);
  std::vector<std::pair<std::uint64_t, std::uint64_t>> calls;
  const Status s = generator::generate_into(
      store, small_world(1100, 4), 400,
      [&](std::uint64_t done, std::uint64_t total) { calls.emplace_back(done, total); });
  INFO(s.to_string());
  REQUIRE(s.is_ok());
  REQUIRE(calls.size() == 3);
  CHECK(calls[0] == std::make_pair(std::uint64_t{400}, std::uint64_t{1100}));
  CHECK(calls.back().first == store.head() - before);
  Result<ReadBatch> first = store.read_all(before, 1, {}, 100000);
  REQUIRE(first.is_ok());
  REQUIRE(first->events.size() == 1);
  HistoryGenerator same(small_world(1100, 4), before);
  CHECK(first->events[0].id == same.next(1)->front().id);
}
