// Evidence packages: served by GET /v1/decisions/{id}/evidence over the recorded story, checked
// offline by audit::verify_evidence and by `thidua verify --evidence`, and refused once tampered.
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <fstream>
#include <functional>
#include <map>
#include <optional>
#include <set>
#include <variant>
#include <vector>

#include "process.hpp"
#include "recorder.hpp"
#include "temp_dir.hpp"
#include "test_client.hpp"
#include "thidua/audit/checkpointer.hpp"
#include "thidua/audit/evidence.hpp"
#include "thidua/codec/event_codec.hpp"
#include "thidua/http/audit_routes.hpp"
#include "thidua/http/authentication.hpp"
#include "thidua/util/base64.hpp"
#include "thidua/util/merkle.hpp"
#include "thidua/util/sha256.hpp"
#include "thidua/util/uuid.hpp"

namespace thidua::http::testing {
namespace {

using nlohmann::json;

class EvidenceServer {
 public:
  EvidenceServer()
      : recorder_(store_),
        checkpointer_(store_, signer(), "thidua.test/log"),
        dir_("thidua-evidence-docs") {
    recorder_.cluster6_story();
    auto docs = projections::DocumentStore::open(dir_.path());
    REQUIRE(docs.is_ok());
    documents_ = std::move(docs).value();
    projector_ = std::make_unique<projections::Projector>(store_, *documents_);
    REQUIRE(projector_->catch_up().is_ok());
    Router router;
    add_audit_routes(router, store_, checkpointer_.verifier_key(), projector_.get(),
                     &authenticator_);
    auto server = Server::start(test_options(), std::move(router));
    REQUIRE(server.is_ok());
    server_ = std::move(*server);
  }
  ~EvidenceServer() { server_->stop(); }

  static audit::Ed25519Signer signer() {
    auto s = audit::Ed25519Signer::generate("thidua.test/log");
    REQUIRE(s.is_ok());
    return *s;
  }
  Response get(const std::string& target, const std::string& token = {}) {
    Request request = make_request(Verb::get, target);
    if (!token.empty()) request.set(Field::authorization, "Bearer " + token);
    return TestClient(server_->local_endpoint()).roundtrip(std::move(request));
  }

  static TokenGrant grant(const std::string& token, const char* role, std::string scope = {}) {
    auto g = make_token_grant(to_hex(sha256(token)), role, std::move(scope));
    REQUIRE(g.is_ok());
    return *g;
  }

