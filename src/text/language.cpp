#include "text/language.hpp"

#include <algorithm>
#include <array>

namespace factledger::text {

namespace {

// Frequent function words that are rare in the other language.
constexpr std::array<std::string_view, 24> k_french = {
    "le",  "la", "les", "des",  "du",  "une", "et",   "est",   "dans", "pour", "que", "qui",
    "sur", "au", "aux", "avec", "par", "ont", "sont", "cette", "mais", "plus", "ses", "leur"};
constexpr std::array<std::string_view, 24> k_english = {
    "the", "and",  "of",   "to",   "is",    "in",   "for", "that", "with", "on",   "was",  "by",
    "are", "from", "this", "have", "which", "will", "has", "its",  "were", "said", "been", "their"};

bool is_word_byte(unsigned char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c >= 0x80;
}

} // namespace

std::string detect_language(std::string_view text, std::string_view fallback) {
  text = text.substr(0, 20000);
  int fr = 0;
  int en = 0;
  std::size_t i = 0;
  char word[8];
  while (i < text.size()) {
    while (i < text.size() && !is_word_byte(static_cast<unsigned char>(text[i]))) {
      ++i;
    }
    std::size_t start = i;
    while (i < text.size() && is_word_byte(static_cast<unsigned char>(text[i]))) {
      ++i;
    }
    std::size_t len = i - start;
    if (len == 0 || len > sizeof word) {
      continue;
    }
    for (std::size_t k = 0; k < len; ++k) {
      char c = text[start + k];
      word[k] = c >= 'A' && c <= 'Z' ? static_cast<char>(c + 32) : c;
    }
    std::string_view w(word, len);
    if (std::find(k_french.begin(), k_french.end(), w) != k_french.end()) {
      ++fr;
    } else if (std::find(k_english.begin(), k_english.end(), w) != k_english.end()) {
      ++en;
    }
  }
  if (fr == en) {
    return std::string(fallback);
  }
  return fr > en ? "fr" : "en";
}

} // namespace factledger::text
