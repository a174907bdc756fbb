// Generated histories shared by the generator tests: the options of a small world that reaches
// every kind of event within 20,000 events, and helpers that run a generator to the end and
// fail with the refused command's rule and detail.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "thidua/domain/events.hpp"
#include "thidua/generator/history_generator.hpp"
#include "thidua/store/memory_event_store.hpp"

namespace thidua::testing {

// Twelve provinces, three ministries with three clusters of four departments each, a few
// people per unit: a new year every few thousand events.
generator::HistoryOptions small_world(std::uint64_t events, std::uint64_t seed = 7);
// A smaller world with a merger every year: renames, mergers, members leaving and joining,
// transfers, corrections and revocations within a few thousand events.
generator::HistoryOptions restructuring_world(std::uint64_t events, std::uint64_t seed = 23);

// Every event of `store`, decoded into domain events (REQUIREs that each does), with its
// position.
std::vector<std::pair<std::uint64_t, domain::Event>> read_log(const EventStore& store);

// The rest of the generator's history, REQUIREing that no command was refused.
std::vector<ProposedEvent> generate_all(generator::HistoryGenerator& generator,
                                        std::size_t batch = 997);

// A 20,000-event history of small_world() appended to a MemoryEventStore in batches, with the
// generator that made it (for its state), every recorded event and its data object, parsed
// once. Built once per test run.
struct StoredHistory {
  MemoryEventStore store;
  std::unique_ptr<generator::HistoryGenerator> generator;
  std::vector<RecordedEvent> events;
  std::vector<nlohmann::json> data;
};
const StoredHistory& stored_history();

// The name of a recorded event ("ScoreEntered"), from its type.
std::string event_name(const RecordedEvent& event);
// Events per name; cross-scores are also counted as "ScoreEntered/cross", decisions per award
// as "DecisionIssued/<award>".
std::map<std::string, std::size_t> count_by_name(const StoredHistory& history);

}  // namespace thidua::testing
