// EventStore: the append-only log of thidua.
//
// Contract (every implementation; tests/store/event_store_contract_test.cpp checks it):
//  * append() writes the events of one request to one or more streams atomically: all of them
//    or none. Positions are global and gapless from 0; versions are per stream, gapless from 0.
//    Order within a request is kept; requests are totally ordered by one writer.
//  * With `expected_position`, the request's first event must land there, else kConflict.
//  * Each stream named in `expectations` must be in the expected state (any / no stream yet /
//    exactly at a version, i.e. its last event has that version), else kConflict and nothing
//    is written.
//  * An idempotency key is stored durably, with a hash of the request, in the same write as the
//    events. Appending again with the same key and the same request returns the original
//    result with `replayed` set; with another request, kIdempotencyMismatch.
//  * Durable stores acknowledge only after the write is synced to disk.
//  * After a failed or uncertain write, every later append fails with kWriteRefused until the
//    store is opened again; reads go on.
//  * Reads see only acknowledged events, never a gap: every read is bounded by head().
//  * The log is a Merkle tree (RFC 6962): leaf i hashes the stored bytes of the event at
//    position i. The hash of every perfect subtree is stored in the same atomic write as the
//    events that complete it, so the tree and the log never disagree (docs/storage.md).
//  * Signed checkpoints are kept by tree size, never replaced by a different note.
//
// Thread-safety: all methods may be called concurrently from any thread. Callbacks passed to
// append_async() and to commit listeners run on a store-owned thread and must not block.
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "thidua/store/event.hpp"
#include "thidua/util/sha256.hpp"
#include "thidua/util/status.hpp"

namespace thidua {

struct ExpectedVersion {
  enum class Kind { kAny, kNoStream, kExact };
  Kind kind = Kind::kAny;
  std::uint64_t version = 0;  // meaningful for kExact only

  static ExpectedVersion any() { return {Kind::kAny, 0}; }
  static ExpectedVersion no_stream() { return {Kind::kNoStream, 0}; }
  static ExpectedVersion exact(std::uint64_t v) { return {Kind::kExact, v}; }
};

struct StreamExpectation {
  std::string stream;
  ExpectedVersion expected;
};

struct AppendRequest {
  std::vector<ProposedEvent> events;            // at least one; appended in this order
  std::vector<StreamExpectation> expectations;  // streams not named here: any version
  std::string idempotency_key;                  // empty: none
  // What the key is checked against on a repeat. Unset: a hash of the expectations and the
  // events as the store reads them (docs/storage.md). A caller whose retries decide the
  // events afresh (new ids, times, derived fields) gives a hash of what it was asked instead.
  std::optional<Digest> request_hash;
  // When set, the first event must get this position (the log's head when the request is
  // written), else kConflict and nothing is written: a writer that decided the events against
  // its own idea of the log learns that the log is elsewhere, and so does every request it
  // queued after, instead of their being written at other positions than it decided.
  std::optional<std::uint64_t> expected_position;
};

// An acknowledged append made under an idempotency key.
struct IdempotencyEntry {
  Digest request_hash{};
  std::uint64_t first_position = 0;
  std::uint64_t count = 0;
};

struct AppendedEvent {
  std::uint64_t position = 0;
  std::uint64_t stream_version = 0;
  std::string id;
  std::string subject;
};

struct AppendResult {
  std::vector<AppendedEvent> events;  // one per requested event, in request order
  bool replayed = false;              // true when answered from an earlier idempotent append
};

struct ReadFilter {
  std::vector<std::string> types;  // empty: every type
  std::string subject_prefix;      // empty: every subject
  // Events of these types, or whose subject starts with one of these prefixes, never match.
  std::vector<std::string> excluded_types = {};
  std::vector<std::string> excluded_subject_prefixes = {};
  bool matches(const std::string& type, const std::string& subject) const;
};

struct ReadBatch {
  std::vector<RecordedEvent> events;
  // Where the next read should start: one past the last position examined. Equal to the head
  // when the read reached it. With a filter, positions skipped over count as examined.
  std::uint64_t next_position = 0;
};

// Limits applied to every append; violations are kInvalidArgument and change nothing.
struct StoreLimits {
  std::size_t max_event_bytes = 256 * 1024;  // one stored event, envelope included
  std::size_t max_events_per_append = 10000;
  std::size_t max_append_bytes = 32 * 1024 * 1024;  // all stored bytes of one request
  std::size_t max_idempotency_key_bytes = 200;
};

// A signed checkpoint as stored: the signed note text for the tree of `tree_size` leaves.
struct StoredCheckpoint {
  std::uint64_t tree_size = 0;
  std::string note;
};

class Subscription;

class EventStore {
 public:
  using AppendCallback = std::function<void(Result<AppendResult>)>;
  using CommitListener = std::function<void(std::uint64_t head)>;

  virtual ~EventStore() = default;

  // Appends `request`; `done` is called exactly once with the outcome, on a store thread (or
  // inline when the request is refused before queueing). Outcomes: the result; kInvalidArgument
  // (malformed event, unknown stream name, limits); kConflict; kIdempotencyMismatch;
  // kWriteRefused (sticky failure); kIOError (this write failed; the store is now sticky);
  // kUnavailable (closing).
  virtual void append_async(AppendRequest request, AppendCallback done) = 0;

