// JSON for the domain's events: the `data` of each stored CloudEvent, its type name and schema.
//
// Event data is written by the generic writer (describe_json.hpp): members in describe()
// order, so the same event always gives the same bytes. An event named "ScoreEntered" has the
// CloudEvents type "vn.thidua.score_entered.v1" (the store's type names are lower case, see
// docs/storage.md) and the schema "events/ScoreEntered.v1.json". Pure functions; thread-safe.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "thidua/codec/describe_json.hpp"
#include "thidua/codec/schema_registry.hpp"
#include "thidua/domain/events.hpp"
#include "thidua/store/event.hpp"
#include "thidua/util/status.hpp"

namespace thidua::codec {

// "vn.thidua.<snake_case name>.v1", e.g. "vn.thidua.score_entered.v1" for "ScoreEntered".
std::string event_type(std::string_view event_name);
// The event name of a type made by event_type(), or "" when `type` is no event's type.
std::string_view event_name_of_type(std::string_view type);
// `schema_base` + "events/<name>.v1.json"; schema_base ends in '/' (e.g. kSchemaBaseUri).
std::string event_schema_uri(std::string_view event_name, std::string_view schema_base);

// The event's data object.
OrderedJson encode_event(const domain::Event& event);

// A ProposedEvent with type, subject (domain::subject_of), dataschema (under `schema_base`)
// and data (the encoded event as compact text) filled in, and for a DecisionIssued the
// `ruleset` extension; id, source, time and the other extension attributes are left empty for
// the caller. Status::invalid_argument when a string of the
// event is not UTF-8.
Result<ProposedEvent> propose_event(const domain::Event& event, std::string_view schema_base);

// The event of type `type` (as event_type() names it) with data `data`. Status::not_found for
// an unknown type; Status::invalid_argument with the JSON Pointer of the bad member when the
// data is not that event's (unknown or missing members, wrong types, unreal dates, inexact
// decimals, strings that are not UTF-8). The data is not validated against its schema: stored
// events were checked when their commands were.
Result<domain::Event> decode_event(std::string_view type, const nlohmann::json& data);

// The event of type `type` whose stored CloudEvents envelope (JSON text with a `data` member)
// is `envelope`, read several times faster than by parsing the envelope as nlohmann::json and
// calling decode_event(), for rebuilding projections. nullopt when the event does not decode
// that way, or when the fast reader cannot be sure it reads it as decode_event() would (a
// repeated member, say): decode_event() then gives the event or says what is wrong. Whenever
// it gives an event, decode_event() gives the same one.
std::optional<domain::Event> try_decode_stored_event(std::string_view type,
                                                     std::string_view envelope);

}  // namespace thidua::codec
