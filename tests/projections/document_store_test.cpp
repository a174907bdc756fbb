#include <catch2/catch.hpp>

#include "temp_dir.hpp"
#include "thidua/projections/document_store.hpp"
#include "thidua/store/fault_injecting_env.hpp"
#include "thidua/util/coding.hpp"

using namespace thidua;
using namespace thidua::projections;
using thidua::testing::TempDir;

namespace {

std::unique_ptr<DocumentStore> open(const std::filesystem::path& dir,
                                    DocumentStoreOptions options = {}) {
  auto docs = DocumentStore::open(dir, options);
  REQUIRE(docs.is_ok());
  return std::move(docs).value();
}

}  // namespace

TEST_CASE("documents and the applied count are committed together and survive reopening",
          "[projections]") {
  TempDir dir("thidua-docs");
  {
    auto docs = open(dir.path());
    CHECK(docs->applied() == 0);
    REQUIRE(
        docs->commit({{"ranking/cum-6/2019", "{\"a\":1}"}, {"awards/person/x", "[]"}}, 7).is_ok());
    REQUIRE(
        docs->commit({{"awards/person/x", std::nullopt}, {"ranking/cum-6/2020", "{}"}}, 9).is_ok());
  }
  auto docs = open(dir.path());
  CHECK(docs->applied() == 9);
  CHECK(docs->get("ranking/cum-6/2019")->value() == "{\"a\":1}");
  CHECK_FALSE(docs->get("awards/person/x")->has_value());
  auto ranking = docs->scan("ranking/", "", 10);
  REQUIRE(ranking.is_ok());
  REQUIRE(ranking->size() == 2);
  CHECK((*ranking)[0].first == "ranking/cum-6/2019");
  auto after = docs->scan("ranking/", "ranking/cum-6/2019", 10);
  REQUIRE(after->size() == 1);
  CHECK((*after)[0].first == "ranking/cum-6/2020");
}

TEST_CASE("each committed document is kept as a version by position", "[projections]") {
  TempDir dir("thidua-docs");
  {
    auto docs = open(dir.path());
    REQUIRE(docs->commit({{"ranking/a", "1"}, {"ranking/ab", "x"}}, 5).is_ok());  // after 4
    // Changed first at 6, then again up to 8: not kept as of 6 and 7.
    REQUIRE(docs->commit({{"ranking/a", "2"}}, 9, {{"ranking/a", 6}}).is_ok());  // after 8
    REQUIRE(docs->commit({{"ranking/a", std::nullopt}}, 12).is_ok());            // after 11
  }
  auto docs = open(dir.path());
  auto at = [&](const std::string& key, std::uint64_t position) {
    auto v = docs->version_at_or_before(key, position);
    REQUIRE(v.is_ok());
    return *v;
  };
  CHECK_FALSE(at("ranking/a", 3).has_value());
  for (std::uint64_t p : {4, 5}) {
    INFO(p);
    REQUIRE(at("ranking/a", p).has_value());
    CHECK(at("ranking/a", p)->position == 4);
    CHECK(at("ranking/a", p)->kept);
    CHECK(at("ranking/a", p)->bytes == std::optional<std::string>("1"));
  }
  for (std::uint64_t p : {6, 7}) {
    INFO(p);
    REQUIRE(at("ranking/a", p).has_value());
    CHECK(at("ranking/a", p)->position == 6);
    CHECK_FALSE(at("ranking/a", p)->kept);
  }
  CHECK(at("ranking/a", 8)->kept);
  CHECK(at("ranking/a", 8)->bytes == std::optional<std::string>("2"));
  CHECK(at("ranking/a", 11)->position == 11);
  CHECK_FALSE(at("ranking/a", 11)->bytes.has_value());  // deleted then
  CHECK_FALSE(at("ranking/a", UINT64_MAX)->bytes.has_value());
  // A key that another begins with keeps its own versions.
  CHECK(at("ranking/ab", 100)->bytes == std::optional<std::string>("x"));
  CHECK_FALSE(at("ranking/", 100).has_value());
  CHECK_FALSE(at("ranking/abc", 100).has_value());
  // Versions are not documents: scans and content hashes do not see them.
  CHECK(docs->scan("ranking", "", 10)->size() == 1);
  CHECK_FALSE(docs->get("ranking/a")->has_value());
  TempDir other_dir("thidua-docs");
  auto other = open(other_dir.path());
  REQUIRE(other->commit({{"ranking/ab", "x"}}, 1).is_ok());
  CHECK(*other->content_hash("ranking") == *docs->content_hash("ranking"));
}

