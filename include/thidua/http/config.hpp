// ServerConfig: the server's JSON configuration file.
//
//   {"listen": "127.0.0.1:8080", "body_limit": 1048576, "header_limit": 16384,
//    "read_timeout_ms": 30000, "write_timeout_ms": 30000, "shutdown_grace_ms": 5000,
//    "threads": 2,
//    "tokens": [{"sha256": "<64 hex>", "role": "admin"},
//               {"sha256": "<64 hex>", "role": "unit",
//                "organization": "organization/so-tttt-gia-lai"}]}
//
// Every key is optional (missing ones keep ServerOptions' defaults). Unknown keys, wrong
// types and values out of range are errors naming the key, so a typo fails at startup instead
// of being silently ignored. Pure functions apart from reading the file; thread-safe.
#pragma once

#include <filesystem>
#include <string_view>
#include <vector>

#include <boost/asio/ip/tcp.hpp>

#include "thidua/http/auth.hpp"
#include "thidua/http/server.hpp"
#include "thidua/util/status.hpp"

namespace thidua::http {

struct ServerConfig {
  ServerOptions server;  // `log` is left empty: the executable decides where logs go
  std::vector<TokenGrant> tokens;
};

// "HOST:PORT" with HOST an IPv4 address, "[IPv6]" or "localhost" (127.0.0.1), PORT 0-65535.
// kInvalidArgument otherwise. Host names are not resolved: a server binds to addresses.
Result<boost::asio::ip::tcp::endpoint> parse_listen_address(std::string_view text);

// The configuration in `json_text`. kInvalidArgument names the offending key.
Result<ServerConfig> parse_config(std::string_view json_text);

// parse_config() of the file's contents; kIOError when it cannot be read.
Result<ServerConfig> load_config(const std::filesystem::path& path);

}  // namespace thidua::http
