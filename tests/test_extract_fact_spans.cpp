#include "extract/extraction.hpp"
#include "ingest/article_reader.hpp"
#include "testutil.hpp"
#include "text/utf8.hpp"

#include <doctest/doctest.h>

#include <filesystem>

using namespace factledger;

namespace {

// A span is usable by the ledger: inside the text and on code-point boundaries.
bool on_boundaries(std::string_view text, const Span& span) {
  auto boundary = [&](std::size_t i) {
    return i == text.size()
           || (i < text.size() && (static_cast<unsigned char>(text[i]) & 0xC0) != 0x80);
  };
  return span.begin <= span.end && span.end <= text.size() && boundary(span.begin)
         && boundary(span.end);
}

void check_party(const Article& a, const std::optional<FactParty>& party) {
  if (!party) {
    return;
  }
  CAPTURE(party->text);
  REQUIRE(on_boundaries(a.text, party->span));
  CHECK(a.text.substr(party->span.begin, party->span.size()) == party->text);
  CHECK(text::repair_utf8(party->text).replaced == 0);
}

} // namespace

TEST_SUITE_BEGIN("extract");

TEST_CASE("extract::facts spans of every sample article are exact and on character boundaries") {
  namespace fs = std::filesystem;
  std::size_t facts = 0;
  for (const auto& entry : fs::directory_iterator(testutil::fixture_path("articles"))) {
    if (entry.path().extension() == ".md") {
      continue;
    }
    ingest::Diagnostics diagnostics;
    ingest::read_articles(
        entry.path().string(),
        {},
        [&](Article&& a) {
          CAPTURE(a.origin);
          auto extraction = extract::extract_article(a);
          for (const auto& m : extraction.amounts) {
            REQUIRE(on_boundaries(a.text, m.span));
            CHECK(a.text.substr(m.span.begin, m.span.size()) == m.text);
          }
          for (const auto& f : extraction.facts) {
            ++facts;
            REQUIRE(f.amount < extraction.amounts.size());
            CHECK(on_boundaries(a.text, f.sentence));
            CHECK(f.sentence.contains(extraction.amounts[f.amount].span));
            check_party(a, f.funder);
            check_party(a, f.recipient);
            check_party(a, f.attributed_to);
          }
        },
        diagnostics);
    CHECK(diagnostics.empty());
  }
  // The sample set is about state support: most articles carry several facts.
  CHECK(facts >= 100);
}

TEST_CASE("extract::facts a possessive with a typographic apostrophe keeps whole characters") {
  Article a;
  a.lang = "en";
  a.published = CivilDate::parse("2025-08-23");
  a.text = "The Commerce Department said it would invest $8.9 billion in Intel’s common stock.";
  auto extraction = extract::extract_article(a);
  for (const auto& f : extraction.facts) {
    check_party(a, f.funder);
    check_party(a, f.recipient);
  }
  CHECK(extraction.amounts.size() == 1);
}

TEST_SUITE_END();
