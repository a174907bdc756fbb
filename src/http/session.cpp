#include "session.hpp"

#include <algorithm>
#include <chrono>
#include <exception>
#include <optional>
#include <string>
#include <tuple>

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/http/chunk_encode.hpp>
#include <boost/beast/http/empty_body.hpp>
#include <boost/beast/http/error.hpp>
#include <boost/beast/http/parser.hpp>
#include <boost/beast/http/read.hpp>
#include <boost/beast/http/serializer.hpp>
#include <boost/beast/http/write.hpp>
#include <nlohmann/json.hpp>

#include "thidua/http/problem.hpp"

namespace thidua::http::internal {
namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
using boost::system::error_code;
using Clock = std::chrono::steady_clock;
using Parser = beast_http::request_parser<beast_http::string_body>;

constexpr auto kAwait = asio::as_tuple(asio::use_awaitable);
constexpr std::size_t kReadChunk = 4096;
// After an error reply, unread input is drained for a moment before closing, so the peer sees
// the reply instead of a reset; bounded so that a flooding peer cannot hold the session.
constexpr std::size_t kMaxDrainBytes = 1024 * 1024;
constexpr std::chrono::milliseconds kMaxDrainTime{1000};

bool is_http_error(const error_code& ec) {
  return ec.category() == beast_http::make_error_code(beast_http::error::bad_method).category();
}

// The reply owed for a failed read, or nullopt when the connection should just close.
std::optional<Problem> problem_for_read_error(const error_code& ec) {
  if (ec == beast_http::error::body_limit) {
    return http_problem(HttpStatus::payload_too_large, "body-too-large",
                        "the request body is larger than this server accepts");
  }
  if (ec == beast_http::error::header_limit) {
    return http_problem(HttpStatus::request_header_fields_too_large, "header-too-large",
                        "the request line and headers are larger than this server accepts");
  }
  if (!is_http_error(ec) || ec == beast_http::error::end_of_stream ||
      ec == beast_http::error::partial_message || ec == beast_http::error::short_read) {
    return std::nullopt;
  }
  return http_problem(HttpStatus::bad_request, "malformed-request",
                      "the request is not valid HTTP/1.1: " + ec.message());
}

bool expects_continue(const Request& request) {
  return beast::iequals(request[Field::expect], "100-continue");
}

std::string endpoint_text(const asio::ip::tcp::endpoint& e) {
  std::string host = e.address().to_string();
  if (e.address().is_v6()) host = "[" + host + "]";
  return host + ":" + std::to_string(e.port());
}

// A method a client made up would make the metric's label set unbounded.
std::string method_label(const Request& request) {
  if (request.method() == Verb::unknown) return "other";
  return std::string(request.method_string());
}

// The BodyWriter of one streamed response: chunks for HTTP/1.1, raw bytes for HTTP/1.0.
class StreamWriter final : public BodyWriter {
 public:
  StreamWriter(Connection& connection, const SessionEnv& env, bool chunked)
      : conn_(connection), env_(env), chunked_(chunked) {}

  asio::awaitable<bool> write(std::string_view data) override;
  bool stopping() const override { return conn_.stopping || env_.stopping->load(); }
  void on_stop(std::function<void()> wake) override { conn_.on_stop = std::move(wake); }

  // After a failed (or cut) write the body's framing is broken: the connection must close.
  bool failed() const { return failed_; }
  void fail() { failed_ = true; }
  std::size_t bytes() const { return bytes_; }

 private:
  Connection& conn_;
  const SessionEnv& env_;
  const bool chunked_;
  bool failed_ = false;
  std::size_t bytes_ = 0;
};

asio::awaitable<bool> StreamWriter::write(std::string_view data) {
  if (failed_) co_return false;
  if (data.empty()) co_return true;  // an empty chunk would end the body
  conn_.stream.expires_after(env_.options->write_timeout);
  asio::const_buffer buffer(data.data(), data.size());
  error_code ec;
  if (chunked_) {
    auto chunk = beast_http::make_chunk(buffer);
    std::tie(ec, std::ignore) = co_await asio::async_write(conn_.stream, chunk, kAwait);
  } else {
    std::tie(ec, std::ignore) = co_await asio::async_write(conn_.stream, buffer, kAwait);
  }
  if (ec) {
    failed_ = true;
    co_return false;
  }
  bytes_ += data.size();
  co_return true;
}

class Session {
 public:
  Session(std::shared_ptr<Connection> connection, SessionEnv env)
      : conn_(std::move(connection)), stream_(conn_->stream), env_(env) {
    error_code ec;
    asio::ip::tcp::endpoint peer = stream_.socket().remote_endpoint(ec);
    if (!ec) remote_ = endpoint_text(peer);
  }

  asio::awaitable<void> run();

