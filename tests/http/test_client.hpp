// TestClient: a blocking HTTP/1.1 client for the server tests, and TestServer: a server on
// 127.0.0.1:0 over a MemoryEventStore.
//
// Every client operation has a deadline, so a server that misbehaves fails a test instead of
// hanging it. Not thread-safe: one client per thread.
#pragma once

#include <chrono>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

#include <boost/asio/io_context.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/http/parser.hpp>

#include "thidua/domain/commands.hpp"
#include "thidua/http/message.hpp"
#include "thidua/http/router.hpp"
#include "thidua/http/server.hpp"
#include "thidua/store/event_store.hpp"
#include "thidua/store/memory_event_store.hpp"

namespace thidua::http::testing {

using boost::asio::ip::tcp;
using boost::system::error_code;

class TestClient {
 public:
  explicit TestClient(tcp::endpoint server,
                      std::chrono::milliseconds timeout = std::chrono::seconds(5));

  error_code connect();
  // Opens the socket now with a receive buffer of `bytes` (before connect()), to make a client
  // that lets the server's writes back up quickly.
  void set_receive_buffer(int bytes);
  error_code write_raw(std::string_view bytes);
  error_code send(Request request);
  // Reads one response; `head_only` for the reply to a HEAD request.
  error_code read(Response& response, bool head_only = false);
  // Reads and discards until the server closes; eof (or a reset) when it did, timeout when it
  // did not within the deadline.
  error_code wait_closed();

  // Connects if needed, sends `request` and returns the response. Fails the test on any error.
  Response roundtrip(Request request);

  // Streamed responses. start_stream() reads the header of the response to a request already
  // sent; read_stream_until() then reads more of its body (chunked or close-delimited) until
  // `done` holds for the body received so far, the body ends or the deadline (this client's
  // timeout from the call) passes. It returns whether `done` held.
  error_code start_stream(Response& head);
  bool read_stream_until(const std::function<bool(std::string_view body)>& done);
  // The body received so far, and whether it has ended (last chunk, or the server closed).
  const std::string& stream_body() const;
  bool stream_ended() const { return stream_ended_; }

 private:
  template <typename Start>
  error_code run(Start start);

  tcp::endpoint server_;
  std::chrono::milliseconds timeout_;
  boost::asio::io_context ioc_;
  boost::beast::tcp_stream stream_;
  boost::beast::flat_buffer buffer_;
  bool connected_ = false;
  std::unique_ptr<beast_http::response_parser<beast_http::string_body>> stream_parser_;
  bool stream_ended_ = false;
};

// A GET (or other method) request for `target` with a Host header.
Request make_request(Verb method, std::string_view target, std::string body = {});

// One request on a fresh connection.
Response fetch(tcp::endpoint server, Verb method, std::string_view target);

// Options for tests: port 0 and short deadlines.
ServerOptions test_options();

// test_options() whose log lines are appended to `lines` under `mu`.
ServerOptions logging_options(std::mutex& mu, std::vector<std::string>& lines);

// A server over its own MemoryEventStore, with the core routes plus whatever `extra` adds.
class TestServer {
 public:
  explicit TestServer(ServerOptions options = test_options(),
                      std::function<void(Router&)> extra = {});
  ~TestServer();

  MemoryEventStore& store() { return store_; }
  Server& server() { return *server_; }
  tcp::endpoint endpoint() const { return server_->local_endpoint(); }

  // Appends `n` events to `subject` with `type`; fails the test on error.
  void append(const std::string& subject, const std::string& type, int n = 1);

 private:
  MemoryEventStore store_;
  std::unique_ptr<Server> server_;
};

// The route and JSON body that give `command` (http/command_routes.hpp): the route's path with
// its parameters taken from the body. REQUIREs a route that fits.
struct CommandRequest {
  std::string target;
  std::string body;
};
CommandRequest command_request(const domain::Command& command);

}  // namespace thidua::http::testing
