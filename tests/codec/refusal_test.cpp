// Bad command bodies and event data are refused with the JSON Pointer of the bad member, never
// with an exception.
#include <catch2/catch.hpp>

#include <algorithm>

#include "examples.hpp"
#include "thidua/codec/command_codec.hpp"
#include "thidua/codec/event_codec.hpp"

using namespace thidua;
using codec::FieldError;

namespace {

nlohmann::json body_of(std::size_t command_index) {
  return nlohmann::json(codec::encode_command(testing::example_commands().at(command_index)));
}

nlohmann::json enter_score() { return body_of(20); }
nlohmann::json adopt_covenant() { return body_of(18); }
nlohmann::json register_organization() { return body_of(0); }

// The errors decode_command reports for `body`; fails the test if it accepts the body.
std::vector<FieldError> refusals(const char* command, const nlohmann::json& body) {
  std::vector<FieldError> errors;
  Result<domain::Command> decoded = codec::decode_command(command, body, &errors);
  REQUIRE_FALSE(decoded.is_ok());
  CHECK(decoded.status().code() == Status::Code::kInvalidArgument);
  REQUIRE_FALSE(errors.empty());
  CHECK(decoded.status().message().starts_with(codec::to_string(errors.front())));
  return errors;
}

std::vector<std::string> pointers(const std::vector<FieldError>& errors) {
  std::vector<std::string> out;
  for (const FieldError& e : errors) out.push_back(e.pointer);
  return out;
}

}  // namespace

TEST_CASE("the examples used here are the commands they are named after", "[codec]") {
  CHECK(domain::command_name(testing::example_commands().at(20)) == "EnterScore");
  CHECK(domain::command_name(testing::example_commands().at(18)) == "AdoptCovenant");
  CHECK(domain::command_name(testing::example_commands().at(0)) == "RegisterOrganization");
}

TEST_CASE("unknown and missing members are pointed at by name", "[codec]") {
  nlohmann::json body = enter_score();
  body["weight"] = 2;
  CHECK(refusals("EnterScore", body) == std::vector<FieldError>{{"/weight", "unknown member"}});

  body = adopt_covenant();
  body["criteria"][1]["weight"] = 2;
  CHECK(pointers(refusals("AdoptCovenant", body)) ==
        std::vector<std::string>{"/criteria/1/weight"});

  body = enter_score();
  body.erase("points");
  CHECK(refusals("EnterScore", body) ==
        std::vector<FieldError>{{"/points", "missing required member"}});
}

TEST_CASE("wrong types, bad enums and bad ids are refused by the schema", "[codec]") {
  nlohmann::json body = enter_score();
  body["year"] = "2019";
  CHECK(refusals("EnterScore", body) == std::vector<FieldError>{{"/year", "wrong type"}});

  body = enter_score();
  body["year"] = 2019.0;
  CHECK(pointers(refusals("EnterScore", body)) == std::vector<std::string>{"/year"});

  body = enter_score();
  body["kind"] = "mutual";
  CHECK(refusals("EnterScore", body) ==
        std::vector<FieldError>{{"/kind", "expected one of: self, cross, final"}});

  body = enter_score();
  body["cluster"] = "Cum-6";
  CHECK(refusals("EnterScore", body) ==
        std::vector<FieldError>{{"/cluster", "does not match ^[a-z0-9][a-z0-9._-]{0,63}$"}});

  body = enter_score();
  body["evidence"] = nullptr;
  CHECK(pointers(refusals("EnterScore", body)) == std::vector<std::string>{"/evidence"});
}

TEST_CASE("every schema error is reported, each with its pointer", "[codec]") {
  nlohmann::json body = adopt_covenant();
  body["year"] = 1800;
  body["criteria"][0]["max_points"] = -1;
  body["criteria"][2].erase("text");
  body["ranking_basis"] = "best";
  body["criteria"][1]["weight"] = 1;
  body["criteria"][1]["note"] = "x";
  body["signed"] = true;
  std::vector<FieldError> errors = refusals("AdoptCovenant", body);
  std::sort(errors.begin(), errors.end(),
            [](const FieldError& a, const FieldError& b) { return a.pointer < b.pointer; });
  CHECK(errors ==
        std::vector<FieldError>{{"/criteria/0/max_points", "must be at least 0"},
                                {"/criteria/1/note", "unknown member"},
                                {"/criteria/1/weight", "unknown member"},
                                {"/criteria/2/text", "missing required member"},
                                {"/ranking_basis", "expected one of: final, cross_average"},
                                {"/signed", "unknown member"},
                                {"/year", "must be at least 1900"}});
}

