// Projector: keeps the domain state and the read models up to date with the event log.
//
// It consumes events strictly in position order and never skips one: each event is decoded,
// folded into the domain state (domain::evolve) and the documents it changes are rendered
// (views.hpp); the documents and the number of events they reflect are committed together to
// the DocumentStore, so a restart resumes where the last commit stopped. A commit follows each
// batch when the projector keeps up; when it is far behind (a rebuild, a long stop) it commits
// every `commit_events` events, so that a document many events change is rendered once per
// commit rather than once per batch. Events
// that are not domain events (a type no domain event has) are passed over. An event of a
// domain type that does not decode stops the projector with kCorruption: the log and the
// code disagree, and guessing would make the read models lie.
//
// On start the state is rebuilt for the documents' position by replaying the log up to it
// (the documents themselves are not rewritten), so queries that read documents are answered at
// once while the state loads.
//
// Thread-safety: all methods may be called from any thread. One thread applies events (the
// caller of catch_up, or the background thread of start); readers see the state at a batch
// boundary and the documents at a commit, never in between. The state may be ahead of the
// documents while a commit is being prepared; each read says which position it reflects.
#pragma once

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <mutex>
#include <optional>
#include <set>
#include <shared_mutex>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include "thidua/domain/state.hpp"
#include "thidua/metrics/registry.hpp"
#include "thidua/projections/document_store.hpp"
#include "thidua/store/event_store.hpp"

namespace thidua::projections {

struct ProjectorOptions {
  std::size_t batch_events = 4096;  // events read, decoded and applied to the state at a time
  // How long the follower waits for new events before looking again (it is also woken by
  // commits).
  std::chrono::milliseconds poll{200};
  // While catching up, the documents are committed at least every this many events (and when
  // the log's head is reached).
  std::size_t commit_events = 131072;
  // Batches read and decoded at once, ahead of the one being applied, each on its own thread.
  std::size_t fetch_ahead = 3;
  // The commit that ends a catch-up (the log's head reached, or a stop) also writes a
  // snapshot of the domain state when this many events were applied since the last one (0:
  // never), so that load() replays only the events after it.
  std::size_t snapshot_events = 200000;
  // Where the projector reports thidua_projection_lag_events (events in the log not yet in the
  // projections, read at each scrape); it must outlive the projector. Null: nowhere.
  MetricRegistry* metrics = nullptr;
};

// Events read from the log and decoded, ready to apply: (position, domain event or nullopt for
// an event that is not a domain event), and the position after the last.
struct DecodedBatch {
  std::vector<std::pair<std::uint64_t, std::optional<domain::Event>>> events;
  std::uint64_t next = 0;
};

// Called now and then while catching up: events done so far and the target.
using Progress = std::function<void(std::uint64_t done, std::uint64_t target)>;

class Projector {
 public:
  // `store` and `documents` must outlive the projector.
  Projector(const EventStore& store, DocumentStore& documents, ProjectorOptions options = {});
  ~Projector();
  Projector(const Projector&) = delete;
  Projector& operator=(const Projector&) = delete;

  // Rebuilds the domain state for the documents' position: from the last snapshot when there
  // is one this code can read (codec/state_snapshot.hpp), replaying only the events after it,
  // else from position 0. Called by catch_up and start when needed; idempotent.
  Status load(const Progress& progress = {});
  // The position of the snapshot load() started from (0: it replayed the whole log).
  std::uint64_t loaded_from() const { return loaded_from_.load(); }

  // Applies events until `until` (exclusive) or the log's head, whichever is lower, committing
  // as ProjectorOptions says and at the end. Returns the number of events applied in all (the
  // new position). Errors: kIOError from the store or the documents; kCorruption for an
  // undecodable domain event; kIOError for an exception (memory exhausted, no thread to be
  // had). The first error is sticky: later calls return it, and when the state had gone past
  // the documents, ready() turns false. While the follower is being stopped: kStopped, after
  // committing what was applied (not sticky).
  Result<std::uint64_t> catch_up(std::uint64_t until = UINT64_MAX, const Progress& progress = {});

