#include <catch2/catch.hpp>

#include "temp_dir.hpp"
#include "thidua/projections/document_store.hpp"
#include "thidua/store/fault_injecting_env.hpp"

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
}
