// Answers as of an earlier position (as_of.hpp) against the answers of the moment: a generated
// history (renames, mergers, members joining and leaving, transfers, corrections, revocations,
// holds) is applied event by event, and at many positions the documents and eligibility
// answers of that moment are compared with those recomputed afterwards, from the finished
// log, as of that position. They must be equal, byte for byte.
#include <catch2/catch.hpp>

#include <algorithm>
#include <memory>
#include <random>

#include "generated_history.hpp"
#include "temp_dir.hpp"
#include "thidua/codec/describe_json.hpp"
#include "thidua/codec/rule_book.hpp"
#include "thidua/domain/decide.hpp"
#include "thidua/generator/history_generator.hpp"
#include "thidua/projections/as_of.hpp"
#include "thidua/projections/projector.hpp"
#include "thidua/projections/views.hpp"
#include "thidua/store/memory_event_store.hpp"

using namespace thidua;
using namespace thidua::projections;
using thidua::testing::read_log;
using thidua::testing::restructuring_world;

namespace {

template <class Map>
const std::string& pick(const Map& map, std::mt19937_64& rng) {
  auto it = map.begin();
  std::advance(it, static_cast<long>(rng() % map.size()));
  return it->first;
}

// A few keys of documents that exist in `s`, chosen by `rng`.
std::vector<std::string> sample_keys(const domain::State& s, std::mt19937_64& rng) {
  std::vector<std::string> keys;
  if (!s.organizations.empty()) keys.push_back("awards/organization/" + pick(s.organizations, rng));
  if (!s.people.empty()) keys.push_back("awards/person/" + pick(s.people, rng));
  if (!s.decisions.empty()) {
    const std::string& id = pick(s.decisions, rng);
    keys.push_back("decisions/" + id);
    keys.push_back(decision_index_key(s.decisions.at(id).issued));
  }
  if (!s.movements.empty()) keys.push_back("movements/" + pick(s.movements, rng));
  if (!s.clusters.empty()) {
    const domain::ClusterState& c = s.clusters.at(pick(s.clusters, rng));
    for (const auto& [year, y] : c.years) {
      keys.push_back("ranking/" + c.established.id + "/" + std::to_string(year));
    }
  }
  return keys;
}

std::optional<std::string> render_text(const domain::State& s, const std::string& key) {
  std::optional<codec::OrderedJson> doc = render_document(s, key);
  if (!doc) return std::nullopt;
  auto text = codec::dump_json(*doc);
  REQUIRE(text.is_ok());
  return *text;
}

std::string checks_text(const std::vector<domain::RuleCheck>& checks) {
  codec::OrderedJson out = codec::OrderedJson::array();
  for (const domain::RuleCheck& c : checks) out.push_back(codec::to_json(c));
  return out.dump();
}

// An eligibility question about someone of `s`, for an award that fits them.
domain::EligibilityQuestion sample_question(const domain::State& s, std::mt19937_64& rng,
                                            int year) {
  using domain::Award;
  domain::EligibilityQuestion q;
  q.occasion = domain::Occasion::kAnnual;
  q.year = year;
  q.date = domain::Date{year + 1, 3, 15};
  if (rng() % 2 == 0 && !s.people.empty()) {
    static const Award kPerson[] = {Award::kLDTT, Award::kCSTDCS, Award::kCSTD_TINH,
                                    Award::kBK_TINH, Award::kBK_TTG};
    q.subject = {domain::SubjectKind::kPerson, pick(s.people, rng)};
    q.award = kPerson[rng() % 5];
  } else {
    static const Award kUnit[] = {Award::kTTLDTT, Award::kTTLDXS, Award::kCO_TINH, Award::kCO_CP,
                                  Award::kBK_TINH};
    q.subject = {domain::SubjectKind::kOrganization, pick(s.organizations, rng)};
    q.award = kUnit[rng() % 5];
    if (q.award == Award::kCO_TINH && !s.clusters.empty()) {
      q.issuer = s.clusters.at(pick(s.clusters, rng)).established.organiser;
    }
  }
  return q;
}

bool interesting(const domain::Event& e) {
  return std::holds_alternative<domain::OrganizationRenamed>(e) ||
         std::holds_alternative<domain::OrganizationsMerged>(e) ||
         std::holds_alternative<domain::OrganizationSplit>(e) ||
         std::holds_alternative<domain::PersonTransferred>(e) ||
         std::holds_alternative<domain::ClusterMemberJoined>(e) ||
         std::holds_alternative<domain::ClusterMemberLeft>(e) ||
         std::holds_alternative<domain::ScoreCorrected>(e) ||
         std::holds_alternative<domain::DecisionIssued>(e) ||
         std::holds_alternative<domain::DecisionCorrected>(e) ||
         std::holds_alternative<domain::DecisionRevoked>(e) ||
         std::holds_alternative<domain::HoldPlaced>(e) ||
         std::holds_alternative<domain::HoldReleased>(e) ||
         std::holds_alternative<domain::ClusterVoteRecorded>(e);
}

}  // namespace

