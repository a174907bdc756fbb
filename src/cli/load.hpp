// thidua load: gives the commands of one or more files to a running server, in order, through
// its public API.
#pragma once

#include <string>
#include <vector>

namespace thidua::cli {

// Runs "thidua load"; returns the process exit status.
int load(const std::vector<std::string>& args);

}  // namespace thidua::cli
