#include "thidua/util/merkle.hpp"

#include <algorithm>
#include <bit>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include <catch2/catch.hpp>

using namespace thidua;
using namespace thidua::merkle;

namespace Catch {
template <>
struct StringMaker<thidua::Digest> {
  static std::string convert(const thidua::Digest& digest) { return thidua::to_hex(digest); }
};
}  // namespace Catch

namespace {

std::string unhex(std::string_view hex) {
  auto nibble = [](char c) { return c <= '9' ? c - '0' : c - 'a' + 10; };
  std::string out;
  for (std::size_t i = 0; i + 1 < hex.size(); i += 2) {
    out.push_back(static_cast<char>(nibble(hex[i]) * 16 + nibble(hex[i + 1])));
  }
  return out;
}

Digest digest_of(std::string_view hex) {
  const std::string bytes = unhex(hex);
  REQUIRE(bytes.size() == 32);
  Digest digest{};
  std::copy(bytes.begin(), bytes.end(), digest.begin());
  return digest;
}

std::vector<Digest> digests_of(const std::vector<const char*>& hexes) {
  std::vector<Digest> out;
  for (const char* hex : hexes) out.push_back(digest_of(hex));
  return out;
}

Digest tampered(Digest digest) {
  digest[7] ^= 0x01;
  return digest;
}

// The eight leaves and the roots of sizes 1..8 of the certificate-transparency reference
// implementation's Merkle tree tests (cpp/merkletree/merkle_tree_test.cc).
const std::vector<std::string> kCtLeaves = {unhex(""),
                                            unhex("00"),
                                            unhex("10"),
                                            unhex("2021"),
                                            unhex("3031"),
                                            unhex("40414243"),
                                            unhex("5051525354555657"),
                                            unhex("606162636465666768696a6b6c6d6e6f")};

const char* const kCtRoots[8] = {
    "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
    "fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125",
    "aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77",
    "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
    "4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4",
    "76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef",
    "ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c",
    "5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328"};

const char* const kEmptyRoot = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

// Perfect subtree hashes kept the way the event store keeps them: whatever Frontier::append
// reports, keyed by (level, index).
class SubtreeStore {
 public:
  void append(std::string_view leaf_bytes) {
    frontier_.append(leaf_hash(leaf_bytes),
                     [this](unsigned level, std::uint64_t index, const Digest& hash) {
                       nodes_[{level, index}] = hash;
                     });
  }

  // Serves only subtrees inside the first `limit` leaves, as a store of that size would,
  // and counts the reads in `*reads`.
  SubtreeReader reader(std::uint64_t limit, std::shared_ptr<int> reads = nullptr) const {
    return [this, limit, reads](unsigned level, std::uint64_t index) -> Result<Digest> {
      if (reads) ++*reads;
      auto it = nodes_.find({level, index});
      if (level >= 64 || index >= (limit >> level) || it == nodes_.end()) {
        return Status::not_found("no subtree (" + std::to_string(level) + ", " +
                                 std::to_string(index) + ")");
      }
      return it->second;
    };
  }

  const Frontier& frontier() const { return frontier_; }
  const std::map<std::pair<unsigned, std::uint64_t>, Digest>& nodes() const { return nodes_; }

