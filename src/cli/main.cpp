// thidua: the command-line tool. Each subcommand is a function taking its own arguments.
#include "load.hpp"
#include "rebuild.hpp"
#include "recheck.hpp"
#include "subcommands.hpp"
#include "verify.hpp"

namespace {

constexpr char kUsage[] =
    "usage: thidua <command> [options]\n"
    "commands:\n"
    "  verify         check a store (--data DIR) or a running server (--url URL)\n"
    "  rebuild        recompute every projection from position 0 and compare with the live one\n"
    "  recheck        decide every recorded decision again under the rule book as it stands\n"
    "  load           give the commands of files (e.g. the demo) to a running server\n"
    "Run a command with --help for its options. The benchmarks are thidua-bench's.\n";

}  // namespace

int main(int argc, char** argv) {
  using namespace thidua::cli;
  return run_subcommand(
      argc, argv, "thidua", kUsage,
      {{"verify", verify}, {"load", load}, {"rebuild", rebuild}, {"recheck", recheck}});
}
