// The EventStore contract, run against every implementation.
#include <future>
#include <memory>

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <atomic>
#include <map>
#include <set>
#include <thread>

#include "events.hpp"
#include "store_fixtures.hpp"
#include "thidua/util/merkle.hpp"

using namespace thidua;
using namespace thidua::testing;
using Code = Status::Code;

#define STORES MemoryFixture, RocksDbFixture, FaultOverMemoryFixture, FaultOverRocksDbFixture

namespace {

std::vector<std::uint64_t> positions(const std::vector<RecordedEvent>& events) {
  std::vector<std::uint64_t> out;
  for (const auto& e : events) out.push_back(e.position);
  return out;
}

std::vector<RecordedEvent> read_everything(const EventStore& store) {
  auto batch = store.read_all(0, 1000000);
  REQUIRE(batch.is_ok());
  return batch->events;
}

}  // namespace

TEMPLATE_TEST_CASE("an empty store has nothing", "[contract]", STORES) {
  TestType f;
  CHECK(f.store->head() == 0);
  auto all = f.store->read_all(0, 10);
  REQUIRE(all.is_ok());
  CHECK(all->events.empty());
  CHECK(all->next_position == 0);
  auto stream = f.store->read_stream("cluster/cum-6/2020", 0, 10);
  REQUIRE(stream.is_ok());
  CHECK(stream->empty());
  CHECK(f.store->read_event("00000000-0000-4000-8000-000000000000").status().code() ==
        Code::kNotFound);
  auto head = f.store->stream_head("cluster/cum-6/2020");
  REQUIRE(head.is_ok());
  CHECK_FALSE(head->has_value());
  CHECK(f.store->write_status().is_ok());
}

TEMPLATE_TEST_CASE("an appended event is stored as CloudEvents JSON bytes", "[contract]", STORES) {
  TestType f;
  AppendRequest r = one_event("cluster/cum-6/2020", ExpectedVersion::no_stream(),
                              R"({"b": [1, 2], "a": "Gia Lai – Sở TTTT"})");
  r.events[0].correlationid = "corr-1";
  auto result = f.store->append(r);
  REQUIRE(result.is_ok());
  REQUIRE(result->events.size() == 1);
  CHECK(result->events[0].position == 0);
  CHECK(result->events[0].stream_version == 0);
  CHECK(result->events[0].id == r.events[0].id);
  CHECK(result->events[0].subject == "cluster/cum-6/2020");
  CHECK_FALSE(result->replayed);
  CHECK(f.store->head() == 1);

  auto stored = f.store->read_event(r.events[0].id);
  REQUIRE(stored.is_ok());
  const std::string expected =
      R"({"specversion":"1.0","id":")" + r.events[0].id +
      R"(","source":"/thidua/test","type":"vn.thidua.test.happened.v1",)"
      R"("subject":"cluster/cum-6/2020","time":"2020-01-15T08:00:00Z",)"
      R"("datacontenttype":"application/json",)"
      R"("dataschema":"https://thidua.example/schemas/test.json","sequence":0,)"
      R"("streamversion":0,"actor":"tester","correlationid":"corr-1",)"
      R"("data":{"a":"Gia Lai – Sở TTTT","b":[1,2]}})";
  CHECK(stored->bytes == expected);
  CHECK(stored->type == "vn.thidua.test.happened.v1");
  auto all = read_everything(*f.store);
  REQUIRE(all.size() == 1);
  CHECK(all[0].bytes == expected);
}

TEMPLATE_TEST_CASE("one append spans several streams atomically and in order", "[contract]",
                   STORES) {
  TestType f;
  REQUIRE(f.store->append(one_event("organization/so-tttt-gia-lai")).is_ok());
  AppendRequest r;
  r.events = {make_event("cluster/cum-6/2020"), make_event("organization/so-tttt-gia-lai"),
              make_event("cluster/cum-6/2020")};
  auto result = f.store->append(r);
  REQUIRE(result.is_ok());
  REQUIRE(result->events.size() == 3);
  CHECK(result->events[0].position == 1);
  CHECK(result->events[0].stream_version == 0);
  CHECK(result->events[1].position == 2);
  CHECK(result->events[1].stream_version == 1);
  CHECK(result->events[2].position == 3);
  CHECK(result->events[2].stream_version == 1);
  auto stream = f.store->read_stream("cluster/cum-6/2020", 0, 10);
  REQUIRE(stream.is_ok());
  CHECK(positions(*stream) == std::vector<std::uint64_t>{1, 3});
  auto head = f.store->stream_head("organization/so-tttt-gia-lai");
  REQUIRE(head.is_ok());
  CHECK(head->value() == 1);
}