 private:
  Frontier frontier_;
  std::map<std::pair<unsigned, std::uint64_t>, Digest> nodes_;
};

SubtreeStore store_of(const std::vector<std::string>& leaves) {
  SubtreeStore store;
  for (const std::string& leaf : leaves) store.append(leaf);
  return store;
}

constexpr std::size_t kMaxLeaves = 64;

const std::vector<std::string>& many_leaves() {
  static const std::vector<std::string> leaves = [] {
    std::vector<std::string> out;
    for (std::size_t i = 0; i < kMaxLeaves; ++i) {
      out.push_back(std::string(i % 5, static_cast<char>(i)) + "leaf " + std::to_string(i));
    }
    return out;
  }();
  return leaves;
}

const SubtreeStore& many_store() {
  static const SubtreeStore store = store_of(many_leaves());
  return store;
}

std::vector<std::string> prefix(const std::vector<std::string>& leaves, std::size_t n) {
  return {leaves.begin(), leaves.begin() + static_cast<std::ptrdiff_t>(n)};
}

Digest root_of_prefix(std::size_t n) { return root_of_leaves(prefix(many_leaves(), n)); }

// RFC 6962 section 2.1.1 and 2.1.2 by their recursive definitions, over leaf byte strings.
std::vector<std::string> slice(const std::vector<std::string>& d, std::size_t b, std::size_t e) {
  return {d.begin() + static_cast<std::ptrdiff_t>(b), d.begin() + static_cast<std::ptrdiff_t>(e)};
}

std::size_t largest_power_below(std::size_t n) { return std::bit_floor(n - 1); }

std::vector<Digest> reference_path(std::size_t m, const std::vector<std::string>& d) {
  if (d.size() == 1) return {};
  const std::size_t k = largest_power_below(d.size());
  std::vector<Digest> path =
      m < k ? reference_path(m, slice(d, 0, k)) : reference_path(m - k, slice(d, k, d.size()));
  path.push_back(m < k ? root_of_leaves(slice(d, k, d.size())) : root_of_leaves(slice(d, 0, k)));
  return path;
}

std::vector<Digest> reference_subproof(std::size_t m, const std::vector<std::string>& d, bool b) {
  if (m == d.size()) return b ? std::vector<Digest>{} : std::vector<Digest>{root_of_leaves(d)};
  const std::size_t k = largest_power_below(d.size());
  std::vector<Digest> proof = m <= k ? reference_subproof(m, slice(d, 0, k), b)
                                     : reference_subproof(m - k, slice(d, k, d.size()), false);
  proof.push_back(m <= k ? root_of_leaves(slice(d, k, d.size())) : root_of_leaves(slice(d, 0, k)));
  return proof;
}

std::uint64_t ceil_log2(std::uint64_t n) { return n <= 1 ? 0 : std::bit_width(n - 1); }

// A tree of `size` identical leaves: every perfect subtree of a level has the same hash, so
// trees of any size can be served without storing them.
class UniformTree {
 public:
  explicit UniformTree(std::uint64_t size) : size_(size) {
    levels_.push_back(leaf_hash("x"));
    while (levels_.size() < 64) levels_.push_back(node_hash(levels_.back(), levels_.back()));
  }

  SubtreeReader reader() {
    return [this](unsigned level, std::uint64_t index) -> Result<Digest> {
      ++reads_;
      if (level >= 64 || index >= (size_ >> level)) return Status::not_found("outside the tree");
      return levels_[level];
    };
  }

  const Digest& level_hash(unsigned level) const { return levels_[level]; }
  int take_reads() { return std::exchange(reads_, 0); }

 private:
  std::uint64_t size_;
  std::vector<Digest> levels_;
  int reads_ = 0;
};

// A reader that fails on its `fail_at`-th call and serves from `inner` before that.
SubtreeReader failing_reader(SubtreeReader inner, int fail_at) {
  auto calls = std::make_shared<int>(0);
  return [inner, fail_at, calls](unsigned level, std::uint64_t index) -> Result<Digest> {
    if (++*calls == fail_at) return Status::io_error("read " + std::to_string(fail_at) + " failed");
    return inner(level, index);
  };
}

void check_fails_with_io_error(const Status& status, int fail_at) {
  CHECK(status.code() == Status::Code::kIOError);
  CHECK(status.message() == "read " + std::to_string(fail_at) + " failed");
}

}  // namespace

