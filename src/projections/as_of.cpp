#include "thidua/projections/as_of.hpp"

#include <algorithm>

#include "thidua/codec/describe_json.hpp"
#include "thidua/domain/dependencies.hpp"
#include "thidua/projections/projector.hpp"
#include "thidua/projections/views.hpp"

namespace thidua::projections {

namespace {

// The events of `stream` at positions up to `position`, appended to `out` in order.
Status read_until(const EventStore& store, const std::string& stream, std::uint64_t position,
                  std::vector<RecordedEvent>& out) {
  constexpr std::size_t kPage = 1000;
  for (std::uint64_t version = 0;;) {
    auto batch = store.read_stream(stream, version, kPage);
    if (!batch.is_ok()) return batch.status();
    for (RecordedEvent& e : *batch) {
      if (e.position > position) return Status::ok();
      out.push_back(std::move(e));
    }
    if (batch->size() < kPage) return Status::ok();
    version += batch->size();
  }
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
  std::vector<RecordedEvent> events;
  for (const std::string& stream : streams) {
    if (Status s = read_until(store, stream, position, events); !s.is_ok()) return s;
  }
  std::sort(events.begin(), events.end(),
            [](const RecordedEvent& a, const RecordedEvent& b) { return a.position < b.position; });
  domain::State state;
  for (const RecordedEvent& e : events) {
    auto decoded = decode_recorded(e);
    if (!decoded.is_ok()) return decoded.status();
    state.next_position = e.position;  // only the events of `streams` are folded
    if (*decoded) {
      domain::evolve(state, **decoded, e.position);
    } else {
      state.next_position = e.position + 1;
    }
  }
  return state;
}

Result<std::optional<std::string>> document_as_of(const EventStore& store, const domain::State& now,
                                                  const std::string& key, std::uint64_t position) {
  return render_as_of(store, document_streams(now, key), key, position);
}

Result<std::optional<std::string>> render_as_of(const EventStore& store,
                                                const std::set<std::string>& streams,
                                                const std::string& key, std::uint64_t position) {
  Result<domain::State> state = fold_streams(store, streams, position);
  if (!state.is_ok()) return state.status();
  std::optional<codec::OrderedJson> doc = render_document(*state, key);
  if (!doc) return std::optional<std::string>();
  Result<std::string> text = codec::dump_json(*doc);
  if (!text.is_ok()) return text.status();
  return std::optional<std::string>(std::move(text).value());
}

Result<domain::State> eligibility_state_as_of(const EventStore& store, const domain::State& now,
                                              const domain::EligibilityQuestion& question,
                                              std::uint64_t position) {
  domain::StreamSet streams(now);
  domain::add_eligibility_streams(now, question, streams);
  return fold_streams(store, streams.streams(), position);
}

}  // namespace thidua::projections
