#include "thidua/http/command_routes.hpp"

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <variant>

#include <boost/asio/async_result.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <nlohmann/json.hpp>

#include "thidua/codec/field_error.hpp"
#include "thidua/http/authorization.hpp"
#include "thidua/http/problem.hpp"

namespace thidua::http {
namespace {

namespace asio = boost::asio;
using json = nlohmann::json;
using app::CommandError;
using K = PathMember::Kind;

constexpr std::size_t kMaxBodyDepth = 64;

std::string dump(const json& j) { return j.dump(-1, ' ', false, json::error_handler_t::replace); }

Response invalid(std::string detail, std::optional<std::size_t> index = std::nullopt) {
  Problem p = problem_from_status(Status::invalid_argument(std::move(detail)));
  if (index) p.extensions["index"] = *index;
  return problem_response(p);
}

bool is_json_content_type(std::string_view value) {
  std::string_view type = value.substr(0, value.find(';'));
  while (!type.empty() && type.back() == ' ') type.remove_suffix(1);
  if (type.size() != 16) return false;
  for (std::size_t i = 0; i < type.size(); ++i) {
    char c = type[i];
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c + 32);
    if (c != "application/json"[i]) return false;
  }
  return true;
}

// The JSON object of the request's body, or the problem response.
std::variant<json, Response> read_body(const Request& request) {
  if (request.count(Field::content_type) != 1 ||
      !is_json_content_type(request[Field::content_type])) {
    return problem_response(http_problem(HttpStatus::unsupported_media_type,
                                         "unsupported-media-type",
                                         "a command's body is application/json"));
  }
  Result<json> body = codec::parse_json(request.body(), kMaxBodyDepth);
  if (!body) return invalid("the body is not JSON: " + body.status().message());
  if (!body->is_object()) return invalid("the body must be a JSON object");
  return std::move(body).value();
}

// Puts the path parameters into the body, or says which one disagrees with it.
std::optional<Response> fill_members(const CommandRoute& route, const PathParams& params,
                                     json& body) {
  for (const PathMember& m : route.members) {
    const std::string& text = params.find(m.parameter)->second;
    json value = text;
    if (m.kind == K::kYear) {
      if (text.empty() || text.size() > 4 || text.find_first_not_of("0123456789") != text.npos) {
        return invalid("the path's year must be a number from 1900 to 2999");
      }
      value = std::stoi(text);
    } else if (m.kind == K::kPersonRef) {
      value = "person/" + text;
    } else if (m.kind == K::kOrganizationRef) {
      value = "organization/" + text;
    }
    const std::string member(m.member);
    if (!body.contains(member)) {
      body[member] = std::move(value);
    } else if (body[member] != value) {
      Problem p = problem_from_status(Status::invalid_argument(
          "/" + member + " is " + dump(body[member]) + " but the path says " + dump(value)));
      p.extensions["errors"] = json::array(
          {{{"pointer", "/" + member}, {"message", "differs from the path's " + dump(value)}}});
      return problem_response(p);
    }
  }
  return std::nullopt;
}

// Reads If-Match ("<streamversion>") and Idempotency-Key into `s`, or says what is wrong.
std::optional<Response> read_headers(const Request& request, app::Submission& s) {
  if (request.count(Field::if_match) > 1) return invalid("If-Match is given more than once");
  if (request.count(Field::if_match) == 1) {
    std::string_view v = request[Field::if_match];
    std::string_view digits = v.size() >= 3 && v.front() == '"' && v.back() == '"'
                                  ? v.substr(1, v.size() - 2)
                                  : std::string_view();
    if (digits.empty() || digits.size() > 19 ||
        digits.find_first_not_of("0123456789") != digits.npos) {
      return invalid("If-Match must be a quoted stream version, e.g. \"3\"");
    }
    s.if_match = std::stoull(std::string(digits));
  }
  if (request.count("Idempotency-Key") > 1)
    return invalid("Idempotency-Key is given more than once");
  if (request.count("Idempotency-Key") == 1) {
    std::string_view key = request["Idempotency-Key"];
    bool visible = !key.empty() && key.size() <= app::kMaxIdempotencyKeyBytes;
    for (char c : key) visible = visible && c > 0x20 && c < 0x7f;
    if (!visible) return invalid("Idempotency-Key must be 1-128 visible ASCII characters");
    s.idempotency_key = std::string(key);
  }
  return std::nullopt;
}

// Submits and waits for the outcome without blocking the server's thread.
asio::awaitable<app::SubmitOutcome> submit(app::CommandService& service, app::Submission s) {
  auto executor = co_await asio::this_coro::executor;
  // Named, not a temporary in the co_await expression: GCC 12 destroys some temporaries of a
  // co_await expression twice, and this one holds a copy of the executor.
  auto initiate = [&service, &s, &executor](auto handler) {
    auto shared = std::make_shared<decltype(handler)>(std::move(handler));
    service.submit(std::move(s), [shared, executor](app::SubmitOutcome outcome) {
      // The handler owns the waiting coroutine: it is invoked once, as an rvalue, on the
      // coroutine's executor.
      asio::post(executor, [shared, outcome = std::move(outcome)]() mutable {
        std::move (*shared)(std::move(outcome));
      });
    });
  };
  app::SubmitOutcome outcome =
      co_await asio::async_initiate<decltype(asio::use_awaitable), void(app::SubmitOutcome)>(
          initiate, asio::use_awaitable);
  co_return outcome;
}

json event_json(const AppendedEvent& e) {
  return {{"position", e.position},
          {"subject", e.subject},
          {"streamversion", e.stream_version},
          {"id", e.id}};
}

json result_json(const app::CommandResult& r) {
  json out = event_json(r.events.front());
  if (r.events.size() > 1) {
    out["events"] = json::array();
    for (const AppendedEvent& e : r.events) out["events"].push_back(event_json(e));
  }
  return out;
}

Response error_response(const CommandError& e) {
  Problem p = problem_from_status(e.status);
  if (!e.errors.empty()) {
    p.extensions["errors"] = json::array();
    for (const codec::FieldError& f : e.errors) {
      p.extensions["errors"].push_back({{"pointer", f.pointer}, {"message", f.message}});
    }
  }
  if (e.index) p.extensions["index"] = *e.index;
  Response response = problem_response(p);
  if (p.status == HttpStatus::service_unavailable) response.set(Field::retry_after, "1");
  return response;
}

Response success(const app::SubmissionResult& r, bool batch) {
  json body;
  if (batch) {
    body = {{"results", json::array()}};
    for (const app::CommandResult& c : r.commands) body["results"].push_back(result_json(c));
  } else {
    body = result_json(r.commands.front());
  }
  Response response =
      make_response(r.replayed ? HttpStatus::ok : HttpStatus::created, kJson, dump(body));
  if (!batch) {
    response.set(Field::etag,
                 "\"" + std::to_string(r.commands.front().events.front().stream_version) + "\"");
  }
  response.set(Field::cache_control, "no-store");
  return response;
}

asio::awaitable<Response> run(app::CommandService& service, app::Submission s, bool batch) {
  auto submitted = submit(service, std::move(s));  // named: see submit()
  app::SubmitOutcome outcome = co_await std::move(submitted);
  if (auto* e = std::get_if<CommandError>(&outcome)) co_return error_response(*e);
  co_return success(std::get<app::SubmissionResult>(outcome), batch);
}

// The caller and the headers of a command request, or the problem response.
std::variant<app::Submission, Response> begin(const Authenticator& authenticator,
                                              const Request& request) {
  std::variant<Principal, Response> caller = authorize(authenticator, request);
  if (auto* refusal = std::get_if<Response>(&caller)) return std::move(*refusal);
  app::Submission s;
  s.caller = std::move(std::get<Principal>(caller));
  if (auto bad = read_headers(request, s)) return std::move(*bad);
  return s;
}

asio::awaitable<Response> one_command(app::CommandService& service,
                                      const Authenticator& authenticator, const CommandRoute& route,
                                      const Request& request, const PathParams& params) {
  std::variant<app::Submission, Response> s = begin(authenticator, request);
  if (auto* r = std::get_if<Response>(&s)) co_return std::move(*r);
  std::variant<json, Response> body = read_body(request);
  if (auto* r = std::get_if<Response>(&body)) co_return std::move(*r);
  json& object = std::get<json>(body);
  if (auto bad = fill_members(route, params, object)) co_return std::move(*bad);
  app::Submission& submission = std::get<app::Submission>(s);
  submission.commands.push_back({std::string(route.command), std::move(object)});
  auto answer = run(service, std::move(submission), false);  // named: see submit()
  co_return co_await std::move(answer);
}

asio::awaitable<Response> batch(app::CommandService& service, const Authenticator& authenticator,
                                const Request& request) {
  std::variant<app::Submission, Response> s = begin(authenticator, request);
  if (auto* r = std::get_if<Response>(&s)) co_return std::move(*r);
  std::variant<json, Response> body = read_body(request);
  if (auto* r = std::get_if<Response>(&body)) co_return std::move(*r);
  app::Submission& submission = std::get<app::Submission>(s);
  if (submission.if_match) co_return invalid("If-Match applies to single commands, not batches");
  json& object = std::get<json>(body);
  if (object.size() != 1 || !object.contains("commands") || !object["commands"].is_array()) {
    co_return invalid("a batch is {\"commands\": [{\"command\": ..., \"body\": {...}}, ...]}");
  }
  json& commands = object["commands"];
  if (commands.empty() || commands.size() > app::kMaxBatchCommands) {
    co_return invalid("a batch holds 1 to " + std::to_string(app::kMaxBatchCommands) + " commands");
  }
  submission.batch = true;
  for (std::size_t i = 0; i < commands.size(); ++i) {
    json& c = commands[i];
    if (!c.is_object() || c.size() != 2 || !c.contains("command") || !c["command"].is_string() ||
        !c.contains("body") || !c["body"].is_object()) {
      co_return invalid(
          "/commands/" + std::to_string(i) + " must be {\"command\": \"<name>\", \"body\": {...}}",
          i);
    }
    submission.commands.push_back({c["command"].get<std::string>(), std::move(c["body"])});
  }
  auto answer = run(service, std::move(submission), true);  // named: see submit()
  co_return co_await std::move(answer);
}

}  // namespace

