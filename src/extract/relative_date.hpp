#pragma once

#include "model/date_value.hpp"

#include <optional>

namespace factledger::extract {

// Resolution of incomplete or relative date expressions against an article's published date
// `ref`. The conventions are those of news, which mostly refers back in time:
//
//   - a year-less day ("16 juillet", "July 16") is the most recent such day on or before `ref`
//     when that is at most 183 days back, else the next one after `ref`;
//   - a year-less month ("en mars", "in March") is the same month of `ref`'s year or the
//     nearest one, preferring the past when both are six months away;
//   - "avril dernier" / "last April" is the latest April strictly before `ref`'s month,
//     "avril prochain" / "next April" the earliest one strictly after it;
//   - a bare weekday ("mercredi", "on Wednesday") is the most recent one on or before `ref`;
//     "mercredi dernier" / "last Wednesday" strictly before, "mercredi prochain" / "next
//     Wednesday" strictly after, "ce mercredi" / "this Wednesday" the one of `ref`'s week
//     (Monday to Sunday);
//   - a weekday with a day ("mercredi 16 juillet", "Monday 21") takes the year (or month) that
//     makes the weekday match, nearest to `ref`;
//   - a year-less quarter or half ("au premier trimestre") is the one whose middle is nearest
//     to `ref`, preferring the past on a tie.

struct YearMonth {
  int year = 0;
  int month = 0;
  friend bool operator==(const YearMonth&, const YearMonth&) = default;
};

CivilDate add_days(CivilDate d, long days);
// Add calendar months, clamping the day to the target month's length (31 Jan + 1 = 28/29 Feb).
CivilDate add_months(CivilDate d, int months);
YearMonth add_months(YearMonth ym, int months);

std::optional<CivilDate> nearest_day(int month, int day, CivilDate ref);
// "le 16 juillet dernier": the latest such day strictly before `ref`; "prochain": the earliest
// strictly after.
std::optional<CivilDate> day_before(int month, int day, CivilDate ref);
std::optional<CivilDate> day_after(int month, int day, CivilDate ref);
YearMonth nearest_month(int month, CivilDate ref);
YearMonth month_before(int month, CivilDate ref);
YearMonth month_after(int month, CivilDate ref);

// `weekday`: 0 = Monday ... 6 = Sunday.
CivilDate weekday_on_or_before(int weekday, CivilDate ref);
CivilDate weekday_before(int weekday, CivilDate ref);
CivilDate weekday_after(int weekday, CivilDate ref);
// The `weekday` of the week (Monday..Sunday) `week_offset` weeks from `ref`'s week.
CivilDate weekday_in_week(int weekday, CivilDate ref, int week_offset);

// "mercredi 16 juillet": the year within one of `ref`'s that makes the weekday match,
// nearest to `ref`; nullopt when none does.
std::optional<CivilDate> year_for_weekday(int weekday, int month, int day, CivilDate ref);
// "lundi 21": the month within a year of `ref` whose `day` falls on `weekday`, nearest.
std::optional<CivilDate> month_for_weekday(int weekday, int day, CivilDate ref);
// "le 16": the 16th of `ref`'s month, the previous or the next month, as for a year-less day.
std::optional<CivilDate> nearest_day_of_month(int day, CivilDate ref);

// Year of the quarter (1..4) or half (1..2) whose middle is nearest to `ref`.
int nearest_quarter_year(int quarter, CivilDate ref);
int nearest_half_year(int half, CivilDate ref);

} // namespace factledger::extract
