// A crash loop over HTTP: writer threads load the real thiduad with commands while it is killed
// with SIGKILL at a random moment, round after round, over the same data directory. After each
// kill, `thidua verify --data` and `thidua rebuild --data` run on the store as the crash left
// it; after each restart the log is read back over HTTP and held to every answer the writers
// got, the new checkpoint to the last one served before the kill, and the server must go on
// taking writes. The run ends with a clean stop, a last verify and a last rebuild.
//
// Environment:
//   THIDUA_CRASH_ROUNDS  the number of kills (default 5); raise it for a soak, e.g. 200.
//   THIDUA_CRASH_SEED    the seed of the kill moments and the writes' mix, to repeat a run;
//                        every run prints its seed. On a failure the data directory and the
//                        server's logs are kept in $TMPDIR/thidua-crash-loop-SEED.
#include <signal.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <memory>
#include <random>
#include <string>
#include <thread>
#include <vector>

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "daemon.hpp"
#include "http_session.hpp"
#include "log_checks.hpp"
#include "process.hpp"
#include "temp_dir.hpp"
#include "thidua/util/sha256.hpp"
#include "workload.hpp"

namespace thidua::reliability {
namespace {

using namespace std::chrono_literals;
using json = nlohmann::json;
using Clock = std::chrono::steady_clock;
namespace fs = std::filesystem;

constexpr int kWriters = 4;
constexpr char kAdminToken[] = "crash-loop-admin-token";
constexpr char kAuditorToken[] = "crash-loop-auditor-token";
// Load runs until this many writes are acknowledged, then for a random time of up to
// kMaxKillDelayMs before the kill.
constexpr std::size_t kMinAcknowledged = 10;
constexpr int kMaxKillDelayMs = 700;
// Acknowledged idempotent writes of earlier rounds repeated after each restart, besides all
// of the round just ended.
constexpr std::size_t kOlderRepeats = 20;

std::uint64_t env_number(const char* name, std::uint64_t fallback) {
  const char* text = std::getenv(name);
  return text != nullptr && *text != '\0' ? std::stoull(text) : fallback;
}

double seconds_since(Clock::time_point start) {
  return std::chrono::duration<double>(Clock::now() - start).count();
}

std::string trimmed(std::string text) {
  while (!text.empty() && text.back() == '\n') text.pop_back();
  return text;
}

class CrashLoop {
 public:
  explicit CrashLoop(std::uint64_t seed) : seed_(seed), rng_(seed), dir_("thidua-crash-loop") {
    std::ofstream(config_) << json{
        {"checkpoint_interval_ms", 20},
        {"shutdown_grace_ms", 5000},
        {"tokens", json::array({{{"sha256", to_hex(sha256(kAuditorToken))},
                                 {"role", "auditor"},
                                 {"name", "monitor"}}})}};
  }

  void start();
  void kill_under_load(int round);
  void check_crashed_store(int round);
  void check_restarted(int round);
  void stop_cleanly(int round);

 private:
  HttpSession admin() { return HttpSession(port_, kAdminToken); }
  std::string url() const { return "http://127.0.0.1:" + std::to_string(port_); }
  ServedLog check_log(const std::string& when, Problems& problems);
  void check_checkpoint(HttpSession& session, const ServedLog& log, Problems& problems);
  void check_cli(const std::vector<std::string>& args, const std::string& expected,
                 Problems& problems);
  void write_after_restart(int round, Problems& problems);
  void repeat_idempotent(int round, const ServedLog& log, Problems& problems);
  void expect_none(const Problems& problems, const std::string& when);

