#include "thidua/app/command_service.hpp"

#include <algorithm>
#include <map>
#include <set>
#include <utility>

#include "thidua/codec/command_codec.hpp"
#include "thidua/codec/event_codec.hpp"
#include "thidua/codec/schema_registry.hpp"
#include "thidua/domain/decide.hpp"
#include "thidua/domain/events.hpp"
#include "thidua/domain/undo.hpp"
#include "thidua/util/uuid.hpp"

namespace thidua::app {
namespace {

using Clock = std::chrono::steady_clock;

constexpr std::size_t kMaxCachedStreams = 65536;
// Room for the envelope around an event's data: the attributes the store adds and escapes.
constexpr std::size_t kEnvelopeAllowance = 512;

CommandError error(Status status, std::optional<std::size_t> index = std::nullopt) {
  CommandError e;
  e.status = std::move(status);
  e.index = index;
  return e;
}

std::string at_index(const Submission& s, std::size_t i) {
  return s.batch ? "command " + std::to_string(i) + " (" + s.commands[i].command + "): " : "";
}

Digest submission_hash(const Submission& s) {
  Sha256 h;
  h.update_framed("thidua-command-v1");
  h.update_framed(s.batch ? "batch" : "single");
  h.update_framed(s.if_match ? std::to_string(*s.if_match) : "");
  for (const CommandInput& c : s.commands) {
    h.update_framed(c.command);
    h.update_framed(c.body.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
  }
  return h.finish();
}

std::size_t envelope_bytes(const ProposedEvent& e) {
  return e.id.size() + e.type.size() + e.subject.size() + e.source.size() + e.time.size() +
         e.dataschema.size() + e.data.size() + e.actor.size() + e.actorrole.size() +
         e.correlationid.size() + e.causationid.size() + e.ruleset.size() + kEnvelopeAllowance;
}

}  // namespace

// What one submission became: the request for the store and, per command, how many events.
struct CommandService::Decided {
  AppendRequest request;
  std::vector<std::size_t> counts;
  std::uint64_t first_position = 0;
  std::string stored_key;
};

struct CommandService::Pending {
  SubmitCallback done;
  std::vector<std::size_t> counts;
  std::uint64_t first_position = 0;
  std::string stored_key;
};

CommandService::CommandService(EventStore& store, const projections::Projector& projector,
                               const domain::RuleBook& rules, CommandServiceOptions options)
    : store_(store), projector_(projector), rules_(rules), options_(std::move(options)) {
  if (!options_.new_id) options_.new_id = new_uuid;
  collector_ = ScopedCollector(options_.metrics, [this](MetricWriter& w) {
    const CommandStats c = stats();
    w.family("thidua_commands_total", "Command requests by outcome", MetricType::kCounter);
    w.sample("thidua_commands_total", {{"outcome", "accepted"}}, static_cast<double>(c.accepted));
    w.sample("thidua_commands_total", {{"outcome", "refused"}}, static_cast<double>(c.refused));
    w.sample("thidua_commands_total", {{"outcome", "replayed"}}, static_cast<double>(c.replayed));
    w.family("thidua_commands_ready", "1 while commands are taken", MetricType::kGauge);
    w.sample("thidua_commands_ready", {}, ready() ? 1.0 : 0.0);
  });
}

CommandService::~CommandService() { stop(); }

void CommandService::start() {
  std::lock_guard lock(flight_mu_);
  if (loader_.joinable() || stopping_) return;
  loader_ = std::thread([this] { load_loop(); });
}

void CommandService::stop() {
  {
    std::lock_guard lock(mu_);  // no decision is half-made
    ready_ = false;
    std::lock_guard flight(flight_mu_);
    stopping_ = true;
  }
  flight_cv_.notify_all();
  {
    std::unique_lock flight(flight_mu_);
    flight_cv_.wait(flight, [&] { return in_flight_ == 0; });
  }
  if (loader_.joinable()) loader_.join();
}

bool CommandService::wait_ready(std::chrono::milliseconds timeout) const {
  std::unique_lock lock(flight_mu_);
  flight_cv_.wait_for(lock, timeout, [&] { return ready_.load() || stopping_; });
  return ready_.load();
}

CommandStats CommandService::stats() const {
  return {accepted_.load(), refused_.load(), replayed_.load(), events_.load(), reloads_.load()};
}

void CommandService::load_loop() {
  while (true) {
    {
      std::unique_lock lock(flight_mu_);
      flight_cv_.wait(lock, [&] { return stopping_ || (stale_ && in_flight_ == 0); });
      if (stopping_) return;
    }
    Status s = load();
    std::unique_lock lock(flight_mu_);
    load_error_ = s;
    if (!s.is_ok()) {
      // The projector is stopped or failed, or the log could not be read: try again later.
      flight_cv_.wait_for(lock, std::chrono::seconds(1), [&] { return stopping_; });
    }
  }
}

// Copies the projector's state once it reflects the whole log. No submission is decided
// meanwhile (ready_ is false) and none is in flight, so the log's head does not move.
Status CommandService::load() {
  auto stopping = [&] {
    std::lock_guard lock(flight_mu_);
    return stopping_;
  };
  std::uint64_t generation = 0;
  {
    std::lock_guard lock(flight_mu_);
    generation = generation_;
  }
  const std::uint64_t head = store_.head();
  while (!projector_.wait_for(head, std::chrono::milliseconds(100)) || !projector_.ready()) {
    if (stopping()) return Status::stopped("stopping");
    if (Status s = projector_.status(); !s.is_ok()) return s;
  }
  auto copy = projector_.read([](const domain::State& state, std::uint64_t position) {
    return std::make_pair(state, position);
  });
  // The projector may have gone past the head read above only if another writer appended.
  if (copy.second != head || store_.head() != head) {
    return Status::unavailable("the log moved while the write model was loading");
  }
  std::lock_guard lock(mu_);
  {
    std::lock_guard flight(flight_mu_);
    if (stopping_) return Status::stopped("stopping");
    // A submission that was being decided when the model was marked stale may have queued an
    // append since: the copy is good only if nothing happened meanwhile.
    if (generation_ != generation || in_flight_ != 0 || store_.head() != head) {
      return Status::unavailable("the log moved while the write model was loading");
    }
    state_ = std::move(copy.first);
    next_position_ = head;
    stream_heads_.clear();
    stale_ = false;
    ready_ = true;
  }
  ++reloads_;
  flight_cv_.notify_all();
  return Status::ok();
}

void CommandService::mark_stale(const std::string&) {
  {
    std::lock_guard lock(flight_mu_);
    ready_ = false;
    stale_ = true;
    ++generation_;
  }
  flight_cv_.notify_all();
}

void CommandService::submit(Submission submission, SubmitCallback done) {
  auto refuse = [&](CommandError e) {
    ++refused_;
    done(std::move(e));
  };
  const std::size_t n = submission.commands.size();
  if (n == 0 || n > kMaxBatchCommands) {
    return refuse(error(Status::invalid_argument("a batch holds 1 to " +
                                                 std::to_string(kMaxBatchCommands) + " commands")));
  }
  if (submission.idempotency_key.size() > kMaxIdempotencyKeyBytes) {
    return refuse(error(Status::invalid_argument("an idempotency key is at most 128 bytes")));
  }
  std::vector<domain::Command> commands;
  commands.reserve(n);
  for (std::size_t i = 0; i < n; ++i) {
    const CommandInput& input = submission.commands[i];
    std::vector<codec::FieldError> errors;
    Result<domain::Command> command = codec::decode_command(input.command, input.body, &errors);
    if (!command) {
      if (command.status().code() == Status::Code::kNotFound) {
        // The codec knows no command of that name: the caller asked for one that is not.
        return refuse(error(Status::invalid_argument(at_index(submission, i) + "no command '" +
                                                     input.command + "'"),
                            i));
      }
      CommandError e =
          error(Status::invalid_argument(at_index(submission, i) + command.status().message()), i);
      e.errors = std::move(errors);
      return refuse(std::move(e));
    }
    if (auto why = forbidden_reason(submission.caller, *command)) {
      return refuse(
          error(Status::forbidden(at_index(submission, i) + "the role '" +
                                  std::string(role_name(submission.caller.role)) + "' " + *why),
                i));
    }
    commands.push_back(std::move(command).value());
  }
  std::string stored_key;
  if (!submission.idempotency_key.empty()) {
    // Per token name, length-prefixed so that no two (name, key) pairs meet.
    stored_key = std::to_string(submission.caller.name.size()) + ":" + submission.caller.name +
                 ":" + submission.idempotency_key;
  }

  std::unique_lock lock(mu_);
  Digest hash = submission_hash(submission);
  if (!stored_key.empty()) {
    {
      std::lock_guard flight(flight_mu_);
      if (auto it = pending_keys_.find(stored_key); it != pending_keys_.end()) {
        lock.unlock();
        if (it->second != hash) {
          return refuse(error(
              Status::idempotency_mismatch("the idempotency key was used with another request")));
        }
        return refuse(error(Status::key_in_use(
            "a request with this idempotency key is still being written; repeat it in a moment")));
      }
    }
    Result<std::optional<IdempotencyEntry>> entry = store_.idempotency_entry(stored_key);
    if (!entry) {
      lock.unlock();
      return refuse(error(entry.status()));
    }
    if (*entry) {
      lock.unlock();
      if ((*entry)->request_hash != hash) {
        return refuse(error(
            Status::idempotency_mismatch("the idempotency key '" + submission.idempotency_key +
                                         "' was used before with another request")));
      }
      ++replayed_;
      return replay(**entry, done);
    }
  }
  // A repeat is answered from the log whatever the state of the write side; a new request
  // needs it.
  if (!ready_) {
    lock.unlock();
    return refuse(error(Status::unavailable("commands are not taken yet: the state is loading")));
  }
  if (Status s = store_.write_status(); !s.is_ok()) {
    lock.unlock();
    return refuse(error(std::move(s)));
  }
  {
    std::lock_guard flight(flight_mu_);
    // With nothing in flight the store knows every head: forget the cached ones.
    if (in_flight_ == 0 && stream_heads_.size() > kMaxCachedStreams) stream_heads_.clear();
  }
  Decided decided;
  decided.stored_key = stored_key;
  decided.request.idempotency_key = stored_key;
  decided.request.request_hash = hash;
  if (auto e = decide_locked(submission, commands, decided)) {
    lock.unlock();
    return refuse(std::move(*e));
  }
  auto pending = std::make_shared<Pending>();
  pending->done = std::move(done);
  pending->counts = std::move(decided.counts);
  pending->first_position = decided.first_position;
  pending->stored_key = stored_key;
  {
    std::lock_guard flight(flight_mu_);
    ++in_flight_;
    if (!stored_key.empty()) pending_keys_[stored_key] = hash;
  }
  // Still under mu_: the store queues appends in the order they were decided.
  store_.append_async(std::move(decided.request), [this, pending](Result<AppendResult> result) {
    finish(pending, std::move(result));
  });
}

std::optional<CommandError> CommandService::decide_locked(
    const Submission& submission, const std::vector<domain::Command>& commands, Decided& out) {
  const domain::Context context{options_.today(), &rules_};
  const std::string correlation = options_.new_id();
  const std::string time = options_.now();
  const std::string role(role_name(submission.caller.role));
  out.first_position = next_position_;
  out.request.expected_position = next_position_;
  // Streams the submission touches, with their version before it (nullopt: no stream yet).
  std::map<std::string, std::optional<std::uint64_t>> before;
  std::size_t bytes = 0;
  // What the batch's earlier commands folded into the write model, to be put back when a later
  // one is refused: the batch is appended all or none, and refusing it costs no reload.
  domain::UndoLog undo;
  std::map<std::string, std::optional<std::uint64_t>> heads_before;
  auto fail = [&](CommandError e) -> std::optional<CommandError> {
    undo.undo(state_);
    for (const auto& [stream, head] : heads_before) {
      if (head) {
        stream_heads_[stream] = *head;
      } else {
        stream_heads_.erase(stream);
      }
    }
    next_position_ = out.first_position;
    return e;
  };
  for (std::size_t i = 0; i < commands.size(); ++i) {
    if (auto why = out_of_scope(submission.caller, commands[i], state_)) {
      return fail(error(Status::forbidden(at_index(submission, i) + "the role '" + role + "' of " +
                                          submission.caller.scope + " " + *why),
                        i));
    }
    domain::Verdict verdict = domain::decide(state_, commands[i], context);
    if (!verdict.accepted()) {
      return fail(error(Status::refused(verdict.refusal().rule,
                                        at_index(submission, i) +
                                            refusal_detail(submission.caller, verdict.refusal())),
                        i));
    }
    const std::string causation = options_.new_id();
    std::vector<ProposedEvent> proposed;
    for (const domain::Event& event : verdict.events()) {
      Result<ProposedEvent> p = codec::propose_event(event, codec::kSchemaBaseUri);
      if (!p) return fail(error(p.status(), i));
      p->id = options_.new_id();
      p->source = options_.source;
      p->time = time;
      p->actor = submission.caller.name;
      p->actorrole = role;
      p->correlationid = correlation;
      p->causationid = causation;
      std::size_t size = envelope_bytes(*p);
      bytes += size;
      if (size > options_.limits.max_event_bytes) {
        return fail(error(Status::invalid_argument(at_index(submission, i) +
                                                   "the command leads to an event of about " +
                                                   std::to_string(size) + " bytes; the limit is " +
                                                   std::to_string(options_.limits.max_event_bytes)),
                          i));
      }
      proposed.push_back(std::move(p).value());
    }
    if (out.request.events.size() + proposed.size() > options_.limits.max_events_per_append ||
        bytes > options_.limits.max_append_bytes) {
      return fail(error(Status::invalid_argument(
                            "the batch leads to more events or bytes than one append may hold"),
                        i));
    }
    for (const ProposedEvent& p : proposed) {
      if (before.count(p.subject) == 0) {
        Result<std::optional<std::uint64_t>> version = stream_version_locked(p.subject);
        if (!version) return fail(error(version.status(), i));
        before[p.subject] = *version;
      }
    }
    if (i == 0 && submission.if_match) {
      const std::optional<std::uint64_t>& version = before[proposed.front().subject];
      if (!version || *version != *submission.if_match) {
        return fail(error(Status::version_conflict(
            "If-Match: the stream " + proposed.front().subject + " is at version " +
            (version ? std::to_string(*version) : "none (empty)") + ", not " +
            std::to_string(*submission.if_match))));
      }
    }
    // Accepted: fold the events in, at the positions the store will give them.
    // Only a batch's commands before its last can need taking out again.
    const bool undoable = i + 1 < commands.size();
    for (std::size_t k = 0; k < proposed.size(); ++k) {
      if (undoable) undo.remember(state_, verdict.events()[k]);
      domain::evolve(state_, verdict.events()[k], next_position_++);
      auto it = stream_heads_.find(proposed[k].subject);
      std::optional<std::uint64_t> current = it != stream_heads_.end()
                                                 ? std::optional<std::uint64_t>(it->second)
                                                 : before[proposed[k].subject];
      heads_before.emplace(proposed[k].subject, it != stream_heads_.end()
                                                    ? std::optional<std::uint64_t>(it->second)
                                                    : std::nullopt);
      stream_heads_[proposed[k].subject] = current ? *current + 1 : 0;
    }
    out.counts.push_back(proposed.size());
    for (ProposedEvent& p : proposed) out.request.events.push_back(std::move(p));
  }
  if (out.request.events.empty()) {
    return fail(error(Status::invalid_argument("the request changes nothing")));
  }
  // The store checks that every stream is where this decision found it.
  for (const auto& [stream, version] : before) {
    out.request.expectations.push_back(
        {stream, version ? ExpectedVersion::exact(*version) : ExpectedVersion::no_stream()});
  }
  return std::nullopt;
}

Result<std::optional<std::uint64_t>> CommandService::stream_version_locked(
    const std::string& stream) {
  auto it = stream_heads_.find(stream);
  if (it != stream_heads_.end()) return std::optional<std::uint64_t>(it->second);
  return store_.stream_head(stream);
}

void CommandService::finish(const std::shared_ptr<Pending>& pending, Result<AppendResult> result) {
  bool expected = result.is_ok() && !result->replayed && !result->events.empty() &&
                  result->events.front().position == pending->first_position;
  if (!expected) {
    // The write model holds events the log does not: reload it once nothing is in flight.
    mark_stale("an append was not written as decided");
  }
  {
    std::lock_guard flight(flight_mu_);
    --in_flight_;
    if (!pending->stored_key.empty()) pending_keys_.erase(pending->stored_key);
  }
  flight_cv_.notify_all();
  if (!result) {
    ++refused_;
    return pending->done(error(result.status()));
  }
  // Written: the caller gets what the store wrote (the store refuses an append whose first
  // event would not land where it was decided, so this is where it was expected), and a retry
  // will not apply the command twice.
  SubmissionResult out;
  std::size_t at = 0;
  for (std::size_t count : pending->counts) {
    CommandResult c;
    c.events.assign(result->events.begin() + static_cast<std::ptrdiff_t>(at),
                    result->events.begin() + static_cast<std::ptrdiff_t>(at + count));
    at += count;
    out.commands.push_back(std::move(c));
  }
  ++accepted_;
  events_ += at;
  pending->done(std::move(out));
}

void CommandService::replay(const IdempotencyEntry& entry, const SubmitCallback& done) const {
  Result<ReadBatch> read = store_.read_all(entry.first_position, entry.count, {}, entry.count);
  if (!read || read->events.size() != entry.count) {
    return done(error(read ? Status::corruption("the events of an idempotency key "
                                                "are not all in the log")
                           : read.status()));
  }
  // The events of one command share a causation id.
  SubmissionResult out;
  out.replayed = true;
  std::string last;
  for (const RecordedEvent& e : read->events) {
    std::string causation;
    try {
      causation = nlohmann::json::parse(e.bytes).value("causationid", std::string());
    } catch (const nlohmann::json::exception&) {
      return done(
          error(Status::corruption("event " + std::to_string(e.position) + " is not JSON")));
    }
    if (out.commands.empty() || causation != last) out.commands.emplace_back();
    last = causation;
    out.commands.back().events.push_back({e.position, e.stream_version, e.id, e.subject});
  }
  done(std::move(out));
}

}  // namespace thidua::app
