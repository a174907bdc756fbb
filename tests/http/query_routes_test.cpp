#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "recorder.hpp"
#include "temp_dir.hpp"
#include "test_client.hpp"
#include "thidua/codec/rule_book.hpp"
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
  explicit QueryServer(bool load = true) : recorder_(store_), dir_("thidua-query") {
    recorder_.cluster6_story();
    auto docs = projections::DocumentStore::open(dir_.path());
    REQUIRE(docs.is_ok());
    documents_ = std::move(docs).value();
    projector_ = std::make_unique<projections::Projector>(store_, *documents_);
    if (load) REQUIRE(projector_->catch_up().is_ok());
    Router router;
    add_query_routes(router, {projector_.get(), &store_, &rules_, [] {
                                return domain::Date{2026, 11, 28};
                              }});
    auto server = Server::start(test_options(), std::move(router));
    REQUIRE(server.is_ok());
    server_ = std::move(*server);
  }
  ~QueryServer() { server_->stop(); }

  Response get(const std::string& target, const std::string& if_none_match = "") {
    Request request = make_request(Verb::get, target);
    if (!if_none_match.empty()) request.set(Field::if_none_match, if_none_match);
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
  CHECK(etag == "\"" + std::to_string(last) + "\"");
  json ranking = json::parse(r.body());
  CHECK(ranking["ranking"][0]["name"] == "Sở TTTT Đắk Lắk");
  CHECK(ranking["status"] == "closed");
  Response again = s.get("/v1/clusters/cum-6/years/2019/ranking", etag);
  CHECK(again.result() == HttpStatus::not_modified);
  CHECK(again.body().empty());
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

}  // namespace thidua::http::testing