TEMPLATE_TEST_CASE("expected versions are enforced and a failed one writes nothing", "[contract]",
                   STORES) {
  TestType f;
  const std::string s = "cluster/cum-6/2020";
  REQUIRE(f.store->append(one_event(s, ExpectedVersion::no_stream())).is_ok());
  auto again = f.store->append(one_event(s, ExpectedVersion::no_stream()));
  CHECK(again.status().code() == Code::kConflict);
  auto stale = f.store->append(one_event(s, ExpectedVersion::exact(3)));
  CHECK(stale.status().code() == Code::kConflict);
  CHECK_THAT(stale.status().message(), Catch::Contains("expected at version 3"));
  auto missing = f.store->append(one_event("cluster/cum-7/2020", ExpectedVersion::exact(0)));
  CHECK(missing.status().code() == Code::kConflict);
  CHECK(f.store->head() == 1);

  REQUIRE(f.store->append(one_event(s, ExpectedVersion::exact(0))).is_ok());
  // Two streams in one request, the second expectation wrong: neither stream changes.
  AppendRequest r;
  r.events = {make_event(s), make_event("cluster/cum-7/2020")};
  r.expectations = {{s, ExpectedVersion::exact(1)},
                    {"cluster/cum-7/2020", ExpectedVersion::exact(0)}};
  CHECK(f.store->append(r).status().code() == Code::kConflict);
  CHECK(f.store->head() == 2);
  CHECK(f.store->stream_head(s)->value() == 1);
  // An expectation may guard a stream the request does not write to.
  AppendRequest guarded;
  guarded.events = {make_event("cluster/cum-7/2020")};
  guarded.expectations = {{s, ExpectedVersion::exact(1)}};
  CHECK(f.store->append(guarded).is_ok());
  guarded.events = {make_event("cluster/cum-7/2020")};
  guarded.expectations = {{s, ExpectedVersion::exact(0)}};
  CHECK(f.store->append(guarded).status().code() == Code::kConflict);
  CHECK(f.store->head() == 3);
}

TEMPLATE_TEST_CASE("an expected position is enforced, also for requests queued together",
                   "[contract]", STORES) {
  TestType f;
  AppendRequest first = one_event("cluster/cum-6/2020");
  first.expected_position = 0;
  REQUIRE(f.store->append(first).is_ok());
  AppendRequest wrong = one_event("cluster/cum-6/2020");
  wrong.expected_position = 5;
  auto refused = f.store->append(wrong);
  CHECK(refused.status().code() == Code::kConflict);
  CHECK_THAT(refused.status().message(), Catch::Contains("position 5"));
  CHECK(f.store->head() == 1);
  // Queued one after another: the second expects to follow the first, the third expects
  // what a refused second would have left, so only the first two are written.
  std::vector<std::future<Result<AppendResult>>> answers;
  for (std::uint64_t expected : {1, 2, 2}) {
    auto promise = std::make_shared<std::promise<Result<AppendResult>>>();
    answers.push_back(promise->get_future());
    AppendRequest r = one_event("cluster/cum-6/2020");
    r.expected_position = expected;
    f.store->append_async(std::move(r),
                          [promise](Result<AppendResult> result) { promise->set_value(result); });
  }
  CHECK(answers[0].get().is_ok());
  CHECK(answers[1].get().is_ok());
  CHECK(answers[2].get().status().code() == Code::kConflict);
  CHECK(f.store->head() == 3);
}

