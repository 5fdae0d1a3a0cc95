#pragma once

#include <cstddef>
#include <optional>
#include <string_view>

namespace factledger::extract {

// A scale word or abbreviation after a number: "milliards", "bn", "M", "lakh".
struct ScaleMatch {
  int exponent = 0;    // power of ten: 9 for "milliard"
  std::size_t end = 0; // end of the scale in the text
  bool needs_currency_after =
      false; // a spaced "M"/"k"/"Md" counts only before a currency ("12 M€")
};

// The scale at `pos`, for a number that ends right before it (`attached`: no space between,
// as in "52.7bn"). "billion" is 1e9 in English and 1e12 in French; "trillion" 1e12 in English
// and 1e18 in French (long scale). Two scale words multiply: "mille milliards" is 1e12.
// See k_scales in scale_words.cpp.
std::optional<ScaleMatch>
match_scale(std::string_view text, std::size_t pos, bool french, bool attached);

// Is there a scale word (full word, not an abbreviation) at `pos`? For the window start skip.
bool is_scale_word_at(std::string_view text, std::size_t pos, bool french);

} // namespace factledger::extract
