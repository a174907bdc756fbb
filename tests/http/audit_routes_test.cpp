#include <memory>
#include <string>
#include <vector>

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "audit_checks.hpp"
#include "events.hpp"
#include "test_client.hpp"
#include "thidua/audit/checkpointer.hpp"
#include "thidua/audit/signed_note.hpp"
#include "thidua/http/audit_routes.hpp"
#include "thidua/http/feed_routes.hpp"
#include "thidua/http/health_route.hpp"
#include "thidua/http/whoami_route.hpp"
#include "thidua/store/fault_injecting_event_store.hpp"
#include "thidua/util/merkle.hpp"

namespace thidua::http::testing {
namespace {

using nlohmann::json;

constexpr const char* kOrigin = "test.thidua.example/log";
constexpr const char* kAdminToken = "admin-token-1";
constexpr const char* kUnitToken = "unit-token-2";
constexpr const char* kEnvAdminToken = "env-admin-token-3";

audit::Ed25519Signer new_signer() {
  Result<audit::Ed25519Signer> signer = audit::Ed25519Signer::generate(kOrigin);
  REQUIRE(signer.is_ok());
  return *signer;
}

std::vector<TokenGrant> grants() {
  Result<TokenGrant> admin = make_token_grant(to_hex(sha256(kAdminToken)), "admin", "");
  Result<TokenGrant> unit =
      make_token_grant(to_hex(sha256(kUnitToken)), "unit", "organization/so-tttt-gia-lai");
  REQUIRE(admin.is_ok());
  REQUIRE(unit.is_ok());
  return {*admin, *unit};
}

// A server with the core, audit and whoami routes over a memory store (behind a wrapper that
// can fail reads), and a checkpointer whose thread is not started: tests sign checkpoints
// when they choose to.
class AuditServer {
 public:
  AuditServer()
      : store_(std::make_unique<MemoryEventStore>()),
        checkpointer_(store_, new_signer(), kOrigin),
        authenticator_(grants(), std::string(kEnvAdminToken)) {
    Router router;
    add_health_route(router, store_);
    add_events_route(router, store_);
    add_audit_routes(router, store_, checkpointer_.verifier_key());
    add_whoami_route(router, authenticator_);
    auto server = Server::start(test_options(), std::move(router));
    REQUIRE(server.status().to_string() == "OK");
    server_ = std::move(*server);
  }
  ~AuditServer() { server_->stop(); }

  FaultInjectingEventStore& store() { return store_; }
  audit::Checkpointer& checkpointer() { return checkpointer_; }
  tcp::endpoint endpoint() const { return server_->local_endpoint(); }

  void append(int n) {
    for (int i = 0; i < n; ++i) {
      AppendRequest request;
      request.events.push_back(thidua::testing::make_event("cluster/cum-6/2020"));
      REQUIRE(store_.append(std::move(request)).status().to_string() == "OK");
    }
  }

  // Signs a checkpoint of the current head; returns its tree size.
  std::uint64_t checkpoint() {
    Result<StoredCheckpoint> c = checkpointer_.checkpoint_now();
    REQUIRE(c.status().to_string() == "OK");
    REQUIRE(c->tree_size == store_.head());
    return c->tree_size;
  }

  Response get(const std::string& target) { return fetch(endpoint(), Verb::get, target); }

  // The checkpoint served now, opened with the key served now.
  audit::Checkpoint served_checkpoint() {
    Response note = get("/v1/checkpoint");
    REQUIRE(note.result_int() == 200);
    return open_checkpoint(note.body(), get("/v1/checkpoint/key").body());
  }

