// `thidua-bench rebuild`: projection rebuild rate, startup time and memory on a generated
// history.
#pragma once

#include <string>
#include <vector>

namespace thidua::cli {

// Runs the benchmark with the arguments after "thidua-bench rebuild"; returns the exit status.
int bench_rebuild(const std::vector<std::string>& args);

}  // namespace thidua::cli
