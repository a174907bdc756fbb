// Fuzzes the HTTP request path: raw bytes are read by Beast's request parser with a session's
// header and body limits, one request after another as a keep-alive connection sends them
// (at most kMaxRequests), and each request is answered by the server's own router, with every
// route thiduad serves: a node (node/node.hpp) over an in-memory store holding a small
// generated history, with its real projector and command service. Handlers run for real: the
// harness runs the io_context until each answer is complete, and runs a streamed body until it has
// caught up with the log.
//
// Input: the bytes a client sends on one connection, e.g.
//   GET /v1/proofs/inclusion?index=3 HTTP/1.1\r\nHost: x\r\n\r\n
//
// Properties, for every answer:
//  * a read error is answered as the session answers it (413, 431 or 400 problem+json), or
//    the connection just closes;
//  * every response is well formed (http_support.hpp: check_response);
//  * a streamed event feed is Server-Sent Events whose events are the stored bytes of
//    increasing positions, and an NDJSON answer is stored events, each exactly as stored;
//  * the store changes only when a command is accepted (201): then its head has moved and the
//    event named by the answer is at the position the answer gives.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <boost/asio/buffer.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/beast/http/error.hpp>
#include <boost/beast/http/parser.hpp>
#include <nlohmann/json.hpp>

#include "fuzz_support.hpp"
#include "http_support.hpp"
#include "thidua/app/command_service.hpp"
#include "thidua/audit/checkpointer.hpp"
#include "thidua/http/authentication.hpp"
#include "thidua/http/problem.hpp"
#include "thidua/node/node.hpp"
#include "thidua/projections/projector.hpp"
#include "thidua/store/memory_event_store.hpp"
#include "thidua/util/sha256.hpp"

namespace thidua::fuzz {
namespace {

namespace asio = boost::asio;
namespace beast_http = boost::beast::http;
using http::Field;
using http::HttpStatus;
using http::Request;
using http::Response;
using http::Verb;
using nlohmann::json;

// Small limits (the configuration's smallest header limit), so that inputs of a few KiB reach
// them; the session applies whatever limits it is configured with in the same way.
constexpr std::size_t kHeaderLimit = 1024;
constexpr std::size_t kBodyLimit = 4096;
constexpr int kMaxRequests = 4;
constexpr std::uint64_t kHistoryEvents = 300;
// Accepted commands grow the log; past this many, the world is built afresh so that every
// input meets a log of about the same size.
constexpr std::uint64_t kMaxGrowth = 500;
constexpr std::size_t kMaxStreamBytes = 1 << 20;
const domain::Date kToday{2021, 6, 30};

// The tokens of the seed corpus, by role.
http::TokenGrant grant(const std::string& token, const char* role, std::string scope = {},
                       std::string name = {}) {
  Result<http::TokenGrant> g =
      http::make_token_grant(to_hex(sha256(token)), role, std::move(scope), std::move(name));
  require(g.is_ok(), "a token grant is valid", g.status().to_string());
  return *g;
}

std::vector<http::TokenGrant> grants() {
  return {grant("fuzz-admin", "admin", {}, "quan-tri"),
          grant("fuzz-secretariat", "secretariat", {}, "van-phong"),
          grant("fuzz-unit", "unit", "organization/so-tttt-gia-lai", "don-vi"),
          grant("fuzz-cluster-head", "cluster_head", "cluster/cum-tttt-1", "truong-cum"),
          grant("fuzz-council", "council", "council/hdtdkt-ubnd-gia-lai", "hoi-dong"),
          grant("fuzz-authority", "authority"),
          grant("fuzz-auditor", "auditor")};
}

const std::vector<ProposedEvent>& history() {
  static const std::vector<ProposedEvent> events = generated_history(kHistoryEvents);
  return events;
}

// A directory of its own for the projections' RocksDB, removed with the object.
struct ScratchDir {
  ScratchDir() {
    std::string pattern = (std::filesystem::temp_directory_path() / "thidua-fuzz-XXXXXX").string();
    require(mkdtemp(pattern.data()) != nullptr, "a scratch directory can be made", pattern);
    path = pattern;
  }
  ~ScratchDir() {
    std::error_code ignored;
    std::filesystem::remove_all(path, ignored);
  }
  std::filesystem::path path;
};

// What thiduad serves: a node over an in-memory store holding the generated history, without
// sockets (its router is called directly), on a fixed clock.
struct World {
  World() {
    auto memory = std::make_unique<MemoryEventStore>();
    const std::string origin(kOrigin);
    auto signer = audit::Ed25519Signer::generate(origin);
    require(signer.is_ok(), "a signing key can be made", signer.status().to_string());
    {
      audit::Checkpointer checkpointer(*memory, *signer, origin);
      append_with_checkpoints(*memory, checkpointer, history(), 64);
    }
    base_head = memory->head();
    node::NodeOptions o;
    o.data = scratch.path;
    o.config.tokens = grants();
    o.config.origin = origin;
    o.clock = node::fixed_clock(kToday, "2021-06-30T01:02:03.000Z");
    o.log = [](std::string_view) {};
    o.event_store = std::move(memory);
    o.signer = std::move(*signer);
    o.serve = false;
    auto opened = node::Node::open(std::move(o));
    require(opened.is_ok(), "the node opens", opened.status().to_string());
    node = std::move(*opened);
    const Status started = node->start();
    require(started.is_ok(), "the node starts", started.to_string());
    require(node->projector().wait_for(base_head, std::chrono::seconds(60)),
            "the projector catches up", node->projector().status().to_string());
    require(node->commands().wait_ready(std::chrono::seconds(60)), "the command service is ready");
  }

