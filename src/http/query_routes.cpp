#include "thidua/http/query_routes.hpp"

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <variant>

#include <boost/asio/steady_timer.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/asio/use_awaitable.hpp>

#include <nlohmann/json.hpp>

#include "query_support.hpp"
#include "thidua/codec/describe_json.hpp"
#include "thidua/domain/decide.hpp"
#include "thidua/http/authorization.hpp"
#include "thidua/http/problem.hpp"
#include "thidua/http/query.hpp"
#include "thidua/projections/as_of.hpp"
#include "thidua/projections/recheck.hpp"
#include "thidua/util/sha256.hpp"

namespace thidua::http {
namespace query_internal {

Result<Params> parse_params(const Request& request, std::initializer_list<std::string_view> known) {
  Result<std::vector<QueryParam>> params = parse_query(split_target(request.target()).query);
  if (!params) return params.status();
  Params out;
  for (QueryParam& p : *params) {
    if (std::find(known.begin(), known.end(), p.name) == known.end() && p.name != "as_of" &&
        p.name != "min_as_of") {
      return bad_parameter(p.name, "unknown parameter");
    }
    if (out.contains(p.name)) return bad_parameter(p.name, "given more than once");
    out.emplace(std::move(p.name), std::move(p.value));
  }
  return out;
}

Result<int> parse_year(std::string_view name, std::string_view text) {
  Result<std::uint64_t> n = parse_count(name, text);
  if (!n) return n.status();
  if (*n < 1900 || *n > 2999) return bad_parameter(name, "must be a year from 1900 to 2999");
  return static_cast<int>(*n);
}

Result<Moment> parse_moment(const QueryContext& c, const Request& request, const Params& params) {
  Moment out;
  if (auto it = params.find("as_of"); it != params.end()) {
    Result<std::uint64_t> position = parse_count("as_of", it->second);
    if (!position) return position.status();
    if (*position >= c.store->head()) {
      return bad_parameter(
          "as_of", "must be a position of the log, below " + std::to_string(c.store->head()));
    }
    out.as_of = *position;
    out.need = *position + 1;
  }
  auto minimum = [&](std::string_view name, std::string_view text) -> Status {
    Result<std::uint64_t> position = parse_count(name, text);
    if (!position) return position.status();
    // A command's position is in the log once it is answered: a later one is no write of
    // the caller's to wait for.
    if (*position >= c.store->head()) {
      return bad_parameter(
          name, "must be a position of the log, below " + std::to_string(c.store->head()));
    }
    out.need = std::max(out.need, *position + 1);
    return Status::ok();
  };
  if (auto it = params.find("min_as_of"); it != params.end()) {
    if (Status s = minimum("min_as_of", it->second); !s.is_ok()) return s;
  }
  if (auto header = request.find(kMinAsOfHeader); header != request.end()) {
    if (Status s = minimum(kMinAsOfHeader, header->value()); !s.is_ok()) return s;
  }
  return out;
}

boost::asio::awaitable<std::optional<Response>> await_applied(const QueryContext& c,
                                                              std::uint64_t need) {
  if (c.projector->applied() >= need) co_return std::nullopt;
  boost::asio::steady_timer timer(co_await boost::asio::this_coro::executor);
  const auto deadline = std::chrono::steady_clock::now() + c.freshness_wait;
  while (c.projector->applied() < need && c.projector->status().is_ok() &&
         std::chrono::steady_clock::now() < deadline) {
    timer.expires_after(std::chrono::milliseconds(2));
    co_await timer.async_wait(boost::asio::use_awaitable);
  }
  const std::uint64_t applied = c.projector->applied();
  if (applied >= need) co_return std::nullopt;
  Problem lag = http_problem(HttpStatus::service_unavailable, "projection-lag",
                             "the projections have applied " + std::to_string(applied) +
                                 " events; position " + std::to_string(need - 1) + " is " +
                                 std::to_string(need - applied) + " event(s) ahead of them" +
                                 (c.projector->status().is_ok()
                                      ? ""
                                      : " and they stopped: " + c.projector->status().message()));
  lag.extensions = {{"applied", applied}, {"wanted", need - 1}, {"lag", need - applied}};
  Response response = problem_response(lag);
  response.set(Field::retry_after, "1");
  co_return response;
}

Response answer(const Request& request, std::uint64_t applied, std::string_view body,
                bool settled) {
  const std::string as_of = std::to_string(applied - 1);
  const char* const cache_control = settled ? "public, max-age=31536000, immutable" : "no-cache";
  // Weak: the tag stands for the document, while the body also says which position it is as of.
  const std::string tag = "\"" + to_hex(sha256(body)).substr(0, 32) + "\"";
  const std::string etag = "W/" + tag;
  if (names_etag(request[Field::if_none_match], tag)) {
    Response not_modified = make_response(HttpStatus::not_modified, kJson, "");
    not_modified.set(Field::etag, etag);
    not_modified.set(Field::cache_control, cache_control);
    return not_modified;
  }
  std::string text = "{\"as_of\":" + as_of;
  if (body.size() > 2)
    text += "," + std::string(body.substr(1));
  else
    text += "}";
  Response response = make_response(HttpStatus::ok, kJson, std::move(text));
  response.set(Field::etag, etag);
  response.set(Field::cache_control, cache_control);
  return response;
}

}  // namespace query_internal

namespace {

using namespace query_internal;
using Awaitable = boost::asio::awaitable<Response>;

Response not_found(std::string what) { return status_response(Status::not_found(std::move(what))); }

Response loading() {
  Response busy = status_response(Status::unavailable("the state is loading; try again"));
  busy.set(Field::retry_after, "1");
  return busy;
}

// The document at `key`: the latest, or as of an earlier position (recomputed from the log,
// projections/as_of.hpp).
Awaitable document(const QueryContext& c, const Request& request, const Params& params,
                   const std::string& key, const std::string& what) {
  Result<Moment> moment = parse_moment(c, request, params);
  if (!moment) co_return status_response(moment.status());
  if (auto late = co_await await_applied(c, moment->need)) co_return std::move(*late);
  if (!moment->as_of) {
    auto doc = c.projector->document(key);
    if (!doc) co_return status_response(doc.status());
    if (!doc->second) {
      co_return not_found(what + " is not known (as of position " +
                          std::to_string(static_cast<std::int64_t>(doc->first) - 1) + ")");
    }
    co_return answer(request, doc->first, *doc->second);
  }
  if (!c.projector->ready()) co_return loading();
  const std::uint64_t position = *moment->as_of;
  // The document's streams are named (from the current state) only when the answer is not
  // kept already.
  auto text = projections::render_as_of(
      *c.store,
      [&] {
        return c.projector->read([&](const domain::State& now, std::uint64_t) {
          return projections::document_streams(now, key);
        });
      },
      key, position, c.answers.get(), &c.projector->document_store());
  if (!text) co_return status_response(text.status());
  if (!*text) co_return not_found(what + " did not exist at position " + std::to_string(position));
  co_return answer(request, position + 1, **text, /*settled=*/true);
}

// The refusal of a caller that may not read what rules read of a person (discipline, holds),
// which the eligibility query and a decision's recheck quote: they need the token of a role
// that sees personal data (app::sees_personal_data). nullopt when it may, or when the context
// has no authenticator.
std::optional<Response> refuse_unless_personal(const QueryContext& c, const Request& request,
                                               std::string_view what) {
  if (c.authenticator == nullptr) return std::nullopt;
  std::variant<Principal, Response> caller = authorize(*c.authenticator, request);
  if (auto* refusal = std::get_if<Response>(&caller)) return std::move(*refusal);
  if (app::sees_personal_data(std::get<Principal>(caller))) return std::nullopt;
  return forbidden(std::get<Principal>(caller),
                   std::string(what) + ": its answer quotes personal data (discipline, holds)");
}

}  // namespace

void add_query_routes(Router& router, QueryContext context) {
  if (!context.answers) {
    context.answers = std::make_shared<projections::AnswerCache>(context.as_of_cache_bytes);
  }
  auto doc = [context](std::string prefix, std::string what) {
    return [context, prefix, what](const Request& r, const PathParams& p) -> Awaitable {
      // These documents take no parameters but the moment: an unknown one is a 400.
      Result<Params> params = parse_params(r, {});
      if (!params) co_return status_response(params.status());
      co_return co_await document(context, r, *params, prefix + p.at("id"),
                                  what + " '" + p.at("id") + "'");
    };
  };
  router.add(Verb::get, "/v1/clusters/{id}/years/{year}/ranking",
             [context](const Request& r, const PathParams& p) -> Awaitable {
               Result<Params> params = parse_params(r, {});
               if (!params) co_return status_response(params.status());
               Result<int> year = parse_year("year", p.at("year"));
               if (!year) co_return status_response(year.status());
               const std::string& cluster = p.at("id");
               co_return co_await document(
                   context, r, *params, "ranking/" + cluster + "/" + std::to_string(*year),
                   "the ranking of cluster '" + cluster + "' for " + p.at("year"));
             });
  router.add(Verb::get, "/v1/organizations/{id}/awards",
             doc("awards/organization/", "organization"));
  router.add(Verb::get, "/v1/people/{id}/awards", doc("awards/person/", "person"));
  router.add(Verb::get, "/v1/decisions/{id}", doc("decisions/", "decision"));
  router.add(Verb::get, "/v1/movements/{id}", doc("movements/", "movement"));
  // The decision decided again under the rule book as it stands (docs/rules.md). It replays the
  // log up to the decision: its cost grows with the decision's position.
  router.add(
      Verb::get, "/v1/decisions/{id}/recheck",
      [context](const Request& r, const PathParams& p) -> Awaitable {
        if (auto refusal = refuse_unless_personal(context, r, "recheck a decision")) {
          co_return std::move(*refusal);
        }
        Result<std::vector<QueryParam>> params = parse_query(split_target(r.target()).query);
        if (!params) co_return status_response(params.status());
        if (!params->empty()) {
          co_return status_response(bad_parameter(params->front().name, "unknown parameter"));
        }
        auto rechecked = projections::recheck_log(*context.store, *context.rules, p.at("id"));
        if (!rechecked) co_return status_response(rechecked.status());
        co_return make_response(HttpStatus::ok, kJson,
                                projections::render_recheck(rechecked->front()).dump());
      });
  router.add(Verb::get, "/v1/decisions",
             [context](const Request& r, const PathParams&) -> Awaitable {
               co_return co_await decisions(context, r);
             });
  router.add(Verb::get, "/v1/eligibility",
             [context](const Request& r, const PathParams&) -> Awaitable {
               if (auto refusal = refuse_unless_personal(context, r, "ask the eligibility query")) {
                 co_return std::move(*refusal);
               }
               co_return co_await eligibility(context, r);
             });
}

}  // namespace thidua::http
