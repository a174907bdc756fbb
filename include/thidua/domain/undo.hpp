// UndoLog: what evolve() changes, kept so that it can be put back.
//
// A batch of commands is decided one command at a time, each against the state its
// predecessors left (their events folded in). When a later command is refused, the batch is
// appended not at all and the state must be as it was before the batch: remember() keeps, the
// first time an event of the batch touches it, each entry of the state the event will change
// (an organization, a cluster with its years, a decision, an index entry); undo() puts every
// kept entry back (or removes it, when it did not exist) and the position. The cost is that of
// copying the entries a batch touches, once each, whatever the state's size.
//
// Not synchronised: used by the one writer of the state.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "thidua/domain/state.hpp"

namespace thidua::domain {

class UndoLog {
 public:
  // Keeps what evolve(state, event, ·) is about to change. Call before each evolve.
  void remember(const State& state, const Event& event);
  // Puts `state` back as it was before the first remember() (since the last undo or clear).
  void undo(State& state);
  // Forgets what was kept (the batch went through).
  void clear();
  bool empty() const { return restores_.empty(); }

 private:
  template <class Map>
  void keep(const State& state, Map State::*map, const typename Map::key_type& key,
            std::string_view tag);

  std::vector<std::function<void(State&)>> restores_;
  std::set<std::string> kept_;  // "<tag>\x1f<key>" of what is already kept
  std::optional<std::uint64_t> next_position_;
};

}  // namespace thidua::domain
