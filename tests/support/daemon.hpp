// A thiduad started as a child process for end-to-end tests: its stdout is a pipe read here,
// its stderr goes to a file. Killed with SIGKILL when destroyed, unless it already exited.
#pragma once

#include <sys/types.h>

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace thidua::testing {

class Daemon {
 public:
  // Starts `program` with `args`. `env` holds "NAME=value" entries added to this process's
  // environment, from which THIDUA_ADMIN_TOKEN is always removed so that only a test sets it.
  // Throws std::runtime_error when the process cannot be started.
  Daemon(const std::string& program, std::vector<std::string> args,
         const std::filesystem::path& stderr_path, std::vector<std::string> env = {});
  ~Daemon();
  Daemon(const Daemon&) = delete;
  Daemon& operator=(const Daemon&) = delete;

  // The first line of stdout, or nullopt when none came within `timeout`.
  std::optional<std::string> first_line(std::chrono::milliseconds timeout);

  // The port of the "thiduad listening on http://127.0.0.1:PORT ..." line; throws
  // std::runtime_error (with the daemon's stderr) when no such line comes within 20 s.
  std::uint16_t wait_listening();

  // The exit status once the process ended, or nullopt when it did not within `timeout`.
  std::optional<int> wait_exit(std::chrono::milliseconds timeout);

  // Sends `sig`; throws std::runtime_error when that fails.
  void signal(int sig);

 private:
  pid_t pid_ = -1;
  int out_ = -1;
  std::filesystem::path stderr_path_;
  std::optional<int> exit_status_;
};

}  // namespace thidua::testing