TEMPLATE_TEST_CASE("an idempotency key answers a repeat with the original result", "[contract]",
                   STORES) {
  TestType f;
  AppendRequest r = one_event("decision/qd-123");
  r.events.push_back(make_event("organization/so-tttt-phu-yen"));
  r.idempotency_key = "import-2020-0001";
  auto first = f.store->append(r);
  REQUIRE(first.is_ok());
  REQUIRE(f.store->append(one_event("decision/qd-124")).is_ok());

  // A client retry generates fresh ids and times; the key still recognises the request.
  AppendRequest retry = r;
  for (auto& e : retry.events) {
    e.id = make_event("decision/x").id;
    e.time = "2020-01-16T09:30:00+07:00";
  }
  auto second = f.store->append(retry);
  REQUIRE(second.is_ok());
  CHECK(second->replayed);
  REQUIRE(second->events.size() == 2);
  CHECK(second->events[0].position == first->events[0].position);
  CHECK(second->events[1].position == first->events[1].position);
  CHECK(second->events[0].id == first->events[0].id);
  CHECK(f.store->head() == 3);

  AppendRequest other = r;
  other.events[0].data = R"({"n":2})";
  auto mismatch = f.store->append(other);
  CHECK(mismatch.status().code() == Code::kIdempotencyMismatch);
  CHECK(f.store->head() == 3);

  f.reopen();
  auto after_reopen = f.store->append(retry);
  if (TestType::kDurable) {
    REQUIRE(after_reopen.is_ok());
    CHECK(after_reopen->replayed);
    CHECK(after_reopen->events[1].position == 1);
    CHECK(f.store->append(other).status().code() == Code::kIdempotencyMismatch);
  }
}

TEMPLATE_TEST_CASE("bad input is refused with a clear error and changes nothing", "[contract]",
                   STORES) {
  TestType f;
  REQUIRE(f.store->append(one_event("cluster/cum-6/2020")).is_ok());
  const std::string taken_id = read_everything(*f.store)[0].id;
  auto with = [](auto mutate) {
    AppendRequest r = one_event("cluster/cum-6/2020");
    mutate(r);
    return r;
  };
  struct Case {
    const char* name;
    AppendRequest request;
    const char* says;
  };
  std::string deep(100, '[');
  deep = R"({"a":)" + deep + std::string(100, ']') + "}";
  std::vector<Case> cases = {
      {"unknown stream category", one_event("nonsense/cum-6"), "unknown stream category"},
      {"stream without id", one_event("cluster"), "at least a category and an id"},
      {"upper-case stream", one_event("cluster/Cum-6"), "a-z"},
      {"empty segment", one_event("cluster//2020"), "empty segment"},
      {"dot-dot segment", one_event("cluster/../x"), "'.' or '..'"},
      {"no events", AppendRequest{}, "at least one event"},
      {"bad id", with([](AppendRequest& r) { r.events[0].id = "not-a-uuid"; }), "UUID"},
      {"bad type", with([](AppendRequest& r) { r.events[0].type = "Has Spaces"; }), "type"},
      {"no source", with([](AppendRequest& r) { r.events[0].source = ""; }), "source"},
      {"bad time", with([](AppendRequest& r) { r.events[0].time = "2020-13-01T00:00:00Z"; }),
       "RFC 3339"},
      {"data not JSON", with([](AppendRequest& r) { r.events[0].data = "{nope"; }),
       "not valid JSON"},
      {"data not an object", with([](AppendRequest& r) { r.events[0].data = "[1]"; }),
       "JSON object"},
      {"data nested too deep", with([&](AppendRequest& r) { r.events[0].data = deep; }),
       "nested deeper"},
      {"invalid UTF-8", with([](AppendRequest& r) { r.events[0].data = "{\"a\":\"\xff\"}"; }),
       "not valid JSON"},
      {"invalid UTF-8 in actor", with([](AppendRequest& r) { r.events[0].actor = "\xc3"; }),
       "UTF-8"},
      {"oversized event", with([](AppendRequest& r) {
         r.events[0].data = R"({"a":")" + std::string(300 * 1024, 'x') + "\"}";
       }),
       "the limit is"},
      {"too many events", with([](AppendRequest& r) { r.events.resize(10001, r.events[0]); }),
       "at most 10000"},
      {"id twice in one request", with([](AppendRequest& r) { r.events.push_back(r.events[0]); }),
       "used twice"},
      {"id already in the log", with([&](AppendRequest& r) { r.events[0].id = taken_id; }),
       "already in the log"},
      {"two expectations for one stream",
       with([](AppendRequest& r) { r.expectations.push_back(r.expectations[0]); }),
       "two expectations"},
      {"oversized idempotency key",
       with([](AppendRequest& r) { r.idempotency_key = std::string(201, 'k'); }),
       "idempotency key"},
  };
  for (const Case& c : cases) {
    INFO(c.name);
    auto result = f.store->append(c.request);
    CHECK(result.status().code() == Code::kInvalidArgument);
    CHECK_THAT(result.status().message(), Catch::Contains(c.says));
  }
  CHECK(f.store->head() == 1);
  CHECK(read_everything(*f.store).size() == 1);
  CHECK(f.store->write_status().is_ok());
}

