// A small recorded history for the projection tests: commands decided by the domain (the test
// World) and appended to a real store as the server would, one atomic append per command.
#pragma once

#include <string>

#include "thidua/store/event_store.hpp"
#include "world.hpp"

namespace thidua::testing {

class Recorder {
 public:
  explicit Recorder(EventStore& store) : store_(store) {}

  // Decides `command`, REQUIREs acceptance, appends its events; returns the first position.
  std::uint64_t record(const domain::Command& command);

  // The story used by several tests: Cluster No. 6's 2019 year (covenant, signatures, final
  // scores, close, leader votes), the Ministry's council, a proposal, its vote and the flag
  // decision; a person's LDTT, later revoked; a merger; a movement with progress.
  void cluster6_story();

  World world;

 private:
  EventStore& store_;
};

}  // namespace thidua::testing
