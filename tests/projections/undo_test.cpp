// UndoLog (domain/undo.hpp) on a generated history: at many positions, the next few events are
// folded into the state and undone, and the state must encode to the same bytes as before.
#include <catch2/catch.hpp>

#include <map>

#include "generated_history.hpp"
#include "thidua/codec/state_snapshot.hpp"
#include "thidua/domain/undo.hpp"
#include "thidua/generator/history_generator.hpp"
#include "thidua/store/memory_event_store.hpp"

using namespace thidua;

TEST_CASE("undoing a batch of events gives back the state before it, for every kind of event",
          "[projections][undo]") {
  MemoryEventStore store;
  REQUIRE(generator::generate_into(store, testing::restructuring_world(7000), 500, {}).is_ok());
  std::vector<domain::Event> log;
  for (auto& [position, event] : testing::read_log(store)) log.push_back(std::move(event));
  // The generator never splits an organization nor publishes a proposal: both close the log.
  for (const domain::Event& e : log) {
    if (const auto* proposal = std::get_if<domain::ProposalSubmitted>(&e)) {
      domain::ProposalPublished published;
      published.proposal = proposal->id;
      published.date = proposal->date;
      published.medium = "Cổng thông tin điện tử";
      log.push_back(published);
      break;
    }
  }
  domain::OrganizationSplit split;
  split.predecessor = std::get<domain::OrganizationRegistered>(log.front()).id;
  split.successors = {"tach-a", "tach-b"};
  split.effective = domain::Date{2030, 1, 1};
  for (const std::string& id : split.successors) {
    domain::OrganizationRegistered r;
    r.id = id;
    r.name = "Đơn vị " + id;
    log.push_back(r);
  }
  log.push_back(split);
  domain::State state;
  std::map<std::string_view, int> undone;
  std::size_t batches = 0;
  domain::UndoLog undo;
  for (std::uint64_t p = 0; p < log.size(); ++p) {
    // Every 11th position, and where a kind of event was seldom tried yet, the next 1 to 40
    // events are tried and undone.
    if (p % 11 == 0 || undone[domain::event_name(log[p])] < 3) {
      const std::string before = codec::encode_state(state);
      const std::uint64_t n = std::min<std::uint64_t>(1 + (p * 13) % 40, log.size() - p);
      for (std::uint64_t k = 0; k < n; ++k) {
        undo.remember(state, log[p + k]);
        domain::evolve(state, log[p + k], p + k);
        ++undone[domain::event_name(log[p + k])];
      }
      undo.undo(state);
      INFO("events " << p << " to " << p + n - 1);
      REQUIRE(codec::encode_state(state) == before);
      ++batches;
    }
    domain::evolve(state, log[p], p);
  }
  CHECK(batches > 600);
  std::string missing;
  for (std::string_view name : domain::event_names()) {
    if (undone[name] == 0) missing += " " + std::string(name);
  }
  INFO("not undone:" << missing);
  CHECK(missing.empty());
}
