#include "thidua/projections/answer_cache.hpp"

namespace thidua::projections {

AnswerCache::AnswerCache(std::size_t budget_bytes, MetricRegistry* metrics)
    : budget_(budget_bytes) {
  collector_ = ScopedCollector(metrics, [this](MetricWriter& w) {
    const Stats s = stats();
    w.family("thidua_as_of_answers_total",
             "As-of answers given: from memory, read from a kept version, or folded from the log",
             MetricType::kCounter);
    w.sample("thidua_as_of_answers_total", {{"source", "memory"}},
             static_cast<double>(s.from_memory));
    w.sample("thidua_as_of_answers_total", {{"source", "version"}},
             static_cast<double>(s.from_versions));
    w.sample("thidua_as_of_answers_total", {{"source", "log"}}, static_cast<double>(s.folded));
    w.family("thidua_as_of_cache_bytes", "Memory taken by the as-of answers kept",
             MetricType::kGauge);
    w.sample("thidua_as_of_cache_bytes", {}, static_cast<double>(s.bytes));
  });
}

std::string AnswerCache::id_of(const std::string& key, std::uint64_t position) {
  return key + '@' + std::to_string(position);
}

AnswerCache::Answer AnswerCache::find(const std::string& key, std::uint64_t position) {
  std::lock_guard lock(mu_);
  auto it = index_.find(id_of(key, position));
  if (it == index_.end()) return nullptr;
  order_.splice(order_.begin(), order_, it->second);
  return it->second->answer;
}

void AnswerCache::insert(const std::string& key, std::uint64_t position, Answer answer) {
  std::string id = id_of(key, position);
  // The text, its key twice and the bookkeeping of a list node and a map entry.
  const std::size_t bytes = (*answer ? (*answer)->size() : 0) + 2 * id.size() + sizeof(Entry) + 64;
  if (bytes > budget_) return;
  std::lock_guard lock(mu_);
  if (index_.contains(id)) return;
  order_.push_front(Entry{id, std::move(answer), bytes});
  index_.emplace(std::move(id), order_.begin());
  bytes_ += bytes;
  while (bytes_ > budget_) {
    Entry& last = order_.back();
    bytes_ -= last.bytes;
    index_.erase(last.id);
    order_.pop_back();
  }
}

void AnswerCache::count(Source source) {
  std::lock_guard lock(mu_);
  switch (source) {
    case Source::kMemory:
      ++from_memory_;
      break;
    case Source::kVersion:
      ++from_versions_;
      break;
    case Source::kLog:
      ++folded_;
      break;
  }
}

AnswerCache::Stats AnswerCache::stats() const {
  std::lock_guard lock(mu_);
  return {from_memory_, from_versions_, folded_, index_.size(), bytes_};
}

}  // namespace thidua::projections
