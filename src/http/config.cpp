#include "thidua/http/config.hpp"

#include <charconv>
#include <chrono>
#include <fstream>
#include <set>
#include <sstream>
#include <string>
#include <tuple>
#include <utility>

#include <nlohmann/json.hpp>

namespace thidua::http {
namespace {

using boost::asio::ip::tcp;
using nlohmann::json;

Status bad_key(std::string_view key, std::string_view why) {
  return Status::invalid_argument("config: \"" + std::string(key) + "\" " + std::string(why));
}

// An unsigned integer member from `min` to `max`.
Result<std::uint64_t> get_count(const json& j, std::string_view key, std::uint64_t min,
                                std::uint64_t max) {
  const json& v = j.at(std::string(key));
  if (!v.is_number_unsigned()) return bad_key(key, "must be a non-negative integer");
  auto n = v.get<std::uint64_t>();
  if (n < min || n > max) {
    return bad_key(key, "must be from " + std::to_string(min) + " to " + std::to_string(max));
  }
  return n;
}

Status check_keys(const json& j, const std::set<std::string>& known, std::string_view where) {
  for (const auto& [key, value] : j.items()) {
    if (known.count(key) == 0) {
      return Status::invalid_argument("config: unknown key \"" + key + "\"" + std::string(where));
    }
  }
  return Status::ok();
}

Result<TokenGrant> parse_token(const json& t, std::size_t index) {
  std::string where = " in tokens[" + std::to_string(index) + "]";
  if (!t.is_object()) return Status::invalid_argument("config: tokens[] entries are objects");
  if (Status s =
          check_keys(t, {"sha256", "role", "organization", "cluster", "council", "name"}, where);
      !s.is_ok())
    return s;
  for (const char* key : {"sha256", "role", "organization", "cluster", "council", "name"}) {
    if (t.contains(key) && !t[key].is_string()) return bad_key(key, "must be a string" + where);
  }
  if (!t.contains("sha256") || !t.contains("role")) {
    return Status::invalid_argument("config: sha256 and role are required" + where);
  }
  // What a bound role acts for: a unit's "organization", a cluster head's "cluster", a
  // council's "council", each a stream name; at most one of them.
  std::string scope, scope_key;
  int bound = 0;
  for (const char* key : {"organization", "cluster", "council"}) {
    if (t.contains(key)) {
      scope = t[key].get<std::string>();
      scope_key = key;
      ++bound;
    }
  }
  if (bound > 1) {
    return Status::invalid_argument(
        "config: a token names at most one of organization, cluster and council" + where);
  }
  // The key says what the scope is (a unit's under "organization", and so on); the grant
  // below checks that the role is bound to that kind.
  if (bound == 1 && !scope.starts_with(scope_key + "/")) {
    return bad_key(scope_key, "must name a " + scope_key + " (\"" + scope_key + "/<id>\")" + where);
  }
  Result<TokenGrant> grant =
      make_token_grant(t["sha256"].get<std::string>(), t["role"].get<std::string>(),
                       std::move(scope), t.value("name", std::string()));
  if (!grant) return Status::invalid_argument("config: " + grant.status().message() + where);
  return grant;
}

Status parse_tokens(const json& tokens, std::vector<TokenGrant>& out) {
  if (!tokens.is_array()) return bad_key("tokens", "must be an array");
  for (std::size_t i = 0; i < tokens.size(); ++i) {
    Result<TokenGrant> grant = parse_token(tokens[i], i);
    if (!grant) return grant.status();
    for (const TokenGrant& g : out) {
      if (g.token_sha256 == grant->token_sha256) {
        return Status::invalid_argument("config: tokens[" + std::to_string(i) +
                                        "] repeats an earlier token");
      }
    }
    out.push_back(std::move(*grant));
  }
  return Status::ok();
}

Status parse_timeouts(const json& j, ServerOptions& o) {
  constexpr std::uint64_t kHour = 3600 * 1000;
  std::pair<const char*, std::chrono::milliseconds*> timeouts[] = {
      {"read_timeout_ms", &o.read_timeout},
      {"write_timeout_ms", &o.write_timeout},
      {"shutdown_grace_ms", &o.shutdown_grace}};
  for (auto [key, target] : timeouts) {
    if (!j.contains(key)) continue;
    Result<std::uint64_t> ms = get_count(j, key, 1, kHour);
    if (!ms) return ms.status();
    *target = std::chrono::milliseconds(*ms);
  }
  return Status::ok();
}

Status parse_limits(const json& j, ServerOptions& o) {
  std::tuple<const char*, std::size_t*, std::uint64_t, std::uint64_t> limits[] = {
      {"body_limit", &o.body_limit, 1, 1ULL << 30},
      {"header_limit", &o.header_limit, 1024, 1024 * 1024},
      {"threads", &o.threads, 1, 256}};
  for (auto [key, target, min, max] : limits) {
    if (!j.contains(key)) continue;
    Result<std::uint64_t> n = get_count(j, key, min, max);
    if (!n) return n.status();
    *target = static_cast<std::size_t>(*n);
  }
  return Status::ok();
}

Status parse_listen(const json& j, ServerOptions& o) {
  if (!j.contains("listen")) return Status::ok();
  if (!j["listen"].is_string()) return bad_key("listen", "must be a string \"HOST:PORT\"");
  Result<tcp::endpoint> e = parse_listen_address(j["listen"].get<std::string>());
  if (!e) return bad_key("listen", e.status().message());
  o.endpoint = *e;
  return Status::ok();
}

Status parse_origin(const json& j, ServerConfig& c) {
  if (!j.contains("origin")) return Status::ok();
  if (!j["origin"].is_string()) return bad_key("origin", "must be a string");
  std::string origin = j["origin"].get<std::string>();
  if (!is_valid_origin(origin)) {
    return bad_key("origin", "must be 1 to 256 printable ASCII characters, without spaces or '+'");
  }
  c.origin = std::move(origin);
  return Status::ok();
}

Status parse_signing_key(const json& j, ServerConfig& c) {
  if (!j.contains("signing_key")) return Status::ok();
  const json& v = j["signing_key"];
  if (!v.is_string() || v.get<std::string>().empty() ||
      v.get<std::string>().find('\0') != std::string::npos) {
    return bad_key("signing_key", "must be a file path");
  }
  c.signing_key = v.get<std::string>();
  return Status::ok();
}

Status parse_checkpoints(const json& j, ServerConfig& c) {
  for (Status s : {parse_origin(j, c), parse_signing_key(j, c)}) {
    if (!s.is_ok()) return s;
  }
  if (!j.contains("checkpoint_interval_ms")) return Status::ok();
  Result<std::uint64_t> ms = get_count(j, "checkpoint_interval_ms", 10, 1000);
  if (!ms) return ms.status();
  c.checkpoint_interval = std::chrono::milliseconds(*ms);
  return Status::ok();
}

Result<ServerConfig> parse_config_json(const json& j) {
  if (!j.is_object()) return Status::invalid_argument("config: must be a JSON object");
  if (Status s =
          check_keys(j,
                     {"listen", "body_limit", "header_limit", "read_timeout_ms", "write_timeout_ms",
                      "shutdown_grace_ms", "threads", "tokens", "origin", "signing_key",
                      "checkpoint_interval_ms", "as_of_cache_mib", "as_of_versions"},
                     "");
      !s.is_ok()) {
    return s;
  }
  ServerConfig config;
  for (Status s : {parse_listen(j, config.server), parse_limits(j, config.server),
                   parse_timeouts(j, config.server), parse_checkpoints(j, config)}) {
    if (!s.is_ok()) return s;
  }
  if (j.contains("as_of_cache_mib")) {
    Result<std::uint64_t> mib = get_count(j, "as_of_cache_mib", 0, 65536);
    if (!mib) return mib.status();
    config.as_of_cache_bytes = static_cast<std::size_t>(*mib) << 20;
  }
  if (j.contains("as_of_versions")) {
    if (!j["as_of_versions"].is_boolean())
      return bad_key("as_of_versions", "must be true or false");
    config.as_of_versions = j["as_of_versions"].get<bool>();
  }
  if (j.contains("tokens")) {
    if (Status s = parse_tokens(j["tokens"], config.tokens); !s.is_ok()) return s;
  }
  return config;
}

}  // namespace

bool is_valid_origin(std::string_view origin) {
  if (origin.empty() || origin.size() > kMaxOriginBytes) return false;
  for (char c : origin) {
    auto u = static_cast<unsigned char>(c);
    if (u <= ' ' || u > '~' || u == '+') return false;
  }
  return true;
}

Result<tcp::endpoint> parse_listen_address(std::string_view text) {
  std::size_t colon = text.rfind(':');
  if (colon == std::string_view::npos) return Status::invalid_argument("expected HOST:PORT");
  std::string host(text.substr(0, colon));
  std::string_view port_text = text.substr(colon + 1);
  unsigned port = 0;
  auto [end, ec] = std::from_chars(port_text.data(), port_text.data() + port_text.size(), port);
  if (port_text.empty() || ec != std::errc() || end != port_text.data() + port_text.size() ||
      port > 65535) {
    return Status::invalid_argument("port must be a number from 0 to 65535");
  }
  if (host == "localhost") host = "127.0.0.1";
  if (host.size() > 2 && host.front() == '[' && host.back() == ']') {
    host = host.substr(1, host.size() - 2);
  } else if (host.find(':') != std::string::npos) {
    return Status::invalid_argument("an IPv6 address must be written in brackets");
  }
  boost::system::error_code bad;
  boost::asio::ip::address address = boost::asio::ip::make_address(host, bad);
  if (bad) return Status::invalid_argument("'" + host + "' is not an IP address");
  return tcp::endpoint(address, static_cast<unsigned short>(port));
}

Result<ServerConfig> parse_config(std::string_view json_text) {
  json j;
  try {
    j = json::parse(json_text);
  } catch (const json::exception& e) {
    // Not only parse_error: a number too large for a double is an out_of_range.
    return Status::invalid_argument(std::string("config: not valid JSON: ") + e.what());
  }
  return parse_config_json(j);
}

Result<ServerConfig> load_config(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Status::io_error("cannot read config file " + path.string());
  std::ostringstream text;
  text << in.rdbuf();
  if (in.bad()) return Status::io_error("cannot read config file " + path.string());
  Result<ServerConfig> config = parse_config(text.str());
  if (!config) return Status::invalid_argument(path.string() + ": " + config.status().message());
  return config;
}

}  // namespace thidua::http
