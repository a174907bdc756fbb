#include <algorithm>
#include <chrono>
#include <future>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "events.hpp"
#include "temp_dir.hpp"
#include "test_client.hpp"
#include "thidua/http/feed_routes.hpp"
#include "thidua/http/health_route.hpp"
#include "thidua/http/metrics_route.hpp"
#include "thidua/store/rocksdb_event_store.hpp"
#include "thidua/util/base64.hpp"
#include "thidua/util/merkle.hpp"
#include "thidua/util/sha256.hpp"

namespace thidua::http::testing {
namespace {

using namespace std::chrono_literals;
using Clock = std::chrono::steady_clock;
using nlohmann::json;

constexpr const char* kToken = "feed-token-1";
constexpr const char* kHappened = "vn.thidua.test.happened.v1";
constexpr const char* kSigned = "vn.thidua.cluster.covenant_signed.v1";
constexpr const char* kCum6 = "cluster/cum-6/2020";
constexpr const char* kCum7 = "cluster/cum-7/2020";

// Short intervals, so that heartbeats and checkpoints show up within a test.
FeedOptions quick_feed() {
  FeedOptions options;
  options.heartbeat = 100ms;
  options.checkpoint_every = 100ms;
  return options;
}

// An integrator's token: a role that does not see personal data.
constexpr const char* kIntegratorToken = "feed-token-integrator";

std::vector<TokenGrant> grants() {
  Result<TokenGrant> auditor = make_token_grant(to_hex(sha256(kToken)), "auditor", "");
  REQUIRE(auditor.is_ok());
  Result<TokenGrant> integrator =
      make_token_grant(to_hex(sha256(kIntegratorToken)), "integrator", "");
  REQUIRE(integrator.is_ok());
  return {*auditor, *integrator};
}

std::unique_ptr<EventStore> open_rocksdb(const thidua::testing::TempDir& dir) {
  auto store = RocksDbEventStore::open(dir.path() / "db");
  REQUIRE(store.status().to_string() == "OK");
  return std::move(*store);
}

// A server with the core, feed and metrics routes over a memory store, or a RocksDB store in a
// fresh temporary directory.
class FeedServer {
 public:
  explicit FeedServer(FeedOptions feed = quick_feed(), ServerOptions options = test_options(),
                      bool rocksdb = false)
      : store_(rocksdb ? open_rocksdb(dir_) : std::make_unique<MemoryEventStore>()),
        authenticator_(grants()) {
    feed.metrics = &metrics_;
    options.metrics = &metrics_;
    Router router;
    add_health_route(router, *store_);
    add_feed_routes(router, *store_, authenticator_, feed);
    add_metrics_route(router, metrics_);
    auto server = Server::start(std::move(options), std::move(router));
    REQUIRE(server.status().to_string() == "OK");
    server_ = std::move(*server);
  }
  ~FeedServer() { server_->stop(); }

  EventStore& store() { return *store_; }
  Server& server() { return *server_; }
  tcp::endpoint endpoint() const { return server_->local_endpoint(); }

  void append(const std::string& subject, const std::string& type, int n = 1,
              const std::string& data = R"({"n":1})") {
    for (int i = 0; i < n; ++i) {
      AppendRequest request;
      request.events.push_back(thidua::testing::make_event(subject, type, data));
      REQUIRE(store_->append(std::move(request)).status().to_string() == "OK");
    }
  }

  // The stored bytes of the event at `position`.
  std::string bytes_at(std::uint64_t position) {
    Result<ReadBatch> batch = store_->read_all(position, 1, {});
    REQUIRE(batch.is_ok());
    REQUIRE(batch->events.size() == 1);
    return batch->events[0].bytes;
  }

