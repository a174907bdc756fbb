#include "thidua/http/audit_routes.hpp"

#include <cstdint>
#include <functional>
#include <initializer_list>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <utility>
#include <variant>
#include <vector>

#include <nlohmann/json.hpp>

#include "thidua/audit/evidence.hpp"
#include "thidua/audit/proofs.hpp"
#include "thidua/domain/dependencies.hpp"
#include "thidua/http/authorization.hpp"
#include "thidua/http/problem.hpp"
#include "thidua/http/query.hpp"
#include "thidua/util/base64.hpp"

namespace thidua::http {
namespace {

using nlohmann::json;
using Counts = std::map<std::string, std::uint64_t, std::less<>>;

// The parameters of `query`, each one of `known`, given at most once, and a count.
Result<Counts> parse_counts(std::string_view query, std::initializer_list<std::string_view> known) {
  Result<std::vector<QueryParam>> params = parse_query(query);
  if (!params) return params.status();
  Counts counts;
  for (const QueryParam& p : *params) {
    bool is_known = false;
    for (std::string_view k : known) is_known = is_known || k == p.name;
    if (!is_known) return bad_parameter(p.name, "unknown parameter");
    if (counts.count(p.name) != 0) return bad_parameter(p.name, "given more than once");
    Result<std::uint64_t> n = parse_count(p.name, p.value);
    if (!n) return n.status();
    counts.emplace(p.name, *n);
  }
  return counts;
}

Result<std::uint64_t> required(const Counts& counts, std::string_view name) {
  auto it = counts.find(name);
  if (it == counts.end()) return bad_parameter(name, "is required");
  return it->second;
}

Status no_checkpoint() {
  return Status::unavailable("no checkpoint has been signed yet; try again shortly");
}

// The tree size named by parameter `name`, or the newest checkpoint's when it is omitted.
// The size must not exceed the log's.
Result<std::uint64_t> tree_size(const EventStore& store, const Counts& counts,
                                std::string_view name) {
  std::uint64_t size = 0;
  if (auto it = counts.find(name); it != counts.end()) {
    size = it->second;
  } else {
    Result<std::optional<StoredCheckpoint>> latest = store.latest_checkpoint();
    if (!latest) return latest.status();
    if (!*latest) return no_checkpoint();
    size = (*latest)->tree_size;
  }
  const std::uint64_t head = store.head();
  if (size > head) {
    return bad_parameter(
        name, std::to_string(size) + " is beyond the log's " + std::to_string(head) + " events");
  }
  return size;
}

std::string encode(const Digest& digest) { return base64_encode(digest_bytes(digest)); }

json encode_all(const std::vector<Digest>& hashes) {
  json out = json::array();
  for (const Digest& d : hashes) out.push_back(encode(d));
  return out;
}

// A problem for `status` that also says when to retry, for the wait before the first
// checkpoint.
Response error_response(const Status& status) {
  Response response = status_response(status);
  if (status.code() == Status::Code::kUnavailable) response.set(Field::retry_after, "1");
  return response;
}

Response checkpoint(const EventStore& store) {
  Result<std::optional<StoredCheckpoint>> latest = store.latest_checkpoint();
  if (!latest) return status_response(latest.status());
  if (!*latest) return error_response(no_checkpoint());
  Response response = make_response(HttpStatus::ok, kTextPlain, std::move((*latest)->note));
  response.set(Field::cache_control, "no-store");
  return response;
}

Result<audit::InclusionProof> inclusion(const EventStore& store, std::string_view query) {
  Result<Counts> counts = parse_counts(query, {"index", "tree_size"});
  if (!counts) return counts.status();
  Result<std::uint64_t> index = required(*counts, "index");
  if (!index) return index.status();
  Result<std::uint64_t> size = tree_size(store, *counts, "tree_size");
  if (!size) return size.status();
  if (*index >= *size) {
    return bad_parameter("index", "must be below the tree size " + std::to_string(*size));
  }
  return audit::prove_inclusion(store, *index, *size);
}

Result<audit::ConsistencyProof> consistency(const EventStore& store, std::string_view query) {
  Result<Counts> counts = parse_counts(query, {"from", "to"});
  if (!counts) return counts.status();
  Result<std::uint64_t> from = required(*counts, "from");
  if (!from) return from.status();
  Result<std::uint64_t> to = tree_size(store, *counts, "to");
  if (!to) return to.status();
  if (*from == 0 || *from > *to) {
    return bad_parameter("from", "must be from 1 to the later tree size " + std::to_string(*to));
  }
  return audit::prove_consistency(store, *from, *to);
}

Response json_response(const json& body) {
  return make_response(HttpStatus::ok, kJson, body.dump());
}

Response inclusion_response(const EventStore& store, const Request& request) {
  Result<audit::InclusionProof> proof = inclusion(store, split_target(request.target()).query);
  if (!proof) return error_response(proof.status());
  return json_response({{"index", proof->index},
                        {"tree_size", proof->tree_size},
                        {"leaf_hash", encode(proof->leaf_hash)},
                        {"hashes", encode_all(proof->hashes)}});
}

Response consistency_response(const EventStore& store, const Request& request) {
  Result<audit::ConsistencyProof> proof = consistency(store, split_target(request.target()).query);
  if (!proof) return error_response(proof.status());
  return json_response(
      {{"from", proof->from}, {"to", proof->to}, {"hashes", encode_all(proof->hashes)}});
}

// The evidence package of a decision, with the streams it depends on named from the
// projector's state (which must hold the decision).
Response evidence(const EventStore& store, const std::string& verifier_key,
                  const projections::Projector* projector, const Authenticator* authenticator,
                  const Request& request, const std::string& id) {
  // Public without a token, and with the token of a role that does not see personal data;
  // whole with the token of one that does (app::sees_personal_data).
  audit::Disclosure disclosure = audit::Disclosure::kPublic;
  if (authenticator != nullptr && request.find(Field::authorization) != request.end()) {
    std::variant<Principal, Response> caller = authorize(*authenticator, request);
    if (auto* refusal = std::get_if<Response>(&caller)) return std::move(*refusal);
    if (app::sees_personal_data(std::get<Principal>(caller))) {
      disclosure = audit::Disclosure::kFull;
    }
  }
  if (projector == nullptr || !projector->ready()) {
    Response busy = error_response(Status::unavailable("the state is loading; try again"));
    busy.set(Field::retry_after, "1");
    return busy;
  }
  std::optional<std::set<std::string>> streams =
      projector->read([&](const domain::State& now, std::uint64_t) {
        if (!now.decisions.contains(id)) return std::optional<std::set<std::string>>();
        domain::StreamSet out(now);
        domain::add_decision_streams(now, id, out);
        return std::optional<std::set<std::string>>(out.streams());
      });
  if (!streams) {
    Result<std::vector<RecordedEvent>> stream = store.read_stream("decision/" + id, 0, 1);
    if (!stream) return error_response(stream.status());
    if (stream->empty()) return error_response(Status::not_found("no decision '" + id + "'"));
    return error_response(
        Status::unavailable("the projections have not reached decision '" + id + "' yet"));
  }
  Result<std::string> package =
      audit::build_evidence(store, verifier_key, id, *streams, disclosure);
  if (!package) return error_response(package.status());
  Response response = make_response(HttpStatus::ok, kJson, std::move(*package));
  response.set(Field::cache_control, "no-store");
  return response;
}

}  // namespace

void add_audit_routes(Router& router, const EventStore& store, std::string verifier_key,
                      const projections::Projector* projector, const Authenticator* authenticator) {
  router.add(Verb::get, "/v1/decisions/{id}/evidence",
             [&store, verifier_key, projector, authenticator](
                 const Request& r, const PathParams& params) -> boost::asio::awaitable<Response> {
               co_return evidence(store, verifier_key, projector, authenticator, r,
                                  params.find("id")->second);
             });
  router.add(Verb::get, "/v1/checkpoint",
             [&store](const Request&, const PathParams&) -> boost::asio::awaitable<Response> {
               co_return checkpoint(store);
             });
  router.add(Verb::get, "/v1/checkpoint/key",
             [key = std::move(verifier_key) + "\n"](
                 const Request&, const PathParams&) -> boost::asio::awaitable<Response> {
               co_return make_response(HttpStatus::ok, kTextPlain, key);
             });
  router.add(Verb::get, "/v1/proofs/inclusion",
             [&store](const Request& r, const PathParams&) -> boost::asio::awaitable<Response> {
               co_return inclusion_response(store, r);
             });
  router.add(Verb::get, "/v1/proofs/consistency",
             [&store](const Request& r, const PathParams&) -> boost::asio::awaitable<Response> {
               co_return consistency_response(store, r);
             });
}

}  // namespace thidua::http
