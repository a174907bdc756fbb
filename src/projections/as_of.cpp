#include "thidua/projections/as_of.hpp"

#include <algorithm>

#include "thidua/projections/projector.hpp"
#include "thidua/projections/views.hpp"

namespace thidua::projections {

namespace {

// The events of `stream` at positions up to `position`, in order.
Status read_until(const EventStore& store, const std::string& stream, std::uint64_t position,
                  std::vector<RecordedEvent>& out) {
  for (std::uint64_t version = 0;;) {
    auto batch = store.read_stream(stream, version, 1000);
    if (!batch.is_ok()) return batch.status();
    for (RecordedEvent& e : *batch) {
      if (e.position > position) return Status::ok();
      out.push_back(std::move(e));
    }
    if (batch->size() < 1000) return Status::ok();
    version += batch->size();
  }
}

}  // namespace

Result<std::optional<codec::OrderedJson>> ranking_as_of(const EventStore& store,
                                                        const domain::State& names,
                                                        const std::string& cluster, int year,
                                                        std::uint64_t position) {
  std::vector<RecordedEvent> events;
  for (const std::string& stream :
       {"cluster/" + cluster, "cluster/" + cluster + "/" + std::to_string(year)}) {
    if (Status s = read_until(store, stream, position, events); !s.is_ok()) return s;
  }
  std::sort(events.begin(), events.end(),
            [](const RecordedEvent& a, const RecordedEvent& b) { return a.position < b.position; });
  domain::State state;
  for (const RecordedEvent& e : events) {
    auto decoded = decode_recorded(e);
    if (!decoded.is_ok()) return decoded.status();
    if (!*decoded) continue;
    state.next_position = e.position;  // only this cluster's events are folded
    domain::evolve(state, **decoded, e.position);
  }
  auto it = state.clusters.find(cluster);
  if (it == state.clusters.end() || !it->second.years.contains(year)) {
    return std::optional<codec::OrderedJson>();
  }
  return std::optional<codec::OrderedJson>(render_ranking(names, it->second, year));
}

}  // namespace thidua::projections
