#include "bench_postgres.hpp"

#include <arpa/inet.h>
#include <fcntl.h>
#include <grp.h>
#include <libpq-fe.h>
#include <netinet/in.h>
#include <pwd.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <mutex>
#include <sstream>
#include <thread>

#include "args.hpp"
#include "bench_http.hpp"
#include "thidua/util/status.hpp"
#include "thidua/util/uuid.hpp"

namespace thidua::cli {
namespace {

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

constexpr char kUsage[] =
    "usage: thidua-bench postgres [--connections C] [--requests N] [--batch K] [--keep]\n"
    "                             [--tcp] [--bin DIR]\n"
    "Starts a PostgreSQL server of its own in a fresh temporary directory (fsync,\n"
    "synchronous_commit and full_page_writes on, as by default), creates an events table\n"
    "(position identity primary key, stream, version, type, data jsonb, recorded_at,\n"
    "UNIQUE (stream, version)) and runs the workload of `thidua-bench http`: N requests from C\n"
    "connections (default C 16, N 20000), each one committed transaction inserting K events\n"
    "(default 1), the stream versions checked by the unique constraint. Prints the figures of\n"
    "`thidua-bench http` and a line starting \"result append_postgres\", then stops the server\n"
    "and deletes its directory (--keep: leaves both, and says how to reach and stop them).\n"
    "--tcp: connect over 127.0.0.1 instead of the server's Unix socket. --bin: the server's\n"
    "binaries (default: the newest /usr/lib/postgresql/<version>/bin). Run as root, the\n"
    "server runs as the user postgres, or nobody when there is none.\n";

struct Options {
  std::uint64_t connections = 16;
  std::uint64_t requests = 20000;
  std::uint64_t batch = 1;
  bool keep = false;
  bool tcp = false;
  std::string bin;
};

// The server and its directory, shared with the thread that waits for signals: whichever ends
// first (the run, or a signal) stops the server and removes the directory, once.
struct Server {
  std::mutex mu;
  fs::path dir;
  pid_t pid = -1;
  bool keep = false;
  unsigned port = 0;

