#pragma once

// Small byte-level scanning helpers shared by the money rules. Everything works on valid
// UTF-8 and never allocates: the extractor calls them at every candidate position.

#include <cstddef>
#include <cstdint>
#include <string_view>

namespace factledger::extract::scan {

inline constexpr std::size_t k_npos = std::string_view::npos;

inline bool is_digit(char c) {
  return c >= '0' && c <= '9';
}
inline bool is_ascii_alpha(char c) {
  return (c | 0x20) >= 'a' && (c | 0x20) <= 'z';
}
inline char ascii_lower(char c) {
  return (c >= 'A' && c <= 'Z') ? static_cast<char>(c | 0x20) : c;
}

// Code point starting at `pos` and its length in bytes (1 for a stray byte).
struct Cp {
  char32_t cp = 0;
  std::size_t len = 0;
};

inline Cp decode_at(std::string_view t, std::size_t pos) {
  if (pos >= t.size()) {
    return {};
  }
  auto b = static_cast<unsigned char>(t[pos]);
  if (b < 0x80) {
    return {b, 1};
  }
  std::size_t n = b >= 0xF0 ? 4 : b >= 0xE0 ? 3 : b >= 0xC0 ? 2 : 1;
  if (n == 1 || pos + n > t.size()) {
    return {b, 1};
  }
  char32_t cp = b & (0x3F >> (n - 1));
  for (std::size_t i = 1; i < n; ++i) {
    cp = (cp << 6) | (static_cast<unsigned char>(t[pos + i]) & 0x3F);
  }
  return {cp, n};
}

// Start of the code point that ends right before `pos` (pos itself when pos == 0).
inline std::size_t prev_start(std::string_view t, std::size_t pos) {
  if (pos == 0) {
    return 0;
  }
  std::size_t p = pos - 1;
  for (int i = 0; i < 3 && p > 0 && (static_cast<unsigned char>(t[p]) & 0xC0) == 0x80; ++i) {
    --p;
  }
  return p;
}

// Letters of the scripts news text uses (Latin with diacritics, Greek, Cyrillic, Indic...);
// currency signs, punctuation and CJK ideographs are not letters here.
inline bool is_letter_cp(char32_t cp) {
  if (cp < 0x80) {
    return is_ascii_alpha(static_cast<char>(cp));
  }
  if (cp == 0xD7 || cp == 0xF7) {
    return false;
  }
  return (cp >= 0xC0 && cp <= 0x2AF) || (cp >= 0x370 && cp <= 0x1FFF);
}

inline bool letter_at(std::string_view t, std::size_t pos) {
  return pos < t.size() && is_letter_cp(decode_at(t, pos).cp);
}

inline bool letter_before(std::string_view t, std::size_t pos) {
  return pos > 0 && is_letter_cp(decode_at(t, prev_start(t, pos)).cp);
}

inline bool alnum_before(std::string_view t, std::size_t pos) {
  return pos > 0 && (is_digit(t[pos - 1]) || letter_before(t, pos));
}

// Bytes of the whitespace character at `pos` (space, tab, newline, no-break space U+00A0,
// figure space U+2007, thin space U+2009, narrow no-break space U+202F), else 0.
inline std::size_t whitespace_at(std::string_view t, std::size_t pos) {
  if (pos >= t.size()) {
    return 0;
  }
  char c = t[pos];
  if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
    return 1;
  }
  if (c == '\xC2' && pos + 1 < t.size() && t[pos + 1] == '\xA0') {
    return 2;
  }
  if (c == '\xE2' && pos + 2 < t.size() && t[pos + 1] == '\x80') {
    char d = t[pos + 2];
    if (d == '\x87' || d == '\x89' || d == '\xAF') {
      return 3;
    }
  }
  return 0;
}

// Skip at most `max_chars` whitespace characters: bounded so that a run of a million spaces
// costs a constant per candidate position.
inline std::size_t skip_ws(std::string_view t, std::size_t pos, int max_chars = 4) {
  for (int n = 0; n < max_chars; ++n) {
    std::size_t w = whitespace_at(t, pos);
    if (w == 0) {
      break;
    }
    pos += w;
  }
  return pos;
}

// Bytes of an apostrophe (' or U+2019) at `pos`, else 0.
inline std::size_t apostrophe_at(std::string_view t, std::size_t pos) {
  if (pos < t.size() && t[pos] == '\'') {
    return 1;
  }
  if (t.substr(pos, 3) == "\xE2\x80\x99") {
    return 3;
  }
  return 0;
}

// Bytes of a dash usable in ranges ("-", U+2013 en dash, U+2014 em dash) at `pos`, else 0.
inline std::size_t dash_at(std::string_view t, std::size_t pos) {
  if (pos < t.size() && t[pos] == '-') {
    return 1;
  }
  if (t.substr(pos, 3) == "\xE2\x80\x93" || t.substr(pos, 3) == "\xE2\x80\x94") {
    return 3;
  }
  return 0;
}

// Does the form end with a letter (so that the text must not go on with one)?
inline bool ends_with_letter(std::string_view form) {
  if (form.empty()) {
    return false;
  }
  return is_letter_cp(decode_at(form, prev_start(form, form.size())).cp);
}

// Match the lower-case `form` at `pos`, case-insensitively for ASCII. In the form, ' ' means
// "0 to 3 whitespace characters" and '\'' means an apostrophe (' or U+2019). A form ending
// with a letter must not be followed by a letter, nor by an apostrophe and a letter ("$ c"
// does not match "$ c'est"). Returns the end of the match or k_npos.
inline std::size_t match_form(std::string_view t, std::size_t pos, std::string_view form) {
  std::size_t i = pos;
  for (char f : form) {
    if (f == ' ') {
      i = skip_ws(t, i, 3);
      continue;
    }
    if (f == '\'') {
      std::size_t a = apostrophe_at(t, i);
      if (a == 0) {
        return k_npos;
      }
      i += a;
      continue;
    }
    if (i >= t.size() || ascii_lower(t[i]) != f) {
      return k_npos;
    }
    ++i;
  }
  if (ends_with_letter(form) && form.back() != '\'') {
    if (letter_at(t, i)) {
      return k_npos;
    }
    std::size_t a = apostrophe_at(t, i);
    if (a != 0 && letter_at(t, i + a)) {
      return k_npos;
    }
  }
  return i;
}

// The word (letters only) at `pos`, lower-cased (ASCII) into `buf`; empty when none or when
// longer than the buffer. `end` receives the end of the word in the text.
inline std::string_view
word_at(std::string_view t, std::size_t pos, char* buf, std::size_t cap, std::size_t& end) {
  std::size_t i = pos;
  std::size_t n = 0;
  while (i < t.size()) {
    Cp c = decode_at(t, i);
    if (!is_letter_cp(c.cp)) {
      break;
    }
    if (n + c.len > cap) {
      end = i;
      return {};
    }
    for (std::size_t k = 0; k < c.len; ++k) {
      buf[n++] = ascii_lower(t[i + k]);
    }
    i += c.len;
  }
  end = i;
  return {buf, n};
}

} // namespace factledger::extract::scan
