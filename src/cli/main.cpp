// thidua: the command-line tool. Each subcommand is a function taking its own arguments.
#include <cstring>
#include <iostream>
#include <string>
#include <vector>

#include "bench_append.hpp"
#include "bench_http.hpp"
#include "bench_postgres.hpp"
#include "bench_proofs.hpp"
#include "bench_rebuild.hpp"
#include "load.hpp"
#include "rebuild.hpp"
#include "recheck.hpp"
#include "verify.hpp"

namespace {

constexpr char kUsage[] =
    "usage: thidua <command> [options]\n"
    "commands:\n"
    "  verify         check a store (--data DIR) or a running server (--url URL)\n"
    "  rebuild        recompute every projection from position 0 and compare with the live one\n"
    "  recheck        decide every recorded decision again under the rule book as it stands\n"
    "  load           give the commands of files (e.g. the demo) to a running server\n"
    "  bench append   durable append throughput and latency of the event store\n"
    "  bench http     durable commands per second and their latency through a running server\n"
    "  bench postgres the same workload against a PostgreSQL server of its own, to compare\n"
    "  bench proofs   inclusion and consistency proofs per second from a store\n"
    "  bench rebuild  projection rebuild rate, restart time and memory on a generated history\n"
    "Run a command with --help for its options.\n";

}  // namespace

int main(int argc, char** argv) {
  std::vector<std::string> args(argv + 1, argv + argc);
  if (args.empty() || args[0] == "--help" || args[0] == "-h") {
    std::cout << kUsage;
    return args.empty() ? 2 : 0;
  }
  if (args.size() >= 2 && args[0] == "bench" && args[1] == "append") {
    return thidua::cli::bench_append({args.begin() + 2, args.end()});
  }
  if (args.size() >= 2 && args[0] == "bench" && args[1] == "http") {
    return thidua::cli::bench_http({args.begin() + 2, args.end()});
  }
  if (args.size() >= 2 && args[0] == "bench" && args[1] == "postgres") {
    return thidua::cli::bench_postgres({args.begin() + 2, args.end()});
  }
  if (args.size() >= 2 && args[0] == "bench" && args[1] == "proofs") {
    return thidua::cli::bench_proofs({args.begin() + 2, args.end()});
  }
  if (args.size() >= 2 && args[0] == "bench" && args[1] == "rebuild") {
    return thidua::cli::bench_rebuild({args.begin() + 2, args.end()});
  }
  if (args[0] == "verify") return thidua::cli::verify({args.begin() + 1, args.end()});
  if (args[0] == "load") return thidua::cli::load({args.begin() + 1, args.end()});
  if (args[0] == "rebuild") return thidua::cli::rebuild({args.begin() + 1, args.end()});
  if (args[0] == "recheck") return thidua::cli::recheck({args.begin() + 1, args.end()});
  std::cerr << "thidua: unknown command '" << args[0] << "'\n" << kUsage;
  return 2;
}
