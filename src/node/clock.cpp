#include "thidua/node/clock.hpp"

#include <cstdio>
#include <ctime>
#include <utility>

namespace thidua::node {

std::string format_utc(std::chrono::system_clock::time_point time) {
  const std::time_t seconds = std::chrono::system_clock::to_time_t(time);
  const auto millis =
      std::chrono::duration_cast<std::chrono::milliseconds>(time.time_since_epoch()).count() % 1000;
  std::tm tm{};
  gmtime_r(&seconds, &tm);
  char text[40];
  const std::size_t n = std::strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%S", &tm);
  std::snprintf(text + n, sizeof text - n, ".%03dZ", static_cast<int>(millis));
  return text;
}

domain::Date date_at(std::chrono::system_clock::time_point time, std::chrono::minutes utc_offset) {
  const std::time_t shifted = std::chrono::system_clock::to_time_t(time + utc_offset);
  std::tm local{};
  gmtime_r(&shifted, &local);
  return {local.tm_year + 1900, local.tm_mon + 1, local.tm_mday};
}

Clock system_clock(std::chrono::minutes utc_offset) {
  Clock clock;
  clock.today = [utc_offset] { return date_at(std::chrono::system_clock::now(), utc_offset); };
  clock.now = [] { return format_utc(std::chrono::system_clock::now()); };
  clock.steady = [] { return std::chrono::steady_clock::now(); };
  return clock;
}

Clock fixed_clock(domain::Date date, std::string now) {
  Clock clock;
  clock.today = [date] { return date; };
  clock.now = [now = std::move(now)] { return now; };
  clock.steady = [] { return std::chrono::steady_clock::now(); };
  return clock;
}

}  // namespace thidua::node
