#include <future>
#include <string>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/use_future.hpp>
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "thidua/http/problem.hpp"
#include "thidua/http/router.hpp"

namespace thidua::http {
namespace {

// A handler answering "<name> <params as k=v;...>".
Handler echo(std::string name) {
  return [name](const Request&, const PathParams& params) -> boost::asio::awaitable<Response> {
    std::string body = name;
    for (const auto& [k, v] : params) body += " " + k + "=" + v;
    co_return make_response(HttpStatus::ok, "text/plain", body);
  };
}

Response dispatch(const Router& router, Verb method, std::string_view target) {
  boost::asio::io_context ioc;
  Request request{method, target, 11};
  std::future<Response> result =
      boost::asio::co_spawn(ioc, router.dispatch(request), boost::asio::use_future);
  ioc.run();
  return result.get();
}

Router sample_router() {
  Router router;
  router.add(Verb::get, "/v1/decisions", echo("list"));
  router.add(Verb::get, "/v1/decisions/{id}", echo("one"));
  router.add(Verb::post, "/v1/decisions/{id}/revocation", echo("revoke"));
  router.add(Verb::get, "/v1/events/stream", echo("stream"));
  router.add(Verb::get, "/v1/events/{position}", echo("event"));
  router.add(Verb::get, "/v1/streams/{subject...}", echo("subject"));
  router.add(Verb::get, "/v1/clusters/{id}/years/{year}/ranking", echo("ranking"));
  router.add(Verb::post, "/v1/clusters/{id}/years/{year}/votes", echo("vote"));
  router.add(Verb::put, "/v1/clusters/{id}/years/{year}/votes", echo("vote-put"));
  return router;
}

TEST_CASE("routes match literals and capture parameters", "[router]") {
  Router router = sample_router();
  CHECK(dispatch(router, Verb::get, "/v1/decisions").body() == "list");
  CHECK(dispatch(router, Verb::get, "/v1/decisions/d-1?x=1").body() == "one id=d-1");
  CHECK(dispatch(router, Verb::post, "/v1/decisions/d-1/revocation").body() == "revoke id=d-1");
  CHECK(dispatch(router, Verb::get, "/v1/clusters/cum-6/years/2020/ranking").body() ==
        "ranking id=cum-6 year=2020");
}

TEST_CASE("a literal segment beats a parameter", "[router]") {
  Router router = sample_router();
  CHECK(dispatch(router, Verb::get, "/v1/events/stream").body() == "stream");
  CHECK(dispatch(router, Verb::get, "/v1/events/42").body() == "event position=42");
}

TEST_CASE("a rest parameter captures several segments, decoded", "[router]") {
  Router router = sample_router();
  CHECK(dispatch(router, Verb::get, "/v1/streams/cluster/cum-6/2020").body() ==
        "subject subject=cluster/cum-6/2020");
  CHECK(dispatch(router, Verb::get, "/v1/streams/cluster%2Fcum-6").body() ==
        "subject subject=cluster/cum-6");
  CHECK(dispatch(router, Verb::get, "/v1/streams").result_int() == 404);
}

TEST_CASE("an unknown path is 404, a known one with another method 405", "[router]") {
  Router router = sample_router();
  Response missing = dispatch(router, Verb::get, "/v1/nothing");
  CHECK(missing.result_int() == 404);
  CHECK(missing[Field::content_type] == kProblemJson);
  CHECK(dispatch(router, Verb::get, "/v1/decisions/d-1/extra").result_int() == 404);
  Response wrong = dispatch(router, Verb::delete_, "/v1/clusters/c/years/2020/votes");
  CHECK(wrong.result_int() == 405);
  CHECK(wrong[Field::allow] == "POST, PUT");
  CHECK(dispatch(router, Verb::post, "/v1/decisions").at(Field::allow) == "GET, HEAD");
}

TEST_CASE("an absolute-form target is routed by its path", "[router]") {
  Router router = sample_router();
  CHECK(dispatch(router, Verb::get, "http://h:8080/v1/decisions/d-2?x=1").body() == "one id=d-2");
}

TEST_CASE("HEAD uses the GET handler", "[router]") {
  Router router = sample_router();
  CHECK(dispatch(router, Verb::head, "/v1/decisions").body() == "list");
  CHECK(dispatch(router, Verb::head, "/v1/decisions/x/revocation").result_int() == 405);
}

TEST_CASE("a target that is not a decodable absolute path is 400", "[router]") {
  Router router = sample_router();
  CHECK(dispatch(router, Verb::get, "*").result_int() == 400);
  CHECK(dispatch(router, Verb::get, "h/v1/decisions").result_int() == 400);
  CHECK(dispatch(router, Verb::get, "http://h").result_int() == 400);
  CHECK(dispatch(router, Verb::get, "/v1/decisions/%G1").result_int() == 400);
}

TEST_CASE("each Status code maps to its HTTP status", "[problem]") {
  using Code = thidua::Status::Code;
  CHECK(http_status_for(Code::kInvalidArgument) == HttpStatus::bad_request);
  CHECK(http_status_for(Code::kNotFound) == HttpStatus::not_found);
  CHECK(http_status_for(Code::kConflict) == HttpStatus::conflict);
  CHECK(http_status_for(Code::kIdempotencyMismatch) == HttpStatus::unprocessable_entity);
  CHECK(http_status_for(Code::kWriteRefused) == HttpStatus::service_unavailable);
  CHECK(http_status_for(Code::kIOError) == HttpStatus::service_unavailable);
  CHECK(http_status_for(Code::kUnavailable) == HttpStatus::service_unavailable);
  CHECK(http_status_for(Code::kCorruption) == HttpStatus::internal_server_error);
}

TEST_CASE("status_response is an RFC 9457 problem", "[problem]") {
  Response r = status_response(thidua::Status::conflict("stream at version 3, expected 2"));
  CHECK(r.result_int() == 409);
  CHECK(r[Field::content_type] == "application/problem+json");
  auto body = nlohmann::json::parse(r.body());
  CHECK(body == nlohmann::json{{"type", "/problems/conflict"},
                               {"title", "Version conflict"},
                               {"status", 409},
                               {"detail", "stream at version 3, expected 2"}});
}

TEST_CASE("a problem detail that is not UTF-8 is still reported", "[problem]") {
  Response r = problem_response(http_problem(HttpStatus::bad_request, "x", "bad \xff byte"));
  auto body = nlohmann::json::parse(r.body());
  CHECK(body["status"] == 400);
  CHECK(body["title"] == "Bad Request");
  CHECK(body["detail"].get<std::string>().rfind("bad ", 0) == 0);
}

}  // namespace
}  // namespace thidua::http
