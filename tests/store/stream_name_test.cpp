#include "thidua/store/stream_name.hpp"

#include <catch2/catch.hpp>

#include "envelope_encoder.hpp"

using namespace thidua;

TEST_CASE("stream names", "[stream_name]") {
  const auto& cats = default_stream_categories();
  CHECK(validate_stream_name("cluster/cum-6/2020", cats).is_ok());
  CHECK(validate_stream_name("organization/so-tttt-gia-lai", cats).is_ok());
  CHECK(validate_stream_name("decision/qd.123_2020", cats).is_ok());
  for (const char* bad :
       {"", "cluster", "cluster/", "/cluster/x", "cluster//x", "cluster/x/", "cluster/X",
        "cluster/a b", "cluster/..", "cluster/\xc3\xa1", "unknown/x"}) {
    INFO(bad);
    CHECK(validate_stream_name(bad, cats).code() == Status::Code::kInvalidArgument);
  }
  CHECK_FALSE(validate_stream_name(std::string("cluster/a\0b", 11), cats).is_ok());
  CHECK_FALSE(validate_stream_name("cluster/" + std::string(65, 'a'), cats).is_ok());
  CHECK_FALSE(validate_stream_name("cluster/" + std::string(40, 'a') + "/" + std::string(60, 'b') +
                                       "/" + std::string(60, 'c') + "/" + std::string(40, 'd'),
                                   cats)
                  .is_ok());
}

TEST_CASE("JSON nesting depth ignores brackets in strings", "[codec]") {
  using thidua::store_internal::json_nesting_depth;
  CHECK(json_nesting_depth(R"({})") == 1);
  CHECK(json_nesting_depth(R"({"a":[{"b":[]}]})") == 4);
  CHECK(json_nesting_depth(R"({"a":"[[[[{{{{"})") == 1);
  CHECK(json_nesting_depth(R"({"a":"\"[[["})") == 1);
}