  EventStore& store() { return node->store(); }
  http::Router& router() { return node->router(); }

  ScratchDir scratch;
  asio::io_context io;
  std::unique_ptr<node::Node> node;
  std::uint64_t base_head = 0;
};

// The world, built on first use. Initialised by the built world itself, so that it is
// destroyed at exit before the statics RocksDB creates while the world is built.
World& world() {
  static std::unique_ptr<World> w = std::make_unique<World>();
  if (w->store().head() > w->base_head + kMaxGrowth) {
    w.reset();
    w = std::make_unique<World>();
  }
  return *w;
}

// The answer the session gives when reading a request fails, or nullopt when it just closes
// the connection (src/http/session.cpp, problem_for_read_error).
std::optional<Response> read_error_answer(const boost::system::error_code& ec) {
  if (ec == beast_http::error::body_limit) {
    return http::problem_response(
        http::http_problem(HttpStatus::payload_too_large, "body-too-large", "too large"));
  }
  if (ec == beast_http::error::header_limit) {
    return http::problem_response(http::http_problem(HttpStatus::request_header_fields_too_large,
                                                     "header-too-large", "too large"));
  }
  if (ec.category() != beast_http::make_error_code(beast_http::error::bad_method).category() ||
      ec == beast_http::error::end_of_stream || ec == beast_http::error::partial_message ||
      ec == beast_http::error::short_read) {
    return std::nullopt;
  }
  return http::problem_response(
      http::http_problem(HttpStatus::bad_request, "malformed-request", ec.message()));
}

// Reads one request from the front of `input` as the session's parser does, with all of the
// rest of the input available and then the end of the stream.
boost::system::error_code read_request(std::string_view& input,
                                       beast_http::request_parser<beast_http::string_body>& p) {
  p.header_limit(static_cast<std::uint32_t>(kHeaderLimit));
  p.body_limit(kBodyLimit);
  boost::system::error_code ec;
  while (!p.is_done()) {
    std::size_t used = input.empty() ? 0 : p.put(asio::buffer(input.data(), input.size()), ec);
    input.remove_prefix(used);
    if (ec && ec != beast_http::error::need_more) return ec;
    ec = {};
    if (used > 0) continue;
    // Nothing more can be read from what is left: the stream ends here.
    if (!p.got_some()) return beast_http::error::end_of_stream;
    p.put_eof(ec);
    return ec;
  }
  return ec;
}

const RecordedEvent& stored_event(const EventStore& store, std::uint64_t position,
                                  std::optional<RecordedEvent>& holder) {
  Result<ReadBatch> batch = store.read_all(position, 1);
  require(batch.is_ok() && batch->events.size() == 1 && batch->events[0].position == position,
          "a served position is in the store", std::to_string(position));
  holder = batch->events[0];
  return *holder;
}

// Every line is an event exactly as stored at the position its `sequence` gives.
void check_ndjson(const EventStore& store, const std::string& body) {
  std::string_view rest = body;
  while (!rest.empty()) {
    std::size_t end = rest.find('\n');
    require(end != std::string_view::npos, "every NDJSON line ends with a newline", body);
    std::string_view line = rest.substr(0, end);
    rest.remove_prefix(end + 1);
    std::optional<json> event = parse_json_text(line);
    require(event && event->is_object() && (*event)["sequence"].is_number_unsigned(),
            "an NDJSON line is a stored event", std::string(line));
    std::optional<RecordedEvent> holder;
    const RecordedEvent& stored =
        stored_event(store, (*event)["sequence"].get<std::uint64_t>(), holder);
    require(stored.bytes == line, "an NDJSON line is the stored bytes", std::string(line));
  }
}

// Server-Sent Events: stored events by increasing position, checkpoints, heartbeats.
void check_event_stream(const EventStore& store, const std::string& text) {
  std::string_view rest = text;
  std::optional<std::uint64_t> last;
  while (!rest.empty()) {
    std::size_t end = rest.find("\n\n");
    require(end != std::string_view::npos, "every SSE message ends with a blank line", text);
    std::string_view message = rest.substr(0, end);
    rest.remove_prefix(end + 2);
    if (message.rfind("id: ", 0) == 0) {
      std::size_t data = message.find("\ndata: ");
      require(data != std::string_view::npos, "an SSE event has data", std::string(message));
      std::uint64_t position = std::stoull(std::string(message.substr(4, data - 4)));
      require(!last || position > *last, "SSE positions increase", std::string(message));
      last = position;
      std::optional<RecordedEvent> holder;
      require(message.substr(data + 7) == stored_event(store, position, holder).bytes,
              "an SSE event's data is the stored bytes", std::string(message));
    } else if (message.rfind("event: checkpoint\ndata: ", 0) == 0) {
      std::optional<json> checkpoint = parse_json_text(message.substr(24));
      require(checkpoint && (*checkpoint)["note"].is_string(), "a checkpoint event is JSON",
              std::string(message));
    } else {
      require(message == ": heartbeat", "an SSE message is an event, a checkpoint or a heartbeat",
              std::string(message));
    }
  }
}

// A command's answer: the event it names is stored where the answer says.
void check_accepted(const EventStore& store, const Response& response, std::uint64_t head_before) {
  require(store.head() > head_before, "an accepted command appends");
  std::optional<json> body = parse_json_text(response.body());
  require(body && body->is_object(), "a command's answer is an object", response.body());
  json& b = *body;
  if (b.contains("results")) return;  // a batch: one such object per command
  require(b["position"].is_number_unsigned() && b["id"].is_string() && b["subject"].is_string(),
          "a command's answer names its event", response.body());
  const std::uint64_t position = b["position"].get<std::uint64_t>();
  require(position >= head_before && position < store.head(), "an accepted command's event is new",
          response.body());
  std::optional<RecordedEvent> holder;
  const RecordedEvent& stored = stored_event(store, position, holder);
  require(stored.id == b["id"] && stored.subject == b["subject"],
          "the answer names the event at its position", response.body());
}

void answer(World& w, const Request& request) {
  const std::uint64_t head_before = w.store().head();
  http::Routed routed = run_route(w.io, w.router(), request);
  require(!routed.route.empty(), "an answer names its route");
  Response& response = routed.reply.response;
  const unsigned status = response.result_int();
  if (routed.reply.stream) {
    require(status == 200, "a streamed answer is 200", std::to_string(status));
    require(response[Field::content_type] == http::kEventStream, "a stream is text/event-stream");
    if (request.method() != Verb::head) {
      check_event_stream(w.store(), run_stream(w.io, routed.reply.stream, kMaxStreamBytes));
    }
  } else {
    check_response(response);
    if (status == 200 && response[Field::content_type] == http::kNdjson) {
      check_ndjson(w.store(), response.body());
    }
  }
  if (request.method() == Verb::post && status == 201) {
    check_accepted(w.store(), response, head_before);
  } else {
    require(w.store().head() == head_before,
            "a request that is not an accepted command appends "
            "nothing",
            std::string(request.target()) + " -> " + std::to_string(status));
  }
}

}  // namespace
}  // namespace thidua::fuzz

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace thidua::fuzz;
  World& w = world();
  std::string_view input(reinterpret_cast<const char*>(data), size);
  for (int i = 0; i < kMaxRequests && !input.empty(); ++i) {
    beast_http::request_parser<beast_http::string_body> parser;
    if (boost::system::error_code ec = read_request(input, parser)) {
      if (std::optional<Response> problem = read_error_answer(ec)) check_response(*problem);
      break;
    }
    Request request = parser.release();
    answer(w, request);
    if (!request.keep_alive()) break;
  }
  return 0;
}
