// `thidua-bench append`: durable append throughput and latency of the RocksDB store.
#pragma once

#include <string>
#include <vector>

namespace thidua::cli {

// Runs the benchmark with the arguments after "thidua-bench append"; returns the exit status.
int bench_append(const std::vector<std::string>& args);

}  // namespace thidua::cli