TEST_CASE("the empty tree's root is SHA-256 of nothing", "[merkle]") {
  CHECK(to_hex(empty_root()) == kEmptyRoot);
  CHECK(to_hex(Frontier().root()) == kEmptyRoot);
  CHECK(Frontier().size() == 0);
  CHECK(to_hex(root_of_leaves({})) == kEmptyRoot);
  int reads = 0;
  Result<Digest> root = root_at(0, [&](unsigned, std::uint64_t) -> Result<Digest> {
    ++reads;
    return Status::io_error("must not be read");
  });
  REQUIRE(root.is_ok());
  CHECK(to_hex(*root) == kEmptyRoot);
  CHECK(reads == 0);
  Result<Frontier> loaded = Frontier::load(0, many_store().reader(0));
  REQUIRE(loaded.is_ok());
  CHECK(loaded->size() == 0);
  CHECK(to_hex(loaded->root()) == kEmptyRoot);
}

TEST_CASE("leaf and node hashes carry the RFC 6962 domain prefixes", "[merkle]") {
  CHECK(to_hex(leaf_hash("")) == kCtRoots[0]);
  CHECK(leaf_hash("abc") == sha256(std::string("\x00", 1) + "abc"));
  const Digest a = leaf_hash("a");
  const Digest b = leaf_hash("b");
  CHECK(node_hash(a, b) == sha256("\x01" + digest_bytes(a) + digest_bytes(b)));
  CHECK(node_hash(a, b) != node_hash(b, a));
  // A leaf whose bytes look like an interior node must not hash like one.
  CHECK(leaf_hash(digest_bytes(a) + digest_bytes(b)) != node_hash(a, b));
}

TEST_CASE("the roots of the certificate-transparency reference tree", "[merkle]") {
  SubtreeStore store;
  for (std::size_t n = 1; n <= 8; ++n) {
    INFO("size " << n);
    store.append(kCtLeaves[n - 1]);
    CHECK(to_hex(root_of_leaves(prefix(kCtLeaves, n))) == kCtRoots[n - 1]);
    CHECK(to_hex(store.frontier().root()) == kCtRoots[n - 1]);
    CHECK(store.frontier().size() == n);
  }
  for (std::size_t n = 1; n <= 8; ++n) {
    INFO("size " << n);
    Result<Digest> root = root_at(n, store.reader(8));
    REQUIRE(root.is_ok());
    CHECK(to_hex(*root) == kCtRoots[n - 1]);
  }
}

TEST_CASE("the inclusion proofs of the certificate-transparency reference tree", "[merkle]") {
  struct Vector {
    std::uint64_t index;
    std::uint64_t size;
    std::vector<const char*> proof;
  };
  // The reference numbers leaves from 1; these indices are 0-based.
  const std::vector<Vector> vectors = {
      {0, 1, {}},
      {0,
       8,
       {"96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7",
        "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
        "6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4"}},
      {5,
       8,
       {"bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b",
        "ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0",
        "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7"}},
      {2, 3, {"fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125"}},
      {1,
       5,
       {"6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
        "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
        "bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b"}},
  };
  const SubtreeStore store = store_of(kCtLeaves);
  for (const Vector& v : vectors) {
    INFO("index " << v.index << " size " << v.size);
    Result<std::vector<Digest>> proof = inclusion_proof(v.index, v.size, store.reader(v.size));
    REQUIRE(proof.is_ok());
    CHECK(*proof == digests_of(v.proof));
    CHECK(verify_inclusion(leaf_hash(kCtLeaves[v.index]), v.index, v.size, digests_of(v.proof),
                           digest_of(kCtRoots[v.size - 1])));
  }
}

TEST_CASE("the consistency proofs of the certificate-transparency reference tree", "[merkle]") {
  struct Vector {
    std::uint64_t from;
    std::uint64_t to;
    std::vector<const char*> proof;
  };
  const std::vector<Vector> vectors = {
      {1, 1, {}},
      {1,
       8,
       {"96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7",
        "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
        "6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4"}},
      {6,
       8,
       {"0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a",
        "ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0",
        "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7"}},
      {2,
       5,
       {"5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
        "bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b"}},
  };
  const SubtreeStore store = store_of(kCtLeaves);
  for (const Vector& v : vectors) {
    INFO("from " << v.from << " to " << v.to);
    Result<std::vector<Digest>> proof = consistency_proof(v.from, v.to, store.reader(v.to));
    REQUIRE(proof.is_ok());
    CHECK(*proof == digests_of(v.proof));
    CHECK(verify_consistency(v.from, v.to, digest_of(kCtRoots[v.from - 1]),
                             digest_of(kCtRoots[v.to - 1]), digests_of(v.proof)));
  }
}

