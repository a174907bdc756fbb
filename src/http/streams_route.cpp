#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <variant>
#include <vector>

#include "feed_query.hpp"
#include "thidua/domain/events.hpp"
#include "thidua/http/authorization.hpp"
#include "thidua/http/feed_routes.hpp"
#include "thidua/http/problem.hpp"
#include "thidua/http/query.hpp"
#include "thidua/store/stream_name.hpp"

namespace thidua::http {
namespace {

struct StreamQuery {
  std::uint64_t from_version = 0;
  std::size_t limit = kDefaultEventsLimit;
};

Status apply_param(StreamQuery& q, const QueryParam& p) {
  if (p.name == "from_version") {
    Result<std::uint64_t> from = parse_count(p.name, p.value);
    if (!from) return from.status();
    q.from_version = *from;
    return Status::ok();
  }
  if (p.name == "limit") {
    Result<std::uint64_t> limit = parse_count(p.name, p.value);
    if (!limit) return limit.status();
    if (*limit == 0 || *limit > kMaxEventsLimit) {
      return bad_parameter("limit", "must be from 1 to " + std::to_string(kMaxEventsLimit));
    }
    q.limit = static_cast<std::size_t>(*limit);
    return Status::ok();
  }
  return bad_parameter(p.name, "unknown parameter");
}

Result<StreamQuery> parse_stream_query(std::string_view query) {
  Result<std::vector<QueryParam>> params = parse_query(query);
  if (!params) return params.status();
  StreamQuery q;
  std::vector<std::string_view> seen;
  for (const QueryParam& p : *params) {
    for (std::string_view s : seen) {
      if (s == p.name) return bad_parameter(p.name, "given more than once");
    }
    seen.push_back(p.name);
    if (Status s = apply_param(q, p); !s.is_ok()) return s;
  }
  return q;
}

// A valid stream name has only URL-safe characters, so it goes into the link as it is.
std::string next_link(const std::string& subject, std::uint64_t next, std::size_t limit) {
  return "</v1/streams/" + subject + "?from_version=" + std::to_string(next) +
         "&limit=" + std::to_string(limit) + ">; rel=\"next\"";
}

Response stream(const EventStore& store, const std::vector<std::string>& categories,
                const Request& request, const Principal& caller, const std::string& subject) {
  if (Status s = validate_stream_name(subject, categories); !s.is_ok()) {
    return status_response(Status::invalid_argument("subject: " + s.message()));
  }
  const internal::Sight sight{app::sees_personal_data(caller), false};
  // Asked whatever the stream holds, so that the answer does not tell whether it exists.
  if (!sight.whole && domain::personal_stream(subject)) {
    return forbidden(caller, "read " + subject + ": it holds personal data");
  }
  Result<StreamQuery> q = parse_stream_query(split_target(request.target()).query);
  if (!q) return status_response(q.status());
  Result<std::optional<std::uint64_t>> head = store.stream_head(subject);
  if (!head) return status_response(head.status());
  if (!*head) return status_response(Status::not_found("stream '" + subject + "' has no events"));
  Result<std::vector<RecordedEvent>> events = store.read_stream(subject, q->from_version, q->limit);
  if (!events) return status_response(events.status());
  std::string body;
  for (const RecordedEvent& e : *events) {
    body += internal::feed_line(e, sight);
    body += '\n';
  }
  Response response = make_response(HttpStatus::ok, kNdjson, std::move(body));
  // What it holds depends on the caller's role: no shared cache may keep it.
  response.set(Field::cache_control, "private, no-store");
  response.set(Field::vary, "Authorization");
  if (!events->empty() && events->back().stream_version < **head) {
    response.set(Field::link, next_link(subject, events->back().stream_version + 1, q->limit));
  }
  return response;
}

}  // namespace

void add_streams_route(Router& router, const EventStore& store, const Authenticator& authenticator,
                       std::vector<std::string> stream_categories) {
  if (stream_categories.empty()) stream_categories = default_stream_categories();
  router.add(
      Verb::get, "/v1/streams/{subject...}",
      [&store, &authenticator, categories = std::move(stream_categories)](
          const Request& request, const PathParams& params) -> boost::asio::awaitable<Response> {
        auto caller = authorize(authenticator, request);
        if (auto* refusal = std::get_if<Response>(&caller)) co_return std::move(*refusal);
        co_return stream(store, categories, request, std::get<Principal>(caller),
                         params.at("subject"));
      });
}

}  // namespace thidua::http
