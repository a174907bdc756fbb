#include "thidua/audit/checkpointer.hpp"

#include <catch2/catch.hpp>

#include <thread>

#include "events.hpp"
#include "thidua/audit/checkpoint.hpp"
#include "thidua/audit/proofs.hpp"
#include "thidua/store/fault_injecting_event_store.hpp"
#include "thidua/store/memory_event_store.hpp"

using namespace thidua;
using namespace thidua::audit;
using namespace thidua::testing;

namespace {

Checkpoint open_checkpoint(const StoredCheckpoint& c, const Ed25519Signer& signer) {
  auto key = NoteVerifier::parse(signer.verifier_key());
  REQUIRE(key.is_ok());
  auto text = open_note(c.note, *key);
  REQUIRE(text.is_ok());
  auto parsed = Checkpoint::parse(*text);
  REQUIRE(parsed.is_ok());
  return *parsed;
}

}  // namespace

TEST_CASE("the checkpointer signs the current head once", "[checkpointer]") {
  MemoryEventStore store;
  Ed25519Signer signer = Ed25519Signer::generate("thidua.test/log").value();
  Checkpointer checkpointer(store, signer, "thidua.test/log");
  auto empty = checkpointer.checkpoint_now();
  REQUIRE(empty.is_ok());
  CHECK(empty->tree_size == 0);
  CHECK(open_checkpoint(*empty, signer).root == merkle::empty_root());
  for (int i = 0; i < 7; ++i) REQUIRE(store.append(one_event("person/p-1")).is_ok());
  auto seven = checkpointer.checkpoint_now();
  REQUIRE(seven.is_ok());
  Checkpoint c = open_checkpoint(*seven, signer);
  CHECK(c.origin == "thidua.test/log");
  CHECK(c.size == 7);
  CHECK(c.root == merkle::root_at(7, subtree_reader(store)).value());
  CHECK(checkpointer.checkpoint_now()->note == seven->note);  // nothing new: nothing signed
  CHECK(store.checkpoints(0, 10)->size() == 2);
  // Proofs against the checkpoint's root.
  auto consistency = prove_consistency(store, 3, 7);
  REQUIRE(consistency.is_ok());
  CHECK(merkle::verify_consistency(3, 7, merkle::root_at(3, subtree_reader(store)).value(), c.root,
                                   consistency->hashes));
  auto inclusion = prove_inclusion(store, 4, 7);
  REQUIRE(inclusion.is_ok());
  CHECK(merkle::verify_inclusion(inclusion->leaf_hash, 4, 7, inclusion->hashes, c.root));
  CHECK(prove_inclusion(store, 7, 7).status().code() == Status::Code::kInvalidArgument);
  CHECK(prove_inclusion(store, 0, 8).status().code() == Status::Code::kInvalidArgument);
  CHECK(prove_consistency(store, 0, 7).status().code() == Status::Code::kInvalidArgument);
  CHECK(prove_consistency(store, 5, 4).status().code() == Status::Code::kInvalidArgument);
  CHECK(prove_consistency(store, 1, 8).status().code() == Status::Code::kInvalidArgument);
}

TEST_CASE("the background checkpointer follows the head", "[checkpointer]") {
  MemoryEventStore store;
  Ed25519Signer signer = Ed25519Signer::generate("thidua.test/log").value();
  Checkpointer checkpointer(store, signer, "thidua.test/log");
  checkpointer.start(std::chrono::milliseconds(10));
  for (int i = 0; i < 5; ++i) REQUIRE(store.append(one_event("person/p-1")).is_ok());
  for (int tries = 0; tries < 500; ++tries) {
    auto latest = store.latest_checkpoint();
    REQUIRE(latest.is_ok());
    if (*latest && (*latest)->tree_size == 5) break;
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  checkpointer.stop();
  auto latest = store.latest_checkpoint();
  REQUIRE(latest->has_value());
  CHECK((*latest)->tree_size == 5);
}

TEST_CASE("a checkpoint the store cannot write is an error, not a crash", "[checkpointer]") {
  FaultInjectingEventStore store(std::make_unique<MemoryEventStore>());
  Ed25519Signer signer = Ed25519Signer::generate("thidua.test/log").value();
  Checkpointer checkpointer(store, signer, "thidua.test/log");
  REQUIRE(static_cast<EventStore&>(store).append(one_event("person/p-1")).is_ok());
  store.fail_append(FaultInjectingEventStore::Fault::kFailBeforeWrite);
  CHECK(checkpointer.checkpoint_now().status().code() == Status::Code::kIOError);
  CHECK(checkpointer.checkpoint_now().status().code() == Status::Code::kWriteRefused);
}

TEST_CASE("a checkpointer refuses a log whose newest checkpoint another key signed",
          "[checkpointer]") {
  MemoryEventStore store;
  Ed25519Signer first = Ed25519Signer::generate("thidua.test/log").value();
  Ed25519Signer second = Ed25519Signer::generate("thidua.test/log").value();
  REQUIRE(store.append(one_event("person/p-1")).is_ok());
  REQUIRE(Checkpointer(store, first, "thidua.test/log").checkpoint_now().is_ok());
  REQUIRE(store.append(one_event("person/p-1")).is_ok());
  auto refused = Checkpointer(store, second, "thidua.test/log").checkpoint_now();
  CHECK(refused.status().code() == Status::Code::kInvalidArgument);
  CHECK_THAT(refused.status().message(), Catch::Contains("not signed by this signing key"));
  CHECK(store.latest_checkpoint().value()->tree_size == 1);
  CHECK(Checkpointer(store, first, "thidua.test/log").checkpoint_now()->tree_size == 2);
}
