// A bounded, thread-safe cache of as-of answers (as_of.hpp).
//
// An answer as of a position never changes, and it depends only on the events of its
// document's streams at positions up to it: the answers as of P and of P' are the same when no
// event of those streams lies between them. So an answer is kept by document key and the
// position asked, and by key and its effective position (the last event of the streams at or
// before the position asked): an answer asked again is read from memory at once, and one as of
// another position before the streams' next event once the streams' index says which it is.
// The least recently used answers leave first once the memory they take exceeds the budget
// (a text kept under two positions is counted twice).
#pragma once

#include <cstddef>
#include <cstdint>
#include <list>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>

#include "thidua/metrics/registry.hpp"

namespace thidua::projections {

class AnswerCache {
 public:
  // The answer text, or nullopt for "the document did not exist then".
  using Answer = std::shared_ptr<const std::optional<std::string>>;

  // `budget_bytes` 0 keeps nothing. With `metrics` (which must outlive the cache), the counts
  // and the memory kept are reported there at each scrape: thidua_as_of_answers_total{source}
  // ("memory", "version", "log") and thidua_as_of_cache_bytes.
  explicit AnswerCache(std::size_t budget_bytes, MetricRegistry* metrics = nullptr);
  AnswerCache(const AnswerCache&) = delete;
  AnswerCache& operator=(const AnswerCache&) = delete;

  // The answer kept for `key` as of `position`, if any; marks it recently used.
  Answer find(const std::string& key, std::uint64_t position);

  // Keeps `answer` for `key` as of `position` (an answer larger than the budget is not kept).
  void insert(const std::string& key, std::uint64_t position, Answer answer);

  // Where an answer given came from: this memory, a version the projector kept
  // (document_store.hpp), or folded from the log.
  enum class Source { kMemory, kVersion, kLog };
  void count(Source source);

  struct Stats {
    std::uint64_t from_memory = 0, from_versions = 0, folded = 0;  // as count() was told
    std::size_t entries = 0, bytes = 0;
  };
  Stats stats() const;

 private:
  struct Entry {
    std::string id;
    Answer answer;
    std::size_t bytes = 0;
  };
  static std::string id_of(const std::string& key, std::uint64_t position);

  const std::size_t budget_;
  mutable std::mutex mu_;
  std::list<Entry> order_;  // most recently used first
  std::unordered_map<std::string, std::list<Entry>::iterator> index_;
  std::size_t bytes_ = 0;
  std::uint64_t from_memory_ = 0, from_versions_ = 0, folded_ = 0;
  ScopedCollector collector_;  // last: removed before the rest is destroyed
};

}  // namespace thidua::projections
