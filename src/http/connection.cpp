#include "connection.hpp"

#include <utility>
#include <vector>

#include <boost/asio/post.hpp>

namespace thidua::http::internal {

std::uint64_t ConnectionRegistry::add(std::shared_ptr<Connection> connection) {
  std::lock_guard lock(mu_);
  std::uint64_t id = next_id_++;
  live_.emplace(id, std::move(connection));
  return id;
}

void ConnectionRegistry::remove(std::uint64_t id) {
  std::lock_guard lock(mu_);
  live_.erase(id);
  if (live_.empty()) empty_.notify_all();
}

void ConnectionRegistry::post_to_each(std::function<void(Connection&)> action) {
  std::vector<std::shared_ptr<Connection>> targets;
  {
    std::lock_guard lock(mu_);
    for (auto& [id, weak] : live_) {
      if (auto c = weak.lock()) targets.push_back(std::move(c));
    }
  }
  for (auto& c : targets) {
    boost::asio::post(c->stream.get_executor(), [c, action] { action(*c); });
  }
}

bool ConnectionRegistry::wait_empty(std::chrono::steady_clock::time_point deadline) {
  std::unique_lock lock(mu_);
  return empty_.wait_until(lock, deadline, [this] { return live_.empty(); });
}

}  // namespace thidua::http::internal
