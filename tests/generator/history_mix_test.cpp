// A 20,000-event history, appended to a MemoryEventStore: the store takes every event, every
// event decodes back (by the fast reader too), the mix holds every main kind with cross-scores the
// most common, and the state has what a real history has (closed years, checked decisions, a
// revocation, a merger).
#include <catch2/catch.hpp>

#include "generated_history.hpp"
#include "thidua/codec/event_codec.hpp"
#include "thidua/codec/schema_registry.hpp"

using namespace thidua;
using testing::count_by_name;
using testing::event_name;
using testing::stored_history;

namespace {

void decodes_back() {
  const testing::StoredHistory& h = stored_history();
  for (std::size_t i = 0; i < h.events.size(); ++i) {
    const RecordedEvent& e = h.events[i];
    Result<domain::Event> decoded = codec::decode_event(e.type, h.data[i]);
    INFO(e.position << " " << e.type << ": " << decoded.status().to_string());
    REQUIRE(decoded.is_ok());
    REQUIRE(domain::subject_of(*decoded) == e.subject);
    // The projections' fast reader reads the stored envelope to the same event.
    std::optional<domain::Event> fast = codec::try_decode_stored_event(e.type, e.bytes);
    REQUIRE(fast.has_value());
    REQUIRE(fast->index() == decoded->index());
    REQUIRE(domain::subject_of(*fast) == e.subject);
    // Re-encoding every event would double the test's time under the sanitizers.
    if (i % 41 == 0 || e.type.find("decision") != std::string::npos) {
      REQUIRE(nlohmann::json(codec::encode_event(*decoded)) == h.data[i]);
      REQUIRE(nlohmann::json(codec::encode_event(*fast)) == h.data[i]);
    }
  }
}

void valid_against_schemas() {
  // The first few of each type and a sample of the rest: the validator is slow under ASan.
  std::map<std::string, int> seen;
  const testing::StoredHistory& h = stored_history();
  for (std::size_t i = 0; i < h.events.size(); ++i) {
    const std::string name = event_name(h.events[i]);
    if (++seen[name] > 3 && i % 97 != 0) continue;
    std::vector<codec::FieldError> errors;
    const Status valid = codec::SchemaRegistry::standard().validate("events/" + name + ".v1.json",
                                                                    h.data[i], &errors);
    for (const codec::FieldError& error : errors) UNSCOPED_INFO(codec::to_string(error));
    INFO(i << " " << name);
    REQUIRE(valid.is_ok());
  }
}

void holds_the_mix() {
  const std::map<std::string, std::size_t> counts = count_by_name(stored_history());
  for (const auto& [name, count] : counts) UNSCOPED_INFO(name << ": " << count);
  for (const char* name : {"OrganizationRegistered",
                           "OrganizationRenamed",
                           "OrganizationsMerged",
                           "PersonRegistered",
                           "CouncilEstablished",
                           "InitiativeRecognized",
                           "TaskRated",
                           "DisciplineRecorded",
                           "PersonTransferred",
                           "HoldPlaced",
                           "HoldReleased",
                           "MovementLaunched",
                           "RegistrationSubmitted",
                           "ProgressReported",
                           "ClusterEstablished",
                           "ClusterMemberJoined",
                           "ClusterMemberLeft",
                           "OfficersElected",
                           "CovenantAdopted",
                           "CovenantSigned",
                           "ScoreEntered/self",
                           "ScoreEntered/cross",
                           "ScoreEntered/final",
                           "ScoreCorrected",
                           "ScoringClosed",
                           "ClusterVoteRecorded",
                           "ProposalSubmitted",
                           "CouncilVoteRecorded",
                           "DecisionIssued/LDTT",
                           "DecisionIssued/CSTDCS",
                           "DecisionIssued/CSTD_TINH",
                           "DecisionIssued/TTLDTT",
                           "DecisionIssued/TTLDXS",
                           "DecisionIssued/CO_TINH",
                           "DecisionIssued/CO_CP",
                           "DecisionIssued/BK_TINH",
                           "DecisionCorrected",
                           "DecisionRevoked"}) {
    INFO(name);
    CHECK(counts.contains(name));
  }
  const std::size_t cross = counts.at("ScoreEntered/cross");
  for (const auto& [name, count] : counts) {
    if (name.starts_with("ScoreEntered")) continue;
    INFO(name);
    CHECK(count < cross);
  }
  CHECK(cross > counts.at("ScoreEntered") / 2);
}

void has_a_real_state() {
  const domain::State& s = stored_history().generator->state();
  std::size_t closed = 0;
  for (const auto& [id, cluster] : s.clusters) {
    for (const auto& [year, y] : cluster.years) closed += y.closed_at.has_value();
  }
  CHECK(closed >= s.clusters.size());
  std::size_t revoked = 0, corrected = 0, rule_checks = 0;
  for (const auto& [id, d] : s.decisions) {
    revoked += d.revocation.has_value();
    corrected += !d.corrections.empty();
    for (const domain::RuleCheck& c : d.issued.checks) {
      INFO(id << " " << c.rule << ": " << c.detail);
      CHECK(c.passed);
      ++rule_checks;
    }
    CHECK_FALSE(d.issued.ruleset.empty());
  }
  CHECK(revoked >= 1);
  CHECK(corrected >= 1);
  CHECK(rule_checks > 10 * s.decisions.size());
  std::size_t merged = 0;
  for (const auto& [id, o] : s.organizations) {
    if (!o.ended) continue;
    ++merged;
    REQUIRE(o.successors.size() == 1);
    const domain::OrganizationState& successor = s.organizations.at(o.successors[0]);
    CHECK_FALSE(successor.ended);
    CHECK(std::find(successor.predecessors.begin(), successor.predecessors.end(), id) !=
          successor.predecessors.end());
  }
  CHECK(merged >= 1);
  // The staff of a unit merged away now work for its successor.
  std::size_t moved = 0;
  for (const auto& [id, person] : s.people) {
    INFO(id);
    CHECK_FALSE(s.organizations.at(person.organization()).ended);
    moved += person.postings.size() > 1;
  }
  CHECK(moved >= 1);
  std::size_t released = 0;
  for (const auto& [id, hold] : s.holds) released += hold.released_at.has_value();
  CHECK(released >= 1);
}

}  // namespace

// One test case, so that the history is generated and appended once per process (ctest runs
// each test case in a process of its own).
TEST_CASE("a 20000-event history is accepted whole by the store", "[generator]") {
  const testing::StoredHistory& h = stored_history();
  CHECK(h.generator->produced() >= 20000);
  CHECK(h.store.head() == h.generator->produced());
  CHECK(h.events.size() == h.store.head());
  CHECK(h.generator->state().next_position == h.store.head());
  SECTION("every generated event decodes back and a sample re-encodes to the same data") {
    decodes_back();
  }
  SECTION("generated events are valid against their schemas") { valid_against_schemas(); }
  SECTION("the mix holds every main kind of event with cross-scores the most common") {
    holds_the_mix();
  }
  SECTION("the state has closed years and checked decisions and revocations and a merger") {
    has_a_real_state();
  }
}
