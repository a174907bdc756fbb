// `thidua verify`: checks a log from its files (--data), a running server from outside (--url),
// or a decision's evidence package, offline (--evidence).
#pragma once

#include <string>
#include <vector>

namespace thidua::cli {

// Runs verify with the arguments after "verify"; returns the exit status: 0 when everything
// holds, 1 when something does not (the first fault is printed), 2 for bad arguments.
int verify(const std::vector<std::string>& args);

}  // namespace thidua::cli
