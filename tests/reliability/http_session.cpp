#include "http_session.hpp"

#include <boost/asio/ip/address_v4.hpp>
#include <boost/beast/http/message.hpp>
#include <boost/beast/http/parser.hpp>
#include <boost/beast/http/read.hpp>
#include <boost/beast/http/string_body.hpp>
#include <boost/beast/http/write.hpp>

namespace thidua::reliability {

namespace asio = boost::asio;
namespace http = boost::beast::http;
using boost::system::error_code;

HttpSession::HttpSession(std::uint16_t port, std::string token, std::chrono::milliseconds timeout)
    : port_(port), token_(std::move(token)), timeout_(timeout), stream_(ioc_) {}

template <typename Start>
error_code HttpSession::run(Start start) {
  error_code result = asio::error::would_block;
  stream_.expires_after(timeout_);
  start([&result](error_code ec, auto&&...) { result = ec; });
  ioc_.restart();
  ioc_.run();
  return result;
}

void HttpSession::drop() {
  error_code ignored;
  stream_.socket().shutdown(asio::ip::tcp::socket::shutdown_both, ignored);
  stream_.close();
  buffer_.clear();
  connected_ = false;
}

Answer HttpSession::request(std::string_view method, std::string_view target,
                            const std::string& body, const Headers& headers) {
  Answer answer;
  auto fail = [&](std::string_view what, error_code ec) {
    drop();
    answer.error = std::string(what) + ": " + ec.message();
    return answer;
  };
  if (!connected_) {
    const asio::ip::tcp::endpoint server(asio::ip::address_v4::loopback(), port_);
    if (error_code ec = run([&](auto done) { stream_.async_connect(server, done); })) {
      return fail("connect", ec);
    }
    connected_ = true;
  }
  http::request<http::string_body> req{http::string_to_verb(method), target, 11};
  req.set(http::field::host, "127.0.0.1");
  if (!token_.empty()) req.set(http::field::authorization, "Bearer " + token_);
  for (const auto& [name, value] : headers) req.set(name, value);
  req.body() = body;
  req.prepare_payload();
  if (error_code ec = run([&](auto done) { http::async_write(stream_, req, done); })) {
    return fail("write", ec);
  }
  http::response_parser<http::string_body> parser;
  parser.body_limit(256 * 1024 * 1024);
  parser.skip(method == "HEAD");
  if (error_code ec = run([&](auto done) { http::async_read(stream_, buffer_, parser, done); })) {
    return fail("read", ec);
  }
  http::response<http::string_body> res = parser.release();
  answer.status = res.result_int();
  answer.body = std::move(res.body());
  if (!res.keep_alive()) drop();
  return answer;
}

Answer HttpSession::post(std::string_view target, const std::string& body, const Headers& headers) {
  Headers all = headers;
  all.emplace_back("Content-Type", "application/json");
  return request("POST", target, body, all);
}

}  // namespace thidua::reliability
