#include <cstdint>
#include <string>
#include <utility>

#include "thidua/http/core_routes.hpp"
#include "thidua/http/problem.hpp"
#include "thidua/http/query.hpp"

namespace thidua::http {
namespace {

constexpr std::size_t kMaxTypeFilters = 32;
constexpr std::size_t kMaxTypeBytes = 128;
constexpr std::size_t kMaxSubjectPrefixBytes = 200;

struct EventsQuery {
  std::uint64_t from = 0;
  std::size_t limit = kDefaultEventsLimit;
  ReadFilter filter;
};

bool is_name_text(std::string_view text, bool allow_slash) {
  for (char c : text) {
    bool ok = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' || c == '_' ||
              c == '-' || (allow_slash && c == '/');
    if (!ok) return false;
  }
  return true;
}

Status apply_type(EventsQuery& q, const std::string& value) {
  if (value.empty() || value.size() > kMaxTypeBytes || !is_name_text(value, false)) {
    return bad_parameter("type", "must be 1-128 of a-z, 0-9, '.', '_', '-'");
  }
  if (q.filter.types.size() == kMaxTypeFilters) {
    return bad_parameter("type", "at most 32 types per request");
  }
  q.filter.types.push_back(value);
  return Status::ok();
}

Status apply_subject_prefix(EventsQuery& q, const std::string& value) {
  if (value.empty() || value.size() > kMaxSubjectPrefixBytes || !is_name_text(value, true)) {
    return bad_parameter("subject_prefix", "must be 1-200 of a-z, 0-9, '.', '_', '-', '/'");
  }
  q.filter.subject_prefix = value;
  return Status::ok();
}

Status apply_limit(EventsQuery& q, const std::string& value) {
  Result<std::uint64_t> limit = parse_count("limit", value);
  if (!limit) return limit.status();
  if (*limit == 0 || *limit > kMaxEventsLimit) {
    return bad_parameter("limit", "must be from 1 to " + std::to_string(kMaxEventsLimit));
  }
  q.limit = static_cast<std::size_t>(*limit);
  return Status::ok();
}

Status apply_from(EventsQuery& q, const std::string& value) {
  Result<std::uint64_t> from = parse_count("from", value);
  if (!from) return from.status();
  q.from = *from;
  return Status::ok();
}

Status apply_param(EventsQuery& q, const QueryParam& p, std::vector<std::string>& seen) {
  if (p.name != "type") {
    for (const std::string& s : seen) {
      if (s == p.name) return bad_parameter(p.name, "given more than once");
    }
    seen.push_back(p.name);
  }
  if (p.name == "from") return apply_from(q, p.value);
  if (p.name == "limit") return apply_limit(q, p.value);
  if (p.name == "type") return apply_type(q, p.value);
  if (p.name == "subject_prefix") return apply_subject_prefix(q, p.value);
  return bad_parameter(p.name, "unknown parameter");
}

Result<EventsQuery> parse_events_query(std::string_view query) {
  Result<std::vector<QueryParam>> params = parse_query(query);
  if (!params) return params.status();
  EventsQuery q;
  std::vector<std::string> seen;
  for (const QueryParam& p : *params) {
    if (Status s = apply_param(q, p, seen); !s.is_ok()) return s;
  }
  return q;
}

std::string next_link(const EventsQuery& q, std::uint64_t next) {
  std::string url = "/v1/events?from=" + std::to_string(next) + "&limit=" + std::to_string(q.limit);
  for (const std::string& t : q.filter.types) url += "&type=" + percent_encode(t);
  if (!q.filter.subject_prefix.empty()) {
    url += "&subject_prefix=" + percent_encode(q.filter.subject_prefix);
  }
  return "<" + url + ">; rel=\"next\"";
}

Response events(const EventStore& store, const Request& request) {
  Result<EventsQuery> q = parse_events_query(split_target(request.target()).query);
  if (!q) return status_response(q.status());
  Result<ReadBatch> batch = store.read_all(q->from, q->limit, q->filter);
  if (!batch) return status_response(batch.status());
  std::string body;
  for (const RecordedEvent& e : batch->events) {
    body += e.bytes;
    body += '\n';
  }
  Response response = make_response(HttpStatus::ok, kNdjson, std::move(body));
  if (batch->next_position < store.head()) {
    response.set(Field::link, next_link(*q, batch->next_position));
  }
  return response;
}

}  // namespace

void add_events_route(Router& router, const EventStore& store) {
  router.add(
      Verb::get, "/v1/events",
      [&store](const Request& request, const PathParams&) -> boost::asio::awaitable<Response> {
        co_return events(store, request);
      });
}

}  // namespace thidua::http