  // Blocking form of append_async().
  Result<AppendResult> append(AppendRequest request);

  // Events from `from` in position order: at most `limit` matching ones, scanning at most
  // `max_scan` positions. A `from` at or past the head yields an empty batch.
  virtual Result<ReadBatch> read_all(std::uint64_t from, std::size_t limit,
                                     const ReadFilter& filter = {},
                                     std::size_t max_scan = 100000) const = 0;

  // Events of one stream with version >= `from_version`, at most `limit`, in version order. An
  // unknown stream yields an empty list.
  virtual Result<std::vector<RecordedEvent>> read_stream(const std::string& stream,
                                                         std::uint64_t from_version,
                                                         std::size_t limit) const = 0;

  // The event with this id, or kNotFound.
  virtual Result<RecordedEvent> read_event(const std::string& id) const = 0;

  // The acknowledged append made under `key`, or nullopt when there is none (yet).
  virtual Result<std::optional<IdempotencyEntry>> idempotency_entry(
      const std::string& key) const = 0;

  // The position of the event with this id, from the id index alone, or kNotFound.
  virtual Result<std::uint64_t> position_of(const std::string& id) const = 0;

  // Entries of the id index with id > `after`, in id order, at most `limit`: (id, position),
  // leaving out positions at or past the head. For checking the index as a whole.
  virtual Result<std::vector<std::pair<std::string, std::uint64_t>>> id_index(
      const std::string& after, std::size_t limit) const = 0;

  // The positions of the events of one stream with version >= `from_version`, at most
  // `limit`, in version order, from the stream index alone. An unknown stream yields none.
  virtual Result<std::vector<std::uint64_t>> stream_positions(const std::string& stream,
                                                              std::uint64_t from_version,
                                                              std::size_t limit) const = 0;

  // One past the last acknowledged position (the number of events in the log).
  virtual std::uint64_t head() const = 0;

  // The version of the last event of `stream`, or nullopt when it has none.
  virtual Result<std::optional<std::uint64_t>> stream_head(const std::string& stream) const = 0;

  // Blocks until head() > `position` or `timeout` passes; returns whether head() > position.
  virtual bool wait_beyond(std::uint64_t position, std::chrono::milliseconds timeout) const = 0;

  // Registers `listener`, called with the new head after each acknowledged write. Returns an id
  // for remove_commit_listener(). The listener must outlive its registration.
  virtual std::uint64_t add_commit_listener(CommitListener listener) = 0;
  virtual void remove_commit_listener(std::uint64_t id) = 0;

  // A feed of events from `from`: catch-up from storage, then live, with no gap and no
  // duplicate. The store must outlive the subscription.
  std::unique_ptr<Subscription> subscribe(std::uint64_t from, ReadFilter filter = {}) const;

  // kOk while appends are accepted; the sticky error otherwise.
  virtual Status write_status() const = 0;

  // The hash of the perfect subtree (level, index) of the Merkle tree over the log, covering
  // the leaves [index * 2^level, (index + 1) * 2^level). kNotFound unless every one of those
  // leaves is below head(); kCorruption when a stored hash is malformed.
  virtual Result<Digest> subtree_hash(unsigned level, std::uint64_t index) const = 0;

  // The hashes of the perfect subtrees (level, first) .. (level, first + count - 1), in index
  // order; kNotFound unless all of them are complete. One sequential read where a store can.
  virtual Result<std::vector<Digest>> subtree_hashes(unsigned level, std::uint64_t first,
                                                     std::size_t count) const = 0;

  // Stores a signed checkpoint of the tree of `tree_size` leaves, durably. Outcomes: kOk (also
  // when the same note is already stored for that size); kInvalidArgument when tree_size is
  // beyond head() or the note is empty or over 64 KiB; kConflict when a different note is
  // stored for that size; kWriteRefused / kIOError as for appends.
  virtual Status put_checkpoint(std::uint64_t tree_size, std::string note) = 0;

  // Stored checkpoints with tree_size >= `from_size`, in size order, at most `limit`.
  virtual Result<std::vector<StoredCheckpoint>> checkpoints(std::uint64_t from_size,
                                                            std::size_t limit) const = 0;

  // The checkpoint with the largest tree size, or nullopt when none is stored.
  virtual Result<std::optional<StoredCheckpoint>> latest_checkpoint() const = 0;
};

// A cursor over the log that hands over from catch-up to live with no gap and no duplicate:
// each call returns the events after the last one returned. A consumer that falls far behind
// is simply served from storage; it is never dropped. Not thread-safe: one consumer each.
class Subscription {
 public:
  Subscription(const EventStore& store, std::uint64_t from, ReadFilter filter);

  // Up to `max` events after the cursor; waits up to `timeout` when none is there yet.
  Result<std::vector<RecordedEvent>> next(std::size_t max, std::chrono::milliseconds timeout);

  // The position the next call starts from.
  std::uint64_t cursor() const { return cursor_; }

 private:
  const EventStore& store_;
  std::uint64_t cursor_;
  ReadFilter filter_;
};

}  // namespace thidua
