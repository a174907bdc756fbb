#include <catch2/catch.hpp>

#include "thidua/domain/values.hpp"

using namespace thidua::domain;

TEST_CASE("dates parse only when real", "[domain]") {
  CHECK(Date::parse("2024-02-29").has_value());
  CHECK_FALSE(Date::parse("2023-02-29").has_value());
  CHECK_FALSE(Date::parse("2019-02-30").has_value());
  CHECK_FALSE(Date::parse("2019-13-01").has_value());
  CHECK_FALSE(Date::parse("2019-1-01").has_value());
  CHECK_FALSE(Date::parse("1899-12-31").has_value());
  CHECK(Date::parse("2020-03-06")->to_string() == "2020-03-06");
  CHECK(*Date::parse("2023-12-31") < *Date::parse("2024-01-01"));
}

TEST_CASE("working days skip Saturdays and Sundays", "[domain]") {
  const Date friday{2025, 12, 5};
  CHECK(friday.working_day());
  CHECK_FALSE(Date{2025, 12, 6}.working_day());
  CHECK_FALSE(Date{2025, 12, 7}.working_day());
  CHECK(Date{2026, 12, 7}.working_day());  // a Monday
  CHECK(friday.plus_working_days(0) == friday);
  CHECK(friday.plus_working_days(1) == Date{2025, 12, 8});
  CHECK(friday.plus_working_days(10) == Date{2025, 12, 19});
  CHECK(Date{2024, 2, 28}.next() == Date{2024, 2, 29});
  CHECK(Date{2023, 2, 28}.next() == Date{2023, 3, 1});
  CHECK(Date{2025, 12, 31}.next() == Date{2026, 1, 1});
  // Ten working days across the new year: 2025-12-29 (Monday) to 2026-01-12.
  CHECK(Date{2025, 12, 29}.plus_working_days(10) == Date{2026, 1, 12});
}

TEST_CASE("decimals print with at most two places", "[domain]") {
  CHECK(Decimal{950}.to_string() == "9.5");
  CHECK(Decimal{1000}.to_string() == "10");
  CHECK(Decimal{25}.to_string() == "0.25");
  CHECK(Decimal{-375}.to_string() == "-3.75");
  CHECK(Decimal{0}.to_string() == "0");
}

TEST_CASE("shares decide in integers", "[domain]") {
  const Share two_thirds{2, 3, false};
  CHECK(two_thirds.met_by(6, 9));
  CHECK_FALSE(two_thirds.met_by(5, 9));
  const Share majority{1, 2, true};
  CHECK_FALSE(majority.met_by(2, 4));
  CHECK(majority.met_by(3, 4));
  const Share fifth{1, 5, false};
  CHECK(fifth.at_most(10) == 2);
  CHECK(fifth.at_most(4) == 0);
  CHECK(fifth.at_most(5) == 1);
}

TEST_CASE("ids and subject references follow the documented pattern", "[domain]") {
  CHECK(valid_id("so-tttt-gia-lai"));
  CHECK(valid_id("123_qd.bttt"));
  CHECK_FALSE(valid_id(""));
  CHECK_FALSE(valid_id("-x"));
  CHECK_FALSE(valid_id("Gia-Lai"));
  CHECK_FALSE(valid_id(std::string(65, 'a')));
  auto ref = SubjectRef::parse("organization/so-tttt-gia-lai");
  REQUIRE(ref.has_value());
  CHECK(ref->kind == SubjectKind::kOrganization);
  CHECK(ref->to_string() == "organization/so-tttt-gia-lai");
  CHECK_FALSE(SubjectRef::parse("cluster/cum-6").has_value());
  CHECK_FALSE(SubjectRef::parse("person/").has_value());
}

TEST_CASE("enums spell their wire names both ways", "[domain]") {
  CHECK(enum_name(Award::kCSTD_TINH) == "CSTD_TINH");
  CHECK(parse_enum<Award>("BK_TTG") == Award::kBK_TTG);
  CHECK_FALSE(parse_enum<Award>("bk_ttg").has_value());
  CHECK(parse_enum<RevocationGround>("d") == RevocationGround::kD);
  CHECK_FALSE(parse_enum<RevocationGround>("e").has_value());
  CHECK(award_for(Award::kCO_CP, SubjectKind::kOrganization));
  CHECK_FALSE(award_for(Award::kCO_CP, SubjectKind::kPerson));
  CHECK(award_for(Award::kBK_TINH, SubjectKind::kPerson));
}
