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

  // The world decides under the standard rule book (codec/rule_book.hpp), as the server does.
  explicit Recorder(EventStore& store, Sink sink = {});

  // Decides `command`, REQUIREs acceptance, appends its events (or hands the command to the
  // sink, which must append the same events); returns the first position.
  std::uint64_t record(const domain::Command& command);

  // The story used by several tests: Cluster No. 6's 2019 year (covenant, signatures, final
  // scores, close, leader votes), the Ministry's council, a proposal, its vote and the flag
  // decision; a person's LDTT, later revoked; a merger; a movement with progress.
  void cluster6_story();

  // A decision the rule book now refuses: a commune's CSTDCS for 2019 ("qd-cstdcs-ia-blang-2019"),
  // decided under a book that still let a commune decide it, as the standard book did before
  // Decree 91/2017 Art. 43(2)(a) was encoded. For the tests of recheck.
  void commune_cstdcs_under_old_rule();

  World world;

 private:
  // Registers a person of `organization`, rated `rating_2019` for 2019.
  void rated_person(const std::string& id, const std::string& name, const std::string& organization,
                    domain::Rating rating_2019);

  EventStore& store_;
  Sink sink_;
};

}  // namespace thidua::testing
