#include <cstdint>
#include <string>
#include <utility>
#include <variant>

#include "feed_query.hpp"
#include "thidua/http/authorization.hpp"
#include "thidua/http/feed_routes.hpp"
#include "thidua/http/problem.hpp"
#include "thidua/http/query.hpp"

namespace thidua::http {
namespace {

using internal::FeedQuery;

std::string next_link(const FeedQuery& q, std::uint64_t next) {
  std::string url = "/v1/events?from=" + std::to_string(next) + "&limit=" + std::to_string(q.limit);
  for (const std::string& t : q.filter.types) url += "&type=" + percent_encode(t);
  if (!q.filter.subject_prefix.empty()) {
    url += "&subject_prefix=" + percent_encode(q.filter.subject_prefix);
  }
  return "<" + url + ">; rel=\"next\"";
}

// `whole`: the caller sees personal data.
Response events(const EventStore& store, const Request& request, bool whole) {
  Result<FeedQuery> q = internal::parse_feed_query(split_target(request.target()).query, true);
  if (!q) return status_response(q.status());
  ReadFilter filter = q->filter;  // the link repeats the filters asked, not the exclusions
  const internal::Sight sight = internal::restrict_feed(filter, whole);
  Result<ReadBatch> batch = store.read_all(q->from, q->limit, filter);
  if (!batch) return status_response(batch.status());
  std::string body;
  for (const RecordedEvent& e : batch->events) {
    body += internal::feed_line(e, sight);
    body += '\n';
  }
  Response response = make_response(HttpStatus::ok, kNdjson, std::move(body));
  // What it holds depends on the caller's role: no shared cache may keep it.
  response.set(Field::cache_control, "private, no-store");
  response.set(Field::vary, "Authorization");
  if (batch->next_position < store.head()) {
    response.set(Field::link, next_link(*q, batch->next_position));
  }
  return response;
}

}  // namespace

void add_events_route(Router& router, const EventStore& store, const Authenticator* authenticator) {
  router.add(Verb::get, "/v1/events",
             [&store, authenticator](const Request& request,
                                     const PathParams&) -> boost::asio::awaitable<Response> {
               if (authenticator == nullptr) co_return events(store, request, true);
               std::variant<Principal, Response> caller = authorize(*authenticator, request);
               if (auto* refusal = std::get_if<Response>(&caller)) co_return std::move(*refusal);
               co_return events(store, request,
                                app::sees_personal_data(std::get<Principal>(caller)));
             });
}

}  // namespace thidua::http