TEST_CASE("what the schema cannot say is refused by the codec", "[codec]") {
  nlohmann::json bad_date = body_of(22);  // CloseScoring
  bad_date["date"] = "2019-02-30";
  std::vector<FieldError> errors = refusals("CloseScoring", bad_date);
  CHECK(pointers(errors) == std::vector<std::string>{"/date"});

  nlohmann::json covenant = adopt_covenant();
  covenant["criteria"][2]["max_points"] = 10.125;
  errors = refusals("AdoptCovenant", covenant);
  CHECK(errors ==
        std::vector<FieldError>{{"/criteria/2/max_points", "at most two decimal places"}});

  covenant["criteria"][2]["max_points"] = 10.25;
  CHECK(codec::decode_command("AdoptCovenant", covenant).is_ok());
}

TEST_CASE("strings that are not UTF-8 are refused cleanly", "[codec]") {
  nlohmann::json body = register_organization();
  body["name"] = std::string("S\xE1\xBB") + "\x9F Th\xC3";  // "Sở Th", then a lone lead byte
  CHECK(refusals("RegisterOrganization", body) ==
        std::vector<FieldError>{{"/name", "not valid UTF-8"}});

  body = register_organization();
  body[std::string("k\xFF")] = 1;
  CHECK(refusals("RegisterOrganization", body) ==
        std::vector<FieldError>{{"/k\xEF\xBF\xBD", "member name is not valid UTF-8"}});

  // Not even an exception when the same bytes arrive as text, or reach the event reader.
  Result<nlohmann::json> parsed = codec::parse_json("{\"name\":\"S\xE1\xBB\"}");
  REQUIRE_FALSE(parsed.is_ok());
  CHECK(codec::valid_utf8(parsed.status().message()));
  nlohmann::json data = nlohmann::json(codec::encode_event(testing::example_events().at(0)));
  data["name"] = std::string("\xC0\xAF");  // an overlong '/'
  Result<domain::Event> event = codec::decode_event("vn.thidua.organization_registered.v1", data);
  REQUIRE_FALSE(event.is_ok());
  CHECK(event.status().message() == "/name: not valid UTF-8");

  domain::OrganizationRegistered registered{"x",
                                            std::string("\xED\xA0\x80"),  // a surrogate
                                            domain::OrganizationKind::kAgency,
                                            {},
                                            {}};
  Result<ProposedEvent> proposed = codec::propose_event(registered, codec::kSchemaBaseUri);
  REQUIRE_FALSE(proposed.is_ok());
  CHECK(proposed.status().message() == "/name: not valid UTF-8");
}

TEST_CASE("over-long strings are refused, measured in characters", "[codec]") {
  std::string name;
  for (int i = 0; i < 300; ++i) name += "ễ";  // 3 bytes each
  nlohmann::json body = register_organization();
  body["name"] = name;
  CHECK(codec::decode_command("RegisterOrganization", body).is_ok());
  body["name"] = name + "a";
  CHECK(refusals("RegisterOrganization", body) ==
        std::vector<FieldError>{{"/name", "too long: at most 300 characters"}});
  body["name"] = "";
  CHECK(refusals("RegisterOrganization", body) ==
        std::vector<FieldError>{{"/name", "must not be empty"}});
}

TEST_CASE("unknown commands and event types are not found", "[codec]") {
  CHECK(codec::decode_command("EnterScores", enter_score()).status().code() ==
        Status::Code::kNotFound);
  CHECK(
      codec::decode_event("vn.thidua.score_entered.v2", nlohmann::json::object()).status().code() ==
      Status::Code::kNotFound);
}

TEST_CASE("event data is read strictly", "[codec]") {
  nlohmann::json data = nlohmann::json(codec::encode_event(testing::example_events().at(20)));
  const std::string type = "vn.thidua.score_entered.v1";
  REQUIRE(codec::decode_event(type, data).is_ok());
  nlohmann::json bad = data;
  bad["points"] = 14.251;
  CHECK(codec::decode_event(type, bad).status().message() == "/points: at most two decimal places");
  bad = data;
  bad.erase("scorer");
  CHECK(codec::decode_event(type, bad).status().message() == "/scorer: missing required member");
  bad = data;
  bad["extra"] = true;
  CHECK(codec::decode_event(type, bad).status().message() == "/extra: unknown member");
  CHECK(codec::decode_event(type, nlohmann::json::array()).status().message() ==
        "expected an object");
}
