// Award histories, decisions and the decisions index.
#include <algorithm>
#include <cstdio>

#include "thidua/projections/views.hpp"
#include "view_support.hpp"

namespace thidua::projections {

using namespace domain;

namespace {

OrderedJson revocation_json(const State& s, const DecisionState& d) {
  if (!d.revocation) return nullptr;
  OrderedJson r = codec::to_json(d.revocation->value);
  r.erase("decision");
  r["issuer_name"] = organization_name(s, d.revocation->value.issuer);
  r["position"] = d.revocation->position;
  return r;
}

OrderedJson corrections_json(const DecisionState& d) {
  OrderedJson out = OrderedJson::array();
  for (const auto& c : d.corrections) {
    OrderedJson j = codec::to_json(c.value);
    j.erase("decision");
    j["position"] = c.position;
    out.push_back(std::move(j));
  }
  return out;
}

// The current signer and capacity: the last correction that changed them wins.
std::pair<std::string, std::string> signed_by(const DecisionState& d) {
  std::string signer = d.issued.signer, capacity = d.issued.capacity;
  for (const auto& c : d.corrections) {
    if (c.value.signer) signer = *c.value.signer;
    if (c.value.capacity) capacity = *c.value.capacity;
  }
  return {signer, capacity};
}

// One award of a subject's history.
OrderedJson award_entry(const State& s, const AwardRecord& record) {
  const DecisionState& d = s.decisions.at(record.decision);
  const DecisionIssued& e = d.issued;
  auto [signer, capacity] = signed_by(d);
  return {{"decision", e.id},
          {"number", e.number},
          {"date", e.date.to_string()},
          {"issuer", e.issuer},
          {"issuer_name", organization_name(s, e.issuer)},
          {"signer", signer},
          {"capacity", capacity},
          {"award", enum_name(e.award)},
          {"award_title", award_title(e.award)},
          {"occasion", enum_name(e.occasion)},
          {"year", e.year},
          {"status", d.revocation ? "revoked" : "active"},
          {"revocation", revocation_json(s, d)},
          {"position", record.position}};
}

OrderedJson entries(const State& s, const std::string& subject, const std::string& inherited_from) {
  OrderedJson out = OrderedJson::array();
  auto it = s.awards.find(subject);
  if (it == s.awards.end()) return out;
  for (const AwardRecord& r : it->second) {
    OrderedJson entry = award_entry(s, r);
    if (!inherited_from.empty()) {
      entry["inherited_from"] = inherited_from;
      entry["inherited_from_name"] = organization_name(s, inherited_from);
    }
    out.push_back(std::move(entry));
  }
  return out;
}

// Every predecessor of `id`, through mergers and splits, nearest first.
std::vector<std::string> ancestors(const State& s, const std::string& id) {
  std::vector<std::string> out, queue = {id};
  for (std::size_t i = 0; i < queue.size(); ++i) {
    auto it = s.organizations.find(queue[i]);
    if (it == s.organizations.end()) continue;
    for (const std::string& p : it->second.predecessors) {
      if (p != id && std::find(out.begin(), out.end(), p) == out.end()) {
        out.push_back(p);
        queue.push_back(p);
      }
    }
  }
  return out;
}

std::optional<OrderedJson> render_organization_awards(const State& s, const std::string& id) {
  auto it = s.organizations.find(id);
  if (it == s.organizations.end()) return std::nullopt;
  const OrganizationState& o = it->second;
  OrderedJson inherited = OrderedJson::array();
  for (const std::string& p : ancestors(s, id)) {
    for (auto& entry : entries(s, "organization/" + p, p)) inherited.push_back(std::move(entry));
  }
  std::stable_sort(inherited.begin(), inherited.end(), [](const auto& a, const auto& b) {
    return a["position"].template get<std::uint64_t>() <
           b["position"].template get<std::uint64_t>();
  });
  return OrderedJson{{"subject", "organization/" + id},
                     {"name", o.name},
                     {"kind", enum_name(o.registered.kind)},
                     {"ended", o.ended},
                     {"successors", o.successors},
                     {"predecessors", o.predecessors},
                     {"awards", entries(s, "organization/" + id, "")},
                     {"inherited", std::move(inherited)}};
}

std::optional<OrderedJson> render_person_awards(const State& s, const std::string& id) {
  auto it = s.people.find(id);
  if (it == s.people.end()) return std::nullopt;
  const PersonRegistered& p = it->second.registered;
  const std::string& organization = it->second.organization();
  return OrderedJson{{"subject", "person/" + id},
                     {"name", p.name},
                     {"organization", organization},
                     {"organization_name", organization_name(s, organization)},
                     {"awards", entries(s, "person/" + id, "")}};
}

}  // namespace

std::optional<OrderedJson> render_awards(const State& s, const std::string& subject) {
  auto ref = SubjectRef::parse(subject);
  if (!ref) return std::nullopt;
  return ref->kind == SubjectKind::kPerson ? render_person_awards(s, ref->id)
                                           : render_organization_awards(s, ref->id);
}

std::optional<OrderedJson> render_decision(const State& s, const std::string& id) {
  auto it = s.decisions.find(id);
  if (it == s.decisions.end()) return std::nullopt;
  const DecisionState& d = it->second;
  OrderedJson doc = codec::to_json(d.issued);
  doc["issuer_name"] = organization_name(s, d.issued.issuer);
  doc["award_title"] = award_title(d.issued.award);
  OrderedJson names = OrderedJson::object();
  for (const Recipient& r : d.issued.recipients) {
    names[r.subject.to_string()] = subject_name(s, r.subject);
  }
  doc["recipient_names"] = std::move(names);
  doc["position"] = d.position;
  doc["status"] = d.revocation ? "revoked" : "active";
  doc["corrections"] = corrections_json(d);
  doc["revocation"] = revocation_json(s, d);
  return doc;
}

std::optional<OrderedJson> render_decision_summary(const State& s, const std::string& id) {
  auto it = s.decisions.find(id);
  if (it == s.decisions.end()) return std::nullopt;
  const DecisionState& d = it->second;
  OrderedJson recipients = OrderedJson::array();
  for (const Recipient& r : d.issued.recipients) recipients.push_back(r.subject.to_string());
  return OrderedJson{{"id", id},
                     {"number", d.issued.number},
                     {"date", d.issued.date.to_string()},
                     {"issuer", d.issued.issuer},
                     {"award", enum_name(d.issued.award)},
                     {"occasion", enum_name(d.issued.occasion)},
                     {"year", d.issued.year},
                     {"recipients", std::move(recipients)},
                     {"status", d.revocation ? "revoked" : "active"},
                     {"position", d.position}};
}

std::string decision_index_key(const DecisionIssued& d) {
  char year[16];
  std::snprintf(year, sizeof(year), "%04d", d.year);
  return "decision-index/" + std::string(year) + "/" + std::string(enum_name(d.award)) + "/" +
         d.issuer + "/" + d.id;
}

}  // namespace thidua::projections
