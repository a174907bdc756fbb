#include <catch2/catch.hpp>

#include <chrono>

#include "thidua/node/clock.hpp"

namespace thidua::node {
namespace {

using std::chrono::hours;
using std::chrono::minutes;
using TimePoint = std::chrono::system_clock::time_point;

// 2026-12-07T17:30:00.250Z
const TimePoint kEvening =
    TimePoint(std::chrono::seconds(1796664600)) + std::chrono::milliseconds(250);

TEST_CASE("the wall time is RFC 3339 UTC with milliseconds", "[node][clock]") {
  CHECK(format_utc(kEvening) == "2026-12-07T17:30:00.250Z");
  CHECK(format_utc(TimePoint{}) == "1970-01-01T00:00:00.000Z");
}

TEST_CASE("the date is Vietnam's: after 17:00 UTC it is already the next day", "[node][clock]") {
  CHECK(date_at(kEvening, minutes(0)) == domain::Date{2026, 12, 7});
  CHECK(date_at(kEvening, kVietnamOffset) == domain::Date{2026, 12, 8});
  CHECK(date_at(kEvening - hours(1), kVietnamOffset) == domain::Date{2026, 12, 7});
  // The last day of a year turns over too.
  const TimePoint new_year_eve =
      TimePoint(std::chrono::seconds(1798736400));  // 2026-12-31T17:00:00Z
  CHECK(date_at(new_year_eve, kVietnamOffset) == domain::Date{2027, 1, 1});
  CHECK(date_at(new_year_eve - std::chrono::seconds(1), kVietnamOffset) ==
        domain::Date{2026, 12, 31});
}

TEST_CASE("a fixed clock answers its date and time, and steady time still moves", "[node][clock]") {
  const Clock clock = fixed_clock({2021, 6, 30}, "2021-06-30T01:02:03.000Z");
  CHECK(clock.today() == domain::Date{2021, 6, 30});
  CHECK(clock.now() == "2021-06-30T01:02:03.000Z");
  const auto before = clock.steady();
  while (clock.steady() == before) {
  }
  CHECK(clock.steady() > before);
}

TEST_CASE("the system clock reads the machine's", "[node][clock]") {
  const Clock clock = node::system_clock();
  const auto now = std::chrono::system_clock::now();
  const domain::Date today = clock.today();
  // The clock may have passed midnight in Vietnam between the two readings.
  CHECK((today == date_at(now, kVietnamOffset) ||
         today == date_at(now + minutes(1), kVietnamOffset)));
  CHECK(clock.now().substr(0, 4) == format_utc(now).substr(0, 4));
}

}  // namespace
}  // namespace thidua::node
