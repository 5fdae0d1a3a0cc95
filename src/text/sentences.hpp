#pragma once

#include "model/span.hpp"

#include <string_view>
#include <vector>

namespace factledger::text {

// Split a text into sentences (byte spans, trimmed of surrounding white space). A sentence ends
// at '.', '!', '?' or '…' followed by white space and an upper-case letter, a digit, a quote or
// a bullet, or at a blank line. Abbreviations ("M.", "Mr.", "Dr.", "U.S.", "etc.") and decimals
// ("8.5") do not end a sentence.
std::vector<Span> split_sentences(std::string_view text);

// The same into `out` (cleared first), so that a caller splitting many texts keeps one buffer.
void split_sentences(std::string_view text, std::vector<Span>& out);

// Paragraphs: spans separated by one or more blank lines (or single newlines, since extracted
// article text puts one paragraph per line).
std::vector<Span> split_paragraphs(std::string_view text);

} // namespace factledger::text