TEMPLATE_TEST_CASE("reads page through the log with filters", "[contract]", STORES) {
  TestType f;
  for (int i = 0; i < 30; ++i) {
    std::string subject =
        i % 3 == 0 ? "cluster/cum-6/2020" : "organization/org-" + std::to_string(i);
    std::string type = i % 2 == 0 ? "vn.thidua.a.v1" : "vn.thidua.b.v1";
    AppendRequest r;
    r.events = {make_event(subject, type)};
    REQUIRE(f.store->append(r).is_ok());
  }
  auto page = f.store->read_all(5, 10);
  REQUIRE(page.is_ok());
  CHECK(positions(page->events) == std::vector<std::uint64_t>{5, 6, 7, 8, 9, 10, 11, 12, 13, 14});
  CHECK(page->next_position == 15);
  auto tail = f.store->read_all(25, 100);
  REQUIRE(tail.is_ok());
  CHECK(tail->events.size() == 5);
  CHECK(tail->next_position == 30);
  auto past = f.store->read_all(31, 100);
  REQUIRE(past.is_ok());
  CHECK(past->events.empty());

  ReadFilter by_type{{"vn.thidua.b.v1"}, ""};
  auto odd = f.store->read_all(0, 4, by_type);
  REQUIRE(odd.is_ok());
  CHECK(positions(odd->events) == std::vector<std::uint64_t>{1, 3, 5, 7});
  CHECK(odd->next_position == 8);
  ReadFilter by_subject{{}, "cluster/"};
  auto cluster = f.store->read_all(0, 100, by_subject);
  REQUIRE(cluster.is_ok());
  CHECK(cluster->events.size() == 10);
  ReadFilter both{{"vn.thidua.a.v1"}, "cluster/cum-6"};
  auto both_page = f.store->read_all(0, 100, both);
  REQUIRE(both_page.is_ok());
  CHECK(positions(both_page->events) == std::vector<std::uint64_t>{0, 6, 12, 18, 24});
  auto scan_capped = f.store->read_all(0, 100, both, 7);
  REQUIRE(scan_capped.is_ok());
  CHECK(positions(scan_capped->events) == std::vector<std::uint64_t>{0, 6});
  CHECK(scan_capped->next_position == 7);

  auto stream = f.store->read_stream("cluster/cum-6/2020", 2, 2);
  REQUIRE(stream.is_ok());
  REQUIRE(stream->size() == 2);
  CHECK((*stream)[0].stream_version == 2);
  CHECK((*stream)[0].position == 6);
  CHECK((*stream)[1].position == 9);
}