  MemoryEventStore store_;
  thidua::testing::Recorder recorder_;
  audit::Checkpointer checkpointer_;
  thidua::testing::TempDir dir_;
  Authenticator authenticator_{
      {grant("kiem-toan", "auditor"), grant("don-vi", "unit", "organization/so-tttt-gia-lai")}};
  std::unique_ptr<projections::DocumentStore> documents_;
  std::unique_ptr<projections::Projector> projector_;
  std::unique_ptr<Server> server_;
};

// The package less the events `drop` picks.
std::string without(const json& doc, const std::function<bool(const json& event)>& drop) {
  json out = doc;
  json kept = json::array();
  for (const json& e : doc["events"]) {
    if (!drop(e)) kept.push_back(e);
  }
  out["events"] = kept;
  return out.dump();
}

json envelope(const json& event) {
  return event.contains("bytes") ? json::parse(event["bytes"].get<std::string>())
                                 : json{{"type", "withheld"}, {"subject", ""}};
}

}  // namespace

TEST_CASE("a decision's evidence package proves it and every fact it relied on",
          "[http][evidence]") {
  EvidenceServer s;
  // No checkpoint covers the decision yet.
  Response early = s.get("/v1/decisions/qd-co-2019/evidence");
  CHECK(early.result() == HttpStatus::service_unavailable);
  CHECK(early[Field::retry_after] == "1");
  REQUIRE(s.checkpointer_.checkpoint_now().is_ok());

  Response r = s.get("/v1/decisions/qd-co-2019/evidence");
  INFO(r.body().substr(0, 400));
  REQUIRE(r.result() == HttpStatus::ok);
  const std::string package = r.body();
  json doc = json::parse(package);
  CHECK(doc["format"] == "thidua-evidence/v2");
  std::set<std::string> roles;
  for (const json& e : doc["events"]) roles.insert(e["role"].get<std::string>());
  CHECK(roles == std::set<std::string>{"decision", "proposal", "fact", "ranking", "context"});
  // The ranking the leader votes were taken on, as the server answers it as of the vote.
  REQUIRE(doc["rankings"].size() >= 1);
  CHECK(doc["rankings"][0]["cluster"] == "cum-6");
  CHECK(doc["rankings"][0]["ranking"][0]["name"] == "Sở TTTT Đắk Lắk");

  auto summary = audit::verify_evidence(package, s.checkpointer_.verifier_key());
  INFO(summary.status().to_string());
  REQUIRE(summary.is_ok());
  CHECK(summary->decision == "qd-co-2019");
  CHECK(summary->recipients == 2);
  CHECK(summary->checks > 0);
  CHECK(summary->checks_passed == summary->checks);
  CHECK(summary->checks_recomputed == summary->checks);
  CHECK(summary->rankings == doc["rankings"].size());
  CHECK(summary->tree_size == s.store_.head());
  CHECK(summary->events == doc["events"].size());

  SECTION("the revoked decision says so") {
    Response revoked = s.get("/v1/decisions/qd-ldtt-lan/evidence");
    REQUIRE(revoked.result() == HttpStatus::ok);
    auto sum = audit::verify_evidence(revoked.body());
    REQUIRE(sum.is_ok());
    CHECK(sum->revoked);
  }
  SECTION("tampering is caught") {
    json changed = doc;
    std::string& bytes = changed["events"][0]["bytes"].get_ref<std::string&>();
    bytes.replace(bytes.find("\"sequence\""), 1, " \"");
    CHECK_FALSE(audit::verify_evidence(changed.dump()).is_ok());
    json dropped = doc;
    for (std::size_t i = 0; i < dropped["events"].size(); ++i) {
      if (dropped["events"][i]["role"] == "fact") {
        dropped["events"].erase(i);
        break;
      }
    }
    auto missing = audit::verify_evidence(dropped.dump());
    REQUIRE_FALSE(missing.is_ok());
    CHECK(missing.status().message().find("cites position") != std::string::npos);
    json no_proposal = doc;
    json kept = json::array();
    for (const json& e : no_proposal["events"]) {
      if (e["role"] != "proposal") kept.push_back(e);
    }
    no_proposal["events"] = kept;
    auto unproven = audit::verify_evidence(no_proposal.dump());
    REQUIRE_FALSE(unproven.is_ok());
    CHECK(unproven.status().message().find("proposal") != std::string::npos);
    json no_score = doc;
    for (std::size_t i = 0; i < no_score["events"].size(); ++i) {
      if (no_score["events"][i]["role"] == "ranking" &&
          no_score["events"][i]["bytes"].get<std::string>().find("score_entered") !=
              std::string::npos) {
        no_score["events"].erase(i);
        break;
      }
    }
    auto partial = audit::verify_evidence(no_score.dump());
    REQUIRE_FALSE(partial.is_ok());
    CHECK(partial.status().message().find("cluster/cum-6/2019 lack") != std::string::npos);
    json restated = doc;
    restated["rankings"][0]["ranking"][0]["name"] = "Sở TTTT Gia Lai";
    auto wrong_ranking = audit::verify_evidence(restated.dump());
    REQUIRE_FALSE(wrong_ranking.is_ok());
    CHECK(wrong_ranking.status().message().find("not as stated") != std::string::npos);
    // A public event passed off as withheld personal data leaves its stream with a hole: only a
    // person's stream may miss versions, each taken by a withheld event of its own.
    json disguised = doc;
    for (json& e : disguised["events"]) {
      if (e["role"] == "ranking" &&
          e["bytes"].get<std::string>().find("score_entered") != std::string::npos) {
        const Digest leaf = merkle::leaf_hash(e["bytes"].get<std::string>());
        e.erase("bytes");
        e["role"] = "withheld";
        e["leaf_hash"] =
            base64_encode(std::string_view(reinterpret_cast<const char*>(leaf.data()), 32));
        break;
      }
    }
    auto passed_off = audit::verify_evidence(disguised.dump());
    REQUIRE_FALSE(passed_off.is_ok());
    CHECK(passed_off.status().message().find("cluster/cum-6/2019 lack") != std::string::npos);
    json twice = doc;
    twice["rankings"].push_back(twice["rankings"][0]);
    CHECK_FALSE(audit::verify_evidence(twice.dump()).is_ok());
    auto other_key = audit::verify_evidence(package, EvidenceServer::signer().verifier_key());
    CHECK_FALSE(other_key.is_ok());
    json wrong_position = doc;
    wrong_position["events"][0]["position"] = 1000;
    CHECK_FALSE(audit::verify_evidence(wrong_position.dump()).is_ok());
    CHECK_FALSE(audit::verify_evidence("{}").is_ok());
  }
  SECTION("thidua verify --evidence checks it offline") {
    thidua::testing::TempDir dir("thidua-evidence");
    const std::string good = (dir.path() / "good.json").string();
    std::ofstream(good) << package;
    auto ok = thidua::testing::run_command(
        {THIDUA_PATH, "verify", "--evidence", good, "--key", s.checkpointer_.verifier_key()});
    INFO(ok.output);
    CHECK(ok.exit_code == 0);
    CHECK(ok.output.find("ok: decision qd-co-2019") != std::string::npos);
    json changed = doc;
    changed["events"][1]["bytes"] = changed["events"][0]["bytes"];
    const std::string bad = (dir.path() / "bad.json").string();
    std::ofstream(bad) << changed.dump();
    auto untrusted = thidua::testing::run_command({THIDUA_PATH, "verify", "--evidence", good});
    CHECK(untrusted.exit_code == 0);
    CHECK(untrusted.output.find("key NOT checked") != std::string::npos);
    auto failed = thidua::testing::run_command({THIDUA_PATH, "verify", "--evidence", bad});
    INFO(failed.output);
    CHECK(failed.exit_code == 1);
  }
  CHECK(s.get("/v1/decisions/khong-co/evidence").result() == HttpStatus::not_found);
}

TEST_CASE("an evidence package without any one kind of event it holds is refused",
          "[http][evidence]") {
  EvidenceServer s;
  REQUIRE(s.checkpointer_.checkpoint_now().is_ok());
  std::set<std::string> kinds;
  for (const std::string decision : {"qd-co-2019", "qd-ldtt-lan"}) {
    Response r = s.get("/v1/decisions/" + decision + "/evidence");
    REQUIRE(r.result() == HttpStatus::ok);
    const json doc = json::parse(r.body());
    REQUIRE(audit::verify_evidence(r.body()).is_ok());
    std::set<std::string> types;
    for (const json& e : doc["events"]) {
      if (e["role"] != "decision") types.insert(envelope(e)["type"].get<std::string>());
    }
    kinds.insert(types.begin(), types.end());
    for (const std::string& type : types) {
      // Every event of the kind, and separately only the last of each stream (no hole left
      // for the stream check to see): the recomputation must tell.
      auto all = audit::verify_evidence(
          without(doc, [&](const json& e) { return envelope(e)["type"] == type; }));
      INFO(decision << " without every " << type);
      CHECK_FALSE(all.is_ok());
      std::map<std::string, std::uint64_t> last;
      for (const json& e : doc["events"]) {
        const json env = envelope(e);
        if (env["type"] == type) last[env["subject"]] = e["position"].get<std::uint64_t>();
      }
      std::set<std::uint64_t> tails;
      for (const auto& [subject, position] : last) tails.insert(position);
      auto tail = audit::verify_evidence(without(doc, [&](const json& e) {
        return tails.contains(e["position"].get<std::uint64_t>()) && e["role"] != "decision";
      }));
      INFO(decision << " without the last " << type << " of each stream: "
                    << (tail.is_ok() ? std::string("accepted") : tail.status().message()));
      CHECK_FALSE(tail.is_ok());
    }
  }
  INFO(kinds.size() << " kinds of event tried");
  CHECK(kinds.size() >= 10);
}

TEST_CASE(
    "a stream cut short with the stated ranking rewritten to match is refused: the vote "
    "recorded the ranking it was cast on",
    "[http][evidence]") {
  EvidenceServer s;
  REQUIRE(s.checkpointer_.checkpoint_now().is_ok());
  Response r = s.get("/v1/decisions/qd-co-2019/evidence");
  REQUIRE(r.result() == HttpStatus::ok);
  const json doc = json::parse(r.body());
  REQUIRE_FALSE(doc["rankings"].empty());
  auto whole = audit::verify_evidence(r.body());
  REQUIRE(whole.is_ok());
  CHECK(whole->rankings == doc["rankings"].size());
  CHECK(whole->rankings_recorded == whole->rankings);
  // A member that is not a recipient: its registration is the whole of its stream, so leaving
  // it out leaves no hole, and the ranking then shows its id for its name.
  const std::string member = "so-tttt-lam-dong";
  json cut = json::parse(without(
      doc, [&](const json& e) { return envelope(e)["subject"] == "organization/" + member; }));
  REQUIRE(cut["events"].size() + 1 == doc["events"].size());
  bool renamed = false;
  for (json& ranking : cut["rankings"]) {
    for (json& m : ranking["ranking"]) {
      if (m["organization"] == member) {
        m["name"] = member;
        renamed = true;
      }
    }
  }
  REQUIRE(renamed);
  auto refused = audit::verify_evidence(cut.dump());
  REQUIRE_FALSE(refused.is_ok());
  INFO(refused.status().message());
  CHECK(refused.status().message().find("as the vote at position") != std::string::npos);
  CHECK(refused.status().message().find("Sở TTTT Lâm Đồng") != std::string::npos);
  // The vote's record is part of the vote's bytes, proven by its inclusion proof: it cannot be
  // rewritten in turn.
  json forged = doc;
  for (json& e : forged["events"]) {
    if (!e.contains("bytes") || envelope(e)["type"] != "vn.thidua.cluster_vote_recorded.v1")
      continue;
    json envelope_doc = json::parse(e["bytes"].get<std::string>());
    REQUIRE(envelope_doc["data"].contains("standings"));
    envelope_doc["data"]["standings"][0]["total"] = 99;
    e["bytes"] = envelope_doc.dump();
  }
  CHECK_FALSE(audit::verify_evidence(forged.dump()).is_ok());
}

TEST_CASE(
    "a public evidence package withholds personal data and still verifies, an auditor's "
    "holds it",
    "[http][evidence]") {
  EvidenceServer s;
  // A person under investigation in 2021, cleared, and earlier reprimanded; then LDTT for 2021.
  using namespace domain;
  const SubjectRef an{SubjectKind::kPerson, "tran-van-an"};
  s.recorder_.record(RegisterPerson{
      {"tran-van-an", "Trần Văn An", "so-tttt-gia-lai", std::nullopt, Date{2015, 1, 5}}});
  // Reprimanded in 2018, in a log written before discipline had a stream of its own: the record
  // lies in the person's stream, which a public package holds, so there it is withheld in place.
  const std::uint64_t legacy = s.store_.head();
  {
    const std::vector<Event> events = s.recorder_.world.ok(RecordDiscipline{
        {"tran-van-an", 2018, DisciplineLevel::kReprimand, Date{2018, 6, 1}, "QĐ kỷ luật 9/2018"}});
    REQUIRE(events.size() == 1);
    auto proposed = codec::propose_event(events.front(), codec::kSchemaBaseUri);
    REQUIRE(proposed.is_ok());
    proposed->id = new_uuid();
    proposed->source = "/thidua/test";
    proposed->time = "2020-03-06T08:00:00Z";
    proposed->subject = "person/tran-van-an";
    AppendRequest request;
    request.events.push_back(std::move(proposed).value());
    REQUIRE(s.store_.append(std::move(request)).is_ok());
  }
  s.recorder_.record(RateTask{{an, 2021, Rating::kExcellent}});
  const std::string reason = "Xác minh đơn tố cáo số 12/2021";
  s.recorder_.record(
      PlaceHold{{"hold-an", an, HoldKind::kInvestigation, reason, Date{2021, 5, 1}}});
  s.recorder_.record(ReleaseHold{{"hold-an", "Kết luận không vi phạm", Date{2021, 9, 1}}});
  IssueDecision ldtt =
      s.recorder_.world.decision("qd-ldtt-an-2021", Award::kLDTT, an, 2021, "so-tttt-gia-lai");
  ldtt.date = Date{2022, 1, 20};
  s.recorder_.record(ldtt);
  REQUIRE(s.projector_->catch_up().is_ok());
  REQUIRE(s.checkpointer_.checkpoint_now().is_ok());

  Response open = s.get("/v1/decisions/qd-ldtt-an-2021/evidence");
  REQUIRE(open.result() == HttpStatus::ok);
  // Nothing of the hold or the discipline beyond what the decision publishes: not their ids,
  // reasons, bases, kinds or event types.
  for (const std::string& secret :
       {reason, std::string("hold-an"), std::string("QĐ kỷ luật 9/2018"),
        std::string("investigation"), std::string("hold_placed"),
        std::string("discipline_recorded")}) {
    INFO(secret);
    CHECK(open.body().find(secret) == std::string::npos);
  }
  const json doc = json::parse(open.body());
  std::size_t withheld = 0;
  for (const json& e : doc["events"]) {
    if (e["role"] != "withheld") continue;
    ++withheld;
    CHECK_FALSE(e.contains("bytes"));
  }
  // The decision's checks cite none of them (a passing check records nothing of a hold or a
  // discipline), so the hold's stream is left out whole: the package does not tell whether the
  // person had one. Only the record inside the person's stream is withheld, in place.
  CHECK(withheld == 1);
  for (const json& e : doc["events"]) {
    if (e["role"] == "withheld") CHECK(e["position"] == legacy);
    if (!e.contains("bytes")) continue;
    const std::string subject = envelope(e)["subject"];
    CHECK_FALSE(subject.starts_with("discipline/"));
    CHECK_FALSE(subject.starts_with("hold/"));
  }
  auto public_summary = audit::verify_evidence(open.body(), s.checkpointer_.verifier_key());
  INFO(public_summary.status().to_string());
  REQUIRE(public_summary.is_ok());
  CHECK(public_summary->withheld == 1);
  CHECK(public_summary->checks_recomputed == public_summary->checks);
  // A withheld entry proves its place only: a changed hash is refused.
  json forged = doc;
  for (json& e : forged["events"]) {
    if (e["role"] == "withheld") {
      e["leaf_hash"] = "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=";
      break;
    }
  }
  CHECK_FALSE(audit::verify_evidence(forged.dump()).is_ok());

  // An auditor sees them, with their proofs; a role that does not see personal data gets the
  // public package.
  Response full = s.get("/v1/decisions/qd-ldtt-an-2021/evidence", "kiem-toan");
  REQUIRE(full.result() == HttpStatus::ok);
  CHECK(full.body().find(reason) != std::string::npos);
  auto full_summary = audit::verify_evidence(full.body(), s.checkpointer_.verifier_key());
  REQUIRE(full_summary.is_ok());
  CHECK(full_summary->withheld == 0);
  CHECK(full.body().find("QĐ kỷ luật 9/2018") != std::string::npos);
  CHECK(full_summary->events == public_summary->events + 2);  // the hold placed and released
  Response unit = s.get("/v1/decisions/qd-ldtt-an-2021/evidence", "don-vi");
  REQUIRE(unit.result() == HttpStatus::ok);
  CHECK(unit.body() == open.body());
  CHECK(s.get("/v1/decisions/qd-ldtt-an-2021/evidence", "sai").result() ==
        HttpStatus::unauthorized);
}

TEST_CASE("an evidence package reads a decision as the codec does, every optional member included",
          "[http][evidence]") {
  using namespace domain;
  // A person's LDTT for 2021, proposed, for a movement, with its reward multiple stated.
  const SubjectRef binh{SubjectKind::kPerson, "le-thi-binh"};
  SubmitProposal proposal;
  proposal.id = "de-nghi-ldtt-binh-2021";
  proposal.proposing_body = "so-tttt-gia-lai";
  proposal.award = Award::kLDTT;
  proposal.year = 2021;
  proposal.nominees = {binh};
  proposal.date = Date{2022, 1, 10};
  EvidenceServer s;
  IssueDecision ldtt =
      s.recorder_.world.decision("qd-ldtt-binh-2021", Award::kLDTT, binh, 2021, "so-tttt-gia-lai");
  ldtt.date = Date{2022, 1, 20};
  ldtt.proposal = proposal.id;
  ldtt.movement = "tang-toc-100-ngay";
  ldtt.reward_multiple = Decimal{30};
  const std::vector<Command> commands = {
      RegisterPerson{{binh.id, "Lê Thị Bình", "so-tttt-gia-lai", std::nullopt, Date{2016, 3, 1}}},
      RateTask{{binh, 2021, Rating::kExcellent}}, proposal, ldtt};
  for (const Command& command : commands) s.recorder_.record(command);
  REQUIRE(s.projector_->catch_up().is_ok());
  REQUIRE(s.checkpointer_.checkpoint_now().is_ok());

  Response r = s.get("/v1/decisions/qd-ldtt-binh-2021/evidence");
  REQUIRE(r.result() == HttpStatus::ok);
  const json doc = json::parse(r.body());
  // The decision as the codec decodes it from the package's bytes, which are the stored ones.
  auto stored = s.store_.read_stream("decision/qd-ldtt-binh-2021", 0, 1);
  REQUIRE(stored.is_ok());
  REQUIRE(stored->size() == 1);
  std::optional<DecisionIssued> decoded;
  for (const json& e : doc["events"]) {
    if (e["role"] != "decision") continue;
    CHECK(e["bytes"] == stored->front().bytes);
    const json stored_envelope = envelope(e);
    auto event =
        codec::decode_event(stored_envelope["type"].get<std::string>(), stored_envelope["data"]);
    REQUIRE(event.is_ok());
    REQUIRE(std::holds_alternative<DecisionIssued>(*event));
    decoded = std::get<DecisionIssued>(*event);
  }
  REQUIRE(decoded);
  // Every optional member is there, so that each is read by the verifier.
  CHECK(decoded->reward_multiple == Decimal{30});
  CHECK(decoded->proposal == proposal.id);
  CHECK(decoded->movement == "tang-toc-100-ngay");
  CHECK(decoded->decided_on.has_value());
  CHECK(doc["position"] == stored->front().position);

  // The verifier decides the decision again from the members it read, and the outcome must
  // encode to the recorded event: a member read otherwise than the codec reads it shows there.
  auto summary = audit::verify_evidence(r.body(), s.checkpointer_.verifier_key());
  INFO(summary.status().to_string());
  REQUIRE(summary.is_ok());
  CHECK(summary->decision == decoded->id);
  CHECK(summary->number == decoded->number);
  CHECK(summary->ruleset == decoded->ruleset);
  CHECK(summary->recipients == decoded->recipients.size());
  CHECK(summary->checks == decoded->checks.size());
  CHECK(summary->checks_recomputed == summary->checks);
  std::size_t passed = 0;
  for (const RuleCheck& check : decoded->checks) passed += check.passed ? 1 : 0;
  CHECK(summary->checks_passed == passed);
  CHECK_FALSE(summary->revoked);
  CHECK(summary->corrections == 0);
}

}  // namespace thidua::http::testing
