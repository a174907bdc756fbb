#include "test_client.hpp"

#include <chrono>
#include <utility>

#include <boost/beast/http/read.hpp>
#include <boost/beast/http/write.hpp>
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "events.hpp"
#include "thidua/codec/command_codec.hpp"
#include "thidua/http/command_routes.hpp"
#include "thidua/http/feed_routes.hpp"
#include "thidua/http/health_route.hpp"

namespace thidua::http::testing {

namespace asio = boost::asio;

TestClient::TestClient(tcp::endpoint server, std::chrono::milliseconds timeout)
    : server_(server), timeout_(timeout), stream_(ioc_) {}

template <typename Start>
error_code TestClient::run(Start start) {
  error_code result = asio::error::would_block;
  stream_.expires_after(timeout_);
  start([&result](error_code ec, auto&&...) { result = ec; });
  ioc_.restart();
  ioc_.run();
  return result;
}

error_code TestClient::connect() {
  error_code ec = run([&](auto done) { stream_.async_connect(server_, done); });
  connected_ = !ec;
  return ec;
}

void TestClient::set_receive_buffer(int bytes) {
  stream_.socket().open(server_.protocol());
  stream_.socket().set_option(asio::socket_base::receive_buffer_size(bytes));
}

error_code TestClient::write_raw(std::string_view bytes) {
  return run([&](auto done) { asio::async_write(stream_, asio::buffer(bytes), done); });
}

error_code TestClient::send(Request request) {
  request.prepare_payload();
  return run([&](auto done) { beast_http::async_write(stream_, request, done); });
}

error_code TestClient::read(Response& response, bool head_only) {
  beast_http::response_parser<beast_http::string_body> parser;
  parser.skip(head_only);
  parser.body_limit(64 * 1024 * 1024);
  error_code ec = run([&](auto done) { beast_http::async_read(stream_, buffer_, parser, done); });
  if (!ec) response = parser.release();
  return ec;
}

error_code TestClient::wait_closed() {
  while (true) {
    char scratch[4096];
    error_code ec = run([&](auto done) { stream_.async_read_some(asio::buffer(scratch), done); });
    if (ec) return ec;
  }
}

Response TestClient::roundtrip(Request request) {
  if (!connected_) REQUIRE(connect().message() == error_code().message());
  bool head = request.method() == Verb::head;
  REQUIRE(send(std::move(request)).message() == error_code().message());
  Response response;
  REQUIRE(read(response, head).message() == error_code().message());
  return response;
}

error_code TestClient::start_stream(Response& head) {
  stream_parser_ = std::make_unique<beast_http::response_parser<beast_http::string_body>>();
  stream_parser_->body_limit(boost::none);
  stream_ended_ = false;
  error_code ec = run(
      [&](auto done) { beast_http::async_read_header(stream_, buffer_, *stream_parser_, done); });
  if (ec) return ec;
  head = beast_http::response<beast_http::string_body>(stream_parser_->get().base());
  stream_ended_ = stream_parser_->is_done();
  return ec;
}

bool TestClient::read_stream_until(const std::function<bool(std::string_view body)>& done) {
  REQUIRE(stream_parser_);
  auto deadline = std::chrono::steady_clock::now() + timeout_;
  while (!done(stream_body())) {
    if (stream_ended_ || std::chrono::steady_clock::now() >= deadline) return false;
    error_code result = asio::error::would_block;
    stream_.expires_at(deadline);
    beast_http::async_read_some(stream_, buffer_, *stream_parser_,
                                [&result](error_code ec, std::size_t) { result = ec; });
    ioc_.restart();
    ioc_.run();
    if (stream_parser_->is_done() || result == beast_http::error::end_of_stream ||
        result == asio::error::eof || result == asio::error::connection_reset) {
      stream_ended_ = true;
    } else if (result && result != beast_http::error::need_buffer) {
      return done(stream_body());
    }
  }
  return true;
}

const std::string& TestClient::stream_body() const {
  static const std::string kNone;
  return stream_parser_ ? stream_parser_->get().body() : kNone;
}

Request make_request(Verb method, std::string_view target, std::string body) {
  Request request{method, target, 11};
  request.set(Field::host, "127.0.0.1");
  request.body() = std::move(body);
  return request;
}

Response fetch(tcp::endpoint server, Verb method, std::string_view target) {
  TestClient client(server);
  return client.roundtrip(make_request(method, target));
}

ServerOptions test_options() {
  ServerOptions options;
  options.endpoint = tcp::endpoint(asio::ip::address_v4::loopback(), 0);
  options.read_timeout = std::chrono::seconds(5);
  options.write_timeout = std::chrono::seconds(5);
  options.shutdown_grace = std::chrono::seconds(5);
  return options;
}

ServerOptions logging_options(std::mutex& mu, std::vector<std::string>& lines) {
  ServerOptions options = test_options();
  options.log = [&mu, &lines](std::string_view line) {
    std::lock_guard lock(mu);
    lines.emplace_back(line);
  };
  return options;
}

TestServer::TestServer(ServerOptions options, std::function<void(Router&)> extra) {
  Router router;
  add_health_route(router, store_);
  add_events_route(router, store_);
  if (extra) extra(router);
  auto server = Server::start(std::move(options), std::move(router));
  REQUIRE(server.status().to_string() == thidua::Status::ok().to_string());
  server_ = std::move(*server);
}

TestServer::~TestServer() { server_->stop(); }

void TestServer::append(const std::string& subject, const std::string& type, int n) {
  for (int i = 0; i < n; ++i) {
    AppendRequest request;
    request.events.push_back(thidua::testing::make_event(subject, type));
    Result<AppendResult> result = store_.append(std::move(request));
    REQUIRE(result.status().to_string() == thidua::Status::ok().to_string());
  }
}

namespace {

// The route's path with its parameters taken from the body, or "" when the body does not fit
// the route (RateTask of a person on the organizations' route).
std::string fill(const CommandRoute& route, const nlohmann::json& body) {
  std::string target(route.pattern);
  for (const PathMember& m : route.members) {
    std::string value = body[std::string(m.member)].is_number()
                            ? std::to_string(body[std::string(m.member)].get<int>())
                            : body[std::string(m.member)].get<std::string>();
    std::string prefix = m.kind == PathMember::Kind::kPersonRef         ? "person/"
                         : m.kind == PathMember::Kind::kOrganizationRef ? "organization/"
                                                                        : "";
    if (value.rfind(prefix, 0) != 0) return "";
    value = value.substr(prefix.size());
    std::string placeholder = "{" + std::string(m.parameter) + "}";
    target.replace(target.find(placeholder), placeholder.size(), value);
  }
  return target;
}

}  // namespace

CommandRequest command_request(const domain::Command& command) {
  const std::string name(domain::command_name(command));
  nlohmann::json body = nlohmann::json::parse(codec::encode_command(command).dump());
  std::string target;
  for (const CommandRoute& route : command_routes()) {
    if (route.command != name) continue;
    target = fill(route, body);
    if (!target.empty()) break;
  }
  INFO(name);
  REQUIRE(!target.empty());
  return {target, body.dump()};
}

}  // namespace thidua::http::testing
