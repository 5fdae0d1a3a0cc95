#pragma once

#include "model/mention.hpp"

#include <string>
#include <string_view>
#include <vector>

namespace factledger::extract {

// What an article's context says about ambiguous currency marks.
struct MoneyContext {
  std::string lang = "en";    // "fr" or "en": decides number shapes and "billion" (1e9 / 1e12)
  std::string dollar = "USD"; // ISO code of a bare "$" / "dollars"
  std::string yen = "JPY";    // ISO code of a bare "¥" (CNY in articles about China)
  bool british = false;       // the article is about the UK: bare "livres"/"pounds" are money
};

// Derive the context from the article's text, language and outlet (`source`, e.g. a Canadian
// outlet makes a bare "$" CAD). See the rules documented in money_context.cpp.
MoneyContext
money_context_for(std::string_view text, std::string_view lang, std::string_view source);

// What the outlet alone says (rules D1 and B1 of money_context.cpp): its dollar (empty when it
// names none) and whether it is British.
struct OutletContext {
  std::string_view dollar;
  bool british = false;
};
OutletContext outlet_context(std::string_view source);

struct PlaceCue;
// The same from the place cues already found in the text (find_place_cues).
MoneyContext money_context_from(const std::vector<PlaceCue>& cues,
                                std::string_view lang,
                                std::string_view source);

// Every monetary amount in `text` (valid UTF-8), in text order, non-overlapping.
// Pure: no I/O, no global state besides rules compiled once.
std::vector<AmountMention> find_amounts(std::string_view text, const MoneyContext& context);

// The same, deriving the context (money_context_for) only when an amount needs it: most
// amounts carry an explicit currency, and the context costs a scan of the text.
std::vector<AmountMention>
find_amounts(std::string_view text, std::string_view lang, std::string_view source);

} // namespace factledger::extract
