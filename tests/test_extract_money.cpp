// Unit tests of the money extractor's internals (number shapes, scales, spelled numbers,
// currency marks, context rules) and of find_amounts on tricky shapes. The phrase corpus
// lives in fixtures/money/cases_*.jsonl (test_extract_money_cases.cpp).
#include "extract/currencies.hpp"
#include "extract/money.hpp"
#include "extract/money_context.hpp"
#include "extract/number_words.hpp"
#include "extract/numbers.hpp"
#include "extract/scale_words.hpp"

#include <doctest/doctest.h>

#include <optional>
#include <string>
#include <vector>

using factledger::AmountMention;
using factledger::Decimal;
using factledger::Qualifier;
using factledger::Span;
namespace fx = factledger::extract;

namespace {

Decimal dec(const char* s) {
  auto d = Decimal::parse(s);
  REQUIRE(d);
  return *d;
}

fx::MoneyContext ctx(const char* lang) {
  fx::MoneyContext c;
  c.lang = lang;
  return c;
}

std::vector<AmountMention> amounts(const std::string& text, const char* lang) {
  return fx::find_amounts(text, fx::money_context_for(text, lang, ""));
}

} // namespace

TEST_SUITE_BEGIN("extract");

TEST_CASE("extract::parse_digit_number shapes by language") {
  struct Case {
    const char* text;
    bool french;
    const char* value; // nullptr: invalid
    std::size_t end;
  };
  const Case cases[] = {
      {"3 000", true, "3000", 5},
      {"3\xC2\xA0"
       "000",
       true,
       "3000",
       6}, // U+00A0
      {"3\xE2\x80\xAF"
       "000 000",
       true,
       "3000000",
       11}, // U+202F between groups
      {"3\xE2\x80\x89"
       "000",
       true,
       "3000",
       7}, // U+2009
      {"3.000", true, "3000", 5},
      {"3,000", false, "3000", 5},
      {"1'000", false, "1000", 5},
      {"1'000", true, "1000", 5},
      {"8,5", true, "8.5", 3},
      {"8.5", true, "8.5", 3}, // a point before other than three digits is decimal in French
      {"8.5", false, "8.5", 3},
      {"12,345", true, "12.345", 6},
      {"12,345", false, "12345", 6},
      {"125.000,50", true, "125000.5", 10},
      {"20,000.00", false, "20000", 9},
      {"10 000,00", true, "10000", 9},
      {"12,34,567.89", false, "1234567.89", 12},
      {"1,000,000", true, "1000000", 9},
      {"1,5", false, "1", 1},         // English stops before ",5"
      {"2022 100", false, "2022", 4}, // a four-digit first group never groups
      {"50 50", false, "50", 2},
      {"1 234 567,891", true, "1234567.891", 13},
      {"0,5", true, "0.5", 3},
      {"1\n000", true, "1", 1}, // a newline never groups digits
  };
  for (const Case& c : cases) {
    CAPTURE(c.text);
    CAPTURE(c.french);
    auto n = fx::parse_digit_number(c.text, 0, c.french);
    if (c.value == nullptr) {
      CHECK_FALSE(n.value);
    } else {
      REQUIRE(n.value);
      CHECK(n.value->to_string() == c.value);
      CHECK(n.end == c.end);
    }
  }
}

TEST_CASE("extract::parse_digit_number rejects over-long runs in linear time") {
  std::string digits(100000, '7');
  auto n = fx::parse_digit_number(digits + " dollars", 0, false);
  CHECK_FALSE(n.value);
  CHECK(n.end == digits.size()); // the whole run is consumed, never re-read
}