TEMPLATE_TEST_CASE("concurrent appends get gapless positions and versions", "[contract]", STORES) {
  TestType f;
  constexpr int kThreads = 8;
  constexpr int kPerThread = 100;
  std::atomic<int> failures{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < kPerThread; ++i) {
        AppendRequest r = one_event("organization/org-" + std::to_string((t * 7 + i) % 5));
        if (i % 10 == 0) r.events.push_back(make_event("cluster/cum-6/2020"));
        if (!f.store->append(r).is_ok()) ++failures;
      }
    });
  }
  for (auto& t : threads) t.join();
  CHECK(failures == 0);
  const std::uint64_t expected = kThreads * (kPerThread + kPerThread / 10);
  CHECK(f.store->head() == expected);
  auto all = read_everything(*f.store);
  REQUIRE(all.size() == expected);
  std::map<std::string, std::uint64_t> next_version;
  for (std::uint64_t i = 0; i < all.size(); ++i) {
    CHECK(all[i].position == i);
    CHECK(all[i].stream_version == next_version[all[i].subject]++);
    auto parsed = nlohmann::json::parse(all[i].bytes);
    CHECK(parsed["sequence"] == i);
  }
}

TEMPLATE_TEST_CASE("racing writers with the same expected version: exactly one wins", "[contract]",
                   STORES) {
  TestType f;
  const std::string s = "cluster/cum-6/2020";
  REQUIRE(f.store->append(one_event(s, ExpectedVersion::no_stream())).is_ok());
  for (std::uint64_t round = 0; round < 10; ++round) {
    std::atomic<int> wins{0}, conflicts{0};
    std::vector<std::thread> threads;
    for (int t = 0; t < 6; ++t) {
      threads.emplace_back([&] {
        auto r = f.store->append(one_event(s, ExpectedVersion::exact(round)));
        if (r.is_ok()) ++wins;
        if (r.status().code() == Code::kConflict) ++conflicts;
      });
    }
    for (auto& t : threads) t.join();
    CHECK(wins == 1);
    CHECK(conflicts == 5);
  }
  CHECK(f.store->stream_head(s)->value() == 10);
}

TEMPLATE_TEST_CASE("a subscription hands over from catch-up to live with no gap or duplicate",
                   "[contract]", STORES) {
  TestType f;
  for (int i = 0; i < 50; ++i) REQUIRE(f.store->append(one_event("cluster/cum-6/2020")).is_ok());
  constexpr std::uint64_t kTotal = 450;
  std::atomic<std::uint64_t> listened{0};
  auto listener = f.store->add_commit_listener([&](std::uint64_t head) {
    std::uint64_t seen = listened.load();
    while (head > seen && !listened.compare_exchange_weak(seen, head)) {
    }
  });
  // Catch's assertions are not thread-safe: threads count failures, the test thread checks.
  std::vector<std::uint64_t> got;
  std::atomic<int> failures{0};
  std::thread consumer([&] {
    auto sub = f.store->subscribe(10);
    while (got.size() < kTotal - 10) {
      auto batch = sub->next(37, std::chrono::milliseconds(2000));
      if (!batch.is_ok()) ++failures;
      if (!batch.is_ok() || batch->empty()) break;
      for (const auto& e : *batch) got.push_back(e.position);
    }
  });
  std::vector<std::thread> writers;
  for (int t = 0; t < 4; ++t) {
    writers.emplace_back([&] {
      for (int i = 0; i < 100; ++i) {
        if (!f.store->append(one_event("organization/org-" + std::to_string(i % 3))).is_ok()) {
          ++failures;
        }
      }
    });
  }
  for (auto& t : writers) t.join();
  consumer.join();
  CHECK(failures == 0);
  f.store->remove_commit_listener(listener);
  REQUIRE(got.size() == kTotal - 10);
  for (std::size_t i = 0; i < got.size(); ++i) CHECK(got[i] == i + 10);
  CHECK(listened == kTotal);
}

TEMPLATE_TEST_CASE("a filtered subscription sees only matching events", "[contract]", STORES) {
  TestType f;
  auto sub = f.store->subscribe(0, ReadFilter{{}, "cluster/"});
  for (int i = 0; i < 20; ++i) {
    REQUIRE(f.store->append(one_event(i % 4 == 0 ? "cluster/cum-6/2020" : "person/p-1")).is_ok());
  }
  auto batch = sub->next(100, std::chrono::milliseconds(100));
  REQUIRE(batch.is_ok());
  CHECK(positions(*batch) == std::vector<std::uint64_t>{0, 4, 8, 12, 16});
  CHECK(sub->cursor() == 20);
  auto none = sub->next(100, std::chrono::milliseconds(10));
  REQUIRE(none.is_ok());
  CHECK(none->empty());
}

