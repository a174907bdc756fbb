// Appends to a RocksDB store from many threads until killed, printing each acknowledged event
// as "ack <position> <id>" on one line, written with a single write(2) so a kill never leaves
// half a line claimed, and signs checkpoints every 15 ms. Used by crash_test.cpp; not a tool
// for people.
#include <unistd.h>

#include <atomic>
#include <cstdio>
#include <cstring>
#include <string>
#include <thread>
#include <vector>

#include "thidua/audit/checkpointer.hpp"
#include "thidua/audit/signer_file.hpp"
#include "thidua/store/rocksdb_event_store.hpp"
#include "thidua/util/uuid.hpp"

using namespace thidua;

namespace {

ProposedEvent event(const std::string& subject, int n) {
  ProposedEvent e;
  e.id = new_uuid();
  e.type = "vn.thidua.test.crash.v1";
  e.subject = subject;
  e.source = "/thidua/crash-test";
  e.time = "2021-06-01T00:00:00Z";
  e.data = R"({"n":)" + std::to_string(n) + R"(,"pad":")" + std::string(200, 'x') + "\"}";
  return e;
}

void report(const AppendResult& result) {
  std::string lines;
  for (const AppendedEvent& e : result.events) {
    lines += "ack " + std::to_string(e.position) + " " + e.id + "\n";
  }
  // Lines of one result go out in one write; each line is far below PIPE_BUF.
  if (::write(STDOUT_FILENO, lines.data(), lines.size()) < 0) std::_Exit(3);
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 2) {
    std::fprintf(stderr, "usage: crash_child DATA_DIR\n");
    return 2;
  }
  auto store = RocksDbEventStore::open(argv[1]);
  if (!store) {
    std::fprintf(stderr, "open: %s\n", store.status().to_string().c_str());
    return 1;
  }
  EventStore& s = **store;
  // Checkpoints are signed all along, as the server does, so kills land in their writes too.
  auto signer =
      audit::load_or_create_signer(std::string(argv[1]) + "/checkpoint.key", "thidua.test/crash");
  if (!signer) {
    std::fprintf(stderr, "signer: %s\n", signer.status().to_string().c_str());
    return 1;
  }
  audit::Checkpointer checkpointer(s, *signer, "thidua.test/crash");
  checkpointer.start(std::chrono::milliseconds(15));
  std::vector<std::thread> threads;
  for (int t = 0; t < 16; ++t) {
    threads.emplace_back([&s, t] {
      for (int i = 0;; ++i) {
        AppendRequest r;
        std::string subject = "organization/org-" + std::to_string((t + i) % 7);
        r.events.push_back(event(subject, i));
        if (i % 5 == 0) r.events.push_back(event("cluster/cum-" + std::to_string(t % 3), i));
        if (i % 3 == 0) r.idempotency_key = new_uuid();
        auto result = s.append(std::move(r));
        if (!result) {
          std::fprintf(stderr, "append: %s\n", result.status().to_string().c_str());
          std::_Exit(1);
        }
        report(*result);
      }
    });
  }
  for (auto& t : threads) t.join();
}
