// The thidua executable's verify command, run as a user would, on a store written by the real
// store and damaged with RocksDB's own ldb tool.
#include <signal.h>

#include <catch2/catch.hpp>

#include <cstdlib>
#include <fstream>

#include "daemon.hpp"
#include "events.hpp"
#include "process.hpp"
#include "temp_dir.hpp"
#include "thidua/audit/checkpointer.hpp"
#include "thidua/audit/signer_file.hpp"
#include "thidua/store/rocksdb_event_store.hpp"
#include "thidua/util/sha256.hpp"

using namespace thidua;
using namespace thidua::testing;

namespace {

constexpr char kOrigin[] = "thidua.test/cli";

// A store of 20 events with checkpoints at 8 and 20, its key in DIR/checkpoint.key.
void make_log(const std::filesystem::path& dir) {
  auto store = RocksDbEventStore::open(dir);
  REQUIRE(store.is_ok());
  auto signer = audit::load_or_create_signer(dir / "checkpoint.key", kOrigin);
  REQUIRE(signer.is_ok());
  audit::Checkpointer checkpointer(**store, *signer, kOrigin);
  for (int i = 0; i < 20; ++i) {
    REQUIRE((*store)->append(one_event("organization/org-" + std::to_string(i % 3))).is_ok());
    if (i == 7 || i == 19) REQUIRE(checkpointer.checkpoint_now().is_ok());
  }
}

CommandResult run_thidua(std::vector<std::string> args) {
  args.insert(args.begin(), THIDUA_PATH);
  return run_command(args);
}

std::string hex_key(std::uint64_t position) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "0x%016llx", static_cast<unsigned long long>(position));
  return buf;
}

}  // namespace

TEST_CASE("thidua verify --data passes on an intact store", "[cli]") {
  TempDir dir;
  make_log(dir.path());
  CommandResult r = run_thidua({"verify", "--data", dir.path().string()});
  INFO(r.output);
  CHECK(r.exit_code == 0);
  CHECK_THAT(r.output, Catch::Contains("ok: 20 events and 2 signed checkpoints verified"));
}

TEST_CASE("thidua verify --data catches an event rewritten with ldb", "[cli]") {
  TempDir dir;
  make_log(dir.path());
  CommandResult before = run_thidua({"verify", "--data", dir.path().string()});
  REQUIRE(before.exit_code == 0);
  // Read event 7's bytes with ldb, change the actor, write them back with ldb.
  CommandResult got = run_command({"ldb", "--db=" + dir.path().string(), "--column_family=events",
                                   "--key_hex", "--value_hex", "get", hex_key(7)});
  INFO(got.output);
  REQUIRE(got.exit_code == 0);
  std::string value_hex = got.output.substr(got.output.find("0x") + 2);
  while (!value_hex.empty() && (value_hex.back() == '\n' || value_hex.back() == '\r')) {
    value_hex.pop_back();
  }
  const std::string tester_hex = to_hex(std::string_view("tester"));
  const std::string faker_hex = to_hex(std::string_view("faker!"));
  std::size_t at = 0;
  for (char& c : value_hex) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  REQUIRE((at = value_hex.find(tester_hex)) != std::string::npos);
  value_hex.replace(at, tester_hex.size(), faker_hex);
  CommandResult put =
      run_command({"ldb", "--db=" + dir.path().string(), "--column_family=events", "--key_hex",
                   "--value_hex", "put", hex_key(7), "0x" + value_hex});
  INFO(put.output);
  REQUIRE(put.exit_code == 0);

  CommandResult r = run_thidua({"verify", "--data", dir.path().string()});
  INFO(r.output);
  CHECK(r.exit_code == 1);
  CHECK_THAT(r.output, Catch::Contains("FAILED: position 7: the event's bytes do not match"));
}

TEST_CASE("thidua verify --data refuses checkpoints under another key", "[cli]") {
  TempDir dir;
  make_log(dir.path());
  auto other = audit::Ed25519Signer::generate(kOrigin);
  REQUIRE(other.is_ok());
  CommandResult r =
      run_thidua({"verify", "--data", dir.path().string(), "--key", other->verifier_key()});
  INFO(r.output);
  CHECK(r.exit_code == 1);
  CHECK_THAT(r.output, Catch::Contains("checkpoint of size 8"));
}

TEST_CASE("thidua verify explains its usage", "[cli]") {
  CHECK(run_thidua({"verify"}).exit_code == 2);
  CHECK(run_thidua({"verify", "--data"}).exit_code == 2);
  CHECK(run_thidua({"verify", "--data", "a", "--url", "http://x"}).exit_code == 2);
  CHECK(run_thidua({"verify", "--bogus", "x"}).exit_code == 2);
  CHECK(run_thidua({"verify", "--help"}).exit_code == 0);
  CHECK(run_thidua({"frobnicate"}).exit_code == 2);
  TempDir empty;
  CommandResult missing = run_thidua({"verify", "--data", (empty.path() / "none").string()});
  CHECK(missing.exit_code != 0);
}