TEST_CASE("extract::match_scale") {
  struct Case {
    const char* text;
    bool french;
    bool attached;
    int exponent; // -1: no scale
    bool needs_currency;
  };
  const Case cases[] = {
      {"milliards", true, false, 9, false},
      {"milliard", true, false, 9, false},
      {"millions", true, false, 6, false},
      {"billion", false, false, 9, false},
      {"billion", true, false, 12, false},
      {"billions", true, false, 12, false},
      {"trillion", false, false, 12, false},
      {"bn", false, true, 9, false},
      {"bn", true, true, 9, false},
      {"mn", false, false, 6, false},
      {"mln", false, false, 6, false},
      {"M\xE2\x82\xAC", true, false, 6, true},
      {"Md\xE2\x82\xAC", true, true, 9, true},
      {"Mds", true, false, 9, true},
      {"Mrd", true, false, 9, true},
      {"k$", false, true, 3, true},
      {"mille milliards", true, false, 12, false},
      {"thousand", false, false, 3, false},
      {"lakh", false, false, 5, false},
      {"crore", false, false, 7, false},
      {"tn", false, false, 12, false},
      {"b", false, true, 9, false},
      {"b", false, false, -1, false}, // "5 b" is not five billion
      {"km", false, true, -1, false}, // five kilometres
      {"min", false, false, -1, false},
      {"mille", false, false, -1, false},
  };
  for (const Case& c : cases) {
    CAPTURE(c.text);
    CAPTURE(c.french);
    auto m = fx::match_scale(c.text, 0, c.french, c.attached);
    if (c.exponent < 0) {
      CHECK_FALSE(m);
    } else {
      REQUIRE(m);
      CHECK(m->exponent == c.exponent);
      CHECK(m->needs_currency_after == c.needs_currency);
    }
  }
}

TEST_CASE("extract::parse_number_words") {
  struct Case {
    const char* text;
    bool french;
    const char* value; // nullptr: not a number
    bool article_only;
    bool needs_scale;
  };
  const Case cases[] = {
      {"deux milliards", true, "2", false, false},
      {"trois cents millions", true, "300", false, false},
      {"quatre-vingt-dix-sept", true, "97", false, false},
      {"soixante-dix", true, "70", false, false},
      {"vingt et un", true, "21", false, false},
      {"soixante et onze", true, "71", false, false},
      {"deux mille cinq cents", true, "2500", false, false},
      {"un demi-milliard", true, "0.5", false, true},
      {"un milliard", true, "1", true, false},
      {"cinq cents euros", true, "500", false, false},
      {"quarante-cinq cents", true, "45", false, false}, // "cents" after 45 is the coin
      {"a billion", false, "1", true, false},
      {"half a billion", false, "0.5", false, true},
      {"a quarter million", false, "0.25", false, true},
      {"three quarters billion", false, "0.75", false, true},
      {"one hundred and five", false, "105", false, false},
      {"forty-two", false, "42", false, false},
      {"twenty five hundred", false, "2500", false, false},
      {"thirteen", false, "13", false, false},
      {"five five", false, "5", false, false}, // not ten
      {"the", false, nullptr, false, false},
      {"zero", false, nullptr, false, false},
  };
  for (const Case& c : cases) {
    CAPTURE(c.text);
    auto n = fx::parse_number_words(c.text, 0, c.french);
    if (c.value == nullptr) {
      CHECK_FALSE(n);
      continue;
    }
    REQUIRE(n);
    CHECK(n->value == dec(c.value));
    CHECK(n->article_only == c.article_only);
    CHECK(n->needs_scale == c.needs_scale);
  }
  auto stop = fx::parse_number_words("quarante-cinq cents", 0, true, fx::CentsWord::stop);
  REQUIRE(stop);
  CHECK(stop->value == dec("45"));
  CHECK(stop->end == 13);
}