TEMPLATE_TEST_CASE("durable stores keep every acknowledged event across reopen", "[contract]",
                   STORES) {
  TestType f;
  if (!TestType::kDurable) return;
  std::vector<std::string> bytes;
  for (int i = 0; i < 20; ++i) {
    REQUIRE(f.store->append(one_event("cluster/cum-6/2020")).is_ok());
  }
  for (const auto& e : read_everything(*f.store)) bytes.push_back(e.bytes);
  f.reopen();
  CHECK(f.store->head() == 20);
  auto all = read_everything(*f.store);
  REQUIRE(all.size() == 20);
  for (std::size_t i = 0; i < all.size(); ++i) CHECK(all[i].bytes == bytes[i]);
  auto next = f.store->append(one_event("cluster/cum-6/2020", ExpectedVersion::exact(19)));
  REQUIRE(next.is_ok());
  CHECK(next->events[0].position == 20);
  CHECK(next->events[0].stream_version == 20);
  CHECK(f.store->read_event(all[7].id)->position == 7);
}

namespace {

merkle::SubtreeReader reader_of(const EventStore& store) {
  return [&store](unsigned level, std::uint64_t index) { return store.subtree_hash(level, index); };
}

std::vector<std::string> all_bytes(const EventStore& store) {
  std::vector<std::string> out;
  for (const auto& e : read_everything(store)) out.push_back(e.bytes);
  return out;
}

}  // namespace

TEMPLATE_TEST_CASE("the stored Merkle tree matches the log's bytes", "[contract][tree]", STORES) {
  TestType f;
  CHECK(merkle::root_at(0, reader_of(*f.store)).value() == merkle::empty_root());
  std::uint64_t sizes[] = {1, 2, 3, 1, 5, 8, 1, 13};  // appends of several events each
  for (std::uint64_t n : sizes) {
    AppendRequest r;
    for (std::uint64_t i = 0; i < n; ++i) r.events.push_back(make_event("cluster/cum-6/2020"));
    REQUIRE(f.store->append(r).is_ok());
    auto root = merkle::root_at(f.store->head(), reader_of(*f.store));
    REQUIRE(root.is_ok());
    CHECK(*root == merkle::root_of_leaves(all_bytes(*f.store)));
  }
  const std::uint64_t head = f.store->head();  // 34 leaves
  auto bytes = all_bytes(*f.store);
  CHECK(f.store->subtree_hash(0, 33).value() == merkle::leaf_hash(bytes[33]));
  CHECK(f.store->subtree_hash(5, 0).value() ==
        merkle::root_of_leaves({bytes.begin(), bytes.begin() + 32}));
  CHECK(f.store->subtree_hash(1, 16).value() ==
        merkle::root_of_leaves({bytes.begin() + 32, bytes.end()}));
  CHECK(f.store->subtree_hash(0, head).status().code() == Code::kNotFound);
  CHECK(f.store->subtree_hash(2, 8).status().code() == Code::kNotFound);  // leaves 32..35
  CHECK(f.store->subtree_hash(64, 0).status().code() == Code::kNotFound);

  f.reopen();
  REQUIRE(f.store->append(one_event("cluster/cum-6/2020")).is_ok());
  bytes = all_bytes(*f.store);
  auto root = merkle::root_at(f.store->head(), reader_of(*f.store));
  REQUIRE(root.is_ok());
  CHECK(*root == merkle::root_of_leaves(bytes));
  // A proof from the stored tree verifies against the reference root.
  auto proof = merkle::inclusion_proof(17, bytes.size(), reader_of(*f.store));
  REQUIRE(proof.is_ok());
  CHECK(merkle::verify_inclusion(merkle::leaf_hash(bytes[17]), 17, bytes.size(), *proof, *root));
}

