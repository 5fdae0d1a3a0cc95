#include "extract/relative_date.hpp"

#include <cstdlib>

namespace factledger::extract {

namespace {

constexpr long k_past_window_days = 183;

long day_number(const CivilDate& d) {
  return d.days_since_epoch();
}

// Pick among `candidates` (any order) as for a year-less day: the latest on or before `ref`
// within the past window, else the earliest after `ref`, else the latest before.
template <typename Range>
std::optional<CivilDate> pick_news(const Range& candidates, CivilDate ref) {
  long r = day_number(ref);
  std::optional<CivilDate> past;
  std::optional<CivilDate> future;
  for (const auto& c : candidates) {
    if (!c) {
      continue;
    }
    long n = day_number(*c);
    if (n <= r) {
      if (!past || n > day_number(*past)) {
        past = c;
      }
    } else if (!future || n < day_number(*future)) {
      future = c;
    }
  }
  if (past && r - day_number(*past) <= k_past_window_days) {
    return past;
  }
  if (future) {
    return future;
  }
  return past;
}

// Nearest to `ref`, past preferred on a tie.
template <typename Range>
std::optional<CivilDate> pick_nearest(const Range& candidates, CivilDate ref) {
  long r = day_number(ref);
  std::optional<CivilDate> best;
  long best_score = 0;
  for (const auto& c : candidates) {
    if (!c) {
      continue;
    }
    long diff = day_number(*c) - r;
    long score = 2 * std::labs(diff) + (diff > 0 ? 1 : 0);
    if (!best || score < best_score) {
      best = c;
      best_score = score;
    }
  }
  return best;
}

std::optional<CivilDate> make(int y, int m, int d) {
  CivilDate c{y, m, d};
  if (!c.valid()) {
    return std::nullopt;
  }
  return c;
}

} // namespace

CivilDate add_days(CivilDate d, long days) {
  return CivilDate::from_days(d.days_since_epoch() + days);
}

YearMonth add_months(YearMonth ym, int months) {
  int idx = ym.year * 12 + (ym.month - 1) + months;
  int y = idx >= 0 ? idx / 12 : (idx - 11) / 12;
  return YearMonth{y, idx - y * 12 + 1};
}

CivilDate add_months(CivilDate d, int months) {
  YearMonth ym = add_months(YearMonth{d.year, d.month}, months);
  int dim = days_in_month(ym.year, ym.month);
  return CivilDate{ym.year, ym.month, d.day > dim ? dim : d.day};
}

std::optional<CivilDate> nearest_day(int month, int day, CivilDate ref) {
  // Nine years so that 29 February always has candidates on both sides.
  std::optional<CivilDate> c[9];
  for (int i = 0; i < 9; ++i) {
    c[i] = make(ref.year - 4 + i, month, day);
  }
  return pick_news(c, ref);
}

std::optional<CivilDate> day_before(int month, int day, CivilDate ref) {
  for (int y = ref.year; y >= ref.year - 8; --y) {
    auto d = make(y, month, day);
    if (d && *d < ref) {
      return d;
    }
  }
  return std::nullopt;
}

std::optional<CivilDate> day_after(int month, int day, CivilDate ref) {
  for (int y = ref.year; y <= ref.year + 8; ++y) {
    auto d = make(y, month, day);
    if (d && ref < *d) {
      return d;
    }
  }
  return std::nullopt;
}

YearMonth nearest_month(int month, CivilDate ref) {
  int diff = month - ref.month; // months ahead within the year, -11..11
  if (diff >= 6) {
    return YearMonth{ref.year - 1, month}; // last year's is nearer, or as near (past wins)
  }
  if (diff < -6) {
    return YearMonth{ref.year + 1, month};
  }
  return YearMonth{ref.year, month};
}

YearMonth month_before(int month, CivilDate ref) {
  return YearMonth{month < ref.month ? ref.year : ref.year - 1, month};
}

YearMonth month_after(int month, CivilDate ref) {
  return YearMonth{month > ref.month ? ref.year : ref.year + 1, month};
}

CivilDate weekday_on_or_before(int weekday, CivilDate ref) {
  int back = (ref.weekday() - weekday + 7) % 7;
  return add_days(ref, -back);
}

CivilDate weekday_before(int weekday, CivilDate ref) {
  int back = (ref.weekday() - weekday + 7) % 7;
  return add_days(ref, -(back == 0 ? 7 : back));
}

CivilDate weekday_after(int weekday, CivilDate ref) {
  int ahead = (weekday - ref.weekday() + 7) % 7;
  return add_days(ref, ahead == 0 ? 7 : ahead);
}

CivilDate weekday_in_week(int weekday, CivilDate ref, int week_offset) {
  return add_days(ref, static_cast<long>(weekday - ref.weekday()) + 7L * week_offset);
}

std::optional<CivilDate> year_for_weekday(int weekday, int month, int day, CivilDate ref) {
  // Only the year before, of and after `ref`: a weekday that matches none of them is more
  // likely a slip than a date years away.
  std::optional<CivilDate> c[3];
  for (int i = 0; i < 3; ++i) {
    auto d = make(ref.year - 1 + i, month, day);
    if (d && d->weekday() == weekday) {
      c[i] = d;
    }
  }
  return pick_nearest(c, ref);
}

std::optional<CivilDate> month_for_weekday(int weekday, int day, CivilDate ref) {
  std::optional<CivilDate> c[25];
  for (int i = 0; i < 25; ++i) {
    YearMonth ym = add_months(YearMonth{ref.year, ref.month}, i - 12);
    auto d = make(ym.year, ym.month, day);
    if (d && d->weekday() == weekday) {
      c[i] = d;
    }
  }
  return pick_nearest(c, ref);
}

std::optional<CivilDate> nearest_day_of_month(int day, CivilDate ref) {
  std::optional<CivilDate> c[3];
  for (int i = 0; i < 3; ++i) {
    YearMonth ym = add_months(YearMonth{ref.year, ref.month}, i - 1);
    c[i] = make(ym.year, ym.month, day);
  }
  // Within a month either way: the nearest, the past preferred on a tie.
  return pick_nearest(c, ref);
}

namespace {

int nearest_period_year(int first_month, int months, CivilDate ref) {
  std::optional<CivilDate> c[3];
  for (int i = 0; i < 3; ++i) {
    int y = ref.year - 1 + i;
    // Middle of the period: its first day plus half its length.
    c[i] = add_days(CivilDate{y, first_month, 1}, months * 15L);
  }
  return pick_nearest(c, ref)->year;
}

} // namespace

int nearest_quarter_year(int quarter, CivilDate ref) {
  return nearest_period_year(quarter * 3 - 2, 3, ref);
}

int nearest_half_year(int half, CivilDate ref) {
  return nearest_period_year(half * 6 - 5, 6, ref);
}

} // namespace factledger::extract
