#include "thidua/projections/projector.hpp"

#include <deque>
#include <future>
#include <map>

#include <nlohmann/json.hpp>

#include "thidua/codec/event_codec.hpp"
#include "thidua/codec/state_snapshot.hpp"
#include "thidua/projections/views.hpp"

namespace thidua::projections {

Result<std::optional<domain::Event>> decode_recorded(const RecordedEvent& event) {
  if (codec::event_name_of_type(event.type).empty()) return std::optional<domain::Event>();
  if (std::optional<domain::Event> fast = codec::try_decode_stored_event(event.type, event.bytes)) {
    return fast;
  }
  nlohmann::json doc = nlohmann::json::parse(event.bytes, nullptr, /*allow_exceptions=*/false);
  if (doc.is_discarded() || !doc.contains("data")) {
    return Status::corruption("event at position " + std::to_string(event.position) +
                              " is not a CloudEvents JSON object with data");
  }
  Result<domain::Event> decoded = codec::decode_event(event.type, doc["data"]);
  if (!decoded.is_ok()) {
    return Status::corruption("event at position " + std::to_string(event.position) + " (" +
                              event.type + ") does not decode: " + decoded.status().message());
  }
  return std::optional<domain::Event>(std::move(decoded).value());
}

namespace {

Status stopped() { return Status::stopped("the projector was stopped"); }

bool is_stopped(const Status& s) { return s.code() == Status::Code::kStopped; }

// An exception from the work of a catch-up or a load (out of memory, no thread to be had), as
// the error that stops the projector.
Status failure(const std::exception& e) {
  return Status::io_error(std::string("the projector failed: ") + e.what());
}

}  // namespace

Projector::Projector(const EventStore& store, DocumentStore& documents, ProjectorOptions options)
    : store_(store), documents_(documents), options_(options) {
  applied_ = documents_.applied();
  collector_ = ScopedCollector(options_.metrics, [this](MetricWriter& w) {
    const std::uint64_t applied = this->applied();
    const std::uint64_t head = store_.head();
    w.family("thidua_projection_lag_events", "Events in the log not yet in the projections",
             MetricType::kGauge);
    w.sample("thidua_projection_lag_events", {},
             static_cast<double>(head > applied ? head - applied : 0));
  });
}

Projector::~Projector() { stop(); }

std::uint64_t Projector::applied() const { return applied_.load(); }

Status Projector::status() const {
  std::lock_guard lock(status_mu_);
  return status_;
}

void Projector::fail(Status status) {
  std::lock_guard lock(status_mu_);
  if (status_.is_ok()) status_ = std::move(status);
  progressed_.notify_all();
}

bool Projector::wait_for(std::uint64_t position, std::chrono::milliseconds timeout) const {
  std::unique_lock lock(status_mu_);
  return progressed_.wait_for(lock, timeout, [&] {
    return applied_.load() >= position || !status_.is_ok();
  }) && applied_.load() >= position;
}

Status Projector::pipeline(std::uint64_t from, std::uint64_t target,
                           const std::function<Status(DecodedBatch)>& consume) const {
  // Up to fetch_ahead batches are read and decoded at once, each on its own thread: decoding
  // is much of a rebuild's work and spreads over the cores, while this thread consumes the
  // batches in order. Positions are dense, so each batch's range is known before it is read.
  std::deque<std::future<Result<DecodedBatch>>> ahead;
  std::uint64_t next = from;
  auto launch = [&] {
    while (ahead.size() < std::max<std::size_t>(1, options_.fetch_ahead) && next < target) {
      const std::uint64_t begin = next;
      next = std::min<std::uint64_t>(target, begin + options_.batch_events);
      ahead.push_back(
          std::async(std::launch::async, [this, begin, end = next] { return fetch(begin, end); }));
    }
  };
  launch();
  while (!ahead.empty()) {
    Result<DecodedBatch> batch = ahead.front().get();
    ahead.pop_front();
    Status s = batch.status();
    if (s.is_ok()) {
      launch();
      s = consume(std::move(batch).value());
    }
    if (!s.is_ok()) {
      ahead.clear();  // waits for the fetches in flight
      return s;
    }
  }
  return Status::ok();
}

Status Projector::load(const Progress& progress) {
  std::lock_guard apply(apply_mu_);
  if (ready_) return Status::ok();
  try {
    return load_locked(progress);
  } catch (const std::exception& e) {
    return failure(e);
  }
}

Status Projector::load_locked(const Progress& progress) {
  const std::uint64_t target = documents_.applied();
  if (store_.head() < target) {
    return Status::corruption("the projections reflect " + std::to_string(target) +
                              " events but the log holds " + std::to_string(store_.head()));
  }
  domain::State state;
  std::uint64_t from = 0;
  // A snapshot that cannot be read (another version's, damaged) only costs a longer replay,
  // and a new one is written once the state is caught up.
  bool rejected = false;
  auto snapshot = documents_.snapshot();
  if (!snapshot.is_ok()) {
    rejected = true;
  } else if (snapshot->has_value() && (*snapshot)->position <= target) {
    Result<domain::State> decoded = Status::corruption("unread");
    try {
      decoded = codec::decode_state((*snapshot)->bytes);
    } catch (const std::exception&) {
      // A damaged size asked for too much, or no thread to be had: the replay will tell.
    }
    if (decoded.is_ok() && decoded->next_position == (*snapshot)->position) {
      state = std::move(decoded).value();
      from = state.next_position;
    } else {
      rejected = true;
    }
  }
  Status s = pipeline(from, target, [&](DecodedBatch batch) {
    for (auto& [position, event] : batch.events) {
      if (event) {
        domain::evolve(state, *event, position);
      } else {
        state.next_position = position + 1;
      }
    }
    if (progress) progress(state.next_position, target);
    return stopping_ ? stopped() : Status::ok();
  });
  if (!s.is_ok()) return s;
  std::unique_lock lock(mu_);
  state_ = std::move(state);
  loaded_from_ = from;
  snapshot_wanted_ =
      rejected || (options_.snapshot_events > 0 && target - from >= options_.snapshot_events);
  ready_ = true;
  return Status::ok();
}

Result<DecodedBatch> Projector::fetch(std::uint64_t from, std::uint64_t until) const {
  const std::size_t want =
      static_cast<std::size_t>(std::min<std::uint64_t>(options_.batch_events, until - from));
  auto batch = store_.read_all(from, want, {}, want);
  if (!batch) return batch.status();
  if (batch->events.size() != want || batch->events.front().position != from ||
      batch->events.back().position != from + want - 1) {
    return Status::corruption("the log does not hold every position from " + std::to_string(from) +
                              " to " + std::to_string(from + want - 1));
  }
  DecodedBatch out;
  out.events.reserve(batch->events.size());
  for (const RecordedEvent& e : batch->events) {
    auto d = decode_recorded(e);
    if (!d) return d.status();
    out.events.emplace_back(e.position, std::move(d).value());
  }
  out.next = batch->events.back().position + 1;
  return out;
}

void Projector::evolve_batch(const DecodedBatch& batch, Changed& keys) {
  std::unique_lock lock(mu_);
  for (const auto& [position, event] : batch.events) {
    if (event) {
      domain::evolve(state_, *event, position);
      for (const std::string& key : document_keys(state_, *event)) keys.emplace(key, position);
    } else {
      state_.next_position = position + 1;
    }
  }
}

namespace {

using Rendered = std::vector<std::pair<std::string, std::optional<std::string>>>;

// The documents at keys[begin, end) rendered for `state` (nullopt: no longer exists).
Result<Rendered> render_range(const domain::State& state, const std::vector<std::string>& keys,
                              std::size_t begin, std::size_t end) {
  Rendered out;
  out.reserve(end - begin);
  for (std::size_t i = begin; i < end; ++i) {
    std::optional<codec::OrderedJson> doc = render_document(state, keys[i]);
    if (!doc) {
      out.emplace_back(keys[i], std::nullopt);
      continue;
    }
    Result<std::string> text = codec::dump_json(*doc);
    if (!text.is_ok()) return text.status();
    out.emplace_back(keys[i], std::move(text).value());
  }
  return out;
}

}  // namespace

Status Projector::commit(const Changed& keys) {
  // Only this thread changes the state (apply_mu_ is held), so it renders without the lock,
  // and many documents are rendered on several threads at once (rendering is a pure function
  // of the state).
  std::vector<std::string> list;
  list.reserve(keys.size());
  for (const auto& [key, first] : keys) list.push_back(key);
  constexpr std::size_t kPerThread = 512;
  const std::size_t threads =
      std::min<std::size_t>(std::max(1u, std::thread::hardware_concurrency()),
                            (list.size() + kPerThread - 1) / kPerThread);
  std::vector<std::future<Result<Rendered>>> others;
  const std::size_t share = threads == 0 ? 0 : (list.size() + threads - 1) / threads;
  for (std::size_t t = 1; t < threads; ++t) {
    const std::size_t begin = std::min(list.size(), t * share);
    const std::size_t end = std::min(list.size(), begin + share);
    others.push_back(std::async(std::launch::async, [this, &list, begin, end] {
      return render_range(state_, list, begin, end);
    }));
  }
  std::vector<Result<Rendered>> parts;
  parts.push_back(render_range(state_, list, 0, std::min(list.size(), share)));
  for (auto& other : others) parts.push_back(other.get());
  std::map<std::string, std::optional<std::string>> writes;
  for (Result<Rendered>& part : parts) {
    if (!part.is_ok()) return part.status();
    for (auto& [key, text] : *part) writes.emplace(std::move(key), std::move(text));
  }
  std::unique_lock lock(mu_);
  Status committed = documents_.commit(writes, state_.next_position, keys);
  if (!committed.is_ok()) return committed;
  applied_ = state_.next_position;
  lock.unlock();
  std::lock_guard status_lock(status_mu_);
  progressed_.notify_all();
  return Status::ok();
}

Status Projector::snapshot_if_due() {
  if (options_.snapshot_events == 0 || state_.next_position != applied_) return Status::ok();
  if (!snapshot_wanted_ &&
      state_.next_position - documents_.snapshot_position() < options_.snapshot_events) {
    return Status::ok();
  }
  // Only this thread changes the state, so it is encoded without the lock, and written after
  // the documents of the same position (a snapshot ahead of the documents is never used).
  Status written = documents_.write_snapshot(codec::encode_state(state_), state_.next_position);
  if (written.is_ok()) snapshot_wanted_ = false;
  return written;
}

Result<std::uint64_t> Projector::catch_up(std::uint64_t until, const Progress& progress) {
  if (Status s = status(); !s.is_ok()) return s;
  if (Status s = load(); !s.is_ok()) {
    if (!is_stopped(s)) fail(s);
    return s;
  }
  std::lock_guard apply(apply_mu_);
  if (Status failed = status(); !failed.is_ok()) return failed;  // failed meanwhile
  Status s;
  bool threw = false;
  try {
    s = catch_up_locked(until, progress);
    // The commit that ends a catch-up (the head reached, or a stop) may bring a snapshot. Only
    // a failed write is fatal (the documents refuse later commits); a snapshot is optional.
    if (s.is_ok() || is_stopped(s)) {
      Status snapshot = snapshot_if_due();
      if (snapshot.code() == Status::Code::kIOError) s = snapshot;
    }
  } catch (const std::exception& e) {
    s = failure(e);
    threw = true;
  }
  if (is_stopped(s)) return s;
  if (!s.is_ok()) {
    // The state may be ahead of the documents, or half-changed by an event that threw: it is
    // not to be read, nor applied again.
    {
      std::unique_lock lock(mu_);
      if (threw || state_.next_position != applied_) ready_ = false;
    }
    fail(s);
    return s;
  }
  return applied_.load();
}

Status Projector::catch_up_locked(std::uint64_t until, const Progress& progress) {
  const std::uint64_t target = std::min(until, store_.head());
  Changed keys;
  return pipeline(applied_, target, [&](DecodedBatch batch) {
    evolve_batch(batch, keys);
    const std::uint64_t position = batch.next;
    // Asked to stop, it commits what it has applied, so that a restart resumes from there.
    const bool stop = stopping_;
    if (position < target && position - applied_ < options_.commit_events && !stop) {
      if (progress) progress(position, target);
      return Status::ok();
    }
    Status committed = commit(keys);
    keys.clear();
    if (committed.is_ok() && progress) progress(position, target);
    if (committed.is_ok() && stop) return stopped();
    return committed;
  });
}

void Projector::start() {
  if (follower_.joinable()) return;
  stopping_ = false;
  follower_ = std::thread([this] { follow(); });
}

void Projector::stop() {
  stopping_ = true;
  if (follower_.joinable()) follower_.join();
  stopping_ = false;
}

void Projector::follow() {
  try {
    while (!stopping_) {
      auto done = catch_up();
      if (!done.is_ok()) return;  // sticky; status() says why
      store_.wait_beyond(*done, options_.poll);
    }
  } catch (...) {
    fail(Status::io_error("the projector's follower failed"));
  }
}

Result<std::pair<std::uint64_t, std::optional<std::string>>> Projector::document(
    const std::string& key) const {
  std::shared_lock lock(mu_);
  auto doc = documents_.get(key);
  if (!doc.is_ok()) return doc.status();
  return std::make_pair(applied_.load(), std::move(doc).value());
}

Result<std::pair<std::uint64_t, std::vector<std::pair<std::string, std::string>>>>
Projector::documents(const std::string& prefix, const std::string& after, std::size_t limit) const {
  std::shared_lock lock(mu_);
  auto docs = documents_.scan(prefix, after, limit);
  if (!docs.is_ok()) return docs.status();
  return std::make_pair(applied_.load(), std::move(docs).value());
}

}  // namespace thidua::projections
