// Fuzzes the query parameters of the proof routes and the proofs they serve: the input is a
// query string, asked of GET /v1/proofs/inclusion, GET /v1/proofs/consistency and GET
// /v1/checkpoint, answered by the real audit routes over a small real tree (a generated
// history in an in-memory store, with signed checkpoints of several sizes and a few events
// after the newest one), and once more of the same log without any checkpoint.
//
// Input: a query string, e.g. "index=3&tree_size=5" or "from=3&to=9".
//
// Properties:
//  * every answer is a well-formed response (http_support.hpp: check_response);
//  * a reference reading of the query (docs/http.md: pairs split on '&', '+' a space, "%XX"
//    escapes, known names given once, plain decimal counts within 64 bits, then the ranges)
//    predicts the answer: 200 for exactly the queries it accepts, else 400 whose detail starts
//    with "parameter '<the first bad parameter>'", or 503 with Retry-After when a size is left
//    out and no checkpoint is stored;
//  * a served inclusion proof has the leaf hash of the stored event and verifies against the
//    root computed from the stored events, and a served consistency proof verifies between
//    the two roots; either fails to verify once one of its hashes is changed;
//  * the checkpoint is signed by the log's key and states the newest checkpoint's size and the
//    root of the events up to it;
//  * nothing in the store changes.
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <boost/asio/io_context.hpp>
#include <nlohmann/json.hpp>

#include "fuzz_support.hpp"
#include "http_support.hpp"
#include "thidua/audit/checkpoint.hpp"
#include "thidua/audit/signed_note.hpp"
#include "thidua/http/audit_routes.hpp"
#include "thidua/store/memory_event_store.hpp"
#include "thidua/util/base64.hpp"
#include "thidua/util/merkle.hpp"

namespace thidua::fuzz {
namespace {

using http::Field;
using nlohmann::json;

constexpr std::uint64_t kHistoryEvents = 100;
constexpr std::size_t kSignedEvents = 90;  // checkpoints of 30, 60 and 90 events
constexpr std::size_t kCheckpointEvery = 30;

// A log served by the audit routes.
struct Log {
  explicit Log(bool signed_log) {
    std::vector<ProposedEvent> events = generated_history(kHistoryEvents);
    std::vector<ProposedEvent> first(events.begin(), events.begin() + kSignedEvents);
    std::vector<ProposedEvent> rest(events.begin() + kSignedEvents, events.end());
    if (signed_log) {
      append_with_checkpoints(store, *checkpointer, first, kCheckpointEvery);
    } else {
      rest.insert(rest.begin(), first.begin(), first.end());
    }
    AppendRequest request;
    request.events = std::move(rest);
    require(store.append(std::move(request)).is_ok(), "the history appends");
    http::add_audit_routes(router, store, checkpointer->verifier_key());
  }

  // The newest checkpoint's tree size, if any.
  std::optional<std::uint64_t> checkpoint_size() const {
    Result<std::optional<StoredCheckpoint>> latest = store.latest_checkpoint();
    require(latest.is_ok(), "the store reads its checkpoints");
    if (!*latest) return std::nullopt;
    return (*latest)->tree_size;
  }