namespace {

constexpr const char* kAuditorToken = "auditor-token-for-verify";
constexpr const char* kIntegratorToken = "integrator-token-for-verify";

// thiduad over `data`, with the test's origin so that it uses the log's existing key.
struct Server {
  TempDir scratch{"thidua-cli-server"};
  std::unique_ptr<Daemon> daemon;
  std::string url;

  explicit Server(const std::filesystem::path& data) {
    // An auditor's token, which `thidua verify --url` sends from THIDUA_TOKEN.
    std::ofstream(scratch.path() / "config.json")
        << R"({"origin": ")" << kOrigin << R"(", "tokens": [{"sha256": ")"
        << to_hex(sha256(kAuditorToken)) << R"(", "role": "auditor"}, {"sha256": ")"
        << to_hex(sha256(kIntegratorToken)) << R"(", "role": "integrator"}]})";
    setenv("THIDUA_TOKEN", kAuditorToken, 1);
    daemon = std::make_unique<Daemon>(
        THIDUAD_PATH,
        std::vector<std::string>{"--data", data.string(), "--listen", "127.0.0.1:0", "--config",
                                 (scratch.path() / "config.json").string()},
        scratch.path() / "stderr");
    url = "http://127.0.0.1:" + std::to_string(daemon->wait_listening());
  }
  ~Server() {
    daemon->signal(SIGTERM);
    daemon->wait_exit(std::chrono::seconds(10));
  }
};

void append_events(const std::filesystem::path& dir, int n, const std::string& stream) {
  auto store = RocksDbEventStore::open(dir);
  REQUIRE(store.is_ok());
  for (int i = 0; i < n; ++i) REQUIRE((*store)->append(one_event(stream)).is_ok());
}

}  // namespace

TEST_CASE("thidua verify --url follows a server and catches rewritten history", "[cli]") {
  TempDir dir;
  make_log(dir.path());
  const std::string saved = (dir.path() / "saved-checkpoint").string();
  {
    Server server(dir.path());
    CommandResult first = run_thidua({"verify", "--url", server.url, "--since", saved});
    INFO(first.output);
    CHECK(first.exit_code == 0);
    CHECK_THAT(first.output, Catch::Contains("checkpoint thidua.test/cli size 20 verified"));
    CHECK(std::filesystem::exists(saved));
  }
  append_events(dir.path(), 10, "person/p-1");
  {
    Server server(dir.path());  // signs a checkpoint of the 30 events at start
    CommandResult second = run_thidua({"verify", "--url", server.url, "--since", saved});
    INFO(second.output);
    CHECK(second.exit_code == 0);
    CHECK_THAT(second.output, Catch::Contains("size 30 verified against the feed, consistent "
                                              "with the saved size 20"));
    auto other = audit::Ed25519Signer::generate(kOrigin);
    CommandResult wrong_key =
        run_thidua({"verify", "--url", server.url, "--key", other->verifier_key()});
    CHECK(wrong_key.exit_code == 1);
  }
  // Someone holding the key rebuilds the log with a different history, and a longer one.
  TempDir forged;
  std::filesystem::copy_file(dir.path() / "checkpoint.key", forged.path() / "checkpoint.key");
  std::filesystem::permissions(
      forged.path() / "checkpoint.key",
      std::filesystem::perms::owner_read | std::filesystem::perms::owner_write);
  append_events(forged.path(), 40, "decision/qd-1");
  {
    Server server(forged.path());
    CommandResult caught = run_thidua({"verify", "--url", server.url, "--since", saved});
    INFO(caught.output);
    CHECK(caught.exit_code == 1);
    CHECK_THAT(caught.output, Catch::Contains("history was rewritten: the first 30 events"));
  }
}

TEST_CASE("thidua verify --url verifies a feed whose personal events are withheld from its token",
          "[cli]") {
  TempDir dir;
  make_log(dir.path());
  append_events(dir.path(), 3, "discipline/p-1");
  append_events(dir.path(), 2, "hold/h-1");
  append_events(dir.path(), 1, "organization/org-1");
  Server server(dir.path());  // signs a checkpoint of the 26 events at start
  CommandResult whole = run_thidua({"verify", "--url", server.url});
  INFO(whole.output);
  CHECK(whole.exit_code == 0);
  CHECK_THAT(whole.output, !Catch::Contains("withheld"));
  setenv("THIDUA_TOKEN", kIntegratorToken, 1);
  CommandResult withheld = run_thidua({"verify", "--url", server.url});
  INFO(withheld.output);
  CHECK(withheld.exit_code == 0);
  CHECK_THAT(withheld.output,
             Catch::Contains("size 26 verified against the feed; 5 personal events withheld"));
}
