#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <thread>

#include "generated_history.hpp"
#include "recorder.hpp"
#include "temp_dir.hpp"
#include "test_client.hpp"
#include "thidua/codec/rule_book.hpp"
#include "thidua/generator/history_generator.hpp"
#include "thidua/http/query_routes.hpp"

namespace thidua::http::testing {
namespace {

using nlohmann::json;
using thidua::testing::Recorder;
using thidua::testing::TempDir;

// A server with the query routes over a memory store holding the recorded Cluster No. 6 story,
// and its projections caught up (unless `load` is false).
class QueryServer {
 public:
  explicit QueryServer(bool load = true,
                       std::chrono::milliseconds freshness_wait = std::chrono::seconds(2),
                       bool story = true)
      : recorder_(store_), dir_("thidua-query") {
    if (story) recorder_.cluster6_story();
    auto docs = projections::DocumentStore::open(dir_.path());
    REQUIRE(docs.is_ok());
    documents_ = std::move(docs).value();
    projector_ = std::make_unique<projections::Projector>(
        store_, *documents_, projections::ProjectorOptions{64, std::chrono::milliseconds(5)});
    if (load) REQUIRE(projector_->catch_up().is_ok());
    Router router;
    QueryContext context{projector_.get(), &store_, &rules_, [] {
                           return domain::Date{2026, 11, 28};
                         }};
    context.freshness_wait = freshness_wait;
    add_query_routes(router, context);
    auto server = Server::start(test_options(), std::move(router));
    REQUIRE(server.is_ok());
    server_ = std::move(*server);
  }
  ~QueryServer() {
    server_->stop();
    projector_->stop();
  }

  Response get(const std::string& target, const std::string& if_none_match = "",
               const std::string& min_as_of = "") {
    Request request = make_request(Verb::get, target);
    if (!if_none_match.empty()) request.set(Field::if_none_match, if_none_match);
    if (!min_as_of.empty()) request.set(kMinAsOfHeader, min_as_of);
    return TestClient(server_->local_endpoint()).roundtrip(std::move(request));
  }
  json get_json(const std::string& target) {
    Response r = get(target);
    INFO(target << " -> " << r.body());
    REQUIRE(r.result() == HttpStatus::ok);
    CHECK(r[Field::content_type] == kJson);
    return json::parse(r.body());
  }
  // The problem answered for `target`, whose status must be `status`.
  json problem(const std::string& target, HttpStatus status) {
    Response r = get(target);
    INFO(target << " -> " << r.body());
    CHECK(r.result() == status);
    CHECK(r[Field::content_type] == kProblemJson);
    return json::parse(r.body());
  }

  projections::Projector& projector() { return *projector_; }

  MemoryEventStore store_;
  Recorder recorder_;

