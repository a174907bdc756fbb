// Command names, for their schemas.
#include "thidua/domain/commands.hpp"

namespace thidua::domain {

namespace {

template <typename T>
struct Tag {};

#define THIDUA_NAME(T) \
  constexpr std::string_view name_of(Tag<T>) { return #T; }
THIDUA_NAME(RegisterOrganization)
THIDUA_NAME(RenameOrganization)
THIDUA_NAME(MergeOrganizations)
THIDUA_NAME(SplitOrganization)
THIDUA_NAME(RegisterPerson)
THIDUA_NAME(EstablishCouncil)
THIDUA_NAME(RecognizeInitiative)
THIDUA_NAME(RateTask)
THIDUA_NAME(RecordDiscipline)
THIDUA_NAME(PlaceHold)
THIDUA_NAME(ReleaseHold)
THIDUA_NAME(LaunchMovement)
THIDUA_NAME(SubmitRegistration)
THIDUA_NAME(ReportProgress)
THIDUA_NAME(EstablishCluster)
THIDUA_NAME(JoinCluster)
THIDUA_NAME(LeaveCluster)
THIDUA_NAME(ElectOfficers)
THIDUA_NAME(AdoptCovenant)
THIDUA_NAME(SignCovenant)
THIDUA_NAME(EnterScore)
THIDUA_NAME(CorrectScore)
THIDUA_NAME(CloseScoring)
THIDUA_NAME(RecordClusterVote)
THIDUA_NAME(SubmitProposal)
THIDUA_NAME(RecordCouncilVote)
THIDUA_NAME(IssueDecision)
THIDUA_NAME(CorrectDecision)
THIDUA_NAME(RevokeDecision)
THIDUA_NAME(TransferPerson)
THIDUA_NAME(PublishProposal)
#undef THIDUA_NAME

template <std::size_t... I>
std::vector<std::string_view> all_names(std::index_sequence<I...>) {
  return {name_of(Tag<std::variant_alternative_t<I, Command>>{})...};
}

}  // namespace

std::string_view command_name(const Command& command) {
  return std::visit([](const auto& c) { return name_of(Tag<std::decay_t<decltype(c)>>{}); },
                    command);
}

const std::vector<std::string_view>& command_names() {
  static const auto names = all_names(std::make_index_sequence<std::variant_size_v<Command>>{});
  return names;
}

}  // namespace thidua::domain
