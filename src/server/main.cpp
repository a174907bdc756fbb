// thiduad: the thidua HTTP server, a node (node/node.hpp) with its command line and signals.
//
//   thiduad --data DIR [--listen HOST:PORT] [--config FILE]
//
// Runs a primary node on DIR with the configuration file's settings (the command line's
// --listen on top) and THIDUA_ADMIN_TOKEN, when set, as an admin token; prints one line to
// stdout once it accepts connections: "thiduad listening on http://HOST:PORT (data: DIR)",
// with the real port when port 0 was asked for. Logs (JSON lines) go to stderr. SIGTERM or
// SIGINT stops the node gracefully. Exit status: 0 after a clean stop, 1 when the node cannot
// open or start (the store, the signing key, the projections or the listener; it logs why), 2
// for a bad argument or configuration.
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

#include <boost/asio/io_context.hpp>
#include <boost/asio/signal_set.hpp>

#include "thidua/http/config.hpp"
#include "thidua/node/node.hpp"

namespace {

using thidua::Result;
using thidua::Status;
namespace fs = std::filesystem;

constexpr std::string_view kUsage =
    "usage: thiduad --data DIR [--listen HOST:PORT] [--config FILE]\n"
    "  --data DIR          the event store's directory (created if absent)\n"
    "  --listen HOST:PORT  address to listen on; port 0 picks a free port\n"
    "                      (default: the config file's \"listen\", else 127.0.0.1:8080)\n"
    "  --config FILE       JSON configuration (limits, timeouts, threads, tokens,\n"
    "                      checkpoint origin, signing key file and interval)\n"
    "environment:\n"
    "  THIDUA_ADMIN_TOKEN  when set, also accepted as an admin bearer token\n";

struct Args {
  fs::path data;
  std::optional<std::string> listen;
  std::optional<fs::path> config;
  bool help = false;
};

Status take_value(int argc, char** argv, int& i, std::string_view flag, std::string& out) {
  std::string_view arg = argv[i];
  if (arg.size() > flag.size() && arg.substr(0, flag.size()) == flag && arg[flag.size()] == '=') {
    out = arg.substr(flag.size() + 1);
  } else if (i + 1 < argc) {
    out = argv[++i];
  } else {
    return Status::invalid_argument(std::string(flag) + " needs a value");
  }
  if (out.empty()) return Status::invalid_argument(std::string(flag) + " needs a value");
  return Status::ok();
}

bool is_flag(std::string_view arg, std::string_view flag) {
  return arg == flag || (arg.substr(0, flag.size()) == flag && arg.size() > flag.size() &&
                         arg[flag.size()] == '=');
}

Result<Args> parse_args(int argc, char** argv) {
  Args args;
  for (int i = 1; i < argc; ++i) {
    std::string_view arg = argv[i];
    std::string value;
    Status s = Status::ok();
    if (arg == "--help" || arg == "-h") {
      args.help = true;
      continue;
    } else if (is_flag(arg, "--data")) {
      if (s = take_value(argc, argv, i, "--data", value); s.is_ok()) args.data = value;
    } else if (is_flag(arg, "--listen")) {
      if (s = take_value(argc, argv, i, "--listen", value); s.is_ok()) args.listen = value;
    } else if (is_flag(arg, "--config")) {
      if (s = take_value(argc, argv, i, "--config", value); s.is_ok()) args.config = value;
    } else {
      s = Status::invalid_argument("unknown argument '" + std::string(arg) + "'");
    }
    if (!s.is_ok()) return s;
  }
  if (!args.help && args.data.empty()) return Status::invalid_argument("--data is required");
  return args;
}

// The configuration file's settings, with the command line's on top.
Result<thidua::http::ServerConfig> make_config(const Args& args) {
  thidua::http::ServerConfig config;
  if (args.config) {
    Result<thidua::http::ServerConfig> loaded = thidua::http::load_config(*args.config);
    if (!loaded) return loaded.status();
    config = std::move(*loaded);
  }
  if (args.listen) {
    auto endpoint = thidua::http::parse_listen_address(*args.listen);
    if (!endpoint) return Status::invalid_argument("--listen: " + endpoint.status().message());
    config.server.endpoint = *endpoint;
  }
  return config;
}

// Serves until SIGTERM or SIGINT. Exit status as at the top of this file.
int run(thidua::node::NodeOptions options) {
  auto node = thidua::node::Node::open(std::move(options));
  if (!node) return EXIT_FAILURE;  // logged by the node
  boost::asio::io_context signals_context;
  boost::asio::signal_set signals(signals_context, SIGINT, SIGTERM);
  if (!(*node)->start().is_ok()) return EXIT_FAILURE;  // logged by the node
  std::printf("thiduad listening on %s (data: %s)\n", (*node)->url().c_str(),
              (*node)->data().string().c_str());
  std::fflush(stdout);
  int received = 0;
  signals.async_wait([&](const boost::system::error_code&, int signal) { received = signal; });
  signals_context.run();
  (*node)->log("info", "signal " + std::to_string(received) + ": stopping");
  (*node)->stop();
  return EXIT_SUCCESS;
}

}  // namespace

int main(int argc, char** argv) {
  Result<Args> args = parse_args(argc, argv);
  if (!args) {
    std::fprintf(stderr, "thiduad: %s\n%s", args.status().message().c_str(), kUsage.data());
    return 2;
  }
  if (args->help) {
    std::fputs(kUsage.data(), stdout);
    return EXIT_SUCCESS;
  }
  Result<thidua::http::ServerConfig> config = make_config(*args);
  if (!config) {
    std::fprintf(stderr, "thiduad: %s\n", config.status().message().c_str());
    return 2;
  }
  thidua::node::NodeOptions options;
  options.data = args->data;
  options.config = std::move(*config);
  if (const char* admin = std::getenv("THIDUA_ADMIN_TOKEN"); admin != nullptr) {
    options.admin_token = admin;
  }
  return run(std::move(options));
}