TEMPLATE_TEST_CASE("checkpoints are kept by size and never replaced", "[contract][tree]", STORES) {
  TestType f;
  auto none = f.store->latest_checkpoint();
  REQUIRE(none.is_ok());
  CHECK_FALSE(none->has_value());
  CHECK(f.store->put_checkpoint(1, "note at 1\n").code() == Code::kInvalidArgument);
  for (int i = 0; i < 5; ++i) REQUIRE(f.store->append(one_event("cluster/cum-6/2020")).is_ok());
  CHECK(f.store->put_checkpoint(0, "note at 0\n").is_ok());
  CHECK(f.store->put_checkpoint(3, "note at 3\n").is_ok());
  CHECK(f.store->put_checkpoint(5, "note at 5\n").is_ok());
  CHECK(f.store->put_checkpoint(3, "note at 3\n").is_ok());  // the same again is fine
  CHECK(f.store->put_checkpoint(3, "forged\n").code() == Code::kConflict);
  CHECK(f.store->put_checkpoint(6, "ahead\n").code() == Code::kInvalidArgument);
  CHECK(f.store->put_checkpoint(4, "").code() == Code::kInvalidArgument);
  CHECK(f.store->put_checkpoint(4, std::string(65 * 1024, 'x')).code() == Code::kInvalidArgument);
  f.reopen();
  if (!TestType::kDurable) return;
  auto latest = f.store->latest_checkpoint();
  REQUIRE(latest.is_ok());
  REQUIRE(latest->has_value());
  CHECK((*latest)->tree_size == 5);
  CHECK((*latest)->note == "note at 5\n");
  auto some = f.store->checkpoints(1, 10);
  REQUIRE(some.is_ok());
  REQUIRE(some->size() == 2);
  CHECK((*some)[0].tree_size == 3);
  CHECK((*some)[0].note == "note at 3\n");
  CHECK(f.store->checkpoints(0, 1)->front().tree_size == 0);
}

TEMPLATE_TEST_CASE("index reads: positions by id and stream, the id index, tree ranges",
                   "[contract]", STORES) {
  TestType f;
  std::vector<std::string> ids;
  for (int i = 0; i < 12; ++i) {
    auto r = f.store->append(one_event(i % 3 == 0 ? "cluster/cum-6/2020" : "person/p-1"));
    REQUIRE(r.is_ok());
    ids.push_back(r->events[0].id);
  }
  CHECK(f.store->position_of(ids[5]).value() == 5);
  CHECK(f.store->position_of("00000000-0000-4000-8000-000000000000").status().code() ==
        Code::kNotFound);
  CHECK(f.store->stream_positions("cluster/cum-6/2020", 1, 10).value() ==
        std::vector<std::uint64_t>{3, 6, 9});
  CHECK(f.store->stream_positions("cluster/cum-6/2020", 0, 2).value() ==
        std::vector<std::uint64_t>{0, 3});
  CHECK(f.store->stream_positions("cluster/none/2020", 0, 2)->empty());

  std::vector<std::pair<std::string, std::uint64_t>> expected;
  for (std::uint64_t p = 0; p < ids.size(); ++p) expected.emplace_back(ids[p], p);
  std::sort(expected.begin(), expected.end());
  auto first = f.store->id_index("", 5);
  REQUIRE(first.is_ok());
  CHECK(*first ==
        std::vector<std::pair<std::string, std::uint64_t>>(expected.begin(), expected.begin() + 5));
  auto rest = f.store->id_index(first->back().first, 100);
  REQUIRE(rest.is_ok());
  CHECK(*rest ==
        std::vector<std::pair<std::string, std::uint64_t>>(expected.begin() + 5, expected.end()));

  auto leaves = f.store->subtree_hashes(0, 2, 10);
  REQUIRE(leaves.is_ok());
  REQUIRE(leaves->size() == 10);
  for (std::uint64_t i = 0; i < 10; ++i)
    CHECK((*leaves)[i] == f.store->subtree_hash(0, i + 2).value());
  CHECK(f.store->subtree_hashes(2, 0, 3).value().size() == 3);
  CHECK(f.store->subtree_hashes(2, 0, 4).status().code() == Code::kNotFound);
  CHECK(f.store->subtree_hashes(0, 12, 0).value().empty());
}
