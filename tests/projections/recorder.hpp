// A small recorded history for the projection tests: commands decided by the domain (the test
// World) and appended to a real store as the server would, one atomic append per command.
#pragma once

#include <cstdint>
#include <functional>
#include <string>

#include "thidua/store/event_store.hpp"
#include "world.hpp"

namespace thidua::testing {

class Recorder {
 public:
  // Gives a command to whatever appends it (the HTTP API, say) and returns the position of its
  // first event.
  using Sink = std::function<std::uint64_t(const domain::Command&)>;

  explicit Recorder(EventStore& store, Sink sink = {}) : store_(store), sink_(std::move(sink)) {}

  // Decides `command`, REQUIREs acceptance, appends its events (or hands the command to the
  // sink, which must append the same events); returns the first position.
  std::uint64_t record(const domain::Command& command);

  // The story used by several tests: Cluster No. 6's 2019 year (covenant, signatures, final
  // scores, close, leader votes), the Ministry's council, a proposal, its vote and the flag
  // decision; a person's LDTT, later revoked; a merger; a movement with progress.
  void cluster6_story();

  World world;

 private:
  EventStore& store_;
  Sink sink_;
};

}  // namespace thidua::testing
