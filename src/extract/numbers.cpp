#include "extract/numbers.hpp"

#include "extract/text_scan.hpp"

#include <algorithm>
#include <array>

namespace factledger::extract {

namespace {

using scan::is_digit;

constexpr std::size_t k_max_digits = 40;

// Length of the run of digits at `pos` (capped just above k_max_digits, then skipped to its
// end by the caller).
std::size_t digit_run(std::string_view t, std::size_t pos) {
  std::size_t i = pos;
  while (i < t.size() && is_digit(t[i])) {
    ++i;
  }
  return i - pos;
}

// Bytes of a thousands separator of kind `sep` at `pos`: ',', '.', '\'' (or U+2019), or ' '
// for any of the whitespace characters (one only).
std::size_t separator_at(std::string_view t, std::size_t pos, char sep) {
  if (pos >= t.size()) {
    return 0;
  }
  switch (sep) {
  case ',':
  case '.':
    return t[pos] == sep ? 1 : 0;
  case '\'':
    return scan::apostrophe_at(t, pos);
  case ' ': {
    // '\n' never groups digits: a line may end with a number and the next begin with one.
    char c = t[pos];
    if (c == '\n' || c == '\r' || c == '\t') {
      return 0;
    }
    return scan::whitespace_at(t, pos);
  }
  default:
    return 0;
  }
}

// Is there a group of exactly `n` digits at `pos`, not followed by another digit?
bool group_at(std::string_view t, std::size_t pos, std::size_t n) {
  return digit_run(t, pos) == n;
}

} // namespace

DigitNumber parse_digit_number(std::string_view t, std::size_t pos, bool french) {
  DigitNumber out;
  // ASCII digits with at most one '.', for Decimal::parse; on the stack (called per candidate).
  struct Digits {
    char buf[2 * k_max_digits + 8];
    std::size_t n = 0;
    void append(std::string_view s) {
      std::size_t k = std::min(s.size(), sizeof buf - n);
      std::copy_n(s.data(), k, buf + n);
      n += k;
    }
    void push_back(char c) { append(std::string_view(&c, 1)); }
    std::size_t size() const { return n; }
    operator std::string_view() const { return {buf, n}; }
  } digits;

  std::size_t first = digit_run(t, pos);
  std::size_t i = pos + first;
  out.end = i;
  if (first > k_max_digits) {
    return out;
  }
  digits.append(t.substr(pos, first));
  out.int_digits = static_cast<int>(first);

  // Thousands grouping: find the separator kind from the first separator that is followed by
  // a group of three digits (or two, for Indian lakh grouping), then require it throughout.
  char sep = 0;
  if (first <= 3) {
    static constexpr std::array<char, 4> k_kinds = {',', '.', '\'', ' '};
    for (char kind : k_kinds) {
      std::size_t s = separator_at(t, i, kind);
      if (s == 0) {
        continue;
      }
      if (kind == '.' && !french) {
        continue; // a decimal point in English
      }
      if (kind == ',' && french) {
        // "1,000,000" (two comma groups) is English grouping even in French text.
        bool two_groups =
            group_at(t, i + 1, 3) && separator_at(t, i + 4, ',') == 1 && group_at(t, i + 5, 3);
        if (!two_groups) {
          continue;
        }
      }
      if (group_at(t, i + s, 3)) {
        sep = kind;
      } else if (kind == ',' && !french && first <= 2 && group_at(t, i + 1, 2)
                 && separator_at(t, i + 3, ',') == 1) {
        sep = 'i'; // Indian: 12,34,567
      }
      break;
    }
  }
  if (sep == 'i') {
    // Two-digit groups, then one final three-digit group.
    while (separator_at(t, i, ',') == 1 && group_at(t, i + 1, 2)) {
      digits.append(t.substr(i + 1, 2));
      i += 3;
    }
    if (separator_at(t, i, ',') == 1 && group_at(t, i + 1, 3)) {
      digits.append(t.substr(i + 1, 3));
      i += 4;
      out.grouped = true;
    } else {
      out.end = i;
      return out; // malformed Indian grouping
    }
  } else if (sep != 0) {
    for (;;) {
      std::size_t s = separator_at(t, i, sep);
      if (s == 0 || !group_at(t, i + s, 3)) {
        break;
      }
      digits.append(t.substr(i + s, 3));
      i += s + 3;
      out.grouped = true;
      if (digits.size() > k_max_digits) {
        out.end = i;
        return out;
      }
    }
  }
  out.int_digits = static_cast<int>(digits.size());

  // Decimal part.
  char decimal = french ? ',' : '.';
  auto take_fraction = [&](std::size_t at) {
    std::size_t n = digit_run(t, at + 1);
    if (n == 0 || n > k_max_digits) {
      return false;
    }
    digits.push_back('.');
    digits.append(t.substr(at + 1, n));
    i = at + 1 + n;
    out.has_fraction = true;
    return true;
  };
  if (i < t.size() && t[i] == decimal && sep != decimal) {
    take_fraction(i);
  } else if (french && sep != '.' && sep != ',' && i < t.size() && t[i] == '.'
             && !group_at(t, i + 1, 3)) {
    // "8.5 milliards" in French text: a point followed by other than three digits.
    take_fraction(i);
  } else if (french && sep == '.' && i < t.size() && t[i] == ',') {
    take_fraction(i); // "125.000,50"
  }
  out.end = i;
  if (i < t.size() && is_digit(t[i])) {
    return out; // ran into more digits (over-long run)
  }
  out.value = Decimal::parse(digits);
  return out;
}

} // namespace factledger::extract
