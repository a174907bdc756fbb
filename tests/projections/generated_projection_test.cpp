// The projections of a generated history of many thousands of events: followed live, in small
// batches and small commits, while the history is appended, with the projector restarted
// several times on the way (from state snapshots), they equal a rebuild from position 0.
#include <catch2/catch.hpp>

#include <memory>

#include "generated_history.hpp"
#include "temp_dir.hpp"
#include "thidua/generator/history_generator.hpp"
#include "thidua/projections/projector.hpp"
#include "thidua/projections/views.hpp"
#include "thidua/store/memory_event_store.hpp"
#include "thidua/util/sha256.hpp"

using namespace thidua;
using namespace thidua::projections;
using namespace thidua::testing;

namespace {

std::unique_ptr<DocumentStore> open_documents(const std::filesystem::path& dir) {
  auto docs = DocumentStore::open(dir);
  REQUIRE(docs.is_ok());
  return std::move(docs).value();
}

}  // namespace

TEST_CASE(
    "projections followed live through a generated history, restarted on the way, equal a "
    "rebuild",
    "[projections]") {
  TempDir dir("thidua-projections");
  MemoryEventStore store;
  auto live = open_documents(dir.path() / "live");
  // Batches and commits that do not divide the appends, so that commits fall inside them, and
  // state snapshots often enough that restarts load them.
  ProjectorOptions small{97, std::chrono::milliseconds(5), 601};
  small.snapshot_events = 1500;
  auto projector = std::make_unique<Projector>(store, *live, small);
  projector->start();

  int restarts = 0;
  int from_snapshot = 0;
  std::uint64_t next_restart = 3000;
  Status generated = generator::generate_into(
      store, testing::small_world(12000, 11), 500, [&](std::uint64_t done, std::uint64_t) {
        if (done < next_restart) return;
        next_restart += 3000;
        // Every other restart once the follower has caught up (so that it has written a
        // snapshot), the others wherever it is.
        if (++restarts % 2 == 1) {
          REQUIRE(projector->wait_for(store.head(), std::chrono::minutes(2)));
        }
        projector.reset();  // stops the follower
        projector = std::make_unique<Projector>(store, *live, small);
        REQUIRE(projector->load().is_ok());
        from_snapshot += projector->loaded_from() > 0;
        projector->start();
      });
  INFO(generated.to_string());
  REQUIRE(generated.is_ok());
  REQUIRE(store.head() >= 12000);
  CHECK(restarts >= 3);
  CHECK(from_snapshot >= 2);
  REQUIRE(projector->wait_for(store.head(), std::chrono::minutes(5)));
  REQUIRE(projector->status().is_ok());
  projector.reset();
  CHECK(live->applied() == store.head());

  auto rebuilt = open_documents(dir.path() / "rebuilt");
  Projector rebuild(store, *rebuilt);
  auto applied = rebuild.catch_up();
  REQUIRE(applied.is_ok());
  CHECK(*applied == store.head());

  for (const std::string& name : projection_names()) {
    INFO(name);
    // Every projection has documents, and the same ones.
    auto some = rebuilt->scan(name + "/", "", 1);
    REQUIRE(some.is_ok());
    CHECK(some->size() == 1);
    auto live_hash = live->content_hash(name + "/");
    auto rebuilt_hash = rebuilt->content_hash(name + "/");
    REQUIRE(live_hash.is_ok());
    REQUIRE(rebuilt_hash.is_ok());
    CHECK(to_hex(*live_hash) == to_hex(*rebuilt_hash));
  }
}
