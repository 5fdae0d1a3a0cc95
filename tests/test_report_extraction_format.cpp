#include "extract/extraction.hpp"
#include "model/error.hpp"
#include "report/extraction_format.hpp"
#include "testutil.hpp"

#include <doctest/doctest.h>

#include <cmath>
#include <sstream>

using namespace factledger;

TEST_SUITE_BEGIN("report");

TEST_CASE("report::write_extraction_jsonl streams the documented object") {
  Article a;
  a.id = "seed";
  a.lang = "fr";
  a.published = CivilDate::parse("2025-07-16");
  a.text = "En avril dernier, le gouvernement chinois a annoncé que près de 8,5 milliards de "
           "dollars seraient alloués à de jeunes entreprises spécialisées dans l’IA.";
  auto extraction = extract::extract_article(a);
  std::ostringstream streamed;
  report::write_extraction_jsonl(streamed, a, extraction);
  auto tree = report::extraction_to_json(a, extraction);
  CHECK(streamed.str() == tree.dump() + "\n");

  // Keys in the documented order, offsets in code points.
  auto parsed = nlohmann::ordered_json::parse(streamed.str());
  std::vector<std::string> keys;
  for (auto it = parsed.begin(); it != parsed.end(); ++it) {
    keys.push_back(it.key());
  }
  CHECK(keys == std::vector<std::string>{"id", "lang", "published", "amounts", "dates", "facts"});
  REQUIRE(parsed["amounts"].size() == 1);
  const auto& m = parsed["amounts"][0];
  CHECK(m["text"] == "près de 8,5 milliards de dollars");
  CHECK(m["start"] == 56);
  CHECK(m["end"] == 88);
  CHECK(m["value"] == 8500000000LL);
  CHECK(m["max"].is_null());
  CHECK(m["currency"] == "USD");
  CHECK(m["qualifier"] == "approx");
  REQUIRE(parsed["dates"].size() >= 1);
  CHECK(parsed["dates"][0]["value"] == "2025-04");
  CHECK(parsed["published"] == "2025-07-16");
}

TEST_CASE("report::write_extraction_jsonl escapes strings exactly as nlohmann does") {
  Article a;
  a.id = "id \"quoted\" \\ back\nline\ttab \x01\x1f\x7f \u2028 😀";
  a.lang = "en";
  a.text = "He said: \"the \\state\\ gave $1.5 billion\"\tto\x01 Intel 😀.\nNext line.";
  auto extraction = extract::extract_article(a);
  REQUIRE(extraction.amounts.size() == 1);
  std::ostringstream streamed;
  report::write_extraction_jsonl(streamed, a, extraction);
  CHECK(streamed.str() == report::extraction_to_json(a, extraction).dump() + "\n");
  auto parsed = nlohmann::json::parse(streamed.str());
  CHECK(parsed["id"] == a.id);
  CHECK(parsed["amounts"][0]["text"] == "$1.5 billion");
}

TEST_CASE("report::write_extraction_jsonl matches nlohmann on strings and numbers of every shape") {
  Article a;
  a.id = "shapes";
  a.lang = "fr";
  a.text = "Un texte quelconque, « cité », avec des accents : é, €, 😀.";
  extract::Extraction e;
  e.ran = extract::parse_extractors("all");
  e.lang = "fr";
  // Strings of every length up to 20 with a byte to escape (or a non-ASCII character) at every
  // position: the 8-byte scan and its tail both see them.
  std::vector<std::string> strings;
  for (std::string special : {"\"", "\\", "\n", "\x01", "\x1f", "é", "€", "😀", "\x7f"}) {
    for (std::size_t n = 1; n <= 20; ++n) {
      for (std::size_t at = 0; at < n; ++at) {
        std::string s(n, 'x');
        s.replace(at, 1, special);
        strings.push_back(s);
      }
    }
  }
  // Ill-formed UTF-8 (nlohmann's U+FFFD replacement), short and long.
  strings.push_back("ab\xC3");
  strings.push_back("abcdefghijkl\xE2\x82zz");
  strings.push_back("\xED\xA0\x80 surrogate");
  strings.push_back("overlong \xC0\xAF and more text after it");
  const double confidences[] = {
      0.0, 0.01, 0.1, 0.29, 0.3, 0.57, 0.65, 0.95, 1.0, -0.0, 0.123456, 1.5, 1e-7};
  for (std::size_t i = 0; i < strings.size(); ++i) {
    Fact f;
    f.amount = i;
    f.recipient = FactParty{strings[i], Span{0, 1}};
    f.rule = strings[(i * 7) % strings.size()];
    f.confidence = confidences[i % std::size(confidences)];
    f.sentence = Span{0, a.text.size()};
    e.facts.push_back(f);
  }
  for (int k = 0; k <= 100; ++k) {
    Fact f;
    f.confidence = std::round(k / 100.0 * 100.0) / 100.0;
    e.facts.push_back(f);
  }
  std::ostringstream streamed;
  report::write_extraction_jsonl(streamed, a, e);
  CHECK(streamed.str()
        == report::extraction_to_json(a, e).dump(
               -1, ' ', false, nlohmann::ordered_json::error_handler_t::replace)
               + "\n");
}

TEST_SUITE_END();

TEST_CASE("extract::parse_extractors and output without the extractors that did not run") {
  auto e = extract::parse_extractors("amounts");
  CHECK(e.amounts);
  CHECK_FALSE(e.dates);
  CHECK_FALSE(e.facts);
  e = extract::parse_extractors("all");
  CHECK((e.amounts && e.dates && e.facts));
  CHECK_THROWS_WITH_AS(extract::parse_extractors("amounts,money"),
                       doctest::Contains("unknown extractor \"money\""),
                       Error);
  CHECK_THROWS_WITH_AS(extract::parse_extractors("amounts,facts"),
                       doctest::Contains("facts extractor needs amounts and dates"),
                       Error);
  CHECK_THROWS_AS(extract::parse_extractors(""), Error);

  Article a;
  a.id = "d";
  a.lang = "en";
  a.published = CivilDate::parse("2025-07-16");
  a.text = "On Wednesday the ministry awarded a $2 million grant to Acme Chips.";
  auto only_dates = extract::extract_article(a, extract::parse_extractors("dates"));
  CHECK(only_dates.amounts.empty());
  CHECK(only_dates.dates.size() == 1);
  std::ostringstream streamed;
  report::write_extraction_jsonl(streamed, a, only_dates);
  CHECK(streamed.str() == report::extraction_to_json(a, only_dates).dump() + "\n");
  auto parsed = nlohmann::ordered_json::parse(streamed.str());
  CHECK_FALSE(parsed.contains("amounts"));
  CHECK_FALSE(parsed.contains("facts"));
  REQUIRE(parsed.contains("dates"));
  CHECK(parsed["dates"][0]["value"] == "2025-07-16");

  auto all = extract::extract_article(a);
  CHECK(all.amounts.size() == 1);
  CHECK(all.facts.size() == 1);
}
