#pragma once

#include "model/decimal.hpp"

#include <cstddef>
#include <optional>
#include <string_view>

namespace factledger::extract {

// A number written with digits, as found at some position of a text.
struct DigitNumber {
  std::optional<Decimal> value; // unset when the shape is invalid or the value overflows
  std::size_t end = 0;          // end of what was read (the whole digit run even when invalid)
  bool has_fraction = false;    // a decimal part was written ("8,5", "3.14")
  bool grouped = false;         // thousands separators were used ("3 000", "1,000")
  int int_digits = 0;           // digits before the decimal separator
};

// Read the number whose first digit is at `pos`, by the conventions of the language:
//   French: decimal comma ("8,5"), thousands by space / U+00A0 / U+202F / U+2009, dot ("3.000")
//           or apostrophe ("1'000"); "12,345" is 12.345.
//   English: decimal point, thousands by comma ("3,000"), the spaces above or apostrophe;
//            Indian grouping "12,34,567.89"; "1,5" stops at "1".
// A dot followed by exactly three digits groups thousands in French and is a decimal point
// otherwise. A thousands group is exactly three digits, and the first group at most three.
// A digit run longer than 40 digits is invalid (read to its end in linear time, never a
// wrong value). REQUIRES: `pos` < text size and text[pos] is a digit.
DigitNumber parse_digit_number(std::string_view text, std::size_t pos, bool french);

} // namespace factledger::extract
