#include "generated_history.hpp"

#include <catch2/catch.hpp>

#include "thidua/codec/event_codec.hpp"

namespace thidua::testing {

generator::HistoryOptions small_world(std::uint64_t events, std::uint64_t seed) {
  generator::HistoryOptions o;
  o.seed = seed;
  o.events = events;
  o.ministries = 3;
  o.provinces = 12;
  o.agencies_per_province = 1;
  o.communes_per_province = 3;
  o.members_per_cluster = 4;
  o.people_per_unit = 4;
  o.criteria = 5;
  o.merger_every_years = 2;
  o.holds_per_year = 3;
  o.revocations_per_year = 2;
  o.corrections_per_year = 2;
  o.transfers_per_year = 4;
  return o;
}

generator::HistoryOptions restructuring_world(std::uint64_t events, std::uint64_t seed) {
  generator::HistoryOptions o = small_world(events, seed);
  o.ministries = 2;
  o.provinces = 10;
  o.communes_per_province = 2;
  o.criteria = 3;
  o.merger_every_years = 1;
  return o;
}

std::vector<std::pair<std::uint64_t, domain::Event>> read_log(const EventStore& store) {
  std::vector<std::pair<std::uint64_t, domain::Event>> out;
  for (std::uint64_t from = 0; from < store.head();) {
    auto batch = store.read_all(from, 1000);
    REQUIRE(batch.is_ok());
    for (const RecordedEvent& e : batch->events) {
      const nlohmann::json envelope = nlohmann::json::parse(e.bytes);
      auto event = codec::decode_event(e.type, envelope.at("data"));
      INFO("position " << e.position << ": " << event.status().to_string());
      REQUIRE(event.is_ok());
      out.emplace_back(e.position, std::move(event).value());
    }
    from = batch->next_position;
  }
  return out;
}

std::vector<ProposedEvent> generate_all(generator::HistoryGenerator& generator, std::size_t batch) {
  std::vector<ProposedEvent> all;
  for (;;) {
    Result<std::vector<ProposedEvent>> events = generator.next(batch);
    INFO(events.status().to_string());
    REQUIRE(events.is_ok());
    if (events->empty()) return all;
    for (ProposedEvent& e : *events) all.push_back(std::move(e));
  }
}

const StoredHistory& stored_history() {
  static const std::unique_ptr<StoredHistory> history = [] {
    auto h = std::make_unique<StoredHistory>();
    h->generator = std::make_unique<generator::HistoryGenerator>(small_world(20000), 0);
    for (;;) {
      Result<std::vector<ProposedEvent>> events = h->generator->next(1000);
      INFO(events.status().to_string());
      REQUIRE(events.is_ok());
      if (events->empty()) break;
      AppendRequest request;
      request.events = std::move(events).value();
      Result<AppendResult> appended = h->store.append(std::move(request));
      INFO(appended.status().to_string());
      REQUIRE(appended.is_ok());
    }
    for (std::uint64_t from = 0; from < h->store.head();) {
      Result<ReadBatch> batch = h->store.read_all(from, 10000, {}, 100000);
      REQUIRE(batch.is_ok());
      for (RecordedEvent& e : batch->events) {
        h->data.push_back(nlohmann::json::parse(e.bytes).at("data"));
        h->events.push_back(std::move(e));
      }
      from = batch->next_position;
    }
    return h;
  }();
  return *history;
}

std::string event_name(const RecordedEvent& event) {
  return std::string(codec::event_name_of_type(event.type));
}

std::map<std::string, std::size_t> count_by_name(const StoredHistory& history) {
  std::map<std::string, std::size_t> counts;
  for (std::size_t i = 0; i < history.events.size(); ++i) {
    const std::string name = event_name(history.events[i]);
    ++counts[name];
    if (name == "ScoreEntered" || name == "DecisionIssued") {
      const char* field = name == "ScoreEntered" ? "kind" : "award";
      ++counts[name + "/" + history.data[i].at(field).get<std::string>()];
    }
  }
  return counts;
}

}  // namespace thidua::testing
