#pragma once

#include "model/date_value.hpp"

#include <cstdint>
#include <optional>
#include <span>
#include <string_view>

namespace factledger::extract {

// How a holiday's date follows from the year.
enum class HolidayRule : std::uint8_t {
  fixed,       // `month`/`day` every year (Christmas, 14 juillet)
  easter,      // Easter Sunday (Gregorian computus) plus `offset` days
  nth_weekday, // the `nth` `weekday` of `month` (-1: the last one), plus `offset` days
};

// A named day of the calendar. `words` are the folded tokens of its name separated by spaces;
// punctuation tokens ("'", "-", ".") are optional when matched ("st. patrick's day", "saint
// patrick", "Saint-Valentin").
struct Holiday {
  std::string_view words;
  bool french = false;
  HolidayRule rule = HolidayRule::fixed;
  std::int8_t month = 0;
  std::int8_t day = 0;
  std::int8_t nth = 0;
  std::int8_t weekday = -1; // 0 = Monday
  std::int8_t offset = 0;
  bool weak =
      false; // also an ordinary phrase ("a new year"): needs a capital, a year or a modifier
};

// Every holiday of both languages, longer names of the same first word first.
std::span<const Holiday> holidays();

// The day of `h` in `year`.
CivilDate holiday_date(const Holiday& h, int year);
CivilDate easter_sunday(int year);
// Resolution against a published date `ref`, as for a year-less day: the latest one on or
// before `ref` within about six months, else the next one; strictly before; strictly after.
CivilDate holiday_near(const Holiday& h, CivilDate ref);
CivilDate holiday_before(const Holiday& h, CivilDate ref);
CivilDate holiday_after(const Holiday& h, CivilDate ref);

// Words around a holiday name that make it something else: "Easter Island", "Christmas tree",
// "île de Pâques", "père Noël", "Chinese New Year". `before` is the word just before the name
// (or before its "de"/"of").
bool holiday_blocked_before(std::string_view folded_word, bool french);
bool holiday_blocked_after(std::string_view folded_word, bool french);

} // namespace factledger::extract
