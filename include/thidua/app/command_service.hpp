// CommandService: decides commands against the domain state and appends their events.
//
// The service keeps its own copy of the domain state (the write model), taken from the
// projector once the projector has caught up with the log, and folds each accepted command's
// events into it as soon as they are handed to the store, before they are durable. Commands are
// decided one at a time in the order they are handed to the store, so each is decided against
// every command accepted before it, while the store writes many of them in one synced group
// commit. A caller is answered only once its events are durable.
//
// A submission is one command, or a batch of commands that are appended all or none (one
// atomic append). Each is checked in this order, and the first failure is the answer, a
// CommandError whose status has the code (util/status.hpp; its HTTP answer, http/problem.hpp):
//   kInvalidArgument     no command has that name, or the body is not the command's (`errors`:
//                        every failing JSON Pointer), or an event it leads to is over the
//                        store's size limit;
//   kForbidden           the caller's role may not give it (caller.hpp);
//   kIdempotencyMismatch the key was used before with another submission;
//   kKeyInUse            another submission with the same key is still being written;
//   kVersionConflict     If-Match: the command's stream is not at the expected version
//                        (checked once the rules accept the command: they name its stream);
//   kRefused             a rule refused it (the status's rule() and why);
//   kUnavailable         the write model is loading; kWriteRefused: the store refuses writes;
//   any other code       the store failed to read or append (its status as it came).
// Nothing is appended unless every command of the submission is accepted. A batch refused after
// some of its commands were folded into the write model has them taken out again
// (domain/undo.hpp), at the cost of the entries they touched: other commands go on as if it
// had never come. An append the store refuses makes the service reload the model from the
// projector (commands are answered 503 meanwhile), since the model then holds events the log
// does not.
//
// Idempotency: with a key, the submission (command names, bodies, If-Match) is hashed and the
// hash stored durably with the events, under the caller's name and the key. A repeat with the
// same submission gets the original result (`replayed`); with another, kIdempotencyMismatch.
//
// Each event records the caller's name (`actor`) and role (`actorrole`), one correlation id per
// submission and one causation id per command.
//
// Every append states the position its first event was decided for (expected_position), so
// the store refuses, rather than writes elsewhere, anything decided against a model the log
// does not match; the model is then reloaded, and only once nothing is in flight.
//
// Thread-safety: submit() may be called from any thread; `done` is called exactly once, on the
// caller's thread when the answer is known at once, else on a store thread, possibly while the
// service holds its lock: `done` must not call submit() (post the answer elsewhere instead). The
// store and the projector must outlive the service; stop() (or the destructor) waits for the
// appends in flight.
#pragma once

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <unordered_map>
#include <variant>
#include <vector>

#include <nlohmann/json.hpp>

#include "thidua/app/caller.hpp"
#include "thidua/codec/field_error.hpp"
#include "thidua/domain/rule_set.hpp"
#include "thidua/domain/state.hpp"
#include "thidua/metrics/registry.hpp"
#include "thidua/projections/projector.hpp"
#include "thidua/store/event_store.hpp"
#include "thidua/util/sha256.hpp"
#include "thidua/util/status.hpp"

