// ServerConfig: the server's JSON configuration file.
//
//   {"listen": "127.0.0.1:8080", "body_limit": 1048576, "header_limit": 16384,
//    "read_timeout_ms": 30000, "write_timeout_ms": 30000, "shutdown_grace_ms": 5000,
//    "threads": 2, "origin": "thidua.local/log", "signing_key": "/etc/thidua/checkpoint.key",
//    "checkpoint_interval_ms": 1000, "as_of_cache_mib": 64, "as_of_versions": true,
//    "tokens": [{"sha256": "<64 hex>", "role": "admin", "name": "quan-tri"},
//               {"sha256": "<64 hex>", "role": "unit",
//                "organization": "organization/so-tttt-gia-lai"}]}
//
// A token's optional "name" is recorded as the actor of the events its commands append.
//
// Every key is optional (missing ones keep the defaults of ServerOptions and ServerConfig). Unknown
// keys, wrong types and values out of range are errors naming the key, so a typo fails at startup
// instead of being silently ignored. Pure functions apart from reading the file; thread-safe.
#pragma once

#include <chrono>
#include <cstddef>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include <boost/asio/ip/tcp.hpp>

#include "thidua/http/authentication.hpp"
#include "thidua/http/server.hpp"
#include "thidua/util/status.hpp"

namespace thidua::http {

inline constexpr std::string_view kDefaultOrigin = "thidua.local/log";
inline constexpr std::size_t kMaxOriginBytes = 256;

struct ServerConfig {
  ServerOptions server;  // `log` is left empty: the executable decides where logs go
  std::vector<TokenGrant> tokens;
  // The first line of every checkpoint, and the name of the key that signs them. 1 to 256
  // printable ASCII characters other than space and '+' (a key name allows neither).
  std::string origin{kDefaultOrigin};
  // The file holding the signing key; empty means "checkpoint.key" in the data directory.
  std::filesystem::path signing_key;
  // How often a checkpoint is signed while the log grows: 10 ms to 60 s.
  std::chrono::milliseconds checkpoint_interval{1000};
  // The memory kept for as-of answers asked again ("as_of_cache_mib", 0 to 65536 MiB; 0 keeps
  // none).
  std::size_t as_of_cache_bytes = std::size_t{64} << 20;
  // Whether the projections keep each document's versions, so that as-of answers are read
  // rather than folded from the log ("as_of_versions"; projections/document_store.hpp).
  bool as_of_versions = true;
};

// True when `origin` may be a checkpoint origin here (see ServerConfig::origin).
bool is_valid_origin(std::string_view origin);

// "HOST:PORT" with HOST an IPv4 address, "[IPv6]" or "localhost" (127.0.0.1), PORT 0-65535.
// kInvalidArgument otherwise. Host names are not resolved: a server binds to addresses.
Result<boost::asio::ip::tcp::endpoint> parse_listen_address(std::string_view text);

// The configuration in `json_text`. kInvalidArgument names the offending key.
Result<ServerConfig> parse_config(std::string_view json_text);

// parse_config() of the file's contents; kIOError when it cannot be read.
Result<ServerConfig> load_config(const std::filesystem::path& path);

}  // namespace thidua::http
