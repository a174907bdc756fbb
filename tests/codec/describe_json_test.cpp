// The generic reader and writer on their own: scalars, ranges, optionals, nesting, pointers.
#include <catch2/catch.hpp>

#include "thidua/codec/describe_json.hpp"
#include "thidua/domain/events.hpp"

using namespace thidua;
using codec::FieldError;

namespace {

struct Sample {
  int small = 0;
  std::int64_t big = 0;
  std::uint64_t position = 0;
  domain::Decimal amount;
  std::optional<domain::Date> due;
  std::vector<domain::ShareSpec> shares;
  template <class S, class V>
  static void describe(S& s, V&& v) {
    v("small", s.small);
    v("big", s.big);
    v("position", s.position);
    v("amount", s.amount);
    v("due", s.due);
    v("shares", s.shares);
  }
};

nlohmann::json sample() {
  return nlohmann::json::parse(
      R"({"small":-7,"big":-9000000000,"position":18446744073709551615,"amount":12.5,)"
      R"("shares":[{"numerator":2,"denominator":3,"strict":false}]})");
}

std::optional<FieldError> error_for(const char* member, const nlohmann::json& value) {
  nlohmann::json doc = sample();
  doc[member] = value;
  Sample out;
  return codec::read_json(doc, out);
}

}  // namespace

TEST_CASE("scalars are read and written back unchanged", "[codec]") {
  Result<Sample> read = codec::from_json<Sample>(sample());
  REQUIRE(read.is_ok());
  CHECK(read->small == -7);
  CHECK(read->big == -9000000000);
  CHECK(read->position == 18446744073709551615u);
  CHECK(read->amount == domain::Decimal{1250});
  CHECK_FALSE(read->due.has_value());
  REQUIRE(read->shares.size() == 1);
  CHECK(read->shares[0].share() == domain::Share{2, 3, false});
  CHECK(nlohmann::json(codec::to_json(*read)) == sample());
}

TEST_CASE("integers are range checked", "[codec]") {
  CHECK_FALSE(error_for("small", 2147483647));
  CHECK_FALSE(error_for("small", -2147483648LL));
  CHECK(error_for("small", 2147483648LL) == FieldError{"/small", "integer out of range"});
  CHECK(error_for("small", -2147483649LL) == FieldError{"/small", "integer out of range"});
  CHECK(error_for("small", 3.0) == FieldError{"/small", "expected an integer"});
  CHECK(error_for("big", 18446744073709551615u) == FieldError{"/big", "integer out of range"});
  CHECK(error_for("position", -1) == FieldError{"/position", "integer out of range"});
  CHECK(error_for("position", true) == FieldError{"/position", "expected an integer"});
}

TEST_CASE("decimals are read exactly, with at most two places", "[codec]") {
  for (double ok : {0.0, 0.01, 0.29, 9.5, 14.25, -3.75, 999999999999.99, 1e12}) {
    INFO(ok);
    CHECK_FALSE(error_for("amount", ok));
  }
  for (double bad : {0.001, 0.125, 1.005, 14.251, 0.1 + 0.2}) {
    INFO(bad);
    CHECK(error_for("amount", bad) == FieldError{"/amount", "at most two decimal places"});
  }
  CHECK(error_for("amount", 1e12 + 1) == FieldError{"/amount", "number out of range"});
  CHECK(error_for("amount", 1000000000001LL) == FieldError{"/amount", "number out of range"});
  CHECK(error_for("amount", "9.5") == FieldError{"/amount", "expected a number"});
  Sample out;
  nlohmann::json doc = sample();
  doc["amount"] = 0.29;
  REQUIRE_FALSE(codec::read_json(doc, out));
  CHECK(out.amount == domain::Decimal{29});
  doc["amount"] = -40;
  REQUIRE_FALSE(codec::read_json(doc, out));
  CHECK(out.amount == domain::Decimal{-4000});
}

TEST_CASE("dates must be real", "[codec]") {
  CHECK_FALSE(error_for("due", "2024-02-29"));
  for (const char* bad : {"2019-02-30", "2023-02-29", "2019-13-01", "19-01-01", "1899-12-31",
                          "2019-1-01", "2019-01-01T00:00:00Z"}) {
    INFO(bad);
    std::optional<FieldError> error = error_for("due", bad);
    REQUIRE(error);
    CHECK(error->pointer == "/due");
  }
  CHECK(error_for("due", nullptr)->pointer == "/due");
}

TEST_CASE("pointers reach into arrays and escape member names", "[codec]") {
  nlohmann::json doc = sample();
  doc["shares"].push_back({{"numerator", 1}, {"denominator", 2}, {"strict", "yes"}});
  Sample out;
  CHECK(codec::read_json(doc, out) == FieldError{"/shares/1/strict", "expected true or false"});
  doc = sample();
  doc["a/b~c"] = 1;
  CHECK(codec::read_json(doc, out) == FieldError{"/a~1b~0c", "unknown member"});
  CHECK(codec::to_status({FieldError{"", "expected an object"}}).message() == "expected an object");
  CHECK(codec::to_status({{"/a", "x"}, {"/b", "y"}, {"/c", "z"}}).message() ==
        "/a: x (and 2 more)");
}

TEST_CASE("enums are read by their wire names only", "[codec]") {
  Result<domain::TaskRated> rated = codec::from_json<domain::TaskRated>(
      {{"subject", "organization/so-tttt-gia-lai"}, {"year", 2019}, {"rating", "good"}});
  REQUIRE(rated.is_ok());
  CHECK(rated->rating == domain::Rating::kGood);
  CHECK(rated->subject.kind == domain::SubjectKind::kOrganization);
  Result<domain::TaskRated> bad = codec::from_json<domain::TaskRated>(
      {{"subject", "person/an"}, {"year", 2019}, {"rating", "Good"}});
  CHECK(bad.status().message() ==
        "/rating: expected one of: not_completed, completed, good, excellent");
  bad = codec::from_json<domain::TaskRated>(
      {{"subject", "council/an"}, {"year", 2019}, {"rating", "good"}});
  CHECK(bad.status().message().starts_with("/subject: "));
}

TEST_CASE("parse_json refuses malformed and deeply nested text", "[codec]") {
  CHECK(codec::parse_json(R"({"a":[1,2,{"b":"[{"}]})").is_ok());
  CHECK(codec::parse_json("{\"a\":").status().code() == Status::Code::kInvalidArgument);
  std::string deep(65, '[');
  deep += std::string(65, ']');
  CHECK(codec::parse_json(deep).status().message() == "JSON nested deeper than 64 levels");
  CHECK(codec::parse_json(deep, 65).is_ok());
}

TEST_CASE("valid_utf8 follows RFC 3629", "[codec]") {
  CHECK(codec::valid_utf8("Sở Thông tin và Truyền thông tỉnh Gia Lai"));
  CHECK(codec::valid_utf8("\xF0\x9F\x8F\x86"));        // U+1F3C6
  CHECK_FALSE(codec::valid_utf8("\xC0\xAF"));          // overlong
  CHECK_FALSE(codec::valid_utf8("\xED\xA0\x80"));      // surrogate
  CHECK_FALSE(codec::valid_utf8("\xF4\x90\x80\x80"));  // beyond U+10FFFF
  CHECK_FALSE(codec::valid_utf8("\xE1\xBB"));          // truncated
  CHECK_FALSE(codec::valid_utf8("\x80"));              // lone continuation
}