 private:
  TempDir dir_;
  domain::RuleBook rules_ = codec::load_standard_rule_book();
  std::unique_ptr<projections::DocumentStore> documents_;
  std::unique_ptr<projections::Projector> projector_;
  std::unique_ptr<Server> server_;
};

}  // namespace

TEST_CASE("the ranking states its position, carries an ETag and answers 304 when unchanged",
          "[http][query]") {
  QueryServer s;
  const std::int64_t last = static_cast<std::int64_t>(s.store_.head()) - 1;
  Response r = s.get("/v1/clusters/cum-6/years/2019/ranking");
  REQUIRE(r.result() == HttpStatus::ok);
  CHECK(r.body().starts_with("{\"as_of\":" + std::to_string(last) + ","));
  const std::string etag = std::string(r[Field::etag]);
  CHECK(etag.size() == 36);  // a weak tag of a digest of the document
  CHECK(etag.starts_with("W/\""));
  json ranking = json::parse(r.body());
  CHECK(ranking["ranking"][0]["name"] == "Sở TTTT Đắk Lắk");
  CHECK(ranking["status"] == "closed");
  Response again = s.get("/v1/clusters/cum-6/years/2019/ranking", etag);
  CHECK(again.result() == HttpStatus::not_modified);
  CHECK(again.body().empty());
  for (const std::string& tag : {etag.substr(2), "\"x\", " + etag, std::string("*")}) {
    INFO(tag);
    CHECK(s.get("/v1/clusters/cum-6/years/2019/ranking", tag).result() == HttpStatus::not_modified);
  }
  CHECK(s.get("/v1/clusters/cum-6/years/2019/ranking", "\"x\"").result() == HttpStatus::ok);
}

TEST_CASE("a ranking as of an earlier position is what the log said then", "[http][query]") {
  QueryServer s;
  const auto& year = s.recorder_.world.state.clusters.at("cum-6").years.at(2019);
  const std::uint64_t correction = year.corrections.at(0).position;
  json before =
      s.get_json("/v1/clusters/cum-6/years/2019/ranking?as_of=" + std::to_string(correction - 1));
  CHECK(before["as_of"] == correction - 1);
  CHECK(before["ranking"][3]["total"] == 18);
  CHECK(before["status"] == "open");
  json at = s.get_json("/v1/clusters/cum-6/years/2019/ranking?as_of=" + std::to_string(correction));
  CHECK(at["ranking"][3]["total"] == 17.5);
  CHECK(s.problem("/v1/clusters/cum-6/years/2019/ranking?as_of=" + std::to_string(s.store_.head()),
                  HttpStatus::bad_request)["detail"]
            .get<std::string>()
            .find("as_of") != std::string::npos);
  s.problem("/v1/clusters/cum-6/years/2019/ranking?as_of=-1", HttpStatus::bad_request);
  s.problem("/v1/clusters/cum-6/years/2019/ranking?as_of=3", HttpStatus::not_found);
  s.problem("/v1/clusters/cum-6/years/2019/ranking?since=3", HttpStatus::bad_request);
  s.problem("/v1/clusters/cum-6/years/19/ranking", HttpStatus::bad_request);
  s.problem("/v1/clusters/cum-9/years/2019/ranking", HttpStatus::not_found);
  s.problem("/v1/clusters/cum-6/years/2020/ranking", HttpStatus::not_found);
}

TEST_CASE("award histories show revocations and inherited awards", "[http][query]") {
  QueryServer s;
  json lan = s.get_json("/v1/people/nguyen-thi-lan/awards");
  CHECK(lan["name"] == "Nguyễn Thị Lan");
  CHECK(lan["awards"][0]["status"] == "revoked");
  CHECK(lan["awards"][0]["revocation"]["ground"] == "a");
  json dak_lak = s.get_json("/v1/organizations/so-tttt-dak-lak/awards");
  CHECK(dak_lak["awards"][0]["award"] == "CO_TINH");
  CHECK(dak_lak["inherited"][0]["inherited_from_name"] == "Sở TTTT Phú Yên");
  s.problem("/v1/people/nobody/awards", HttpStatus::not_found);
  s.problem("/v1/organizations/nobody/awards", HttpStatus::not_found);
}

TEST_CASE("decisions are listed by year, award and issuer, page by page", "[http][query]") {
  QueryServer s;
  json flag = s.get_json("/v1/decisions/qd-co-2019");
  CHECK(flag["number"] == "1001/QĐ-BTTTT");
  CHECK(flag["recipient_names"]["organization/so-tttt-phu-yen"] == "Sở TTTT Phú Yên");
  s.problem("/v1/decisions/qd-none", HttpStatus::not_found);

  json all = s.get_json("/v1/decisions");
  CHECK(all["decisions"].size() == 2);
  CHECK(all["next"].is_null());
  json flags = s.get_json("/v1/decisions?year=2019&award=CO_TINH");
  REQUIRE(flags["decisions"].size() == 1);
  CHECK(flags["decisions"][0]["id"] == "qd-co-2019");
  CHECK(s.get_json("/v1/decisions?issuer=so-tttt-phu-yen")["decisions"][0]["id"] == "qd-ldtt-lan");
  CHECK(s.get_json("/v1/decisions?year=2020")["decisions"].empty());

  Response first = s.get("/v1/decisions?limit=1");
  REQUIRE(first.result() == HttpStatus::ok);
  json page = json::parse(first.body());
  REQUIRE(page["decisions"].size() == 1);
  const std::string link(first[Field::link]);
  REQUIRE(link.find("rel=\"next\"") != std::string::npos);
  const std::string next = link.substr(1, link.find('>') - 1);
  json second = s.get_json(next);
  REQUIRE(second["decisions"].size() == 1);
  CHECK(second["decisions"][0]["id"] != page["decisions"][0]["id"]);

  s.problem("/v1/decisions?award=BK_XYZ", HttpStatus::bad_request);
  s.problem("/v1/decisions?limit=0", HttpStatus::bad_request);
  s.problem("/v1/decisions?limit=5000", HttpStatus::bad_request);
  s.problem("/v1/decisions?year=2019&year=2020", HttpStatus::bad_request);
  s.problem("/v1/decisions?after=ranking/x", HttpStatus::bad_request);
}

TEST_CASE("a movement shows its targets and the progress reported", "[http][query]") {
  QueryServer s;
  json m = s.get_json("/v1/movements/tang-toc-100-ngay");
  CHECK(m["name"] == "Thi đua cao điểm 100 ngày");
  CHECK(m["targets"][0]["progress"][0]["name"] == "Sở TTTT Gia Lai");
  CHECK(m["targets"][0]["progress"][0]["percent_of_target"] == 25);
  s.problem("/v1/movements/none", HttpStatus::not_found);
}

TEST_CASE("eligibility lists every rule with why, under the rule set of the date",
          "[http][query]") {
  QueryServer s;
  json gia_lai = s.get_json(
      "/v1/eligibility?subject=organization/so-tttt-gia-lai&award=CO_TINH&year=2019"
      "&issuer=bo-tttt&date=2020-04-20");
  CHECK(gia_lai["eligible"] == false);
  CHECK(gia_lai["ruleset"] == "vn-2013");
  bool leader_failed = false;
  for (const json& c : gia_lai["checks"]) {
    leader_failed |= c["rule"] == "award.CO_TINH.leader" && c["passed"] == false;
  }
  CHECK(leader_failed);
  json dak_lak =
      s.get_json("/v1/eligibility?subject=organization/so-tttt-dak-lak&award=CO_TINH&year=2020");
  CHECK(dak_lak["ruleset"] == "vn-2025");  // today's
  s.problem("/v1/eligibility?subject=organization/so-tttt-gia-lai&award=CO_TINH",
            HttpStatus::bad_request);
  s.problem("/v1/eligibility?subject=gia-lai&award=CO_TINH&year=2019", HttpStatus::bad_request);
  s.problem("/v1/eligibility?subject=person/x&award=LDTT&year=2019", HttpStatus::not_found);
  s.problem("/v1/eligibility?subject=person/x&award=LDTT&year=2019&date=2019-02-30",
            HttpStatus::bad_request);
}

TEST_CASE("a recorded decision is decided again under the rules as they stand", "[http][query]") {
  QueryServer s;
  json flag = s.get_json("/v1/decisions/qd-co-2019/recheck");
  CHECK(flag["passes"] == true);
  CHECK(flag["recorded_ruleset"] == "vn-2013");
  CHECK(flag["ruleset"] == "vn-2013");
  CHECK(flag["failures"] == json::array());
  CHECK(flag["position"] == s.recorder_.world.state.decisions.at("qd-co-2019").position);

  // Recorded under a book that let a commune decide CSTDCS: the rules now refuse it, and the
  // recorded decision is left as it was.
  s.recorder_.commune_cstdcs_under_old_rule();
  const std::uint64_t head = s.store_.head();
  json commune = s.get_json("/v1/decisions/qd-cstdcs-ia-blang-2019/recheck");
  CHECK(commune["passes"] == false);
  // The first refusal, then every other failing check: the commune has no LDTT holder, so the
  // 15% share of Decree 91/2017 Art. 9(3) allows no CSTDCS either.
  REQUIRE(commune["failures"].size() == 2);
  CHECK(commune["failures"][0]["rule"] == "decision.competent_issuer");
  CHECK(commune["failures"][0]["subject"] == "person/ksor-h-lan");
  CHECK(commune["failures"][1]["rule"] == "award.CSTDCS.share");
  CHECK(s.store_.head() == head);

  s.problem("/v1/decisions/qd-none/recheck", HttpStatus::not_found);
  s.problem("/v1/decisions/qd-co-2019/recheck?as_of=3", HttpStatus::bad_request);
}

TEST_CASE("eligibility waits for the state to load", "[http][query]") {
  QueryServer s(/*load=*/false);
  Response r = s.get("/v1/eligibility?subject=person/nguyen-thi-lan&award=LDTT&year=2019");
  CHECK(r.result() == HttpStatus::service_unavailable);
  CHECK(r[Field::retry_after] == "1");
}

TEST_CASE("an ETag changes only when its document does", "[http][query]") {
  QueryServer s;
  const std::string ranking = "/v1/clusters/cum-6/years/2019/ranking";
  Response before = s.get(ranking);
  Response lan = s.get("/v1/people/nguyen-thi-lan/awards");
  REQUIRE(before.result() == HttpStatus::ok);
  const std::string etag(before[Field::etag]);
  // An organization the ranking does not show: the ranking keeps its tag (304), the log moved.
  s.recorder_.record(domain::RegisterOrganization{
      {"so-tttt-kon-tum", "Sở TTTT Kon Tum", domain::OrganizationKind::kDepartment, {}, {}}});
  REQUIRE(s.projector().catch_up().is_ok());
  CHECK(s.get(ranking, etag).result() == HttpStatus::not_modified);
  Response after = s.get(ranking);
  CHECK(std::string(after[Field::etag]) == etag);
  CHECK(json::parse(after.body())["as_of"] == json::parse(before.body())["as_of"].get<int>() + 1);
  CHECK(std::string(s.get("/v1/people/nguyen-thi-lan/awards")[Field::etag]) ==
        std::string(lan[Field::etag]));
  // A member renamed: the ranking shows the new name, under a new tag; as of before the rename,
  // the old name and the old tag.
  const std::uint64_t rename = s.recorder_.record(domain::RenameOrganization{
      {"so-tttt-dak-lak", "Sở KH&CN Đắk Lắk", domain::Date{2025, 7, 1}, std::nullopt}});
  REQUIRE(s.projector().catch_up().is_ok());
  Response renamed = s.get(ranking, etag);
  REQUIRE(renamed.result() == HttpStatus::ok);
  CHECK(std::string(renamed[Field::etag]) != etag);
  CHECK(json::parse(renamed.body())["ranking"][0]["name"] == "Sở KH&CN Đắk Lắk");
  Response then = s.get(ranking + "?as_of=" + std::to_string(rename - 1));
  REQUIRE(then.result() == HttpStatus::ok);
  CHECK(std::string(then[Field::etag]) == etag);
  // An answer as of a past position never changes: any cache may keep it. One as it stands is
  // revalidated.
  CHECK(then[Field::cache_control] == "public, max-age=31536000, immutable");
  CHECK(renamed[Field::cache_control] == "no-cache");
  Response again = s.get(ranking + "?as_of=" + std::to_string(rename - 1));
  CHECK(again.body() == then.body());
  CHECK(again[Field::cache_control] == then[Field::cache_control]);
  CHECK(json::parse(then.body())["ranking"][0]["name"] == "Sở TTTT Đắk Lắk");
  CHECK(s.get(ranking + "?as_of=" + std::to_string(rename - 1), etag).result() ==
        HttpStatus::not_modified);
}

TEST_CASE("every query answers as of an earlier position", "[http][query]") {
  QueryServer s;
  const domain::State& now = s.recorder_.world.state;
  const auto& lan = now.decisions.at("qd-ldtt-lan");
  REQUIRE(lan.revocation);
  const std::string revoked = std::to_string(lan.revocation->position);
  const std::string before = std::to_string(lan.revocation->position - 1);
  CHECK(s.get_json("/v1/people/nguyen-thi-lan/awards?as_of=" + before)["awards"][0]["status"] ==
        "active");
  CHECK(s.get_json("/v1/people/nguyen-thi-lan/awards?as_of=" + revoked)["awards"][0]["status"] ==
        "revoked");
  CHECK(s.get_json("/v1/decisions/qd-ldtt-lan?as_of=" + before)["revocation"].is_null());
  json listed = s.get_json("/v1/decisions?as_of=" + before);
  CHECK(listed["as_of"] == lan.revocation->position - 1);
  bool active = false;
  for (const json& d : listed["decisions"])
    active |= d["id"] == "qd-ldtt-lan" && d["status"] == "active";
  CHECK(active);
  // Before the flag decision, only the LDTT was listed.
  const std::string flag = std::to_string(now.decisions.at("qd-co-2019").position - 1);
  CHECK(s.get_json("/v1/decisions?as_of=" + flag)["decisions"].size() ==
        (now.decisions.at("qd-co-2019").position < lan.position ? 0u : 1u));
  s.problem("/v1/decisions/qd-co-2019?as_of=" + flag, HttpStatus::not_found);
  const std::string launched = std::to_string(now.movements.at("tang-toc-100-ngay").position);
  CHECK(s.get_json("/v1/movements/tang-toc-100-ngay?as_of=" + launched)["targets"][0]["progress"]
            .empty());
  // Eligibility as it stood before the flag decision, and after.
  const std::string question =
      "/v1/eligibility?subject=organization/so-tttt-phu-yen&award=CO_TINH&year=2019"
      "&issuer=bo-tttt&date=2020-04-20&as_of=";
  json ok_then = s.get_json(question + flag);
  CHECK(ok_then["as_of"] == now.decisions.at("qd-co-2019").position - 1);
  json later = s.get_json(question + std::to_string(s.store_.head() - 1));
  CHECK(later["checks"] != ok_then["checks"]);
  s.problem(
      "/v1/eligibility?subject=person/nguyen-thi-lan&award=LDTT&year=2019&date=2020-03-01&as_of=0",
      HttpStatus::not_found);
  // As of a position, the date cannot be today's: the answer would change from day to day.
  CHECK(s.problem("/v1/eligibility?subject=person/nguyen-thi-lan&award=LDTT&year=2019&as_of=0",
                  HttpStatus::bad_request)["detail"]
            .get<std::string>()
            .find("date") != std::string::npos);
  s.problem("/v1/movements/tang-toc-100-ngay?as_of=x", HttpStatus::bad_request);
  s.problem("/v1/people/nguyen-thi-lan/awards?as_of=" + std::to_string(s.store_.head()),
            HttpStatus::bad_request);
}

TEST_CASE("min_as_of waits for the projections, then answers, and past the bound is 503",
          "[http][query]") {
  SECTION("the projections never get there in time") {
    QueryServer s(/*load=*/false, std::chrono::milliseconds(50));
    const std::string last = std::to_string(s.store_.head() - 1);
    for (Response r : {s.get("/v1/decisions?min_as_of=" + last),
                       s.get("/v1/movements/tang-toc-100-ngay", "", last)}) {
      INFO(r.body());
      CHECK(r.result() == HttpStatus::service_unavailable);
      CHECK(r[Field::retry_after] == "1");
      json p = json::parse(r.body());
      CHECK(p["type"] == "/problems/projection-lag");
      CHECK(p["wanted"] == s.store_.head() - 1);
      CHECK(p["lag"] == s.store_.head());
      CHECK(p["applied"] == 0);
    }
    s.problem("/v1/decisions?min_as_of=-2", HttpStatus::bad_request);
    s.problem("/v1/decisions?min_as_of=" + std::to_string(s.store_.head()),
              HttpStatus::bad_request);
    CHECK(s.get("/v1/decisions", "", "two").result() == HttpStatus::bad_request);
  }
  SECTION("they get there while the query waits") {
    QueryServer s(/*load=*/false, std::chrono::seconds(30));
    const std::string last = std::to_string(s.store_.head() - 1);
    std::thread later([&] {
      std::this_thread::sleep_for(std::chrono::milliseconds(100));
      s.projector().start();
    });
    Response r = s.get("/v1/people/nguyen-thi-lan/awards", "", last);
    later.join();
    INFO(r.body());
    REQUIRE(r.result() == HttpStatus::ok);
    CHECK(json::parse(r.body())["as_of"] == s.store_.head() - 1);
    CHECK(s.get_json("/v1/decisions?min_as_of=" + last)["as_of"] == s.store_.head() - 1);
  }
}

TEST_CASE(
    "answers given while a generated history is applied come back byte for byte as of "
    "their position",
    "[http][query][as_of]") {
  QueryServer s(/*load=*/false, std::chrono::seconds(30), /*story=*/false);
  s.projector().start();
  const generator::HistoryOptions o = thidua::testing::restructuring_world(5000, 5);
  std::vector<std::pair<std::string, Response>> seen;
  REQUIRE(generator::generate_into(s.store_, o, 250, [&](std::uint64_t, std::uint64_t) {
            std::vector<std::string> targets = {"/v1/decisions?limit=5"};
            if (!s.projector().ready()) return;
            s.projector().read([&](const domain::State& state, std::uint64_t) {
              if (!state.clusters.empty()) {
                const auto& c = state.clusters.rbegin()->second;
                for (const auto& [year, y] : c.years) {
                  targets.push_back("/v1/clusters/" + c.established.id + "/years/" +
                                    std::to_string(year) + "/ranking");
                }
              }
              if (!state.organizations.empty()) {
                targets.push_back("/v1/organizations/" + state.organizations.begin()->first +
                                  "/awards");
              }
              if (!state.decisions.empty()) {
                targets.push_back("/v1/decisions/" + state.decisions.rbegin()->first);
              }
              if (!state.people.empty()) {
                targets.push_back("/v1/people/" + state.people.begin()->first + "/awards");
              }
              if (!state.movements.empty()) {
                targets.push_back("/v1/movements/" + state.movements.begin()->first);
              }
              return 0;
            });
            for (const std::string& target : targets) {
              Response r = s.get(target);
              if (r.result() == HttpStatus::ok) seen.emplace_back(target, std::move(r));
            }
          }).is_ok());
  REQUIRE(seen.size() > 50);
  for (const auto& [target, live] : seen) {
    const std::string as_of = json::parse(live.body())["as_of"].dump();
    const std::string again =
        target + (target.find('?') == std::string::npos ? "?" : "&") + "as_of=" + as_of;
    Response r = s.get(again);
    INFO(again);
    REQUIRE(r.result() == HttpStatus::ok);
    CHECK(r.body() == live.body());
    CHECK(r[Field::etag] == live[Field::etag]);
  }
}

}  // namespace thidua::http::testing