  void cleanup() {
    std::lock_guard<std::mutex> lock(mu);
    if (keep) return;
    if (pid > 0) {
      kill(pid, SIGINT);  // fast shutdown: ends the sessions, writes a checkpoint
      int status = 0;
      bool gone = false;
      for (int i = 0; i < 600 && !gone; ++i) {
        gone = waitpid(pid, &status, WNOHANG) == pid;
        if (!gone) std::this_thread::sleep_for(std::chrono::milliseconds(50));
      }
      if (!gone) {
        kill(-pid, SIGKILL);
        waitpid(pid, &status, 0);
      }
      pid = -1;
    }
    if (!dir.empty()) {
      std::error_code ec;
      fs::remove_all(dir, ec);
      dir.clear();
    }
  }
};

Server g_server;

// Who runs PostgreSQL's programs: this process's user, or an unprivileged one when it is root.
struct RunAs {
  bool drop = false;
  uid_t uid = 0;
  gid_t gid = 0;
  std::string name;
};

Result<RunAs> choose_user() {
  RunAs as;
  if (geteuid() != 0) return as;
  for (const char* name : {"postgres", "nobody"}) {
    if (const passwd* pw = getpwnam(name); pw != nullptr) {
      return RunAs{true, pw->pw_uid, pw->pw_gid, name};
    }
  }
  return Status::unavailable("run as root and no user postgres or nobody to run PostgreSQL as");
}

// Starts argv as `as`, in `cwd`, its output appended to `log`, in a process group of its own
// (so that a terminal's Ctrl-C reaches only this process, which then stops the server).
// `tied`: the child gets SIGINT when this thread ends. Only async-signal-safe calls after fork.
pid_t spawn(const std::vector<std::string>& argv, const RunAs& as, const fs::path& cwd,
            const fs::path& log, bool tied) {
  std::vector<char*> args;
  for (const auto& a : argv) args.push_back(const_cast<char*>(a.c_str()));
  args.push_back(nullptr);
  const std::string cwd_s = cwd.string(), log_s = log.string();
  pid_t pid = fork();
  if (pid != 0) return pid;
  sigset_t all;
  sigemptyset(&all);
  sigprocmask(SIG_SETMASK, &all, nullptr);
  setpgid(0, 0);
  if (as.drop && (setgroups(0, nullptr) != 0 || setgid(as.gid) != 0 || setuid(as.uid) != 0)) {
    _exit(126);
  }
  if (tied) prctl(PR_SET_PDEATHSIG, SIGINT);
  int fd = open(log_s.c_str(), O_WRONLY | O_CREAT | O_APPEND, 0600);
  int null_fd = open("/dev/null", O_RDONLY);
  if (fd < 0 || null_fd < 0 || chdir(cwd_s.c_str()) != 0) _exit(126);
  dup2(null_fd, 0);
  dup2(fd, 1);
  dup2(fd, 2);
  execv(args[0], args.data());
  _exit(127);
}

std::string tail_of(const fs::path& file) {
  std::ifstream in(file);
  std::stringstream all;
  all << in.rdbuf();
  std::string text = all.str();
  return text.size() > 2000 ? text.substr(text.size() - 2000) : text;
}

Result<fs::path> find_bin(const std::string& given) {
  if (!given.empty()) return fs::path(given);
  fs::path best;
  int best_version = -1;
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator("/usr/lib/postgresql", ec)) {
    int version = std::atoi(entry.path().filename().c_str());
    if (version > best_version && fs::exists(entry.path() / "bin" / "postgres")) {
      best_version = version;
      best = entry.path() / "bin";
    }
  }
  if (best_version < 0) {
    return Status::not_found("no /usr/lib/postgresql/<version>/bin/postgres (install postgresql)");
  }
  return best;
}

unsigned free_port() {
  int fd = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  socklen_t len = sizeof addr;
  unsigned port = 0;
  if (fd >= 0 && bind(fd, reinterpret_cast<sockaddr*>(&addr), len) == 0 &&
      getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len) == 0) {
    port = ntohs(addr.sin_port);
  }
  if (fd >= 0) close(fd);
  return port;
}

std::string conninfo(const Options& o) {
  return "host=" + (o.tcp ? std::string("127.0.0.1") : g_server.dir.string()) +
         " port=" + std::to_string(g_server.port) + " user=thidua dbname=postgres";
}

