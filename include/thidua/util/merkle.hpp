// Merkle tree of a transparency log (RFC 6962 section 2.1, RFC 9162 section 2.1): leaf and node
// hashes, tree roots, inclusion and consistency proofs, and their verification.
//
// Storage model. A perfect subtree is named by (level, index) and covers the leaves
// [index * 2^level, (index + 1) * 2^level); level 0 holds the leaf hashes. A log that stores
// the hash of every perfect subtree as it completes (Frontier::append reports each one) can
// rebuild its frontier, compute the root of any past size, and produce any proof with
// O(log n) reads through a SubtreeReader. The hash of a range that is not a perfect subtree
// (the right edge of a tree whose size is not a power of two) is composed here from the
// perfect subtrees that cover it, so nothing else needs to be stored.
//
// This module does no I/O. The free functions are pure apart from the reader they are given
// and are thread-safe when that reader is. A Frontier is a value: const calls may run
// concurrently, append needs exclusive access.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "thidua/util/sha256.hpp"
#include "thidua/util/status.hpp"

namespace thidua::merkle {

// SHA-256(0x00 || leaf_bytes): the hash of one log entry.
Digest leaf_hash(std::string_view leaf_bytes);

// SHA-256(0x01 || left || right): the hash of an interior node.
Digest node_hash(const Digest& left, const Digest& right);

// SHA-256 of the empty string: the root of the tree of size 0.
Digest empty_root();

// Reads the stored hash of the perfect subtree (level, index). Any failure Status is passed
// through unchanged by the functions below. Callers of those functions guarantee that every
// perfect subtree lying inside the tree size they ask about is stored.
using SubtreeReader = std::function<Result<Digest>(unsigned level, std::uint64_t index)>;

// Receives the hash of a perfect subtree that has just been completed, for storage.
using SubtreeSink =
    std::function<void(unsigned level, std::uint64_t index, const Digest& subtree_hash)>;

// The compact range [0, size): the roots of the perfect subtrees whose concatenation is the
// tree of the current size, one per bit set in size, largest (leftmost) first.
class Frontier {
 public:
  // The empty tree.
  Frontier() = default;

  // Rebuilds the frontier of a tree of `size` leaves with one read per bit set in `size`.
  // Returns the reader's Status when a read fails.
  static Result<Frontier> load(std::uint64_t size, const SubtreeReader& reader);

  std::uint64_t size() const { return size_; }

  // The RFC 6962 Merkle Tree Hash of the whole tree; empty_root() when size() is 0.
  Digest root() const;

  // Appends one leaf, given as its leaf_hash(), and calls `on_new_node` once for each perfect
  // subtree the append completes, lowest level first: always (0, old size) for the leaf
  // itself, then one call per level the leaf closes. The callback must not touch this object.
  // REQUIRES: size() < UINT64_MAX.
  void append(const Digest& leaf, const SubtreeSink& on_new_node);

 private:
  std::uint64_t size_ = 0;
  std::vector<Digest> subtrees_;  // invariant: one per bit set in size_, highest level first
};

// The root of the tree of `size` leaves, from one read per bit set in `size`; empty_root()
// without reads when size is 0. Returns the reader's Status when a read fails.
Result<Digest> root_at(std::uint64_t size, const SubtreeReader& reader);

// The inclusion proof PATH(index, D[tree_size]) of RFC 9162 section 2.1.3.1 (RFC 6962 section
// 2.1.1): sibling hashes from the leaf up to the root. At most 2 * ceil(log2(tree_size)) reads.
// Returns kInvalidArgument when index >= tree_size (this includes every index when
// tree_size is 0), or the reader's Status when a read fails.
Result<std::vector<Digest>> inclusion_proof(std::uint64_t index, std::uint64_t tree_size,
                                            const SubtreeReader& reader);

// The consistency proof PROOF(from_size, D[to_size]) of RFC 9162 section 2.1.4.1 (RFC 6962
// section 2.1.2), from the innermost subtree outwards. At most 2 * ceil(log2(to_size)) reads.
// When from_size == to_size the proof is empty (SUBPROOF(m, D[m], true) = {}) and nothing
// is read. RFC 9162 defines consistency proofs only for a non-empty earlier tree (0 < m);
// the empty tree is a prefix of every tree and needs no proof, so from_size == 0 is refused.
// Returns kInvalidArgument when from_size == 0 or from_size > to_size, or the reader's
// Status when a read fails.
Result<std::vector<Digest>> consistency_proof(std::uint64_t from_size, std::uint64_t to_size,
                                              const SubtreeReader& reader);

// RFC 9162 section 2.1.3.2: true when `proof` shows that the leaf whose leaf_hash() is
// `leaf_hash` sits at `index` in the tree of `tree_size` leaves whose root is `root`. False
// for index >= tree_size, for a proof too short or too long, and for any hash mismatch.
bool verify_inclusion(const Digest& leaf_hash, std::uint64_t index, std::uint64_t tree_size,
                      const std::vector<Digest>& proof, const Digest& root);

// RFC 9162 section 2.1.4.2: true when `proof` shows that the tree of `from_size` leaves with
// root `from_root` is a prefix of the tree of `to_size` leaves with root `to_root`. When
// from_size == to_size it is true exactly when the proof is empty and the roots are equal.
// False for from_size == 0 (no proof exists; see consistency_proof), for from_size >
// to_size, for an empty proof between different sizes, for a proof too short or too long,
// and for any hash mismatch.
bool verify_consistency(std::uint64_t from_size, std::uint64_t to_size, const Digest& from_root,
                        const Digest& to_root, const std::vector<Digest>& proof);

// The Merkle Tree Hash MTH(D[n]) of RFC 6962 section 2.1 by its recursive definition, holding
// every leaf in memory: a reference for tests and for verifying small sets offline.
Digest root_of_leaves(const std::vector<std::string>& leaves);

}  // namespace thidua::merkle
