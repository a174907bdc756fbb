// A movement: targets with the progress each unit reported, and registrations by year.
#include "thidua/projections/views.hpp"
#include "view_support.hpp"

namespace thidua::projections {

using namespace domain;

namespace {

// value / goal as a percentage with two decimals, rounded down; null when the goal is 0.
OrderedJson share_of(Decimal value, Decimal goal) {
  if (goal.hundredths <= 0) return nullptr;
  const std::int64_t v = std::min<std::int64_t>(value.hundredths, goal.hundredths * 100000);
  return decimal_json(Decimal{v * 10000 / goal.hundredths});
}

OrderedJson targets_json(const State& s, const MovementState& m) {
  OrderedJson out = OrderedJson::array();
  for (const Target& t : m.launched.targets) {
    OrderedJson target = codec::to_json(t);
    OrderedJson progress = OrderedJson::array();
    for (const auto& [key, report] : m.progress) {
      if (key.second != t.number) continue;
      progress.push_back({{"organization", key.first},
                          {"name", organization_name(s, key.first)},
                          {"value", decimal_json(report.value.value)},
                          {"percent_of_target", share_of(report.value.value, t.value)},
                          {"date", report.value.date.to_string()},
                          {"position", report.position}});
    }
    target["progress"] = std::move(progress);
    out.push_back(std::move(target));
  }
  return out;
}

OrderedJson registrations_json(const State& s, const MovementState& m) {
  OrderedJson by_year = OrderedJson::object();
  for (const auto& [key, r] : m.registrations) {
    OrderedJson j = codec::to_json(r.value);
    j.erase("movement");
    j.erase("year");
    j["name"] = organization_name(s, key.first);
    j["position"] = r.position;
    by_year[std::to_string(key.second)].push_back(std::move(j));
  }
  return by_year;
}

}  // namespace

std::optional<OrderedJson> render_movement(const State& s, const std::string& id) {
  auto it = s.movements.find(id);
  if (it == s.movements.end()) return std::nullopt;
  const MovementState& m = it->second;
  OrderedJson doc = codec::to_json(m.launched);
  doc["launched_by_name"] = organization_name(s, m.launched.launched_by);
  doc["position"] = m.position;
  doc["targets"] = targets_json(s, m);
  doc["registrations"] = registrations_json(s, m);
  return doc;
}

}  // namespace thidua::projections