const std::vector<CommandRoute>& command_routes() {
  static const std::vector<CommandRoute> routes = {
      {"/v1/organizations", "RegisterOrganization", {}},
      {"/v1/organizations/{id}/names", "RenameOrganization", {{"id", "id"}}},
      {"/v1/organizations/mergers", "MergeOrganizations", {}},
      {"/v1/organizations/{id}/split", "SplitOrganization", {{"id", "predecessor"}}},
      {"/v1/organizations/{id}/ratings", "RateTask", {{"id", "subject", K::kOrganizationRef}}},
      {"/v1/people", "RegisterPerson", {}},
      {"/v1/people/{id}/transfers", "TransferPerson", {{"id", "person"}}},
      {"/v1/people/{id}/ratings", "RateTask", {{"id", "subject", K::kPersonRef}}},
      {"/v1/people/{id}/disciplines", "RecordDiscipline", {{"id", "person"}}},
      {"/v1/councils", "EstablishCouncil", {}},
      {"/v1/councils/{id}/votes", "RecordCouncilVote", {{"id", "council"}}},
      {"/v1/initiatives", "RecognizeInitiative", {}},
      {"/v1/holds", "PlaceHold", {}},
      {"/v1/holds/{id}/release", "ReleaseHold", {{"id", "id"}}},
      {"/v1/movements", "LaunchMovement", {}},
      {"/v1/movements/{id}/registrations", "SubmitRegistration", {{"id", "movement"}}},
      {"/v1/movements/{id}/progress", "ReportProgress", {{"id", "movement"}}},
      {"/v1/clusters", "EstablishCluster", {}},
      {"/v1/clusters/{id}/members", "JoinCluster", {{"id", "cluster"}}},
      {"/v1/clusters/{id}/departures", "LeaveCluster", {{"id", "cluster"}}},
      {"/v1/clusters/{id}/years/{year}/officers",
       "ElectOfficers",
       {{"id", "cluster"}, {"year", "year", K::kYear}}},
      {"/v1/clusters/{id}/years/{year}/covenant",
       "AdoptCovenant",
       {{"id", "cluster"}, {"year", "year", K::kYear}}},
      {"/v1/clusters/{id}/years/{year}/signatures",
       "SignCovenant",
       {{"id", "cluster"}, {"year", "year", K::kYear}}},
      {"/v1/clusters/{id}/years/{year}/scores",
       "EnterScore",
       {{"id", "cluster"}, {"year", "year", K::kYear}}},
      {"/v1/clusters/{id}/years/{year}/score-corrections",
       "CorrectScore",
       {{"id", "cluster"}, {"year", "year", K::kYear}}},
      {"/v1/clusters/{id}/years/{year}/close",
       "CloseScoring",
       {{"id", "cluster"}, {"year", "year", K::kYear}}},
      {"/v1/clusters/{id}/years/{year}/votes",
       "RecordClusterVote",
       {{"id", "cluster"}, {"year", "year", K::kYear}}},
      {"/v1/proposals", "SubmitProposal", {}},
      {"/v1/proposals/{id}/publication", "PublishProposal", {{"id", "proposal"}}},
      {"/v1/decisions", "IssueDecision", {}},
      {"/v1/decisions/{id}/corrections", "CorrectDecision", {{"id", "decision"}}},
      {"/v1/decisions/{id}/revocation", "RevokeDecision", {{"id", "decision"}}},
  };
  return routes;
}

void add_command_routes(Router& router, app::CommandService& service,
                        const Authenticator& authenticator) {
  for (const CommandRoute& route : command_routes()) {
    router.add(
        Verb::post, route.pattern,
        [&service, &authenticator, &route](const Request& request, const PathParams& params) {
          return one_command(service, authenticator, route, request, params);
        });
  }
  router.add(Verb::post, "/v1/events:batch",
             [&service, &authenticator](const Request& request, const PathParams&) {
               return batch(service, authenticator, request);
             });
}

}  // namespace thidua::http
