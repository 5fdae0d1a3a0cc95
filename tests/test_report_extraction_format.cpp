#include "extract/extraction.hpp"
#include "report/extraction_format.hpp"
#include "testutil.hpp"

#include <doctest/doctest.h>

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

TEST_SUITE_END();
