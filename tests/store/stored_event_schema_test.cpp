// Every stored event is valid against schemas/cloudevent.schema.json, the published description
// of the feed's objects; and the schema is strict enough to refuse what the store never writes.
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>
#include <valijson/adapters/nlohmann_json_adapter.hpp>
#include <valijson/schema.hpp>
#include <valijson/schema_parser.hpp>
#include <valijson/validator.hpp>

#include <fstream>

#include "events.hpp"
#include "store_fixtures.hpp"

using namespace thidua;
using namespace thidua::testing;

namespace {

class EventSchema {
 public:
  EventSchema() {
    std::ifstream in(std::string(THIDUA_SCHEMAS_DIR) + "/cloudevent.schema.json");
    REQUIRE(in);
    nlohmann::json doc = nlohmann::json::parse(in);
    valijson::SchemaParser parser;
    valijson::adapters::NlohmannJsonAdapter adapter(doc);
    parser.populateSchema(adapter, schema_);
  }

  bool accepts(const nlohmann::json& event) const {
    valijson::Validator validator;
    valijson::adapters::NlohmannJsonAdapter adapter(event);
    return validator.validate(schema_, adapter, nullptr);
  }

 private:
  valijson::Schema schema_;
};

}  // namespace

TEST_CASE("stored events are valid against the published event schema", "[schema]") {
  EventSchema schema;
  RocksDbFixture f;
  AppendRequest r = one_event("cluster/cum-6/2020");
  r.events[0].correlationid = "corr-1";
  r.events[0].causationid = "cause-1";
  r.events[0].ruleset = "vn-2022";
  r.events.push_back(make_event("organization/so-tttt-gia-lai"));
  r.events[1].dataschema.clear();
  r.events[1].actor.clear();
  r.events[1].time = "2024-01-01T07:00:00.125+07:00";
  REQUIRE(f.store->append(r).is_ok());
  auto all = f.store->read_all(0, 10);
  REQUIRE(all.is_ok());
  REQUIRE(all->events.size() == 2);
  for (const RecordedEvent& e : all->events) {
    INFO(e.bytes);
    CHECK(schema.accepts(nlohmann::json::parse(e.bytes)));
  }

  nlohmann::json good = nlohmann::json::parse(all->events[0].bytes);
  for (const char* required : {"id", "sequence", "streamversion", "data", "subject"}) {
    nlohmann::json bad = good;
    bad.erase(required);
    INFO(required);
    CHECK_FALSE(schema.accepts(bad));
  }
  nlohmann::json bad = good;
  bad["sequence"] = -1;
  CHECK_FALSE(schema.accepts(bad));
  bad = good;
  bad["subject"] = "nonsense/x";
  CHECK_FALSE(schema.accepts(bad));
  bad = good;
  bad["extra"] = 1;
  CHECK_FALSE(schema.accepts(bad));
}