TEST_CASE("extract::match_currency lexicon") {
  struct Case {
    const char* text;
    bool french;
    fx::CurrencyPlace place;
    const char* iso; // nullptr: no match
    std::size_t end;
  };
  const Case cases[] = {
      {"$", false, fx::k_prefix, "$", 1},
      {"US$", false, fx::k_prefix, "USD", 3},
      {"us $", false, fx::k_prefix, "USD", 4},
      {"HK$", false, fx::k_prefix, "HKD", 3},
      {"NT$", false, fx::k_prefix, "TWD", 3},
      {"A$", false, fx::k_prefix, "AUD", 2},
      {"a$", false, fx::k_prefix, nullptr, 0}, // "a$5" is not Australian
      {"C$", false, fx::k_prefix, "CAD", 2},
      {"S$", false, fx::k_prefix, "SGD", 2},
      {"$ c", true, fx::k_suffix, "CAD", 3},
      {"$ c'est", true, fx::k_suffix, "$", 1},
      {"$ US", true, fx::k_suffix, "USD", 4},
      {"dollars canadiens", true, fx::k_suffix, "CAD", 17},
      {"dollars am\xC3\xA9ricains", true, fx::k_suffix, "USD", 19},
      {"livres sterling", true, fx::k_suffix, "GBP", 15},
      {"francs suisses", true, fx::k_suffix, "CHF", 14},
      {"yuans", true, fx::k_suffix, "CNY", 5},
      {"renminbi", false, fx::k_suffix, "CNY", 8},
      {"RMB", false, fx::k_suffix, "CNY", 3},
      {"yens", true, fx::k_suffix, "JPY", 4},
      {"\xE2\x82\xA9", false, fx::k_prefix, "KRW", 3},
      {"\xE2\x82\xB9", false, fx::k_prefix, "INR", 3},
      {"roupies", true, fx::k_suffix, "INR", 7},
      {"rupees", false, fx::k_suffix, "INR", 6},
      {"\xC2\xA5", false, fx::k_prefix, "\xC2\xA5", 2},
      {"\xE2\x82\xAC", true, fx::k_suffix, "EUR", 3},
      {"EUR", true, fx::k_prefix, "EUR", 3},
      {"europe", true, fx::k_suffix, nullptr, 0},
      {"won", false, fx::k_prefix, nullptr, 0}, // "won 5 contracts"
      {"won", false, fx::k_suffix, "KRW", 3},
      {"MUSD", false, fx::k_suffix, "USD", 4},
      {"try", false, fx::k_suffix, nullptr, 0},
      {"TRY", false, fx::k_suffix, "TRY", 3},
  };
  for (const Case& c : cases) {
    CAPTURE(c.text);
    auto m = fx::match_currency(c.text, 0, c.french, c.place);
    if (c.iso == nullptr) {
      CHECK_FALSE(m);
      continue;
    }
    REQUIRE(m);
    CHECK(m->form->iso == c.iso);
    CHECK(m->end == c.end);
  }
  auto cents = fx::match_currency("cents", 0, false, fx::k_suffix);
  REQUIRE(cents);
  CHECK(cents->form->kind == fx::CurrencyKind::minor);
  CHECK(cents->form->minor_exp == 2);
  auto musd = fx::match_currency("MUSD", 0, false, fx::k_suffix);
  REQUIRE(musd);
  CHECK(musd->form->scale_exp == 6);
}

TEST_CASE("extract::money_context_for rules") {
  struct Case {
    const char* text;
    const char* source;
    const char* dollar;
    const char* yen;
    bool british;
  };
  const Case cases[] = {
      {"Le gouvernement a annoncé une aide.", "", "USD", "JPY", false},
      {"Québec et Ottawa financent l'usine ; le Québec paiera.", "", "CAD", "JPY", false},
      {"The grant was announced.", "CBC News", "CAD", "JPY", false},
      {"The grant was announced.", "www.lapresse.ca", "CAD", "JPY", false},
      {"Pékin soutient ses puces. La Chine et les entreprises chinoises...",
       "",
       "USD",
       "CNY",
       false},
      {"Tokyo backs Rapidus; Japan's plan.", "", "USD", "JPY", false},
      {"Canberra and Sydney: Australia's plan for Australian firms.", "", "AUD", "JPY", false},
      {"Canada and the United States, Washington and American firms.", "", "USD", "JPY", false},
      {"London said British support in sterling.", "", "USD", "JPY", true},
      {"The grant was announced.", "smh.com.au", "AUD", "JPY", false},
      // "États-Unis" counts for the United States although it starts with a non-ASCII letter:
      // three Canadian cues no longer outweigh two US ones twice over.
      {"Québec, Ottawa et Montréal financent l'usine ; les États-Unis aussi, les États-Unis "
       "d'abord.",
       "",
       "USD",
       "JPY",
       false},
  };
  for (const Case& c : cases) {
    CAPTURE(c.text);
    CAPTURE(c.source);
    auto m = fx::money_context_for(c.text, "fr", c.source);
    CHECK(m.dollar == c.dollar);
    CHECK(m.yen == c.yen);
    CHECK(m.british == c.british);
  }
}

