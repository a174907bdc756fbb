#include "thidua/node/node.hpp"

#include <cinttypes>
#include <cstdio>
#include <mutex>
#include <utility>

#include <nlohmann/json.hpp>

#include "thidua/app/command_service.hpp"
#include "thidua/audit/checkpointer.hpp"
#include "thidua/audit/signer_file.hpp"
#include "thidua/codec/rule_book.hpp"
#include "thidua/http/audit_routes.hpp"
#include "thidua/http/authentication.hpp"
#include "thidua/http/command_routes.hpp"
#include "thidua/http/health_route.hpp"
#include "thidua/http/metrics_route.hpp"
#include "thidua/http/openapi_routes.hpp"
#include "thidua/http/query_routes.hpp"
#include "thidua/http/router.hpp"
#include "thidua/http/server.hpp"
#include "thidua/http/whoami_route.hpp"
#include "thidua/metrics/registry.hpp"
#include "thidua/projections/answer_cache.hpp"
#include "thidua/projections/document_store.hpp"
#include "thidua/projections/projector.hpp"
#include "thidua/util/uuid.hpp"

namespace thidua::node {

namespace fs = std::filesystem;

LogSink stderr_log() {
  auto mu = std::make_shared<std::mutex>();
  return [mu](std::string_view line) {
    std::string text(line);
    text += '\n';
    std::lock_guard lock(*mu);
    std::fwrite(text.data(), 1, text.size(), stderr);
  };
}

IdSource counting_ids(std::uint64_t first) {
  auto next = std::make_shared<std::atomic<std::uint64_t>>(first);
  return [next] {
    char text[40];
    std::snprintf(text, sizeof text, "00000000-0000-4000-8000-%012" PRIx64,
                  static_cast<std::uint64_t>(next->fetch_add(1) & 0xffffffffffffULL));
    return std::string(text);
  };
}

// What the routes read besides the parts: the rule book, who may call, the as-of answers kept.
struct Node::Wiring {
  Wiring(std::vector<http::TokenGrant> tokens, const std::string& admin_token,
         std::size_t as_of_cache_bytes, MetricRegistry* metrics)
      : authenticator(std::move(tokens),
                      admin_token.empty() ? std::nullopt : std::optional<std::string>(admin_token)),
        answers(std::make_shared<projections::AnswerCache>(as_of_cache_bytes, metrics)) {}

