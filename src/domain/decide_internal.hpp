// Internals of decide(): one function per group of commands, and the naming helpers their
// refusals share. Not a public header.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "thidua/domain/decide.hpp"

namespace thidua::domain::internal {

// The current name of an organization or person, or its id when unknown, for messages.
std::string name_of(const State& state, const std::string& organization);
std::string name_of(const State& state, const SubjectRef& subject);
std::string quoted(const std::string& text);

// One per command; defined in decide_registry.cpp, decide_movement.cpp, decide_cluster.cpp
// and decide_award.cpp.
Verdict decide_one(const State& state, const RegisterOrganization& command, const Context& context);
Verdict decide_one(const State& state, const RenameOrganization& command, const Context& context);
Verdict decide_one(const State& state, const MergeOrganizations& command, const Context& context);
Verdict decide_one(const State& state, const SplitOrganization& command, const Context& context);
Verdict decide_one(const State& state, const RegisterPerson& command, const Context& context);
Verdict decide_one(const State& state, const EstablishCouncil& command, const Context& context);
Verdict decide_one(const State& state, const RecognizeInitiative& command, const Context& context);
Verdict decide_one(const State& state, const RateTask& command, const Context& context);
Verdict decide_one(const State& state, const RecordDiscipline& command, const Context& context);
Verdict decide_one(const State& state, const PlaceHold& command, const Context& context);
Verdict decide_one(const State& state, const ReleaseHold& command, const Context& context);
Verdict decide_one(const State& state, const LaunchMovement& command, const Context& context);
Verdict decide_one(const State& state, const SubmitRegistration& command, const Context& context);
Verdict decide_one(const State& state, const ReportProgress& command, const Context& context);
Verdict decide_one(const State& state, const EstablishCluster& command, const Context& context);
Verdict decide_one(const State& state, const JoinCluster& command, const Context& context);
Verdict decide_one(const State& state, const LeaveCluster& command, const Context& context);
Verdict decide_one(const State& state, const ElectOfficers& command, const Context& context);
Verdict decide_one(const State& state, const AdoptCovenant& command, const Context& context);
Verdict decide_one(const State& state, const SignCovenant& command, const Context& context);
Verdict decide_one(const State& state, const EnterScore& command, const Context& context);
Verdict decide_one(const State& state, const CorrectScore& command, const Context& context);
Verdict decide_one(const State& state, const CloseScoring& command, const Context& context);
Verdict decide_one(const State& state, const RecordClusterVote& command, const Context& context);
Verdict decide_one(const State& state, const SubmitProposal& command, const Context& context);
Verdict decide_one(const State& state, const RecordCouncilVote& command, const Context& context);
Verdict decide_one(const State& state, const PublishProposal& command, const Context& context);
Verdict decide_one(const State& state, const IssueDecision& command, const Context& context);
Verdict decide_one(const State& state, const CorrectDecision& command, const Context& context);
Verdict decide_one(const State& state, const RevokeDecision& command, const Context& context);
Verdict decide_one(const State& state, const TransferPerson& command, const Context& context);

// The eligibility question a decision asks of each recipient: its award, occasion, year,
// issuer and date, the initiatives it cites, and the date of the proposal it cites.
EligibilityQuestion question_for(const State& state, const IssueDecision& decision,
                                 const Recipient& recipient);

// Cluster helpers shared by decide_cluster.cpp and decide_scoring.cpp.
const ClusterState* find_cluster(const State& state, const std::string& id);
const ClusterYearState* find_year(const ClusterState& cluster, int year);
Verdict no_cluster(const std::string& id);
std::string member_phrase(const State& state, const ClusterState& cluster, const std::string& org,
                          int year);
// A refusal when the year's sheet is closed: nothing is added after closing.
std::optional<Verdict> refuse_if_closed(const ClusterState& cluster, int year);

// The leaders of every cluster-year `year` of clusters organised by `organiser` (all
// clusters when empty): organization id -> position of the vote that made it a leader.
std::map<std::string, std::uint64_t> leaders_of(const State& state, int year,
                                                const std::string& organiser);
// The organiser of a cluster that `organization` led in `year`, or empty.
std::string organiser_led_by(const State& state, const std::string& organization, int year);

// A unit's CSTDCS of a year against the share of its members holding LDTT that year (members:
// its staff on 31 December): the facts of each, and how many CSTDCS the share allows (rounded
// down: "không quá").
struct UnitShare {
  std::vector<Fact> ldtt, cstdcs;
  std::int64_t allowed = 0;
};
UnitShare cstdcs_share_of(const State& state, const ShareSpec& share, const std::string& unit,
                          int year);
std::string share_detail(const State& state, const ShareSpec& share, const std::string& unit,
                         int year, std::int64_t used, const UnitShare& counts);

// Whether `organization` leads, in `year`, a cluster whose organiser's kind receives CO_CP
// outright under `rules` (Law 06/2022 Art. 25(2)); the organiser's id when it does.
std::optional<std::string> co_cp_outright(const State& state, const RuleSet& rules,
                                          const std::string& organization, int year);

}  // namespace thidua::domain::internal
