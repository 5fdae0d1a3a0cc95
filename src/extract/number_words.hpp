#pragma once

#include "model/decimal.hpp"

#include <cstddef>
#include <optional>
#include <string_view>
#include <vector>

namespace factledger::extract {

// A number spelled out in words: "trois cents", "quatre-vingt-dix", "forty-two",
// "a hundred and five", "un demi", "half a", "three quarters".
struct SpelledNumber {
  Decimal value;
  std::size_t end = 0;
  bool article_only = false; // only "a"/"an"/"un"/"une": one, if a scale or currency name follows
  bool needs_scale = false;  // a fraction ("half a", "un demi-"): counts only before a scale
};

// Options for parse_number_words.
enum class CentsWord { hundred, stop }; // French "cents": the hundreds, or a minor unit to stop at

// The spelled-out number starting at `pos` (below a million; scale words such as "millions"
// are left to the caller), or nullopt. Words may be joined by spaces or hyphens, and by
// "et"/"and" where the language puts them ("vingt et un", "one hundred and five").
std::optional<SpelledNumber> parse_number_words(std::string_view text,
                                                std::size_t pos,
                                                bool french,
                                                CentsWord cents = CentsWord::hundred);

// Every number word of the language (lower case), for the extractor's starter table.
std::vector<std::string_view> number_word_list(bool french);

// Is the word at `pos` a number word of the language (for the window start skip)?
bool is_number_word_at(std::string_view text, std::size_t pos, bool french);

} // namespace factledger::extract
