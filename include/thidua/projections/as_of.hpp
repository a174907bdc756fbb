// Answers as they stood at an earlier position, as the log alone gives them.
//
// The log is the history: the document at key K as of position P is the document the
// projector renders for the state folded from the events at positions 0..P. The projector
// keeps each document it commits as a version (document_store.hpp), and an answer whose version
// is kept is read. Otherwise it is folded: the events of the streams K depends on
// (domain/dependencies.hpp), at positions up to P, are applied to an empty state, which is
// rendered with the projector's own code. Those streams are named from the current state, which
// only adds references, so the answer never reads anything after P and comes out the same, byte for
// byte, however much later it is asked. Its cost is that of reading those streams (the
// cluster-year's scores, a subject's decisions, ...), not of the log's length; an answer asked
// again is kept in an AnswerCache (answer_cache.hpp).
// Thread-safe when the store is.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <set>
#include <string>

#include "thidua/domain/decide.hpp"
#include "thidua/domain/state.hpp"
#include "thidua/projections/answer_cache.hpp"
#include "thidua/projections/document_store.hpp"
#include "thidua/store/event_store.hpp"

namespace thidua::projections {

// The streams the document at `key` (views.hpp) depends on, named from `now`, a state at or
// past the positions it will be asked about. Empty for a key no projection has.
std::set<std::string> document_streams(const domain::State& now, const std::string& key);

// The state folded from the events of `streams` at positions up to `position` (inclusive), in
// position order; next_position is one past the last of them. kIOError / kCorruption from
// reading or decoding the log.
Result<domain::State> fold_streams(const EventStore& store, const std::set<std::string>& streams,
                                   std::uint64_t position);

// The text of the document at `key` as of `position`, folded from `streams` (named by
// document_streams), or nullopt when it did not exist then. With a cache, an answer kept for
// the same effective position is returned instead of folded again, and a folded one is kept.
// With `versions`, the projector's documents, the version kept at or before `position` is the
// answer when no mark says the document changed after it (DocumentStore::commit): read, not
// folded, and the streams are not named (see docs/projections.md, "Versions").
Result<std::optional<std::string>> render_as_of(const EventStore& store,
                                                const std::set<std::string>& streams,
                                                const std::string& key, std::uint64_t position,
                                                AnswerCache* cache = nullptr,
                                                const DocumentStore* versions = nullptr);
// The same, with the streams named only when the answer is not kept already.
using StreamsOf = std::function<std::set<std::string>()>;
Result<std::optional<std::string>> render_as_of(const EventStore& store, const StreamsOf& streams,
                                                const std::string& key, std::uint64_t position,
                                                AnswerCache* cache = nullptr,
                                                const DocumentStore* versions = nullptr);

// The text of the document at `key` as of `position` (as the projector writes it), or nullopt
// when it did not exist then. `now` is a state at or past `position`.
Result<std::optional<std::string>> document_as_of(const EventStore& store, const domain::State& now,
                                                  const std::string& key, std::uint64_t position);

// The state that check_eligibility() needs to answer `question` as of `position`.
Result<domain::State> eligibility_state_as_of(const EventStore& store, const domain::State& now,
                                              const domain::EligibilityQuestion& question,
                                              std::uint64_t position);

}  // namespace thidua::projections
