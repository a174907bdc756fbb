// Node: one running thidua, assembled in one place.
//
// A node owns the event store, the checkpointer that signs the log, the projections and the
// projector that keeps them, the command service, the metrics registry, the router with every
// route, and the HTTP server. thiduad is a node and its arguments; the tests' servers and the
// HTTP fuzz harness are nodes with a fixed clock, a store of their own or a given signing key.
//
//   auto node = Node::open(std::move(options));   // the store and the signing key
//   Status s = (*node)->start();                   // checkpoint, projections, commands, server
//   ...                                            // (*node)->url() answers requests
//   (*node)->stop();                               // the reverse order; also the destructor
//
// Data directory layout: the event store (RocksDB) in DATA itself, the projections in
// DATA/projections, and the signing key in DATA/checkpoint.key unless the configuration names
// another file (created, mode 0600, on the first start).
//
// start() order: a checkpoint of the log as it is is signed (so every answer can be checked
// against one); the projector opens DATA/projections and follows the log on its thread; the
// command service loads its write model once the projector is ready; then the server listens.
// Commands are answered 503 until the write model is loaded (commands().wait_ready()).
//
// stop() order: the server stops (no new connections; requests in flight finish within the
// configured grace), the command service waits for the appends in flight, the projector
// stops, the checkpointer's thread stops and a last checkpoint of everything written is
// signed, and the store closes after its queued writes. Each step is logged when it fails.
//
// Logging: JSON lines, each {"time": clock.now(), ...}, given to the log sink whole (without a
// newline); by default written to stderr, one write per line.
//
// Thread-safety: open(), start(), stop() and the destructor are called from one thread that is
// not one of the server's. The accessors may be called from any thread while the node runs.
#pragma once

#include <cstdint>
#include <filesystem>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include <boost/asio/ip/tcp.hpp>
#include <nlohmann/json_fwd.hpp>

#include "thidua/audit/signed_note.hpp"
#include "thidua/http/config.hpp"
#include "thidua/http/feed_routes.hpp"
#include "thidua/node/clock.hpp"
#include "thidua/store/event_store.hpp"
#include "thidua/store/rocksdb_event_store.hpp"
#include "thidua/util/status.hpp"

namespace thidua {
namespace app {
class CommandService;
}
namespace audit {
class Checkpointer;
}
namespace projections {
class DocumentStore;
class Projector;
}  // namespace projections
class MetricRegistry;
namespace http {
class Router;
class Server;
}  // namespace http
}  // namespace thidua

namespace thidua::node {

// What a node does with the log. A primary accepts commands and appends them.
enum class Role { kPrimary };

// Receives one complete log line (a JSON object, no newline), possibly from several threads
// at once; the sink serialises its writes.
using LogSink = std::function<void(std::string_view line)>;

// Gives a new, unique, lower-case UUID for each appended event and command correlation.
using IdSource = std::function<std::string()>;

// A sink that writes each line and a newline to stderr in one write.
LogSink stderr_log();

// Ids "00000000-0000-4000-8000-<12 hex digits>" counting up from `first`, for tests that need
// to know the ids in advance. Never used on a log that already holds ids from another source.
IdSource counting_ids(std::uint64_t first = 1);

struct NodeOptions {
  std::filesystem::path data;  // the data directory (created if absent)
  // The listen address (config.server.endpoint), limits, timeouts, threads, tokens, the
  // checkpoint origin, signing key file and interval, the as-of settings (http/config.hpp).
  http::ServerConfig config;
  Role role = Role::kPrimary;
  Clock clock = system_clock();
  IdSource ids;  // empty: random (version 4) UUIDs
  LogSink log;   // empty: stderr_log()
  // Also accepted as an admin bearer token when not empty (thiduad: THIDUA_ADMIN_TOKEN).
  std::string admin_token;
  // The event stream routes' settings; their metrics are the node's.
  http::FeedOptions feed;
  // When false, start() starts everything but the server, and router() answers requests
  // directly (a fuzz harness drives the routes without sockets).
  bool serve = true;

  // How DATA's event store is opened (a fault-injecting RocksDB environment, say).
  RocksDbStoreOptions store;
  // When set, this store is served instead of DATA's (an in-memory one, or a wrapper that
  // injects faults); the projections still live in DATA/projections.
  std::unique_ptr<EventStore> event_store;
  // When set, the log is signed with this key instead of the key file's.
  std::optional<audit::Ed25519Signer> signer;
};

class Node {
 public:
  // Opens the data directory, the event store and the signing key. Outcomes: a node, not yet
  // started; kInvalidArgument for options that cannot work (no data directory); the store's
  // or the key file's error otherwise (kIOError, kCorruption, kInvalidArgument).
  static Result<std::unique_ptr<Node>> open(NodeOptions options);

  // stop() unless it was called.
  ~Node();
  Node(const Node&) = delete;
  Node& operator=(const Node&) = delete;

  // Starts every part in the order above. On an error, what was started is stopped again and
  // the error is returned: the first checkpoint's (the store's), the projections' (kIOError,
  // kCorruption) or the listener's (kIOError when the address cannot be bound). Call once.
  Status start();

  // Stops every part in the order above. Idempotent.
  void stop();

  // Logs {"log": level, "msg": message} and the members of `more` (a JSON object) through the
  // node's sink, stamped with the node's time.
  void log(std::string_view level, std::string_view message) const;
  void log(std::string_view level, std::string_view message, const nlohmann::json& more) const;

  // REQUIRES for the accessors below: start() succeeded (the store and options: open()), and
  // for local_endpoint() and url() that the node serves, for router() that it does not.
  boost::asio::ip::tcp::endpoint local_endpoint() const;
  std::string url() const;  // "http://HOST:PORT" of local_endpoint()
  http::Router& router() { return *router_; }
  const std::filesystem::path& data() const { return options_.data; }
  EventStore& store() { return *store_; }
  audit::Checkpointer& checkpointer() { return *checkpointer_; }
  projections::Projector& projector() { return *projector_; }
  app::CommandService& commands() { return *commands_; }
  MetricRegistry& metrics() { return *metrics_; }
  const domain::RuleBook& rules() const;
  std::string verifier_key() const;

 private:
  struct Wiring;

  explicit Node(NodeOptions options);
  Status start_projections();
  http::Router make_router();
  Status start_server();
  void sign_last_checkpoint();
  void write_line(std::string_view line) const;

  NodeOptions options_;
  std::unique_ptr<MetricRegistry> metrics_;
  std::unique_ptr<EventStore> store_;
  RocksDbEventStore* rocksdb_ = nullptr;  // store_, when it is DATA's RocksDB store
  std::unique_ptr<audit::Ed25519Signer> signer_;
  std::string signing_key_file_;  // empty when the signer was given
  std::unique_ptr<audit::Checkpointer> checkpointer_;
  std::unique_ptr<projections::DocumentStore> documents_;
  std::unique_ptr<projections::Projector> projector_;
  std::unique_ptr<app::CommandService> commands_;
  std::unique_ptr<Wiring> wiring_;        // rules, authenticator, answer cache: what routes use
  std::unique_ptr<http::Router> router_;  // when the node does not serve
  std::unique_ptr<http::Server> server_;
  bool started_ = false;
  bool stopped_ = false;
};

}  // namespace thidua::node