namespace thidua::app {

inline constexpr std::size_t kMaxBatchCommands = 1000;
inline constexpr std::size_t kMaxIdempotencyKeyBytes = 128;

struct CommandInput {
  std::string command;  // the command's name, e.g. "EnterScore"
  nlohmann::json body;
};

struct Submission {
  std::vector<CommandInput> commands;  // 1, or up to kMaxBatchCommands for a batch
  bool batch = false;
  Caller caller;
  // The version the first command's stream must be at (its last event's streamversion).
  std::optional<std::uint64_t> if_match;
  std::string idempotency_key;  // empty: none; else 1-128 bytes
};

struct CommandResult {
  std::vector<AppendedEvent> events;  // the command's events, in log order
};

struct SubmissionResult {
  std::vector<CommandResult> commands;  // one per command, in order
  bool replayed = false;
};

struct CommandError {
  Status status;                          // the code, a sentence for people, the rule or role
  std::vector<codec::FieldError> errors;  // the body against its schema: every failing pointer
  std::optional<std::size_t> index;       // in a batch: the command at fault
};

using SubmitOutcome = std::variant<SubmissionResult, CommandError>;
using SubmitCallback = std::function<void(SubmitOutcome)>;

struct CommandServiceOptions {
  std::string source = "/thidua";  // the CloudEvents `source` of appended events
  // The date commands are decided on, and the CloudEvents `time` (RFC 3339, UTC).
  std::function<domain::Date()> today;
  std::function<std::string()> now;
  // A new lower-case UUID for each event, correlation and causation id; empty: random ones.
  std::function<std::string()> new_id;
  StoreLimits limits;  // the store's, so that no event the store would refuse is decided
  // Where the service reports, at each scrape, thidua_commands_total{outcome} ("accepted",
  // "refused", "replayed") and thidua_commands_ready; it must outlive the service. Null:
  // nowhere.
  MetricRegistry* metrics = nullptr;
};

// Counts since the service started, for metrics.
struct CommandStats {
  std::uint64_t accepted = 0;  // submissions appended
  std::uint64_t refused = 0;   // submissions answered with an error
  std::uint64_t replayed = 0;  // idempotent repeats answered from the log
  std::uint64_t events = 0;    // events appended
  std::uint64_t reloads = 0;   // write model loads (the first included)
};

class CommandService {
 public:
  CommandService(EventStore& store, const projections::Projector& projector,
                 const domain::RuleBook& rules, CommandServiceOptions options);
  ~CommandService();
  CommandService(const CommandService&) = delete;
  CommandService& operator=(const CommandService&) = delete;

  // Loads the write model on a background thread (once the projector is ready and has caught
  // up with the log), and again whenever it must be reloaded.
  void start();
  // Refuses new submissions, waits for the appends in flight and stops the loader.
  void stop();

  // Whether submissions are taken (the write model is loaded).
  bool ready() const { return ready_.load(); }
  // Blocks until ready() or `timeout`; returns ready().
  bool wait_ready(std::chrono::milliseconds timeout) const;

  void submit(Submission submission, SubmitCallback done);

  CommandStats stats() const;

 private:
  struct Decided;
  struct Pending;

  void load_loop();
  Status load();
  void mark_stale(const std::string& why);
  // Decides and hands to the store; mu_ held.
  std::optional<CommandError> decide_locked(const Submission& submission,
                                            const std::vector<domain::Command>& commands,
                                            Decided& out);
  Result<std::optional<std::uint64_t>> stream_version_locked(const std::string& stream);
  void finish(const std::shared_ptr<Pending>& pending, Result<AppendResult> result);
  void replay(const IdempotencyEntry& entry, const SubmitCallback& done) const;

  EventStore& store_;
  const projections::Projector& projector_;
  const domain::RuleBook& rules_;
  CommandServiceOptions options_;

  std::mutex mu_;  // decisions, in the order their appends are queued
  domain::State state_;
  std::uint64_t next_position_ = 0;
  std::unordered_map<std::string, std::uint64_t> stream_heads_;  // decided, maybe not durable

  mutable std::mutex flight_mu_;  // after mu_ when both are held
  mutable std::condition_variable flight_cv_;
  std::size_t in_flight_ = 0;
  std::unordered_map<std::string, Digest> pending_keys_;  // stored key -> hash, in flight
  bool stale_ = true;
  std::uint64_t generation_ = 0;  // bumped by each mark_stale()
  bool stopping_ = false;
  Status load_error_;

  std::atomic<bool> ready_{false};
  std::atomic<std::uint64_t> accepted_{0}, refused_{0}, replayed_{0}, events_{0}, reloads_{0};
  std::thread loader_;
  ScopedCollector collector_;  // last: removed before the rest is destroyed
};

}  // namespace thidua::app
