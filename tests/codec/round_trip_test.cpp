// Every event and command goes struct -> JSON -> struct -> the same JSON, and its JSON is
// valid against its schema; event data is written deterministically and the store takes it.
#include <catch2/catch.hpp>

#include "examples.hpp"
#include "thidua/codec/command_codec.hpp"
#include "thidua/codec/event_codec.hpp"
#include "thidua/codec/schema_registry.hpp"
#include "thidua/store/memory_event_store.hpp"
#include "thidua/util/uuid.hpp"

using namespace thidua;
using codec::SchemaRegistry;

namespace {

std::string text_of(const codec::OrderedJson& doc) {
  Result<std::string> text = codec::dump_json(doc);
  REQUIRE(text.is_ok());
  return *text;
}

void require_valid(const std::string& schema, const nlohmann::json& doc) {
  std::vector<codec::FieldError> errors;
  Status valid = SchemaRegistry::standard().validate(schema, doc, &errors);
  for (const codec::FieldError& e : errors) UNSCOPED_INFO(codec::to_string(e));
  REQUIRE(valid.is_ok());
}

}  // namespace

TEST_CASE("the examples cover every event and command", "[codec]") {
  std::vector<domain::Event> events = testing::example_events();
  REQUIRE(events.size() == std::variant_size_v<domain::Event>);
  for (std::size_t i = 0; i < events.size(); ++i) CHECK(events[i].index() == i);
  std::vector<domain::Command> commands = testing::example_commands();
  REQUIRE(commands.size() == std::variant_size_v<domain::Command>);
  for (std::size_t i = 0; i < commands.size(); ++i) CHECK(commands[i].index() == i);
}

TEST_CASE("events round-trip through JSON and match their schemas", "[codec]") {
  for (const domain::Event& event : testing::example_events()) {
    std::string name(domain::event_name(event));
    INFO(name);
    std::string text = text_of(codec::encode_event(event));
    nlohmann::json parsed = nlohmann::json::parse(text);
    require_valid("events/" + name + ".v1.json", parsed);
    Result<domain::Event> decoded = codec::decode_event(codec::event_type(name), parsed);
    REQUIRE(decoded.is_ok());
    CHECK(decoded->index() == event.index());
    CHECK(text_of(codec::encode_event(*decoded)) == text);
  }
}

TEST_CASE("commands round-trip through JSON and match their schemas", "[codec]") {
  for (const domain::Command& command : testing::example_commands()) {
    std::string name(domain::command_name(command));
    INFO(name);
    std::string text = text_of(codec::encode_command(command));
    nlohmann::json parsed = nlohmann::json::parse(text);
    require_valid("commands/" + name + ".v1.json", parsed);
    std::vector<codec::FieldError> errors;
    Result<domain::Command> decoded = codec::decode_command(name, parsed, &errors);
    for (const codec::FieldError& e : errors) UNSCOPED_INFO(codec::to_string(e));
    REQUIRE(decoded.is_ok());
    CHECK(decoded->index() == command.index());
    CHECK(text_of(codec::encode_command(*decoded)) == text);
  }
}

TEST_CASE("event data is written in describe() order with exact decimals", "[codec]") {
  domain::ScoreEntered score;
  score.cluster = "cum-6";
  score.year = 2019;
  score.kind = domain::ScoreKind::kCross;
  score.scorer = "so-tttt-gia-lai";
  score.scored = "so-tttt-phu-yen";
  score.criterion = "2";
  score.points = domain::Decimal{950};
  CHECK(text_of(codec::encode_event(score)) ==
        R"({"cluster":"cum-6","year":2019,"kind":"cross","scorer":"so-tttt-gia-lai",)"
        R"("scored":"so-tttt-phu-yen","criterion":"2","points":9.5})");
  score.points = domain::Decimal{1000};
  score.evidence = "Biên bản số 12";
  CHECK(text_of(codec::encode_event(score)) ==
        R"({"cluster":"cum-6","year":2019,"kind":"cross","scorer":"so-tttt-gia-lai",)"
        R"("scored":"so-tttt-phu-yen","criterion":"2","points":10,"evidence":"Biên bản số 12"})");
  for (auto [hundredths, written] :
       std::vector<std::pair<std::int64_t, std::string>>{{25, "0.25"},
                                                         {-375, "-3.75"},
                                                         {1, "0.01"},
                                                         {29, "0.29"},
                                                         {0, "0"},
                                                         {123456789012345, "1234567890123.45"}}) {
    INFO(written);
    CHECK(text_of(codec::detail::write(domain::Decimal{hundredths})) == written);
  }
}

TEST_CASE("event types are the store's lower-case names", "[codec]") {
  CHECK(codec::event_type("ScoreEntered") == "vn.thidua.score_entered.v1");
  CHECK(codec::event_type("OrganizationsMerged") == "vn.thidua.organizations_merged.v1");
  CHECK(codec::event_name_of_type("vn.thidua.decision_revoked.v1") == "DecisionRevoked");
  CHECK(codec::event_name_of_type("vn.thidua.DecisionRevoked.v1").empty());
  CHECK(codec::event_schema_uri("ScoreEntered", codec::kSchemaBaseUri) ==
        "https://schemas.thidua.vn/events/ScoreEntered.v1.json");
}

TEST_CASE("proposed events are accepted by the store", "[codec]") {
  MemoryEventStore store;
  AppendRequest request;
  for (const domain::Event& event : testing::example_events()) {
    Result<ProposedEvent> proposed = codec::propose_event(event, codec::kSchemaBaseUri);
    REQUIRE(proposed.is_ok());
    CHECK(proposed->subject == domain::subject_of(event));
    CHECK(proposed->dataschema ==
          codec::event_schema_uri(domain::event_name(event), codec::kSchemaBaseUri));
    const auto* decision = std::get_if<domain::DecisionIssued>(&event);
    CHECK(proposed->ruleset == (decision ? decision->ruleset : ""));
    proposed->id = new_uuid();
    proposed->source = "/thidua/test";
    proposed->time = "2020-01-15T08:00:00Z";
    request.events.push_back(std::move(proposed).value());
  }
  Result<AppendResult> appended = store.append(request);
  INFO(appended.status().to_string());
  REQUIRE(appended.is_ok());
  Result<ReadBatch> read = store.read_all(0, 100, ReadFilter{}, 1000);
  REQUIRE(read.is_ok());
  REQUIRE(read->events.size() == request.events.size());
  for (const RecordedEvent& recorded : read->events) {
    nlohmann::json stored = nlohmann::json::parse(recorded.bytes);
    INFO(recorded.type);
    Result<domain::Event> decoded = codec::decode_event(recorded.type, stored.at("data"));
    REQUIRE(decoded.is_ok());
    if (recorded.type == "vn.thidua.decision_issued.v1") CHECK(stored.at("ruleset") == "vn-2013");
  }
}
