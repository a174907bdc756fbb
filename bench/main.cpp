// thidua-bench: the benchmarks, apart from the product's command-line tool. Each subcommand is
// a function taking its own arguments.
#include "bench_append.hpp"
#include "bench_http.hpp"
#include "bench_postgres.hpp"
#include "bench_proofs.hpp"
#include "bench_rebuild.hpp"
#include "subcommands.hpp"

namespace {

constexpr char kUsage[] =
    "usage: thidua-bench <command> [options]\n"
    "commands:\n"
    "  append    durable append throughput and latency of the event store\n"
    "  http      durable commands per second and their latency through a running server\n"
    "  postgres  the same workload against a PostgreSQL server of its own, to compare\n"
    "  proofs    inclusion and consistency proofs per second from a store\n"
    "  rebuild   projection rebuild rate, restart time and memory on a generated history\n"
    "Run a command with --help for its options.\n";

}  // namespace

int main(int argc, char** argv) {
  using namespace thidua::cli;
  return run_subcommand(argc, argv, "thidua-bench", kUsage,
                        {{"append", bench_append},
                         {"http", bench_http},
                         {"postgres", bench_postgres},
                         {"proofs", bench_proofs},
                         {"rebuild", bench_rebuild}});
}
