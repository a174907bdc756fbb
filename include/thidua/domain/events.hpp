// The events of the thidua domain: what happened, in the past tense, one struct each.
//
// An event is a fact; once appended it is never changed. Each struct lists its fields with
// describe(self, visit): visit(name, field) is called for every field in order, so that the
// codec can write and read any event without a hand-written mapping, and tests can compare
// the field names with the event's JSON Schema (schemas/events/<Name>.v1.json). Field names are
// the JSON member names. An absent std::optional is left out of the JSON.
//
// Every event lives in one stream, its subject (subject_of): see docs/domain-model.md for the
// stream of each event. Plain values; thread-safe.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "thidua/domain/values.hpp"

namespace thidua::domain {

// ---- Shared parts --------------------------------------------------------------------------

// A share as written in data: {"numerator": 2, "denominator": 3, "strict": false}.
struct ShareSpec {
  std::int64_t numerator = 0;
  std::int64_t denominator = 1;
  bool strict = false;
  template <class S, class V>
  static void describe(S& s, V&& v) {
    v("numerator", s.numerator);
    v("denominator", s.denominator);
    v("strict", s.strict);
  }
  Share share() const { return Share{numerator, denominator, strict}; }
};

struct CouncilMember {
  std::string name;
  std::string capacity;  // e.g. "Chủ tịch Hội đồng", "Ủy viên"
  template <class S, class V>
  static void describe(S& s, V&& v) {
    v("name", s.name);
    v("capacity", s.capacity);
  }
};

// The vote a council needs to pass a proposal for one award, as a share of its total
// membership (members absent but giving written opinions count).
struct CouncilThreshold {
  Award award = Award::kGK;
  ShareSpec threshold;
  template <class S, class V>
  static void describe(S& s, V&& v) {
    v("award", s.award);
    v("threshold", s.threshold);
  }
};

// A numbered target (chỉ tiêu) of a movement: "50% of households", "200 soft ATMs".
struct Target {
  int number = 0;
  std::string text;
  std::string metric;  // what is counted, e.g. "hộ gia đình dùng thanh toán số"
  Decimal value;       // the goal
  std::string unit;    // e.g. "%", "ATM"
  std::optional<Date> due;
  template <class S, class V>
  static void describe(S& s, V&& v) {
    v("number", s.number);
    v("text", s.text);
    v("metric", s.metric);
    v("value", s.value);
    v("unit", s.unit);
    v("due", s.due);
  }
};

// A criterion of a movement, with its sub-items.
struct MovementCriterion {
  std::string code;
  std::string text;
  std::vector<std::string> items;
  template <class S, class V>
  static void describe(S& s, V&& v) {
    v("code", s.code);
    v("text", s.text);
    v("items", s.items);
  }
};

// A target pledged in a registration: the target's number and the value the unit pledges.
struct Pledge {
  int target = 0;
  Decimal value;
  template <class S, class V>
  static void describe(S& s, V&& v) {
    v("target", s.target);
    v("value", s.value);
  }
};

// A criterion of a covenant: code, text and the most points it can give.
struct CovenantCriterion {
  std::string code;
  std::string text;
  Decimal max_points;
  template <class S, class V>
  static void describe(S& s, V&& v) {
    v("code", s.code);
    v("text", s.text);
    v("max_points", s.max_points);
  }
};

// A supporting document of a proposal, identified by the SHA-256 of its bytes (64 hex digits).
struct Document {
  std::string title;
  std::string sha256;
  template <class S, class V>
  static void describe(S& s, V&& v) {
    v("title", s.title);
    v("sha256", s.sha256);
  }
};

// A council's tallies for one nominee. `passed` is derived by the domain from the council's
// threshold for the award.
struct NomineeTally {
  SubjectRef nominee;
  std::int64_t yes = 0;
  std::int64_t no = 0;
  std::int64_t abstain = 0;
  bool passed = false;
  template <class S, class V>
  static void describe(S& s, V&& v) {
    v("nominee", s.nominee);
    v("yes", s.yes);
    v("no", s.no);
    v("abstain", s.abstain);
    v("passed", s.passed);
  }
};

// A recipient of a decision, with the initiatives the award relies on (each supports at most
// one award).
struct Recipient {
  SubjectRef subject;
  std::vector<std::string> initiatives;
  template <class S, class V>
  static void describe(S& s, V&& v) {
    v("subject", s.subject);
    v("initiatives", s.initiatives);
  }
};

// A fact a rule check used: the position of the event that established it, and what it says.
struct Fact {
  std::uint64_t position = 0;
  std::string what;
  template <class S, class V>
  static void describe(S& s, V&& v) {
    v("position", s.position);
    v("what", s.what);
  }
};

// The outcome of one rule for one subject: its stable id (e.g. "award.CSTDCS.rating"),
// whether it passed, why, and the facts it used.
struct RuleCheck {
  std::string rule;
  std::string subject;  // "person/..." or "organization/..."; empty for the whole decision
  bool passed = false;
  std::string detail;
  std::vector<Fact> facts;
  template <class S, class V>
  static void describe(S& s, V&& v) {
    v("rule", s.rule);
    v("subject", s.subject);
    v("passed", s.passed);
    v("detail", s.detail);
    v("facts", s.facts);
  }
};

// ---- Organizations, people, councils, initiatives, ratings, holds ---------------------------

struct OrganizationRegistered {
  std::string id;
  std::string name;
  OrganizationKind kind = OrganizationKind::kAgency;
  std::optional<std::string> parent;
  template <class S, class V>
  static void describe(S& s, V&& v) {
    v("id", s.id);
    v("name", s.name);
    v("kind", s.kind);
    v("parent", s.parent);
  }
};

struct OrganizationRenamed {
  std::string id;
  std::string name;
  Date effective;
  std::optional<std::string> basis;  // the document that renamed it
  template <class S, class V>
  static void describe(S& s, V&& v) {
    v("id", s.id);
    v("name", s.name);
    v("effective", s.effective);
    v("basis", s.basis);
  }
};

// Several units merged into one successor (which may be one of them). The others end; their
// award history continues under the successor. Subject: the successor's stream.
struct OrganizationsMerged {
  std::vector<std::string> predecessors;
  std::string successor;
  Date effective;
  std::optional<std::string> basis;
  template <class S, class V>
  static void describe(S& s, V&& v) {
    v("predecessors", s.predecessors);
    v("successor", s.successor);
    v("effective", s.effective);
    v("basis", s.basis);
  }
};

// A unit split into several successors and ended. Subject: the predecessor's stream.
struct OrganizationSplit {
  std::string predecessor;
  std::vector<std::string> successors;
  Date effective;
  std::optional<std::string> basis;
  template <class S, class V>
  static void describe(S& s, V&& v) {
    v("predecessor", s.predecessor);
    v("successors", s.successors);
    v("effective", s.effective);
    v("basis", s.basis);
  }
};

// A person joins `organization` on `since` (absent: the person counts as its staff in every
// year, as for records kept before dates were).
struct PersonRegistered {
  std::string id;
  std::string name;
  std::string organization;
  std::optional<std::string> job_title;
  std::optional<Date> since;
  template <class S, class V>
  static void describe(S& s, V&& v) {
    v("id", s.id);
    v("name", s.name);
    v("organization", s.organization);
    v("job_title", s.job_title);
    v("since", s.since);
  }
};

// A person moves to another organization from `effective` on. Subject: the person's stream.
struct PersonTransferred {
  std::string person;
  std::string organization;
  Date effective;
  std::optional<std::string> basis;
  template <class S, class V>
  static void describe(S& s, V&& v) {
    v("person", s.person);
    v("organization", s.organization);
    v("effective", s.effective);
    v("basis", s.basis);
  }
};

// An emulation and commendation council of an authority, with its members, its quorum and,
// per award, the share of the total membership a proposal needs.
struct CouncilEstablished {
  std::string id;
  std::string organization;  // the authority the council advises
  std::string name;
  std::vector<CouncilMember> members;
  ShareSpec quorum;
  std::vector<CouncilThreshold> thresholds;
  template <class S, class V>
  static void describe(S& s, V&& v) {
    v("id", s.id);
    v("organization", s.organization);
    v("name", s.name);
    v("members", s.members);
    v("quorum", s.quorum);
    v("thresholds", s.thresholds);
  }
};

struct InitiativeRecognized {
  std::string id;
  std::string title;
  std::vector<std::string> owners;  // person ids
  std::string recognized_by;        // organization id
  Scope scope = Scope::kGrassroots;
  int year = 0;
  Date date;
  template <class S, class V>
  static void describe(S& s, V&& v) {
    v("id", s.id);
    v("title", s.title);
    v("owners", s.owners);
    v("recognized_by", s.recognized_by);
    v("scope", s.scope);
    v("year", s.year);
    v("date", s.date);
  }
};

// The yearly task rating of a person or a unit. Subject: the rated subject's stream.
struct TaskRated {
  SubjectRef subject;
  int year = 0;
  Rating rating = Rating::kCompleted;
  template <class S, class V>
  static void describe(S& s, V&& v) {
    v("subject", s.subject);
    v("year", s.year);
    v("rating", s.rating);
  }
};

struct DisciplineRecorded {
  std::string person;
  int year = 0;
  DisciplineLevel level = DisciplineLevel::kReprimand;
  Date date;
  std::string basis;
  template <class S, class V>
  static void describe(S& s, V&& v) {
    v("person", s.person);
    v("year", s.year);
    v("level", s.level);
    v("date", s.date);
    v("basis", s.basis);
  }
};

struct HoldPlaced {
  std::string id;
  SubjectRef subject;
  HoldKind kind = HoldKind::kInvestigation;
  std::string reason;
  Date date;
  template <class S, class V>
  static void describe(S& s, V&& v) {
    v("id", s.id);
    v("subject", s.subject);
    v("kind", s.kind);
    v("reason", s.reason);
    v("date", s.date);
  }
};

struct HoldReleased {
  std::string id;
  std::string reason;
  Date date;
  template <class S, class V>
  static void describe(S& s, V&& v) {
    v("id", s.id);
    v("reason", s.reason);
    v("date", s.date);
  }
};

// ---- Movements ------------------------------------------------------------------------------

struct MovementLaunched {
  std::string id;
  std::string name;
  MovementForm form = MovementForm::kRegular;
  std::string launched_by;  // organization id
  Date start;
  Date end;
  std::optional<std::string> slogan;
  std::vector<Target> targets;
  std::vector<MovementCriterion> criteria;
  template <class S, class V>
  static void describe(S& s, V&& v) {
    v("id", s.id);
    v("name", s.name);
    v("form", s.form);
    v("launched_by", s.launched_by);
    v("start", s.start);
    v("end", s.end);
    v("slogan", s.slogan);
    v("targets", s.targets);
    v("criteria", s.criteria);
  }
};

// A unit enrols in a movement for a year and pledges titles and targets.
struct RegistrationSubmitted {
  std::string movement;
  std::string organization;
  int year = 0;
  std::vector<Award> titles;
  std::vector<Pledge> pledges;
  template <class S, class V>
  static void describe(S& s, V&& v) {
    v("movement", s.movement);
    v("organization", s.organization);
    v("year", s.year);
    v("titles", s.titles);
    v("pledges", s.pledges);
  }
};

struct ProgressReported {
  std::string movement;
  std::string organization;
  int target = 0;  // the target's number
  Decimal value;   // cumulative value reached, in the target's unit
  Date date;
  std::optional<std::string> note;
  template <class S, class V>
  static void describe(S& s, V&& v) {
    v("movement", s.movement);
    v("organization", s.organization);
    v("target", s.target);
    v("value", s.value);
    v("date", s.date);
    v("note", s.note);
  }
};

// ---- Clusters and blocs ---------------------------------------------------------------------

struct ClusterEstablished {
  std::string id;
  std::string name;
  ClusterKind kind = ClusterKind::kCluster;
  std::string organiser;  // the authority that groups the members
  int year = 0;           // the first year of the listed members
  std::vector<std::string> members;
  template <class S, class V>
  static void describe(S& s, V&& v) {
    v("id", s.id);
    v("name", s.name);
    v("kind", s.kind);
    v("organiser", s.organiser);
    v("year", s.year);
    v("members", s.members);
  }
};

// A unit is a member from `year` on.
struct ClusterMemberJoined {
  std::string cluster;
  std::string organization;
  int year = 0;
  template <class S, class V>
  static void describe(S& s, V&& v) {
    v("cluster", s.cluster);
    v("organization", s.organization);
    v("year", s.year);
  }
};

// A unit is no longer a member from `year` on.
struct ClusterMemberLeft {
  std::string cluster;
  std::string organization;
  int year = 0;
  template <class S, class V>
  static void describe(S& s, V&& v) {
    v("cluster", s.cluster);
    v("organization", s.organization);
    v("year", s.year);
  }
};

struct OfficersElected {
  std::string cluster;
  int year = 0;  // the year they serve
  std::string head;
  std::string deputy;
  template <class S, class V>
  static void describe(S& s, V&& v) {
    v("cluster", s.cluster);
    v("year", s.year);
    v("head", s.head);
    v("deputy", s.deputy);
  }
};

struct CovenantAdopted {
  std::string cluster;
  int year = 0;
  std::vector<CovenantCriterion> criteria;
  RankingBasis ranking_basis = RankingBasis::kFinal;
  template <class S, class V>
  static void describe(S& s, V&& v) {
    v("cluster", s.cluster);
    v("year", s.year);
    v("criteria", s.criteria);
    v("ranking_basis", s.ranking_basis);
  }
};

struct CovenantSigned {
  std::string cluster;
  int year = 0;
  std::string organization;
  std::string representative;  // who signed
  std::string capacity;        // their title, e.g. "Giám đốc Sở"
  Date date;
  template <class S, class V>
  static void describe(S& s, V&& v) {
    v("cluster", s.cluster);
    v("year", s.year);
    v("organization", s.organization);
    v("representative", s.representative);
    v("capacity", s.capacity);
    v("date", s.date);
  }
};

struct ScoreEntered {
  std::string cluster;
  int year = 0;
  ScoreKind kind = ScoreKind::kSelf;
  std::string scorer;  // organization id
  std::string scored;  // organization id
  std::string criterion;
  Decimal points;
  std::optional<std::string> evidence;  // a reference to the evidence (document, URL, hash)
  template <class S, class V>
  static void describe(S& s, V&& v) {
    v("cluster", s.cluster);
    v("year", s.year);
    v("kind", s.kind);
    v("scorer", s.scorer);
    v("scored", s.scored);
    v("criterion", s.criterion);
    v("points", s.points);
    v("evidence", s.evidence);
  }
};

// A score replaced by an explicit correction; `previous` is the points it replaced.
struct ScoreCorrected {
  std::string cluster;
  int year = 0;
  ScoreKind kind = ScoreKind::kSelf;
  std::string scorer;
  std::string scored;
  std::string criterion;
  Decimal points;
  Decimal previous;
  std::string reason;
  template <class S, class V>
  static void describe(S& s, V&& v) {
    v("cluster", s.cluster);
    v("year", s.year);
    v("kind", s.kind);
    v("scorer", s.scorer);
    v("scored", s.scored);
    v("criterion", s.criterion);
    v("points", s.points);
    v("previous", s.previous);
    v("reason", s.reason);
  }
};

struct ScoringClosed {
  std::string cluster;
  int year = 0;
  Date date;
  template <class S, class V>
  static void describe(S& s, V&& v) {
    v("cluster", s.cluster);
    v("year", s.year);
    v("date", s.date);
  }
};

// The tallies of a vote of the cluster's members on one nominee; `passed` is derived by the
// domain (more than half of the eligible voters said yes, unless the rule set says otherwise).
struct ClusterVoteRecorded {
  std::string cluster;
  int year = 0;
  std::string question;
  Motion motion = Motion::kLeader;
  std::optional<Award> award;  // for Motion::kAward
  std::string nominee;         // organization id
  std::int64_t eligible = 0;
  std::int64_t yes = 0;
  std::int64_t no = 0;
  std::int64_t abstain = 0;
  BallotKind ballot = BallotKind::kSecret;
  Date date;
  bool passed = false;
  template <class S, class V>
  static void describe(S& s, V&& v) {
    v("cluster", s.cluster);
    v("year", s.year);
    v("question", s.question);
    v("motion", s.motion);
    v("award", s.award);
    v("nominee", s.nominee);
    v("eligible", s.eligible);
    v("yes", s.yes);
    v("no", s.no);
    v("abstain", s.abstain);
    v("ballot", s.ballot);
    v("date", s.date);
    v("passed", s.passed);
  }
};

// ---- Proposals, council votes, decisions ----------------------------------------------------

struct ProposalSubmitted {
  std::string id;
  std::string proposing_body;  // organization id
  Award award = Award::kGK;
  Occasion occasion = Occasion::kAnnual;
  int year = 0;
  std::vector<SubjectRef> nominees;
  std::vector<Document> documents;
  std::optional<std::string> council;  // the council that considers it
  std::optional<std::string> cluster;  // the cluster whose vote it carries, for flags
  Date date;
  template <class S, class V>
  static void describe(S& s, V&& v) {
    v("id", s.id);
    v("proposing_body", s.proposing_body);
    v("award", s.award);
    v("occasion", s.occasion);
    v("year", s.year);
    v("nominees", s.nominees);
    v("documents", s.documents);
    v("council", s.council);
    v("cluster", s.cluster);
    v("date", s.date);
  }
};

// A council's vote on a proposal: tallies only, never who voted how. `members_total` and
// `quorum_met` and each tally's `passed` are derived by the domain from the council.
// Subject: the proposal's stream.
struct CouncilVoteRecorded {
  std::string council;
  std::string proposal;
  Date date;
  BallotKind ballot = BallotKind::kSecret;
  std::int64_t members_total = 0;
  std::int64_t present = 0;  // members voting, in the meeting or by written opinion
  std::vector<NomineeTally> tallies;
  template <class S, class V>
  static void describe(S& s, V&& v) {
    v("council", s.council);
    v("proposal", s.proposal);
    v("date", s.date);
    v("ballot", s.ballot);
    v("members_total", s.members_total);
    v("present", s.present);
    v("tallies", s.tallies);
  }
};

// An award decision. `ruleset` and `checks` are derived by the domain: the rule set in force
// on `date`, and every rule it applied with the facts used.
struct DecisionIssued {
  std::string id;
  std::string number;  // e.g. "123/QĐ-BTTTT"
  Date date;
  std::string issuer;    // organization id
  std::string signer;    // name of the person who signed
  std::string capacity;  // e.g. "Bộ trưởng", "KT. Bộ trưởng – Thứ trưởng"
  std::vector<std::string> legal_basis;
  Award award = Award::kGK;
  Occasion occasion = Occasion::kAnnual;
  int year = 0;  // the year of the achievements
  std::vector<Recipient> recipients;
  std::optional<Decimal> reward_multiple;  // of the base salary
  std::optional<std::string> proposal;
  std::optional<std::string> movement;
  std::string ruleset;
  std::vector<RuleCheck> checks;
  template <class S, class V>
  static void describe(S& s, V&& v) {
    v("id", s.id);
    v("number", s.number);
    v("date", s.date);
    v("issuer", s.issuer);
    v("signer", s.signer);
    v("capacity", s.capacity);
    v("legal_basis", s.legal_basis);
    v("award", s.award);
    v("occasion", s.occasion);
    v("year", s.year);
    v("recipients", s.recipients);
    v("reward_multiple", s.reward_multiple);
    v("proposal", s.proposal);
    v("movement", s.movement);
    v("ruleset", s.ruleset);
    v("checks", s.checks);
  }
};

// A correction of a decision's descriptive text by a correcting document. Award, recipients
// and year are never corrected: a wrong award is revoked and a new decision issued.
struct DecisionCorrected {
  std::string decision;
  std::string number;  // the correcting document
  Date date;
  std::string reason;
  std::optional<std::string> signer;
  std::optional<std::string> capacity;
  std::optional<std::vector<std::string>> legal_basis;
  template <class S, class V>
  static void describe(S& s, V&& v) {
    v("decision", s.decision);
    v("number", s.number);
    v("date", s.date);
    v("reason", s.reason);
    v("signer", s.signer);
    v("capacity", s.capacity);
    v("legal_basis", s.legal_basis);
  }
};

struct DecisionRevoked {
  std::string decision;
  RevocationGround ground = RevocationGround::kA;
  std::string number;  // the revocation decision
  Date date;
  std::string issuer;
  std::string reason;
  std::optional<std::string> recovery;  // what is recovered (items, money)
  template <class S, class V>
  static void describe(S& s, V&& v) {
    v("decision", s.decision);
    v("ground", s.ground);
    v("number", s.number);
    v("date", s.date);
    v("issuer", s.issuer);
    v("reason", s.reason);
    v("recovery", s.recovery);
  }
};

using Event =
    std::variant<OrganizationRegistered, OrganizationRenamed, OrganizationsMerged,
                 OrganizationSplit, PersonRegistered, CouncilEstablished, InitiativeRecognized,
                 TaskRated, DisciplineRecorded, HoldPlaced, HoldReleased, MovementLaunched,
                 RegistrationSubmitted, ProgressReported, ClusterEstablished, ClusterMemberJoined,
                 ClusterMemberLeft, OfficersElected, CovenantAdopted, CovenantSigned, ScoreEntered,
                 ScoreCorrected, ScoringClosed, ClusterVoteRecorded, ProposalSubmitted,
                 CouncilVoteRecorded, DecisionIssued, DecisionCorrected, DecisionRevoked,
                 PersonTransferred>;

// The event's name, e.g. "ScoreEntered"; its CloudEvents type is "vn.thidua.score_entered.v1"
// (the name in lower snake case, codec::event_type) and its
// schema "events/<name>.v1.json".
std::string_view event_name(const Event& event);
// The name of every event, in the order of the variant.
const std::vector<std::string_view>& event_names();
// The stream the event belongs to, e.g. "cluster/cum-6/2019".
std::string subject_of(const Event& event);

}  // namespace thidua::domain