TEST_CASE("extract::sentence_dollar gives the same answer with or without the article's cues") {
  // The sentence rule reaches 240 bytes either side of the "$": here the reach ends inside
  // "Taiwanese", which must not count as "Taiwan" in either form of the rule.
  std::string pad(220, 'x');
  std::string t = "Le fonds versera $5 milliards " + pad + " Taiwanese.";
  std::size_t pos = t.find('$');
  auto alone = fx::sentence_dollar(t, pos);
  auto with_cues = fx::sentence_dollar(t, pos, fx::find_place_cues(t));
  CHECK_FALSE(alone);
  CHECK_FALSE(with_cues);
  // A whole cue inside the reach counts in both.
  std::string u = "Taiwan : le fonds versera $5 milliards.";
  CHECK(fx::sentence_dollar(u, u.find('$')).value_or("") == "TWD");
  CHECK(fx::sentence_dollar(u, u.find('$'), fx::find_place_cues(u)).value_or("") == "TWD");
}

TEST_CASE("extract::sentence_dollar (rule L1)") {
  struct Case {
    const char* text;
    const char* dollar; // nullptr: the sentence says nothing
  };
  const Case cases[] = {
      {"Ottawa will offer up to $13.2 billion.", "CAD"},
      {"Taiwan's cabinet approved $300 billion.", "TWD"},
      {"The company got $5 billion.", nullptr},
      {"Ottawa sat. Washington will give $5 billion to U.S. firms.", "USD"},
      {"Hong Kong's government will spend $10 billion.", "HKD"},
      {"Les États-Unis verseront 5 milliards de $.", "USD"},
      {"Les xÉtats-Unis verseront 5 milliards de $.", nullptr}, // no word of its own
  };
  for (const Case& c : cases) {
    CAPTURE(c.text);
    std::string t = c.text;
    auto d = fx::sentence_dollar(t, t.find('$'));
    if (c.dollar == nullptr) {
      CHECK_FALSE(d);
    } else {
      REQUIRE(d);
      CHECK(*d == c.dollar);
    }
  }
}

