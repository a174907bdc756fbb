#include "subcommands.hpp"

#include <iostream>

namespace thidua::cli {

int run_subcommand(int argc, char** argv, const char* program, const char* usage,
                   const std::vector<Subcommand>& subcommands) {
  const std::vector<std::string> args(argv + 1, argv + argc);
  if (args.empty() || args[0] == "--help" || args[0] == "-h") {
    std::cout << usage;
    return args.empty() ? 2 : 0;
  }
  for (const Subcommand& subcommand : subcommands) {
    if (args[0] == subcommand.name) return subcommand.run({args.begin() + 1, args.end()});
  }
  std::cerr << program << ": unknown command '" << args[0] << "'\n" << usage;
  return 2;
}

}  // namespace thidua::cli
