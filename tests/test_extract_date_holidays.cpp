// The holiday table's rules: Easter by the Gregorian computus, US holidays by nth weekday, and
// resolution of a holiday without a year against a published date.
#include "extract/date_holidays.hpp"

#include <doctest/doctest.h>

#include <string_view>

using factledger::CivilDate;
namespace fx = factledger::extract;

namespace {

const fx::Holiday& holiday(std::string_view words, bool french) {
  for (const auto& h : fx::holidays()) {
    if (h.words == words && h.french == french) {
      return h;
    }
  }
  FAIL("no holiday " << words);
  return fx::holidays().front();
}

CivilDate d(const char* s) {
  return *CivilDate::parse(s);
}

} // namespace

TEST_SUITE_BEGIN("extract");

TEST_CASE("extract::easter_sunday") {
  struct Row {
    int year;
    const char* easter;
  };
  // Published Easter dates, including the earliest (22 March) and latest (25 April) possible.
  const Row rows[] = {{1818, "1818-03-22"},
                      {1943, "1943-04-25"},
                      {2000, "2000-04-23"},
                      {2013, "2013-03-31"},
                      {2018, "2018-04-01"},
                      {2019, "2019-04-21"},
                      {2024, "2024-03-31"},
                      {2025, "2025-04-20"},
                      {2038, "2038-04-25"}};
  for (const auto& r : rows) {
    CAPTURE(r.year);
    CHECK(fx::easter_sunday(r.year) == d(r.easter));
  }
}

TEST_CASE("extract::holiday_date rules") {
  CHECK(fx::holiday_date(holiday("christmas", false), 2025) == d("2025-12-25"));
  CHECK(fx::holiday_date(holiday("thanksgiving", false), 2024) == d("2024-11-28"));
  CHECK(fx::holiday_date(holiday("thanksgiving", false), 2025) == d("2025-11-27"));
  CHECK(fx::holiday_date(holiday("black friday", false), 2010) == d("2010-11-26"));
  CHECK(fx::holiday_date(holiday("memorial day", false), 2025) == d("2025-05-26"));
  CHECK(fx::holiday_date(holiday("labor day", false), 2025) == d("2025-09-01"));
  CHECK(fx::holiday_date(holiday("easter monday", false), 2019) == d("2019-04-22"));
  CHECK(fx::holiday_date(holiday("good friday", false), 2025) == d("2025-04-18"));
  CHECK(fx::holiday_date(holiday("lundi de pentecote", true), 2025) == d("2025-06-09"));
  CHECK(fx::holiday_date(holiday("toussaint", true), 2025) == d("2025-11-01"));
}

TEST_CASE("extract::holiday resolution across year boundaries") {
  const auto& christmas = holiday("noel", true);
  // The latest one within about six months back, else the next one.
  CHECK(fx::holiday_near(christmas, d("2025-01-10")) == d("2024-12-25"));
  CHECK(fx::holiday_near(christmas, d("2025-07-16")) == d("2025-12-25"));
  CHECK(fx::holiday_near(christmas, d("2025-12-25")) == d("2025-12-25"));
  CHECK(fx::holiday_before(christmas, d("2025-12-25")) == d("2024-12-25"));
  CHECK(fx::holiday_after(christmas, d("2025-12-25")) == d("2026-12-25"));
  const auto& easter = holiday("easter", false);
  CHECK(fx::holiday_before(easter, d("2019-03-12")) == d("2018-04-01"));
  CHECK(fx::holiday_after(easter, d("2019-02-12")) == d("2019-04-21"));
}

TEST_CASE("extract::holiday context words") {
  CHECK(fx::holiday_blocked_after("island", false));
  CHECK(fx::holiday_blocked_before("ile", true));
  CHECK(fx::holiday_blocked_before("pere", true));
  CHECK(fx::holiday_blocked_after("lunaire", true));
  CHECK_FALSE(fx::holiday_blocked_after("sales", false));
}

TEST_SUITE_END();
