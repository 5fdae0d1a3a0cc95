#pragma once

#include "model/span.hpp"

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string_view>
#include <vector>

namespace factledger::extract {

// Rule L1 (money_context.cpp): the dollar that the sentence around byte `pos` names by its
// place words ("Ottawa will offer $13.2 billion" -> CAD, "Taiwan's cabinet approved $300
// billion" -> TWD, "Washington ..." -> USD), or nullopt when the sentence says nothing, so
// that the article's context decides.
std::optional<std::string_view> sentence_dollar(std::string_view text, std::size_t pos);

// Where the place cue words of a text are (one scan), for money_context_from() and
// sentence_dollar() to count them without scanning again.
struct PlaceCue {
  std::size_t begin = 0; // byte offsets in the text
  std::size_t end = 0;
  std::uint8_t place = 0;
  std::uint8_t weight = 1;
};
std::vector<PlaceCue> find_place_cues(std::string_view text);
// The cues inside `within`, the rest of `text` being their context (a word cut at an edge of
// `within` is not a cue).
std::vector<PlaceCue> find_place_cues(std::string_view text, Span within);

// sentence_dollar() counting the cues already found in the whole `text`.
std::optional<std::string_view>
sentence_dollar(std::string_view text, std::size_t pos, const std::vector<PlaceCue>& cues);

} // namespace factledger::extract
