// Which documents an event changes, and rendering a document by its key.
#include <algorithm>
#include <charconv>

#include "thidua/projections/views.hpp"
#include "view_support.hpp"

namespace thidua::projections {

using namespace domain;

namespace {

std::string ranking_key(const std::string& cluster, int year) {
  return "ranking/" + cluster + "/" + std::to_string(year);
}

// An organization and every unit that succeeded it, through mergers and splits: their award
// histories show its awards.
std::vector<std::string> with_successors(const State& s, const std::string& id) {
  std::vector<std::string> out = {id};
  for (std::size_t i = 0; i < out.size(); ++i) {
    auto it = s.organizations.find(out[i]);
    if (it == s.organizations.end()) continue;
    for (const std::string& next : it->second.successors) {
      if (std::find(out.begin(), out.end(), next) == out.end()) out.push_back(next);
    }
  }
  return out;
}

void add_award_histories(const State& s, const SubjectRef& subject, std::set<std::string>& keys) {
  if (subject.kind == SubjectKind::kPerson) {
    keys.insert("awards/" + subject.to_string());
    return;
  }
  for (const std::string& id : with_successors(s, subject.id)) {
    keys.insert("awards/organization/" + id);
  }
}

void add_decision(const State& s, const std::string& id, std::set<std::string>& keys) {
  auto it = s.decisions.find(id);
  if (it == s.decisions.end()) return;
  keys.insert("decisions/" + id);
  keys.insert(decision_index_key(it->second.issued));
  for (const Recipient& r : it->second.issued.recipients) add_award_histories(s, r.subject, keys);
}

// Every document that shows the organization's name (a rename changes them all).
void add_naming(const State& s, const std::string& org, std::set<std::string>& keys) {
  add_award_histories(s, SubjectRef{SubjectKind::kOrganization, org}, keys);
  for (const auto& [id, cluster] : s.clusters) {
    const auto& listed = cluster.established.members;
    bool named = cluster.established.organiser == org ||
                 std::find(listed.begin(), listed.end(), org) != listed.end();
    for (const auto& change : cluster.changes) named |= change.value.organization == org;
    if (!named) continue;
    for (const auto& [year, y] : cluster.years) keys.insert(ranking_key(id, year));
  }
  for (const auto& [id, d] : s.decisions) {
    bool names = d.issued.issuer == org || (d.revocation && d.revocation->value.issuer == org);
    for (const Recipient& r : d.issued.recipients) names |= r.subject.id == org;
    if (names) add_decision(s, id, keys);
  }
  for (const auto& [id, m] : s.movements) keys.insert("movements/" + id);
  if (auto it = s.staff.find(org); it != s.staff.end()) {
    for (const std::string& person : it->second) keys.insert("awards/person/" + person);
  }
}

struct Keys {
  const State& s;
  std::set<std::string>& keys;

  void operator()(const OrganizationRegistered& e) { keys.insert("awards/organization/" + e.id); }
  void operator()(const OrganizationRenamed& e) { add_naming(s, e.id, keys); }
  void operator()(const OrganizationsMerged& e) {
    for (const std::string& p : e.predecessors) keys.insert("awards/organization/" + p);
    add_award_histories(s, SubjectRef{SubjectKind::kOrganization, e.successor}, keys);
  }
  void operator()(const OrganizationSplit& e) {
    add_award_histories(s, SubjectRef{SubjectKind::kOrganization, e.predecessor}, keys);
  }
  void operator()(const PersonRegistered& e) { keys.insert("awards/person/" + e.id); }
  void operator()(const PersonTransferred& e) { keys.insert("awards/person/" + e.person); }
  void operator()(const MovementLaunched& e) { keys.insert("movements/" + e.id); }
  void operator()(const RegistrationSubmitted& e) { keys.insert("movements/" + e.movement); }
  void operator()(const ProgressReported& e) { keys.insert("movements/" + e.movement); }
  void operator()(const ClusterMemberJoined& e) { all_years(e.cluster); }
  void operator()(const ClusterMemberLeft& e) { all_years(e.cluster); }
  void operator()(const DecisionIssued& e) { add_decision(s, e.id, keys); }
  void operator()(const DecisionCorrected& e) { add_decision(s, e.decision, keys); }
  void operator()(const DecisionRevoked& e) { add_decision(s, e.decision, keys); }
  // The yearly events of a cluster change that year's ranking.
  template <typename T>
  requires requires(const T& e) {
    e.cluster + "";
    e.year + 0;
  }
  void operator()(const T& e) { keys.insert(ranking_key(e.cluster, e.year)); }
  // Councils, initiatives, ratings, discipline, holds and proposals are read by the rules and
  // the eligibility query, which work on the state itself.
  template <typename T>
  void operator()(const T&) {}

  void all_years(const std::string& cluster) {
    auto it = s.clusters.find(cluster);
    if (it == s.clusters.end()) return;
    for (const auto& [year, y] : it->second.years) keys.insert(ranking_key(cluster, year));
  }
};

std::optional<int> parse_int(std::string_view text) {
  int value = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc() || end != text.data() + text.size()) return std::nullopt;
  return value;
}

std::optional<OrderedJson> render_ranking_key(const State& s, std::string_view rest) {
  const auto slash = rest.find('/');
  if (slash == std::string_view::npos) return std::nullopt;
  auto cluster = s.clusters.find(std::string(rest.substr(0, slash)));
  auto year = parse_int(rest.substr(slash + 1));
  if (cluster == s.clusters.end() || !year || !cluster->second.years.contains(*year)) {
    return std::nullopt;
  }
  return render_ranking(s, cluster->second, *year);
}

}  // namespace

const std::vector<std::string>& projection_names() {
  static const std::vector<std::string> kNames = {"ranking", "awards", "decisions",
                                                  "decision-index", "movements"};
  return kNames;
}

std::set<std::string> document_keys(const State& state, const Event& event) {
  std::set<std::string> keys;
  std::visit(Keys{state, keys}, event);
  return keys;
}

std::optional<OrderedJson> render_document(const State& s, const std::string& key) {
  const auto slash = key.find('/');
  const std::string_view kind = std::string_view(key).substr(0, slash);
  const std::string_view rest = std::string_view(key).substr(slash + 1);
  if (kind == "ranking") return render_ranking_key(s, rest);
  if (kind == "awards") return render_awards(s, std::string(rest));
  if (kind == "decisions") return render_decision(s, std::string(rest));
  if (kind == "movements") return render_movement(s, std::string(rest));
  if (kind == "decision-index") {
    const std::string id(rest.substr(rest.rfind('/') + 1));
    auto it = s.decisions.find(id);
    if (it == s.decisions.end() || decision_index_key(it->second.issued) != key) {
      return std::nullopt;
    }
    return render_decision_summary(s, id);
  }
  return std::nullopt;
}

}  // namespace thidua::projections
