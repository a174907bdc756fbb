// The commands of the thidua domain: what a user asks for, in the imperative. decide() turns
// a command into events or into a refusal naming the rule (see decide.hpp).
//
// Most commands carry exactly the fields of the event they lead to and are declared as that
// event's struct under the command's name; the others leave out what the domain derives
// (a correction's previous points, a vote's outcome, a decision's rule checks). Each command
// body has a JSON Schema, schemas/commands/<Name>.v1.json. Plain values; thread-safe.
#pragma once

#include <string_view>
#include <variant>
#include <vector>

#include "thidua/domain/events.hpp"

namespace thidua::domain {

struct RegisterOrganization : OrganizationRegistered {};
struct RenameOrganization : OrganizationRenamed {};
struct MergeOrganizations : OrganizationsMerged {};
struct SplitOrganization : OrganizationSplit {};
struct RegisterPerson : PersonRegistered {};
struct EstablishCouncil : CouncilEstablished {};
struct RecognizeInitiative : InitiativeRecognized {};
struct RateTask : TaskRated {};
struct RecordDiscipline : DisciplineRecorded {};
struct PlaceHold : HoldPlaced {};
struct ReleaseHold : HoldReleased {};
struct LaunchMovement : MovementLaunched {};
struct SubmitRegistration : RegistrationSubmitted {};
struct ReportProgress : ProgressReported {};
struct EstablishCluster : ClusterEstablished {};
struct JoinCluster : ClusterMemberJoined {};
struct LeaveCluster : ClusterMemberLeft {};
struct ElectOfficers : OfficersElected {};
struct AdoptCovenant : CovenantAdopted {};
struct SignCovenant : CovenantSigned {};
struct EnterScore : ScoreEntered {};
struct CloseScoring : ScoringClosed {};
struct SubmitProposal : ProposalSubmitted {};
struct PublishProposal : ProposalPublished {};
struct CorrectDecision : DecisionCorrected {};
struct RevokeDecision : DecisionRevoked {};
struct TransferPerson : PersonTransferred {};

struct CorrectScore {
  std::string cluster;
  int year = 0;
  ScoreKind kind = ScoreKind::kSelf;
  std::string scorer;
  std::string scored;
  std::string criterion;
  Decimal points;
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
    v("reason", s.reason);
  }
};

struct RecordClusterVote {
  std::string cluster;
  int year = 0;
  std::string question;
  Motion motion = Motion::kLeader;
  std::optional<Award> award;
  std::string nominee;
  std::int64_t eligible = 0;
  std::int64_t yes = 0;
  std::int64_t no = 0;
  std::int64_t abstain = 0;
  BallotKind ballot = BallotKind::kSecret;
  Date date;
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
  }
};

struct Tally {
  SubjectRef nominee;
  std::int64_t yes = 0;
  std::int64_t no = 0;
  std::int64_t abstain = 0;
  template <class S, class V>
  static void describe(S& s, V&& v) {
    v("nominee", s.nominee);
    v("yes", s.yes);
    v("no", s.no);
    v("abstain", s.abstain);
  }
};

struct RecordCouncilVote {
  std::string council;
  std::string proposal;
  Date date;
  BallotKind ballot = BallotKind::kSecret;
  std::int64_t present = 0;
  std::vector<Tally> tallies;
  template <class S, class V>
  static void describe(S& s, V&& v) {
    v("council", s.council);
    v("proposal", s.proposal);
    v("date", s.date);
    v("ballot", s.ballot);
    v("present", s.present);
    v("tallies", s.tallies);
  }
};

struct IssueDecision {
  std::string id;
  std::string number;
  Date date;
  std::string issuer;
  std::string signer;
  std::string capacity;
  std::vector<std::string> legal_basis;
  Award award = Award::kGK;
  Occasion occasion = Occasion::kAnnual;
  int year = 0;
  std::vector<Recipient> recipients;
  std::optional<Decimal> reward_multiple;
  std::optional<std::string> proposal;
  std::optional<std::string> movement;
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
  }
};

using Command =
    std::variant<RegisterOrganization, RenameOrganization, MergeOrganizations, SplitOrganization,
                 RegisterPerson, EstablishCouncil, RecognizeInitiative, RateTask, RecordDiscipline,
                 PlaceHold, ReleaseHold, LaunchMovement, SubmitRegistration, ReportProgress,
                 EstablishCluster, JoinCluster, LeaveCluster, ElectOfficers, AdoptCovenant,
                 SignCovenant, EnterScore, CorrectScore, CloseScoring, RecordClusterVote,
                 SubmitProposal, RecordCouncilVote, IssueDecision, CorrectDecision, RevokeDecision,
                 TransferPerson, PublishProposal>;

// The command's name, e.g. "EnterScore"; its schema is "commands/<name>.v1.json".
std::string_view command_name(const Command& command);
// The name of every command, in the order of the variant.
const std::vector<std::string_view>& command_names();

}  // namespace thidua::domain
