#pragma once

#include <cstddef>
#include <optional>
#include <string_view>

namespace factledger::extract {

// Rule L1 (money_context.cpp): the dollar that the sentence around byte `pos` names by its
// place words ("Ottawa will offer $13.2 billion" -> CAD, "Taiwan's cabinet approved $300
// billion" -> TWD, "Washington ..." -> USD), or nullopt when the sentence says nothing, so
// that the article's context decides.
std::optional<std::string_view> sentence_dollar(std::string_view text, std::size_t pos);

} // namespace factledger::extract
