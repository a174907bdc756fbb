#include "daemon.hpp"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <fstream>
#include <regex>
#include <sstream>
#include <stdexcept>
#include <string_view>
#include <thread>

extern char** environ;

namespace thidua::testing {

using Clock = std::chrono::steady_clock;

Daemon::Daemon(const std::string& program, std::vector<std::string> args,
               const std::filesystem::path& stderr_path, std::vector<std::string> env)
    : stderr_path_(stderr_path) {
  int fds[2];
  if (pipe(fds) != 0) throw std::runtime_error("pipe failed");
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_adddup2(&actions, fds[1], STDOUT_FILENO);
  posix_spawn_file_actions_addclose(&actions, fds[0]);
  posix_spawn_file_actions_addclose(&actions, fds[1]);
  posix_spawn_file_actions_addopen(&actions, STDERR_FILENO, stderr_path.c_str(),
                                   O_WRONLY | O_CREAT | O_TRUNC, 0644);
  args.insert(args.begin(), program);
  std::vector<char*> argv;
  for (std::string& a : args) argv.push_back(a.data());
  argv.push_back(nullptr);
  std::vector<char*> envp;
  for (char** e = environ; *e != nullptr; ++e) {
    if (std::string_view(*e).rfind("THIDUA_ADMIN_TOKEN=", 0) != 0) envp.push_back(*e);
  }
  for (std::string& e : env) envp.push_back(e.data());
  envp.push_back(nullptr);
  int rc = posix_spawn(&pid_, program.c_str(), &actions, nullptr, argv.data(), envp.data());
  posix_spawn_file_actions_destroy(&actions);
  close(fds[1]);
  out_ = fds[0];
  if (rc != 0) throw std::runtime_error("cannot start " + program);
}

Daemon::~Daemon() {
  if (pid_ > 0 && !exit_status_) {
    kill(pid_, SIGKILL);
    waitpid(pid_, nullptr, 0);
  }
  close(out_);
}

std::optional<std::string> Daemon::first_line(std::chrono::milliseconds timeout) {
  std::string line;
  Clock::time_point deadline = Clock::now() + timeout;
  while (Clock::now() < deadline) {
    pollfd p{out_, POLLIN, 0};
    auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now());
    if (poll(&p, 1, static_cast<int>(left.count()) + 1) <= 0) continue;
    char c;
    if (read(out_, &c, 1) != 1) return std::nullopt;
    if (c == '\n') return line;
    line += c;
  }
  return std::nullopt;
}

std::uint16_t Daemon::wait_listening() {
  std::optional<std::string> line = first_line(std::chrono::seconds(20));
  std::smatch m;
  if (!line || !std::regex_search(*line, m, std::regex(R"(http://127\.0\.0\.1:(\d+) )"))) {
    std::ifstream in(stderr_path_);
    std::stringstream log;
    log << in.rdbuf();
    throw std::runtime_error("thiduad did not report listening: " + log.str());
  }
  return static_cast<std::uint16_t>(std::stoi(m[1]));
}

std::optional<int> Daemon::wait_exit(std::chrono::milliseconds timeout) {
  Clock::time_point deadline = Clock::now() + timeout;
  while (!exit_status_ && Clock::now() < deadline) {
    int status = 0;
    if (waitpid(pid_, &status, WNOHANG) == pid_) {
      exit_status_ = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
    } else {
      std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
  }
  return exit_status_;
}

void Daemon::signal(int sig) {
  if (kill(pid_, sig) != 0) throw std::runtime_error("kill failed");
}

}  // namespace thidua::testing
