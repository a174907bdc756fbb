#include <atomic>
#include <chrono>
#include <future>
#include <string>
#include <thread>

#include <boost/asio/steady_timer.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/beast/http/error.hpp>
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "events.hpp"
#include "test_client.hpp"
#include "thidua/http/feed_routes.hpp"
#include "thidua/http/health_route.hpp"
#include "thidua/store/fault_injecting_event_store.hpp"

namespace thidua::http::testing {
namespace {

using namespace std::chrono_literals;
using Clock = std::chrono::steady_clock;
using nlohmann::json;

void require_problem(const Response& response, unsigned status) {
  REQUIRE(response.result_int() == status);
  REQUIRE(response[Field::content_type] == kProblemJson);
  json body = json::parse(response.body());
  CHECK(body["status"] == status);
  CHECK(body["type"].get<std::string>().rfind("/problems/", 0) == 0);
  CHECK_FALSE(body["title"].get<std::string>().empty());
  CHECK_FALSE(body["detail"].get<std::string>().empty());
}

bool closed_by_server(const error_code& ec) {
  return ec == boost::asio::error::eof || ec == boost::asio::error::connection_reset;
}

TEST_CASE("healthz reports the head and that writes are accepted", "[server]") {
  TestServer t;
  t.append("cluster/cum-6/2020", "vn.thidua.test.happened.v1", 3);
  Response r = fetch(t.endpoint(), Verb::get, "/healthz");
  REQUIRE(r.result_int() == 200);
  CHECK(r[Field::content_type] == kJson);
  CHECK(json::parse(r.body()) == json{{"status", "ok"}, {"head", 3}, {"writes", "ok"}});
}

TEST_CASE("healthz stays 200 but reports refused writes", "[server]") {
  FaultInjectingEventStore store(std::make_unique<MemoryEventStore>());
  store.fail_append(FaultInjectingEventStore::Fault::kFailBeforeWrite);
  AppendRequest request;
  request.events.push_back(thidua::testing::make_event("cluster/cum-6/2020"));
  REQUIRE_FALSE(store.append(std::move(request)).is_ok());
  Router router;
  add_health_route(router, store);
  add_events_route(router, store);
  auto server = Server::start(test_options(), std::move(router));
  REQUIRE(server.is_ok());
  Response r = fetch((*server)->local_endpoint(), Verb::get, "/healthz");
  REQUIRE(r.result_int() == 200);
  json body = json::parse(r.body());
  CHECK(body["status"] == "degraded");
  CHECK(body["writes"] == "refused");
  CHECK(body["head"] == 0);
  CHECK_FALSE(body["writes_detail"].get<std::string>().empty());
}

TEST_CASE("HEAD is answered like GET without a body", "[server]") {
  TestServer t;
  Response get = fetch(t.endpoint(), Verb::get, "/healthz");
  TestClient client(t.endpoint());
  Response head = client.roundtrip(make_request(Verb::head, "/healthz"));
  REQUIRE(head.result_int() == 200);
  CHECK(head.body().empty());
  CHECK(head[Field::content_length] == std::to_string(get.body().size()));
  // The connection is still in step: a second request on it works.
  CHECK(client.roundtrip(make_request(Verb::get, "/healthz")).body() == get.body());
}

TEST_CASE("an unknown path is a 404 problem", "[server]") {
  TestServer t;
  require_problem(fetch(t.endpoint(), Verb::get, "/nope"), 404);
  require_problem(fetch(t.endpoint(), Verb::get, "/healthz/"), 404);
}

TEST_CASE("a known path with another method is a 405 problem with Allow", "[server]") {
  TestServer t;
  Response r = fetch(t.endpoint(), Verb::post, "/healthz");
  require_problem(r, 405);
  CHECK(r[Field::allow] == "GET, HEAD");
  CHECK(json::parse(r.body())["allow"] == "GET, HEAD");
}

TEST_CASE("a body over the limit is 413 and the connection closes", "[server]") {
  ServerOptions options = test_options();
  options.body_limit = 1024;
  TestServer t(options);
  TestClient client(t.endpoint());
  REQUIRE_FALSE(client.connect());
  SECTION("announced by Content-Length") {
    REQUIRE_FALSE(
        client.write_raw("POST /healthz HTTP/1.1\r\nHost: x\r\nContent-Length: 2048\r\n\r\n" +
                         std::string(100, 'a')));
  }
  SECTION("sent in chunks") {
    std::string chunk = "400\r\n" + std::string(1024, 'a') + "\r\n";
    REQUIRE_FALSE(client.write_raw(
        "POST /healthz HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n" + chunk + chunk));
  }
  Response r;
  REQUIRE_FALSE(client.read(r));
  require_problem(r, 413);
  CHECK_FALSE(r.keep_alive());
  CHECK(closed_by_server(client.wait_closed()));
  CHECK(fetch(t.endpoint(), Verb::get, "/healthz").result_int() == 200);
}

TEST_CASE("a body within the limit reaches the handler", "[server]") {
  ServerOptions options = test_options();
  options.body_limit = 1024;
  TestServer t(options, [](Router& router) {
    router.add(Verb::post, "/echo",
               [](const Request& request, const PathParams&) -> boost::asio::awaitable<Response> {
                 co_return make_response(HttpStatus::ok, "text/plain", request.body());
               });
  });
  TestClient client(t.endpoint());
  Response r = client.roundtrip(make_request(Verb::post, "/echo", std::string(1024, 'b')));
  REQUIRE(r.result_int() == 200);
  CHECK(r.body() == std::string(1024, 'b'));

  SECTION("also after 100-continue") {
    REQUIRE_FALSE(client.write_raw(
        "POST /echo HTTP/1.1\r\nHost: x\r\nExpect: 100-continue\r\nContent-Length: 5\r\n\r\n"));
    Response interim;
    REQUIRE_FALSE(client.read(interim, true));
    CHECK(interim.result_int() == 100);
    REQUIRE_FALSE(client.write_raw("hello"));
    Response final_response;
    REQUIRE_FALSE(client.read(final_response));
    CHECK(final_response.result_int() == 200);
    CHECK(final_response.body() == "hello");
  }
}

TEST_CASE("an oversized header is 431 and the connection closes", "[server]") {
  ServerOptions options = test_options();
  options.header_limit = 2048;
  TestServer t(options);
  TestClient client(t.endpoint());
  REQUIRE_FALSE(client.connect());
  REQUIRE_FALSE(client.write_raw(
      "GET /healthz HTTP/1.1\r\nHost: x\r\nX-Big: " + std::string(8192, 'h') + "\r\n\r\n"));
  Response r;
  REQUIRE_FALSE(client.read(r));
  require_problem(r, 431);
  CHECK(closed_by_server(client.wait_closed()));
  CHECK(fetch(t.endpoint(), Verb::get, "/healthz").result_int() == 200);
}

TEST_CASE("a garbage request is 400 and the server stays up", "[server]") {
  const char* garbage = GENERATE("GARBAGE\r\n\r\n", "GET /healthz HTTP/9.x\r\n\r\n",
                                 "GET /healthz HTTP/1.1\r\nBad Header\r\n\r\n",
                                 "GET /healthz HTTP/1.1\r\nContent-Length: x\r\n\r\n");
  TestServer t;
  TestClient client(t.endpoint());
  REQUIRE_FALSE(client.connect());
  REQUIRE_FALSE(client.write_raw(garbage));
  Response r;
  REQUIRE_FALSE(client.read(r));
  require_problem(r, 400);
  CHECK(closed_by_server(client.wait_closed()));
  CHECK(fetch(t.endpoint(), Verb::get, "/healthz").result_int() == 200);
}

TEST_CASE("a target that is not a path is a 400 problem", "[server]") {
  TestServer t;
  require_problem(fetch(t.endpoint(), Verb::get, "*"), 400);
  CHECK(fetch(t.endpoint(), Verb::get, "http://127.0.0.1/healthz").result_int() == 200);
  require_problem(fetch(t.endpoint(), Verb::get, "/v1/%zz"), 400);
}

TEST_CASE("keep-alive: several requests on one connection", "[server]") {
  TestServer t;
  TestClient client(t.endpoint());
  for (int i = 0; i < 3; ++i) {
    Response r = client.roundtrip(make_request(Verb::get, "/healthz"));
    REQUIRE(r.result_int() == 200);
    CHECK(r.keep_alive());
  }
}

TEST_CASE("pipelined requests are answered in order", "[server]") {
  TestServer t;
  TestClient client(t.endpoint());
  REQUIRE_FALSE(client.connect());
  REQUIRE_FALSE(client.write_raw(
      "GET /healthz HTTP/1.1\r\nHost: x\r\n\r\nGET /nope HTTP/1.1\r\nHost: x\r\n\r\n"));
  Response first, second;
  REQUIRE_FALSE(client.read(first));
  REQUIRE_FALSE(client.read(second));
  CHECK(first.result_int() == 200);
  CHECK(second.result_int() == 404);
}

TEST_CASE("Connection: close is honoured", "[server]") {
  TestServer t;
  TestClient client(t.endpoint());
  Request request = make_request(Verb::get, "/healthz");
  request.keep_alive(false);
  Response r = client.roundtrip(request);
  CHECK(r.result_int() == 200);
  CHECK_FALSE(r.keep_alive());
  CHECK(closed_by_server(client.wait_closed()));
}

TEST_CASE("HTTP/1.0 without keep-alive gets one answer", "[server]") {
  TestServer t;
  TestClient client(t.endpoint());
  REQUIRE_FALSE(client.connect());
  REQUIRE_FALSE(client.write_raw("GET /healthz HTTP/1.0\r\n\r\n"));
  Response r;
  REQUIRE_FALSE(client.read(r));
  CHECK(r.result_int() == 200);
  CHECK(r.version() == 10);
  CHECK(closed_by_server(client.wait_closed()));
}

TEST_CASE("a silent or slow client is timed out while others are served", "[server]") {
  ServerOptions options = test_options();
  options.read_timeout = 300ms;
  TestServer t(options);
  TestClient slow(t.endpoint());
  REQUIRE_FALSE(slow.connect());
  SECTION("sends nothing") {}
  SECTION("sends half a request") {
    REQUIRE_FALSE(slow.write_raw("GET /healthz HTTP/1.1\r\nHost: x\r\n"));
  }
  SECTION("goes quiet after a request") {
    Response r = slow.roundtrip(make_request(Verb::get, "/healthz"));
    CHECK(r.result_int() == 200);
  }
  CHECK(fetch(t.endpoint(), Verb::get, "/healthz").result_int() == 200);
  Clock::time_point start = Clock::now();
  CHECK(closed_by_server(slow.wait_closed()));
  CHECK(Clock::now() - start < 4s);
  CHECK(fetch(t.endpoint(), Verb::get, "/healthz").result_int() == 200);
}

TEST_CASE("an exception in a handler is a 500 problem", "[server]") {
  TestServer t({}, [](Router& router) {
    router.add(Verb::get, "/boom",
               [](const Request&, const PathParams&) -> boost::asio::awaitable<Response> {
                 throw std::runtime_error("boom");
                 co_return Response{};
               });
  });
  require_problem(fetch(t.endpoint(), Verb::get, "/boom"), 500);
}

// A route that holds its request until released, to have one in flight at stop().
struct SlowRoute {
  std::promise<void> entered;
  std::chrono::milliseconds delay;