  domain::RuleBook rules = codec::load_standard_rule_book();
  http::Authenticator authenticator;
  std::shared_ptr<projections::AnswerCache> answers;
};

Node::Node(NodeOptions options)
    : options_(std::move(options)), metrics_(std::make_unique<MetricRegistry>()) {
  if (!options_.log) options_.log = stderr_log();
  if (!options_.ids) options_.ids = new_uuid;
}

Node::~Node() { stop(); }

Result<std::unique_ptr<Node>> Node::open(NodeOptions options) {
  if (options.data.empty()) return Status::invalid_argument("a node needs a data directory");
  std::unique_ptr<Node> node(new Node(std::move(options)));
  NodeOptions& o = node->options_;
  const auto fail = [&node](const std::string& what, const Status& s) {
    node->log("error", what + ": " + s.to_string());
    return s;
  };
  std::error_code ec;
  fs::create_directories(o.data, ec);
  if (ec) {
    return fail("cannot open the store",
                Status::io_error("cannot create " + o.data.string() + ": " + ec.message()));
  }
  if (o.event_store) {
    node->store_ = std::move(o.event_store);
  } else {
    RocksDbStoreOptions store_options = o.store;
    store_options.metrics = node->metrics_.get();
    auto store = RocksDbEventStore::open(o.data, std::move(store_options));
    if (!store) return fail("cannot open the store", store.status());
    node->rocksdb_ = store->get();
    node->store_ = std::move(*store);
  }
  if (o.signer) {
    node->signer_ = std::make_unique<audit::Ed25519Signer>(std::move(*o.signer));
    o.signer.reset();
  } else {
    const fs::path key_file =
        o.config.signing_key.empty() ? o.data / "checkpoint.key" : o.config.signing_key;
    auto signer = audit::load_or_create_signer(key_file, o.config.origin);
    if (!signer) return fail("cannot sign checkpoints", signer.status());
    node->signer_ = std::make_unique<audit::Ed25519Signer>(std::move(*signer));
    node->signing_key_file_ = key_file.string();
  }
  node->wiring_ = std::make_unique<Wiring>(std::move(o.config.tokens), o.admin_token,
                                           o.config.as_of_cache_bytes, node->metrics_.get());
  if (!o.admin_token.empty()) {
    node->log("info", "THIDUA_ADMIN_TOKEN is set: it is accepted as an admin token");
  }
  return node;
}

void Node::log(std::string_view level, std::string_view message) const {
  log(level, message, nlohmann::json::object());
}

void Node::log(std::string_view level, std::string_view message, const nlohmann::json& more) const {
  nlohmann::json line = {{"log", level}, {"msg", message}};
  line.update(more);
  write_line(line.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
}

// Puts the time first in `line` (a JSON object) and hands it to the sink.
void Node::write_line(std::string_view line) const {
  std::string stamped = "{\"time\":\"" + options_.clock.now() + "\"";
  if (line.size() > 2) stamped += ',';
  stamped += line.substr(1);
  options_.log(stamped);
}

Status Node::start() {
  if (started_) return Status::invalid_argument("the node was started already");
  started_ = true;
  const auto began = options_.clock.steady();
  checkpointer_ = std::make_unique<audit::Checkpointer>(*store_, *signer_, options_.config.origin);
  auto first = checkpointer_->checkpoint_now();
  if (!first) {
    log("error", "cannot sign checkpoints: " + first.status().to_string());
    stop();
    return first.status();
  }
  log("info", "signing checkpoints",
      {{"origin", options_.config.origin},
       {"signing_key", signing_key_file_},
       {"verifier_key", checkpointer_->verifier_key()},
       {"tree_size", first->tree_size}});
  checkpointer_->start(options_.config.checkpoint_interval);
  if (Status s = start_projections(); !s.is_ok()) {
    log("error", "cannot open the projections: " + s.to_string());
    stop();
    return s;
  }
  if (Status s = start_server(); !s.is_ok()) {
    log("error", s.to_string());
    stop();
    return s;
  }
  const auto took =
      std::chrono::duration_cast<std::chrono::milliseconds>(options_.clock.steady() - began);
  log("info", "started",
      {{"url", options_.serve ? url() : std::string()},
       {"data", options_.data.string()},
       {"took_ms", took.count()}});
  return Status::ok();
}

Status Node::start_projections() {
  projections::DocumentStoreOptions stored;
  stored.keep_versions = options_.config.as_of_versions;
  auto documents = projections::DocumentStore::open(options_.data / "projections", stored);
  if (!documents) return documents.status();
  documents_ = std::move(documents).value();
  projections::ProjectorOptions projecting;
  projecting.metrics = metrics_.get();
  projector_ = std::make_unique<projections::Projector>(*store_, *documents_, projecting);
  log("info", "projections", {{"applied", documents_->applied()}, {"head", store_->head()}});
  projector_->start();
  app::CommandServiceOptions commands;
  commands.today = options_.clock.today;
  commands.now = options_.clock.now;
  commands.new_id = options_.ids;
  commands.metrics = metrics_.get();
  commands_ = std::make_unique<app::CommandService>(*store_, *projector_, wiring_->rules,
                                                    std::move(commands));
  commands_->start();
  return Status::ok();
}

// Every route, in the order the router tries them.
http::Router Node::make_router() {
  http::Authenticator& auth = wiring_->authenticator;
  http::Router router;
  http::add_health_route(router, *store_);
  http::add_audit_routes(router, *store_, checkpointer_->verifier_key(), projector_.get(), &auth);
  http::add_whoami_route(router, auth);
  http::add_command_routes(router, *commands_, auth);
  http::add_openapi_routes(router);
  http::FeedOptions feed = options_.feed;
  feed.metrics = metrics_.get();
  http::add_feed_routes(router, *store_, auth, feed);
  http::add_metrics_route(router, *metrics_);
  http::QueryContext queries{projector_.get(), store_.get(), &wiring_->rules, options_.clock.today,
                             &auth};
  queries.answers = wiring_->answers;
  http::add_query_routes(router, std::move(queries));
  return router;
}

Status Node::start_server() {
  if (!options_.serve) {
    router_ = std::make_unique<http::Router>(make_router());
    return Status::ok();
  }
  http::ServerOptions server = options_.config.server;
  server.metrics = metrics_.get();
  server.log = [this](std::string_view line) { write_line(line); };
  auto started = http::Server::start(std::move(server), make_router());
  if (!started) return started.status();
  server_ = std::move(*started);
  return Status::ok();
}

void Node::stop() {
  if (stopped_) return;
  stopped_ = true;
  if (server_) server_->stop();
  // Answers of appends still in flight are posted to the server's (stopped) executors, where
  // they are dropped: wait for the appends while those executors still exist. The writes are
  // durable either way.
  if (commands_) commands_->stop();
  if (projector_) {
    projector_->stop();
    if (Status s = projector_->status(); !s.is_ok()) {
      log("error", "the projections stopped: " + s.to_string());
    }
  }
  if (checkpointer_) {
    checkpointer_->stop();
    sign_last_checkpoint();
  }
  server_.reset();  // and with it the router, whose event stream route listens to the store
  router_.reset();
  // Nothing can start a write now: close() finishes the queued ones and syncs.
  if (rocksdb_ != nullptr) rocksdb_->close();
  if (started_) log("info", "stopped");
}

void Node::sign_last_checkpoint() {
  auto last = checkpointer_->checkpoint_now();
  if (!last) log("error", "cannot sign the last checkpoint: " + last.status().to_string());
}

boost::asio::ip::tcp::endpoint Node::local_endpoint() const { return server_->local_endpoint(); }

std::string Node::url() const {
  const auto e = local_endpoint();
  std::string host = e.address().to_string();
  if (e.address().is_v6()) host = "[" + host + "]";
  return "http://" + host + ":" + std::to_string(e.port());
}

const domain::RuleBook& Node::rules() const { return wiring_->rules; }

std::string Node::verifier_key() const { return signer_->verifier_key(); }

}  // namespace thidua::node
