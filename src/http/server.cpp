#include "thidua/http/server.hpp"

#include <atomic>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/strand.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <nlohmann/json.hpp>

#include "connection.hpp"
#include "session.hpp"

namespace thidua::http {
namespace {

namespace asio = boost::asio;
using asio::ip::tcp;
using boost::system::error_code;
using Clock = std::chrono::steady_clock;

// After the grace period, connections are cut; this is how long their sessions get to unwind.
constexpr std::chrono::milliseconds kCutOffWait{1000};
// A failing accept (e.g. out of file descriptors) is retried after this pause, not in a spin.
constexpr std::chrono::milliseconds kAcceptRetry{100};

Status check_options(const ServerOptions& o) {
  if (o.threads == 0) return Status::invalid_argument("threads must be at least 1");
  if (o.body_limit == 0) return Status::invalid_argument("body_limit must be at least 1");
  if (o.header_limit == 0 || o.header_limit > UINT32_MAX) {
    return Status::invalid_argument("header_limit must be from 1 to 2^32-1");
  }
  if (o.read_timeout.count() <= 0 || o.write_timeout.count() <= 0) {
    return Status::invalid_argument("timeouts must be positive");
  }
  return Status::ok();
}

std::string endpoint_text(const tcp::endpoint& e) {
  std::string host = e.address().to_string();
  if (e.address().is_v6()) host = "[" + host + "]";
  return host + ":" + std::to_string(e.port());
}

}  // namespace

struct Server::Impl {
  Impl(ServerOptions o, Router r) : options(std::move(o)), router(std::move(r)) {}

  Status listen();
  void run();
  asio::awaitable<void> accept_loop();
  void spawn_session(tcp::socket socket);
  void log_error(std::string_view what, const error_code& ec) const;
  void shut_down();

  ServerOptions options;
  Router router;
  internal::ServerMetrics metrics = internal::register_server_metrics(options.metrics);
  internal::ConnectionRegistry registry;
  std::atomic<bool> stopping{false};
  std::mutex stop_mu;
  bool stopped = false;
  tcp::endpoint bound;
  // Declared last so that it goes first: destroying the context destroys the sessions still
  // suspended in it, and they use the members above.
  asio::io_context ioc;
  tcp::acceptor acceptor{asio::make_strand(ioc)};
  std::optional<asio::executor_work_guard<asio::io_context::executor_type>> work;
  std::vector<std::thread> threads;
};

Status Server::Impl::listen() {
  error_code ec;
  const tcp::endpoint& e = options.endpoint;
  acceptor.open(e.protocol(), ec);
  if (!ec) acceptor.set_option(asio::socket_base::reuse_address(true), ec);
  if (!ec) acceptor.bind(e, ec);
  if (!ec) acceptor.listen(asio::socket_base::max_listen_connections, ec);
  if (!ec) bound = acceptor.local_endpoint(ec);
  if (ec) return Status::io_error("cannot listen on " + endpoint_text(e) + ": " + ec.message());
  return Status::ok();
}

void Server::Impl::run() {
  work.emplace(ioc.get_executor());
  asio::co_spawn(acceptor.get_executor(), accept_loop(), asio::detached);
  for (std::size_t i = 0; i < options.threads; ++i) {
    threads.emplace_back([this] { ioc.run(); });
  }
}

asio::awaitable<void> Server::Impl::accept_loop() {
  constexpr auto kAwait = asio::as_tuple(asio::use_awaitable);
  while (acceptor.is_open()) {
    // Named: GCC 12 may destroy a temporary of a co_await expression twice, and a strand's
    // copies share one reference count.
    auto strand = asio::make_strand(ioc);
    auto [ec, socket] = co_await acceptor.async_accept(strand, kAwait);
    if (ec == asio::error::operation_aborted || !acceptor.is_open()) break;
    if (!ec) {
      spawn_session(tcp::socket(std::move(socket)));
      continue;
    }
    log_error("accept", ec);
    asio::steady_timer pause(acceptor.get_executor(), kAcceptRetry);
    co_await pause.async_wait(kAwait);
  }
}

void Server::Impl::spawn_session(tcp::socket socket) {
  auto connection = std::make_shared<internal::Connection>(std::move(socket));
  std::uint64_t id = registry.add(connection);
  internal::SessionEnv env{&options, &router, &stopping, &registry, &metrics};
  auto executor = connection->stream.get_executor();
  asio::co_spawn(executor, internal::run_session(std::move(connection), id, env), asio::detached);
}

void Server::Impl::log_error(std::string_view what, const error_code& ec) const {
  if (!options.log) return;
  nlohmann::json line = {{"log", "error"}, {"what", what}, {"detail", ec.message()}};
  options.log(line.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
}

// Stop accepting; close idle connections now and busy ones after their response; cut off
// what is left after the grace period; then let the threads run dry.
void Server::Impl::shut_down() {
  stopping = true;
  asio::post(acceptor.get_executor(), [this] {
    error_code ignored;
    acceptor.close(ignored);
  });
  registry.post_to_each([](internal::Connection& c) {
    c.stopping = true;
    if (c.idle) c.stream.cancel();
    if (c.on_stop) std::exchange(c.on_stop, nullptr)();
  });
  if (!registry.wait_empty(Clock::now() + options.shutdown_grace)) {
    registry.post_to_each([](internal::Connection& c) { c.stream.close(); });
    registry.wait_empty(Clock::now() + kCutOffWait);
  }
  work.reset();
  ioc.stop();
  for (std::thread& t : threads) t.join();
  threads.clear();
}

Result<std::unique_ptr<Server>> Server::start(ServerOptions options, Router router) {
  if (Status s = check_options(options); !s.is_ok()) return s;
  auto impl = std::make_unique<Impl>(std::move(options), std::move(router));
  if (Status s = impl->listen(); !s.is_ok()) return s;
  impl->run();
  return std::unique_ptr<Server>(new Server(std::move(impl)));
}

Server::Server(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}

Server::~Server() { stop(); }

tcp::endpoint Server::local_endpoint() const { return impl_->bound; }

void Server::stop() {
  std::lock_guard lock(impl_->stop_mu);
  if (impl_->stopped) return;
  impl_->stopped = true;
  impl_->shut_down();
}

}  // namespace thidua::http
