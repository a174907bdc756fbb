// The log verifier: proves that a store's log, indexes, Merkle tree and signed checkpoints all
// agree, or names the first position where they do not.
//
// It walks every event in position order and checks, for position p:
//  * the stored bytes are one JSON object in the stored envelope format (docs/storage.md)
//    whose "sequence" is p and whose id, type, subject and "streamversion" equal the index's;
//  * stream versions run gapless from 0 in each stream, and the id index leads back to p;
//  * the leaf hash of the bytes, and every perfect subtree it completes, equal the stored tree;
//  * each stored checkpoint is signed by the log's key, names the expected origin, and its root
//    equals the root recomputed from the events up to its size.
// After the walk, each stream's index is compared with the positions seen.
//
// Someone who rewrites an event's bytes directly in the database must also rewrite the tree to
// hide it, and then the signed checkpoints no longer match: without the signing key the change
// cannot be hidden. Thread-safety: a function; reads the store concurrently with writers, up to
// the head seen when it started.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>

#include "thidua/audit/signed_note.hpp"
#include "thidua/store/event_store.hpp"

namespace thidua::audit {

struct VerifyOptions {
  std::string origin;  // the checkpoints' expected origin; empty: any
  // Called now and then with (events checked, events in all).
  std::function<void(std::uint64_t, std::uint64_t)> progress;
};

struct VerifyReport {
  bool ok = false;
  std::uint64_t events = 0;                   // events checked
  std::uint64_t checkpoints = 0;              // checkpoints checked
  Digest root{};                              // root of the whole log, when ok
  std::optional<std::uint64_t> bad_position;  // the first bad position, when known
  std::string problem;                        // what is wrong, when not ok
};

// Verifies the whole log of `store` against `key`. The report says whether all holds; an error
// Status is returned only when the store cannot be read at all.
Result<VerifyReport> verify_log(const EventStore& store, const NoteVerifier& key,
                                const VerifyOptions& options = {});

}  // namespace thidua::audit
