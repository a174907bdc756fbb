#include "http_client.hpp"

#include <boost/asio/connect.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>

namespace thidua::cli {

namespace beast = boost::beast;
namespace http = boost::beast::http;
using tcp = boost::asio::ip::tcp;

struct HttpClient::Impl {
  std::string host, port, prefix;
  std::string token;
  boost::asio::io_context io;
  beast::tcp_stream stream{io};
  bool connected = false;

  Status connect() {
    boost::system::error_code ec;
    tcp::resolver resolver(io);
    auto endpoints = resolver.resolve(host, port, ec);
    if (!ec) stream.connect(endpoints, ec);
    if (ec) return Status::io_error("cannot connect to " + host + ":" + port + ": " + ec.message());
    connected = true;
    return Status::ok();
  }

  Result<HttpAnswer> exchange(http::verb method, const std::string& target, const std::string* body,
                              const Headers& headers) {
    http::request<http::string_body> req{method, prefix + target, 11};
    req.set(http::field::host, host);
    req.set(http::field::user_agent, "thidua");
    if (!token.empty()) req.set(http::field::authorization, "Bearer " + token);
    for (const auto& [name, value] : headers) req.set(name, value);
    if (body) {
      req.set(http::field::content_type, "application/json");
      req.body() = *body;
      req.prepare_payload();
    }
    boost::system::error_code ec;
    stream.expires_after(std::chrono::seconds(60));
    http::write(stream, req, ec);
    beast::flat_buffer buffer;
    http::response_parser<http::string_body> parser;
    parser.body_limit(256 * 1024 * 1024);
    if (!ec) http::read(stream, buffer, parser, ec);
    if (ec) {
      connected = false;
      stream.close();
      return Status::io_error(std::string(http::to_string(method)) + " " + target + ": " +
                              ec.message());
    }
    auto& res = parser.get();
    HttpAnswer out{res.result_int(), std::string(res[http::field::content_type]),
                   std::string(res[http::field::link]), std::move(res.body())};
    if (!res.keep_alive()) {
      connected = false;
      stream.close();
    }
    return out;
  }
};

Result<std::unique_ptr<HttpClient>> HttpClient::create(const std::string& base) {
  const std::string scheme = "http://";
  if (base.rfind(scheme, 0) != 0) {
    return Status::invalid_argument("the URL must start with http://: " + base);
  }
  auto impl = std::make_unique<Impl>();
  std::string rest = base.substr(scheme.size());
  std::size_t slash = rest.find('/');
  std::string authority = rest.substr(0, slash);
  if (slash != std::string::npos) impl->prefix = rest.substr(slash);
  while (!impl->prefix.empty() && impl->prefix.back() == '/') impl->prefix.pop_back();
  std::size_t colon = authority.rfind(':');
  bool bracketed = authority.find(']') != std::string::npos;
  if (colon != std::string::npos && (!bracketed || colon > authority.find(']'))) {
    impl->host = authority.substr(0, colon);
    impl->port = authority.substr(colon + 1);
  } else {
    impl->host = authority;
    impl->port = "80";
  }
  if (impl->host.size() > 2 && impl->host.front() == '[') {
    impl->host = impl->host.substr(1, impl->host.size() - 2);
  }
  if (impl->host.empty() || impl->port.empty()) {
    return Status::invalid_argument("no host in URL: " + base);
  }
  return std::unique_ptr<HttpClient>(new HttpClient(std::move(impl)));
}

HttpClient::HttpClient(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
HttpClient::~HttpClient() = default;

Result<HttpAnswer> HttpClient::send(int method, const std::string& target, const std::string* body,
                                    const Headers& headers) {
  // A kept-alive connection the server closed meanwhile fails once; one retry on a fresh one.
  for (int attempt = 0; attempt < 2; ++attempt) {
    const bool reused = impl_->connected;
    if (!reused) {
      if (Status s = impl_->connect(); !s.is_ok()) return s;
    }
    Result<HttpAnswer> answer =
        impl_->exchange(static_cast<http::verb>(method), target, body, headers);
    if (answer || !reused) return answer;
  }
  return Status::io_error("unreachable");
}

Result<HttpAnswer> HttpClient::get(const std::string& target) {
  return send(static_cast<int>(http::verb::get), target, nullptr, {});
}

Result<HttpAnswer> HttpClient::post(const std::string& target, const std::string& body,
                                    const Headers& headers) {
  return send(static_cast<int>(http::verb::post), target, &body, headers);
}

void HttpClient::set_token(std::string token) { impl_->token = std::move(token); }

}  // namespace thidua::cli
