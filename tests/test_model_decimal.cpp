#include "model/date_value.hpp"
#include "model/decimal.hpp"
#include "model/money.hpp"

#include <doctest/doctest.h>

using factledger::CivilDate;
using factledger::Decimal;

TEST_SUITE_BEGIN("model");

TEST_CASE("model::Decimal parse and print") {
  struct Case {
    const char* in;
    const char* out;
  };
  const Case cases[] = {
      {"0", "0"},
      {"8.5", "8.5"},
      {"8.50", "8.5"},
      {"0012", "12"},
      {".5", "0.5"},
      {"100.000", "100"},
      {"0.0001", "0.0001"},
      {"52.7", "52.7"},
  };
  for (const auto& c : cases) {
    CAPTURE(c.in);
    auto d = Decimal::parse(c.in);
    REQUIRE(d);
    CHECK(d->to_string() == c.out);
  }
  CHECK_FALSE(Decimal::parse(""));
  CHECK_FALSE(Decimal::parse("."));
  CHECK_FALSE(Decimal::parse("1.2.3"));
  CHECK_FALSE(Decimal::parse("1,2"));
  CHECK_FALSE(Decimal::parse("12a"));
}

TEST_CASE("model::Decimal arithmetic is exact and checked") {
  auto d = Decimal::parse("8.5");
  REQUIRE(d);
  CHECK(d->times_pow10(9)->to_string() == "8500000000");
  CHECK(d->times_pow10(9)->is_integer());
  CHECK(Decimal::parse("60.06")->times_pow10(9)->to_string() == "60060000000");
  CHECK(Decimal::parse("0.1")->plus(*Decimal::parse("0.2"))->to_string() == "0.3");
  CHECK(Decimal::parse("1.5")->times(*Decimal::parse("1.5"))->to_string() == "2.25");
  CHECK(Decimal::parse("12345")->times_pow10(-2)->to_string() == "123.45");
  // 9.9e18 overflows int64 whole units: refused rather than wrong.
  CHECK_FALSE(Decimal::parse("99")->times_pow10(18));
  CHECK(*Decimal::parse("8.5") == *Decimal::parse("8.50"));
  CHECK(*Decimal::parse("2") < *Decimal::parse("2.5"));
  CHECK(Decimal::parse("12.34")->to_minor_units(2) == 1234);
  CHECK_FALSE(Decimal::parse("12.345")->to_minor_units(2));
  CHECK(factledger::currency_exponent("JPY") == 0);
  CHECK(factledger::currency_exponent("EUR") == 2);
}

TEST_CASE("model::CivilDate") {
  auto d = CivilDate::parse("2025-07-16");
  REQUIRE(d);
  CHECK(d->weekday() == 2); // a Wednesday
  CHECK(CivilDate::from_days(d->days_since_epoch()) == *d);
  CHECK(CivilDate::from_days(d->days_since_epoch() + 200).to_string() == "2026-02-01");
  CHECK(CivilDate{999, 1, 5}.to_string() == "0999-01-05");
  CHECK(CivilDate{9999, 12, 31}.to_string() == "9999-12-31");
  CHECK(CivilDate{10000, 1, 1}.to_string() == "10000-01-01");
  CHECK(CivilDate::parse("2025-07-16T08:30:00+02:00") == d);
  CHECK_FALSE(CivilDate::parse("2025-02-29"));
  CHECK(CivilDate::parse("2024-02-29"));
  CHECK_FALSE(CivilDate::parse("16/07/2025"));
  CHECK(factledger::days_in_month(2024, 2) == 29);
}

TEST_SUITE_END();