TEST_CASE("every root agrees with the recursive definition up to 64 leaves", "[merkle]") {
  SubtreeStore store;
  for (std::size_t n = 0; n <= kMaxLeaves; ++n) {
    INFO("size " << n);
    if (n > 0) store.append(many_leaves()[n - 1]);
    const Digest expected = root_of_prefix(n);
    CHECK(store.frontier().root() == expected);
    Result<Digest> at = root_at(n, many_store().reader(n));
    REQUIRE(at.is_ok());
    CHECK(*at == expected);
    auto reads = std::make_shared<int>(0);
    Result<Frontier> loaded = Frontier::load(n, many_store().reader(n, reads));
    REQUIRE(loaded.is_ok());
    CHECK(loaded->size() == n);
    CHECK(loaded->root() == expected);
    CHECK(*reads == std::popcount(n));
  }
}

TEST_CASE("append reports each perfect subtree once, when it completes", "[merkle]") {
  Frontier frontier;
  std::map<std::pair<unsigned, std::uint64_t>, Digest> seen;
  for (std::size_t n = 0; n < kMaxLeaves; ++n) {
    INFO("appending leaf " << n);
    std::vector<std::pair<unsigned, std::uint64_t>> reported;
    frontier.append(leaf_hash(many_leaves()[n]),
                    [&](unsigned level, std::uint64_t index, const Digest& hash) {
                      reported.emplace_back(level, index);
                      CHECK(seen.emplace(std::make_pair(level, index), hash).second);
                      const std::size_t begin = index << level;
                      const std::size_t end = (index + 1) << level;
                      REQUIRE(end == n + 1);
                      CHECK(hash == root_of_leaves(slice(many_leaves(), begin, end)));
                    });
    // The leaf, then one node per trailing one bit of the old size, lowest level first.
    REQUIRE(reported.size() == 1 + static_cast<std::size_t>(std::countr_one(n)));
    for (std::size_t i = 0; i < reported.size(); ++i) CHECK(reported[i].first == i);
  }
  CHECK(seen.size() == 2 * kMaxLeaves - 1);
  CHECK(seen == many_store().nodes());
}

TEST_CASE("a loaded frontier grows like the one it was stored from", "[merkle]") {
  for (std::size_t n = 0; n <= kMaxLeaves; ++n) {
    INFO("loaded at size " << n);
    Result<Frontier> loaded = Frontier::load(n, many_store().reader(n));
    REQUIRE(loaded.is_ok());
    SubtreeStore fresh;
    for (std::size_t i = 0; i < kMaxLeaves; ++i) {
      fresh.append(many_leaves()[i]);
      if (i < n) continue;
      loaded->append(leaf_hash(many_leaves()[i]),
                     [&](unsigned level, std::uint64_t index, const Digest& hash) {
                       CHECK(hash == many_store().nodes().at({level, index}));
                     });
      CHECK(loaded->size() == i + 1);
      CHECK(loaded->root() == fresh.frontier().root());
    }
  }
}

TEST_CASE("inclusion proofs match RFC 6962 PATH and verify, up to 64 leaves", "[merkle]") {
  for (std::size_t n = 1; n <= kMaxLeaves; ++n) {
    const Digest root = root_of_prefix(n);
    const std::vector<std::string> leaves = prefix(many_leaves(), n);
    for (std::size_t m = 0; m < n; ++m) {
      INFO("index " << m << " size " << n);
      auto reads = std::make_shared<int>(0);
      Result<std::vector<Digest>> proof = inclusion_proof(m, n, many_store().reader(n, reads));
      REQUIRE(proof.is_ok());
      CHECK(*proof == reference_path(m, leaves));
      CHECK(verify_inclusion(leaf_hash(leaves[m]), m, n, *proof, root));
      CHECK(proof->size() <= ceil_log2(n));
      CHECK(static_cast<std::uint64_t>(*reads) <= 2 * ceil_log2(n));
    }
  }
}

