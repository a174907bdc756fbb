#include "thidua/domain/dependencies.hpp"

#include <algorithm>

#include "decide_internal.hpp"

namespace thidua::domain {

void StreamSet::organization(const std::string& id) {
  if (!streams_.insert("organization/" + id).second) return;
  auto it = s_.organizations.find(id);
  if (it == s_.organizations.end()) return;
  // A merger is recorded in its successor's stream, a split in its predecessor's: each
  // changes the other side too.
  for (const std::string& other : it->second.successors) add("organization/" + other);
  for (const std::string& other : it->second.predecessors) add("organization/" + other);
}

void StreamSet::person(const std::string& id) {
  if (!people_done_.insert(id).second) return;
  add("person/" + id);
  add("discipline/" + id);
  auto it = s_.people.find(id);
  if (it == s_.people.end()) return;
  for (const auto& posting : it->second.postings) organization(posting.value.organization);
}

void StreamSet::subject(const SubjectRef& subject) {
  if (subject.kind == SubjectKind::kPerson) {
    person(subject.id);
  } else {
    organization(subject.id);
  }
}

void StreamSet::decision(const std::string& id) {
  if (!decisions_done_.insert(id).second) return;
  add("decision/" + id);
  auto it = s_.decisions.find(id);
  if (it == s_.decisions.end()) return;
  const DecisionState& d = it->second;
  organization(d.issued.issuer);
  if (d.revocation) organization(d.revocation->value.issuer);
  for (const Recipient& r : d.issued.recipients) {
    // The recipients' names; a person's name is in the registration.
    if (r.subject.kind == SubjectKind::kPerson) {
      add("person/" + r.subject.id);
    } else {
      organization(r.subject.id);
    }
    // The initiatives it cites are marked used by it (and freed by its revocation), and by
    // every other decision that cites them.
    for (const std::string& in : r.initiatives) initiative(in);
  }
}

void StreamSet::awards(const std::string& subject) {
  auto it = s_.awards.find(subject);
  if (it == s_.awards.end()) return;
  for (const AwardRecord& r : it->second) decision(r.decision);
}

void StreamSet::cluster(const std::string& id) {
  if (!streams_.insert("cluster/" + id).second) return;
  auto it = s_.clusters.find(id);
  if (it == s_.clusters.end()) return;
  const ClusterState& c = it->second;
  organization(c.established.organiser);
  for (const std::string& m : c.established.members) organization(m);
  for (const auto& change : c.changes) organization(change.value.organization);
}

void StreamSet::cluster_year(const std::string& id, int year) {
  cluster(id);
  add("cluster/" + id + "/" + std::to_string(year));
}

void StreamSet::movement(const std::string& id) {
  add("movement/" + id);
  auto it = s_.movements.find(id);
  if (it == s_.movements.end()) return;
  const MovementState& m = it->second;
  organization(m.launched.launched_by);
  for (const auto& [key, r] : m.registrations) organization(key.first);
  for (const auto& [key, r] : m.progress) organization(key.first);
}

void StreamSet::initiative(const std::string& id) {
  if (!initiatives_done_.insert(id).second) return;
  add("initiative/" + id);
  auto it = s_.initiatives.find(id);
  if (it == s_.initiatives.end()) return;
  organization(it->second.recognized.recognized_by);
  for (const std::string& owner : it->second.recognized.owners) add("person/" + owner);
  // Every decision that cited it: the last active one marks it used.
  for (const auto& [did, d] : s_.decisions) {
    for (const Recipient& r : d.issued.recipients) {
      if (std::find(r.initiatives.begin(), r.initiatives.end(), id) != r.initiatives.end()) {
        decision(did);
        break;
      }
    }
  }
}

void StreamSet::hold(const std::string& id) {
  add("hold/" + id);
  auto it = s_.holds.find(id);
  if (it != s_.holds.end()) subject(it->second.placed.subject);
}

void StreamSet::proposal(const std::string& id) {
  add("proposal/" + id);
  auto it = s_.proposals.find(id);
  if (it == s_.proposals.end()) return;
  const ProposalSubmitted& p = it->second.submitted;
  organization(p.proposing_body);
  for (const SubjectRef& nominee : p.nominees) subject(nominee);
  if (p.council) council(*p.council);
  if (p.cluster) cluster(*p.cluster);
  for (const auto& vote : it->second.votes) council(vote.value.council);
}

void StreamSet::council(const std::string& id) {
  add("council/" + id);
  auto it = s_.councils.find(id);
  if (it != s_.councils.end()) organization(it->second.established.organization);
}

namespace {

// Everyone ever posted to `organization`, with what count_members() reads of them.
void add_staff(const State& now, const std::string& organization, StreamSet& out) {
  out.organization(organization);
  auto it = now.staff.find(organization);
  if (it == now.staff.end()) return;
  for (const std::string& person : it->second) {
    out.person(person);
    out.awards("person/" + person);
  }
}

// The clusters in `year` that `organization` could have led (listed in, or named by a vote),
// and those of the same organisers with their leaders' awards (the CO_CP quota).
void add_flag_streams(const State& now, const std::string& organization, int year,
                      const std::optional<std::string>& issuer, StreamSet& out) {
  std::set<std::string> organisers;
  if (issuer) organisers.insert(*issuer);
  for (const auto& [id, c] : now.clusters) {
    bool named = c.established.organiser == organization ||
                 std::find(c.established.members.begin(), c.established.members.end(),
                           organization) != c.established.members.end();
    for (const auto& change : c.changes) named |= change.value.organization == organization;
    if (auto y = c.years.find(year); y != c.years.end()) {
      for (const auto& vote : y->second.votes) named |= vote.value.nominee == organization;
    }
    if (named) organisers.insert(c.established.organiser);
  }
  for (const auto& [id, c] : now.clusters) {
    if (!organisers.contains(c.established.organiser)) continue;
    out.cluster_year(id, year);
    auto y = c.years.find(year);
    if (y == c.years.end()) continue;
    for (const auto& vote : y->second.votes) {
      out.organization(vote.value.nominee);
      out.awards("organization/" + vote.value.nominee);
    }
  }
}

}  // namespace

void add_eligibility_streams(const State& now, const EligibilityQuestion& q, StreamSet& out) {
  const std::string subject = q.subject.to_string();
  out.subject(q.subject);
  out.awards(subject);
  if (q.issuer) out.organization(*q.issuer);
  for (const std::string& in : q.initiatives) out.initiative(in);
  if (auto it = now.holds_by_subject.find(subject); it != now.holds_by_subject.end()) {
    for (const std::string& hold : it->second) out.hold(hold);
  }
  for (const auto& [id, in] : now.initiatives) {
    const auto& owners = in.recognized.owners;
    if (std::find(owners.begin(), owners.end(), q.subject.id) != owners.end()) out.initiative(id);
  }
  if (q.decision) out.decision(*q.decision);
  if (q.subject.kind == SubjectKind::kPerson) {
    // CSTDCS is capped by a share of the unit's LDTT holders: the members of every unit the
    // person was posted to.
    if (auto it = now.people.find(q.subject.id); it != now.people.end()) {
      for (const auto& posting : it->second.postings) {
        add_staff(now, posting.value.organization, out);
      }
    }
    return;
  }
  add_staff(now, q.subject.id, out);
  if (q.award == Award::kCO_CP || q.award == Award::kCO_TINH) {
    add_flag_streams(now, q.subject.id, q.year, q.issuer, out);
  }
}

void add_decision_streams(const State& now, const std::string& id, StreamSet& out) {
  auto it = now.decisions.find(id);
  if (it == now.decisions.end()) return;
  const DecisionIssued& d = it->second.issued;
  out.decision(id);
  out.organization(d.issuer);
  for (const auto& [council_id, council] : now.councils) {
    if (council.established.organization == d.issuer) out.council(council_id);
  }
  if (d.proposal) out.proposal(*d.proposal);
  if (d.movement) out.movement(*d.movement);
  for (const Recipient& r : d.recipients) {
    EligibilityQuestion q;
    q.subject = r.subject;
    q.award = d.award;
    q.occasion = d.occasion;
    q.year = d.year;
    q.initiatives = r.initiatives;
    q.issuer = d.issuer;
    q.decision = id;
    q.date = d.date;
    // For a flag, this also names the clusters of the recipient's organiser and their
    // leaders' awards: the decision-wide CO_CP quota counts them.
    add_eligibility_streams(now, q, out);
  }
}

}  // namespace thidua::domain