// initdb, then the server, then waits until it takes connections.
Status start_server(const Options& o, const fs::path& bin, const RunAs& as) {
  std::string path = (fs::temp_directory_path() / "thidua-pg-XXXXXX").string();
  if (mkdtemp(path.data()) == nullptr) return Status::io_error("mkdtemp " + path + " failed");
  {
    std::lock_guard<std::mutex> lock(g_server.mu);
    g_server.dir = path;
    g_server.keep = o.keep;
  }
  const fs::path dir = path;
  if (as.drop && chown(path.c_str(), as.uid, as.gid) != 0) {
    return Status::io_error("cannot give " + path + " to " + as.name);
  }
  pid_t init = spawn({(bin / "initdb").string(), "-D", (dir / "data").string(), "-U", "thidua",
                      "--auth=trust", "-E", "UTF8", "--locale=C"},
                     as, dir, dir / "initdb.log", true);
  int status = 0;
  if (init < 0 || waitpid(init, &status, 0) != init || !WIFEXITED(status) ||
      WEXITSTATUS(status) != 0) {
    return Status::io_error("initdb failed:\n" + tail_of(dir / "initdb.log"));
  }
  g_server.port = free_port();
  const std::string connections = std::to_string(std::max<std::uint64_t>(100, o.connections + 10));
  pid_t pid = spawn({(bin / "postgres").string(), "-D", (dir / "data").string(), "-p",
                     std::to_string(g_server.port), "-k", dir.string(), "-c",
                     o.tcp ? "listen_addresses=127.0.0.1" : "listen_addresses=", "-c", "fsync=on",
                     "-c", "synchronous_commit=on", "-c", "full_page_writes=on", "-c",
                     "max_connections=" + connections},
                    as, dir, dir / "postgres.log", !o.keep);
  if (pid < 0) return Status::io_error("cannot start postgres");
  {
    std::lock_guard<std::mutex> lock(g_server.mu);
    g_server.pid = pid;
  }
  const std::string info = conninfo(o);
  for (int i = 0; i < 1200; ++i) {
    if (PQping(info.c_str()) == PQPING_OK) return Status::ok();
    if (waitpid(pid, &status, WNOHANG) == pid) {
      std::lock_guard<std::mutex> lock(g_server.mu);
      g_server.pid = -1;
      return Status::io_error("postgres exited:\n" + tail_of(dir / "postgres.log"));
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  return Status::unavailable("postgres did not take connections within 60 s:\n" +
                             tail_of(dir / "postgres.log"));
}

// Runs `sql` (no parameters); the error message when it fails.
Status exec(PGconn* conn, const std::string& sql, std::string* first_value = nullptr) {
  PGresult* res = PQexec(conn, sql.c_str());
  ExecStatusType st = PQresultStatus(res);
  Status out = Status::ok();
  if (st != PGRES_COMMAND_OK && st != PGRES_TUPLES_OK) {
    out = Status::io_error(sql.substr(0, 60) + ": " + PQerrorMessage(conn));
  } else if (first_value != nullptr && PQntuples(res) > 0) {
    *first_value = PQgetvalue(res, 0, 0);
  }
  PQclear(res);
  return out;
}

constexpr char kCreateTable[] =
    "CREATE TABLE events ("
    " position bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,"
    " stream text NOT NULL,"
    " version bigint NOT NULL,"
    " type text NOT NULL,"
    " data jsonb NOT NULL,"
    " recorded_at timestamptz NOT NULL DEFAULT now(),"
    " UNIQUE (stream, version))";

std::string insert_sql(std::uint64_t k) {
  std::string sql = "INSERT INTO events (stream, version, type, data) VALUES ";
  for (std::uint64_t i = 0; i < k; ++i) {
    std::string p = std::to_string(4 * i + 1);
    if (i != 0) sql += ",";
    sql += "($" + p + ",$" + std::to_string(4 * i + 2) + ",$" + std::to_string(4 * i + 3) + ",$" +
           std::to_string(4 * i + 4) + "::jsonb)";
  }
  return sql + " RETURNING position";
}

std::string utc_now() {
  auto now = std::chrono::system_clock::now();
  std::time_t secs = std::chrono::system_clock::to_time_t(now);
  auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(now.time_since_epoch()) % 1000;
  std::tm tm{};
  gmtime_r(&secs, &tm);
  char buf[80];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ", tm.tm_year + 1900,
                tm.tm_mon + 1, tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec,
                static_cast<int>(ms.count()));
  return buf;
}

constexpr char kType[] = "vn.thidua.organization_registered.v1";

// The stored event as thiduad stores it (a CloudEvents object with the command's body as its
// data), less the position and stream version, which are columns here: the same bytes per
// event in the jsonb column as in our log.
std::string stored_event(const BenchOrganization& org, const std::string& time) {
  return R"({"specversion":"1.0","id":")" + new_uuid() + R"(","source":"/thidua","type":")" +
         kType + R"(","subject":"organization/)" + org.id + R"(","time":")" + time +
         R"(","datacontenttype":"application/json","dataschema":)"
         R"("https://schemas.thidua.vn/events/OrganizationRegistered.v1.json",)"
         R"("actor":"admin","actorrole":"admin","correlationid":")" +
         new_uuid() + R"(","causationid":")" + new_uuid() + R"(","data":)" +
         registration_body(org) + "}";
}