TEST_CASE("versions older than a time written without them are not used", "[projections]") {
  TempDir dir("thidua-docs");
  auto at = [](const DocumentStore& docs, std::uint64_t position) {
    auto v = docs.version_at_or_before("ranking/a", position);
    REQUIRE(v.is_ok());
    return *v;
  };
  {
    auto docs = open(dir.path());
    REQUIRE(docs->commit({{"ranking/a", "1"}}, 5).is_ok());  // kept as of 4
    CHECK(at(*docs, 9).has_value());
  }
  {
    // Code that keeps no versions (an older release, or this one told not to) changes it.
    DocumentStoreOptions without;
    without.keep_versions = false;
    auto docs = open(dir.path(), without);
    REQUIRE(docs->commit({{"ranking/a", "2"}}, 9).is_ok());
    CHECK_FALSE(at(*docs, 9).has_value());
  }
  for (int reopen = 0; reopen < 2; ++reopen) {
    auto docs = open(dir.path());
    // The version as of 4 would say "1" as of 9: it is not used, nor anything before 9.
    CHECK_FALSE(at(*docs, 9).has_value());
    CHECK_FALSE(at(*docs, 4).has_value());
    if (reopen == 0) {
      REQUIRE(docs->commit({{"ranking/a", "3"}}, 12, {{"ranking/a", 10}}).is_ok());
    }
    REQUIRE(at(*docs, 11).has_value());
    CHECK(at(*docs, 11)->bytes == std::optional<std::string>("3"));
    CHECK_FALSE(at(*docs, 10)->kept);
  }
}

TEST_CASE("a projection's content hash depends on its documents only", "[projections]") {
  TempDir dir("thidua-docs");
  auto a = open(dir.path() / "a");
  auto b = open(dir.path() / "b");
  REQUIRE(a->commit({{"ranking/x", "1"}, {"ranking/y", "2"}, {"awards/z", "3"}}, 3).is_ok());
  REQUIRE(b->commit({{"ranking/y", "2"}}, 1).is_ok());
  REQUIRE(b->commit({{"ranking/x", "1"}}, 5).is_ok());
  CHECK(*a->content_hash("ranking/") == *b->content_hash("ranking/"));
  CHECK(*a->content_hash("awards/") != *b->content_hash("awards/"));
  REQUIRE(b->commit({{"ranking/x", "12"}}, 6).is_ok());
  CHECK(*a->content_hash("ranking/") != *b->content_hash("ranking/"));
  REQUIRE(b->clear().is_ok());
  CHECK(b->applied() == 0);
  CHECK(b->scan("", "", 10)->empty());
}

TEST_CASE("a failed commit changes nothing and refuses later commits until reopened",
          "[projections]") {
  TempDir dir("thidua-docs");
  FaultInjectingEnv faults;
  {
    auto docs = open(dir.path(), {false, faults.env()});
    REQUIRE(docs->commit({{"ranking/x", "1"}}, 1).is_ok());
    faults.fail_writes(true);
    CHECK(docs->commit({{"ranking/x", "2"}}, 2).code() == Status::Code::kIOError);
    faults.fail_writes(false);
    CHECK(docs->commit({{"ranking/x", "3"}}, 3).code() == Status::Code::kWriteRefused);
    CHECK(docs->applied() == 1);
    CHECK(docs->get("ranking/x")->value() == "1");  // reads go on
  }
  auto docs = open(dir.path());
  CHECK(docs->applied() == 1);
  CHECK(docs->get("ranking/x")->value() == "1");
  // Nor is a version of the failed commit kept.
  auto version = docs->version_at_or_before("ranking/x", 10);
  REQUIRE(version.is_ok());
  REQUIRE(version->has_value());
  CHECK((*version)->position == 0);
  CHECK((*version)->bytes == std::optional<std::string>("1"));
}

