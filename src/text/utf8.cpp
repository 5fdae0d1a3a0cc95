#include "text/utf8.hpp"

#include <utf8proc.h>

#include <algorithm>
#include <bit>
#include <cstdint>
#include <cstdlib>
#include <cstring>

namespace factledger::text {

namespace {

// Length of the well-formed sequence starting at `i`, or 0 when it is ill-formed.
std::size_t valid_sequence_length(std::string_view s, std::size_t i) {
  auto b = static_cast<unsigned char>(s[i]);
  if (b < 0x80) {
    return 1;
  }
  utf8proc_int32_t cp = 0;
  auto n = utf8proc_iterate(reinterpret_cast<const utf8proc_uint8_t*>(s.data() + i),
                            static_cast<utf8proc_ssize_t>(s.size() - i),
                            &cp);
  return n > 0 ? static_cast<std::size_t>(n) : 0;
}

} // namespace

Utf8Repair repair_utf8(std::string_view bytes) {
  Utf8Repair out;
  out.text.reserve(bytes.size());
  std::size_t i = 0;
  while (i < bytes.size()) {
    // Fast path over ASCII runs.
    std::size_t j = i;
    while (j < bytes.size() && static_cast<unsigned char>(bytes[j]) < 0x80) {
      ++j;
    }
    out.text.append(bytes.data() + i, j - i);
    i = j;
    if (i >= bytes.size()) {
      break;
    }
    std::size_t n = valid_sequence_length(bytes, i);
    if (n == 0) {
      if (out.replaced == 0) {
        out.first_bad = i;
      }
      ++out.replaced;
      out.text.append("\xEF\xBF\xBD");
      ++i;
    } else {
      out.text.append(bytes.data() + i, n);
      i += n;
    }
  }
  return out;
}

Utf8Repair repair_utf8_owned(std::string&& bytes) {
  std::string_view view(bytes);
  for (std::size_t i = 0; i < view.size();) {
    if (static_cast<unsigned char>(view[i]) < 0x80) {
      ++i;
      continue;
    }
    std::size_t n = valid_sequence_length(view, i);
    if (n == 0) {
      return repair_utf8(view); // something to replace: copy
    }
    i += n;
  }
  Utf8Repair out;
  out.text = std::move(bytes);
  return out;
}

bool looks_binary(std::string_view bytes) {
  auto head = bytes.substr(0, 8192);
  std::size_t control = 0;
  for (char c : head) {
    auto b = static_cast<unsigned char>(c);
    if (b == 0) {
      return true;
    }
    if (b < 0x20 && b != '\n' && b != '\r' && b != '\t' && b != '\f') {
      ++control;
    }
  }
  return !head.empty() && control * 20 > head.size();
}

std::string cp1252_to_utf8(std::string_view bytes) {
  // 0x80..0x9F differ from Latin-1; 0 marks bytes undefined in Windows-1252.
  static constexpr char32_t k_c1[32] = {
      0x20AC, 0,      0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160,
      0x2039, 0x0152, 0,      0x017D, 0,      0,      0x2018, 0x2019, 0x201C, 0x201D, 0x2022,
      0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0,      0x017E, 0x0178};
  std::string out;
  out.reserve(bytes.size() + bytes.size() / 8);
  for (char c : bytes) {
    auto b = static_cast<unsigned char>(c);
    char32_t cp = b;
    if (b >= 0x80 && b < 0xA0) {
      cp = k_c1[b - 0x80] ? k_c1[b - 0x80] : 0xFFFD;
    }
    utf8proc_uint8_t buf[4];
    auto n = utf8proc_encode_char(static_cast<utf8proc_int32_t>(cp), buf);
    out.append(reinterpret_cast<const char*>(buf), static_cast<std::size_t>(n));
  }
  return out;
}

namespace {

// One at bit 0 of each byte of `w` that is a UTF-8 continuation byte (10xxxxxx): bit 7 set,
// bit 6 clear.
constexpr std::uint64_t continuation_ones(std::uint64_t w) {
  return (w & ~(w << 1) & 0x8080808080808080ULL) >> 7;
}

// Sum of the eight bytes of `counts` (REQUIRES: the sum is below 256), by a multiply.
constexpr std::size_t byte_sum(std::uint64_t counts) {
  return static_cast<std::size_t>((counts * 0x0101010101010101ULL) >> 56);
}

// Continuation bytes in the `words` 8-byte words at `bytes` (REQUIRES: words <= 31): per-byte
// counts are added (at most 31 each, 248 in all, so the total fits a byte) before one multiply
// sums them.
std::size_t continuations_in_words(const char* bytes, std::size_t words) {
  std::uint64_t counts = 0;
  for (std::size_t k = 0; k < words; ++k) {
    counts += continuation_ones(load8(bytes + 8 * k));
  }
  return byte_sum(counts);
}

// Code points that start in `bytes` (bytes that are not continuation bytes), eight bytes at a
// time.
std::size_t count_starts(const char* bytes, std::size_t n) {
  std::size_t count = n;
  std::size_t i = 0;
  while (i + 8 <= n) {
    std::size_t words = std::min<std::size_t>((n - i) / 8, 31);
    count -= continuations_in_words(bytes + i, words);
    i += 8 * words;
  }
  for (; i < n; ++i) {
    count -= (static_cast<unsigned char>(bytes[i]) & 0xC0) == 0x80 ? 1 : 0;
  }
  return count;
}

} // namespace

CodepointIndex::CodepointIndex(std::string_view text) : m_text(text) {
  static_assert(k_block % 8 == 0 && k_block / 8 <= 31);
  std::size_t blocks = text.size() / k_block + 1;
  m_block_start.resize(blocks);
  std::size_t count = 0;
  for (std::size_t b = 0; b + 1 < blocks; ++b) {
    m_block_start[b] = count;
    count += k_block - continuations_in_words(text.data() + b * k_block, k_block / 8);
  }
  m_block_start[blocks - 1] = count; // the last block is partial (maybe empty): counted on demand
}

std::size_t CodepointIndex::to_codepoint(std::size_t byte_offset) const {
  byte_offset = std::min(byte_offset, m_text.size());
  std::size_t b = byte_offset / k_block;
  const char* begin = m_text.data() + b * k_block;
  std::size_t n = byte_offset - b * k_block;
  std::size_t words = n / 8;
  std::size_t tail = n % 8;
  std::size_t count = m_block_start[b] + n - continuations_in_words(begin, words);
  if (tail == 0) {
    return count;
  }
  if (b * k_block + 8 * words + 8 > m_text.size()) {
    return count - (tail - count_starts(begin + 8 * words, tail));
  }
  // The last partial word is read whole (the text goes on) and its bytes past the offset masked.
  static_assert(std::endian::native == std::endian::little, "the first byte is the lowest");
  std::uint64_t last = load8(begin + 8 * words) & ((1ULL << (8 * tail)) - 1);
  return count - byte_sum(continuation_ones(last));
}

std::size_t codepoint_count(std::string_view text) {
  return count_starts(text.data(), text.size());
}

namespace {

std::string map_utf8(std::string_view text, int options) {
  utf8proc_uint8_t* out = nullptr;
  auto n = utf8proc_map(reinterpret_cast<const utf8proc_uint8_t*>(text.data()),
                        static_cast<utf8proc_ssize_t>(text.size()),
                        &out,
                        static_cast<utf8proc_option_t>(options));
  if (n < 0) {
    return std::string(text);
  }
  std::string result(reinterpret_cast<char*>(out), static_cast<std::size_t>(n));
  std::free(out);
  return result;
}

} // namespace

std::string to_lower(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  bool ascii = std::all_of(
      text.begin(), text.end(), [](char c) { return static_cast<unsigned char>(c) < 0x80; });
  if (ascii) {
    for (char c : text) {
      out.push_back(c >= 'A' && c <= 'Z' ? static_cast<char>(c + 32) : c);
    }
    return out;
  }
  return map_utf8(text, UTF8PROC_CASEFOLD);
}

void append_lower(std::string_view word, std::string& out) {
  // The ASCII prefix (usually the whole word): appended at once, then lower-cased in place.
  std::size_t i = 0;
  while (i < word.size() && static_cast<unsigned char>(word[i]) < 0x80) {
    ++i;
  }
  std::size_t from = out.size();
  out.append(word.data(), i);
  for (std::size_t k = from; k < out.size(); ++k) {
    if (out[k] >= 'A' && out[k] <= 'Z') {
      out[k] = static_cast<char>(out[k] + 32);
    }
  }
  while (i < word.size()) {
    auto c = static_cast<unsigned char>(word[i]);
    if (c < 0x80) {
      out.push_back(c >= 'A' && c <= 'Z' ? static_cast<char>(c + 32) : static_cast<char>(c));
      ++i;
      continue;
    }
    utf8proc_int32_t cp = 0;
    auto n = utf8proc_iterate(reinterpret_cast<const utf8proc_uint8_t*>(word.data() + i),
                              static_cast<utf8proc_ssize_t>(word.size() - i),
                              &cp);
    if (n <= 0) {
      out.push_back(word[i]);
      ++i;
      continue;
    }
    utf8proc_uint8_t buf[4];
    auto m = utf8proc_encode_char(utf8proc_tolower(cp), buf);
    out.append(reinterpret_cast<const char*>(buf), static_cast<std::size_t>(m));
    i += static_cast<std::size_t>(n);
  }
}

std::string ascii_lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') {
      c = static_cast<char>(c - 'A' + 'a');
    }
  }
  return out;
}

std::string fold(std::string_view text) {
  return map_utf8(text, UTF8PROC_CASEFOLD | UTF8PROC_DECOMPOSE | UTF8PROC_STRIPMARK);
}

} // namespace factledger::text