 private:
  FaultInjectingEventStore store_;
  audit::Checkpointer checkpointer_;
  Authenticator authenticator_;
  std::unique_ptr<Server> server_;
};

std::vector<std::string> prefix(const std::vector<std::string>& leaves, std::size_t n) {
  return {leaves.begin(), leaves.begin() + static_cast<std::ptrdiff_t>(n)};
}

void check_problem(const Response& r, unsigned status, const std::string& type) {
  REQUIRE(r.result_int() == status);
  CHECK(r[Field::content_type] == kProblemJson);
  json body = json::parse(r.body());
  CHECK(body["status"] == status);
  CHECK(body["type"] == type);
}

TEST_CASE("/v1/checkpoint serves the stored note, signed by the served key", "[audit]") {
  AuditServer t;
  t.append(5);
  REQUIRE(t.checkpoint() == 5);
  Response r = t.get("/v1/checkpoint");
  REQUIRE(r.result_int() == 200);
  CHECK(r[Field::content_type] == "text/plain; charset=utf-8");
  CHECK(r[Field::cache_control] == "no-store");
  Result<std::optional<StoredCheckpoint>> stored = t.store().latest_checkpoint();
  REQUIRE(stored.is_ok());
  REQUIRE(stored->has_value());
  CHECK(r.body() == (*stored)->note);

  Response key = t.get("/v1/checkpoint/key");
  REQUIRE(key.result_int() == 200);
  CHECK(key[Field::content_type] == "text/plain; charset=utf-8");
  CHECK(key.body() == t.checkpointer().verifier_key() + "\n");
  CHECK(key.body().rfind(std::string(kOrigin) + "+", 0) == 0);

  audit::Checkpoint checkpoint = open_checkpoint(r.body(), key.body());
  CHECK(checkpoint.origin == kOrigin);
  CHECK(checkpoint.size == 5);
  CHECK(checkpoint.root == merkle::root_of_leaves(served_events(t.endpoint())));

  // Another key does not open it: the check above is a real one.
  Result<audit::NoteVerifier> other = audit::NoteVerifier::parse(new_signer().verifier_key());
  REQUIRE(other.is_ok());
  CHECK_FALSE(audit::open_note(r.body(), *other).is_ok());
}

TEST_CASE("/v1/checkpoint follows the newest checkpoint", "[audit]") {
  AuditServer t;
  REQUIRE(t.checkpoint() == 0);
  CHECK(t.served_checkpoint().size == 0);
  CHECK(t.served_checkpoint().root == merkle::empty_root());
  t.append(3);
  CHECK(t.served_checkpoint().size == 0);  // not signed yet
  REQUIRE(t.checkpoint() == 3);
  CHECK(t.served_checkpoint().size == 3);
}

TEST_CASE("before the first checkpoint the audit routes are 503", "[audit]") {
  AuditServer t;
  t.append(2);
  for (const char* target :
       {"/v1/checkpoint", "/v1/proofs/inclusion?index=0", "/v1/proofs/consistency?from=1"}) {
    INFO(target);
    Response r = t.get(target);
    check_problem(r, 503, "/problems/unavailable");
    CHECK(r[Field::retry_after] == "1");
  }
  // The key is known, and proofs for a size that is given need no checkpoint.
  CHECK(t.get("/v1/checkpoint/key").result_int() == 200);
  CHECK(t.get("/v1/proofs/inclusion?index=0&tree_size=2").result_int() == 200);
  CHECK(t.get("/v1/proofs/consistency?from=1&to=2").result_int() == 200);
}

TEST_CASE("a failing store read is a 503 problem", "[audit]") {
  AuditServer t;
  t.append(2);
  t.checkpoint();
  t.store().fail_reads(true);
  for (const char* target :
       {"/v1/checkpoint", "/v1/proofs/inclusion?index=0",
        "/v1/proofs/inclusion?index=0&tree_size=2", "/v1/proofs/consistency?from=1&to=2"}) {
    INFO(target);
    Response r = t.get(target);
    check_problem(r, 503, "/problems/io-error");
    CHECK(r.find(Field::retry_after) == r.end());
  }
}

TEST_CASE("inclusion proofs verify against the served checkpoint", "[audit]") {
  AuditServer t;
  t.append(7);
  REQUIRE(t.checkpoint() == 7);
  audit::Checkpoint checkpoint = t.served_checkpoint();
  t.append(2);  // not yet in a checkpoint: proofs without tree_size stay at the checkpoint's
  std::vector<std::string> leaves = served_events(t.endpoint());
  REQUIRE(leaves.size() == 9);
  for (std::uint64_t i = 0; i < 7; ++i) {
    INFO("index " << i);
    Response r = t.get("/v1/proofs/inclusion?index=" + std::to_string(i));
    REQUIRE(r.result_int() == 200);
    CHECK(r[Field::content_type] == kJson);
    json body = json::parse(r.body());
    CHECK(body["index"] == i);
    CHECK(body["tree_size"] == 7);
    Digest leaf = decode_digest(body["leaf_hash"]);
    CHECK(leaf == merkle::leaf_hash(leaves[i]));
    std::vector<Digest> hashes = decode_digests(body["hashes"]);
    CHECK(merkle::verify_inclusion(leaf, i, 7, hashes, checkpoint.root));
    REQUIRE_FALSE(hashes.empty());
    hashes.back()[0] ^= 1;
    CHECK_FALSE(merkle::verify_inclusion(leaf, i, 7, hashes, checkpoint.root));
  }
}

TEST_CASE("inclusion proofs for an earlier tree size verify against its root", "[audit]") {
  AuditServer t;
  t.append(7);
  t.checkpoint();
  std::vector<std::string> leaves = served_events(t.endpoint());
  for (std::uint64_t size : {1, 2, 5, 6}) {
    Digest root = merkle::root_of_leaves(prefix(leaves, size));
    for (std::uint64_t i = 0; i < size; ++i) {
      INFO("index " << i << " size " << size);
      json body = json::parse(t.get("/v1/proofs/inclusion?index=" + std::to_string(i) +
                                    "&tree_size=" + std::to_string(size))
                                  .body());
      CHECK(body["tree_size"] == size);
      CHECK(merkle::verify_inclusion(merkle::leaf_hash(leaves[i]), i, size,
                                     decode_digests(body["hashes"]), root));
    }
  }
}

TEST_CASE("consistency proofs verify between checkpoints", "[audit]") {
  AuditServer t;
  t.append(3);
  REQUIRE(t.checkpoint() == 3);
  audit::Checkpoint first = t.served_checkpoint();
  t.append(6);
  REQUIRE(t.checkpoint() == 9);
  audit::Checkpoint second = t.served_checkpoint();
  t.append(1);  // not yet in a checkpoint

  Response r = t.get("/v1/proofs/consistency?from=3");
  REQUIRE(r.result_int() == 200);
  CHECK(r[Field::content_type] == kJson);
  json body = json::parse(r.body());
  CHECK(body["from"] == 3);
  CHECK(body["to"] == 9);
  std::vector<Digest> hashes = decode_digests(body["hashes"]);
  CHECK(merkle::verify_consistency(3, 9, first.root, second.root, hashes));
  REQUIRE_FALSE(hashes.empty());
  hashes.front()[31] ^= 0x80;
  CHECK_FALSE(merkle::verify_consistency(3, 9, first.root, second.root, hashes));

  json explicit_to = json::parse(t.get("/v1/proofs/consistency?to=9&from=3").body());
  CHECK(explicit_to == json::parse(r.body()));
  json same = json::parse(t.get("/v1/proofs/consistency?from=9&to=9").body());
  CHECK(same == json{{"from", 9}, {"to", 9}, {"hashes", json::array()}});
}

TEST_CASE("consistency proofs verify for every earlier size", "[audit]") {
  AuditServer t;
  t.append(9);
  t.checkpoint();
  std::vector<std::string> leaves = served_events(t.endpoint());
  for (std::uint64_t to : {5, 8, 9}) {
    Digest to_root = merkle::root_of_leaves(prefix(leaves, to));
    for (std::uint64_t from = 1; from <= to; ++from) {
      INFO("from " << from << " to " << to);
      json body = json::parse(
          t.get("/v1/proofs/consistency?from=" + std::to_string(from) + "&to=" + std::to_string(to))
              .body());
      CHECK(merkle::verify_consistency(from, to, merkle::root_of_leaves(prefix(leaves, from)),
                                       to_root, decode_digests(body["hashes"])));
    }
  }
}

TEST_CASE("bad proof parameters are a 400 problem naming the parameter", "[audit]") {
  AuditServer t;
  t.append(7);
  t.checkpoint();
  auto [target, name] = GENERATE(table<std::string, std::string>({
      {"inclusion?index=abc", "index"},
      {"inclusion?index=-1", "index"},
      {"inclusion?index=%2B1", "index"},
      {"inclusion?index=1.0", "index"},
      {"inclusion?index=0x1", "index"},
      {"inclusion?index=", "index"},
      {"inclusion?index", "index"},
      {"inclusion?index=18446744073709551616", "index"},
      {"inclusion?index=1&index=2", "index"},
      {"inclusion?index=%zz", "index"},
      {"inclusion?", "index"},
      {"inclusion?tree_size=5", "index"},
      {"inclusion?index=7", "index"},
      {"inclusion?index=5&tree_size=5", "index"},
      {"inclusion?index=0&tree_size=0", "index"},
      {"inclusion?index=0&tree_size=8", "tree_size"},
      {"inclusion?index=0&tree_size=18446744073709551615", "tree_size"},
      {"inclusion?index=0&tree_size=x", "tree_size"},
      {"inclusion?index=0&tree_size=1&tree_size=1", "tree_size"},
      {"inclusion?index=0&size=1", "size"},
      {"inclusion?index=0&from=1", "from"},
      {"consistency?from=abc", "from"},
      {"consistency?from=0", "from"},
      {"consistency?from=0&to=0", "from"},
      {"consistency?from=", "from"},
      {"consistency?to=5", "from"},
      {"consistency?from=6&to=5", "from"},
      {"consistency?from=8", "from"},
      {"consistency?from=1&from=1", "from"},
      {"consistency?from=99999999999999999999", "from"},
      {"consistency?from=1&to=8", "to"},
      {"consistency?from=1&to=-7", "to"},
      {"consistency?from=1&to=7&to=7", "to"},
      {"consistency?from=1&too=2", "too"},
      {"consistency?from=1&index=2", "index"},
  }));
  INFO(target);
  Response r = t.get("/v1/proofs/" + target);
  check_problem(r, 400, "/problems/invalid-argument");
  CHECK(json::parse(r.body())["detail"].get<std::string>().find("'" + name + "'") !=
        std::string::npos);
}

Response whoami(AuditServer& t, const char* authorization) {
  Request request = make_request(Verb::get, "/v1/whoami");
  if (authorization != nullptr) request.set(Field::authorization, authorization);
  TestClient client(t.endpoint());
  return client.roundtrip(std::move(request));
}

TEST_CASE("/v1/whoami names the role of a valid token", "[whoami]") {
  AuditServer t;
  // A token without a configured name is named after its hash.
  const std::string admin_name = "token-" + to_hex(sha256(kAdminToken)).substr(0, 12);
  const std::string unit_name = "token-" + to_hex(sha256(kUnitToken)).substr(0, 12);
  auto [authorization, role, organization, name] =
      GENERATE_COPY(table<std::string, std::string, json, std::string>({
          {std::string("Bearer ") + kAdminToken, "admin", nullptr, admin_name},
          {std::string("bearer  ") + kAdminToken, "admin", nullptr, admin_name},
          {std::string("Bearer ") + kUnitToken, "unit", "organization/so-tttt-gia-lai", unit_name},
          {std::string("Bearer ") + kEnvAdminToken, "admin", nullptr, "admin"},
      }));
  INFO(authorization);
  Response r = whoami(t, authorization.c_str());
  REQUIRE(r.result_int() == 200);
  CHECK(r[Field::content_type] == kJson);
  CHECK(r[Field::cache_control] == "no-store");
  CHECK(json::parse(r.body()) == json{{"name", name},
                                      {"role", role},
                                      {"organization", organization},
                                      {"scope", organization}});
}

TEST_CASE("/v1/whoami without a valid token is a 401 with a Bearer challenge", "[whoami]") {
  AuditServer t;
  SECTION("no token") {
    Response r = whoami(t, nullptr);
    check_problem(r, 401, "/problems/unauthorized");
    CHECK(r[Field::www_authenticate] == "Bearer");
  }
  SECTION("bad tokens") {
    for (std::string bad : {std::string("Bearer nope"), std::string("Bearer ") + kAdminToken + "x",
                            std::string("Bearer"), std::string("Bearer "),
                            std::string("Basic ") + kAdminToken, std::string(kAdminToken)}) {
      INFO(bad);
      Response r = whoami(t, bad.c_str());
      check_problem(r, 401, "/problems/unauthorized");
      CHECK(r[Field::www_authenticate] == "Bearer error=\"invalid_token\"");
    }
  }
  SECTION("two Authorization headers") {
    Request request = make_request(Verb::get, "/v1/whoami");
    request.insert(Field::authorization, std::string("Bearer ") + kAdminToken);
    request.insert(Field::authorization, std::string("Bearer ") + kAdminToken);
    TestClient client(t.endpoint());
    check_problem(client.roundtrip(std::move(request)), 401, "/problems/unauthorized");
  }
}

}  // namespace
}  // namespace thidua::http::testing
