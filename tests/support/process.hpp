// Runs a command to completion and captures what it printed, for tests of executables.
#pragma once

#include <string>
#include <vector>

namespace thidua::testing {

struct CommandResult {
  int exit_code = -1;  // -1 when it did not exit normally
  std::string output;  // stdout and stderr, interleaved
};

// Runs argv[0] (a path, or a name looked up in PATH) with the arguments that follow.
CommandResult run_command(const std::vector<std::string>& argv);

}  // namespace thidua::testing
