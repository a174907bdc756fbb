// A small command-line parser for the subcommands of the command-line executables: "--name
// value" pairs, strictly checked. Not thread-safe (one per command).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace thidua::cli {

// Prints "thidua: <message>" on stderr and returns `exit_code`, for one-line error exits.
int complain(const std::string& message, int exit_code);

// When the first argument is --help or -h, prints `usage` on stdout and returns true.
bool asked_for_help(const std::vector<std::string>& args, const char* usage);

class ArgParser {
 public:
  ArgParser(std::vector<std::string> args, const char* usage);

  bool more() const { return i_ < args_.size() && !failed_; }
  // When the next argument is `name`, consumes it and its value and returns true. A missing or
  // malformed value, or one below `min`, marks the parse failed (with a message on stderr).
  bool take_uint(const char* name, std::uint64_t& out, std::uint64_t min = 0);
  bool take_string(const char* name, std::string& out);
  // When the next argument is the flag `name` (no value), consumes it and returns true.
  bool take_flag(const char* name);
  // Reports the unexpected next argument with the usage; returns exit status 2.
  int fail();
  bool failed() const { return failed_; }

 private:
  const std::string* value_for(const char* name);

  std::vector<std::string> args_;
  const char* usage_;
  std::size_t i_ = 0;
  bool failed_ = false;
};

}  // namespace thidua::cli
