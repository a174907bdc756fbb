#include "thidua/util/merkle.hpp"

#include <algorithm>
#include <bit>
#include <cassert>
#include <cstddef>

namespace thidua::merkle {
namespace {

constexpr char kLeafPrefix = 0x00;
constexpr char kNodePrefix = 0x01;

std::string_view view(const Digest& digest) {
  return {reinterpret_cast<const char*>(digest.data()), digest.size()};
}

// The k of RFC 6962: the largest power of two strictly below n, where MTH splits a tree of n
// leaves. REQUIRES: n >= 2.
std::uint64_t split_point(std::uint64_t n) { return std::bit_floor(n - 1); }

bool has_level(std::uint64_t length, unsigned level) { return ((length >> level) & 1) != 0; }

// Reads the perfect subtrees that make up the leaves [begin, end), largest (leftmost) first:
// one per bit set in end - begin. REQUIRES: begin < end and begin is a multiple of
// std::bit_ceil(end - begin), which holds for every subtree in the RFC 6962 recursion and
// makes each piece start on a multiple of its own size.
Result<std::vector<Digest>> read_cover(std::uint64_t begin, std::uint64_t end,
                                       const SubtreeReader& reader) {
  const std::uint64_t length = end - begin;
  std::vector<Digest> parts;
  for (int level = 63; level >= 0; --level) {
    if (!has_level(length, level)) continue;
    Result<Digest> part = reader(level, begin >> level);
    if (!part) return part.status();
    parts.push_back(*part);
    begin += std::uint64_t{1} << level;
  }
  return parts;
}

// MTH of the concatenation of perfect subtrees given largest first. MTH splits at the largest
// power of two, so the smallest two pieces join first and each larger one joins on the left.
Digest fold(const std::vector<Digest>& parts) {
  assert(!parts.empty());
  Digest acc = parts.back();
  for (auto it = parts.rbegin() + 1; it != parts.rend(); ++it) acc = node_hash(*it, acc);
  return acc;
}

// MTH(D[begin:end]) composed from stored perfect subtrees. Same REQUIRES as read_cover.
Result<Digest> range_hash(std::uint64_t begin, std::uint64_t end, const SubtreeReader& reader) {
  Result<std::vector<Digest>> parts = read_cover(begin, end, reader);
  if (!parts) return parts.status();
  return fold(*parts);
}

Digest reference_mth(const std::vector<std::string>& leaves, std::size_t begin, std::size_t end) {
  if (end - begin == 1) return leaf_hash(leaves[begin]);
  const std::size_t k = split_point(end - begin);
  return node_hash(reference_mth(leaves, begin, begin + k), reference_mth(leaves, begin + k, end));
}

// Step 6b.iii of RFC 9162 section 2.1.3.2 and 6b.3 of 2.1.4.2.
void shift_to_right_child(std::uint64_t& fn, std::uint64_t& sn) {
  while ((fn & 1) == 0 && fn != 0) {
    fn >>= 1;
    sn >>= 1;
  }
}

}  // namespace

Digest leaf_hash(std::string_view leaf_bytes) {
  Sha256 h;
  h.update(std::string_view(&kLeafPrefix, 1));
  h.update(leaf_bytes);
  return h.finish();
}

Digest node_hash(const Digest& left, const Digest& right) {
  Sha256 h;
  h.update(std::string_view(&kNodePrefix, 1));
  h.update(view(left));
  h.update(view(right));
  return h.finish();
}

Digest empty_root() { return sha256(""); }

Result<Frontier> Frontier::load(std::uint64_t size, const SubtreeReader& reader) {
  Frontier frontier;
  if (size == 0) return frontier;
  Result<std::vector<Digest>> parts = read_cover(0, size, reader);
  if (!parts) return parts.status();
  frontier.size_ = size;
  frontier.subtrees_ = std::move(*parts);
  return frontier;
}

Digest Frontier::root() const { return size_ == 0 ? empty_root() : fold(subtrees_); }

void Frontier::append(const Digest& leaf, const SubtreeSink& on_new_node) {
  assert(size_ < UINT64_MAX);
  on_new_node(0, size_, leaf);
  Digest node = leaf;
  unsigned level = 0;
  // A bit set in the old size at `level` is a perfect subtree of that level still waiting
  // for its right sibling, which the new leaf has just completed.
  while (has_level(size_, level)) {
    node = node_hash(subtrees_.back(), node);
    subtrees_.pop_back();
    ++level;
    on_new_node(level, ((size_ + 1) >> level) - 1, node);
  }
  subtrees_.push_back(node);
  ++size_;
}

Result<Digest> root_at(std::uint64_t size, const SubtreeReader& reader) {
  if (size == 0) return empty_root();
  return range_hash(0, size, reader);
}

Result<std::vector<Digest>> inclusion_proof(std::uint64_t index, std::uint64_t tree_size,
                                            const SubtreeReader& reader) {
  if (index >= tree_size) {
    return Status::invalid_argument("inclusion proof: leaf index " + std::to_string(index) +
                                    " is not below the tree size " + std::to_string(tree_size));
  }
  // Walks PATH(index, D[begin:end]) from the root down; siblings come out root first.
  std::vector<Digest> proof;
  std::uint64_t begin = 0;
  std::uint64_t end = tree_size;
  while (end - begin > 1) {
    const std::uint64_t mid = begin + split_point(end - begin);
    const bool go_left = index < mid;
    Result<Digest> sibling =
        go_left ? range_hash(mid, end, reader) : range_hash(begin, mid, reader);
    if (!sibling) return sibling.status();
    proof.push_back(*sibling);
    (go_left ? end : begin) = mid;
  }
  std::reverse(proof.begin(), proof.end());
  return proof;
}

Result<std::vector<Digest>> consistency_proof(std::uint64_t from_size, std::uint64_t to_size,
                                              const SubtreeReader& reader) {
  if (from_size == 0) {
    return Status::invalid_argument(
        "consistency proof: the tree of size 0 has none; RFC 9162 proves consistency only "
        "from a non-empty tree");
  }
  if (from_size > to_size) {
    return Status::invalid_argument("consistency proof: from size " + std::to_string(from_size) +
                                    " exceeds to size " + std::to_string(to_size));
  }
  // Walks SUBPROOF(from_size - begin, D[begin:end], b) from the root down; the hashes come
  // out outermost first. holds_old_tree is the RFC's b: true while [begin, end) still starts
  // at leaf 0, so that reaching from_size ends on the old root, which the verifier holds.
  std::vector<Digest> proof;
  std::uint64_t begin = 0;
  std::uint64_t end = to_size;
  bool holds_old_tree = true;
  while (from_size != end) {
    const std::uint64_t mid = begin + split_point(end - begin);
    const bool go_left = from_size <= mid;
    Result<Digest> sibling =
        go_left ? range_hash(mid, end, reader) : range_hash(begin, mid, reader);
    if (!sibling) return sibling.status();
    proof.push_back(*sibling);
    (go_left ? end : begin) = mid;
    holds_old_tree = holds_old_tree && go_left;
  }
  if (!holds_old_tree) {
    Result<Digest> last = range_hash(begin, end, reader);
    if (!last) return last.status();
    proof.push_back(*last);
  }
  std::reverse(proof.begin(), proof.end());
  return proof;
}

bool verify_inclusion(const Digest& leaf_hash, std::uint64_t index, std::uint64_t tree_size,
                      const std::vector<Digest>& proof, const Digest& root) {
  if (index >= tree_size) return false;
  std::uint64_t fn = index;
  std::uint64_t sn = tree_size - 1;
  Digest r = leaf_hash;
  for (const Digest& p : proof) {
    if (sn == 0) return false;
    if ((fn & 1) == 1 || fn == sn) {
      r = node_hash(p, r);
      shift_to_right_child(fn, sn);
    } else {
      r = node_hash(r, p);
    }
    fn >>= 1;
    sn >>= 1;
  }
  return sn == 0 && r == root;
}

bool verify_consistency(std::uint64_t from_size, std::uint64_t to_size, const Digest& from_root,
                        const Digest& to_root, const std::vector<Digest>& proof) {
  if (from_size == 0 || from_size > to_size) return false;
  if (from_size == to_size) return proof.empty() && from_root == to_root;
  if (proof.empty()) return false;
  // Step 2: a power-of-two old tree is itself a perfect subtree of the new one, so the proof
  // leaves out its root and the verifier supplies it.
  const bool seeded = std::has_single_bit(from_size);
  std::uint64_t fn = from_size - 1;
  std::uint64_t sn = to_size - 1;
  while ((fn & 1) == 1) {
    fn >>= 1;
    sn >>= 1;
  }
  Digest fr = seeded ? from_root : proof.front();
  Digest sr = fr;
  for (std::size_t i = seeded ? 0 : 1; i < proof.size(); ++i) {
    if (sn == 0) return false;
    if ((fn & 1) == 1 || fn == sn) {
      fr = node_hash(proof[i], fr);
      sr = node_hash(proof[i], sr);
      shift_to_right_child(fn, sn);
    } else {
      sr = node_hash(sr, proof[i]);
    }
    fn >>= 1;
    sn >>= 1;
  }
  return sn == 0 && fr == from_root && sr == to_root;
}

Digest root_of_leaves(const std::vector<std::string>& leaves) {
  if (leaves.empty()) return empty_root();
  return reference_mth(leaves, 0, leaves.size());
}

}  // namespace thidua::merkle
