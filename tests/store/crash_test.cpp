// Kills a process that appends under load with SIGKILL at random moments, many times, and
// checks after each reopen that every acknowledged event is there, that positions and stream
// versions are gapless, that nothing half-written is visible, that the Merkle tree still
// matches the log, and that the newest signed checkpoint is consistent with the one before.
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <chrono>
#include <condition_variable>
#include <cstdlib>
#include <map>
#include <mutex>
#include <random>
#include <sstream>
#include <thread>

#include "events.hpp"
#include "store_fixtures.hpp"
#include "thidua/audit/checkpoint.hpp"
#include "thidua/audit/log_verifier.hpp"
#include "thidua/audit/proofs.hpp"
#include "thidua/audit/signer_file.hpp"

using namespace thidua;
using namespace thidua::testing;

namespace {

struct Ack {
  std::uint64_t position;
  std::string id;
};

// Starts the child, waits until it has acknowledged its first append (so the kill lands under
// load however slow the machine is), lets it run for `run_for` more, then SIGKILLs it; returns
// every acknowledgement it printed.
std::vector<Ack> run_and_kill(const std::filesystem::path& dir, std::chrono::milliseconds run_for) {
  int out[2];
  REQUIRE(::pipe(out) == 0);
  pid_t pid = ::fork();
  REQUIRE(pid >= 0);
  if (pid == 0) {
    ::dup2(out[1], STDOUT_FILENO);
    ::close(out[0]);
    ::close(out[1]);
    ::execl(CRASH_CHILD_PATH, CRASH_CHILD_PATH, dir.c_str(), static_cast<char*>(nullptr));
    std::_Exit(127);
  }
  ::close(out[1]);
  std::string text;
  std::mutex mu;
  std::condition_variable first_output;
  bool closed = false;
  std::thread reader([&] {
    char buf[65536];
    ssize_t n;
    while ((n = ::read(out[0], buf, sizeof(buf))) > 0) {
      std::lock_guard lock(mu);
      text.append(buf, static_cast<std::size_t>(n));
      first_output.notify_all();
    }
    std::lock_guard lock(mu);
    closed = true;
    first_output.notify_all();
  });
  {
    std::unique_lock lock(mu);
    // Generous: under sanitizers on a busy machine opening the store can take seconds.
    first_output.wait_for(lock, std::chrono::seconds(60),
                          [&] { return closed || text.find('\n') != std::string::npos; });
  }
  std::this_thread::sleep_for(run_for);
  ::kill(pid, SIGKILL);
  int status = 0;
  ::waitpid(pid, &status, 0);
  reader.join();
  ::close(out[0]);
  REQUIRE(WIFSIGNALED(status));  // it was still appending, not dead of its own accord
  std::vector<Ack> acks;
  std::istringstream lines(text);
  std::string word;
  Ack a;
  while (lines >> word >> a.position >> a.id) {
    if (word != "ack") FAIL("unexpected output from the child: " << word);
    acks.push_back(a);
  }
  return acks;
}

// Every acknowledged event is present at the position it was acknowledged with; positions and
// stream versions are gapless; every record from `parse_from` on parses and agrees with its
// index entries (older records were parsed in earlier rounds, and verify_log proves their bytes
// unchanged). One scan serves all checks, and they are plain ifs: Catch's per-assertion cost
// would dominate otherwise.
void check_log(EventStore& store, const std::vector<Ack>& acks, std::uint64_t parse_from) {
  const std::uint64_t head = store.head();
  std::vector<std::string> ids;
  ids.reserve(head);
  std::map<std::string, std::uint64_t> versions;
  for (std::uint64_t from = 0; from < head;) {
    auto batch = store.read_all(from, 5000);
    REQUIRE(batch.is_ok());
    REQUIRE(!batch->events.empty());
    for (const RecordedEvent& e : batch->events) {
      if (e.position != from++ || e.stream_version != versions[e.subject]++) {
        FAIL("log damaged at position " << e.position << ": " << e.bytes);
      }
      if (e.position >= parse_from) {
        auto doc = nlohmann::json::parse(e.bytes);  // throws on a torn record
        if (doc["sequence"] != e.position || doc["id"] != e.id ||
            doc["streamversion"] != e.stream_version || doc["subject"] != e.subject) {
          FAIL("record at position " << e.position << " disagrees with its index: " << e.bytes);
        }
      }
      ids.push_back(e.id);
    }
  }
  for (const Ack& a : acks) {
    if (a.position >= head || ids[a.position] != a.id) {
      FAIL("acknowledged event at " << a.position << " (" << a.id << ") is missing; head " << head);
    }
  }
  for (const auto& [subject, count] : versions) {
    auto head_version = store.stream_head(subject);
    REQUIRE(head_version.is_ok());
    REQUIRE(head_version->value() == count - 1);
  }
  INFO("checked " << head << " events, " << acks.size() << " acknowledged");
}

// The whole log verifies (tree, indexes, signed checkpoints), and the newest checkpoint is
// provably consistent with the one before it.
void check_tree_and_checkpoints(const EventStore& store, const std::filesystem::path& dir) {
  auto signer = audit::load_or_create_signer(dir / "checkpoint.key", "thidua.test/crash");
  REQUIRE(signer.is_ok());
  auto key = audit::NoteVerifier::parse(signer->verifier_key());
  REQUIRE(key.is_ok());
  auto report = audit::verify_log(store, *key, {"thidua.test/crash", {}});
  REQUIRE(report.is_ok());
  if (!report->ok) FAIL("verify: " << report->problem);
  auto all = store.checkpoints(0, SIZE_MAX);
  REQUIRE(all.is_ok());
  if (all->size() < 2) return;
  auto open = [&](const StoredCheckpoint& c) {
    return audit::Checkpoint::parse(audit::open_note(c.note, *key).value()).value();
  };
  audit::Checkpoint older = open((*all)[all->size() - 2]), newer = open(all->back());
  if (older.size == 0) return;
  auto proof = audit::prove_consistency(store, older.size, newer.size);
  REQUIRE(proof.is_ok());
  CHECK(merkle::verify_consistency(older.size, newer.size, older.root, newer.root, proof->hashes));
}

}  // namespace

TEST_CASE("acknowledged events survive SIGKILL under load", "[crash]") {
  TempDir dir{"thidua-crash"};
  const char* env_rounds = std::getenv("THIDUA_CRASH_ROUNDS");
  const int rounds = env_rounds ? std::atoi(env_rounds) : 20;
  std::mt19937 rng(std::random_device{}());
  std::uniform_int_distribution<int> delay_ms(0, 250);
  std::vector<Ack> all_acks;
  std::uint64_t parsed_upto = 0;
  for (int round = 0; round < rounds; ++round) {
    INFO("round " << round);
    std::vector<Ack> acks = run_and_kill(dir.path(), std::chrono::milliseconds(delay_ms(rng)));
    // The child was appending when killed: it had acknowledged before the kill.
    CHECK(!acks.empty());
    all_acks.insert(all_acks.end(), acks.begin(), acks.end());
    auto store = open_rocksdb(dir.path());
    check_log(*store, all_acks, parsed_upto);
    check_tree_and_checkpoints(*store, dir.path());
    // The log goes on where it stopped.
    std::uint64_t head = store->head();
    parsed_upto = head;
    auto next = store->append(one_event("organization/after-crash"));
    REQUIRE(next.is_ok());
    CHECK(next->events[0].position == head);
    all_acks.push_back({next->events[0].position, next->events[0].id});
  }
}
