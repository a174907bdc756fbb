// FullServer: every route of thiduad, wired as src/server/main.cpp wires them, over a RocksDB
// event store in a directory the test owns, on 127.0.0.1:0.
//
// The store lives in DIR/log and the projections in DIR/projections, so a test can stop one
// server and start another on the same directory, as a restart of thiduad would. The event
// store may be given a RocksDB environment (a fault-injecting one); the projections always use
// the default one, so a failing disk under the log leaves the read models alone. A `seed`
// appends to the store before anything reads it (a story recorded directly, say).
//
// Checkpoints are signed once at start; with `checkpoint_every` a background thread signs more
// while the log grows. Commands are decided on 2026-11-28. Not thread-safe itself; the server
// it runs is.
#pragma once

#include <chrono>
#include <filesystem>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include <catch2/catch.hpp>

#include "test_client.hpp"
#include "thidua/app/command_service.hpp"
#include "thidua/audit/checkpointer.hpp"
#include "thidua/audit/signed_note.hpp"
#include "thidua/codec/rule_book.hpp"
#include "thidua/http/audit_routes.hpp"
#include "thidua/http/auth.hpp"
#include "thidua/http/command_routes.hpp"
#include "thidua/http/core_routes.hpp"
#include "thidua/http/feed_routes.hpp"
#include "thidua/http/metrics.hpp"
#include "thidua/http/metrics_route.hpp"
#include "thidua/http/openapi_routes.hpp"
#include "thidua/http/query_routes.hpp"
#include "thidua/http/whoami_route.hpp"
#include "thidua/projections/document_store.hpp"
#include "thidua/projections/projector.hpp"
#include "thidua/store/rocksdb_event_store.hpp"
#include "thidua/util/sha256.hpp"

namespace thidua::http::testing {

inline constexpr const char* kLogOrigin = "thidua.test/log";

// The bearer tokens the server knows, one per role used by the tests.
struct Tokens {
  static inline const std::string admin = "full-admin-token";
  static inline const std::string secretariat = "full-secretariat-token";
  static inline const std::string auditor = "full-auditor-token";
  static inline const std::string unit_gia_lai = "full-unit-gia-lai-token";
  static inline const std::string cluster_head = "full-cluster-head-token";
  static inline const std::string authority = "full-authority-token";
};

// A signing key for the log, to be kept across restarts of a FullServer.
inline audit::Ed25519Signer make_log_signer() {
  auto signer = audit::Ed25519Signer::generate(kLogOrigin);
  REQUIRE(signer.is_ok());
  return *signer;
}

struct FullServerOptions {
  rocksdb::Env* env = nullptr;  // the event store's environment; not owned
  std::function<void(EventStore&)> seed;
  std::optional<std::chrono::milliseconds> checkpoint_every;
  ServerOptions server = test_options();
};

class FullServer {
 public:
  FullServer(const std::filesystem::path& dir, const audit::Ed25519Signer& signer,
             FullServerOptions options = {})
      : authenticator_(grants()) {
    RocksDbStoreOptions store_options;
    store_options.env = options.env;
    auto store = RocksDbEventStore::open(dir / "log", store_options);
    INFO(store.status().to_string());
    REQUIRE(store.is_ok());
    store_ = std::move(*store);
    if (options.seed) options.seed(*store_);
    checkpointer_ = std::make_unique<audit::Checkpointer>(*store_, signer, kLogOrigin);
    REQUIRE(checkpointer_->checkpoint_now().is_ok());
    if (options.checkpoint_every) checkpointer_->start(*options.checkpoint_every);
    auto docs = projections::DocumentStore::open(dir / "projections");
    REQUIRE(docs.is_ok());
    documents_ = std::move(docs).value();
    projector_ = std::make_unique<projections::Projector>(*store_, *documents_);
    projector_->start();
    app::CommandServiceOptions command_options;
    command_options.today = [] { return domain::Date{2026, 11, 28}; };
    command_options.now = [] { return std::string("2026-11-28T01:02:03.004Z"); };
    service_ = std::make_unique<app::CommandService>(*store_, *projector_, rules_,
                                                     std::move(command_options));
    service_->start();
    REQUIRE(service_->wait_ready(std::chrono::seconds(20)));
    start_server(std::move(options.server));
  }

