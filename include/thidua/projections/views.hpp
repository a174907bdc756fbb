// The read models of thidua, rendered from the domain state as the JSON documents the query
// endpoints serve: a cluster-year's ranking, a subject's award history, a decision, the
// decisions index, a movement's progress. Rendering is a pure function of the state, so the
// same state always gives the same bytes (what makes a rebuilt projection hash equal to the
// live one). document_keys() says which documents an event changes.
//
// Document keys (docs/projections.md):
//   ranking/<cluster>/<year>            the ranking of a cluster-year
//   awards/person/<id>                  a person's award history
//   awards/organization/<id>            an organization's award history, with inherited awards
//   decisions/<id>                      a decision with its corrections and revocation
//   decision-index/<year>/<award>/<issuer>/<id>   a decision's summary, for listing
//   movements/<id>                      a movement, its registrations and progress
// Pure functions; thread-safe on a state nobody is changing.
#pragma once

#include <optional>
#include <set>
#include <string>
#include <vector>

#include "thidua/codec/describe_json.hpp"
#include "thidua/domain/state.hpp"

namespace thidua::projections {

using codec::OrderedJson;

// The projections, by key prefix, in the order `thidua rebuild` reports them.
const std::vector<std::string>& projection_names();

// The document at `key` for `state`, or nullopt when the key names nothing (the document is
// then deleted). REQUIRES: `key` is one document_keys() can return.
std::optional<OrderedJson> render_document(const domain::State& state, const std::string& key);

// The ranking of one cluster-year: status, covenant and maxima, the ranked members with their
// per-criterion points, every score with who entered it and its corrections, signatures,
// officers and votes. `names` supplies the organizations' current names.
OrderedJson render_ranking(const domain::State& names, const domain::ClusterState& cluster,
                           int year);

// The keys of the documents `event` changes, given the state after it was applied.
std::set<std::string> document_keys(const domain::State& state, const domain::Event& event);

// "decision-index/<year>/<award>/<issuer>/<id>" of a decision.
std::string decision_index_key(const domain::DecisionIssued& decision);

}  // namespace thidua::projections
