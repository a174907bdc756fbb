// Rankings as they stood at an earlier position, recomputed from the log.
//
// The log is the history: the ranking of a cluster-year at position P is the ranking of the
// state folded from the events of that cluster's streams ("cluster/<id>" and
// "cluster/<id>/<year>") at positions up to and including P. No past copy is kept, so what an
// auditor gets is exactly what a replay of the log gives. Thread-safe when the store is.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "thidua/codec/describe_json.hpp"
#include "thidua/domain/state.hpp"
#include "thidua/store/event_store.hpp"

namespace thidua::projections {

// The ranking document (views.hpp, render_ranking) of `cluster`'s `year` as of `position`
// (inclusive). `names` supplies the organizations' names. nullopt when the cluster-year had no
// event at or before `position`. kIOError / kCorruption from reading or decoding the log.
Result<std::optional<codec::OrderedJson>> ranking_as_of(const EventStore& store,
                                                        const domain::State& names,
                                                        const std::string& cluster, int year,
                                                        std::uint64_t position);

}  // namespace thidua::projections
