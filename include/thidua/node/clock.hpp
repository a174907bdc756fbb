// Clock: the time a node reads, injected so that tests can fix it.
//
// `today` is the date commands are decided on and queries default to, `now` the wall time of
// appended events and log lines (RFC 3339, UTC, milliseconds), and `steady` the monotonic time
// the node measures durations with. system_clock() reads the machine's clocks; fixed_clock()
// always answers the same date and time (steady time still moves, since waits need it).
//
// Thread-safety: the functions of both clocks may be called concurrently.
#pragma once

#include <chrono>
#include <functional>
#include <string>

#include "thidua/domain/values.hpp"

namespace thidua::node {

struct Clock {
  std::function<domain::Date()> today;
  std::function<std::string()> now;
  std::function<std::chrono::steady_clock::time_point()> steady;
};

// Vietnam's offset from UTC (UTC+07:00, no daylight saving): the date a decision is taken on
// is the date in Vietnam.
inline constexpr std::chrono::minutes kVietnamOffset{7 * 60};

// The machine's clock; `today` is the date at `utc_offset` from UTC.
Clock system_clock(std::chrono::minutes utc_offset = kVietnamOffset);

// Always `date` and `now` (REQUIRES: an RFC 3339 UTC time such as "2026-11-28T01:02:03.004Z").
Clock fixed_clock(domain::Date date, std::string now);

// `time` as RFC 3339 UTC with milliseconds ("2026-12-07T18:16:34.123Z").
std::string format_utc(std::chrono::system_clock::time_point time);

// The calendar date at `utc_offset` from UTC at `time`.
domain::Date date_at(std::chrono::system_clock::time_point time, std::chrono::minutes utc_offset);

}  // namespace thidua::node
