// End-to-end tests of the thiduad executable: started as a child process on 127.0.0.1:0 with a
// fresh data directory, driven over HTTP and stopped with a signal.
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <fstream>
#include <optional>
#include <regex>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "temp_dir.hpp"
#include "test_client.hpp"

extern char** environ;

namespace thidua::http::testing {
namespace {

using namespace std::chrono_literals;
using Clock = std::chrono::steady_clock;

// A running thiduad: stdout is a pipe read here, stderr goes to a file.
class Daemon {
 public:
  Daemon(std::vector<std::string> args, const std::filesystem::path& stderr_path) {
    int fds[2];
    REQUIRE(pipe(fds) == 0);
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_adddup2(&actions, fds[1], STDOUT_FILENO);
    posix_spawn_file_actions_addclose(&actions, fds[0]);
    posix_spawn_file_actions_addclose(&actions, fds[1]);
    posix_spawn_file_actions_addopen(&actions, STDERR_FILENO, stderr_path.c_str(),
                                     O_WRONLY | O_CREAT | O_TRUNC, 0644);
    args.insert(args.begin(), THIDUAD_PATH);
    std::vector<char*> argv;
    for (std::string& a : args) argv.push_back(a.data());
    argv.push_back(nullptr);
    int rc = posix_spawn(&pid_, THIDUAD_PATH, &actions, nullptr, argv.data(), environ);
    posix_spawn_file_actions_destroy(&actions);
    close(fds[1]);
    out_ = fds[0];
    REQUIRE(rc == 0);
  }

  ~Daemon() {
    if (pid_ > 0 && !exit_status_) {
      kill(pid_, SIGKILL);
      waitpid(pid_, nullptr, 0);
    }
    close(out_);
  }

  // The first line of stdout, or nullopt when none came within `timeout`.
  std::optional<std::string> first_line(std::chrono::milliseconds timeout) {
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

  // The exit status once the process ended, or nullopt when it did not within `timeout`.
  std::optional<int> wait_exit(std::chrono::milliseconds timeout) {
    Clock::time_point deadline = Clock::now() + timeout;
    while (!exit_status_ && Clock::now() < deadline) {
      int status = 0;
      if (waitpid(pid_, &status, WNOHANG) == pid_) {
        exit_status_ = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
      } else {
        std::this_thread::sleep_for(10ms);
      }
    }
    return exit_status_;
  }

  void signal(int sig) { REQUIRE(kill(pid_, sig) == 0); }

 private:
  pid_t pid_ = -1;
  int out_ = -1;
  std::optional<int> exit_status_;
};

std::string read_file(const std::filesystem::path& path) {
  std::ifstream in(path);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

TEST_CASE("thiduad serves on the port it reports and stops cleanly on a signal", "[thiduad]") {
  int sig = GENERATE(SIGTERM, SIGINT);
  thidua::testing::TempDir dir("thidua-thiduad");
  std::filesystem::path data = dir.path() / "data";
  Daemon daemon({"--data", data.string(), "--listen", "127.0.0.1:0"}, dir.path() / "stderr");
  std::optional<std::string> line = daemon.first_line(20s);
  INFO(read_file(dir.path() / "stderr"));
  REQUIRE(line);
  std::smatch m;
  REQUIRE(std::regex_match(
      *line, m, std::regex(R"(thiduad listening on http://127\.0\.0\.1:(\d+) \(data: (.*)\))")));
  CHECK(m[2] == data.string());
  auto port = static_cast<unsigned short>(std::stoi(m[1]));
  REQUIRE(port != 0);

  Response r =
      fetch(tcp::endpoint(boost::asio::ip::address_v4::loopback(), port), Verb::get, "/healthz");
  REQUIRE(r.result_int() == 200);
  CHECK(nlohmann::json::parse(r.body()) ==
        nlohmann::json{{"status", "ok"}, {"head", 0}, {"writes", "ok"}});
  CHECK(std::filesystem::is_directory(data));

  daemon.signal(sig);
  CHECK(daemon.wait_exit(10s) == 0);
  std::string log = read_file(dir.path() / "stderr");
  CHECK(log.find(R"({"time":")") == 0);
  CHECK(log.find(R"("log":"access")") != std::string::npos);
  CHECK(log.find(R"("target":"/healthz")") != std::string::npos);
}

TEST_CASE("thiduad takes its settings from the config file", "[thiduad]") {
  thidua::testing::TempDir dir("thidua-thiduad");
  std::filesystem::path config = dir.path() / "thiduad.json";
  std::ofstream(config) << R"({"listen": "127.0.0.1:0", "threads": 1, "tokens": [
      {"sha256": "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08",
       "role": "unit", "organization": "organization/so-tttt-gia-lai"}]})";
  std::filesystem::path data = dir.path() / "data";
  Daemon daemon({"--data", data.string(), "--config", config.string()}, dir.path() / "stderr");
  std::optional<std::string> line = daemon.first_line(20s);
  INFO(read_file(dir.path() / "stderr"));
  REQUIRE(line);
  std::smatch m;
  REQUIRE(std::regex_search(*line, m, std::regex(R"(http://127\.0\.0\.1:(\d+) )")));
  auto port = static_cast<unsigned short>(std::stoi(m[1]));
  Response r =
      fetch(tcp::endpoint(boost::asio::ip::address_v4::loopback(), port), Verb::get, "/v1/events");
  CHECK(r.result_int() == 200);
  daemon.signal(SIGTERM);
  CHECK(daemon.wait_exit(10s) == 0);
}

TEST_CASE("thiduad rejects bad arguments with usage and status 2", "[thiduad]") {
  thidua::testing::TempDir dir("thidua-thiduad");
  std::filesystem::path config = dir.path() / "bad.json";
  std::ofstream(config) << R"({"thread": 2})";
  std::string d = (dir.path() / "d").string();
  std::vector<std::vector<std::string>> cases = {
      {"--bogus"},
      {"--listen", "127.0.0.1:0"},
      {"--data"},
      {"--data", d, "--listen", "nowhere"},
      {"--data", d, "--config", config.string()},
  };
  for (const auto& args : cases) {
    INFO(args.front() << " " << args.back());
    Daemon daemon(args, dir.path() / "stderr");
    CHECK(daemon.wait_exit(10s) == 2);
    CHECK(daemon.first_line(100ms) == std::nullopt);
    CHECK_FALSE(read_file(dir.path() / "stderr").empty());
  }
  CHECK_FALSE(std::filesystem::exists(d));
}

}  // namespace
}  // namespace thidua::http::testing