  std::uint64_t seed_;
  std::mt19937_64 rng_;
  thidua::testing::TempDir dir_;
  fs::path data_ = dir_.path() / "data";
  fs::path config_ = dir_.path() / "thiduad.json";
  fs::path since_ = dir_.path() / "last-checkpoint.txt";
  std::unique_ptr<thidua::testing::Daemon> daemon_;
  std::uint16_t port_ = 0;
  int starts_ = 0;
  Clock::time_point started_;  // when the server was last started
  std::string key_;            // the verifier key served at the first start
  std::string last_note_;      // the newest checkpoint served before the last kill
  std::vector<Write> ledger_;
  std::vector<std::string> last_log_;  // the log as read after the last restart
};

void CrashLoop::start() {
  daemon_.reset();
  started_ = Clock::now();
  const fs::path err = dir_.path() / ("thiduad-" + std::to_string(starts_++) + ".log");
  daemon_ = std::make_unique<thidua::testing::Daemon>(
      THIDUAD_PATH,
      std::vector<std::string>{"--data", data_.string(), "--listen", "127.0.0.1:0", "--config",
                               config_.string()},
      err, std::vector<std::string>{std::string("THIDUA_ADMIN_TOKEN=") + kAdminToken});
  port_ = daemon_->wait_listening();
  if (key_.empty()) {
    Answer key = admin().get("/v1/checkpoint/key");
    REQUIRE(key.status == 200);
    key_ = trimmed(key.body);
    Write setup = setup_write(kWriters);
    HttpSession session = admin();
    for (auto deadline = Clock::now() + 20s; Clock::now() < deadline;) {
      send(session, setup);
      if (setup.answer.status != 503) break;
      std::this_thread::sleep_for(50ms);
    }
    INFO(setup.answer.body << setup.answer.error);
    REQUIRE(setup.answer.status == 201);
    ledger_.push_back(setup);
  }
}

void CrashLoop::kill_under_load(int round) {
  Load load(port_, kAdminToken, kWriters, round, rng_());
  CheckpointWatch watch(port_);
  const auto deadline = Clock::now() + 30s;
  while (load.acknowledged() < kMinAcknowledged && Clock::now() < deadline) {
    std::this_thread::sleep_for(5ms);
  }
  REQUIRE(load.acknowledged() >= kMinAcknowledged);
  std::this_thread::sleep_for(std::chrono::milliseconds(rng_() % (kMaxKillDelayMs + 1)));
  daemon_->signal(SIGKILL);
  REQUIRE(daemon_->wait_exit(10s) == 128 + SIGKILL);
  last_note_ = watch.finish();
  std::vector<Write> writes = load.finish();
  auto count = [&](Outcome o) {
    return std::count_if(writes.begin(), writes.end(),
                         [o](const Write& w) { return w.outcome == o; });
  };
  std::printf("round %d: killed after %td acknowledged, %td refused, %td unanswered writes\n",
              round, count(Outcome::kAcknowledged), count(Outcome::kRefused),
              count(Outcome::kUnanswered));
  for (Write& w : writes) ledger_.push_back(std::move(w));
}

void CrashLoop::check_cli(const std::vector<std::string>& args, const std::string& expected,
                          Problems& problems) {
  const auto started = Clock::now();
  thidua::testing::CommandResult r = thidua::testing::run_command(args);
  const std::size_t tool = args[0] == "env" ? 2 : 0;
  std::printf("  %s %s %s: %.2f s\n", fs::path(args[tool]).filename().c_str(),
              args[tool + 1].c_str(), args[tool + 2].c_str(), seconds_since(started));
  if (r.exit_code != 0 || r.output.find(expected) == std::string::npos ||
      r.output.find("DIFFERS") != std::string::npos) {
    std::string line;
    for (const std::string& a : args) line += a + " ";
    problems.push_back(line + "exited with " + std::to_string(r.exit_code) + ":\n" + r.output);
  }
}

// The store as SIGKILL left it, opened read-only by the command-line tool.
void CrashLoop::check_crashed_store(int round) {
  Problems problems;
  check_cli({THIDUA_PATH, "verify", "--data", data_.string(), "--key", key_}, "ok: ", problems);
  check_cli({THIDUA_PATH, "rebuild", "--data", data_.string()}, "equal to the live projection",
            problems);
  expect_none(problems, "the store after kill " + std::to_string(round));
}

ServedLog CrashLoop::check_log(const std::string& when, Problems& problems) {
  HttpSession session = admin();
  Answer health = session.get("/healthz");
  json h = json::parse(health.body, nullptr, false);
  if (health.status != 200 || !h.is_object() || h.value("writes", "") != "ok") {
    problems.push_back("GET /healthz answered " + std::to_string(health.status) + " " +
                       health.body);
  }
  ServedLog log = read_log(session, problems);
  if (h.is_object() && h.value("head", json()) != json(log.lines.size())) {
    problems.push_back("/healthz gives head " + h.value("head", json()).dump() + ", the feed " +
                       std::to_string(log.lines.size()) + " events");
  }
  check_gapless(log, problems);
  for (std::size_t p = 0; p < last_log_.size(); ++p) {
    if (p >= log.lines.size() || log.lines[p] != last_log_[p]) {
      problems.push_back("position " + std::to_string(p) + " changed since it was read " +
                         "after the previous restart");
      break;
    }
  }
  for (const Write& w : ledger_) {
    if (w.outcome == Outcome::kAcknowledged) check_acknowledged(log, w, problems);
    if (w.outcome == Outcome::kUnanswered) check_unanswered(log, w, problems);
    if (w.outcome == Outcome::kRefused) check_refused(log, w, problems);
    // Writes are only refused while the state loads; any other refusal is a fault.
    if (w.outcome == Outcome::kRefused && w.answer.status != 503) {
      problems.push_back(w.describe() + " was refused: " + std::to_string(w.answer.status) + " " +
                         w.answer.body);
    }
  }
  last_log_ = log.lines;
  std::printf("%s: %zu events in the log, %zu writes checked\n", when.c_str(), log.lines.size(),
              ledger_.size());
  return log;
}

// The newest checkpoint extends the last one served before the kill, checked here with the
// project's proof verifier and again by `thidua verify --url --since`.
void CrashLoop::check_checkpoint(HttpSession& session, const ServedLog& log, Problems& problems) {
  Answer key = session.get("/v1/checkpoint/key");
  if (trimmed(key.body) != key_) problems.push_back("the verifier key changed: " + key.body);
  Answer note = session.get("/v1/checkpoint");
  std::optional<audit::Checkpoint> now = open_checkpoint(note.body, key_, problems);
  std::optional<audit::Checkpoint> before = open_checkpoint(last_note_, key_, problems);
  if (now && before) check_extends(session, log, *before, *now, problems);
  std::ofstream(since_) << last_note_;
  check_cli({"env", std::string("THIDUA_TOKEN=") + kAuditorToken, THIDUA_PATH, "verify", "--url",
             url(), "--key", key_, "--since", since_.string()},
            "consistent with the saved size", problems);
}

void CrashLoop::write_after_restart(int round, Problems& problems) {
  Write probe = registration("after-restart-" + std::to_string(round), round);
  HttpSession session = admin();
  for (auto deadline = Clock::now() + 20s; Clock::now() < deadline;) {
    send(session, probe);
    if (probe.answer.status != 503) break;
    std::this_thread::sleep_for(50ms);
  }
  std::printf("after restart %d: a write was taken %.2f s after the start\n", round,
              seconds_since(started_));
  if (probe.answer.status != 201) {
    problems.push_back(probe.describe() + " after the restart answered " +
                       std::to_string(probe.answer.status) + " " + probe.answer.body +
                       probe.answer.error);
  }
  ledger_.push_back(std::move(probe));
}

// Repeats the acknowledged idempotent writes of this round and some of earlier rounds: each
// gets its first answer again and nothing is appended. Then repeats the unanswered ones: each
// gets 200 and the events already in the log when they are there, else 201.
void CrashLoop::repeat_idempotent(int round, const ServedLog& log, Problems& problems) {
  HttpSession session = admin();
  auto head = [&] {
    json h = json::parse(session.get("/healthz").body, nullptr, false);
    return h.is_object() ? h.value("head", json()) : json();
  };
  std::vector<std::size_t> now, older;
  for (std::size_t i = 0; i < ledger_.size(); ++i) {
    const Write& w = ledger_[i];
    if (w.idempotency_key.empty() || w.outcome != Outcome::kAcknowledged) continue;
    (w.round < round ? older : now).push_back(i);
  }
  std::shuffle(older.begin(), older.end(), rng_);
  if (older.size() > kOlderRepeats) older.resize(kOlderRepeats);
  now.insert(now.end(), older.begin(), older.end());
  const json head_before = head();
  for (std::size_t i : now) {
    Write again = ledger_[i];
    send(session, again);
    if (again.answer.status != 200 ||
        json::parse(again.answer.body, nullptr, false) != json::parse(ledger_[i].answer.body)) {
      problems.push_back(again.describe() + " repeated answered " +
                         std::to_string(again.answer.status) + " " + again.answer.body +
                         again.answer.error + ", first " + ledger_[i].answer.body);
    }
  }
  if (head() != head_before) {
    problems.push_back("repeating " + std::to_string(now.size()) + " acknowledged writes moved " +
                       "the head from " + head_before.dump() + " to " + head().dump());
  }
  for (Write& w : ledger_) {
    if (w.idempotency_key.empty() || w.outcome != Outcome::kUnanswered) continue;
    const bool was_there = present(log, w);
    send(session, w);
    if (w.answer.status != (was_there ? 200 : 201)) {
      problems.push_back(w.describe() + " (unanswered, " + (was_there ? "" : "not ") +
                         "in the log) repeated answered " + std::to_string(w.answer.status) + " " +
                         w.answer.body + w.answer.error);
    }
    if (was_there) check_acknowledged(log, w, problems);
  }
}

void CrashLoop::check_restarted(int round) {
  Problems problems;
  const std::string when = "after restart " + std::to_string(round);
  HttpSession session = admin();
  ServedLog log = check_log(when, problems);
  check_checkpoint(session, log, problems);
  check_cli({THIDUA_PATH, "verify", "--data", data_.string(), "--key", key_}, "ok: ", problems);
  int in_log = 0, not_in_log = 0;
  for (const Write& w : ledger_) {
    if (w.round == round && w.outcome == Outcome::kUnanswered)
      ++(present(log, w) ? in_log : not_in_log);
  }
  std::printf("%s: of the unanswered writes, %d are in the log and %d are not\n", when.c_str(),
              in_log, not_in_log);
  write_after_restart(round, problems);
  repeat_idempotent(round, log, problems);
  expect_none(problems, when);
}

// A last load stopped by the writers, a check of everything they were answered, a clean stop
// with SIGTERM, and the tools on the store as the stop left it.
void CrashLoop::stop_cleanly(int round) {
  Load load(port_, kAdminToken, kWriters, round, rng_());
  for (auto deadline = Clock::now() + 30s;
       load.acknowledged() < kMinAcknowledged && Clock::now() < deadline;) {
    std::this_thread::sleep_for(5ms);
  }
  for (Write& w : load.finish()) ledger_.push_back(std::move(w));
  Problems problems;
  check_log("before the clean stop", problems);
  for (const Write& w : ledger_) {
    if (w.round == round && w.outcome != Outcome::kAcknowledged) {
      problems.push_back(w.describe() + " was not acknowledged: " +
                         std::to_string(w.answer.status) + " " + w.answer.body + w.answer.error);
    }
  }
  daemon_->signal(SIGTERM);
  if (daemon_->wait_exit(20s) != 0) problems.push_back("thiduad did not exit 0 on SIGTERM");
  check_cli({THIDUA_PATH, "verify", "--data", data_.string(), "--key", key_}, "ok: ", problems);
  check_cli({THIDUA_PATH, "rebuild", "--data", data_.string()}, "equal to the live projection",
            problems);
  expect_none(problems, "the clean stop");
}

// Fails the test with every problem found, after keeping the data directory for a post-mortem.
void CrashLoop::expect_none(const Problems& problems, const std::string& when) {
  if (problems.empty()) return;
  daemon_.reset();
  const fs::path kept = fs::temp_directory_path() / ("thidua-crash-loop-" + std::to_string(seed_));
  std::error_code ec;
  fs::remove_all(kept, ec);
  fs::copy(dir_.path(), kept, fs::copy_options::recursive, ec);
  std::string text;
  for (std::size_t i = 0; i < problems.size() && i < 30; ++i) text += problems[i] + "\n";
  FAIL(when << ": " << problems.size() << " problem(s); seed " << seed_ << " (repeat with "
            << "THIDUA_CRASH_SEED=" << seed_ << "); data kept in " << kept.string()
            << (ec ? " (copy failed: " + ec.message() + ")" : "") << "\n"
            << text);
}

}  // namespace

TEST_CASE("acknowledged writes survive thiduad killed again and again under load",
          "[reliability]") {
  const std::uint64_t seed = env_number("THIDUA_CRASH_SEED", std::random_device()());
  const int rounds = static_cast<int>(env_number("THIDUA_CRASH_ROUNDS", 5));
  std::printf("crash loop: seed %llu, %d rounds (THIDUA_CRASH_SEED=%llu repeats it)\n",
              static_cast<unsigned long long>(seed), rounds, static_cast<unsigned long long>(seed));
  std::fflush(stdout);
  CAPTURE(seed, rounds);
  const auto started = Clock::now();
  CrashLoop loop(seed);
  loop.start();
  for (int round = 0; round < rounds; ++round) {
    const auto round_started = Clock::now();
    loop.kill_under_load(round);
    loop.check_crashed_store(round);
    loop.start();
    loop.check_restarted(round);
    std::printf("round %d took %.2f s\n", round, seconds_since(round_started));
    std::fflush(stdout);
  }
  loop.stop_cleanly(rounds);
  std::printf("crash loop: %d rounds in %.2f s\n", rounds, seconds_since(started));
}

}  // namespace thidua::reliability