// The examples, verbatim, with every field.
TEST_CASE("extract::find_amounts issue examples") {
  struct Case {
    const char* lang;
    const char* text;
    const char* mention;
    const char* value;
    const char* max; // nullptr: none
    const char* currency;
    Qualifier qualifier;
    const char* equivalent_value; // nullptr: none
    const char* equivalent_currency;
  };
  const Case cases[] = {
      {"fr",
       "près de 8,5 milliards de dollars",
       "près de 8,5 milliards de dollars",
       "8500000000",
       nullptr,
       "USD",
       Qualifier::approx,
       nullptr,
       nullptr},
      {"fr", "12 M€", "12 M€", "12000000", nullptr, "EUR", Qualifier::exact, nullptr, nullptr},
      {"fr",
       "1,2 Md€",
       "1,2 Md€",
       "1200000000",
       nullptr,
       "EUR",
       Qualifier::exact,
       nullptr,
       nullptr},
      {"fr", "3 Mds€", "3 Mds€", "3000000000", nullptr, "EUR", Qualifier::exact, nullptr, nullptr},
      {"en", "€3bn", "€3bn", "3000000000", nullptr, "EUR", Qualifier::exact, nullptr, nullptr},
      {"en",
       "$52.7bn",
       "$52.7bn",
       "52700000000",
       nullptr,
       "USD",
       Qualifier::exact,
       nullptr,
       nullptr},
      {"en",
       "US$1.2 billion",
       "US$1.2 billion",
       "1200000000",
       nullptr,
       "USD",
       Qualifier::exact,
       nullptr,
       nullptr},
      {"fr",
       "mille milliards de yens",
       "mille milliards de yens",
       "1000000000000",
       nullptr,
       "JPY",
       Qualifier::exact,
       nullptr,
       nullptr},
      {"fr",
       "5 billions d'euros",
       "5 billions d'euros",
       "5000000000000",
       nullptr,
       "EUR",
       Qualifier::exact,
       nullptr,
       nullptr},
      {"en",
       "5 billion euros",
       "5 billion euros",
       "5000000000",
       nullptr,
       "EUR",
       Qualifier::exact,
       nullptr,
       nullptr},
      {"fr",
       "deux milliards d'euros",
       "deux milliards d'euros",
       "2000000000",
       nullptr,
       "EUR",
       Qualifier::exact,
       nullptr,
       nullptr},
      {"fr",
       "un demi-milliard d'euros",
       "un demi-milliard d'euros",
       "500000000",
       nullptr,
       "EUR",
       Qualifier::exact,
       nullptr,
       nullptr},
      {"en",
       "a billion dollars",
       "a billion dollars",
       "1000000000",
       nullptr,
       "USD",
       Qualifier::exact,
       nullptr,
       nullptr},
      {"en",
       "half a billion euros",
       "half a billion euros",
       "500000000",
       nullptr,
       "EUR",
       Qualifier::exact,
       nullptr,
       nullptr},
      {"fr",
       "trois cents millions de dollars",
       "trois cents millions de dollars",
       "300000000",
       nullptr,
       "USD",
       Qualifier::exact,
       nullptr,
       nullptr},
      {"fr",
       "entre 2 et 3 milliards d'euros",
       "entre 2 et 3 milliards d'euros",
       "2000000000",
       "3000000000",
       "EUR",
       Qualifier::range,
       nullptr,
       nullptr},
      {"fr",
       "de 2 à 3 milliards d'euros",
       "de 2 à 3 milliards d'euros",
       "2000000000",
       "3000000000",
       "EUR",
       Qualifier::range,
       nullptr,
       nullptr},
      {"en",
       "$1-2 billion",
       "$1-2 billion",
       "1000000000",
       "2000000000",
       "USD",
       Qualifier::range,
       nullptr,
       nullptr},
      {"en",
       "between $1bn and $2bn",
       "between $1bn and $2bn",
       "1000000000",
       "2000000000",
       "USD",
       Qualifier::range,
       nullptr,
       nullptr},
      {"en",
       "US$140,000 to $200,000",
       "US$140,000 to $200,000",
       "140000",
       "200000",
       "USD",
       Qualifier::range,
       nullptr,
       nullptr},
      {"en",
       "¥8 million RMB",
       "¥8 million RMB",
       "8000000",
       nullptr,
       "CNY",
       Qualifier::exact,
       nullptr,
       nullptr},
      {"en",
       "US$ 5 bn USD",
       "US$ 5 bn USD",
       "5000000000",
       nullptr,
       "USD",
       Qualifier::exact,
       nullptr,
       nullptr},
      {"fr",
       "60,06 milliards de yuans (8,2 milliards de dollars)",
       "60,06 milliards de yuans",
       "60060000000",
       nullptr,
       "CNY",
       Qualifier::exact,
       "8200000000",
       "USD"},
      {"en",
       "€3bn ($3.3bn)",
       "€3bn",
       "3000000000",
       nullptr,
       "EUR",
       Qualifier::exact,
       "3300000000",
       "USD"},
      {"en",
       "$8.2 billion (about 60 billion yuan)",
       "$8.2 billion",
       "8200000000",
       nullptr,
       "USD",
       Qualifier::exact,
       "60000000000",
       "CNY"},
      {"fr",
       "environ 3 millions d'euros",
       "environ 3 millions d'euros",
       "3000000",
       nullptr,
       "EUR",
       Qualifier::approx,
       nullptr,
       nullptr},
      {"fr",
       "quelque 3 millions d'euros",
       "quelque 3 millions d'euros",
       "3000000",
       nullptr,
       "EUR",
       Qualifier::approx,
       nullptr,
       nullptr},
      {"fr",
       "autour de 3 millions d'euros",
       "autour de 3 millions d'euros",
       "3000000",
       nullptr,
       "EUR",
       Qualifier::approx,
       nullptr,
       nullptr},
      {"fr",
       "plus de 3 millions d'euros",
       "plus de 3 millions d'euros",
       "3000000",
       nullptr,
       "EUR",
       Qualifier::atleast,
       nullptr,
       nullptr},
      {"fr",
       "au moins 3 millions d'euros",
       "au moins 3 millions d'euros",
       "3000000",
       nullptr,
       "EUR",
       Qualifier::atleast,
       nullptr,
       nullptr},
      {"fr",
       "jusqu'à 3 millions d'euros",
       "jusqu'à 3 millions d'euros",
       "3000000",
       nullptr,
       "EUR",
       Qualifier::upto,
       nullptr,
       nullptr},
      {"fr",
       "moins de 3 millions d'euros",
       "moins de 3 millions d'euros",
       "3000000",
       nullptr,
       "EUR",
       Qualifier::atmost,
       nullptr,
       nullptr},
      {"en",
       "about $3 million",
       "about $3 million",
       "3000000",
       nullptr,
       "USD",
       Qualifier::approx,
       nullptr,
       nullptr},
      {"en",
       "nearly $3 million",
       "nearly $3 million",
       "3000000",
       nullptr,
       "USD",
       Qualifier::approx,
       nullptr,
       nullptr},
      {"en",
       "roughly $3 million",
       "roughly $3 million",
       "3000000",
       nullptr,
       "USD",
       Qualifier::approx,
       nullptr,
       nullptr},
      {"en",
       "more than $3 million",
       "more than $3 million",
       "3000000",
       nullptr,
       "USD",
       Qualifier::atleast,
       nullptr,
       nullptr},
      {"en",
       "over $3 million",
       "over $3 million",
       "3000000",
       nullptr,
       "USD",
       Qualifier::atleast,
       nullptr,
       nullptr},
      {"en",
       "at least $3 million",
       "at least $3 million",
       "3000000",
       nullptr,
       "USD",
       Qualifier::atleast,
       nullptr,
       nullptr},
      {"en",
       "up to $3 million",
       "up to $3 million",
       "3000000",
       nullptr,
       "USD",
       Qualifier::upto,
       nullptr,
       nullptr},
      {"en",
       "as much as $3 million",
       "as much as $3 million",
       "3000000",
       nullptr,
       "USD",
       Qualifier::upto,
       nullptr,
       nullptr},
      {"en",
       "less than $3 million",
       "less than $3 million",
       "3000000",
       nullptr,
       "USD",
       Qualifier::atmost,
       nullptr,
       nullptr},
      {"fr", "12,345 $", "12,345 $", "12.345", nullptr, "USD", Qualifier::exact, nullptr, nullptr},
      {"en",
       "₹76,000 crore",
       "₹76,000 crore",
       "760000000000",
       nullptr,
       "INR",
       Qualifier::exact,
       nullptr,
       nullptr},
      {"en",
       "33 trillion won",
       "33 trillion won",
       "33000000000000",
       nullptr,
       "KRW",
       Qualifier::exact,
       nullptr,
       nullptr},
      {"en",
       "NT$300 billion",
       "NT$300 billion",
       "300000000000",
       nullptr,
       "TWD",
       Qualifier::exact,
       nullptr,
       nullptr},
      {"en",
       "CHF 1.2 billion",
       "CHF 1.2 billion",
       "1200000000",
       nullptr,
       "CHF",
       Qualifier::exact,
       nullptr,
       nullptr},
      {"fr",
       "10 millions de francs suisses",
       "10 millions de francs suisses",
       "10000000",
       nullptr,
       "CHF",
       Qualifier::exact,
       nullptr,
       nullptr},
      {"fr",
       "3 milliards de livres sterling",
       "3 milliards de livres sterling",
       "3000000000",
       nullptr,
       "GBP",
       Qualifier::exact,
       nullptr,
       nullptr},
      {"fr",
       "2 milliards et demi d'euros",
       "2 milliards et demi d'euros",
       "2500000000",
       nullptr,
       "EUR",
       Qualifier::exact,
       nullptr,
       nullptr},
      {"en", "50 cents", "50 cents", "0.5", nullptr, "USD", Qualifier::exact, nullptr, nullptr},
      {"en", "470 pence", "470 pence", "4.7", nullptr, "GBP", Qualifier::exact, nullptr, nullptr},
      {"fr",
       "treize euros et quarante-cinq cents",
       "treize euros et quarante-cinq cents",
       "13.45",
       nullptr,
       "EUR",
       Qualifier::exact,
       nullptr,
       nullptr},
      {"en",
       "5 lakh rupees",
       "5 lakh rupees",
       "500000",
       nullptr,
       "INR",
       Qualifier::exact,
       nullptr,
       nullptr},
  };
  for (const Case& c : cases) {
    CAPTURE(c.text);
    auto found = amounts(c.text, c.lang);
    REQUIRE(found.size() == 1);
    const AmountMention& m = found[0];
    CHECK(m.text == c.mention);
    CHECK(m.value == dec(c.value));
    if (c.max == nullptr) {
      CHECK_FALSE(m.max);
    } else {
      REQUIRE(m.max);
      CHECK(*m.max == dec(c.max));
    }
    CHECK(m.currency == c.currency);
    CHECK(m.qualifier == c.qualifier);
    if (c.equivalent_value == nullptr) {
      CHECK_FALSE(m.equivalent);
    } else {
      REQUIRE(m.equivalent);
      CHECK(m.equivalent->value == dec(c.equivalent_value));
      CHECK(m.equivalent->currency == c.equivalent_currency);
    }
    CHECK(m.rule.rfind(std::string("money.") + c.lang + ".", 0) == 0);
  }
}

