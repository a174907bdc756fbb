// The crash-loop test's writes: commands that can be given many times (organizations registered
// under fresh ids, progress reported on a movement), sent alone or in batches, with or without
// an Idempotency-Key, by writer threads that record what each request got. Also a watcher that
// keeps the newest signed checkpoint the server served.
//
// Each command carries a tag, a string unique in the whole test that its event holds in its
// data (`id` of an organization, `note` of a progress report), by which the event is found in
// the log whatever position it got.
//
// Thread-safety: Load and CheckpointWatch run their own threads; their methods are called from
// one thread. Writes are plain values.
#pragma once

#include <atomic>
#include <cstdint>
#include <mutex>
#include <random>
#include <string>
#include <thread>
#include <vector>

#include <nlohmann/json.hpp>

#include "http_session.hpp"

namespace thidua::reliability {

struct Command {
  std::string name;     // as named in a batch, e.g. "RegisterOrganization"
  nlohmann::json body;  // the command's body
  std::string subject;  // the stream of the event it leads to
  std::string tag;
};

enum class Outcome {
  kAcknowledged,  // 201, or 200 for a repeat: the events are in the log
  kRefused,       // any other status: nothing may be in the log
  kUnanswered,    // no whole response (the server died): all or nothing may be in the log
};

struct Write {
  std::vector<Command> commands;  // one, or several sent to /v1/events:batch
  bool batch = false;
  std::string idempotency_key;  // empty for none
  int round = 0;
  Outcome outcome = Outcome::kUnanswered;
  Answer answer;

  std::string target() const;
  std::string body() const;
  Headers headers() const;
  // "round R, POST TARGET [key K] with tags a, b": names the write in a failure message.
  std::string describe() const;
};

// Sends `write` and records its answer and outcome.
void send(HttpSession& session, Write& write);

// The CommandResult ({"position", "subject", "streamversion", "id"}) of each command of an
// acknowledged write, in command order; empty when the answer does not hold one per command.
std::vector<nlohmann::json> command_results(const Write& write);

// The batch that registers each writer's organization and launches its movement, before load.
Write setup_write(int writers);

// A write that registers one organization whose id is `tag`.
Write registration(const std::string& tag, int round);

// Writer threads, each with its own connection, sending writes until finish() or until their
// server stops answering; a request refused with 503 (commands not taken yet) is retried later
// as a new write.
class Load {
 public:
  Load(std::uint16_t port, std::string token, int writers, int round, std::uint64_t seed);
  ~Load();
  Load(const Load&) = delete;
  Load& operator=(const Load&) = delete;

  // Writes acknowledged so far.
  std::size_t acknowledged() const { return acknowledged_.load(); }
  // Stops the writers after their current request and returns every write sent, each writer's
  // in the order it sent them.
  std::vector<Write> finish();

 private:
  void run(int writer, std::uint64_t seed);
  Write next(int writer, int n, std::mt19937_64& rng) const;

  std::uint16_t port_;
  std::string token_;
  int round_;
  std::atomic<bool> stop_{false};
  std::atomic<std::size_t> acknowledged_{0};
  std::vector<std::vector<Write>> sent_;  // per writer, touched by that writer's thread only
  std::vector<std::thread> threads_;
};

// Polls GET /v1/checkpoint and keeps the newest note served.
class CheckpointWatch {
 public:
  explicit CheckpointWatch(std::uint16_t port);
  ~CheckpointWatch();
  CheckpointWatch(const CheckpointWatch&) = delete;
  CheckpointWatch& operator=(const CheckpointWatch&) = delete;

  // Stops polling; the last note served (empty when none was).
  std::string finish();

 private:
  std::uint16_t port_;
  std::atomic<bool> stop_{false};
  std::mutex mu_;
  std::string last_;
  std::thread thread_;
};

}  // namespace thidua::reliability
