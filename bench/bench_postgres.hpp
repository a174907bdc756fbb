// `thidua-bench postgres`: the workload of `thidua-bench http` (organizations registered by C
// connections, one event or a batch of K per committed transaction) against PostgreSQL used as
// an event store, for comparison. It starts its own server from Debian's package
// (/usr/lib/postgresql/<version>/bin) in a fresh temporary directory, durable as configured by
// default (fsync, synchronous_commit and full_page_writes on), and stops and deletes it at the
// end, on an error or on SIGINT/SIGTERM/SIGHUP, unless --keep is given. PostgreSQL refuses to
// run as root: run as root, the server runs as the user "postgres" (or "nobody").
#pragma once

#include <string>
#include <vector>

namespace thidua::cli {

// Runs the benchmark with the arguments after "thidua-bench postgres"; returns the exit status.
int bench_postgres(const std::vector<std::string>& args);

}  // namespace thidua::cli
