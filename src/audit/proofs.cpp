#include "thidua/audit/proofs.hpp"

#include <string>

namespace thidua::audit {

merkle::SubtreeReader subtree_reader(const EventStore& store) {
  return [&store](unsigned level, std::uint64_t index) { return store.subtree_hash(level, index); };
}

Result<InclusionProof> prove_inclusion(const EventStore& store, std::uint64_t index,
                                       std::uint64_t tree_size) {
  const std::uint64_t head = store.head();
  if (tree_size > head) {
    return Status::invalid_argument("tree_size " + std::to_string(tree_size) +
                                    " is beyond the log's " + std::to_string(head) + " events");
  }
  if (index >= tree_size) {
    return Status::invalid_argument("index " + std::to_string(index) + " is not below tree_size " +
                                    std::to_string(tree_size));
  }
  Result<std::vector<Digest>> hashes =
      merkle::inclusion_proof(index, tree_size, subtree_reader(store));
  if (!hashes) return hashes.status();
  Result<Digest> leaf = store.subtree_hash(0, index);
  if (!leaf) return leaf.status();
  return InclusionProof{index, tree_size, *leaf, std::move(hashes).value()};
}

Result<ConsistencyProof> prove_consistency(const EventStore& store, std::uint64_t from,
                                           std::uint64_t to) {
  const std::uint64_t head = store.head();
  if (to > head) {
    return Status::invalid_argument("to " + std::to_string(to) + " is beyond the log's " +
                                    std::to_string(head) + " events");
  }
  if (from == 0 || from > to) {
    return Status::invalid_argument("from must be at least 1 and at most to (" +
                                    std::to_string(to) + ")");
  }
  Result<std::vector<Digest>> hashes = merkle::consistency_proof(from, to, subtree_reader(store));
  if (!hashes) return hashes.status();
  return ConsistencyProof{from, to, std::move(hashes).value()};
}

}  // namespace thidua::audit
