// thiduad: the thidua HTTP server.
//
//   thiduad --data DIR [--listen HOST:PORT] [--config FILE]
//
// Opens the RocksDB event store in DIR (creating it) and the checkpoint signing key (creating
// DIR/checkpoint.key, mode 0600, unless the config names another file), signs a checkpoint of
// the log as it is, keeps signing them while it grows, keeps the projections in
// DIR/projections up to date with the log, serves the API, and prints one line to
// stdout once it accepts connections: "thiduad listening on http://HOST:PORT (data: DIR)", with
// the real port when port 0 was asked for. Logs (JSON lines) go to stderr; one of them gives
// the verifier key. Bearer tokens come from the config file, plus THIDUA_ADMIN_TOKEN (from the
// environment) as an admin token when it is set. SIGTERM or SIGINT stops it gracefully: no new
// connections, requests in flight finish within the grace period, a last checkpoint is signed,
// then the store closes after its queued writes. Exit status: 0 after a clean stop, 1 when the
// store, the signing key or the listener cannot be opened or the first checkpoint cannot be
// signed, 2 for a bad argument or configuration.
#include <array>
#include <chrono>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <filesystem>
#include <memory>
#include <mutex>
#include <optional>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#include <boost/asio/io_context.hpp>
#include <boost/asio/signal_set.hpp>
#include <nlohmann/json.hpp>

#include "thidua/app/command_service.hpp"
#include "thidua/audit/checkpointer.hpp"
#include "thidua/audit/signer_file.hpp"
#include "thidua/codec/rule_book.hpp"
#include "thidua/http/audit_routes.hpp"
#include "thidua/http/auth.hpp"
#include "thidua/http/command_routes.hpp"
#include "thidua/http/config.hpp"
#include "thidua/http/core_routes.hpp"
#include "thidua/http/feed_routes.hpp"
#include "thidua/http/metrics.hpp"
#include "thidua/http/metrics_route.hpp"
#include "thidua/http/openapi_routes.hpp"
#include "thidua/http/query_routes.hpp"
#include "thidua/http/server.hpp"
#include "thidua/http/whoami_route.hpp"
#include "thidua/projections/projector.hpp"
#include "thidua/store/rocksdb_event_store.hpp"

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

std::mutex log_mu;

std::string utc_now() {
  auto now = std::chrono::system_clock::now();
  std::time_t seconds = std::chrono::system_clock::to_time_t(now);
  auto millis =
      std::chrono::duration_cast<std::chrono::milliseconds>(now.time_since_epoch()).count() % 1000;
  std::tm tm{};
  gmtime_r(&seconds, &tm);
  char text[40];
  std::size_t n = std::strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%S", &tm);
  std::snprintf(text + n, sizeof text - n, ".%03dZ", static_cast<int>(millis));
  return text;
}

// Writes one JSON log line to stderr with the time as its first member. REQUIRES: `line` is a
// JSON object, as every line of the server's is.
void log_line(std::string_view line) {
  std::string stamped = "{\"time\":\"" + utc_now() + "\"";
  if (line.size() > 2) stamped += ',';
  stamped += line.substr(1);
  stamped += '\n';
  std::lock_guard lock(log_mu);
  std::fwrite(stamped.data(), 1, stamped.size(), stderr);
}

