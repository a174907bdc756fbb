#include "thidua/audit/checkpointer.hpp"

#include "thidua/audit/checkpoint.hpp"
#include "thidua/util/merkle.hpp"

namespace thidua::audit {

Checkpointer::Checkpointer(EventStore& store, Ed25519Signer signer, std::string origin)
    : store_(store), signer_(std::move(signer)), origin_(std::move(origin)) {}

Checkpointer::~Checkpointer() { stop(); }

Result<StoredCheckpoint> Checkpointer::checkpoint_now() {
  std::lock_guard<std::mutex> lock(sign_mu_);
  Result<std::optional<StoredCheckpoint>> latest = store_.latest_checkpoint();
  if (!latest) return latest.status();
  if (*latest) {
    // Checkpoints of one log are all signed by one key: a newest checkpoint this key did not
    // sign means the key was replaced, which verifiers could not follow. Refuse, clearly.
    Result<NoteVerifier> own = NoteVerifier::parse(signer_.verifier_key());
    if (!own || !open_note((*latest)->note, *own)) {
      return Status::invalid_argument(
          "the newest stored checkpoint (size " + std::to_string((*latest)->tree_size) +
          ") is not signed by this signing key; the log's key cannot be replaced");
    }
  }
  const std::uint64_t head = store_.head();
  if (*latest && (*latest)->tree_size >= head) return **latest;
  Result<Digest> root = merkle::root_at(head, [this](unsigned level, std::uint64_t index) {
    return store_.subtree_hash(level, index);
  });
  if (!root) return root.status();
  Checkpoint checkpoint{origin_, head, *root, {}};
  StoredCheckpoint stored{head, sign_note(checkpoint.body(), signer_)};
  if (Status s = store_.put_checkpoint(stored.tree_size, stored.note); !s.is_ok()) return s;
  return stored;
}

void Checkpointer::start(std::chrono::milliseconds interval) {
  std::lock_guard<std::mutex> lock(mu_);
  if (thread_.joinable()) return;
  stopping_ = false;
  thread_ = std::thread([this, interval] { run(interval); });
}

void Checkpointer::stop() {
  {
    std::lock_guard<std::mutex> lock(mu_);
    stopping_ = true;
  }
  cv_.notify_all();
  if (thread_.joinable()) thread_.join();
}

void Checkpointer::run(std::chrono::milliseconds interval) {
  std::unique_lock<std::mutex> lock(mu_);
  while (!cv_.wait_for(lock, interval, [this] { return stopping_; })) {
    lock.unlock();
    // A failure (the store refusing writes) is retried at the next tick; the health endpoint
    // reports the store's state.
    Result<StoredCheckpoint> r = checkpoint_now();
    (void)r;
    lock.lock();
  }
}

}  // namespace thidua::audit
