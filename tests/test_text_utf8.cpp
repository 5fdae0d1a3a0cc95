#include "text/language.hpp"
#include "text/sentences.hpp"
#include "text/utf8.hpp"

#include <doctest/doctest.h>

#include <string>
#include <vector>

using namespace factledger;

TEST_SUITE_BEGIN("text");

TEST_CASE("text::repair_utf8 replaces invalid bytes and reports the first") {
  auto ok = text::repair_utf8("près de 8,5 milliards");
  CHECK(ok.replaced == 0);
  CHECK(ok.text == "près de 8,5 milliards");
  auto bad = text::repair_utf8(std::string("ab\xFF"
                                           "c\xC3",
                                           5));
  CHECK(bad.replaced == 2);
  CHECK(bad.first_bad == 2);
  CHECK(bad.text
        == "ab\xEF\xBF\xBD"
           "c\xEF\xBF\xBD");
  // Overlong encoding and a lone surrogate are ill-formed.
  CHECK(text::repair_utf8("\xC0\xAF").replaced == 2);
  CHECK(text::repair_utf8("\xED\xA0\x80").replaced == 3);
}

TEST_CASE("text::repair_utf8_owned moves valid text and repairs the rest") {
  std::string valid = "Pékin: 8,5 milliards";
  auto a = text::repair_utf8_owned(std::string(valid));
  CHECK(a.replaced == 0);
  CHECK(a.text == valid);
  auto b = text::repair_utf8_owned(std::string("x\xE9y"));
  CHECK(b.replaced == 1);
  CHECK(b.first_bad == 1);
  CHECK(b.text == "x\xEF\xBF\xBDy");
}

TEST_CASE("text::looks_binary") {
  CHECK(text::looks_binary(std::string("PK\x03\x04\0\0", 6)));
  CHECK_FALSE(text::looks_binary("Le gouvernement a annoncé 2 milliards.\n"));
  CHECK_FALSE(text::looks_binary(""));
}

TEST_CASE("text::cp1252_to_utf8") {
  CHECK(text::cp1252_to_utf8("\x80 caf\xE9 \x92") == "€ café ’");
}

TEST_CASE("text::CodepointIndex maps bytes to code points") {
  std::string s = "€5 à Pékin — 8,5 Md€";
  text::CodepointIndex idx(s);
  CHECK(idx.to_codepoint(0) == 0);
  CHECK(idx.to_codepoint(3) == 1); // after "€"
  CHECK(idx.to_codepoint(s.size()) == text::codepoint_count(s));
  std::string long_text;
  for (int i = 0; i < 300; ++i) {
    long_text += "é";
  }
  text::CodepointIndex idx2(long_text);
  CHECK(idx2.to_codepoint(2 * 257) == 257);

  // Every boundary of a mix of 1- to 4-byte characters, across many 64-byte blocks.
  const char* pieces[] = {"a", "é", "€", "\xF0\x9F\x98\x80", " ", "\xE2\x80\xAF"};
  std::string mixed;
  std::vector<std::size_t> starts;
  for (int i = 0; i < 500; ++i) {
    starts.push_back(mixed.size());
    mixed += pieces[(i * 7 + i / 3) % 6];
  }
  starts.push_back(mixed.size());
  text::CodepointIndex idx3(mixed);
  for (std::size_t k = 0; k < starts.size(); ++k) {
    REQUIRE(idx3.to_codepoint(starts[k]) == k);
  }
  CHECK(text::codepoint_count(mixed) == 500);
  text::CodepointIndex empty("");
  CHECK(empty.to_codepoint(0) == 0);
}

TEST_CASE("text::ascii_lower leaves every non-ASCII byte alone") {
  CHECK(text::ascii_lower("ISO-8859-1 HTTPS://WWW.Example.COM")
        == "iso-8859-1 https://www.example.com");
  CHECK(text::ascii_lower("ÉNERGIE Québec") == "Énergie québec");
  CHECK(text::ascii_lower("") == "");
}

TEST_CASE("text::fold and to_lower") {
  CHECK(text::fold("Pékin ÉTATS") == "pekin etats");
  CHECK(text::to_lower("Milliards") == "milliards");
  CHECK(text::to_lower("ÉNERGIE") == "énergie");
}

TEST_CASE("text::detect_language") {
  CHECK(text::detect_language("Le gouvernement chinois a annoncé que les aides seraient allouées "
                              "aux entreprises de la région.")
        == "fr");
  CHECK(text::detect_language("The Commerce Department said that the grant will be paid to the "
                              "company in stages.")
        == "en");
  CHECK(text::detect_language("", "fr") == "fr");
}

TEST_CASE("text::split_sentences") {
  std::string t = "M. Le Maire a annoncé 8,5 Md€. The U.S. gave $1.5bn to Intel. Selon lui, "
                  "c'est « historique ».\nNouveau paragraphe";
  auto s = text::split_sentences(t);
  REQUIRE(s.size() == 4);
  CHECK(t.substr(s[0].begin, s[0].size()) == "M. Le Maire a annoncé 8,5 Md€.");
  CHECK(t.substr(s[1].begin, s[1].size()) == "The U.S. gave $1.5bn to Intel.");
  CHECK(t.substr(s[3].begin, s[3].size()) == "Nouveau paragraphe");
}

TEST_SUITE_END();