TEST_CASE("a damaged inclusion proof does not verify", "[merkle]") {
  for (std::uint64_t n = 1; n <= kMaxLeaves; ++n) {
    const Digest root = root_of_prefix(n);
    for (std::uint64_t m = 0; m < n; ++m) {
      INFO("index " << m << " size " << n);
      const Digest leaf = leaf_hash(many_leaves()[m]);
      const std::vector<Digest> proof = *inclusion_proof(m, n, many_store().reader(n));
      REQUIRE(verify_inclusion(leaf, m, n, proof, root));
      for (std::size_t j = 0; j < proof.size(); ++j) {
        std::vector<Digest> wrong = proof;
        wrong[j] = tampered(wrong[j]);
        CHECK_FALSE(verify_inclusion(leaf, m, n, wrong, root));
      }
      CHECK_FALSE(verify_inclusion(leaf, m, n * 2, proof, root));
      CHECK_FALSE(verify_inclusion(leaf, m, n / 2, proof, root));
      CHECK_FALSE(verify_inclusion(leaf, m - 1, n, proof, root));
      CHECK_FALSE(verify_inclusion(leaf, m + 1, n, proof, root));
      CHECK_FALSE(verify_inclusion(leaf, m ^ 2, n, proof, root));
      const Digest other_leaf = leaf_hash(many_leaves()[(m + 1) % kMaxLeaves]);
      CHECK_FALSE(verify_inclusion(other_leaf, m, n, proof, root));
      CHECK_FALSE(verify_inclusion(leaf, m, n, proof, root_of_prefix(n - 1)));
      CHECK_FALSE(verify_inclusion(leaf, m, n, proof, empty_root()));
      std::vector<Digest> longer = proof;
      longer.push_back(root);
      CHECK_FALSE(verify_inclusion(leaf, m, n, longer, root));
      longer.back() = Digest{};
      CHECK_FALSE(verify_inclusion(leaf, m, n, longer, root));
      std::vector<Digest> prefixed = proof;
      prefixed.insert(prefixed.begin(), Digest{});
      CHECK_FALSE(verify_inclusion(leaf, m, n, prefixed, root));
      if (!proof.empty()) {
        std::vector<Digest> shorter(proof.begin(), proof.end() - 1);
        CHECK_FALSE(verify_inclusion(leaf, m, n, shorter, root));
      }
    }
  }
}

TEST_CASE("consistency proofs match RFC 6962 PROOF and verify, up to 64 leaves", "[merkle]") {
  for (std::size_t n = 1; n <= kMaxLeaves; ++n) {
    const Digest new_root = root_of_prefix(n);
    const std::vector<std::string> leaves = prefix(many_leaves(), n);
    for (std::size_t m = 1; m <= n; ++m) {
      INFO("from " << m << " to " << n);
      auto reads = std::make_shared<int>(0);
      Result<std::vector<Digest>> proof = consistency_proof(m, n, many_store().reader(n, reads));
      REQUIRE(proof.is_ok());
      CHECK(*proof == reference_subproof(m, leaves, true));
      CHECK(verify_consistency(m, n, root_of_prefix(m), new_root, *proof));
      CHECK(proof->size() <= ceil_log2(n) + 1);
      CHECK(static_cast<std::uint64_t>(*reads) <= 2 * ceil_log2(n));
    }
  }
}

