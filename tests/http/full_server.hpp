// FullServer: a node (node/node.hpp), as thiduad runs one, over a directory the test owns, on
// 127.0.0.1:0, answering once its commands are taken.
//
// The store lives in DIR and the projections in DIR/projections (a node's layout), so a test
// can stop one server and start another on the same directory, as a restart of thiduad would.
// The event store may be given a RocksDB environment (a fault-injecting one); the projections
// always use the default one, so a failing disk under the log leaves the read models alone. A
// `seed` appends to the store before the node opens it (a story recorded directly, say).
//
// Checkpoints are signed at start, on demand and at stop; with `checkpoint_every` a background
// thread signs more while the log grows. The clock is fixed: commands are decided on
// 2026-11-28. Not thread-safe itself; the server it runs is.
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
#include "thidua/http/authentication.hpp"
#include "thidua/node/node.hpp"
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

// The tokens of Tokens, as a server's configuration grants them.
inline std::vector<TokenGrant> full_server_grants() {
  const auto grant = [](const std::string& token, const char* role, std::string organization,
                        std::string name) {
    auto g =
        make_token_grant(to_hex(sha256(token)), role, std::move(organization), std::move(name));
    REQUIRE(g.is_ok());
    return *g;
  };
  return {grant(Tokens::admin, "admin", {}, "quan-tri"),
          grant(Tokens::secretariat, "secretariat", {}, "van-phong"),
          grant(Tokens::auditor, "auditor", {}, "kiem-toan"),
          grant(Tokens::unit_gia_lai, "unit", "organization/so-tttt-gia-lai", "gia-lai"),
          grant(Tokens::cluster_head, "cluster_head", "cluster/cum-6", "truong-cum"),
          grant(Tokens::authority, "authority", {}, "bo-truong")};
}

class FullServer {
 public:
  FullServer(const std::filesystem::path& dir, const audit::Ed25519Signer& signer,
             FullServerOptions options = {}) {
    node::NodeOptions o;
    o.data = dir;
    o.config.server = std::move(options.server);
    o.config.tokens = full_server_grants();
    o.config.origin = kLogOrigin;
    // Without `checkpoint_every`, checkpoints are signed at start and on demand only.
    o.config.checkpoint_interval = options.checkpoint_every.value_or(std::chrono::hours(24));
    o.clock = node::fixed_clock(domain::Date{2026, 11, 28}, "2026-11-28T01:02:03.004Z");
    o.log = [](std::string_view) {};
    o.signer = signer;
    o.store.env = options.env;
    if (options.seed) {
      auto store = RocksDbEventStore::open(dir, o.store);
      INFO(store.status().to_string());
      REQUIRE(store.is_ok());
      options.seed(**store);
      (*store)->close();
    }
    auto opened = node::Node::open(std::move(o));
    INFO(opened.status().to_string());
    REQUIRE(opened.is_ok());
    node_ = std::move(*opened);
    const Status started = node_->start();
    INFO(started.to_string());
    REQUIRE(started.is_ok());
    REQUIRE(node_->commands().wait_ready(std::chrono::seconds(20)));
  }

  FullServer(const FullServer&) = delete;
  FullServer& operator=(const FullServer&) = delete;

  tcp::endpoint endpoint() const { return node_->local_endpoint(); }
  EventStore& store() { return node_->store(); }
  projections::Projector& projector() { return node_->projector(); }
  app::CommandService& service() { return node_->commands(); }
  audit::Checkpointer& checkpointer() { return node_->checkpointer(); }

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
  std::unique_ptr<node::Node> node_;
};

}  // namespace thidua::http::testing