// One connection's share of the run: requests taken from `next` until N are taken.
void load(PGconn* conn, const Options& o, const std::string& tag, std::atomic<std::uint64_t>& next,
          LoadTally& tally) {
  std::vector<std::string> values(4 * o.batch);
  std::vector<const char*> params(4 * o.batch);
  for (std::uint64_t r = next.fetch_add(1); r < o.requests; r = next.fetch_add(1)) {
    // The event is built as the request is, inside the timed part (as a request body is).
    auto t0 = Clock::now();
    const std::string time = utc_now();
    for (std::uint64_t i = 0; i < o.batch; ++i) {
      BenchOrganization org = bench_organization(r * o.batch + i, tag);
      values[4 * i] = "organization/" + org.id;
      values[4 * i + 1] = "0";  // a new stream: its first version, or a unique violation
      values[4 * i + 2] = kType;
      values[4 * i + 3] = stored_event(org, time);
    }
    for (std::size_t i = 0; i < values.size(); ++i) params[i] = values[i].c_str();
    PGresult* res = PQexecPrepared(conn, "append", static_cast<int>(params.size()), params.data(),
                                   nullptr, nullptr, 0);
    tally.latencies_us.push_back(
        std::chrono::duration<double, std::micro>(Clock::now() - t0).count());
    if (PQresultStatus(res) == PGRES_TUPLES_OK) {
      ++tally.succeeded;
    } else {
      const char* state = PQresultErrorField(res, PG_DIAG_SQLSTATE);
      tally.fail(state != nullptr ? std::string("sqlstate-") + state : "connection",
                 PQerrorMessage(conn));
      if (PQstatus(conn) == CONNECTION_BAD) PQreset(conn);
    }
    PQclear(res);
  }
}

// CPU seconds used so far by the server: the postmaster and its live children.
double server_cpu_seconds(pid_t postmaster) {
  const double tick = static_cast<double>(sysconf(_SC_CLK_TCK));
  double total = 0;
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator("/proc", ec)) {
    std::ifstream in(entry.path() / "stat");
    std::string line;
    if (!std::getline(in, line)) continue;
    std::size_t close = line.rfind(')');
    if (close == std::string::npos) continue;
    std::istringstream fields(line.substr(close + 2));
    std::string state;
    long ppid = 0;
    fields >> state >> ppid;
    long pid = std::atol(entry.path().filename().c_str());
    if (pid != postmaster && ppid != postmaster) continue;
    std::string skip;
    for (int i = 0; i < 9; ++i) fields >> skip;  // pgrp .. cmajflt
    double utime = 0, stime = 0;
    fields >> utime >> stime;
    total += (utime + stime) / tick;
  }
  return total;
}

// Opens the C connections, prepares the insert on each, runs the load and prints the report.
Status run_load(const Options& o) {
  const std::string info = conninfo(o);
  std::vector<PGconn*> conns;
  struct Closer {
    std::vector<PGconn*>& c;
    ~Closer() {
      for (PGconn* p : c) PQfinish(p);
    }
  } closer{conns};
  PGconn* admin = PQconnectdb(info.c_str());
  conns.push_back(admin);
  if (PQstatus(admin) != CONNECTION_OK) return Status::io_error(PQerrorMessage(admin));
  std::string version, settings;
  Status s = exec(admin, kCreateTable);
  if (s.is_ok()) s = exec(admin, "SHOW server_version", &version);
  if (s.is_ok()) {
    s = exec(admin,
             "SELECT string_agg(name || '=' || current_setting(name), ', ' ORDER BY name)"
             " FROM pg_settings WHERE name IN ('fsync', 'synchronous_commit', 'full_page_writes',"
             " 'wal_sync_method', 'shared_buffers', 'wal_buffers', 'max_wal_size',"
             " 'commit_delay')",
             &settings);
  }
  if (!s.is_ok()) return s;
  const std::string sql = insert_sql(o.batch);
  for (std::uint64_t i = 0; i < o.connections; ++i) {
    PGconn* c = PQconnectdb(info.c_str());
    conns.push_back(c);
    if (PQstatus(c) != CONNECTION_OK) return Status::io_error(PQerrorMessage(c));
    PGresult* res = PQprepare(c, "append", sql.c_str(), 0, nullptr);
    bool prepared = PQresultStatus(res) == PGRES_COMMAND_OK;
    PQclear(res);
    if (!prepared) return Status::io_error(std::string("prepare: ") + PQerrorMessage(c));
  }
  std::printf(
      "bench postgres: PostgreSQL %s (%s), %s, %llu connections (a thread each),\n"
      "  %llu requests, each a transaction inserting %llu event(s) "
      "(RegisterOrganization)\n  %s\n",
      version.c_str(), g_server.dir.c_str(), o.tcp ? "TCP 127.0.0.1" : "Unix socket",
      static_cast<unsigned long long>(o.connections), static_cast<unsigned long long>(o.requests),
      static_cast<unsigned long long>(o.batch), settings.c_str());
  std::fflush(stdout);
  const std::string tag = bench_tag();
  std::vector<LoadTally> tallies(o.connections);
  std::atomic<std::uint64_t> next{0};
  const double server0 = server_cpu_seconds(g_server.pid), cpu0 = process_cpu_seconds();
  auto start = Clock::now();
  std::vector<std::thread> threads;
  for (std::uint64_t i = 0; i < o.connections; ++i) {
    threads.emplace_back([&, i] { load(conns[i + 1], o, tag, next, tallies[i]); });
  }
  for (auto& t : threads) t.join();
  const double seconds = std::chrono::duration<double>(Clock::now() - start).count();
  const double cpu = process_cpu_seconds() - cpu0;
  const double server = server_cpu_seconds(g_server.pid) - server0;
  for (std::size_t i = 1; i < tallies.size(); ++i) tallies[0].merge(std::move(tallies[i]));
  std::printf("  server CPU: %.2f s, %.0f%% of one core (postmaster and its processes)\n", server,
              100 * server / seconds);
  print_load_report({"append_postgres", o.connections, o.requests, o.batch}, tallies[0], seconds,
                    cpu);
  return tallies[0].failures.empty() ? Status::ok() : Status::io_error("some requests failed");
}