TEST_CASE("a damaged consistency proof does not verify", "[merkle]") {
  for (std::uint64_t n = 2; n <= kMaxLeaves; ++n) {
    const Digest new_root = root_of_prefix(n);
    for (std::uint64_t m = 1; m < n; ++m) {
      INFO("from " << m << " to " << n);
      const Digest old_root = root_of_prefix(m);
      const std::vector<Digest> proof = *consistency_proof(m, n, many_store().reader(n));
      REQUIRE(verify_consistency(m, n, old_root, new_root, proof));
      for (std::size_t j = 0; j < proof.size(); ++j) {
        std::vector<Digest> wrong = proof;
        wrong[j] = tampered(wrong[j]);
        CHECK_FALSE(verify_consistency(m, n, old_root, new_root, wrong));
      }
      CHECK_FALSE(verify_consistency(m - 1, n, old_root, new_root, proof));
      CHECK_FALSE(verify_consistency(m + 1, n, old_root, new_root, proof));
      CHECK_FALSE(verify_consistency(m ^ 2, n, old_root, new_root, proof));
      CHECK_FALSE(verify_consistency(m, n * 2, old_root, new_root, proof));
      CHECK_FALSE(verify_consistency(m, n / 2, old_root, new_root, proof));
      CHECK_FALSE(verify_consistency(m, n, tampered(old_root), new_root, proof));
      CHECK_FALSE(verify_consistency(m, n, root_of_prefix(m - 1), new_root, proof));
      CHECK_FALSE(verify_consistency(m, n, old_root, tampered(new_root), proof));
      CHECK_FALSE(verify_consistency(m, n, new_root, old_root, proof));
      CHECK_FALSE(verify_consistency(m, n, old_root, new_root, {}));
      std::vector<Digest> longer = proof;
      longer.push_back(proof.back());
      CHECK_FALSE(verify_consistency(m, n, old_root, new_root, longer));
      longer.back() = Digest{};
      CHECK_FALSE(verify_consistency(m, n, old_root, new_root, longer));
      std::vector<Digest> shorter(proof.begin(), proof.end() - 1);
      CHECK_FALSE(verify_consistency(m, n, old_root, new_root, shorter));
      std::vector<Digest> prefixed = proof;
      prefixed.insert(prefixed.begin(), Digest{});
      CHECK_FALSE(verify_consistency(m, n, old_root, new_root, prefixed));
      prefixed.front() = proof.front();
      CHECK_FALSE(verify_consistency(m, n, old_root, new_root, prefixed));
    }
  }
}

TEST_CASE("consistency at the edges RFC 9162 singles out", "[merkle]") {
  const SubtreeStore& store = many_store();
  SECTION("equal sizes: an empty proof, and the roots must be equal") {
    for (std::uint64_t n = 1; n <= 9; ++n) {
      auto reads = std::make_shared<int>(0);
      Result<std::vector<Digest>> proof = consistency_proof(n, n, store.reader(n, reads));
      REQUIRE(proof.is_ok());
      CHECK(proof->empty());
      CHECK(*reads == 0);
      const Digest root = root_of_prefix(n);
      CHECK(verify_consistency(n, n, root, root, {}));
      CHECK_FALSE(verify_consistency(n, n, root, root_of_prefix(n + 1), {}));
      CHECK_FALSE(verify_consistency(n, n, root, root, {root}));
    }
  }
  SECTION("a power-of-two old size leaves its root out of the proof") {
    Result<std::vector<Digest>> proof = consistency_proof(4, 8, store.reader(8));
    REQUIRE(proof.is_ok());
    CHECK(*proof == std::vector<Digest>{root_of_leaves(slice(many_leaves(), 4, 8))});
    CHECK(verify_consistency(4, 8, root_of_prefix(4), root_of_prefix(8), *proof));
    CHECK_FALSE(verify_consistency(4, 8, tampered(root_of_prefix(4)), root_of_prefix(8), *proof));
    proof = consistency_proof(32, 48, store.reader(48));
    REQUIRE(proof.is_ok());
    CHECK(*proof == std::vector<Digest>{root_of_leaves(slice(many_leaves(), 32, 48))});
  }
  SECTION("the empty old tree has no proof") {
    Result<std::vector<Digest>> proof = consistency_proof(0, 5, store.reader(5));
    REQUIRE_FALSE(proof.is_ok());
    CHECK(proof.status().code() == Status::Code::kInvalidArgument);
    CHECK(proof.status().message().find("size 0") != std::string::npos);
    CHECK_FALSE(consistency_proof(0, 0, store.reader(0)).is_ok());
    CHECK_FALSE(verify_consistency(0, 5, empty_root(), root_of_prefix(5), {}));
    CHECK_FALSE(verify_consistency(0, 0, empty_root(), empty_root(), {}));
  }
}