 private:
  thidua::testing::TempDir dir_;
  MetricRegistry metrics_;  // before the server, which uses it until it stops
  std::unique_ptr<EventStore> store_;
  Authenticator authenticator_;
  std::unique_ptr<Server> server_;
};

Request authorized(Verb method, std::string_view target, const char* token = kToken) {
  Request request = make_request(method, target);
  if (token) request.set(Field::authorization, std::string("Bearer ") + token);
  return request;
}

// A client reading an event stream whose headers have arrived.
std::unique_ptr<TestClient> open_stream(tcp::endpoint endpoint, Request request,
                                        std::chrono::milliseconds timeout = 10s) {
  auto client = std::make_unique<TestClient>(endpoint, timeout);
  REQUIRE_FALSE(client->connect());
  REQUIRE_FALSE(client->send(std::move(request)));
  Response head;
  REQUIRE_FALSE(client->start_stream(head));
  REQUIRE(head.result_int() == 200);
  CHECK(head[Field::content_type] == kEventStream);
  CHECK(head[Field::cache_control] == "no-store");
  return client;
}

std::unique_ptr<TestClient> open_stream(tcp::endpoint endpoint, std::string_view target,
                                        std::chrono::milliseconds timeout = 10s) {
  return open_stream(endpoint, authorized(Verb::get, target), timeout);
}

// One SSE message: its fields, or the text of a comment.
struct Message {
  std::optional<std::string> id;
  std::string event;
  std::string data;
  std::string comment;
};

// The complete messages in `body` (each ends with a blank line).
std::vector<Message> messages(std::string_view body) {
  std::vector<Message> out;
  std::size_t start = 0;
  for (std::size_t end; (end = body.find("\n\n", start)) != std::string_view::npos;
       start = end + 2) {
    Message m;
    std::string_view block = body.substr(start, end - start);
    while (!block.empty()) {
      std::size_t nl = block.find('\n');
      std::string_view line = block.substr(0, nl);
      block = nl == std::string_view::npos ? std::string_view() : block.substr(nl + 1);
      if (line.rfind("id: ", 0) == 0) m.id = std::string(line.substr(4));
      if (line.rfind("event: ", 0) == 0) m.event = std::string(line.substr(7));
      if (line.rfind("data: ", 0) == 0) m.data = std::string(line.substr(6));
      if (line.rfind(": ", 0) == 0) m.comment = std::string(line.substr(2));
    }
    out.push_back(std::move(m));
  }
  return out;
}

// The event messages (those with an id) in `body`.
std::vector<Message> events_in(std::string_view body) {
  std::vector<Message> out;
  for (Message& m : messages(body)) {
    if (m.id) out.push_back(std::move(m));
  }
  return out;
}

// True once `n` complete event messages have arrived. Scans only what is new on each call, so
// that waiting for a long body stays linear.
std::function<bool(std::string_view)> has_events(std::size_t n) {
  auto scanned = std::make_shared<std::size_t>(0);
  auto found = std::make_shared<std::size_t>(0);
  return [n, scanned, found](std::string_view body) {
    while (*found < n) {
      std::size_t end = body.find("\n\n", *scanned);
      if (end == std::string_view::npos) break;
      if (body.substr(*scanned, 4) == "id: ") ++*found;
      *scanned = end + 2;
    }
    return *found >= n;
  };
}

std::vector<std::string> ids(const std::vector<Message>& events) {
  std::vector<std::string> out;
  for (const Message& m : events) out.push_back(*m.id);
  return out;
}

void require_problem(const Response& response, unsigned status, std::string_view type) {
  REQUIRE(response.result_int() == status);
  CHECK(response[Field::content_type] == kProblemJson);
  CHECK(json::parse(response.body())["type"] == type);
}

TEST_CASE("the event stream serves the stored events, then new ones as they come", "[feed]") {
  bool rocksdb = GENERATE(false, true);
  FeedServer t(quick_feed(), test_options(), rocksdb);
  t.append(kCum6, kHappened, 3);
  auto client = open_stream(t.endpoint(), "/v1/events/stream");
  REQUIRE(client->read_stream_until(has_events(3)));
  std::vector<Message> caught_up = events_in(client->stream_body());
  REQUIRE(ids(caught_up) == std::vector<std::string>{"0", "1", "2"});
  for (std::size_t i = 0; i < 3; ++i) {
    CHECK(caught_up[i].data == t.bytes_at(i));
    CHECK(caught_up[i].event.empty());
  }
  t.append(kCum7, kSigned, 2);
  REQUIRE(client->read_stream_until(has_events(5)));
  std::vector<Message> all = events_in(client->stream_body());
  REQUIRE(ids(all) == std::vector<std::string>{"0", "1", "2", "3", "4"});
  CHECK(all[3].data == t.bytes_at(3));
  CHECK(all[4].data == t.bytes_at(4));
  CHECK_FALSE(client->stream_ended());
}

TEST_CASE("the event stream starts at from, or after Last-Event-ID", "[feed]") {
  FeedServer t;
  t.append(kCum6, kHappened, 6);
  SECTION("from") {
    auto client = open_stream(t.endpoint(), "/v1/events/stream?from=4");
    REQUIRE(client->read_stream_until(has_events(2)));
    CHECK(ids(events_in(client->stream_body())) == std::vector<std::string>{"4", "5"});
  }
  SECTION("Last-Event-ID takes precedence over from") {
    Request request = authorized(Verb::get, "/v1/events/stream?from=1");
    request.set("Last-Event-ID", "2");
    auto client = open_stream(t.endpoint(), std::move(request));
    REQUIRE(client->read_stream_until(has_events(3)));
    CHECK(ids(events_in(client->stream_body())) == std::vector<std::string>{"3", "4", "5"});
  }
  SECTION("a resume at the head waits for the next event") {
    Request request = authorized(Verb::get, "/v1/events/stream");
    request.set("Last-Event-ID", "5");
    auto client = open_stream(t.endpoint(), std::move(request));
    t.append(kCum6, kHappened);
    REQUIRE(client->read_stream_until(has_events(1)));
    CHECK(ids(events_in(client->stream_body())) == std::vector<std::string>{"6"});
  }
}

TEST_CASE("the event stream refuses bad parameters and a bad Last-Event-ID", "[feed]") {
  FeedServer t;
  TestClient client(t.endpoint());
  for (const char* target :
       {"/v1/events/stream?from=x", "/v1/events/stream?limit=5", "/v1/events/stream?type=A",
        "/v1/events/stream?subject_prefix=", "/v1/events/stream?from=1&from=2"}) {
    require_problem(client.roundtrip(authorized(Verb::get, target)), 400,
                    "/problems/invalid-argument");
  }
  Request request = authorized(Verb::get, "/v1/events/stream");
  request.set("Last-Event-ID", "-1");
  Response r = client.roundtrip(std::move(request));
  require_problem(r, 400, "/problems/invalid-argument");
  CHECK(json::parse(r.body())["detail"].get<std::string>().find("Last-Event-ID") !=
        std::string::npos);
}

TEST_CASE("the event stream filters by type and subject prefix, live too", "[feed]") {
  FeedServer t;
  t.append(kCum6, kHappened, 2);                           // 0, 1
  t.append(kCum7, kSigned, 2);                             // 2, 3
  t.append("organization/so-tttt-gia-lai", kHappened, 1);  // 4
  SECTION("type") {
    auto client = open_stream(t.endpoint(), std::string("/v1/events/stream?type=") + kSigned);
    t.append(kCum6, kHappened);  // 5
    t.append(kCum6, kSigned);    // 6
    REQUIRE(client->read_stream_until(has_events(3)));
    CHECK(ids(events_in(client->stream_body())) == std::vector<std::string>{"2", "3", "6"});
  }
  SECTION("repeated type and subject prefix") {
    auto client =
        open_stream(t.endpoint(), std::string("/v1/events/stream?subject_prefix=cluster") +
                                      "&type=" + kHappened + "&type=" + kSigned);
    t.append("organization/so-tttt-gia-lai", kHappened);  // 5
    t.append(kCum7, kHappened);                           // 6
    REQUIRE(client->read_stream_until(has_events(5)));
    CHECK(ids(events_in(client->stream_body())) ==
          std::vector<std::string>{"0", "1", "2", "3", "6"});
  }
}

TEST_CASE("the event stream sends heartbeats while nothing happens", "[feed]") {
  FeedServer t;
  auto client = open_stream(t.endpoint(), "/v1/events/stream");
  REQUIRE(client->read_stream_until([](std::string_view body) {
    int heartbeats = 0;
    for (const Message& m : messages(body)) heartbeats += m.comment == "heartbeat";
    return heartbeats >= 2;
  }));
  CHECK(client->stream_body().find(": heartbeat\n\n") != std::string::npos);
}

std::vector<json> checkpoints_in(std::string_view body) {
  std::vector<json> out;
  for (const Message& m : messages(body)) {
    if (m.event == "checkpoint") {
      CHECK_FALSE(m.id);  // a checkpoint must not move the resume point
      out.push_back(json::parse(m.data));
    }
  }
  return out;
}

TEST_CASE("the event stream sends the latest checkpoint after catch-up and while events flow",
          "[feed]") {
  FeedServer t;
  t.append(kCum6, kHappened, 2);
  const std::string first = "test.thidua.example/log\n2\nroot-2=\n\n\xE2\x80\x94 sig-2\n";
  REQUIRE(t.store().put_checkpoint(2, first).to_string() == "OK");
  auto client = open_stream(t.endpoint(), "/v1/events/stream");
  REQUIRE(client->read_stream_until(
      [](std::string_view body) { return !checkpoints_in(body).empty(); }));
  CHECK(checkpoints_in(client->stream_body())[0] == json{{"tree_size", 2}, {"note", first}});
  CHECK(events_in(client->stream_body()).size() == 2);  // caught up before the checkpoint

  t.append(kCum6, kHappened, 3);
  const std::string second = "test.thidua.example/log\n5\nroot-5=\n\n\xE2\x80\x94 sig-5\n";
  REQUIRE(t.store().put_checkpoint(5, second).to_string() == "OK");
  t.append(kCum6, kHappened);
  REQUIRE(client->read_stream_until([](std::string_view body) {
    for (const json& c : checkpoints_in(body)) {
      if (c["tree_size"] == 5) return true;
    }
    return false;
  }));
  for (const json& c : checkpoints_in(client->stream_body())) {
    CHECK(c["note"] == (c["tree_size"] == 5 ? second : first));
  }
}

TEST_CASE("the feed routes need a valid bearer token", "[feed]") {
  FeedServer t;
  t.append(kCum6, kHappened);
  const char* target = GENERATE("/v1/events/stream", "/v1/streams/cluster/cum-6/2020");
  TestClient client(t.endpoint());
  Response none = client.roundtrip(authorized(Verb::get, target, nullptr));
  require_problem(none, 401, "/problems/unauthorized");
  CHECK(none[Field::www_authenticate] == "Bearer");
  Response bad = client.roundtrip(authorized(Verb::get, target, "not-a-token"));
  require_problem(bad, 401, "/problems/unauthorized");
}

TEST_CASE("the event stream refuses streams over max_streams until one closes", "[feed]") {
  FeedOptions feed = quick_feed();
  feed.max_streams = 2;
  FeedServer t(feed);
  auto first = open_stream(t.endpoint(), "/v1/events/stream");
  auto second = open_stream(t.endpoint(), "/v1/events/stream");
  Response refused = fetch(t.endpoint(), Verb::get, "/v1/events/stream");  // 401 comes first
  CHECK(refused.result_int() == 401);
  TestClient third(t.endpoint());
  Response r = third.roundtrip(authorized(Verb::get, "/v1/events/stream"));
  require_problem(r, 503, "/problems/too-many-streams");
  CHECK(r[Field::retry_after] == "5");
  CHECK(third.roundtrip(make_request(Verb::get, "/healthz")).result_int() == 200);

  // A client that leaves frees its place once the server notices (at its next heartbeat).
  first.reset();
  Clock::time_point deadline = Clock::now() + 10s;
  unsigned status = 0;
  while (status != 200 && Clock::now() < deadline) {
    TestClient again(t.endpoint());
    REQUIRE_FALSE(again.connect());
    REQUIRE_FALSE(again.send(authorized(Verb::get, "/v1/events/stream")));
    Response head;
    REQUIRE_FALSE(again.start_stream(head));
    status = head.result_int();
  }
  CHECK(status == 200);
}

TEST_CASE("HEAD on the event stream gets the headers and keeps the connection", "[feed]") {
  FeedServer t;
  TestClient client(t.endpoint());
  Response head = client.roundtrip(authorized(Verb::head, "/v1/events/stream"));
  CHECK(head.result_int() == 200);
  CHECK(head[Field::content_type] == kEventStream);
  CHECK(client.roundtrip(make_request(Verb::get, "/healthz")).result_int() == 200);
}

TEST_CASE("stop() ends an open event stream at once", "[feed]") {
  FeedOptions feed;  // the default 15 s heartbeat: the stream sleeps on its timer
  ServerOptions options = test_options();
  options.shutdown_grace = 30s;
  FeedServer t(feed, options);
  t.append(kCum6, kHappened, 2);
  auto client = open_stream(t.endpoint(), "/v1/events/stream");
  REQUIRE(client->read_stream_until(has_events(2)));
  Clock::time_point start = Clock::now();
  t.server().stop();
  CHECK(Clock::now() - start < 10s);  // far below the 30 s grace
  client->read_stream_until([](std::string_view) { return false; });
  CHECK(client->stream_ended());
}

TEST_CASE("a client that does not read slows neither writers nor other clients", "[feed]") {
  constexpr int kEvents = 400;
  ServerOptions options = test_options();
  options.write_timeout = 60s;  // the stuck client must not be dropped during the test
  FeedServer t(quick_feed(), options);
  TestClient slow(t.endpoint(), 60s);
  slow.set_receive_buffer(4096);
  REQUIRE_FALSE(slow.connect());
  REQUIRE_FALSE(slow.send(authorized(Verb::get, "/v1/events/stream")));

  // About 10 MB: far more than the socket buffers between the server and the slow client.
  const std::string data = R"({"pad":")" + std::string(24 * 1024, 'x') + R"("})";
  auto appends = std::async(std::launch::async, [&] {
    for (int i = 0; i < kEvents; ++i) {
      AppendRequest request;
      request.events.push_back(thidua::testing::make_event(kCum6, kHappened, data));
      if (!t.store().append(std::move(request)).is_ok()) return false;
    }
    return true;
  });
  REQUIRE(appends.wait_for(60s) == std::future_status::ready);
  CHECK(appends.get());

  auto fast = open_stream(t.endpoint(), "/v1/events/stream", 60s);
  REQUIRE(fast->read_stream_until(has_events(kEvents)));
  CHECK(events_in(fast->stream_body()).size() == kEvents);

  // The slow client was never dropped: it gets every event once it reads.
  Response head;
  REQUIRE_FALSE(slow.start_stream(head));
  CHECK(head.result_int() == 200);
  REQUIRE(slow.read_stream_until(has_events(kEvents)));
  std::vector<Message> got = events_in(slow.stream_body());
  REQUIRE(got.size() == kEvents);
  for (int i = 0; i < kEvents; ++i) CHECK(*got[i].id == std::to_string(i));
}

TEST_CASE("the number of open event streams is a gauge", "[feed]") {
  FeedServer t;
  auto client = open_stream(t.endpoint(), "/v1/events/stream");
  std::string text = fetch(t.endpoint(), Verb::get, "/metrics").body();
  CHECK(text.find("\nthidua_sse_clients 1\n") != std::string::npos);
}

// Fills cum-6 with versions 0-4, interleaved with other streams.
void fill_streams(FeedServer& t) {
  for (int i = 0; i < 5; ++i) {
    t.append(kCum6, kHappened);
    t.append(kCum7, kSigned);
  }
}

std::string stream_bytes(FeedServer& t, std::uint64_t from, std::size_t n) {
  Result<std::vector<RecordedEvent>> events = t.store().read_stream(kCum6, from, n);
  REQUIRE(events.is_ok());
  std::string out;
  for (const RecordedEvent& e : *events) out += e.bytes + "\n";
  return out;
}

TEST_CASE("/v1/streams serves one stream in version order, with paging", "[feed]") {
  FeedServer t;
  fill_streams(t);
  TestClient client(t.endpoint());
  SECTION("all of it") {
    for (const char* target :
         {"/v1/streams/cluster/cum-6/2020", "/v1/streams/cluster%2Fcum-6%2F2020"}) {
      Response r = client.roundtrip(authorized(Verb::get, target));
      REQUIRE(r.result_int() == 200);
      CHECK(r[Field::content_type] == kNdjson);
      CHECK(r.body() == stream_bytes(t, 0, 5));
      CHECK(r.find(Field::link) == r.end());
      CHECK(json::parse(r.body().substr(0, r.body().find('\n')))["streamversion"] == 0);
    }
  }
  SECTION("page by page, following the links") {
    Response r = client.roundtrip(authorized(Verb::get, "/v1/streams/cluster/cum-6/2020?limit=2"));
    CHECK(r.body() == stream_bytes(t, 0, 2));
    CHECK(r[Field::link] ==
          "</v1/streams/cluster/cum-6/2020?from_version=2&limit=2>; rel=\"next\"");
    r = client.roundtrip(
        authorized(Verb::get, "/v1/streams/cluster/cum-6/2020?from_version=2&limit=2"));
    CHECK(r.body() == stream_bytes(t, 2, 2));
    CHECK(r[Field::link] ==
          "</v1/streams/cluster/cum-6/2020?from_version=4&limit=2>; rel=\"next\"");
    r = client.roundtrip(
        authorized(Verb::get, "/v1/streams/cluster/cum-6/2020?from_version=4&limit=2"));
    CHECK(r.body() == stream_bytes(t, 4, 1));
    CHECK(r.find(Field::link) == r.end());
  }
  SECTION("past the end") {
    Response r =
        client.roundtrip(authorized(Verb::get, "/v1/streams/cluster/cum-6/2020?from_version=5"));
    CHECK(r.result_int() == 200);
    CHECK(r.body().empty());
    CHECK(r.find(Field::link) == r.end());
  }
}

TEST_CASE("/v1/streams: 404 for a stream without events, 400 for a bad subject or parameter",
          "[feed]") {
  FeedServer t;
  fill_streams(t);
  TestClient client(t.endpoint());
  require_problem(client.roundtrip(authorized(Verb::get, "/v1/streams/cluster/cum-9/2020")), 404,
                  "/problems/not-found");
  for (const char* target :
       {"/v1/streams/cluster", "/v1/streams/Cluster/cum-6", "/v1/streams/nosuch/cum-6",
        "/v1/streams/cluster/cum-6/", "/v1/streams/cluster/../x",
        "/v1/streams/cluster/cum-6/2020?limit=0", "/v1/streams/cluster/cum-6/2020?limit=1001",
        "/v1/streams/cluster/cum-6/2020?from_version=-1",
        "/v1/streams/cluster/cum-6/2020?from_version=1&from_version=2",
        "/v1/streams/cluster/cum-6/2020?from=1"}) {
    INFO(target);
    require_problem(client.roundtrip(authorized(Verb::get, target)), 400,
                    "/problems/invalid-argument");
  }
}

// A log with personal data: discipline in its own stream and, as logs written before it had
// one kept it, in the person's stream; a hold; and public events around them.
void fill_personal(FeedServer& t) {
  t.append(kCum6, kSigned);                                        // 0
  t.append("person/p-1", "vn.thidua.person_registered.v1");        // 1
  t.append("discipline/p-1", "vn.thidua.discipline_recorded.v1");  // 2
  t.append("hold/h-1", "vn.thidua.hold_placed.v1");                // 3
  t.append("person/p-1", "vn.thidua.discipline_recorded.v1");      // 4
  t.append("hold/h-1", "vn.thidua.hold_released.v1");              // 5
  t.append(kCum6, kSigned);                                        // 6
}

// What a token that does not see personal data gets in place of the event at `position`.
std::string withheld_line(FeedServer& t, std::uint64_t position) {
  const Digest leaf = merkle::leaf_hash(t.bytes_at(position));
  return "{\"sequence\":" + std::to_string(position) + ",\"withheld\":true,\"leaf_hash\":\"" +
         base64_encode(std::string_view(reinterpret_cast<const char*>(leaf.data()), leaf.size())) +
         "\"}";
}

std::vector<std::string> lines(const std::string& body) {
  std::vector<std::string> out;
  std::size_t start = 0;
  for (std::size_t nl; (nl = body.find('\n', start)) != std::string::npos; start = nl + 1) {
    out.push_back(body.substr(start, nl - start));
  }
  return out;
}

TEST_CASE("personal data is withheld in place from a token that may not see it", "[feed]") {
  FeedServer t;
  fill_personal(t);
  TestClient client(t.endpoint());
  const std::vector<std::uint64_t> personal = {2, 3, 4, 5};
  SECTION("/v1/events: gapless, each personal event by its position and leaf hash") {
    std::vector<std::string> got =
        lines(client.roundtrip(authorized(Verb::get, "/v1/events", kIntegratorToken)).body());
    REQUIRE(got.size() == 7);
    for (std::uint64_t p = 0; p < 7; ++p) {
      INFO(p);
      bool is_personal = std::find(personal.begin(), personal.end(), p) != personal.end();
      CHECK(got[p] == (is_personal ? withheld_line(t, p) : t.bytes_at(p)));
    }
    // An auditor gets every event whole.
    std::vector<std::string> whole =
        lines(client.roundtrip(authorized(Verb::get, "/v1/events")).body());
    REQUIRE(whole.size() == 7);
    for (std::uint64_t p = 0; p < 7; ++p) CHECK(whole[p] == t.bytes_at(p));
  }
  SECTION("a filter never matches what the token may not see") {
    for (const char* target :
         {"/v1/events?type=vn.thidua.discipline_recorded.v1",
          "/v1/events?subject_prefix=discipline/", "/v1/events?subject_prefix=hold/h-1"}) {
      INFO(target);
      Response r = client.roundtrip(authorized(Verb::get, target, kIntegratorToken));
      CHECK(r.result_int() == 200);
      CHECK(r.body().empty());
      CHECK(r.find(Field::link) == r.end());
      CHECK(r[Field::cache_control] == "private, no-store");
      CHECK_FALSE(client.roundtrip(authorized(Verb::get, target)).body().empty());
      // Nor does a page's end: a personal event neither matches nor counts toward the limit.
      Response page = client.roundtrip(
          authorized(Verb::get, std::string(target) + "&limit=1", kIntegratorToken));
      CHECK(page.body().empty());
      CHECK(page.find(Field::link) == page.end());
    }
    Response after_public = client.roundtrip(authorized(
        Verb::get, "/v1/events?subject_prefix=person/&from=2&limit=1", kIntegratorToken));
    CHECK(after_public.body().empty());
    CHECK(after_public.find(Field::link) == after_public.end());
    // The person's stream shows its public events only.
    Response r = client.roundtrip(
        authorized(Verb::get, "/v1/events?subject_prefix=person/", kIntegratorToken));
    CHECK(lines(r.body()) == std::vector<std::string>{t.bytes_at(1)});
  }
  SECTION(
      "/v1/streams: a personal stream is 403 whether or not it exists; legacy discipline "
      "in a person's stream is withheld in place") {
    for (const char* target :
         {"/v1/streams/discipline/p-1", "/v1/streams/discipline/nobody", "/v1/streams/hold/h-1"}) {
      INFO(target);
      require_problem(client.roundtrip(authorized(Verb::get, target, kIntegratorToken)), 403,
                      "/problems/forbidden");
    }
    CHECK(client.roundtrip(authorized(Verb::get, "/v1/streams/discipline/p-1")).body() ==
          t.bytes_at(2) + "\n");
    Response r =
        client.roundtrip(authorized(Verb::get, "/v1/streams/person/p-1", kIntegratorToken));
    REQUIRE(r.result_int() == 200);
    CHECK(lines(r.body()) == std::vector<std::string>{t.bytes_at(1), withheld_line(t, 4)});
  }
  SECTION("the event stream") {
    auto stream =
        open_stream(t.endpoint(), authorized(Verb::get, "/v1/events/stream", kIntegratorToken));
    REQUIRE(stream->read_stream_until(has_events(7)));
    std::vector<Message> got = events_in(stream->stream_body());
    REQUIRE(got.size() >= 7);
    for (std::uint64_t p = 0; p < 7; ++p) {
      INFO(p);
      bool is_personal = std::find(personal.begin(), personal.end(), p) != personal.end();
      CHECK(*got[p].id == std::to_string(p));
      CHECK(got[p].data == (is_personal ? withheld_line(t, p) : t.bytes_at(p)));
    }
    // Filtered, live: a personal event is left out, not withheld.
    auto filtered = open_stream(
        t.endpoint(),
        authorized(Verb::get,
                   std::string("/v1/events/stream?type=vn.thidua.hold_placed.v1&type=") + kSigned,
                   kIntegratorToken));
    t.append("hold/h-2", "vn.thidua.hold_placed.v1");  // 7
    t.append(kCum7, kSigned);                          // 8
    REQUIRE(filtered->read_stream_until(has_events(3)));
    CHECK(ids(events_in(filtered->stream_body())) == std::vector<std::string>{"0", "6", "8"});
  }
}

}  // namespace
}  // namespace thidua::http::testing