// Logs {"log": level, "msg": message} followed by the members of `more`.
void log_event(std::string_view level, std::string_view message,
               const nlohmann::json& more = nlohmann::json::object()) {
  nlohmann::json line = {{"log", level}, {"msg", message}};
  line.update(more);
  log_line(line.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
}

std::string url_of(const boost::asio::ip::tcp::endpoint& e) {
  std::string host = e.address().to_string();
  if (e.address().is_v6()) host = "[" + host + "]";
  return "http://" + host + ":" + std::to_string(e.port());
}

Result<std::unique_ptr<thidua::RocksDbEventStore>> open_store(const fs::path& dir) {
  std::error_code ec;
  fs::create_directories(dir, ec);
  if (ec) return Status::io_error("cannot create " + dir.string() + ": " + ec.message());
  return thidua::RocksDbEventStore::open(dir);
}

// The checkpointer of `store`, signing with the key in the configured file (created on the
// first start), after it has signed a checkpoint of the log as it is now; its background
// thread is running.
Result<std::unique_ptr<thidua::audit::Checkpointer>> start_checkpointer(
    const thidua::http::ServerConfig& config, thidua::EventStore& store, const fs::path& data) {
  fs::path key_file = config.signing_key.empty() ? data / "checkpoint.key" : config.signing_key;
  auto signer = thidua::audit::load_or_create_signer(key_file, config.origin);
  if (!signer) return signer.status();
  auto checkpointer =
      std::make_unique<thidua::audit::Checkpointer>(store, std::move(*signer), config.origin);
  auto first = checkpointer->checkpoint_now();
  if (!first) return first.status();
  log_event("info", "signing checkpoints",
            {{"origin", config.origin},
             {"signing_key", key_file.string()},
             {"verifier_key", checkpointer->verifier_key()},
             {"tree_size", first->tree_size}});
  checkpointer->start(config.checkpoint_interval);
  return checkpointer;
}

thidua::http::Authenticator make_authenticator(std::vector<thidua::http::TokenGrant> tokens) {
  const char* admin = std::getenv("THIDUA_ADMIN_TOKEN");
  if (admin != nullptr && *admin != '\0') {
    log_event("info", "THIDUA_ADMIN_TOKEN is set: it is accepted as an admin token");
    return thidua::http::Authenticator(std::move(tokens), std::string(admin));
  }
  return thidua::http::Authenticator(std::move(tokens));
}

// Today's date in Vietnam (UTC+07:00, no daylight saving), the date commands are decided on
// and queries default to.
thidua::domain::Date today() {
  const std::time_t now = std::time(nullptr) + 7 * 3600;
  std::tm local{};
  gmtime_r(&now, &local);
  return {local.tm_year + 1900, local.tm_mon + 1, local.tm_mday};
}

// The read side: the projections' documents in DATA/projections and the projector that keeps
// them (and the domain state) up to date, following the log on its own thread.
struct ReadSide {
  std::unique_ptr<thidua::projections::DocumentStore> documents;
  std::unique_ptr<thidua::projections::Projector> projector;
  thidua::domain::RuleBook rules = thidua::codec::load_standard_rule_book();
  // Decides commands against a copy of the projector's state (app/command_service.hpp).
  std::unique_ptr<thidua::app::CommandService> commands;
};

Result<std::unique_ptr<ReadSide>> start_read_side(thidua::EventStore& store, const fs::path& data,
                                                  bool keep_versions) {
  thidua::projections::DocumentStoreOptions stored;
  stored.keep_versions = keep_versions;
  auto documents = thidua::projections::DocumentStore::open(data / "projections", stored);
  if (!documents) return documents.status();
  auto side = std::make_unique<ReadSide>();
  side->documents = std::move(documents).value();
  side->projector = std::make_unique<thidua::projections::Projector>(store, *side->documents);
  log_event("info", "projections",
            {{"applied", side->documents->applied()}, {"log", store.head()}});
  side->projector->start();
  thidua::app::CommandServiceOptions options;
  options.today = [] { return today(); };
  options.now = [] { return utc_now(); };
  side->commands = std::make_unique<thidua::app::CommandService>(store, *side->projector,
                                                                 side->rules, std::move(options));
  side->commands->start();
  return side;
}

std::string bound_label(double bound) {
  std::ostringstream text;
  text << bound;
  return text.str();
}

// Writes a histogram family from non-cumulative buckets (the last one above every bound).
template <std::size_t N, std::size_t M>
void write_histogram(thidua::http::MetricWriter& w, const std::string& name, std::string_view help,
                     const std::array<double, N>& bounds,
                     const std::array<std::uint64_t, M>& buckets, double sum) {
  w.family(name, help, thidua::http::MetricType::kHistogram);
  std::uint64_t seen = 0;
  for (std::size_t i = 0; i < N; ++i) {
    seen += buckets[i];
    w.sample(name + "_bucket", {{"le", bound_label(bounds[i])}}, static_cast<double>(seen));
  }
  seen += buckets[N];
  w.sample(name + "_bucket", {{"le", "+Inf"}}, static_cast<double>(seen));
  w.sample(name + "_sum", {}, sum);
  w.sample(name + "_count", {}, static_cast<double>(seen));
}

// The store's, the commands' and the projections' figures, read at each scrape.
void add_service_metrics(thidua::http::Metrics& metrics, const thidua::RocksDbEventStore& store,
                         const ReadSide& read_side) {
  using thidua::http::MetricType;
  metrics.add_collector([&store, &read_side](thidua::http::MetricWriter& w) {
    const thidua::WriterStats s = store.writer_stats();
    w.family("thidua_appends_total", "Append requests written durably", MetricType::kCounter);
    w.sample("thidua_appends_total", {}, static_cast<double>(s.requests));
    w.family("thidua_appended_events_total", "Events written durably", MetricType::kCounter);
    w.sample("thidua_appended_events_total", {}, static_cast<double>(s.events));
    write_histogram(w, "thidua_group_commit_requests",
                    "Append requests per synced write (group commit)",
                    thidua::WriterStats::kGroupBounds, s.group_requests, s.group_requests_sum);
    write_histogram(w, "thidua_fsync_seconds", "Time of each synced write",
                    thidua::WriterStats::kSyncBounds, s.sync_seconds, s.sync_seconds_sum);
    w.family("thidua_log_events", "Events in the log (its head)", MetricType::kGauge);
    w.sample("thidua_log_events", {}, static_cast<double>(store.head()));
    const std::uint64_t applied = read_side.projector->applied();
    const std::uint64_t head = store.head();
    w.family("thidua_projection_lag_events", "Events in the log not yet in the projections",
             MetricType::kGauge);
    w.sample("thidua_projection_lag_events", {},
             static_cast<double>(head > applied ? head - applied : 0));
    auto checkpoint = store.latest_checkpoint();
    w.family("thidua_checkpoint_tree_size", "Tree size of the newest signed checkpoint",
             MetricType::kGauge);
    w.sample(
        "thidua_checkpoint_tree_size", {},
        checkpoint.is_ok() && *checkpoint ? static_cast<double>((*checkpoint)->tree_size) : 0.0);
    const thidua::app::CommandStats c = read_side.commands->stats();
    w.family("thidua_commands_total", "Command requests by outcome", MetricType::kCounter);
    w.sample("thidua_commands_total", {{"outcome", "accepted"}}, static_cast<double>(c.accepted));
    w.sample("thidua_commands_total", {{"outcome", "refused"}}, static_cast<double>(c.refused));
    w.sample("thidua_commands_total", {{"outcome", "replayed"}}, static_cast<double>(c.replayed));
    w.family("thidua_commands_ready", "1 while commands are taken", MetricType::kGauge);
    w.sample("thidua_commands_ready", {}, read_side.commands->ready() ? 1.0 : 0.0);
  });
}

// The as-of answers given from memory, from kept versions and folded from the log, and what
// the memory holds.
void add_answer_metrics(thidua::http::Metrics& metrics,
                        std::shared_ptr<const thidua::projections::AnswerCache> answers) {
  using thidua::http::MetricType;
  metrics.add_collector([answers](thidua::http::MetricWriter& w) {
    const thidua::projections::AnswerCache::Stats s = answers->stats();
    w.family("thidua_as_of_answers_total",
             "As-of answers given: from memory, read from a kept version, or folded from the log",
             MetricType::kCounter);
    w.sample("thidua_as_of_answers_total", {{"source", "memory"}},
             static_cast<double>(s.from_memory));
    w.sample("thidua_as_of_answers_total", {{"source", "version"}},
             static_cast<double>(s.from_versions));
    w.sample("thidua_as_of_answers_total", {{"source", "log"}}, static_cast<double>(s.folded));
    w.family("thidua_as_of_cache_bytes", "Memory taken by the as-of answers kept",
             MetricType::kGauge);
    w.sample("thidua_as_of_cache_bytes", {}, static_cast<double>(s.bytes));
  });
}

// Serves until SIGTERM or SIGINT, then stops the server; the caller closes the store.
int serve(thidua::http::ServerConfig config, thidua::RocksDbEventStore& store, const fs::path& data,
          const thidua::audit::Checkpointer& checkpointer, const ReadSide& read_side) {
  thidua::http::Metrics metrics;
  add_service_metrics(metrics, store, read_side);
  boost::asio::io_context signals_context;
  boost::asio::signal_set signals(signals_context, SIGINT, SIGTERM);
  thidua::http::Authenticator authenticator = make_authenticator(std::move(config.tokens));
  thidua::http::Router router;
  thidua::http::add_core_routes(router, store, &authenticator);
  thidua::http::add_audit_routes(router, store, checkpointer.verifier_key(),
                                 read_side.projector.get(), &authenticator);
  thidua::http::add_whoami_route(router, authenticator);
  thidua::http::add_command_routes(router, *read_side.commands, authenticator);
  thidua::http::add_openapi_routes(router);
  thidua::http::FeedOptions feed;
  feed.metrics = &metrics;
  thidua::http::add_feed_routes(router, store, authenticator, feed);
  thidua::http::add_metrics_route(router, metrics);
  config.server.metrics = &metrics;
  thidua::http::QueryContext queries{read_side.projector.get(), &store, &read_side.rules,
                                     [] { return today(); }, &authenticator};
  queries.answers = std::make_shared<thidua::projections::AnswerCache>(config.as_of_cache_bytes);
  add_answer_metrics(metrics, queries.answers);
  thidua::http::add_query_routes(router, std::move(queries));
  config.server.log = log_line;
  auto server = thidua::http::Server::start(std::move(config.server), std::move(router));
  if (!server) {
    log_event("error", server.status().to_string());
    return EXIT_FAILURE;
  }
  std::printf("thiduad listening on %s (data: %s)\n", url_of((*server)->local_endpoint()).c_str(),
              data.string().c_str());
  std::fflush(stdout);
  int received = 0;
  signals.async_wait([&](const boost::system::error_code&, int signal) { received = signal; });
  signals_context.run();
  log_event("info", "signal " + std::to_string(received) + ": stopping");
  (*server)->stop();
  // Answers of appends still in flight are posted to the server's (stopped) executors, where
  // they are dropped: wait for the appends while those executors still exist. The writes are
  // durable either way.
  read_side.commands->stop();
  return EXIT_SUCCESS;
}

// Stops the checkpointer's thread and signs a last checkpoint of everything written.
void stop_checkpointer(thidua::audit::Checkpointer& checkpointer) {
  checkpointer.stop();
  auto last = checkpointer.checkpoint_now();
  if (!last) log_event("error", "cannot sign the last checkpoint: " + last.status().to_string());
}

// Runs the server over the open store; the caller closes the store afterwards.
int run(thidua::http::ServerConfig config, thidua::RocksDbEventStore& store, const fs::path& data) {
  auto checkpointer = start_checkpointer(config, store, data);
  if (!checkpointer) {
    log_event("error", "cannot sign checkpoints: " + checkpointer.status().to_string());
    return EXIT_FAILURE;
  }
  auto read_side = start_read_side(store, data, config.as_of_versions);
  if (!read_side) {
    log_event("error", "cannot open the projections: " + read_side.status().to_string());
    stop_checkpointer(**checkpointer);
    return EXIT_FAILURE;
  }
  int status = serve(std::move(config), store, data, **checkpointer, **read_side);
  (*read_side)->commands->stop();
  (*read_side)->projector->stop();
  if (Status s = (*read_side)->projector->status(); !s.is_ok()) {
    log_event("error", "the projections stopped: " + s.to_string());
  }
  stop_checkpointer(**checkpointer);
  return status;
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
  auto store = open_store(args->data);
  if (!store) {
    log_event("error", "cannot open the store: " + store.status().to_string());
    return EXIT_FAILURE;
  }
  int status = run(std::move(*config), **store, args->data);
  // The server and the checkpointer have stopped, so nothing can start a write now; close()
  // finishes the queued ones and syncs before the process exits.
  (*store)->close();
  log_event("info", "stopped");
  return status;
}
