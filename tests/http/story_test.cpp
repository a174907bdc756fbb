// A story told through the public API, as an auditor would check it: a cluster whose member
// joins late and is renamed years later, a leader vote on the ranking and the flag decision
// that cites it. The as-of answers and the evidence package must agree with a second,
// independent replay of the event feed, byte for byte.
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "full_server.hpp"
#include "temp_dir.hpp"
#include "thidua/audit/evidence.hpp"
#include "thidua/codec/describe_json.hpp"
#include "thidua/codec/event_codec.hpp"
#include "thidua/projections/views.hpp"

namespace thidua::http::testing {
namespace {

using nlohmann::json;

domain::Date day(int y, int m, int d) { return domain::Date{y, m, d}; }

// The story, command by command through the API; the positions of the vote and the decision.
struct Story {
  std::uint64_t joined = 0, vote = 0, decision = 0, renamed = 0;
};

Story tell(FullServer& s) {
  Story out;
  auto give = [&](const domain::Command& command) {
    const CommandRequest c = command_request(command);
    Response r = s.post(c.target, c.body);
    INFO(c.target << " " << c.body << " -> " << r.body());
    REQUIRE(r.result() == HttpStatus::created);
    return json::parse(r.body())["position"].get<std::uint64_t>();
  };
  auto org = [&](const std::string& id, const std::string& name, domain::OrganizationKind kind) {
    give(domain::RegisterOrganization{{id, name, kind, {}, {}}});
  };
  org("bo-kh", "Bộ Khoa học", domain::OrganizationKind::kMinistry);
  org("so-a", "Sở A", domain::OrganizationKind::kDepartment);
  org("so-b", "Sở B", domain::OrganizationKind::kDepartment);
  org("so-c", "Sở C", domain::OrganizationKind::kDepartment);
  domain::EstablishCluster cluster;
  cluster.id = "cum-s";
  cluster.name = "Cụm thi đua S";
  cluster.organiser = "bo-kh";
  cluster.year = 2020;
  cluster.members = {"so-a", "so-b"};
  give(cluster);
  domain::AdoptCovenant covenant;
  covenant.cluster = "cum-s";
  covenant.year = 2020;
  covenant.criteria = {{"TC1", "Chuyển đổi số", domain::Decimal::units(10)}};
  give(covenant);
  auto sign = [&](const std::string& member) {
    domain::SignCovenant c;
    c.cluster = "cum-s";
    c.year = 2020;
    c.organization = member;
    c.representative = "Giám đốc";
    c.capacity = "Giám đốc Sở";
    c.date = day(2020, 3, 1);
    give(c);
  };
  sign("so-a");
  sign("so-b");
  // Sở C joins after the covenant, and signs it.
  out.joined = give(domain::JoinCluster{{"cum-s", "so-c", 2020}});
  sign("so-c");
  for (const auto& [member, points] :
       std::vector<std::pair<std::string, int>>{{"so-a", 800}, {"so-b", 700}, {"so-c", 950}}) {
    domain::EnterScore score;
    score.cluster = "cum-s";
    score.year = 2020;
    score.kind = domain::ScoreKind::kFinal;
    score.scorer = "bo-kh";
    score.scored = member;
    score.criterion = "TC1";
    score.points = domain::Decimal{points};
    give(score);
  }
  domain::CloseScoring close;
  close.cluster = "cum-s";
  close.year = 2020;
  close.date = day(2021, 1, 10);
  give(close);
  domain::RecordClusterVote vote;
  vote.cluster = "cum-s";
  vote.year = 2020;
  vote.question = "Bầu đơn vị dẫn đầu Cụm";
  vote.motion = domain::Motion::kLeader;
  vote.nominee = "so-c";
  vote.eligible = 3;
  vote.yes = 3;
  vote.date = day(2021, 1, 12);
  out.vote = give(vote);
  domain::SubmitProposal proposal;
  proposal.id = "tt-cum-s-2020";
  proposal.proposing_body = "bo-kh";
  proposal.award = domain::Award::kCO_TINH;
  proposal.year = 2020;
  proposal.nominees = {{domain::SubjectKind::kOrganization, "so-c"}};
  proposal.cluster = "cum-s";
  proposal.date = day(2021, 1, 20);
  give(proposal);
  domain::IssueDecision decision;
  decision.id = "qd-co-cum-s-2020";
  decision.number = "77/QĐ-BKH";
  decision.date = day(2021, 2, 1);
  decision.issuer = "bo-kh";
  decision.signer = "Nguyễn Văn Bộ";
  decision.capacity = "Bộ trưởng";
  decision.legal_basis = {"Luật Thi đua, Khen thưởng 2003"};
  decision.award = domain::Award::kCO_TINH;
  decision.year = 2020;
  decision.recipients = {{{domain::SubjectKind::kOrganization, "so-c"}, {}}};
  decision.proposal = "tt-cum-s-2020";
  out.decision = give(decision);
  // Years later, Sở C is renamed.
  out.renamed =
      give(domain::RenameOrganization{{"so-c", "Sở Khoa học C", day(2025, 7, 1), std::nullopt}});
  return out;
}

// The whole feed, read as an integrator reads it, and folded into a state of its own up to
// `position`: a replay that shares nothing with the server but the domain's code.
domain::State replay_feed(FullServer& s, std::uint64_t position) {
  domain::State state;
  std::string path = "/v1/events?from=0&limit=1000";
  while (!path.empty()) {
    Response r = s.get(path, Tokens::auditor);
    REQUIRE(r.result() == HttpStatus::ok);
    std::size_t start = 0;
    const std::string& body = r.body();
    while (start < body.size()) {
      const std::size_t end = body.find('\n', start);
      const json e = json::parse(body.substr(start, end - start));
      start = end == std::string::npos ? body.size() : end + 1;
      const std::uint64_t p = e["sequence"].get<std::uint64_t>();
      if (p > position) return state;
      auto event = codec::decode_event(e["type"].get<std::string>(), e["data"]);
      REQUIRE(event.is_ok());
      domain::evolve(state, *event, p);
    }
    const std::string link(r[Field::link]);
    path = link.empty() ? "" : link.substr(1, link.find('>') - 1);
  }
  return state;
}

std::string as_answer(std::uint64_t position, const domain::State& state, const std::string& key) {
  std::optional<codec::OrderedJson> doc = projections::render_document(state, key);
  REQUIRE(doc);
  auto text = codec::dump_json(*doc);
  REQUIRE(text.is_ok());
  return "{\"as_of\":" + std::to_string(position) + "," + text->substr(1);
}

}  // namespace

TEST_CASE(
    "a late member renamed later: as-of answers and evidence agree with a replay of the "
    "feed",
    "[http][story][as_of][evidence]") {
  thidua::testing::TempDir dir("thidua-story");
  FullServer s(dir.path(), make_log_signer());
  const Story story = tell(s);
  const std::string last = std::to_string(s.store().head() - 1);

  // The ranking the members voted on, as of the vote: Sở C, which joined late, leads, under
  // the name it had then, and the answer is the replay's, byte for byte.
  const std::string ranking = "/v1/clusters/cum-s/years/2020/ranking";
  Response then = s.get(ranking + "?as_of=" + std::to_string(story.vote) + "&min_as_of=" + last);
  REQUIRE(then.result() == HttpStatus::ok);
  const json ranked = json::parse(then.body());
  REQUIRE(ranked["ranking"].size() == 3);
  CHECK(ranked["ranking"][0]["organization"] == "so-c");
  CHECK(ranked["ranking"][0]["name"] == "Sở C");
  CHECK(then.body() == as_answer(story.vote, replay_feed(s, story.vote), "ranking/cum-s/2020"));
  // Today it shows the new name; before the join, two members.
  Response now = s.get(ranking + "?min_as_of=" + last);
  CHECK(json::parse(now.body())["ranking"][0]["name"] == "Sở Khoa học C");
  CHECK(json::parse(s.get(ranking + "?as_of=" + std::to_string(story.joined - 1)).body())["members"]
            .size() == 2);
  // Every document as of the decision, as the replay renders it.
  const domain::State at_decision = replay_feed(s, story.decision);
  for (const auto& [path, key] : std::vector<std::pair<std::string, std::string>>{
           {"/v1/decisions/qd-co-cum-s-2020", "decisions/qd-co-cum-s-2020"},
           {"/v1/organizations/so-c/awards", "awards/organization/so-c"},
           {ranking, "ranking/cum-s/2020"}}) {
    Response r = s.get(path + "?as_of=" + std::to_string(story.decision));
    INFO(path);
    REQUIRE(r.result() == HttpStatus::ok);
    CHECK(r.body() == as_answer(story.decision, at_decision, key));
  }

  // The evidence package: it verifies and recomputes, and the ranking it states is the one the
  // server answers as of the vote.
  REQUIRE(s.checkpointer().checkpoint_now().is_ok());
  Response package = s.get("/v1/decisions/qd-co-cum-s-2020/evidence");
  REQUIRE(package.result() == HttpStatus::ok);
  auto summary = audit::verify_evidence(package.body(), s.checkpointer().verifier_key());
  INFO(summary.status().to_string());
  REQUIRE(summary.is_ok());
  CHECK(summary->rankings == 1);
  const json doc = json::parse(package.body());
  REQUIRE(doc["rankings"].size() == 1);
  const json& stated = doc["rankings"][0]["ranking"];
  REQUIRE(stated.size() == ranked["ranking"].size());
  for (std::size_t i = 0; i < stated.size(); ++i) {
    for (const char* member : {"rank", "organization", "name", "total"}) {
      CHECK(stated[i][member] == ranked["ranking"][i][member]);
    }
  }
  // Without Sở C's joining, the package no longer recomputes.
  json dropped = doc;
  dropped["events"] = json::array();
  for (const json& e : doc["events"]) {
    if (e["position"] != story.joined) dropped["events"].push_back(e);
  }
  CHECK_FALSE(audit::verify_evidence(dropped.dump()).is_ok());
}

}  // namespace thidua::http::testing