 private:
  bool stopping() const { return conn_->stopping || env_.stopping->load(); }
  asio::awaitable<bool> await_request();
  asio::awaitable<error_code> read_request(Parser& parser);
  asio::awaitable<Routed> respond(const Request& request);
  asio::awaitable<bool> write(Response& response, const Request& request);
  asio::awaitable<bool> write_streamed(Reply& reply, const Request& request);
  asio::awaitable<void> run_stream(const BodyStream& body, StreamWriter& writer);
  asio::awaitable<void> reply_to_read_error(const error_code& ec, const Parser& parser);
  asio::awaitable<void> drain_input();
  void finish(Response& response, const Request& request, bool keep_alive) const;
  void record(const Request& request, unsigned status, std::size_t bytes) const;
  void log_error(std::string_view what, std::string_view detail) const;

  std::shared_ptr<Connection> conn_;
  beast::tcp_stream& stream_;
  SessionEnv env_;
  beast::flat_buffer buffer_;
  Clock::time_point started_;
  std::string_view route_ = kUnmatchedRoute;  // of the request being answered
  std::string remote_;                        // the peer's address, for the access log
};

// Each round: wait for a request, read it whole, answer it. Any exit closes the connection.
asio::awaitable<void> Session::run() {
  bool drain = false;
  while (co_await await_request()) {
    started_ = Clock::now();
    route_ = kUnmatchedRoute;
    Parser parser;  // fresh per request: a parser holds one message's state
    parser.body_limit(env_.options->body_limit);
    parser.header_limit(static_cast<std::uint32_t>(env_.options->header_limit));
    if (error_code ec = co_await read_request(parser)) {
      co_await reply_to_read_error(ec, parser);
      drain = true;
      break;
    }
    Request request = parser.release();
    Routed routed = co_await respond(request);
    route_ = routed.route;
    if (routed.reply.stream) {
      bool reusable = co_await write_streamed(routed.reply, request);
      if (!reusable) break;
      continue;
    }
    Response& response = routed.reply.response;
    if (!co_await write(response, request) || !response.keep_alive()) break;
  }
  error_code ignored;
  stream_.socket().shutdown(asio::ip::tcp::socket::shutdown_send, ignored);
  if (drain) co_await drain_input();
  stream_.close();
}

// The idle phase of a keep-alive connection: nothing is half-read, so stop() may cut it.
asio::awaitable<bool> Session::await_request() {
  if (buffer_.size() > 0) co_return true;  // the client pipelined the next request
  if (stopping()) co_return false;
  conn_->idle = true;
  stream_.expires_after(env_.options->read_timeout);
  auto [ec, n] = co_await stream_.async_read_some(buffer_.prepare(kReadChunk), kAwait);
  conn_->idle = false;
  buffer_.commit(n);
  co_return !ec || n > 0;
}

asio::awaitable<error_code> Session::read_request(Parser& parser) {
  stream_.expires_after(env_.options->read_timeout);
  auto [ec, n] = co_await beast_http::async_read_header(stream_, buffer_, parser, kAwait);
  if (ec || parser.is_done()) co_return ec;
  if (expects_continue(parser.get())) {
    beast_http::response<beast_http::empty_body> go_on{HttpStatus::continue_,
                                                       parser.get().version()};
    stream_.expires_after(env_.options->write_timeout);
    std::tie(ec, n) = co_await beast_http::async_write(stream_, go_on, kAwait);
    if (ec) co_return ec;
    stream_.expires_after(env_.options->read_timeout);
  }
  std::tie(ec, n) = co_await beast_http::async_read(stream_, buffer_, parser, kAwait);
  co_return ec;
}

asio::awaitable<Routed> Session::respond(const Request& request) {
  std::string failure;
  try {
    co_return co_await env_.router->route(request);
  } catch (const std::exception& e) {
    failure = e.what();
  }
  log_error("handler", failure);
  // The route that threw is not known here; "unmatched" keeps the label set bounded.
  co_return Routed{kUnmatchedRoute,
                   {problem_response(http_problem(HttpStatus::internal_server_error, "internal",
                                                  "the request could not be handled")),
                    {}}};
}

asio::awaitable<bool> Session::write(Response& response, const Request& request) {
  finish(response, request, request.keep_alive() && !stopping());
  stream_.expires_after(env_.options->write_timeout);
  auto [ec, n] = co_await beast_http::async_write(stream_, response, kAwait);
  record(request, response.result_int(), response.body().size());
  co_return !ec;
}

// Headers first (chunked for HTTP/1.1, close-delimited for HTTP/1.0), then the body stream,
// then the last chunk. True when the connection may serve another request.
asio::awaitable<bool> Session::write_streamed(Reply& reply, const Request& request) {
  const bool chunked = request.version() >= 11;
  const bool keep_alive = chunked && request.keep_alive() && !stopping();
  beast_http::response<beast_http::empty_body> head{std::move(reply.response.base())};
  head.version(request.version());
  head.erase(Field::content_length);
  head.keep_alive(keep_alive);
  if (chunked) head.chunked(true);
  const unsigned status = head.result_int();
  beast_http::response_serializer<beast_http::empty_body> serializer{head};
  stream_.expires_after(env_.options->write_timeout);
  auto [ec, n] = co_await beast_http::async_write_header(stream_, serializer, kAwait);
  if (ec || request.method() == Verb::head) {
    record(request, status, 0);
    co_return !ec && keep_alive;
  }
  StreamWriter writer(*conn_, env_, chunked);
  co_await run_stream(reply.stream, writer);
  conn_->on_stop = nullptr;  // it may refer to the finished stream's state
  if (!writer.failed() && chunked) {
    stream_.expires_after(env_.options->write_timeout);
    auto last = beast_http::make_chunk_last();
    std::tie(ec, n) = co_await asio::async_write(stream_, last, kAwait);
    if (ec) writer.fail();
  }
  record(request, status, writer.bytes());
  co_return !writer.failed() && keep_alive;
}

asio::awaitable<void> Session::run_stream(const BodyStream& body, StreamWriter& writer) {
  std::string failure;
  try {
    co_await body(writer);
    co_return;
  } catch (const std::exception& e) {
    failure = e.what();
  }
  writer.fail();
  log_error("body stream", failure);
}

void Session::finish(Response& response, const Request& request, bool keep_alive) const {
  response.version(request.version());
  response.keep_alive(keep_alive);
  if (request.method() != Verb::head) {
    response.prepare_payload();
    return;
  }
  // A HEAD reply states the length the GET body would have, and has none.
  std::size_t length = response.body().size();
  response.body().clear();
  response.content_length(length);
}

asio::awaitable<void> Session::reply_to_read_error(const error_code& ec, const Parser& parser) {
  std::optional<Problem> problem = problem_for_read_error(ec);
  if (!problem) co_return;
  Response response = problem_response(*problem);
  Request request = parser.get();  // whatever of the header was parsed, for the log
  if (request.version() != 10) request.version(11);
  request.keep_alive(false);
  co_await write(response, request);
}

asio::awaitable<void> Session::drain_input() {
  stream_.expires_after(std::min<Clock::duration>(env_.options->read_timeout, kMaxDrainTime));
  std::size_t drained = buffer_.size();
  buffer_.clear();
  while (drained < kMaxDrainBytes) {
    auto [ec, n] = co_await stream_.async_read_some(buffer_.prepare(kReadChunk), kAwait);
    if (ec) break;
    drained += n;
  }
}

// One access line and the request metrics per answer; a streamed answer counts when it ends.
void Session::record(const Request& request, unsigned status, std::size_t bytes) const {
  auto elapsed = std::chrono::duration_cast<std::chrono::microseconds>(Clock::now() - started_);
  if (const ServerMetrics* m = env_.metrics; m && m->requests) {
    std::string route(route_);
    m->requests->with({route, method_label(request), std::to_string(status)}).add();
    m->durations->with({route}).observe(static_cast<double>(elapsed.count()) / 1e6);
  }
  if (!env_.options->log) return;
  nlohmann::json line = {{"log", "access"},
                         {"method", std::string(request.method_string())},
                         {"target", std::string(request.target())},
                         {"route", route_},
                         {"status", status},
                         {"bytes", bytes},
                         {"duration_us", elapsed.count()},
                         {"remote", remote_}};
  env_.options->log(line.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
}

void Session::log_error(std::string_view what, std::string_view detail) const {
  if (!env_.options->log) return;
  nlohmann::json line = {{"log", "error"}, {"what", what}, {"detail", detail}};
  env_.options->log(line.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
}

// Keeps the registry in step with the session's life, however the coroutine ends.
struct Registration {
  ConnectionRegistry* registry;
  std::uint64_t id;
  Gauge* connections;
  ~Registration() {
    if (connections) connections->add(-1);
    registry->remove(id);
  }
};

}  // namespace

ServerMetrics register_server_metrics(MetricRegistry* metrics) {
  ServerMetrics m;
  if (!metrics) return m;
  m.requests = &metrics->counter("thidua_http_requests_total",
                                 "HTTP requests answered, by route pattern, method and status.",
                                 {"route", "method", "status"});
  m.durations = &metrics->histogram(
      "thidua_http_request_duration_seconds",
      "Time from the start of a request to the end of its answer, by route pattern.",
      default_duration_buckets(), {"route"});
  m.connections = &metrics->gauge("thidua_http_connections", "Open HTTP connections.").get();
  return m;
}

asio::awaitable<void> run_session(std::shared_ptr<Connection> connection, std::uint64_t id,
                                  SessionEnv env) {
  Gauge* connections = env.metrics ? env.metrics->connections : nullptr;
  if (connections) connections->add(1);
  Registration registration{env.registry, id, connections};
  Session session(std::move(connection), env);
  co_await session.run();
}

}  // namespace thidua::http::internal