TEST_CASE("documents and eligibility as of any position equal those of the moment",
          "[projections][as_of]") {
  MemoryEventStore store;
  REQUIRE(generator::generate_into(store, restructuring_world(7000), 500, {}).is_ok());
  const auto log = read_log(store);
  domain::State now;
  for (const auto& [position, event] : log) domain::evolve(now, event, position);
  const domain::RuleBook book = codec::load_standard_rule_book();
  // The history holds initiatives owned jointly, whose owners' streams an answer may read.
  const auto co_owned = std::count_if(log.begin(), log.end(), [](const auto& entry) {
    const auto* in = std::get_if<domain::InitiativeRecognized>(&entry.second);
    return in != nullptr && in->owners.size() > 1;
  });
  CHECK(co_owned > 0);

  std::mt19937_64 rng(7);
  domain::State live;
  std::size_t compared = 0, existed = 0, questions = 0, kinds_seen = 0;
  std::set<std::string> kinds;
  struct Asked {
    std::string key;
    std::uint64_t position;
    std::optional<std::string> expected;
  };
  std::vector<Asked> asked;
  AnswerCache cache(std::size_t{256} << 10);
  for (const auto& [position, event] : log) {
    domain::evolve(live, event, position);
    const bool sample = interesting(event) || position % 89 == 0;
    if (!sample) continue;
    std::set<std::string> keys = document_keys(live, event);
    for (std::string& key : sample_keys(live, rng)) keys.insert(std::move(key));
    // A key of a document that exists only later (or never): nullopt both ways.
    for (std::string& key : sample_keys(now, rng)) keys.insert(std::move(key));
    for (const std::string& key : keys) {
      std::optional<std::string> expected = render_text(live, key);
      auto actual = document_as_of(store, now, key, position);
      REQUIRE(actual.is_ok());
      INFO("document " << key << " as of " << position);
      REQUIRE(*actual == expected);
      if (compared % 4 == 0) {  // a quarter of them through a cache too
        auto cached = render_as_of(store, document_streams(now, key), key, position, &cache);
        REQUIRE(cached.is_ok());
        REQUIRE(*cached == expected);
        asked.push_back({key, position, expected});
      }
      ++compared;
      if (expected) {
        ++existed;
        kinds.insert(key.substr(0, key.find('/')));
      }
    }
    if (live.people.empty() || live.organizations.empty()) continue;
    const domain::EligibilityQuestion q = sample_question(live, rng, 2019 + (rng() % 3));
    const domain::RuleSet* rules = book.in_force(*q.date);
    REQUIRE(rules != nullptr);
    auto folded = eligibility_state_as_of(store, now, q, position);
    REQUIRE(folded.is_ok());
    INFO("eligibility of " << q.subject.to_string() << " for " << domain::enum_name(q.award)
                           << " as of " << position);
    REQUIRE(checks_text(domain::check_eligibility(*folded, *rules, q)) ==
            checks_text(domain::check_eligibility(live, *rules, q)));
    ++questions;
  }
  kinds_seen = kinds.size();
  // Asked again in another order, through a cache small enough to forget: answers come from
  // memory by the position asked or by the streams' last event before it, or are folded again,
  // and are the same bytes every way.
  std::shuffle(asked.begin(), asked.end(), rng);
  for (const Asked& a : asked) {
    auto again = render_as_of(store, document_streams(now, a.key), a.key, a.position, &cache);
    REQUIRE(again.is_ok());
    INFO("document " << a.key << " as of " << a.position << ", asked again");
    REQUIRE(*again == a.expected);
  }
  const AnswerCache::Stats stats = cache.stats();
  CHECK(stats.from_memory + stats.folded == 2 * asked.size());
  CHECK(stats.from_memory > asked.size() / 20);
  CHECK(stats.folded > asked.size() / 10);
  CHECK(stats.bytes <= std::size_t{256} << 10);
  CHECK(compared > 2000);
  CHECK(existed > 1000);
  CHECK(questions > 200);
  CHECK(kinds_seen == projection_names().size());
}

