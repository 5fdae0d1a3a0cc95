// Expected-results tables for the money extractor: fixtures/money/{cases,negatives}_{fr,en}.jsonl.
// Each line is one phrase with every amount it must yield (text, value, max, currency, qualifier,
// equivalent); the negatives must yield nothing. The tables are written independently of the
// extractor, so a failure here is a finding about the extractor unless the case's `note` says why
// the expectation is debatable. Each file prints "money cases <file>: P/T cases passed".

#include "extract/money.hpp"
#include "model/decimal.hpp"
#include "model/mention.hpp"
#include "model/money.hpp"
#include "testutil.hpp"

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include <cstddef>
#include <iostream>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

namespace {

using factledger::AmountMention;
using factledger::Decimal;
using nlohmann::json;

// The expected decimal as the extractor's normalized text ("8.50" -> "8.5"), or "<bad: ...>" when
// the fixture itself is malformed (which then fails the comparison visibly).
std::string normalized(const json& value) {
  if (value.is_null()) {
    return "null";
  }
  if (!value.is_string()) {
    return "<bad: not a string: " + value.dump() + ">";
  }
  auto d = Decimal::parse(value.get<std::string>());
  return d ? d->to_string() : "<bad: " + value.get<std::string>() + ">";
}

std::string slice(std::string_view text, const factledger::Span& span) {
  if (span.begin > span.end || span.end > text.size()) {
    return "<span out of range>";
  }
  return std::string(text.substr(span.begin, span.size()));
}

// One line per mention, printed only when a check fails (CAPTURE is lazy).
std::string describe(const std::vector<AmountMention>& mentions) {
  std::ostringstream out;
  out << mentions.size() << " mention(s)";
  for (const auto& m : mentions) {
    out << "\n    [" << m.text << "] value=" << m.value.to_string()
        << " max=" << (m.max ? m.max->to_string() : "null") << " " << m.currency << " "
        << factledger::to_string(m.qualifier) << " rule=" << m.rule;
    if (m.equivalent) {
      out << " equivalent=[" << m.equivalent->text << "] " << m.equivalent->value.to_string() << " "
          << m.equivalent->currency;
    }
  }
  return out.str();
}

// Records a comparison in the case's verdict and reports it through doctest.
#define CASE_CHECK_EQ(got, want)                                                                   \
  do {                                                                                             \
    const bool same_ = ((got) == (want));                                                          \
    case_ok = case_ok && same_;                                                                    \
    CHECK_EQ(got, want);                                                                           \
  } while (false)

// Runs every case of `file` (under fixtures/) and prints the pass count.
void run_cases(const std::string& file) {
  std::istringstream lines(factledger::testutil::read_fixture(file));
  std::string line;
  std::size_t total = 0;
  std::size_t passed = 0;
  std::size_t line_no = 0;
  while (std::getline(lines, line)) {
    ++line_no;
    if (line.empty()) {
      continue;
    }
    CAPTURE(file);
    CAPTURE(line_no);
    json c = json::parse(line);
    const std::string id = c.at("id").get<std::string>();
    const std::string text = c.at("text").get<std::string>();
    const std::string lang = c.at("lang").get<std::string>();
    const std::string source = c.value("source", std::string());
    const json& expect = c.at("expect");
    CAPTURE(id);
    CAPTURE(text);
    ++total;

    auto context = factledger::extract::money_context_for(text, lang, source);
    auto got = factledger::extract::find_amounts(text, context);
    std::string found = describe(got);
    CAPTURE(found);

    bool case_ok = true;
    CASE_CHECK_EQ(got.size(), expect.size());
    for (std::size_t i = 0; i < got.size() && i < expect.size(); ++i) {
      const AmountMention& m = got[i];
      const json& want = expect[i];
      CAPTURE(i);
      const std::string want_text = want.at("text").get<std::string>();
      // Fixture sanity: the expected text must be a substring of the phrase.
      CASE_CHECK_EQ(text.find(want_text) != std::string::npos, true);
      CASE_CHECK_EQ(slice(text, m.span), m.text);
      CASE_CHECK_EQ(m.text, want_text);
      CASE_CHECK_EQ(m.value.to_string(), normalized(want.at("value")));
      CASE_CHECK_EQ(m.max ? m.max->to_string() : std::string("null"), normalized(want.at("max")));
      CASE_CHECK_EQ(m.currency, want.at("currency").get<std::string>());
      CASE_CHECK_EQ(std::string(factledger::to_string(m.qualifier)),
                    want.at("qualifier").get<std::string>());

      const json& want_eq = want.at("equivalent");
      CASE_CHECK_EQ(m.equivalent.has_value(), !want_eq.is_null());
      if (m.equivalent && !want_eq.is_null()) {
        const auto& e = *m.equivalent;
        CASE_CHECK_EQ(e.value.to_string(), normalized(want_eq.at("value")));
        CASE_CHECK_EQ(e.currency, want_eq.at("currency").get<std::string>());
        CASE_CHECK_EQ(e.text, want_eq.at("text").get<std::string>());
        CASE_CHECK_EQ(slice(text, e.span), e.text);
      }
    }
    if (case_ok) {
      ++passed;
    }
  }
  std::cout << "money cases " << file << ": " << passed << "/" << total << " cases passed\n";
  CHECK(total > 0);
}

} // namespace

TEST_SUITE_BEGIN("extract");

TEST_CASE("extract::find_amounts French cases") {
  run_cases("money/cases_fr.jsonl");
}

TEST_CASE("extract::find_amounts English cases") {
  run_cases("money/cases_en.jsonl");
}

TEST_CASE("extract::find_amounts French non-amounts") {
  run_cases("money/negatives_fr.jsonl");
}

TEST_CASE("extract::find_amounts English non-amounts") {
  run_cases("money/negatives_en.jsonl");
}

TEST_SUITE_END();
