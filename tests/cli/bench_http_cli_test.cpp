// thidua-bench's `http` command, run briefly against a real thiduad on a fresh store: every
// request must be answered 2xx and counted, in the report and its result line.
#include <catch2/catch.hpp>

#include <chrono>
#include <filesystem>
#include <thread>

#include "daemon.hpp"
#include "process.hpp"
#include "temp_dir.hpp"

using namespace thidua::testing;

namespace {

constexpr char kToken[] = "bench-admin-token";

CommandResult run_bench(std::vector<std::string> args) {
  args.insert(args.begin(), THIDUA_BENCH_PATH);
  return run_command(args);
}

// A thiduad on a fresh store whose URL is `url`, once it takes commands (503 before its
// state is loaded).
struct Server {
  TempDir dir{"thidua-bench-http"};
  Daemon daemon{THIDUAD_PATH,
                {"--data", (dir.path() / "data").string(), "--listen", "127.0.0.1:0"},
                dir.path() / "stderr",
                {std::string("THIDUA_ADMIN_TOKEN=") + kToken}};
  std::string url = "http://127.0.0.1:" + std::to_string(daemon.wait_listening());

  Server() {
    for (int i = 0; i < 100; ++i) {
      CommandResult r = run_bench(
          {"http", "--url", url, "--token", kToken, "--connections", "1", "--requests", "1"});
      if (r.exit_code == 0) return;
      std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
    FAIL("thiduad does not take commands");
  }
};

}  // namespace

TEST_CASE("thidua-bench http appends single events and batches, all answered 201", "[cli]") {
  Server server;
  CommandResult one = run_bench(
      {"http", "--url", server.url, "--token", kToken, "--connections", "4", "--requests", "40"});
  INFO(one.output);
  CHECK(one.exit_code == 0);
  CHECK_THAT(one.output, Catch::Contains("failures: none"));
  CHECK_THAT(one.output, Catch::Contains("result append_http c=4 k=1 requests=40 events=40 secs="));
  CHECK_THAT(one.output, Catch::Contains(" failed=0 "));

  CommandResult batch = run_bench({"http", "--url", server.url, "--token", kToken, "--connections",
                                   "2", "--requests", "6", "--batch", "25"});
  INFO(batch.output);
  CHECK(batch.exit_code == 0);
  CHECK_THAT(batch.output,
             Catch::Contains("result append_http c=2 k=25 requests=6 events=150 secs="));
  CHECK_THAT(batch.output, Catch::Contains(" failed=0 "));
}

TEST_CASE("thidua-bench http reports refused requests by status and fails", "[cli]") {
  Server server;
  CommandResult r = run_bench({"http", "--url", server.url, "--token", "not-the-token",
                               "--connections", "2", "--requests", "10"});
  INFO(r.output);
  CHECK(r.exit_code == 1);
  CHECK_THAT(r.output, Catch::Contains("FAILURES: 10 of 10 requests: 401 x 10"));
  CHECK_THAT(r.output, Catch::Contains(" events=0 "));
  CHECK_THAT(r.output, Catch::Contains(" failed=10 "));
}

TEST_CASE("thidua-bench postgres runs the workload on a PostgreSQL of its own, then removes it",
          "[cli]") {
  CommandResult r =
      run_bench({"postgres", "--connections", "2", "--requests", "4", "--batch", "5"});
  INFO(r.output);
  REQUIRE(r.exit_code == 0);
  CHECK_THAT(r.output, Catch::Contains("fsync=on"));
  CHECK_THAT(r.output, Catch::Contains("synchronous_commit=on"));
  CHECK_THAT(r.output, Catch::Contains("failures: none"));
  CHECK_THAT(r.output,
             Catch::Contains("result append_postgres c=2 k=5 requests=4 events=20 secs="));
  CHECK_THAT(r.output, Catch::Contains(" failed=0 "));
  // "bench postgres: PostgreSQL <version> (<its directory>), ...": gone once it has stopped.
  const std::size_t open = r.output.find(" (/");
  REQUIRE(open != std::string::npos);
  const std::size_t close = r.output.find(')', open);
  REQUIRE(close != std::string::npos);
  CHECK_FALSE(std::filesystem::exists(r.output.substr(open + 2, close - open - 2)));
}