// Waits for a stop signal (blocked in every other thread), stops the server and exits.
void watch_signals(sigset_t signals) {
  int sig = 0;
  if (sigwait(&signals, &sig) != 0) return;
  std::fprintf(stderr, "thidua-bench postgres: signal %d, stopping the server\n", sig);
  g_server.cleanup();
  _exit(128 + sig);
}

int run(const Options& o) {
  auto bin = find_bin(o.bin);
  if (!bin) return complain("bench postgres: " + bin.status().message(), 1);
  auto as = choose_user();
  if (!as) return complain("bench postgres: " + as.status().message(), 1);
  sigset_t signals;
  sigemptyset(&signals);
  for (int sig : {SIGINT, SIGTERM, SIGHUP}) sigaddset(&signals, sig);
  pthread_sigmask(SIG_BLOCK, &signals, nullptr);
  std::thread(watch_signals, signals).detach();
  Status s = start_server(o, *bin, *as);
  if (s.is_ok()) s = run_load(o);
  if (!s.is_ok()) std::cerr << "thidua-bench postgres: " << s.message() << "\n";
  if (o.keep && g_server.pid > 0) {
    std::printf(
        "kept: psql -h %s -p %u -U thidua postgres; stop with kill -INT %d, then rm -r %s\n",
        g_server.dir.c_str(), g_server.port, static_cast<int>(g_server.pid), g_server.dir.c_str());
  }
  g_server.cleanup();
  return s.is_ok() ? 0 : 1;
}

}  // namespace

int bench_postgres(const std::vector<std::string>& args) {
  Options o;
  if (asked_for_help(args, kUsage)) return 0;
  ArgParser p(args, kUsage);
  while (p.more()) {
    if (p.take_uint("--connections", o.connections, 1) ||
        p.take_uint("--requests", o.requests, 1) || p.take_uint("--batch", o.batch, 1) ||
        p.take_string("--bin", o.bin)) {
      continue;
    }
    if (p.take_flag("--keep")) {
      o.keep = true;
      continue;
    }
    if (p.take_flag("--tcp")) {
      o.tcp = true;
      continue;
    }
    return p.fail();
  }
  if (p.failed()) return 2;
  if (o.batch > 1000) return complain("--batch is at most 1000, as for thidua-bench http", 2);
  if (o.connections > 1000) return complain("--connections is at most 1000", 2);
  return run(o);
}

}  // namespace thidua::cli