TEST_CASE("extract::find_amounts byte spans and rule ids") {
  std::string fr = "Selon Reuters, Pékin a alloué près de 8,5 milliards de dollars en avril.";
  auto a = amounts(fr, "fr");
  REQUIRE(a.size() == 1);
  CHECK(a[0].span == Span{fr.find("près"), fr.find(" en avril")});
  CHECK(a[0].rule == "money.fr.number_scale_currency");

  std::string eq = "Le fonds a 60,06 milliards de yuans (8,2 milliards de dollars) en caisse.";
  auto b = amounts(eq, "fr");
  REQUIRE(b.size() == 1);
  CHECK(b[0].span == Span{eq.find("60,06"), eq.find(" (")});
  REQUIRE(b[0].equivalent);
  CHECK(b[0].equivalent->span == Span{eq.find("8,2"), eq.find(")")});
  CHECK(b[0].equivalent->text == "8,2 milliards de dollars");

  std::string en = "Intel won $8.5bn, and Samsung $6.4 billion.";
  auto c = amounts(en, "en");
  REQUIRE(c.size() == 2);
  CHECK(c[0].span == Span{en.find("$8.5bn"), en.find("$8.5bn") + 6});
  CHECK(c[0].rule == "money.en.symbol_number_scale");
  CHECK(c[1].text == "$6.4 billion");
}

