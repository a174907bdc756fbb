#include "envelope_encoder.hpp"

#include <nlohmann/json.hpp>

#include "thidua/store/stream_name.hpp"

namespace thidua::store_internal {
namespace {

constexpr std::size_t kMaxDataDepth = 64;
constexpr std::size_t kMaxAttributeBytes = 256;
constexpr std::size_t kMaxUriBytes = 512;

bool is_hex(char c) { return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'); }
bool is_digit(char c) { return c >= '0' && c <= '9'; }

bool is_uuid(const std::string& s) {
  if (s.size() != 36) return false;
  for (std::size_t i = 0; i < s.size(); ++i) {
    bool dash = i == 8 || i == 13 || i == 18 || i == 23;
    if (dash ? s[i] != '-' : !is_hex(s[i])) return false;
  }
  return true;
}

bool is_type_name(const std::string& s) {
  if (s.empty() || s.size() > 128 || !(s[0] >= 'a' && s[0] <= 'z')) return false;
  for (char c : s) {
    if (!((c >= 'a' && c <= 'z') || is_digit(c) || c == '.' || c == '_' || c == '-')) return false;
  }
  return true;
}

// URI-reference characters: printable ASCII without space, quote, backslash, '<', '>'.
bool is_uri_text(const std::string& s, std::size_t max) {
  if (s.size() > max) return false;
  for (char c : s) {
    if (c <= 0x20 || c >= 0x7f || c == '"' || c == '\\' || c == '<' || c == '>') return false;
  }
  return true;
}

bool digits_in_range(const std::string& s, std::size_t at, std::size_t n, int lo, int hi) {
  int v = 0;
  for (std::size_t i = at; i < at + n; ++i) {
    if (!is_digit(s[i])) return false;
    v = v * 10 + (s[i] - '0');
  }
  return v >= lo && v <= hi;
}

// RFC 3339 date-time: YYYY-MM-DDTHH:MM:SS[.frac](Z|+HH:MM|-HH:MM).
bool is_rfc3339(const std::string& s) {
  if (s.size() < 20 || s.size() > 40) return false;
  if (!digits_in_range(s, 0, 4, 0, 9999) || s[4] != '-' || !digits_in_range(s, 5, 2, 1, 12) ||
      s[7] != '-' || !digits_in_range(s, 8, 2, 1, 31) || (s[10] != 'T' && s[10] != 't') ||
      !digits_in_range(s, 11, 2, 0, 23) || s[13] != ':' || !digits_in_range(s, 14, 2, 0, 59) ||
      s[16] != ':' || !digits_in_range(s, 17, 2, 0, 60)) {
    return false;
  }
  std::size_t i = 19;
  if (s[i] == '.') {
    std::size_t start = ++i;
    while (i < s.size() && is_digit(s[i])) ++i;
    if (i == start) return false;
  }
  std::string zone = s.substr(i);
  if (zone == "Z" || zone == "z") return true;
  return zone.size() == 6 && (zone[0] == '+' || zone[0] == '-') &&
         digits_in_range(zone, 1, 2, 0, 23) && zone[3] == ':' && digits_in_range(zone, 4, 2, 0, 59);
}

std::string json_string(const std::string& s) {
  // Strict UTF-8: invalid bytes throw, and the caller reports them.
  return nlohmann::json(s).dump(-1, ' ', false, nlohmann::json::error_handler_t::strict);
}

Status field_error(std::size_t index, const std::string& what) {
  return Status::invalid_argument("event " + std::to_string(index) + ": " + what);
}

Status check_envelope(const ProposedEvent& e, std::size_t index,
                      const std::vector<std::string>& categories) {
  if (!is_uuid(e.id)) return field_error(index, "id must be a lower-case UUID");
  if (!is_type_name(e.type)) {
    return field_error(index, "type must be 1-128 of a-z, 0-9, '.', '_', '-', starting a-z");
  }
  if (Status s = validate_stream_name(e.subject, categories); !s.is_ok()) {
    return field_error(index, s.message());
  }
  if (e.source.empty() || !is_uri_text(e.source, kMaxUriBytes)) {
    return field_error(index, "source must be a non-empty URI-reference");
  }
  if (!is_rfc3339(e.time)) return field_error(index, "time must be an RFC 3339 timestamp");
  if (!is_uri_text(e.dataschema, kMaxUriBytes)) {
    return field_error(index, "dataschema must be a URI");
  }
  for (const std::string* ext :
       {&e.actor, &e.actorrole, &e.correlationid, &e.causationid, &e.ruleset}) {
    if (ext->size() > kMaxAttributeBytes) {
      return field_error(index, "extension attributes are at most 256 bytes");
    }
  }
  return Status::ok();
}

void append_attribute(std::string& out, const char* name, const std::string& value) {
  if (value.empty()) return;
  out += ",\"";
  out += name;
  out += "\":";
  out += json_string(value);
}

Result<EncodedEvent> encode_event(const ProposedEvent& e, std::size_t index,
                                  const std::vector<std::string>& categories) {
  if (Status s = check_envelope(e, index, categories); !s.is_ok()) return s;
  if (json_nesting_depth(e.data) > kMaxDataDepth) {
    return field_error(index, "data is nested deeper than 64 levels");
  }
  try {
    nlohmann::json data = nlohmann::json::parse(e.data);
    if (!data.is_object()) return field_error(index, "data must be a JSON object");
    EncodedEvent out{e.id, e.type, e.subject, {}, {}};
    out.head = "{\"specversion\":\"1.0\"";
    append_attribute(out.head, "id", e.id);
    append_attribute(out.head, "source", e.source);
    append_attribute(out.head, "type", e.type);
    append_attribute(out.head, "subject", e.subject);
    append_attribute(out.head, "time", e.time);
    append_attribute(out.head, "datacontenttype", "application/json");
    append_attribute(out.head, "dataschema", e.dataschema);
    append_attribute(out.tail, "actor", e.actor);
    append_attribute(out.tail, "actorrole", e.actorrole);
    append_attribute(out.tail, "correlationid", e.correlationid);
    append_attribute(out.tail, "causationid", e.causationid);
    append_attribute(out.tail, "ruleset", e.ruleset);
    out.tail += ",\"data\":";
    out.tail += data.dump(-1, ' ', false, nlohmann::json::error_handler_t::strict);
    out.tail += '}';
    return out;
  } catch (const nlohmann::json::parse_error& ex) {
    return field_error(index, std::string("data is not valid JSON: ") + ex.what());
  } catch (const nlohmann::json::exception& ex) {
    return field_error(index, std::string("invalid text (not UTF-8?): ") + ex.what());
  }
}

Digest request_hash(const AppendRequest& request) {
  Sha256 h;
  h.update_framed("thidua-append-v1");
  for (const StreamExpectation& x : request.expectations) {
    h.update_framed(x.stream);
    h.update_framed(std::to_string(static_cast<int>(x.expected.kind)));
    h.update_framed(std::to_string(x.expected.version));
  }
  for (const ProposedEvent& e : request.events) {
    for (const std::string* f :
         {&e.type, &e.subject, &e.source, &e.dataschema, &e.data, &e.actor, &e.ruleset}) {
      h.update_framed(*f);
    }
    // Added after the first stored keys: hashed only when set, so their hashes stay valid.
    if (!e.actorrole.empty()) {
      h.update_framed("actorrole");
      h.update_framed(e.actorrole);
    }
  }
  return h.finish();
}

Status check_expectations(const AppendRequest& request,
                          const std::vector<std::string>& categories) {
  for (std::size_t i = 0; i < request.expectations.size(); ++i) {
    const std::string& stream = request.expectations[i].stream;
    if (Status s = validate_stream_name(stream, categories); !s.is_ok()) {
      return Status::invalid_argument("expectation " + std::to_string(i) + ": " + s.message());
    }
    for (std::size_t j = 0; j < i; ++j) {
      if (request.expectations[j].stream == stream) {
        return Status::invalid_argument("stream '" + stream + "' has two expectations");
      }
    }
  }
  return Status::ok();
}

}  // namespace

std::size_t EncodedEvent::encoded_size(std::uint64_t position, std::uint64_t version) const {
  return head.size() + tail.size() + 30 + std::to_string(position).size() +
         std::to_string(version).size();
}

std::string EncodedEvent::finish(std::uint64_t position, std::uint64_t version) const {
  std::string out;
  out.reserve(encoded_size(position, version));
  out += head;
  out += ",\"sequence\":";
  out += std::to_string(position);
  out += ",\"streamversion\":";
  out += std::to_string(version);
  out += tail;
  return out;
}

std::size_t json_nesting_depth(const std::string& json) {
  std::size_t depth = 0, deepest = 0;
  bool in_string = false, escaped = false;
  for (char c : json) {
    if (in_string) {
      if (escaped) {
        escaped = false;
      } else if (c == '\\') {
        escaped = true;
      } else if (c == '"') {
        in_string = false;
      }
    } else if (c == '"') {
      in_string = true;
    } else if (c == '{' || c == '[') {
      deepest = std::max(deepest, ++depth);
    } else if ((c == '}' || c == ']') && depth > 0) {
      --depth;
    }
  }
  return deepest;
}

Result<PreparedRequest> prepare_request(const AppendRequest& request,
                                        const std::vector<std::string>& categories,
                                        const StoreLimits& limits) {
  if (request.events.empty()) return Status::invalid_argument("an append needs at least one event");
  if (request.events.size() > limits.max_events_per_append) {
    return Status::invalid_argument("an append holds at most " +
                                    std::to_string(limits.max_events_per_append) + " events");
  }
  if (request.idempotency_key.size() > limits.max_idempotency_key_bytes) {
    return Status::invalid_argument("idempotency key longer than " +
                                    std::to_string(limits.max_idempotency_key_bytes) + " bytes");
  }
  if (Status s = check_expectations(request, categories); !s.is_ok()) return s;
  PreparedRequest out;
  out.events.reserve(request.events.size());
  for (std::size_t i = 0; i < request.events.size(); ++i) {
    Result<EncodedEvent> encoded = encode_event(request.events[i], i, categories);
    if (!encoded) return encoded.status();
    // Positions and versions below 10^19 take at most 20 digits each.
    std::size_t size = encoded->encoded_size(0, 0) + 38;
    if (size > limits.max_event_bytes) {
      return field_error(i, "event is " + std::to_string(size) + " bytes; the limit is " +
                                std::to_string(limits.max_event_bytes));
    }
    out.total_bytes += size;
    out.events.push_back(std::move(encoded).value());
  }
  if (out.total_bytes > limits.max_append_bytes) {
    return Status::invalid_argument("append of " + std::to_string(out.total_bytes) +
                                    " bytes exceeds the limit of " +
                                    std::to_string(limits.max_append_bytes));
  }
  out.expectations = request.expectations;
  out.expected_position = request.expected_position;
  out.idempotency_key = request.idempotency_key;
  out.request_hash = request.request_hash ? *request.request_hash : request_hash(request);
  return out;
}

}  // namespace thidua::store_internal
