// `thidua recheck`: decides every recorded decision again under the rule book as it stands.
#pragma once

#include <string>
#include <vector>

namespace thidua::cli {

// Runs recheck with the arguments after "recheck"; returns the exit status: 0 when every
// recorded decision passes the rules as they stand, 1 when one would be refused (or the store
// cannot be read), 2 for bad arguments.
int recheck(const std::vector<std::string>& args);

}  // namespace thidua::cli
