// CommitNotifier: publishes the acknowledged head to waiters and listeners (store-internal).
//
// The head only grows. publish() is called by the single writer after a write is durable;
// everyone else reads head() or waits. Thread-safe.
#pragma once

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <map>
#include <mutex>

#include "thidua/store/event_store.hpp"

namespace thidua::store_internal {

class CommitNotifier {
 public:
  explicit CommitNotifier(std::uint64_t head) : head_(head) {}

  std::uint64_t head() const { return head_.load(std::memory_order_acquire); }

  // Makes `head` visible if it is beyond the current one, wakes waiters, then calls listeners
  // (outside the lock).
  void publish(std::uint64_t head);

  bool wait_beyond(std::uint64_t position, std::chrono::milliseconds timeout) const;

  std::uint64_t add_listener(EventStore::CommitListener listener);
  void remove_listener(std::uint64_t id);

 private:
  std::atomic<std::uint64_t> head_;
  mutable std::mutex mu_;
  mutable std::condition_variable cv_;
  std::mutex listeners_mu_;  // held while listeners run, so removal waits for a running call
  std::map<std::uint64_t, EventStore::CommitListener> listeners_;
  std::uint64_t next_listener_id_ = 1;
};

}  // namespace thidua::store_internal
