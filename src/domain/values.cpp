// Dates, decimals, shares, subject references and ids: parsing and printing in plain integers.
#include "thidua/domain/values.hpp"

#include <cstdio>

namespace thidua::domain {

namespace {

bool leap(int year) { return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0; }

int days_in_month(int year, int month) {
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return month == 2 && leap(year) ? 29 : kDays[month - 1];
}

bool digits(std::string_view text, std::size_t from, std::size_t count, int& out) {
  out = 0;
  for (std::size_t i = from; i < from + count; ++i) {
    if (text[i] < '0' || text[i] > '9') return false;
    out = out * 10 + (text[i] - '0');
  }
  return true;
}

}  // namespace

std::optional<Date> Date::parse(std::string_view text) {
  Date d;
  if (text.size() != 10 || text[4] != '-' || text[7] != '-') return std::nullopt;
  if (!digits(text, 0, 4, d.year) || !digits(text, 5, 2, d.month) || !digits(text, 8, 2, d.day)) {
    return std::nullopt;
  }
  if (d.year < 1900 || d.year > 2999 || d.month < 1 || d.month > 12 || d.day < 1 ||
      d.day > days_in_month(d.year, d.month)) {
    return std::nullopt;
  }
  return d;
}

std::string Date::to_string() const {
  char buf[16];
  std::snprintf(buf, sizeof(buf), "%04d-%02d-%02d", year, month, day);
  return buf;
}

Date Date::next() const {
  if (day < days_in_month(year, month)) return {year, month, day + 1};
  if (month < 12) return {year, month + 1, 1};
  return {year + 1, 1, 1};
}

bool Date::working_day() const {
  // Zeller's congruence, 0 = Saturday.
  const int m = month < 3 ? month + 12 : month;
  const int y = month < 3 ? year - 1 : year;
  const int h = (day + 13 * (m + 1) / 5 + y % 100 + y % 100 / 4 + y / 100 / 4 + 5 * (y / 100)) % 7;
  return h >= 2;
}

Date Date::plus_working_days(int n) const {
  Date d = *this;
  while (n > 0) {
    d = d.next();
    if (d.working_day()) --n;
  }
  return d;
}

std::string Decimal::to_string() const {
  std::int64_t v = hundredths;
  std::string sign = v < 0 ? "-" : "";
  std::uint64_t a =
      v < 0 ? static_cast<std::uint64_t>(-(v + 1)) + 1 : static_cast<std::uint64_t>(v);
  std::string out = sign + std::to_string(a / 100);
  std::uint64_t frac = a % 100;
  if (frac == 0) return out;
  out += '.';
  out += static_cast<char>('0' + frac / 10);
  if (frac % 10 != 0) out += static_cast<char>('0' + frac % 10);
  return out;
}

bool Share::met_by(std::int64_t part, std::int64_t whole) const {
  // part/whole >= numerator/denominator, in integers (values are small counts).
  const std::int64_t lhs = part * denominator;
  const std::int64_t rhs = numerator * whole;
  return strict ? lhs > rhs : lhs >= rhs;
}

std::int64_t Share::at_most(std::int64_t whole) const {
  std::int64_t n = numerator * whole / denominator;
  if (strict && n * denominator == numerator * whole && n > 0) --n;
  return n;
}

std::string Share::to_string() const {
  return std::string(strict ? "more than " : "at least ") + std::to_string(numerator) + "/" +
         std::to_string(denominator);
}

AwardKind award_kind(Award award) {
  switch (award) {
    case Award::kGK:
    case Award::kBK_TINH:
    case Award::kBK_TTG:
      return AwardKind::kCommendation;
    default:
      return AwardKind::kTitle;
  }
}

bool award_for(Award award, SubjectKind kind) {
  switch (award) {
    case Award::kLDTT:
    case Award::kCSTDCS:
    case Award::kCSTD_TINH:
    case Award::kCSTD_TQ:
      return kind == SubjectKind::kPerson;
    case Award::kTTLDTT:
    case Award::kTTLDXS:
    case Award::kCO_TINH:
    case Award::kCO_CP:
      return kind == SubjectKind::kOrganization;
    default:
      return true;
  }
}

std::string_view award_title(Award award) {
  static constexpr std::string_view kTitles[] = {
      "Lao động tiên tiến",
      "Chiến sĩ thi đua cơ sở",
      "Chiến sĩ thi đua cấp bộ, ngành, tỉnh",
      "Chiến sĩ thi đua toàn quốc",
      "Tập thể lao động tiên tiến",
      "Tập thể lao động xuất sắc",
      "Cờ thi đua của bộ, ngành, tỉnh",
      "Cờ thi đua của Chính phủ",
      "Giấy khen",
      "Bằng khen của bộ, ngành, tỉnh",
      "Bằng khen của Thủ tướng Chính phủ",
  };
  return kTitles[static_cast<std::size_t>(award)];
}

bool valid_id(std::string_view id) {
  if (id.empty() || id.size() > 64) return false;
  for (std::size_t i = 0; i < id.size(); ++i) {
    const char c = id[i];
    const bool alnum = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
    if (!alnum && (i == 0 || (c != '-' && c != '_' && c != '.'))) return false;
  }
  return true;
}

std::optional<SubjectRef> SubjectRef::parse(std::string_view text) {
  const auto slash = text.find('/');
  if (slash == std::string_view::npos) return std::nullopt;
  auto kind = parse_enum<SubjectKind>(text.substr(0, slash));
  std::string_view id = text.substr(slash + 1);
  if (!kind || !valid_id(id)) return std::nullopt;
  return SubjectRef{*kind, std::string(id)};
}

std::string SubjectRef::to_string() const { return std::string(enum_name(kind)) + "/" + id; }

}  // namespace thidua::domain