  // Follows the log on a background thread until stop() (or the destructor). stop() does not
  // wait for a long catch-up or load to finish: the follower stops at the next batch.
  void start();
  void stop();

  // How many events the documents and the state reflect.
  std::uint64_t applied() const;
  // Whether the state is loaded (the eligibility query and commands need it).
  bool ready() const { return ready_.load(); }
  // kOk, or the error that stopped the projector.
  Status status() const;
  // Blocks until applied() >= `position` or `timeout`; returns whether it got there.
  bool wait_for(std::uint64_t position, std::chrono::milliseconds timeout) const;

  // Runs read(state, position) under the readers' lock and returns what it returns; the state
  // reflects the events before `position`. REQUIRES: ready().
  template <class F>
  auto read(F&& read) const {
    std::shared_lock lock(mu_);
    return read(static_cast<const domain::State&>(state_), state_.next_position);
  }

  // The document at `key` and the number of events it reflects, read consistently.
  Result<std::pair<std::uint64_t, std::optional<std::string>>> document(
      const std::string& key) const;
  // The documents, for the versions they keep (DocumentStore::version_at_or_before); reads are
  // safe beside the projector's commits.
  const DocumentStore& document_store() const { return documents_; }
  // Documents under `prefix` after `after`, with the number of events they reflect.
  Result<std::pair<std::uint64_t, std::vector<std::pair<std::string, std::string>>>> documents(
      const std::string& prefix, const std::string& after, std::size_t limit) const;

 private:
  // Reads and decodes the events from `from` (up to a batch, below `until`).
  Result<DecodedBatch> fetch(std::uint64_t from, std::uint64_t until) const;
  // Folds the batch into the state and adds the keys of the documents it changes to `keys`.
  // Document key -> the first position, since the last commit, of an event that changed it.
  using Changed = std::map<std::string, std::uint64_t>;
  void evolve_batch(const DecodedBatch& batch, Changed& keys);
  // Renders the documents at `keys` for the state and commits them with its position.
  Status commit(const Changed& keys);
  // Writes a snapshot of the state when one is due (see ProjectorOptions::snapshot_events).
  Status snapshot_if_due();
  // load() and catch_up() with apply_mu_ held.
  Status load_locked(const Progress& progress);
  Status catch_up_locked(std::uint64_t until, const Progress& progress);
  // Fetches the events [from, target) batch by batch, up to fetch_ahead batches ahead on other
  // threads, and hands each to `consume` in order; stops at the first error.
  Status pipeline(std::uint64_t from, std::uint64_t target,
                  const std::function<Status(DecodedBatch)>& consume) const;
  void follow();
  void fail(Status status);

  const EventStore& store_;
  DocumentStore& documents_;
  ProjectorOptions options_;

  mutable std::shared_mutex mu_;  // guards state_ and document commits
  domain::State state_;
  std::atomic<std::uint64_t> applied_{0};
  std::atomic<bool> ready_{false};
  std::mutex apply_mu_;  // one applier at a time

  mutable std::mutex status_mu_;
  mutable std::condition_variable progressed_;
  Status status_;

  std::atomic<bool> stopping_{false};
  std::atomic<std::uint64_t> loaded_from_{0};
  // Set by load() when the stored snapshot could not be used or the replay was long: the next
  // catch-up writes one whatever snapshot_events says. Applier only.
  bool snapshot_wanted_ = false;
  std::thread follower_;
  ScopedCollector collector_;  // last: removed before the rest is destroyed
};

// Decodes a stored event into a domain event. nullopt for a type no domain event has;
// kCorruption when a domain event's bytes do not decode.
Result<std::optional<domain::Event>> decode_recorded(const RecordedEvent& event);

}  // namespace thidua::projections
