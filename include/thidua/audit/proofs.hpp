// Inclusion and consistency proofs served from a store's Merkle tree.
//
// These check their arguments against the store's head and then read O(log n) stored subtree
// hashes (util/merkle). Thread-safe as the store is.
#pragma once

#include <cstdint>
#include <vector>

#include "thidua/store/event_store.hpp"
#include "thidua/util/merkle.hpp"

namespace thidua::audit {

struct InclusionProof {
  std::uint64_t index = 0;
  std::uint64_t tree_size = 0;
  Digest leaf_hash{};
  std::vector<Digest> hashes;
};

struct ConsistencyProof {
  std::uint64_t from = 0;
  std::uint64_t to = 0;
  std::vector<Digest> hashes;
};

// The store's reader of perfect subtree hashes.
merkle::SubtreeReader subtree_reader(const EventStore& store);

// kInvalidArgument unless index < tree_size <= head; otherwise the proof.
Result<InclusionProof> prove_inclusion(const EventStore& store, std::uint64_t index,
                                       std::uint64_t tree_size);

// kInvalidArgument unless 0 < from <= to <= head; otherwise the proof (empty when from == to).
Result<ConsistencyProof> prove_consistency(const EventStore& store, std::uint64_t from,
                                           std::uint64_t to);

}  // namespace thidua::audit
