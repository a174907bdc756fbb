// HttpSession: a blocking HTTP/1.1 client on one kept-alive connection to a server on
// 127.0.0.1, for the crash-loop test's writers and checks.
//
// Failures are values, never test assertions, so that a session may run on any thread and a
// server killed in the middle of a request shows up as an Answer with a transport error. Every
// operation has a deadline. Not thread-safe: one session per thread.
#pragma once

#include <chrono>
#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <boost/asio/io_context.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/core/tcp_stream.hpp>

namespace thidua::reliability {

// What a request got: a status and a body, or `error` (the status is then 0) when no whole
// response arrived.
struct Answer {
  int status = 0;
  std::string body;
  std::string error;
  bool answered() const { return error.empty(); }
};

using Headers = std::vector<std::pair<std::string, std::string>>;

class HttpSession {
 public:
  // A session to 127.0.0.1:`port` whose requests carry `Authorization: Bearer <token>` when
  // `token` is not empty. Connects on the first request.
  HttpSession(std::uint16_t port, std::string token,
              std::chrono::milliseconds timeout = std::chrono::seconds(30));

  // Sends one request and reads its response, connecting first when there is no open
  // connection. After a transport error the connection is dropped; the next request opens a
  // new one.
  Answer request(std::string_view method, std::string_view target, const std::string& body = {},
                 const Headers& headers = {});
  Answer get(std::string_view target) { return request("GET", target); }
  // A POST of a JSON body.
  Answer post(std::string_view target, const std::string& body, const Headers& headers = {});

 private:
  template <typename Start>
  boost::system::error_code run(Start start);
  void drop();

  std::uint16_t port_;
  std::string token_;
  std::chrono::milliseconds timeout_;
  boost::asio::io_context ioc_;
  boost::beast::tcp_stream stream_;
  boost::beast::flat_buffer buffer_;
  bool connected_ = false;
};

}  // namespace thidua::reliability
