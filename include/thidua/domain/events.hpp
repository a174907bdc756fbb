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

#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "thidua/domain/award_events.hpp"
#include "thidua/domain/cluster_events.hpp"
#include "thidua/domain/event_parts.hpp"
#include "thidua/domain/movement_events.hpp"
#include "thidua/domain/registry_events.hpp"
#include "thidua/domain/values.hpp"

namespace thidua::domain {

using Event =
    std::variant<OrganizationRegistered, OrganizationRenamed, OrganizationsMerged,
                 OrganizationSplit, PersonRegistered, CouncilEstablished, InitiativeRecognized,
                 TaskRated, DisciplineRecorded, HoldPlaced, HoldReleased, MovementLaunched,
                 RegistrationSubmitted, ProgressReported, ClusterEstablished, ClusterMemberJoined,
                 ClusterMemberLeft, OfficersElected, CovenantAdopted, CovenantSigned, ScoreEntered,
                 ScoreCorrected, ScoringClosed, ClusterVoteRecorded, ProposalSubmitted,
                 CouncilVoteRecorded, DecisionIssued, DecisionCorrected, DecisionRevoked,
                 PersonTransferred, ProposalPublished>;

// The event's name, e.g. "ScoreEntered"; its CloudEvents type is "vn.thidua.score_entered.v1"
// (the name in lower snake case, codec::event_type) and its
// schema "events/<name>.v1.json".
std::string_view event_name(const Event& event);
// The name of every event, in the order of the variant.
const std::vector<std::string_view>& event_names();
// The stream the event belongs to, e.g. "cluster/cum-6/2019".
std::string subject_of(const Event& event);

// Personal data (Decree 13/2023/ND-CP): a person's discipline, a hold or its release. Only the
// roles that may see personal data get these whole (app::sees_personal_data).
bool personal_event_name(std::string_view event_name);
bool personal(const Event& event);
// The prefixes of the streams that hold personal data only: "discipline/", "hold/".
const std::vector<std::string_view>& personal_stream_prefixes();
// Whether a stream holds personal data only ("discipline/<person>", "hold/<id>").
bool personal_stream(std::string_view stream);

}  // namespace thidua::domain
