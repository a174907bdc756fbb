#include "http_support.hpp"

#include <exception>
#include <limits>
#include <optional>
#include <sstream>
#include <utility>

#include <boost/asio/awaitable.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/executor_work_guard.hpp>
#include <boost/beast/http/parser.hpp>
#include <boost/beast/http/write.hpp>

#include "fuzz_support.hpp"
#include "thidua/audit/signed_note.hpp"
#include "thidua/generator/history_generator.hpp"

namespace thidua::fuzz {
namespace {

namespace asio = boost::asio;
using http::Field;
using http::Response;

// Runs `work` on `io` until it completes; rethrows what escaped it.
template <class T>
T run_sync(asio::io_context& io, asio::awaitable<T> work) {
  std::optional<T> result;
  std::exception_ptr error;
  auto guard = asio::make_work_guard(io);
  asio::co_spawn(io, std::move(work), [&](std::exception_ptr e, T value) {
    error = e;
    if (!e) result.emplace(std::move(value));
    guard.reset();
  });
  io.restart();
  io.run();
  if (error) std::rethrow_exception(error);
  return std::move(*result);
}

// Collects a streamed body; says it is stopping once the body has caught up with the log,
// which an event stream marks with a checkpoint event, or has grown past a bound.
class CollectingWriter final : public http::BodyWriter {
 public:
  explicit CollectingWriter(std::size_t max_bytes) : max_bytes_(max_bytes) {}

  asio::awaitable<bool> write(std::string_view data) override {
    text_.append(data);
    if (data.find("event: checkpoint\n") != std::string_view::npos) caught_up_ = true;
    co_return true;
  }
  bool stopping() const override { return caught_up_ || text_.size() >= max_bytes_; }
  void on_stop(std::function<void()>) override {}

  std::string take() { return std::move(text_); }