  boost::asio::io_context io;
  MemoryEventStore store;
  std::unique_ptr<audit::Checkpointer> checkpointer = make_checkpointer(store);
  http::Router router;
};

// The stored bytes of every event, and the root of every prefix of the log, computed from
// them by the reference definition of the tree.
struct Reference {
  explicit Reference(const EventStore& store) {
    Result<ReadBatch> all = store.read_all(0, 100000);
    require(all.is_ok() && all->events.size() == store.head(), "the log reads whole");
    for (const RecordedEvent& e : all->events) leaves.push_back(e.bytes);
    for (std::size_t n = 0; n <= leaves.size(); ++n) {
      std::vector<std::string> prefix(leaves.begin(), leaves.begin() + n);
      roots.push_back(merkle::root_of_leaves(prefix));
    }
  }
  std::vector<std::string> leaves;
  std::vector<Digest> roots;
};

struct Fixture {
  Log signed_log{true};
  Log unsigned_log{false};
  Reference reference{signed_log.store};
};

Fixture& fixture() {
  static Fixture f;
  return f;
}

// What the reference reading expects of one route and query.
struct Expected {
  enum class Kind { kOk, kBadParameter, kNoCheckpoint } kind = Kind::kOk;
  std::string parameter;                      // kBadParameter: the one named
  std::map<std::string, std::uint64_t> args;  // kOk: every parameter, omitted sizes filled in
};

Expected bad(std::string parameter) {
  return {Expected::Kind::kBadParameter, std::move(parameter), {}};
}

std::optional<std::string> decode(std::string_view text) {
  std::string out;
  for (std::size_t i = 0; i < text.size(); ++i) {
    auto hex = [](char c) -> int {
      if (c >= '0' && c <= '9') return c - '0';
      if (c >= 'a' && c <= 'f') return c - 'a' + 10;
      if (c >= 'A' && c <= 'F') return c - 'A' + 10;
      return -1;
    };
    if (text[i] == '+') {
      out += ' ';
    } else if (text[i] != '%') {
      out += text[i];
    } else if (i + 2 < text.size() && hex(text[i + 1]) >= 0 && hex(text[i + 2]) >= 0) {
      out += static_cast<char>(hex(text[i + 1]) * 16 + hex(text[i + 2]));
      i += 2;
    } else {
      return std::nullopt;
    }
  }
  return out;
}

// A count: plain decimal digits within 64 bits (leading zeros allowed).
std::optional<std::uint64_t> count(const std::string& text) {
  if (text.empty()) return std::nullopt;
  std::uint64_t value = 0;
  for (char c : text) {
    if (c < '0' || c > '9') return std::nullopt;
    const auto digit = static_cast<std::uint64_t>(c - '0');
    if (value > (UINT64_MAX - digit) / 10) return std::nullopt;
    value = value * 10 + digit;
  }
  return value;
}

// The query's parameters by the reference reading, or the parameter it stops at: the whole
// query is decoded before any parameter is looked at, as the server's query reader does.
Expected read_query(std::string_view query, const std::vector<std::string>& known) {
  std::vector<std::pair<std::string, std::string>> pairs;
  while (!query.empty()) {
    std::size_t amp = query.find('&');
    std::string_view pair = query.substr(0, amp);
    query = amp == std::string_view::npos ? std::string_view() : query.substr(amp + 1);
    if (pair.empty()) continue;
    std::size_t eq = pair.find('=');
    std::string_view raw_name = pair.substr(0, eq);
    std::optional<std::string> name = decode(raw_name);
    if (!name) return bad(std::string(raw_name));
    std::optional<std::string> value =
        decode(eq == std::string_view::npos ? std::string_view() : pair.substr(eq + 1));
    if (!value) return bad(*name);
    pairs.emplace_back(std::move(*name), std::move(*value));
  }
  Expected out;
  for (const auto& [name, value] : pairs) {
    if (std::find(known.begin(), known.end(), name) == known.end()) return bad(name);
    if (out.args.count(name) != 0) return bad(name);
    std::optional<std::uint64_t> n = count(value);
    if (!n) return bad(name);
    out.args[name] = *n;
  }
  return out;
}

// Fills in an omitted size and checks the ranges, as docs/http.md states them.
Expected expect(std::string_view query, bool inclusion, std::uint64_t head,
                std::optional<std::uint64_t> checkpoint) {
  const std::string first = inclusion ? "index" : "from";
  const std::string size = inclusion ? "tree_size" : "to";
  Expected e = read_query(query, {first, size});
  if (e.kind != Expected::Kind::kOk) return e;
  if (e.args.count(first) == 0) return bad(first);
  if (e.args.count(size) == 0) {
    if (!checkpoint) return {Expected::Kind::kNoCheckpoint, {}, {}};
    e.args[size] = *checkpoint;
  }
  if (e.args[size] > head) return bad(size);
  const std::uint64_t a = e.args[first], n = e.args[size];
  if (inclusion ? a >= n : (a == 0 || a > n)) return bad(first);
  return e;
}

std::optional<Digest> digest_of(const json& text) {
  if (!text.is_string()) return std::nullopt;
  std::optional<std::string> bytes = base64_decode(text.get<std::string>());
  if (!bytes || bytes->size() != 32) return std::nullopt;
  Digest d{};
  std::copy(bytes->begin(), bytes->end(), d.begin());
  return d;
}

std::vector<Digest> hashes_of(const json& proof) {
  require(proof["hashes"].is_array(), "a proof has hashes", proof.dump());
  std::vector<Digest> out;
  for (const json& h : proof["hashes"]) {
    std::optional<Digest> d = digest_of(h);
    require(d.has_value(), "a proof's hash is base64 of 32 bytes", proof.dump());
    out.push_back(*d);
  }
  return out;
}

void check_inclusion(const json& proof, const Expected& e, const Reference& ref) {
  const std::uint64_t index = e.args.at("index"), size = e.args.at("tree_size");
  require(proof["index"] == index && proof["tree_size"] == size,
          "an inclusion proof is for the parameters asked", proof.dump());
  std::optional<Digest> leaf = digest_of(proof["leaf_hash"]);
  require(leaf == merkle::leaf_hash(ref.leaves[index]), "the leaf hash is the stored event's",
          proof.dump());
  std::vector<Digest> hashes = hashes_of(proof);
  require(merkle::verify_inclusion(*leaf, index, size, hashes, ref.roots[size]),
          "an inclusion proof verifies", proof.dump());
  if (!hashes.empty()) {
    hashes.back()[0] ^= 1;
    require(!merkle::verify_inclusion(*leaf, index, size, hashes, ref.roots[size]),
            "a changed inclusion proof does not verify", proof.dump());
  }
}

void check_consistency(const json& proof, const Expected& e, const Reference& ref) {
  const std::uint64_t from = e.args.at("from"), to = e.args.at("to");
  require(proof["from"] == from && proof["to"] == to,
          "a consistency proof is for the parameters asked", proof.dump());
  std::vector<Digest> hashes = hashes_of(proof);
  require(merkle::verify_consistency(from, to, ref.roots[from], ref.roots[to], hashes),
          "a consistency proof verifies", proof.dump());
  if (!hashes.empty()) {
    hashes.front()[31] ^= 0x80;
    require(!merkle::verify_consistency(from, to, ref.roots[from], ref.roots[to], hashes),
            "a changed consistency proof does not verify", proof.dump());
  }
}

bool printable(std::string_view text) {
  return std::all_of(text.begin(), text.end(), [](char c) { return c >= 0x20 && c < 0x7f; });
}

http::Response get(Log& log, const std::string& target) {
  http::Request request{http::Verb::get, target, 11};
  http::Routed routed = run_route(log.io, log.router, request);
  require(!routed.reply.stream, "a proof route does not stream");
  check_response(routed.reply.response);
  return std::move(routed.reply.response);
}

void check_proof_route(Log& log, std::string_view query, bool inclusion, const Reference& ref) {
  const std::string path = inclusion ? "/v1/proofs/inclusion?" : "/v1/proofs/consistency?";
  http::Response response = get(log, path + std::string(query));
  const Expected e = expect(query, inclusion, log.store.head(), log.checkpoint_size());
  const unsigned status = response.result_int();
  const std::string context = path + std::string(query) + " -> " + response.body();
  switch (e.kind) {
    case Expected::Kind::kOk: {
      require(status == 200, "a query the reference accepts is answered", context);
      std::optional<json> proof = parse_json_text(response.body());
      require(proof && proof->is_object(), "a proof is a JSON object", context);
      if (inclusion) {
        check_inclusion(*proof, e, ref);
      } else {
        check_consistency(*proof, e, ref);
      }
      break;
    }
    case Expected::Kind::kBadParameter:
      require(status == 400, "a query the reference refuses is 400", context);
      if (printable(e.parameter)) {
        require(problem_detail(response).rfind("parameter '" + e.parameter + "'", 0) == 0,
                "the problem names the first bad parameter", e.parameter + ": " + context);
      }
      break;
    case Expected::Kind::kNoCheckpoint:
      require(status == 503 && response[Field::retry_after] == "1",
              "a size left out without a checkpoint is 503 with Retry-After", context);
      break;
  }
}

void check_checkpoint(Log& log, std::string_view query, const Reference& ref) {
  http::Response response = get(log, "/v1/checkpoint?" + std::string(query));
  std::optional<std::uint64_t> size = log.checkpoint_size();
  if (!size) {
    require(response.result_int() == 503, "no checkpoint is 503", response.body());
    return;
  }
  require(response.result_int() == 200, "the checkpoint is served", response.body());
  Result<audit::NoteVerifier> verifier =
      audit::NoteVerifier::parse(log.checkpointer->verifier_key());
  require(verifier.is_ok(), "the verifier key parses");
  Result<std::string> text = audit::open_note(response.body(), *verifier);
  require(text.is_ok(), "the checkpoint is signed by the log's key", text.status().to_string());
  Result<audit::Checkpoint> checkpoint = audit::Checkpoint::parse(*text);
  require(checkpoint.is_ok(), "the checkpoint parses", checkpoint.status().to_string());
  require(checkpoint->origin == kOrigin && checkpoint->size == *size &&
              checkpoint->root == ref.roots[*size],
          "the checkpoint states the newest size and its root", *text);
}

void check_log(Log& log, std::string_view query, const Reference& ref) {
  const std::uint64_t head = log.store.head();
  const std::optional<std::uint64_t> size = log.checkpoint_size();
  check_proof_route(log, query, true, ref);
  check_proof_route(log, query, false, ref);
  check_checkpoint(log, query, ref);
  require(log.store.head() == head && log.checkpoint_size() == size, "a read changes nothing");
}

}  // namespace
}  // namespace thidua::fuzz

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace thidua::fuzz;
  Fixture& f = fixture();
  const std::string_view query(reinterpret_cast<const char*>(data), size);
  check_log(f.signed_log, query, f.reference);
  check_log(f.unsigned_log, query, f.reference);
  return 0;
}
