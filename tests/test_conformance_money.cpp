// Runs the public peers' money cases (../shared/conformance, see its README) through the money
// extractor and fails when a file's pass rate falls below the rate committed here.
//
// Scoring:
// - Duckling lines: the whole text is one mention. Pass when exactly one amount is found whose
//   value, max, currency (the default `currency`, or any of `currency_candidates`) and
//   qualifier match; `kind: none` passes when nothing is found. Duckling's "under" (mapped to
//   `upto` in the files) is any upper bound: our `atmost` ("moins de", "less than", "under")
//   and `upto` ("jusqu'à", "up to") both match it.
// - Recognizers-Text lines: pass when every expected amount is found (value and currency,
//   span overlapping the expected text) and no other amount is found outside them.
// Cases listed in fixtures/money/conformance_out_of_scope.tsv (id, tab, reason) are left out
// of the denominator; their count is printed.
#include "extract/money.hpp"
#include "model/decimal.hpp"
#include "testutil.hpp"

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include <fstream>
#include <iostream>
#include <map>
#include <set>
#include <sstream>
#include <string>
#include <vector>

using factledger::AmountMention;
using factledger::Decimal;
using factledger::Qualifier;
using factledger::Span;
using nlohmann::json;
namespace fx = factledger::extract;
namespace tu = factledger::testutil;

namespace {

// Committed pass rates. Measured when committed: 1.0 on all four files (out-of-scope cases
// excluded); 0.97 leaves room for one or two deliberate trade-offs, never for a broken rule.
constexpr double k_min_duckling_fr = 0.97;
constexpr double k_min_duckling_en = 0.97;
constexpr double k_min_msrt_fr = 0.97;
constexpr double k_min_msrt_en = 0.97;

std::map<std::string, std::string> out_of_scope() {
  return tu::read_out_of_scope("money/conformance_out_of_scope.tsv");
}

std::vector<json> read_jsonl(const std::filesystem::path& path) {
  std::vector<json> out;
  std::ifstream in(path);
  std::string line;
  while (std::getline(in, line)) {
    if (!line.empty()) {
      out.push_back(json::parse(line));
    }
  }
  return out;
}

// A JSON number as an exact Decimal (its shortest text form, never through a double sum).
Decimal decimal_of(const json& j) {
  auto d = Decimal::parse(j.dump());
  REQUIRE_MESSAGE(d, "not a plain decimal: " << j.dump());
  return *d;
}

bool currency_ok(const json& expect, const std::string& got) {
  if (expect.contains("currency") && expect["currency"].is_string()
      && expect["currency"].get<std::string>() == got) {
    return true;
  }
  if (expect.contains("currency_candidates")) {
    for (const auto& c : expect["currency_candidates"]) {
      if (c.get<std::string>() == got) {
        return true;
      }
    }
  }
  return false;
}

bool qualifier_ok(const std::string& expected, Qualifier got) {
  if (expected == "upto") {
    return got == Qualifier::upto || got == Qualifier::atmost;
  }
  return std::string(factledger::to_string(got)) == expected;
}

std::string describe(const std::vector<AmountMention>& found) {
  std::string s;
  for (const auto& m : found) {
    s += " [" + m.text + " = " + m.value.to_string() + (m.max ? "-" + m.max->to_string() : "") + " "
         + m.currency + " " + std::string(factledger::to_string(m.qualifier)) + "]";
  }
  return s.empty() ? " (none)" : s;
}

bool duckling_pass(const json& c, const std::vector<AmountMention>& found) {
  const json& e = c["expect"];
  if (e["kind"] == "none") {
    return found.empty();
  }
  if (found.size() != 1) {
    return false;
  }
  const AmountMention& m = found[0];
  if (m.value != decimal_of(e["value"]) || !currency_ok(e, m.currency)
      || !qualifier_ok(e["qualifier"].get<std::string>(), m.qualifier)) {
    return false;
  }
  if (e["max"].is_null()) {
    return !m.max;
  }
  return m.max && *m.max == decimal_of(e["max"]);
}

bool msrt_pass(const json& c, const std::vector<AmountMention>& found) {
  const std::string text = c["text"];
  std::vector<Span> expected_spans;
  std::size_t from = 0;
  std::vector<bool> used(found.size(), false);
  for (const auto& e : c["expect_all"]) {
    const std::string et = e["text"];
    std::size_t at = text.find(et, from);
    if (at == std::string::npos) {
      at = text.find(et);
    }
    REQUIRE_MESSAGE(at != std::string::npos, "expected text not in input: " << et);
    Span span{at, at + et.size()};
    from = span.end;
    expected_spans.push_back(span);
    bool hit = false;
    for (std::size_t i = 0; i < found.size() && !hit; ++i) {
      if (!used[i] && found[i].span.overlaps(span) && found[i].value == decimal_of(e["value"])
          && currency_ok(e, found[i].currency)) {
        used[i] = true;
        hit = true;
      }
    }
    if (!hit) {
      return false;
    }
  }
  for (const auto& m : found) {
    bool inside = false;
    for (const Span& s : expected_spans) {
      inside = inside || m.span.overlaps(s);
    }
    if (!inside) {
      return false;
    }
  }
  return true;
}

// Runs one file; returns the pass rate over the cases in scope.
double run_file(const std::string& name, bool duckling) {
  auto dir = tu::conformance_dir();
  if (!dir) {
    return 1.0;
  }
  auto skip = out_of_scope();
  int total = 0;
  int passed = 0;
  int skipped = 0;
  std::string failures;
  for (const json& c : read_jsonl(*dir / (name + ".jsonl"))) {
    const std::string id = c["id"];
    if (skip.count(id) != 0) {
      ++skipped;
      continue;
    }
    const std::string text = c["text"];
    const std::string lang = c["lang"];
    auto found = fx::find_amounts(text, fx::money_context_for(text, lang, ""));
    bool ok = duckling ? duckling_pass(c, found) : msrt_pass(c, found);
    ++total;
    if (ok) {
      ++passed;
    } else {
      failures += "  " + id + ": " + text.substr(0, 120) + "\n    found" + describe(found) + "\n";
    }
  }
  double rate = total == 0 ? 1.0 : static_cast<double>(passed) / total;
  std::cout << "conformance " << name << ": " << passed << "/" << total << " = " << rate
            << " (out of scope: " << skipped << ")\n";
  if (!failures.empty()) {
    std::cout << "  failing ids:\n" << failures;
  }
  return rate;
}

} // namespace

TEST_SUITE_BEGIN("conformance");

TEST_CASE("conformance::money duckling fr") {
  CHECK(run_file("duckling_money_fr", true) >= k_min_duckling_fr);
}

TEST_CASE("conformance::money duckling en") {
  CHECK(run_file("duckling_money_en", true) >= k_min_duckling_en);
}

TEST_CASE("conformance::money msrt fr") {
  CHECK(run_file("msrt_currency_fr", false) >= k_min_msrt_fr);
}

TEST_CASE("conformance::money msrt en") {
  CHECK(run_file("msrt_currency_en", false) >= k_min_msrt_en);
}

TEST_SUITE_END();