TEST_CASE("an as-of document leaves out what happened after its position", "[projections][as_of]") {
  // The first history (by seed) of 3,000 events that holds a rename: renames are rare events
  // of the generator's later years.
  std::unique_ptr<MemoryEventStore> generated;
  std::vector<std::pair<std::uint64_t, domain::Event>> log;
  for (std::uint64_t seed = 23; seed < 43; ++seed) {
    generated = std::make_unique<MemoryEventStore>();
    REQUIRE(generator::generate_into(*generated, restructuring_world(3000, seed), 500, {}).is_ok());
    log = read_log(*generated);
    if (std::any_of(log.begin(), log.end(), [](const auto& entry) {
          return std::holds_alternative<domain::OrganizationRenamed>(entry.second);
        })) {
      break;
    }
  }
  const MemoryEventStore& store = *generated;
  domain::State now;
  for (const auto& [position, event] : log) domain::evolve(now, event, position);
  // A rename: before it, every document that names the organization shows the old name.
  for (const auto& [position, event] : log) {
    const auto* renamed = std::get_if<domain::OrganizationRenamed>(&event);
    if (renamed == nullptr) continue;
    const std::string key = "awards/organization/" + renamed->id;
    auto before = document_as_of(store, now, key, position - 1);
    auto after = document_as_of(store, now, key, position);
    REQUIRE(before.is_ok());
    REQUIRE(after.is_ok());
    REQUIRE(before->has_value());
    REQUIRE(after->has_value());
    CHECK(codec::OrderedJson::parse(**after)["name"] == renamed->name);
    CHECK(codec::OrderedJson::parse(**before)["name"] != renamed->name);
    return;
  }
  FAIL("the generated history holds no rename");
}

TEST_CASE("the versions the projector keeps give the answers folding gives",
          "[projections][as_of]") {
  // Applied in steps of 1 to 40 events: a document changed within a step before its last event
  // is kept only as of the step's end and marked as not kept from its first change in the step,
  // so some answers are read from a version and the others must be folded, never taken from a
  // version older than a change.
  MemoryEventStore store;
  REQUIRE(generator::generate_into(store, restructuring_world(3000, 11), 300, {}).is_ok());
  const auto log = read_log(store);
  domain::State now;
  for (const auto& [position, event] : log) domain::evolve(now, event, position);
  thidua::testing::TempDir dir("thidua-versions");
  auto docs = DocumentStore::open(dir.path());
  REQUIRE(docs.is_ok());
  Projector projector(store, **docs);
  std::mt19937_64 rng(11);
  for (std::uint64_t at = 0; at < store.head();) {
    at = std::min<std::uint64_t>(store.head(), at + 1 + rng() % 40);
    REQUIRE(projector.catch_up(at).is_ok());
  }
  REQUIRE(projector.applied() == store.head());

  AnswerCache counts(0);  // keeps nothing: counts where each answer came from
  std::size_t compared = 0;
  for (const auto& [position, event] : log) {
    if (position % 13 != 0 && !interesting(event)) continue;
    std::set<std::string> keys = document_keys(now, event);
    for (std::string& key : sample_keys(now, rng)) keys.insert(std::move(key));
    for (const std::string& key : keys) {
      auto folded = document_as_of(store, now, key, position);
      auto read =
          render_as_of(store, document_streams(now, key), key, position, &counts, docs->get());
      REQUIRE(folded.is_ok());
      REQUIRE(read.is_ok());
      INFO("document " << key << " as of " << position);
      REQUIRE(*read == *folded);
      ++compared;
    }
  }
  const AnswerCache::Stats stats = counts.stats();
  CHECK(compared > 1000);
  CHECK(stats.from_versions + stats.folded == compared);
  CHECK(stats.from_versions > compared / 4);
  CHECK(stats.folded > compared / 20);
}
