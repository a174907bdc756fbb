#include "thidua/projections/recheck.hpp"

#include "thidua/projections/projector.hpp"

namespace thidua::projections {

Result<std::vector<RecheckedDecision>> recheck_log(const EventStore& store,
                                                   const domain::RuleBook& book,
                                                   const std::optional<std::string>& only) {
  std::vector<RecheckedDecision> out;
  domain::State state;
  const std::uint64_t head = store.head();
  for (std::uint64_t from = 0; from < head;) {
    auto batch = store.read_all(from, 8192);
    if (!batch.is_ok()) return batch.status();
    if (batch->events.empty()) break;
    for (const RecordedEvent& e : batch->events) {
      auto decoded = decode_recorded(e);
      if (!decoded.is_ok()) return decoded.status();
      if (!*decoded) continue;
      if (const auto* d = std::get_if<domain::DecisionIssued>(&**decoded)) {
        if (!only || d->id == *only) {
          out.push_back({e.position, domain::recheck(state, book, *d)});
          if (only) return out;
        }
      }
      domain::evolve(state, **decoded, e.position);
    }
    from = batch->next_position;
  }
  if (only) return Status::not_found("no decision " + *only + " is recorded");
  return out;
}

codec::OrderedJson render_recheck(const RecheckedDecision& decision) {
  const domain::Recheck& r = decision.recheck;
  codec::OrderedJson failures = codec::OrderedJson::array();
  for (const domain::RecheckFailure& f : r.failures) {
    codec::OrderedJson item;
    item["rule"] = f.rule;
    if (!f.subject.empty()) item["subject"] = f.subject;
    item["detail"] = f.detail;
    failures.push_back(std::move(item));
  }
  codec::OrderedJson out;
  out["decision"] = r.decision;
  out["position"] = decision.position;
  out["recorded_ruleset"] = r.recorded_ruleset;
  out["ruleset"] = r.ruleset;
  out["passes"] = r.failures.empty();
  out["failures"] = std::move(failures);
  return out;
}

}  // namespace thidua::projections
