// Connection and ConnectionRegistry: the server's view of its open connections (internal).
//
// A Connection is owned jointly by its session coroutine and by whatever the registry posts to
// it; its fields are touched only on the connection's strand (the stream's executor). The
// registry lets stop() reach every live connection: it posts actions to their strands and waits
// for the sessions to end. Registry: thread-safe.
#pragma once

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <unordered_map>

#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core/tcp_stream.hpp>

namespace thidua::http::internal {

struct Connection {
  explicit Connection(boost::asio::ip::tcp::socket socket) : stream(std::move(socket)) {}

  boost::beast::tcp_stream stream;
  bool idle = false;      // waiting for the first byte of a request: nothing to lose by closing
  bool stopping = false;  // finish the request in flight, then close
  // Set while a streamed body runs and it asked to be woken at stop (BodyWriter::on_stop).
  std::function<void()> on_stop;
};

class ConnectionRegistry {
 public:
  // Registers `connection`; the id is for remove().
  std::uint64_t add(std::shared_ptr<Connection> connection);
  void remove(std::uint64_t id);

  // Posts `action` to the strand of every live connection.
  void post_to_each(std::function<void(Connection&)> action);

  // Blocks until no connection is registered or `deadline` passes; true when none is left.
  bool wait_empty(std::chrono::steady_clock::time_point deadline);

 private:
  std::mutex mu_;
  std::condition_variable empty_;
  std::unordered_map<std::uint64_t, std::weak_ptr<Connection>> live_;
  std::uint64_t next_id_ = 0;
};

}  // namespace thidua::http::internal
