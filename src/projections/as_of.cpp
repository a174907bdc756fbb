#include "thidua/projections/as_of.hpp"

#include <algorithm>
#include <map>
#include <memory>

#include "thidua/codec/describe_json.hpp"
#include "thidua/domain/dependencies.hpp"
#include "thidua/projections/projector.hpp"
#include "thidua/projections/views.hpp"

namespace thidua::projections {

namespace {

constexpr std::size_t kPage = 4096;

// How many events of each stream lie at positions up to `position`, read from the streams'
// position index (no event is read), and the last of those positions.
struct Extent {
  std::map<std::string, std::uint64_t> counts;
  std::optional<std::uint64_t> last;
};

Result<Extent> extent_of(const EventStore& store, const std::set<std::string>& streams,
                         std::uint64_t position) {
  Extent out;
  for (const std::string& stream : streams) {
    std::uint64_t count = 0;
    for (bool more = true; more;) {
      auto page = store.stream_positions(stream, count, kPage);
      if (!page) return page.status();
      more = page->size() == kPage;
      for (std::uint64_t p : *page) {
        if (p > position) {
          more = false;
          break;
        }
        ++count;
        if (!out.last || p > *out.last) out.last = p;
      }
    }
    if (count > 0) out.counts.emplace(stream, count);
  }
  return out;
}

// The first `count` events of `stream`, appended to `out`.
Status read_first(const EventStore& store, const std::string& stream, std::uint64_t count,
                  std::vector<RecordedEvent>& out) {
  for (std::uint64_t version = 0; version < count;) {
    const auto want = static_cast<std::size_t>(std::min<std::uint64_t>(count - version, kPage));
    auto batch = store.read_stream(stream, version, want);
    if (!batch.is_ok()) return batch.status();
    if (batch->size() != want) {
      return Status::corruption("stream " + stream + " has fewer events than its index says");
    }
    for (RecordedEvent& e : *batch) out.push_back(std::move(e));
    version += want;
  }
  return Status::ok();
}

Result<domain::State> fold_extent(const EventStore& store, const Extent& extent) {
  std::vector<RecordedEvent> events;
  for (const auto& [stream, count] : extent.counts) {
    if (Status s = read_first(store, stream, count, events); !s.is_ok()) return s;
  }
  std::sort(events.begin(), events.end(),
            [](const RecordedEvent& a, const RecordedEvent& b) { return a.position < b.position; });
  domain::State state;
  for (const RecordedEvent& e : events) {
    auto decoded = decode_recorded(e);
    if (!decoded.is_ok()) return decoded.status();
    state.next_position = e.position;  // only the events of the streams are folded
    if (*decoded) {
      domain::evolve(state, **decoded, e.position);
    } else {
      state.next_position = e.position + 1;
    }
  }
  return state;
}

Result<std::optional<std::string>> render_state(const domain::State& state,
                                                const std::string& key) {
  std::optional<codec::OrderedJson> doc = render_document(state, key);
  if (!doc) return std::optional<std::string>();
  Result<std::string> text = codec::dump_json(*doc);
  if (!text.is_ok()) return text.status();
  return std::optional<std::string>(std::move(text).value());
}

// Every predecessor of `id` in `now`, through mergers and splits.
std::vector<std::string> ancestors(const domain::State& now, const std::string& id) {
  std::vector<std::string> out = {id};
  for (std::size_t i = 0; i < out.size(); ++i) {
    auto it = now.organizations.find(out[i]);
    if (it == now.organizations.end()) continue;
    for (const std::string& p : it->second.predecessors) {
      if (std::find(out.begin(), out.end(), p) == out.end()) out.push_back(p);
    }
  }
  return out;
}

}  // namespace

std::set<std::string> document_streams(const domain::State& now, const std::string& key) {
  domain::StreamSet out(now);
  const auto slash = key.find('/');
  const std::string kind = key.substr(0, slash);
  const std::string rest = slash == std::string::npos ? "" : key.substr(slash + 1);
  if (kind == "ranking") {
    const auto year_slash = rest.rfind('/');
    if (year_slash == std::string::npos) return {};
    out.cluster_year(rest.substr(0, year_slash), std::atoi(rest.c_str() + year_slash + 1));
  } else if (kind == "awards" && rest.starts_with("person/")) {
    const std::string id = rest.substr(7);
    out.person(id);
    out.awards(rest);
  } else if (kind == "awards" && rest.starts_with("organization/")) {
    // Its own awards and those it inherited, through every merger and split before it.
    for (const std::string& id : ancestors(now, rest.substr(13))) {
      out.organization(id);
      out.awards("organization/" + id);
    }
  } else if (kind == "decisions") {
    out.decision(rest);
  } else if (kind == "decision-index") {
    out.decision(rest.substr(rest.rfind('/') + 1));
  } else if (kind == "movements") {
    out.movement(rest);
  }
  return out.streams();
}

Result<domain::State> fold_streams(const EventStore& store, const std::set<std::string>& streams,
                                   std::uint64_t position) {
  Result<Extent> extent = extent_of(store, streams, position);
  if (!extent) return extent.status();
  return fold_extent(store, *extent);
}

Result<std::optional<std::string>> document_as_of(const EventStore& store, const domain::State& now,
                                                  const std::string& key, std::uint64_t position) {
  return render_as_of(store, document_streams(now, key), key, position);
}

Result<std::optional<std::string>> render_as_of(const EventStore& store,
                                                const std::set<std::string>& streams,
                                                const std::string& key, std::uint64_t position,
                                                AnswerCache* cache, const DocumentStore* versions) {
  return render_as_of(
      store, [&streams] { return streams; }, key, position, cache, versions);
}

Result<std::optional<std::string>> render_as_of(const EventStore& store, const StreamsOf& streams,
                                                const std::string& key, std::uint64_t position,
                                                AnswerCache* cache, const DocumentStore* versions) {
  if (cache != nullptr) {
    if (AnswerCache::Answer kept = cache->find(key, position)) {
      cache->count(AnswerCache::Source::kMemory);
      return *kept;
    }
  }
  // The version kept at or before `position`, unless the document changed after it and is not
  // kept from there: the document as of `position`, read as a current one is.
  if (versions != nullptr) {
    Result<std::optional<DocumentStore::Version>> version =
        versions->version_at_or_before(key, position);
    if (!version) return version.status();
    if (*version && (*version)->kept) {
      if (cache != nullptr) {
        cache->insert(key, position,
                      std::make_shared<const std::optional<std::string>>((*version)->bytes));
        cache->count(AnswerCache::Source::kVersion);
      }
      return std::move((*version)->bytes);
    }
  }
  Result<Extent> extent = extent_of(store, streams(), position);
  if (!extent) return extent.status();
  // The same answer as of the last event of the streams at or before `position`.
  const std::optional<std::uint64_t> effective = extent->last;
  if (cache != nullptr && effective && *effective != position) {
    if (AnswerCache::Answer kept = cache->find(key, *effective)) {
      cache->insert(key, position, kept);
      cache->count(AnswerCache::Source::kMemory);
      return *kept;
    }
  }
  Result<domain::State> state = fold_extent(store, *extent);
  if (!state.is_ok()) return state.status();
  Result<std::optional<std::string>> text = render_state(*state, key);
  if (text && cache != nullptr) {
    auto answer = std::make_shared<const std::optional<std::string>>(*text);
    if (effective) cache->insert(key, *effective, answer);
    cache->insert(key, position, std::move(answer));
    cache->count(AnswerCache::Source::kLog);
  }
  return text;
}

Result<domain::State> eligibility_state_as_of(const EventStore& store, const domain::State& now,
                                              const domain::EligibilityQuestion& question,
                                              std::uint64_t position) {
  domain::StreamSet streams(now);
  domain::add_eligibility_streams(now, question, streams);
  return fold_streams(store, streams.streams(), position);
}

}  // namespace thidua::projections