TEST_CASE("extract::find_amounts currency written once for several numbers") {
  struct Case {
    const char* lang;
    const char* text;
    std::vector<std::string> values;
    const char* currency;
  };
  const Case cases[] = {
      {"fr", "93,1 et 71,1 milliards de yuans", {"93100000000", "71100000000"}, "CNY"},
      {"en", "93.1 billion and 71.1 billion yuan", {"93100000000", "71100000000"}, "CNY"},
      {"fr", "2, 3 et 5 millions d'euros", {"2000000", "3000000", "5000000"}, "EUR"},
      {"en", "Intel and TSMC got $8.5 and $6.6 billion.", {"8500000000", "6600000000"}, "USD"},
      {"en", "Banknotes: 5 €, 10 €, 20 €.", {"5", "10", "20"}, "EUR"},
      // a year is never a member of such a list
      {"fr", "En 2023 et 3 millions d'euros", {"3000000"}, "EUR"},
  };
  for (const Case& c : cases) {
    CAPTURE(c.text);
    auto found = amounts(c.text, c.lang);
    REQUIRE(found.size() == c.values.size());
    for (std::size_t i = 0; i < found.size(); ++i) {
      CAPTURE(i);
      CHECK(found[i].value.to_string() == c.values[i]);
      CHECK(found[i].currency == c.currency);
    }
  }
}