  void add_to(Router& router) {
    router.add(Verb::get, "/slow",
               [this](const Request&, const PathParams&) -> boost::asio::awaitable<Response> {
                 entered.set_value();
                 boost::asio::steady_timer timer(co_await boost::asio::this_coro::executor, delay);
                 co_await timer.async_wait(boost::asio::use_awaitable);
                 co_return make_response(HttpStatus::ok, "text/plain", "done");
               });
  }
};

TEST_CASE("stop() lets a request in flight finish, then refuses connections", "[server]") {
  SlowRoute slow{{}, 300ms};
  TestServer t(test_options(), [&](Router& router) { slow.add_to(router); });
  tcp::endpoint endpoint = t.endpoint();
  auto response = std::async(std::launch::async, [endpoint] {
    TestClient client(endpoint);
    return client.roundtrip(make_request(Verb::get, "/slow"));
  });
  REQUIRE(slow.entered.get_future().wait_for(5s) == std::future_status::ready);
  t.server().stop();
  Response r = response.get();
  CHECK(r.result_int() == 200);
  CHECK(r.body() == "done");
  CHECK_FALSE(r.keep_alive());
  TestClient late(endpoint);
  CHECK(late.connect());
}

TEST_CASE("stop() closes idle connections at once", "[server]") {
  TestServer t;
  TestClient idle(t.endpoint());
  CHECK(idle.roundtrip(make_request(Verb::get, "/healthz")).result_int() == 200);
  Clock::time_point start = Clock::now();
  t.server().stop();
  CHECK(Clock::now() - start < 2s);  // far below the 5 s grace
  CHECK(closed_by_server(idle.wait_closed()));
}

TEST_CASE("stop() cuts off a request that outlives the grace period", "[server]") {
  ServerOptions options = test_options();
  options.shutdown_grace = 200ms;
  SlowRoute slow{{}, 30s};
  TestServer t(options, [&](Router& router) { slow.add_to(router); });
  TestClient client(t.endpoint());
  REQUIRE_FALSE(client.connect());
  REQUIRE_FALSE(client.send(make_request(Verb::get, "/slow")));
  REQUIRE(slow.entered.get_future().wait_for(5s) == std::future_status::ready);
  Clock::time_point start = Clock::now();
  t.server().stop();
  CHECK(Clock::now() - start < 3s);
  Response r;
  CHECK(client.read(r));
}

TEST_CASE("start() fails cleanly when the port is taken", "[server]") {
  TestServer t;
  ServerOptions options = test_options();
  options.endpoint = t.endpoint();
  auto second = Server::start(options, Router{});
  REQUIRE_FALSE(second.is_ok());
  CHECK(second.status().code() == thidua::Status::Code::kIOError);
}

TEST_CASE("start() refuses options out of range", "[server]") {
  ServerOptions options = test_options();
  options.threads = 0;
  auto server = Server::start(options, Router{});
  REQUIRE_FALSE(server.is_ok());
  CHECK(server.status().code() == thidua::Status::Code::kInvalidArgument);
}

TEST_CASE("the access log gets one JSON line per request", "[server]") {
  std::mutex mu;
  std::vector<std::string> lines;
  ServerOptions options = logging_options(mu, lines);
  {
    TestServer t(options);
    fetch(t.endpoint(), Verb::get, "/healthz?x=1");
  }
  REQUIRE(lines.size() == 1);
  json line = json::parse(lines[0]);
  CHECK(line["log"] == "access");
  CHECK(line["method"] == "GET");
  CHECK(line["target"] == "/healthz?x=1");
  CHECK(line["status"] == 200);
  CHECK(line["bytes"].get<int>() > 0);
  CHECK(line["duration_us"].is_number_integer());
}

}  // namespace
}  // namespace thidua::http::testing
