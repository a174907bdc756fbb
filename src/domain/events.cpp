// Event names (for types and schemas) and the stream each event belongs to.
#include "thidua/domain/events.hpp"

#include <array>

namespace thidua::domain {

namespace {

template <typename T>
struct Tag {};

#define THIDUA_NAME(T) \
  constexpr std::string_view name_of(Tag<T>) { return #T; }
THIDUA_NAME(OrganizationRegistered)
THIDUA_NAME(OrganizationRenamed)
THIDUA_NAME(OrganizationsMerged)
THIDUA_NAME(OrganizationSplit)
THIDUA_NAME(PersonRegistered)
THIDUA_NAME(CouncilEstablished)
THIDUA_NAME(InitiativeRecognized)
THIDUA_NAME(TaskRated)
THIDUA_NAME(DisciplineRecorded)
THIDUA_NAME(HoldPlaced)
THIDUA_NAME(HoldReleased)
THIDUA_NAME(MovementLaunched)
THIDUA_NAME(RegistrationSubmitted)
THIDUA_NAME(ProgressReported)
THIDUA_NAME(ClusterEstablished)
THIDUA_NAME(ClusterMemberJoined)
THIDUA_NAME(ClusterMemberLeft)
THIDUA_NAME(OfficersElected)
THIDUA_NAME(CovenantAdopted)
THIDUA_NAME(CovenantSigned)
THIDUA_NAME(ScoreEntered)
THIDUA_NAME(ScoreCorrected)
THIDUA_NAME(ScoringClosed)
THIDUA_NAME(ClusterVoteRecorded)
THIDUA_NAME(ProposalSubmitted)
THIDUA_NAME(CouncilVoteRecorded)
THIDUA_NAME(DecisionIssued)
THIDUA_NAME(DecisionCorrected)
THIDUA_NAME(DecisionRevoked)
THIDUA_NAME(PersonTransferred)
THIDUA_NAME(ProposalPublished)
#undef THIDUA_NAME

std::string year_stream(const std::string& cluster, int year) {
  return "cluster/" + cluster + "/" + std::to_string(year);
}

struct SubjectOf {
  std::string operator()(const OrganizationRegistered& e) const { return org(e.id); }
  std::string operator()(const OrganizationRenamed& e) const { return org(e.id); }
  std::string operator()(const OrganizationsMerged& e) const { return org(e.successor); }
  std::string operator()(const OrganizationSplit& e) const { return org(e.predecessor); }
  std::string operator()(const PersonRegistered& e) const { return "person/" + e.id; }
  std::string operator()(const CouncilEstablished& e) const { return "council/" + e.id; }
  std::string operator()(const InitiativeRecognized& e) const { return "initiative/" + e.id; }
  std::string operator()(const TaskRated& e) const { return e.subject.to_string(); }
  // Personal data (Decree 13/2023/NĐ-CP): a stream of its own, so that what is public of a
  // person (the person's stream) can be shown whole without it.
  std::string operator()(const DisciplineRecorded& e) const { return "discipline/" + e.person; }
  std::string operator()(const PersonTransferred& e) const { return "person/" + e.person; }
  std::string operator()(const HoldPlaced& e) const { return "hold/" + e.id; }
  std::string operator()(const HoldReleased& e) const { return "hold/" + e.id; }
  std::string operator()(const MovementLaunched& e) const { return "movement/" + e.id; }
  std::string operator()(const RegistrationSubmitted& e) const { return mov(e.movement); }
  std::string operator()(const ProgressReported& e) const { return mov(e.movement); }
  std::string operator()(const ClusterEstablished& e) const { return "cluster/" + e.id; }
  std::string operator()(const ClusterMemberJoined& e) const { return "cluster/" + e.cluster; }
  std::string operator()(const ClusterMemberLeft& e) const { return "cluster/" + e.cluster; }
  std::string operator()(const ProposalSubmitted& e) const { return "proposal/" + e.id; }
  std::string operator()(const CouncilVoteRecorded& e) const { return "proposal/" + e.proposal; }
  std::string operator()(const ProposalPublished& e) const { return "proposal/" + e.proposal; }
  std::string operator()(const DecisionIssued& e) const { return "decision/" + e.id; }
  std::string operator()(const DecisionCorrected& e) const { return "decision/" + e.decision; }
  std::string operator()(const DecisionRevoked& e) const { return "decision/" + e.decision; }
  // The yearly events of a cluster live in the cluster-year's stream.
  template <typename T>
  std::string operator()(const T& e) const {
    return year_stream(e.cluster, e.year);
  }
  static std::string org(const std::string& id) { return "organization/" + id; }
  static std::string mov(const std::string& id) { return "movement/" + id; }
};

template <std::size_t... I>
std::vector<std::string_view> all_names(std::index_sequence<I...>) {
  return {name_of(Tag<std::variant_alternative_t<I, Event>>{})...};
}

}  // namespace

std::string_view event_name(const Event& event) {
  return std::visit([](const auto& e) { return name_of(Tag<std::decay_t<decltype(e)>>{}); }, event);
}

bool personal_event_name(std::string_view event_name) {
  return event_name == name_of(Tag<DisciplineRecorded>{}) ||
         event_name == name_of(Tag<HoldPlaced>{}) || event_name == name_of(Tag<HoldReleased>{});
}

bool personal(const Event& event) { return personal_event_name(domain::event_name(event)); }

const std::vector<std::string_view>& personal_stream_prefixes() {
  static const std::vector<std::string_view> prefixes = {"discipline/", "hold/"};
  return prefixes;
}

bool personal_stream(std::string_view stream) {
  for (std::string_view prefix : personal_stream_prefixes()) {
    if (stream.starts_with(prefix)) return true;
  }
  return false;
}

const std::vector<std::string_view>& event_names() {
  static const auto names = all_names(std::make_index_sequence<std::variant_size_v<Event>>{});
  return names;
}

std::string subject_of(const Event& event) { return std::visit(SubjectOf{}, event); }

}  // namespace thidua::domain