TEST_CASE("out-of-range arguments are refused before any read", "[merkle]") {
  int reads = 0;
  const SubtreeReader counting = [&](unsigned level, std::uint64_t index) {
    ++reads;
    return many_store().reader(kMaxLeaves)(level, index);
  };
  Result<std::vector<Digest>> proof = inclusion_proof(5, 5, counting);
  REQUIRE_FALSE(proof.is_ok());
  CHECK(proof.status().code() == Status::Code::kInvalidArgument);
  CHECK(proof.status().message() == "inclusion proof: leaf index 5 is not below the tree size 5");
  CHECK(inclusion_proof(0, 0, counting).status().code() == Status::Code::kInvalidArgument);
  CHECK(inclusion_proof(UINT64_MAX, 3, counting).status().code() == Status::Code::kInvalidArgument);
  proof = consistency_proof(9, 8, counting);
  REQUIRE_FALSE(proof.is_ok());
  CHECK(proof.status().code() == Status::Code::kInvalidArgument);
  CHECK(proof.status().message() == "consistency proof: from size 9 exceeds to size 8");
  CHECK(reads == 0);
  CHECK_FALSE(verify_inclusion(leaf_hash(""), 0, 0, {}, empty_root()));
  CHECK_FALSE(verify_inclusion(leaf_hash(""), 1, 1, {}, leaf_hash("")));
  CHECK_FALSE(verify_consistency(9, 8, root_of_prefix(9), root_of_prefix(8), {}));
}

TEST_CASE("a failing read is passed through unchanged", "[merkle]") {
  const SubtreeReader healthy = many_store().reader(kMaxLeaves);
  // Index 0 of 63 leaves needs a composed right edge; 20 of 64 goes right and left.
  const std::vector<std::pair<std::string, std::function<Status(const SubtreeReader&)>>> calls = {
      {"root_at", [](const SubtreeReader& r) { return root_at(63, r).status(); }},
      {"load", [](const SubtreeReader& r) { return Frontier::load(63, r).status(); }},
      {"inclusion 0/63", [](const SubtreeReader& r) { return inclusion_proof(0, 63, r).status(); }},
      {"inclusion 20/64",
       [](const SubtreeReader& r) { return inclusion_proof(20, 64, r).status(); }},
      {"consistency 5/63",
       [](const SubtreeReader& r) { return consistency_proof(5, 63, r).status(); }},
      {"consistency 40/64",
       [](const SubtreeReader& r) { return consistency_proof(40, 64, r).status(); }},
  };
  for (const auto& [name, call] : calls) {
    // Failing read k, for k = 1, 2, ..., until the call needs fewer than k reads.
    int fail_at = 1;
    for (; fail_at <= 64; ++fail_at) {
      INFO(name << ", read " << fail_at << " fails");
      const Status status = call(failing_reader(healthy, fail_at));
      if (status.is_ok()) break;
      check_fails_with_io_error(status, fail_at);
    }
    INFO(name);
    CHECK(fail_at > 2);  // every call above needs several reads, and each one can fail
    CHECK(fail_at <= 64);
  }
}

