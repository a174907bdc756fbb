#include <catch2/catch.hpp>

#include "thidua/http/query.hpp"

namespace thidua::http {
namespace {

TEST_CASE("split_target separates path and query", "[query]") {
  CHECK(split_target("/v1/events?from=1").path == "/v1/events");
  CHECK(split_target("/v1/events?from=1").query == "from=1");
  CHECK(split_target("/v1/events").query.empty());
  CHECK(split_target("/a?b?c").query == "b?c");
  CHECK(split_target("http://h:8080/v1/events?from=1").path == "/v1/events");
  CHECK(split_target("http://h:8080/v1/events?from=1").query == "from=1");
  CHECK(split_target("http://h:8080").path.empty());
  CHECK(split_target("/a://b").path == "/a://b");
}

TEST_CASE("percent_decode decodes escapes and refuses malformed ones", "[query]") {
  CHECK(*percent_decode("cluster%2Fcum-6", false) == "cluster/cum-6");
  CHECK(*percent_decode("%e1%BB%83", false) == "\xe1\xbb\x83");
  CHECK(*percent_decode("a+b", true) == "a b");
  CHECK(*percent_decode("a+b", false) == "a+b");
  CHECK(percent_decode("", true)->empty());
  for (const char* bad : {"%", "%4", "%zz", "abc%g0", "%%41"}) {
    INFO(bad);
    CHECK(percent_decode(bad, true).status().code() == Status::Code::kInvalidArgument);
  }
}

TEST_CASE("percent_encode keeps only unreserved characters", "[query]") {
  CHECK(percent_encode("vn.thidua_x-1~") == "vn.thidua_x-1~");
  CHECK(percent_encode("cluster/cum 6&x=y") == "cluster%2Fcum%206%26x%3Dy");
  CHECK(percent_encode("\xe1\xbb\x83") == "%E1%BB%83");
  CHECK(*percent_decode(percent_encode("a/b c+d%"), true) == "a/b c+d%");
}

TEST_CASE("parse_query returns decoded pairs in order", "[query]") {
  auto params = parse_query("type=a&&type=b%2Bc&empty=&bare&x+y=1%202");
  REQUIRE(params.is_ok());
  REQUIRE(params->size() == 5);
  CHECK((*params)[0].name == "type");
  CHECK((*params)[0].value == "a");
  CHECK((*params)[1].value == "b+c");
  CHECK((*params)[2].name == "empty");
  CHECK((*params)[2].value.empty());
  CHECK((*params)[3].name == "bare");
  CHECK((*params)[4].name == "x y");
  CHECK((*params)[4].value == "1 2");
  CHECK(parse_query("")->empty());
}

TEST_CASE("parse_query names the parameter whose escape is malformed", "[query]") {
  auto bad_value = parse_query("from=1&limit=%zz");
  REQUIRE_FALSE(bad_value.is_ok());
  CHECK(bad_value.status().message().find("'limit'") != std::string::npos);
  auto bad_name = parse_query("li%mit=1");
  REQUIRE_FALSE(bad_name.is_ok());
  CHECK(bad_name.status().message().find("'li%mit'") != std::string::npos);
}

TEST_CASE("parse_count takes plain decimal within 64 bits", "[query]") {
  CHECK(*parse_count("n", "0") == 0);
  CHECK(*parse_count("n", "007") == 7);
  CHECK(*parse_count("n", "18446744073709551615") == 18446744073709551615ULL);
  for (const char* bad : {"", "-1", "+1", " 1", "1 ", "1.0", "0x1", "1e3", "18446744073709551616",
                          "99999999999999999999999"}) {
    INFO(bad);
    Result<std::uint64_t> n = parse_count("tree_size", bad);
    REQUIRE_FALSE(n.is_ok());
    CHECK(n.status().code() == Status::Code::kInvalidArgument);
    CHECK(n.status().message().rfind("parameter 'tree_size': ", 0) == 0);
  }
}

TEST_CASE("bad_parameter names the parameter", "[query]") {
  Status s = bad_parameter("from", "is required");
  CHECK(s.code() == Status::Code::kInvalidArgument);
  CHECK(s.message() == "parameter 'from': is required");
}

}  // namespace
}  // namespace thidua::http
