#include "model/date_value.hpp"

#include <fmt/format.h>

#include <charconv>

namespace factledger {

namespace {

bool parse_int(std::string_view s, int& out) {
  auto res = std::from_chars(s.data(), s.data() + s.size(), out);
  return res.ec == std::errc() && res.ptr == s.data() + s.size();
}

} // namespace

int days_in_month(int year, int month) {
  static constexpr int k_days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (month < 1 || month > 12) {
    return 0;
  }
  bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
  return month == 2 && leap ? 29 : k_days[month - 1];
}

std::optional<CivilDate> CivilDate::parse(std::string_view text) {
  if (text.size() < 10 || text[4] != '-' || text[7] != '-') {
    return std::nullopt;
  }
  CivilDate d;
  if (!parse_int(text.substr(0, 4), d.year) || !parse_int(text.substr(5, 2), d.month)
      || !parse_int(text.substr(8, 2), d.day)) {
    return std::nullopt;
  }
  if (text.size() > 10 && text[10] != 'T' && text[10] != ' ') {
    return std::nullopt;
  }
  if (!d.valid()) {
    return std::nullopt;
  }
  return d;
}

bool CivilDate::valid() const {
  return year >= 1 && year <= 9999 && month >= 1 && month <= 12 && day >= 1
         && day <= days_in_month(year, month);
}

std::string CivilDate::to_string() const {
  if (year < 0 || year > 9999 || month < 0 || month > 99 || day < 0 || day > 99) {
    return fmt::format("{:04d}-{:02d}-{:02d}", year, month, day);
  }
  // Written digit by digit: fmt's format-string parsing cost more than the ten characters.
  std::string s = "0000-00-00";
  auto put = [&](std::size_t end, int v) {
    for (std::size_t i = end; v != 0; v /= 10) {
      s[--i] = static_cast<char>('0' + v % 10);
    }
  };
  put(4, year);
  put(7, month);
  put(10, day);
  return s;
}

// Howard Hinnant's days_from_civil / civil_from_days.
long CivilDate::days_since_epoch() const {
  int y = year - (month <= 2 ? 1 : 0);
  long era = (y >= 0 ? y : y - 399) / 400;
  long yoe = y - era * 400;
  long mp = (month + 9) % 12;
  long doy = (153 * mp + 2) / 5 + day - 1;
  long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}

CivilDate CivilDate::from_days(long z) {
  z += 719468;
  long era = (z >= 0 ? z : z - 146096) / 146097;
  long doe = z - era * 146097;
  long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  long y = yoe + era * 400;
  long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  long mp = (5 * doy + 2) / 153;
  long d = doy - (153 * mp + 2) / 5 + 1;
  long m = mp < 10 ? mp + 3 : mp - 9;
  return CivilDate{
      static_cast<int>(y + (m <= 2 ? 1 : 0)), static_cast<int>(m), static_cast<int>(d)};
}

int CivilDate::weekday() const {
  long z = days_since_epoch();
  // 1970-01-01 was a Thursday (3 when Monday is 0).
  long w = (z % 7 + 7 + 3) % 7;
  return static_cast<int>(w);
}

std::string_view to_string(Grain g) {
  switch (g) {
  case Grain::day:
    return "day";
  case Grain::month:
    return "month";
  case Grain::quarter:
    return "quarter";
  case Grain::half:
    return "half";
  case Grain::year:
    return "year";
  }
  return "day";
}

} // namespace factledger
