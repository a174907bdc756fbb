#include "commit_notifier.hpp"

namespace thidua::store_internal {

void CommitNotifier::publish(std::uint64_t head) {
  {
    // Appenders of the memory store publish outside their lock, so a smaller head may arrive
    // after a larger one; the head must never move back.
    std::lock_guard<std::mutex> lock(mu_);
    if (head <= head_.load(std::memory_order_relaxed)) return;
    head_.store(head, std::memory_order_release);
  }
  cv_.notify_all();
  std::lock_guard<std::mutex> lock(listeners_mu_);
  for (auto& [id, listener] : listeners_) listener(head);
}

bool CommitNotifier::wait_beyond(std::uint64_t position, std::chrono::milliseconds timeout) const {
  std::unique_lock<std::mutex> lock(mu_);
  return cv_.wait_for(lock, timeout, [&] { return head() > position; });
}

std::uint64_t CommitNotifier::add_listener(EventStore::CommitListener listener) {
  std::lock_guard<std::mutex> lock(listeners_mu_);
  std::uint64_t id = next_listener_id_++;
  listeners_.emplace(id, std::move(listener));
  return id;
}

void CommitNotifier::remove_listener(std::uint64_t id) {
  std::lock_guard<std::mutex> lock(listeners_mu_);
  listeners_.erase(id);
}

}  // namespace thidua::store_internal