TEST_CASE("a snapshot is written with its position, in chunks, apart from the documents",
          "[projections]") {
  TempDir dir("thidua-docs");
  // Three chunks, each byte telling where it is.
  std::string big(9 << 20, '\0');
  for (std::size_t i = 0; i < big.size(); ++i) big[i] = static_cast<char>(i * 7 / 13);
  {
    auto docs = open(dir.path());
    CHECK_FALSE(docs->snapshot()->has_value());
    REQUIRE(docs->commit({{"ranking/cum-6/2019", "{}"}}, 5).is_ok());
    REQUIRE(docs->write_snapshot(big, 5).is_ok());
    REQUIRE(docs->commit({{"ranking/cum-6/2020", "{}"}}, 8).is_ok());  // no snapshot
    CHECK(docs->snapshot_position() == 5);
  }
  auto docs = open(dir.path());
  CHECK(docs->snapshot_position() == 5);
  auto snapshot = docs->snapshot();
  REQUIRE(snapshot.is_ok());
  REQUIRE(snapshot->has_value());
  CHECK((*snapshot)->position == 5);
  CHECK((*snapshot)->bytes == big);

  // The snapshot is under no projection's keys: hashes do not see it.
  auto ranking = docs->scan("ranking/", "", 100);
  REQUIRE(ranking.is_ok());
  CHECK(ranking->size() == 2);
  const Digest hash = *docs->content_hash("ranking/");
  auto chunks = docs->scan("\x01snapshot/", "", 100);
  REQUIRE(chunks.is_ok());
  CHECK(chunks->size() == 3);

  // A smaller snapshot replaces it whole: the chunks it no longer needs go.
  REQUIRE(docs->commit({}, 9).is_ok());
  REQUIRE(docs->write_snapshot("small", 9).is_ok());
  snapshot = docs->snapshot();
  REQUIRE(snapshot->has_value());
  CHECK((*snapshot)->position == 9);
  CHECK((*snapshot)->bytes == "small");
  CHECK(docs->scan("\x01snapshot/", "", 100)->size() == 1);
  CHECK(*docs->content_hash("ranking/") == hash);

  REQUIRE(docs->clear().is_ok());
  CHECK_FALSE(docs->snapshot()->has_value());
  CHECK(docs->snapshot_position() == 0);
}

TEST_CASE("a snapshot ahead of the documents or with a damaged record is not used",
          "[projections]") {
  TempDir dir("thidua-docs");
  {
    auto docs = open(dir.path());
    REQUIRE(docs->commit({{"ranking/cum-6/2019", "{}"}}, 5).is_ok());
    CHECK(docs->write_snapshot("ahead", 8).code() == Status::Code::kInvalidArgument);
    // A record ahead of the documents, as a damaged store could hold.
    std::string chunk = "\x01snapshot/";
    put_fixed64_be(chunk, 0);
    REQUIRE(docs->commit({{"\x01snapshot", encode_fixed64_be(8) + encode_fixed64_be(1)},
                          {chunk, "ahead"}},
                         5)
                .is_ok());
  }
  {
    auto docs = open(dir.path());
    CHECK(docs->snapshot_position() == 0);
    CHECK_FALSE(docs->snapshot()->has_value());
    REQUIRE(docs->commit({}, 8).is_ok());
    CHECK(docs->snapshot()->has_value());  // the documents caught up with it
  }
  // Damaged records: too short, and a chunk count no snapshot has.
  for (const std::string& record :
       {std::string("abc"), encode_fixed64_be(2) + encode_fixed64_be(std::uint64_t{1} << 40)}) {
    {
      auto docs = open(dir.path());
      REQUIRE(docs->commit({{"\x01snapshot", record}}, 8).is_ok());
    }
    auto docs = open(dir.path());
    CHECK(docs->applied() == 8);
    CHECK(docs->snapshot_position() == 0);
    auto snapshot = docs->snapshot();
    REQUIRE(snapshot.is_ok());
    CHECK_FALSE(snapshot->has_value());
  }
  // A record naming chunks that are not there is an error to fall back from, not a snapshot.
  auto docs = open(dir.path());
  REQUIRE(
      docs->commit({{"\x01snapshot", encode_fixed64_be(2) + encode_fixed64_be(50)}}, 8).is_ok());
  CHECK_FALSE(docs->snapshot().is_ok());
}
