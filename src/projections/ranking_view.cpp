// The ranking document of a cluster-year.
#include "thidua/domain/ranking.hpp"
#include "thidua/projections/views.hpp"
#include "view_support.hpp"

namespace thidua::projections {

namespace {

using namespace domain;

OrderedJson covenant_json(const ClusterYearState& y) {
  if (!y.covenant) return nullptr;
  OrderedJson c = codec::to_json(y.covenant->value);
  c.erase("cluster");
  c.erase("year");
  c["position"] = y.covenant->position;
  return c;
}

OrderedJson scores_json(const State& names, const ClusterYearState& y) {
  OrderedJson out = OrderedJson::array();
  for (const auto& [key, points] : y.scores) {
    OrderedJson s = OrderedJson::object();
    s["kind"] = enum_name(key.kind);
    s["scorer"] = key.scorer;
    s["scorer_name"] = organization_name(names, key.scorer);
    s["scored"] = key.scored;
    s["criterion"] = key.criterion;
    s["points"] = decimal_json(points.value);
    s["position"] = points.position;
    OrderedJson corrections = OrderedJson::array();
    for (const auto& c : y.corrections) {
      const ScoreCorrected& e = c.value;
      if (e.kind == key.kind && e.scorer == key.scorer && e.scored == key.scored &&
          e.criterion == key.criterion) {
        corrections.push_back({{"previous", decimal_json(e.previous)},
                               {"points", decimal_json(e.points)},
                               {"reason", e.reason},
                               {"position", c.position}});
      }
    }
    s["corrections"] = std::move(corrections);
    out.push_back(std::move(s));
  }
  return out;
}

OrderedJson ranked_json(const State& names, const ClusterState& cluster, int year) {
  OrderedJson out = OrderedJson::array();
  for (const RankedMember& m : rank_cluster_year(cluster, year)) {
    OrderedJson by_criterion = OrderedJson::object();
    for (const auto& [code, points] : m.by_criterion) {
      by_criterion[code] = decimal_json(points);
    }
    out.push_back({{"rank", m.rank},
                   {"organization", m.organization},
                   {"name", organization_name(names, m.organization)},
                   {"total", decimal_json(m.total)},
                   {"tied", m.tied},
                   {"full_marks", m.full_marks},
                   {"self_total", decimal_json(m.self_total)},
                   {"by_criterion", std::move(by_criterion)}});
  }
  return out;
}

// The members of the year who have not signed its covenant: not ranked, shown apart.
OrderedJson not_signed_json(const State& names, const ClusterState& cluster, int year) {
  OrderedJson out = OrderedJson::array();
  for (const std::string& org : unsigned_members(cluster, year)) {
    out.push_back({{"organization", org}, {"name", organization_name(names, org)}});
  }
  return out;
}

template <typename T>
OrderedJson located_list(const T& items, const char* drop_a, const char* drop_b) {
  OrderedJson out = OrderedJson::array();
  for (const auto& item : items) {
    OrderedJson j = codec::to_json(item.value);
    j.erase(drop_a);
    j.erase(drop_b);
    j["position"] = item.position;
    out.push_back(std::move(j));
  }
  return out;
}

}  // namespace

OrderedJson render_ranking(const State& names, const ClusterState& cluster, int year) {
  static const ClusterYearState kEmpty;
  auto it = cluster.years.find(year);
  const ClusterYearState& y = it == cluster.years.end() ? kEmpty : it->second;
  OrderedJson doc = OrderedJson::object();
  doc["cluster"] = cluster.established.id;
  doc["name"] = cluster.established.name;
  doc["kind"] = enum_name(cluster.established.kind);
  doc["organiser"] = cluster.established.organiser;
  doc["organiser_name"] = organization_name(names, cluster.established.organiser);
  doc["year"] = year;
  doc["status"] = y.closed_at ? "closed" : "open";
  doc["closed_at"] = y.closed_at ? OrderedJson(*y.closed_at) : OrderedJson(nullptr);
  doc["members"] = cluster.members(year);
  doc["covenant"] = covenant_json(y);
  doc["tie_break"] = {"higher total", "more criteria at their maximum", "higher sum of self-scores",
                      "organization id, ascending"};
  doc["ranking"] = ranked_json(names, cluster, year);
  doc["not_signed"] = not_signed_json(names, cluster, year);
  doc["scores"] = scores_json(names, y);
  std::vector<Located<CovenantSigned>> signatures;
  for (const auto& [org, s] : y.signatures) signatures.push_back(s);
  doc["signatures"] = located_list(signatures, "cluster", "year");
  if (y.officers) {
    doc["officers"] = {{"head", y.officers->value.head},
                       {"deputy", y.officers->value.deputy},
                       {"position", y.officers->position}};
  } else {
    doc["officers"] = nullptr;
  }
  doc["votes"] = located_list(y.votes, "cluster", "year");
  return doc;
}

}  // namespace thidua::projections
