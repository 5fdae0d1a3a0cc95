// The project's own date cases (fixtures/dates/cases.tsv): French and English sentences with a
// published date, the mention expected, its value and attributes. Each row is one expected
// mention; a sentence's rows are all the dates it holds ("-" for none).
#include "extract/dates.hpp"
#include "extract/relative_date.hpp"
#include "testutil.hpp"

#include <doctest/doctest.h>

#include <map>
#include <sstream>
#include <string>
#include <vector>

using factledger::CivilDate;
using factledger::DateKind;
using factledger::DateMention;
using factledger::Grain;
namespace fx = factledger::extract;
namespace tu = factledger::testutil;

namespace {

struct Case {
  std::string lang;
  std::optional<CivilDate> published;
  std::string text;
  std::string mention; // "-" for none
  std::string value;   // "null" for no value
  std::map<std::string, std::string> attrs;
  int line = 0;
};

std::vector<Case> load_cases() {
  std::vector<Case> cases;
  for (const auto& row : tu::read_tsv("dates/cases.tsv")) {
    int n = row.line;
    const auto& f = row.fields;
    REQUIRE_MESSAGE(f.size() >= 4, "cases.tsv:" << n << ": too few fields");
    Case c;
    c.line = n;
    c.lang = f[0];
    c.published = f[1] == "-" ? std::nullopt : CivilDate::parse(f[1]);
    c.text = f[2];
    c.mention = f[3];
    c.value = f.size() > 4 ? f[4] : "";
    if (f.size() > 5 && !f[5].empty()) {
      for (const auto& a : tu::split(f[5], ',')) {
        auto eq = a.find('=');
        c.attrs[a.substr(0, eq)] = eq == std::string::npos ? "" : a.substr(eq + 1);
      }
    }
    cases.push_back(std::move(c));
  }
  return cases;
}

std::string grain_name(Grain g) {
  return std::string(factledger::to_string(g));
}

} // namespace

TEST_SUITE_BEGIN("extract");

TEST_CASE("extract::find_dates own cases") {
  auto cases = load_cases();
  int expected_mentions = 0;
  std::map<std::string, int> rows_per_sentence;
  for (const auto& c : cases) {
    expected_mentions += c.mention != "-" ? 1 : 0;
    rows_per_sentence[c.lang + "|" + (c.published ? c.published->to_string() : "-") + "|"
                      + c.text] += c.mention != "-" ? 1 : 0;
  }
  CHECK(expected_mentions >= 150);

  for (const auto& c : cases) {
    CAPTURE(c.line);
    CAPTURE(c.text);
    auto found = fx::find_dates(c.text, c.lang, c.published);
    std::erase_if(found, [&](const DateMention& d) {
      return d.kind == DateKind::duration && c.attrs.count("kind") == 0 && c.mention == "-";
    });
    std::string key = c.lang + "|" + (c.published ? c.published->to_string() : "-") + "|" + c.text;
    std::string got;
    for (const auto& d : found) {
      got += "[" + d.text + "=" + d.value.value_or("null") + "]";
    }
    CAPTURE(got);
    CHECK(static_cast<int>(found.size()) == rows_per_sentence[key]);
    if (c.mention == "-") {
      continue;
    }
    const DateMention* m = nullptr;
    for (const auto& d : found) {
      if (d.text == c.mention) {
        m = &d;
      }
    }
    CHECK_MESSAGE(m != nullptr, "no mention \"" << c.mention << "\"");
    if (m == nullptr) {
      continue;
    }
    CHECK(m->value.value_or("null") == c.value);
    CHECK(c.text.substr(m->span.begin, m->span.size()) == m->text);
    auto attr = [&](const char* k) -> std::optional<std::string> {
      auto it = c.attrs.find(k);
      return it == c.attrs.end() ? std::nullopt : std::optional(it->second);
    };
    CHECK(grain_name(m->grain) == attr("grain").value_or("day"));
    CHECK(m->end == attr("end"));
    CHECK(m->qualifier == attr("q"));
    CHECK((m->kind == DateKind::duration) == (attr("kind") == "duration"));
    CHECK(m->relative == attr("rel").has_value());
  }
}

TEST_CASE("extract::relative_date conventions") {
  auto d = [](const char* s) { return *CivilDate::parse(s); };
  SUBCASE("year-less day: past within 183 days, else the next one") {
    CHECK(fx::nearest_day(12, 25, d("2025-01-10")) == d("2024-12-25"));
    CHECK(fx::nearest_day(1, 1, d("2025-07-16")) == d("2026-01-01"));
    CHECK(fx::nearest_day(1, 1, d("2025-06-30")) == d("2025-01-01"));
    CHECK(fx::nearest_day(2, 29, d("2025-03-01")) == d("2028-02-29"));
  }
  SUBCASE("months") {
    CHECK(fx::nearest_month(12, d("2025-01-10")) == fx::YearMonth{2024, 12});
    CHECK(fx::nearest_month(7, d("2025-01-10")) == fx::YearMonth{2024, 7});
    CHECK(fx::nearest_month(6, d("2025-01-10")) == fx::YearMonth{2025, 6});
    CHECK(fx::month_before(12, d("2025-01-10")) == fx::YearMonth{2024, 12});
    CHECK(fx::month_before(1, d("2025-01-10")) == fx::YearMonth{2024, 1});
    CHECK(fx::month_after(1, d("2025-01-10")) == fx::YearMonth{2026, 1});
    CHECK(fx::add_months(fx::YearMonth{2025, 1}, -1) == fx::YearMonth{2024, 12});
    CHECK(fx::add_months(d("2024-01-31"), 1) == d("2024-02-29"));
  }
  SUBCASE("weekdays") {
    CHECK(fx::weekday_on_or_before(2, d("2025-07-16")) == d("2025-07-16"));
    CHECK(fx::weekday_before(2, d("2025-07-16")) == d("2025-07-09"));
    CHECK(fx::weekday_after(2, d("2025-07-16")) == d("2025-07-23"));
    CHECK(fx::weekday_in_week(6, d("2025-07-16"), 1) == d("2025-07-27"));
    CHECK(fx::year_for_weekday(3, 7, 16, d("2025-07-16")) == d("2026-07-16"));
    CHECK_FALSE(fx::year_for_weekday(0, 7, 16, d("2025-07-16")).has_value());
  }
  SUBCASE("quarters and halves") {
    CHECK(fx::nearest_quarter_year(4, d("2025-01-10")) == 2024);
    CHECK(fx::nearest_quarter_year(2, d("2025-01-10")) == 2025);
    CHECK(fx::nearest_half_year(2, d("2025-07-16")) == 2025);
  }
}

TEST_CASE("extract::find_dates offsets and long input") {
  SUBCASE("spans are byte offsets into the text") {
    std::string text = "Préambule — le fonds créé en avril dernier sera doté d'ici 2030.";
    auto found = fx::find_dates(text, "fr", CivilDate::parse("2025-07-16"));
    REQUIRE(found.size() == 2);
    CHECK(text.substr(found[0].span.begin, found[0].span.size()) == "en avril dernier");
    CHECK(found[1].text == "d'ici 2030");
  }
  SUBCASE("a long line of numbers and words ends and finds every year") {
    std::string text;
    for (int i = 0; i < 20000; ++i) {
      text += "En 2024, 3 000 emplois et 1,5 milliard d'euros ; ";
    }
    auto found = fx::find_dates(text, "fr", CivilDate::parse("2025-07-16"));
    CHECK(found.size() == 20000);
    CHECK(found.back().value == "2024");
  }
}

TEST_SUITE_END();
