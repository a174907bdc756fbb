// `thidua rebuild`: recomputes every projection from position 0 and compares it with the live
// one.
#pragma once

#include <string>
#include <vector>

namespace thidua::cli {

// Runs rebuild with the arguments after "rebuild"; returns the exit status: 0 when the rebuilt
// projections equal the live ones (or there are none to compare), 1 when one differs or the
// rebuild fails, 2 for bad arguments.
int rebuild(const std::vector<std::string>& args);

}  // namespace thidua::cli
