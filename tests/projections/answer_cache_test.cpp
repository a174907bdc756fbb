// AnswerCache: as-of answers kept by key and position within a memory budget, least recently
// used first out.
#include <catch2/catch.hpp>

#include <memory>
#include <optional>
#include <string>

#include "thidua/projections/answer_cache.hpp"

using thidua::projections::AnswerCache;

namespace {

AnswerCache::Answer text(std::size_t bytes, char c = 'x') {
  return std::make_shared<const std::optional<std::string>>(std::string(bytes, c));
}

}  // namespace

TEST_CASE("an answer is found by its key and position only", "[projections][answer_cache]") {
  AnswerCache cache(1 << 20);
  cache.insert("ranking/cum-1/2020", 41, text(100, 'a'));
  cache.insert("ranking/cum-1/2020", 57, text(100, 'b'));
  cache.insert("awards/person/an", 41, std::make_shared<const std::optional<std::string>>());
  REQUIRE(cache.find("ranking/cum-1/2020", 41) != nullptr);
  CHECK(**cache.find("ranking/cum-1/2020", 41) == std::string(100, 'a'));
  CHECK(**cache.find("ranking/cum-1/2020", 57) == std::string(100, 'b'));
  // "Did not exist then" is an answer too.
  REQUIRE(cache.find("awards/person/an", 41) != nullptr);
  CHECK_FALSE(cache.find("awards/person/an", 41)->has_value());
  CHECK(cache.find("ranking/cum-1/2020", 42) == nullptr);
  CHECK(cache.find("ranking/cum-1/202", 41) == nullptr);
  cache.count(AnswerCache::Source::kMemory);
  cache.count(AnswerCache::Source::kLog);
  cache.count(AnswerCache::Source::kLog);
  cache.count(AnswerCache::Source::kVersion);
  const AnswerCache::Stats stats = cache.stats();
  CHECK(stats.from_memory == 1);
  CHECK(stats.from_versions == 1);
  CHECK(stats.folded == 2);
  CHECK(stats.entries == 3);
}

TEST_CASE("past its budget the cache forgets the least recently used answers",
          "[projections][answer_cache]") {
  AnswerCache cache(10'000);
  for (int i = 0; i < 4; ++i) cache.insert("k", static_cast<std::uint64_t>(i), text(2'000));
  REQUIRE(cache.stats().entries == 4);
  // 0 is used again: 1 is now the oldest and leaves first.
  REQUIRE(cache.find("k", 0) != nullptr);
  cache.insert("k", 4, text(2'000));
  CHECK(cache.find("k", 1) == nullptr);
  CHECK(cache.find("k", 0) != nullptr);
  CHECK(cache.find("k", 4) != nullptr);
  CHECK(cache.stats().bytes <= 10'000);
  // Larger than the whole budget: not kept, and nothing else is pushed out for it.
  const std::size_t entries = cache.stats().entries;
  cache.insert("k", 9, text(20'000));
  CHECK(cache.find("k", 9) == nullptr);
  CHECK(cache.stats().entries == entries);
}

TEST_CASE("a cache of no memory keeps nothing", "[projections][answer_cache]") {
  AnswerCache cache(0);
  cache.insert("k", 1, text(1));
  CHECK(cache.find("k", 1) == nullptr);
  CHECK(cache.stats().entries == 0);
  CHECK(cache.stats().bytes == 0);
}