 private:
  const std::size_t max_bytes_;
  std::string text_;
  bool caught_up_ = false;
};

asio::awaitable<bool> stream_body(const http::BodyStream& stream, http::BodyWriter& writer) {
  co_await stream(writer);
  co_return true;
}

asio::awaitable<http::Routed> route(const http::Router& router, const http::Request& request) {
  co_return co_await router.route(request);
}

bool has_body(unsigned status) { return status != 204 && status != 304; }

void check_problem(const Response& response) {
  const unsigned status = response.result_int();
  require(response[Field::content_type] == http::kProblemJson, "an error is problem+json",
          std::to_string(status) + " " + std::string(response[Field::content_type]));
  std::optional<nlohmann::json> problem = parse_json_text(response.body());
  require(problem && problem->is_object(), "a problem is a JSON object", response.body());
  const nlohmann::json& p = *problem;
  require(p.contains("type") && p["type"].is_string() &&
              p["type"].get<std::string>().rfind("/problems/", 0) == 0,
          "a problem's type is /problems/<slug>", response.body());
  require(p.contains("title") && p["title"].is_string(), "a problem has a title", response.body());
  require(p.contains("detail") && p["detail"].is_string(), "a problem has a detail",
          response.body());
  require(p.contains("status") && p["status"] == status, "a problem's status is the response's",
          response.body());
  if (status == 405) require(!response[Field::allow].empty(), "a 405 says what is allowed");
  if (status == 401) {
    require(!response[Field::www_authenticate].empty(), "a 401 says how to authenticate");
  }
}

// Finishes `response` as the session does for a GET of HTTP/1.1, writes it and reads it back.
void check_wire_form(Response response) {
  response.version(11);
  response.keep_alive(false);
  try {
    response.prepare_payload();
  } catch (const std::exception& e) {
    fail("the session can finish the response", e.what());
  }
  std::ostringstream wire;
  wire << response;
  const std::string bytes = wire.str();
  http::beast_http::response_parser<http::beast_http::string_body> parser;
  parser.body_limit(std::numeric_limits<std::uint64_t>::max());
  boost::system::error_code ec;
  std::size_t used = parser.put(asio::buffer(bytes), ec);
  if (ec == http::beast_http::error::need_more || (!ec && !parser.is_done())) {
    used += parser.put(asio::buffer(bytes.data() + used, bytes.size() - used), ec);
  }
  if (!ec && !parser.is_done()) parser.put_eof(ec);
  require(!ec && parser.is_done(), "a finished response reads back", ec.message() + "\n" + bytes);
  require(parser.get().result_int() == response.result_int(), "the status reads back", bytes);
  require(parser.get().body() == response.body(), "the body reads back", bytes);
}

}  // namespace

std::vector<ProposedEvent> generated_history(std::uint64_t events) {
  generator::HistoryOptions options;
  options.seed = 6;
  options.events = events;
  options.ministries = 1;
  options.provinces = 3;
  options.agencies_per_province = 1;
  options.communes_per_province = 1;
  options.members_per_cluster = 3;
  options.people_per_unit = 2;
  options.criteria = 2;
  generator::HistoryGenerator history(options);
  std::vector<ProposedEvent> out;
  while (true) {
    Result<std::vector<ProposedEvent>> next = history.next(1000);
    require(next.is_ok(), "the history generator works", next.status().to_string());
    if (next->empty()) break;
    for (const ProposedEvent& e : *next) out.push_back(e);
  }
  return out;
}

std::unique_ptr<audit::Checkpointer> make_checkpointer(EventStore& store) {
  Result<audit::Ed25519Signer> signer = audit::Ed25519Signer::generate(std::string(kOrigin));
  require(signer.is_ok(), "a signing key can be made", signer.status().to_string());
  return std::make_unique<audit::Checkpointer>(store, *signer, std::string(kOrigin));
}

void append_with_checkpoints(EventStore& store, audit::Checkpointer& checkpointer,
                             const std::vector<ProposedEvent>& events, std::size_t chunk) {
  for (std::size_t first = 0; first < events.size(); first += chunk) {
    AppendRequest request;
    for (std::size_t i = first; i < events.size() && i < first + chunk; ++i) {
      request.events.push_back(events[i]);
    }
    Result<AppendResult> appended = store.append(std::move(request));
    require(appended.is_ok(), "the history appends", appended.status().to_string());
    Result<StoredCheckpoint> checkpoint = checkpointer.checkpoint_now();
    require(checkpoint.is_ok(), "a checkpoint is signed", checkpoint.status().to_string());
  }
}

http::Routed run_route(asio::io_context& io, const http::Router& router,
                       const http::Request& request) {
  try {
    return run_sync(io, route(router, request));
  } catch (const std::exception& e) {
    fail("no handler throws", std::string(request.target()) + ": " + e.what());
  }
}

std::string run_stream(asio::io_context& io, const http::BodyStream& stream,
                       std::size_t max_bytes) {
  CollectingWriter writer(max_bytes);
  try {
    run_sync(io, stream_body(stream, writer));
  } catch (const std::exception& e) {
    fail("no body stream throws", e.what());
  }
  return writer.take();
}

void check_response(const Response& response) {
  const unsigned status = response.result_int();
  require(status >= 200 && status <= 599, "a status is from 200 to 599", std::to_string(status));
  if (!has_body(status)) {
    require(response.body().empty(), "a 204 or 304 has no body", response.body());
  } else if (!response.body().empty()) {
    require(response.count(Field::content_type) == 1, "a body has one Content-Type",
            std::to_string(status));
  }
  if (status >= 400) {
    check_problem(response);
  } else if (has_body(status) && response[Field::content_type] == http::kJson) {
    require(parse_json_text(response.body()).has_value(), "a JSON answer parses", response.body());
  }
  check_wire_form(response);
}

std::string problem_detail(const Response& response) {
  std::optional<nlohmann::json> problem = parse_json_text(response.body());
  if (!problem || !problem->is_object() || !(*problem)["detail"].is_string()) return {};
  return (*problem)["detail"].get<std::string>();
}

}  // namespace thidua::fuzz