  ~FullServer() {
    server_->stop();
    service_->stop();
    projector_->stop();
    checkpointer_->stop();
    store_->close();
  }

  FullServer(const FullServer&) = delete;
  FullServer& operator=(const FullServer&) = delete;

  tcp::endpoint endpoint() const { return server_->local_endpoint(); }
  RocksDbEventStore& store() { return *store_; }
  projections::Projector& projector() { return *projector_; }
  app::CommandService& service() { return *service_; }
  audit::Checkpointer& checkpointer() { return *checkpointer_; }

  // One request on a fresh connection.
  Response send(Request request) { return TestClient(endpoint()).roundtrip(std::move(request)); }
  Response post(const std::string& target, const std::string& body,
                const std::string& token = Tokens::admin,
                const std::vector<std::pair<std::string, std::string>>& headers = {}) {
    Request request = make_request(Verb::post, target, body);
    request.set(Field::content_type, "application/json");
    if (!token.empty()) request.set(Field::authorization, "Bearer " + token);
    for (const auto& [name, value] : headers) request.set(name, value);
    return send(std::move(request));
  }
  Response get(const std::string& target, const std::string& token = {}) {
    Request request = make_request(Verb::get, target);
    if (!token.empty()) request.set(Field::authorization, "Bearer " + token);
    return send(std::move(request));
  }

 private:
  static TokenGrant grant(const std::string& token, const char* role, std::string organization,
                          std::string name) {
    auto g =
        make_token_grant(to_hex(sha256(token)), role, std::move(organization), std::move(name));
    REQUIRE(g.is_ok());
    return *g;
  }
  static std::vector<TokenGrant> grants() {
    return {grant(Tokens::admin, "admin", {}, "quan-tri"),
            grant(Tokens::secretariat, "secretariat", {}, "van-phong"),
            grant(Tokens::auditor, "auditor", {}, "kiem-toan"),
            grant(Tokens::unit_gia_lai, "unit", "organization/so-tttt-gia-lai", "gia-lai"),
            grant(Tokens::cluster_head, "cluster_head", "cluster/cum-6", "truong-cum"),
            grant(Tokens::authority, "authority", {}, "bo-truong")};
  }

  // The routes of thiduad's serve(), in its order.
  void start_server(ServerOptions options) {
    Router router;
    add_core_routes(router, *store_, &authenticator_);
    add_audit_routes(router, *store_, checkpointer_->verifier_key(), projector_.get(),
                     &authenticator_);
    add_whoami_route(router, authenticator_);
    add_command_routes(router, *service_, authenticator_);
    add_openapi_routes(router);
    FeedOptions feed;
    feed.metrics = &metrics_;
    add_feed_routes(router, *store_, authenticator_, feed);
    add_metrics_route(router, metrics_);
    options.metrics = &metrics_;
    add_query_routes(router, {projector_.get(), store_.get(), &rules_,
                              [] {
                                return domain::Date{2026, 11, 28};
                              },
                              &authenticator_});
    auto server = Server::start(std::move(options), std::move(router));
    REQUIRE(server.is_ok());
    server_ = std::move(*server);
  }

  domain::RuleBook rules_ = codec::load_standard_rule_book();
  Authenticator authenticator_;
  Metrics metrics_;
  std::unique_ptr<RocksDbEventStore> store_;
  std::unique_ptr<audit::Checkpointer> checkpointer_;
  std::unique_ptr<projections::DocumentStore> documents_;
  std::unique_ptr<projections::Projector> projector_;
  std::unique_ptr<app::CommandService> service_;
  std::unique_ptr<Server> server_;
};

}  // namespace thidua::http::testing
