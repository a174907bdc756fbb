// Checkpointer: signs and stores checkpoints of the log.
//
// A checkpoint is a C2SP tlog-checkpoint body (origin, tree size, root) in a C2SP signed note,
// signed with the log's Ed25519 key. The checkpointer signs one for the current head whenever
// the head has moved past the newest stored checkpoint: at start, on demand, and from a
// background thread at a fixed interval (one second by default) while events are written. Old
// checkpoints are kept, so consistency between any two can be proven later.
//
// Thread-safety: all methods may be called concurrently. The store must outlive the object.
#pragma once

#include <chrono>
#include <condition_variable>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>

#include "thidua/audit/signed_note.hpp"
#include "thidua/store/event_store.hpp"

namespace thidua::audit {

class Checkpointer {
 public:
  // REQUIRES: `origin` is a valid checkpoint origin line (non-empty, no newline).
  Checkpointer(EventStore& store, Ed25519Signer signer, std::string origin);
  ~Checkpointer();
  Checkpointer(const Checkpointer&) = delete;
  Checkpointer& operator=(const Checkpointer&) = delete;

  // Signs and stores a checkpoint of the current head unless the newest stored one already
  // covers it; returns the newest stored checkpoint. Errors: the store's (reading the tree,
  // or kWriteRefused / kIOError when storing).
  Result<StoredCheckpoint> checkpoint_now();

  // Starts the background thread, which calls checkpoint_now() every `interval`. Idempotent.
  void start(std::chrono::milliseconds interval = std::chrono::milliseconds(1000));
  // Stops the background thread and waits for it. Idempotent; also done by the destructor.
  void stop();

  const std::string& origin() const { return origin_; }
  // The verifier key of the signing key, in signed-note format.
  std::string verifier_key() const { return signer_.verifier_key(); }

 private:
  void run(std::chrono::milliseconds interval);

  EventStore& store_;
  const Ed25519Signer signer_;
  const std::string origin_;
  std::mutex sign_mu_;  // one signing at a time, so sizes are stored in order
  std::mutex mu_;
  std::condition_variable cv_;
  bool stopping_ = false;  // guarded by mu_
  std::thread thread_;
};

}  // namespace thidua::audit
