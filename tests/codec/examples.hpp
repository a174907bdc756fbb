// Realistic examples of every event and every command, with Vietnamese names as recorded.
#pragma once

#include <vector>

#include "thidua/domain/commands.hpp"
#include "thidua/domain/events.hpp"

namespace thidua::testing {

// One example of each alternative of domain::Event, in variant order.
std::vector<domain::Event> example_events();
// One example of each alternative of domain::Command, in variant order.
std::vector<domain::Command> example_commands();

}  // namespace thidua::testing
