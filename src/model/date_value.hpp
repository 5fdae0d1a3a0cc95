#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace factledger {

// A calendar day (proleptic Gregorian). Used for published dates and resolution.
struct CivilDate {
  int year = 1970;
  int month = 1; // 1..12
  int day = 1;   // 1..31

  // Parse "YYYY-MM-DD" (also accepts a longer ISO datetime and keeps its date part).
  static std::optional<CivilDate> parse(std::string_view text);
  std::string to_string() const; // "2025-07-16"
  bool valid() const;
  // Days since 1970-01-01 (negative before), for arithmetic.
  long days_since_epoch() const;
  static CivilDate from_days(long days);
  // 0 = Monday ... 6 = Sunday.
  int weekday() const;

  friend auto operator<=>(const CivilDate&, const CivilDate&) = default;
};

int days_in_month(int year, int month);

// Precision of a date mention.
enum class Grain { day, month, quarter, half, year };
std::string_view to_string(Grain g);

} // namespace factledger
