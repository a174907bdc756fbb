// The main() of an executable made of subcommands (thidua, thidua-bench): the first argument
// names the subcommand, which gets the arguments after it.
#pragma once

#include <string>
#include <vector>

namespace thidua::cli {

struct Subcommand {
  const char* name;
  // Runs the subcommand on the arguments after its name; returns the process exit status.
  int (*run)(const std::vector<std::string>& args);
};

// With no argument, prints `usage` on stdout and returns 2; with --help or -h, prints it and
// returns 0. Otherwise runs the subcommand the first argument names, or reports an unknown one
// on stderr as "`program`: unknown command ..." with the usage and returns 2.
int run_subcommand(int argc, char** argv, const char* program, const char* usage,
                   const std::vector<Subcommand>& subcommands);

}  // namespace thidua::cli