TEST_CASE("extract::find_amounts not amounts") {
  const char* fr[] = {
      "La croissance a atteint 27 % en 2024.",
      "L'usine créera 3 000 emplois d'ici 2027.",
      "Le site emploie 1 200 personnes depuis novembre 2022.",
      "Appelez le 01 23 45 67 89.",
      "C'est le 3e plan en près de 10 ans.",
      "Des milliards de dollars ont été promis.",
      "Il a écrit 3 000 livres.",
      "Le groupe vise 12 M de clients.",
      "Les 27 pays membres ont voté.",
  };
  for (const char* t : fr) {
    CAPTURE(t);
    CHECK(amounts(t, "fr").empty());
  }
  const char* en[] = {
      "The plant will hire 10,000 engineers.",
      "Revenue grew 8 percent in 2024.",
      "He weighed 10 pounds.",
      "Samsung won 5 contracts.",
      "The 3rd plan in 10 years, a 5 m wall.",
      "Call +1 212 555 0100.",
      "Billions of dollars were promised.",
      "a $ sign alone and 42 dollars' worth",
  };
  for (const char* t : en) {
    CAPTURE(t);
    auto found = amounts(t, "en");
    if (std::string(t).find("42 dollars") != std::string::npos) {
      REQUIRE(found.size() == 1); // the last one is money: check it is the only one
      CHECK(found[0].text == "42 dollars");
    } else {
      CHECK(found.empty());
    }
  }
}

TEST_CASE("extract::find_amounts context rules applied") {
  std::string cn = "La Chine soutient ses puces: ¥8 milliards pour Pékin.";
  auto a = fx::find_amounts(cn, fx::money_context_for(cn, "fr", ""));
  REQUIRE(a.size() == 1);
  CHECK(a[0].currency == "CNY");
  std::string jp = "Tokyo backs Rapidus with ¥920 billion.";
  auto b = fx::find_amounts(jp, fx::money_context_for(jp, "en", ""));
  REQUIRE(b.size() == 1);
  CHECK(b[0].currency == "JPY");
  std::string ca = "Le Québec investit 500 millions de dollars. Ottawa ajoute 200 millions de $.";
  auto c = fx::find_amounts(ca, fx::money_context_for(ca, "fr", ""));
  REQUIRE(c.size() == 2);
  CHECK(c[0].currency == "CAD");
  CHECK(c[1].currency == "CAD");
  std::string uk = "London pledged 3 million pounds.";
  auto d = fx::find_amounts(uk, fx::money_context_for(uk, "en", ""));
  REQUIRE(d.size() == 1);
  CHECK(d[0].currency == "GBP");
}

TEST_CASE("extract::find_amounts pathological input stays bounded") {
  // A long run of currency signs, of spaces and of digits: nothing, and no hang.
  std::string signs(2'000'000, '$');
  CHECK(fx::find_amounts(signs, ctx("en")).empty());
  std::string spaced = "$" + std::string(1'000'000, ' ') + "5 dollars";
  auto s = fx::find_amounts(spaced, ctx("en"));
  REQUIRE(s.size() == 1);
  CHECK(s[0].text == "5 dollars");
  std::string digits = std::string(3'000'000, '9') + " dollars";
  CHECK(fx::find_amounts(digits, ctx("en")).empty());
  std::string euros;
  for (int i = 0; i < 100000; ++i) {
    euros += "€€ 1 € ";
  }
  auto e = fx::find_amounts(euros, ctx("fr"));
  CHECK(e.size() == 100000);
  CHECK(e.back().value == dec("1"));
}

TEST_CASE("extract::find_amounts drops overflowing values") {
  // 9e9 * 1e9 * 1e9 does not fit: the mention is dropped, never given a wrong value.
  CHECK(amounts("9 000 000 000 milliards de milliards d'euros", "fr").empty());
  CHECK(amounts("$99999999999999999999 billion", "en").empty());
  auto ok = amounts("9 milliards d'euros", "fr");
  REQUIRE(ok.size() == 1);
  CHECK(ok[0].value == dec("9000000000"));
}

TEST_SUITE_END();
