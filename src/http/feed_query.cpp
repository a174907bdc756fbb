#include "feed_query.hpp"

#include <string>
#include <vector>

#include "thidua/codec/event_codec.hpp"
#include "thidua/domain/events.hpp"
#include "thidua/http/query.hpp"
#include "thidua/util/base64.hpp"
#include "thidua/util/merkle.hpp"

namespace thidua::http::internal {
namespace {

constexpr std::size_t kMaxTypeFilters = 32;
constexpr std::size_t kMaxTypeBytes = 128;
constexpr std::size_t kMaxSubjectPrefixBytes = 200;

bool is_name_text(std::string_view text, bool allow_slash) {
  for (char c : text) {
    bool ok = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' || c == '_' ||
              c == '-' || (allow_slash && c == '/');
    if (!ok) return false;
  }
  return true;
}

Status apply_type(FeedQuery& q, const std::string& value) {
  if (value.empty() || value.size() > kMaxTypeBytes || !is_name_text(value, false)) {
    return bad_parameter("type", "must be 1-128 of a-z, 0-9, '.', '_', '-'");
  }
  if (q.filter.types.size() == kMaxTypeFilters) {
    return bad_parameter("type", "at most 32 types per request");
  }
  q.filter.types.push_back(value);
  return Status::ok();
}

Status apply_subject_prefix(FeedQuery& q, const std::string& value) {
  if (value.empty() || value.size() > kMaxSubjectPrefixBytes || !is_name_text(value, true)) {
    return bad_parameter("subject_prefix", "must be 1-200 of a-z, 0-9, '.', '_', '-', '/'");
  }
  q.filter.subject_prefix = value;
  return Status::ok();
}

Status apply_limit(FeedQuery& q, const std::string& value) {
  Result<std::uint64_t> limit = parse_count("limit", value);
  if (!limit) return limit.status();
  if (*limit == 0 || *limit > kMaxEventsLimit) {
    return bad_parameter("limit", "must be from 1 to " + std::to_string(kMaxEventsLimit));
  }
  q.limit = static_cast<std::size_t>(*limit);
  return Status::ok();
}

Status apply_from(FeedQuery& q, const std::string& value) {
  Result<std::uint64_t> from = parse_count("from", value);
  if (!from) return from.status();
  q.from = *from;
  return Status::ok();
}

Status apply_param(FeedQuery& q, const QueryParam& p, bool with_limit,
                   std::vector<std::string>& seen) {
  if (p.name != "type") {
    for (const std::string& s : seen) {
      if (s == p.name) return bad_parameter(p.name, "given more than once");
    }
    seen.push_back(p.name);
  }
  if (p.name == "from") return apply_from(q, p.value);
  if (p.name == "limit" && with_limit) return apply_limit(q, p.value);
  if (p.name == "type") return apply_type(q, p.value);
  if (p.name == "subject_prefix") return apply_subject_prefix(q, p.value);
  return bad_parameter(p.name, "unknown parameter");
}

}  // namespace

Result<FeedQuery> parse_feed_query(std::string_view query, bool with_limit) {
  Result<std::vector<QueryParam>> params = parse_query(query);
  if (!params) return params.status();
  FeedQuery q;
  std::vector<std::string> seen;
  for (const QueryParam& p : *params) {
    if (Status s = apply_param(q, p, with_limit, seen); !s.is_ok()) return s;
  }
  return q;
}

bool personal(const RecordedEvent& event) {
  return domain::personal_stream(event.subject) ||
         domain::personal_event_name(codec::event_name_of_type(event.type));
}

Sight restrict_feed(ReadFilter& filter, bool whole) {
  const Sight sight{whole, !filter.types.empty() || !filter.subject_prefix.empty()};
  if (whole || !sight.filtered) return sight;
  for (std::string_view name : domain::event_names()) {
    if (domain::personal_event_name(name)) filter.excluded_types.push_back(codec::event_type(name));
  }
  for (std::string_view prefix : domain::personal_stream_prefixes()) {
    filter.excluded_subject_prefixes.emplace_back(prefix);
  }
  return sight;
}

std::string feed_line(const RecordedEvent& event, Sight sight) {
  if (sight.whole || !personal(event)) return event.bytes;
  const Digest leaf = merkle::leaf_hash(event.bytes);
  return "{\"sequence\":" + std::to_string(event.position) + ",\"withheld\":true,\"leaf_hash\":\"" +
         base64_encode(std::string_view(reinterpret_cast<const char*>(leaf.data()), leaf.size())) +
         "\"}";
}

}  // namespace thidua::http::internal
