#include "thidua/http/query_routes.hpp"

#include <map>
#include <string>
#include <variant>

#include <nlohmann/json.hpp>

#include "query_support.hpp"
#include "thidua/codec/describe_json.hpp"
#include "thidua/domain/decide.hpp"
#include "thidua/http/access.hpp"
#include "thidua/http/problem.hpp"
#include "thidua/http/query.hpp"
#include "thidua/projections/as_of.hpp"
#include "thidua/projections/recheck.hpp"

namespace thidua::http {
namespace query_internal {

// The parameters of the request's query, each one of `known` and given at most once.
Result<Params> parse_params(const Request& request, std::initializer_list<std::string_view> known) {
  Result<std::vector<QueryParam>> params = parse_query(split_target(request.target()).query);
  if (!params) return params.status();
  Params out;
  for (QueryParam& p : *params) {
    if (std::find(known.begin(), known.end(), p.name) == known.end()) {
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

// The answer: `body` (a JSON object's text) with "as_of" put first, and its ETag.
Response answer(const Request& request, std::uint64_t applied, std::string_view body) {
  const std::string as_of = std::to_string(applied - 1);
  const std::string etag = "\"" + as_of + "\"";
  if (request[Field::if_none_match] == etag) {
    Response not_modified = make_response(HttpStatus::not_modified, kJson, "");
    not_modified.set(Field::etag, etag);
    return not_modified;
  }
  std::string text = "{\"as_of\":" + as_of;
  if (body.size() > 2)
    text += "," + std::string(body.substr(1));
  else
    text += "}";
  Response response = make_response(HttpStatus::ok, kJson, std::move(text));
  response.set(Field::etag, etag);
  response.set(Field::cache_control, "no-cache");
  return response;
}

}  // namespace query_internal

namespace {

using namespace query_internal;
using Awaitable = boost::asio::awaitable<Response>;

Response not_found(std::string what) { return status_response(Status::not_found(std::move(what))); }

Response document_response(const QueryContext& c, const Request& request, const std::string& key,
                           const std::string& what) {
  auto doc = c.projector->document(key);
  if (!doc) return status_response(doc.status());
  if (!doc->second)
    return not_found(what + " is not known (as of position " +
                     std::to_string(static_cast<std::int64_t>(doc->first) - 1) + ")");
  return answer(request, doc->first, *doc->second);
}

Response ranking(const QueryContext& c, const Request& request, const PathParams& path) {
  Result<Params> params = parse_params(request, {"as_of"});
  if (!params) return status_response(params.status());
  Result<int> year = parse_year("year", path.at("year"));
  if (!year) return status_response(year.status());
  const std::string& cluster = path.at("id");
  const std::string what = "the ranking of cluster '" + cluster + "' for " + path.at("year");
  auto as_of = params->find("as_of");
  if (as_of == params->end()) {
    return document_response(c, request, "ranking/" + cluster + "/" + std::to_string(*year), what);
  }
  Result<std::uint64_t> position = parse_count("as_of", as_of->second);
  if (!position) return status_response(position.status());
  if (*position >= c.store->head()) {
    return status_response(bad_parameter(
        "as_of", "must be a position of the log, below " + std::to_string(c.store->head())));
  }
  if (!c.projector->ready()) return status_response(Status::unavailable("the state is loading"));
  auto doc = c.projector->read([&](const domain::State& names, std::uint64_t) {
    return projections::ranking_as_of(*c.store, names, cluster, *year, *position);
  });
  if (!doc) return status_response(doc.status());
  if (!*doc) return not_found(what + " did not exist at position " + as_of->second);
  Result<std::string> text = codec::dump_json(**doc);
  if (!text) return status_response(text.status());
  return answer(request, *position + 1, *text);
}

}  // namespace

void add_query_routes(Router& router, QueryContext context) {
  auto doc = [context](std::string prefix, std::string what) {
    return [context, prefix, what](const Request& r, const PathParams& p) -> Awaitable {
      // These documents take no parameters: an unknown one is a 400, as for every query.
      Result<Params> params = parse_params(r, {});
      if (!params) co_return status_response(params.status());
      co_return document_response(context, r, prefix + p.at("id"), what + " '" + p.at("id") + "'");
    };
  };
  router.add(Verb::get, "/v1/clusters/{id}/years/{year}/ranking",
             [context](const Request& r, const PathParams& p) -> Awaitable {
               co_return ranking(context, r, p);
             });
  router.add(Verb::get, "/v1/organizations/{id}/awards",
             doc("awards/organization/", "organization"));
  router.add(Verb::get, "/v1/people/{id}/awards", doc("awards/person/", "person"));
  router.add(Verb::get, "/v1/decisions/{id}", doc("decisions/", "decision"));
  router.add(Verb::get, "/v1/movements/{id}", doc("movements/", "movement"));
  // The decision decided again under the rule book as it stands (docs/rules.md). It replays the
  // log up to the decision: its cost grows with the decision's position.
  router.add(Verb::get, "/v1/decisions/{id}/recheck",
             [context](const Request& r, const PathParams& p) -> Awaitable {
               Result<Params> params = parse_params(r, {});
               if (!params) co_return status_response(params.status());
               auto rechecked =
                   projections::recheck_log(*context.store, *context.rules, p.at("id"));
               if (!rechecked) co_return status_response(rechecked.status());
               co_return make_response(HttpStatus::ok, kJson,
                                       projections::render_recheck(rechecked->front()).dump());
             });
  router.add(Verb::get, "/v1/decisions",
             [context](const Request& r, const PathParams&) -> Awaitable {
               co_return decisions(context, r);
             });
  router.add(Verb::get, "/v1/eligibility",
             [context](const Request& r, const PathParams&) -> Awaitable {
               if (context.authenticator != nullptr) {
                 std::variant<Principal, Response> caller = authorize(*context.authenticator, r);
                 if (auto* refusal = std::get_if<Response>(&caller)) co_return std::move(*refusal);
               }
               co_return eligibility(context, r);
             });
}

}  // namespace thidua::http