TEST_CASE("proofs in a tree of 2^20 leaves take O(log n) reads", "[merkle]") {
  constexpr std::uint64_t kBound = 2 * 20 + 2;
  for (std::uint64_t size : {std::uint64_t{1} << 20, (std::uint64_t{1} << 20) - 1,
                             (std::uint64_t{1} << 20) - 3, (std::uint64_t{1} << 19) + 12345}) {
    UniformTree tree(size);
    Result<Digest> root = root_at(size, tree.reader());
    REQUIRE(root.is_ok());
    CHECK(tree.take_reads() == std::popcount(size));
    for (std::uint64_t index : {std::uint64_t{0}, size / 3, size / 2 + 1, size - 2, size - 1}) {
      INFO("index " << index << " size " << size);
      Result<std::vector<Digest>> proof = inclusion_proof(index, size, tree.reader());
      REQUIRE(proof.is_ok());
      CHECK(static_cast<std::uint64_t>(tree.take_reads()) <= kBound);
      CHECK(verify_inclusion(tree.level_hash(0), index, size, *proof, *root));
    }
    for (std::uint64_t from :
         {std::uint64_t{1}, std::uint64_t{5}, size / 2, size / 2 + 7, size - 1}) {
      INFO("from " << from << " to " << size);
      UniformTree old_tree(from);
      const Digest old_root = *root_at(from, old_tree.reader());
      Result<std::vector<Digest>> proof = consistency_proof(from, size, tree.reader());
      REQUIRE(proof.is_ok());
      CHECK(static_cast<std::uint64_t>(tree.take_reads()) <= kBound);
      CHECK(verify_consistency(from, size, old_root, *root, *proof));
    }
  }
}

TEST_CASE("sizes near 2^64 do not overflow", "[merkle]") {
  constexpr std::uint64_t kLast = UINT64_MAX;
  UniformTree tree(kLast);
  Result<Frontier> frontier = Frontier::load(kLast - 1, tree.reader());
  REQUIRE(frontier.is_ok());
  CHECK(tree.take_reads() == 63);
  std::vector<std::pair<unsigned, std::uint64_t>> reported;
  frontier->append(tree.level_hash(0), [&](unsigned level, std::uint64_t index, const Digest&) {
    reported.emplace_back(level, index);
  });
  CHECK(reported == std::vector<std::pair<unsigned, std::uint64_t>>{{0, kLast - 1}});
  CHECK(frontier->size() == kLast);
  Result<Digest> root = root_at(kLast, tree.reader());
  REQUIRE(root.is_ok());
  CHECK(frontier->root() == *root);
  tree.take_reads();

  Result<std::vector<Digest>> path = inclusion_proof(kLast - 1, kLast, tree.reader());
  REQUIRE(path.is_ok());
  CHECK(verify_inclusion(tree.level_hash(0), kLast - 1, kLast, *path, *root));
  CHECK(tree.take_reads() <= 2 * 64);

  const std::uint64_t half = std::uint64_t{1} << 63;
  Result<std::vector<Digest>> proof = consistency_proof(half, kLast, tree.reader());
  REQUIRE(proof.is_ok());
  CHECK(verify_consistency(half, kLast, tree.level_hash(63), *root, *proof));
  CHECK(tree.take_reads() <= 2 * 64);
}

TEST_CASE("closing a level reports every subtree the leaf completes", "[merkle]") {
  const std::uint64_t size = (std::uint64_t{1} << 20) - 1;
  UniformTree tree(size);
  Result<Frontier> frontier = Frontier::load(size, tree.reader());
  REQUIRE(frontier.is_ok());
  std::vector<std::pair<unsigned, std::uint64_t>> reported;
  frontier->append(tree.level_hash(0), [&](unsigned level, std::uint64_t index, const Digest& h) {
    reported.emplace_back(level, index);
    CHECK(h == tree.level_hash(level));
  });
  REQUIRE(reported.size() == 21);
  for (unsigned level = 0; level <= 20; ++level) {
    CHECK(reported[level] == std::make_pair(level, (std::uint64_t{1} << (20 - level)) - 1));
  }
  CHECK(frontier->root() == tree.level_hash(20));
}
