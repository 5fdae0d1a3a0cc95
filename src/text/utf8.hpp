#pragma once

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace factledger::text {

// The eight bytes at `bytes` as one word, in host order (the first byte lowest on x86-64): for
// loops that test eight bytes of text at once.
inline std::uint64_t load8(const char* bytes) {
  std::uint64_t w = 0;
  std::memcpy(&w, bytes, 8);
  return w;
}

// Result of making a byte string valid UTF-8.
struct Utf8Repair {
  std::string text;          // valid UTF-8; each invalid byte replaced by U+FFFD
  std::size_t replaced = 0;  // how many bytes were replaced
  std::size_t first_bad = 0; // byte offset of the first invalid byte (when replaced > 0)
};

// Replace every byte that is not part of a well-formed UTF-8 sequence with U+FFFD.
Utf8Repair repair_utf8(std::string_view bytes);
// The same, taking ownership: valid input (the common case) is moved through without a copy.
Utf8Repair repair_utf8_owned(std::string&& bytes);

// True when `bytes` looks like a binary file rather than text: a NUL byte, or many control
// characters, in its first 8 KiB.
bool looks_binary(std::string_view bytes);

// Transcode Windows-1252 (a superset of Latin-1's printable range) to UTF-8.
std::string cp1252_to_utf8(std::string_view bytes);

// Maps byte offsets of a UTF-8 text to code-point offsets, as output formats and SQLite's
// substr() count. Built once per article in O(n); lookups are O(log n).
class CodepointIndex {
public:
  explicit CodepointIndex(std::string_view text);
  // REQUIRES: `byte_offset` is at a code-point boundary and <= text size.
  std::size_t to_codepoint(std::size_t byte_offset) const;

private:
  // Code points before each block of k_block bytes; the rest is counted on the fly.
  static constexpr std::size_t k_block = 64;
  std::vector<std::size_t> m_block_start;
  std::string_view m_text;
};

// Number of code points in valid UTF-8.
std::size_t codepoint_count(std::string_view text);

// Lower-case a UTF-8 string (Unicode-aware, via utf8proc). Invalid bytes are copied as is.
std::string to_lower(std::string_view text);

// ASCII letters lower-cased, every other byte as is (keywords, URL schemes and hosts, charsets).
std::string ascii_lower(std::string_view text);

// Append `text` lower-cased code point by code point (simple mapping, no allocation: "É" -> "é",
// "ß" stays) to `out`; invalid bytes are copied as is.
void append_lower(std::string_view text, std::string& out);

// Strip diacritics and lower-case ("Pékin" -> "pekin"), for lexicon look-ups.
std::string fold(std::string_view text);

} // namespace factledger::text
