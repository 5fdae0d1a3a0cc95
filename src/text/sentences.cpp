#include "text/sentences.hpp"

#include <array>
#include <bit>
#include <cctype>
#include <string>

#if defined(__x86_64__) // SSE2 is part of the base instruction set
#include <emmintrin.h>
#endif

namespace factledger::text {

namespace {

// Words after which a period does not end a sentence.
constexpr std::array<std::string_view, 22> k_abbreviations = {
    "M",  "MM",  "Mme",  "Mr", "Mrs", "Ms", "Dr",  "Pr",  "St",   "No",  "Inc",
    "Co", "Ltd", "Corp", "vs", "etc", "cf", "Jan", "Feb", "Sept", "Oct", "Nov"};

bool is_space(unsigned char c) {
  return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

// True when a sentence may start at `i`: an upper-case ASCII letter, a digit, a quote, or a
// non-ASCII byte (accented capitals, guillemets, bullets).
bool may_start_sentence(std::string_view t, std::size_t i) {
  auto c = static_cast<unsigned char>(t[i]);
  return std::isupper(c) || std::isdigit(c) || c == '"' || c == '\'' || c == '(' || c >= 0x80;
}

bool is_abbreviation_before(std::string_view t, std::size_t dot) {
  std::size_t b = dot;
  while (b > 0 && std::isalpha(static_cast<unsigned char>(t[b - 1]))) {
    --b;
  }
  std::string_view word = t.substr(b, dot - b);
  if (word.size() == 1 && std::isupper(static_cast<unsigned char>(word[0]))) {
    return true; // initials, "U.S.", "J. Smith"
  }
  for (auto a : k_abbreviations) {
    if (a == word) {
      return true;
    }
  }
  return false;
}

// Bytes that may end a sentence: '\n', '.', '!', '?' and the first byte of "…".
constexpr auto k_candidates = [] {
  std::array<bool, 256> a{};
  for (unsigned char c : {'\n', '.', '!', '?', '\xE2'}) {
    a[c] = true;
  }
  return a;
}();

// Index of the first candidate byte at or after `i`, or t.size(). Most of the text holds none:
// it is skipped 16 bytes at a time (SSE2 on x86-64) or 8 at a time with table look-ups.
std::size_t next_candidate(std::string_view t, std::size_t i) {
  auto candidate = [&](std::size_t k) { return k_candidates[static_cast<unsigned char>(t[k])]; };
#if defined(__x86_64__)
  for (; i + 16 <= t.size(); i += 16) {
    const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(t.data() + i));
    auto eq = [&](char c) { return _mm_cmpeq_epi8(v, _mm_set1_epi8(c)); };
    const __m128i hit = _mm_or_si128(_mm_or_si128(eq('\n'), eq('.')),
                                     _mm_or_si128(_mm_or_si128(eq('!'), eq('?')), eq('\xE2')));
    if (auto bits = static_cast<unsigned>(_mm_movemask_epi8(hit)); bits != 0) {
      return i + static_cast<std::size_t>(std::countr_zero(bits));
    }
  }
#endif
  while (i + 8 <= t.size()
         && !(candidate(i) | candidate(i + 1) | candidate(i + 2) | candidate(i + 3)
              | candidate(i + 4) | candidate(i + 5) | candidate(i + 6) | candidate(i + 7))) {
    i += 8;
  }
  while (i < t.size() && !candidate(i)) {
    ++i;
  }
  return i;
}

Span trimmed(std::string_view t, std::size_t b, std::size_t e) {
  while (b < e && is_space(static_cast<unsigned char>(t[b]))) {
    ++b;
  }
  while (e > b && is_space(static_cast<unsigned char>(t[e - 1]))) {
    --e;
  }
  return Span{b, e};
}

} // namespace

std::vector<Span> split_sentences(std::string_view t) {
  std::vector<Span> out;
  split_sentences(t, out);
  return out;
}

void split_sentences(std::string_view t, std::vector<Span>& out) {
  out.clear();
  out.reserve(t.size() / 100 + 2); // news sentences run 100-250 bytes: one allocation

  std::size_t start = 0;
  auto emit = [&](std::size_t end) {
    Span s = trimmed(t, start, end);
    if (s.size() > 0) {
      out.push_back(s);
    }
    start = end;
  };
  for (std::size_t i = 0; i < t.size(); ++i) {
    i = next_candidate(t, i);
    if (i >= t.size()) {
      break;
    }
    char c = t[i];
    if (c == '\n') {
      // A newline ends a paragraph, hence a sentence.
      emit(i);
      continue;
    }
    bool terminator = c == '.' || c == '!' || c == '?';
    std::size_t after = i + 1;
    if (!terminator && static_cast<unsigned char>(c) == 0xE2 && i + 2 < t.size()
        && static_cast<unsigned char>(t[i + 1]) == 0x80
        && static_cast<unsigned char>(t[i + 2]) == 0xA6) {
      terminator = true; // U+2026 HORIZONTAL ELLIPSIS
      after = i + 3;
    }
    if (!terminator) {
      continue;
    }
    // Closing quotes and brackets belong to the sentence.
    while (after < t.size() && (t[after] == '"' || t[after] == ')' || t[after] == '\'')) {
      ++after;
    }
    if (after < t.size() && static_cast<unsigned char>(t[after]) == 0xC2 && after + 1 < t.size()
        && static_cast<unsigned char>(t[after + 1]) == 0xBB) {
      after += 2; // »
    }
    if (after >= t.size()) {
      continue;
    }
    if (!is_space(static_cast<unsigned char>(t[after]))) {
      continue; // "8.5", "U.S.A", "01net.com"
    }
    std::size_t next = after;
    while (next < t.size() && is_space(static_cast<unsigned char>(t[next]))) {
      ++next;
    }
    if (next >= t.size() || !may_start_sentence(t, next)) {
      continue;
    }
    if (c == '.' && is_abbreviation_before(t, i)) {
      continue;
    }
    emit(after);
    i = after - 1;
  }
  emit(t.size());
}

std::vector<Span> split_paragraphs(std::string_view t) {
  std::vector<Span> out;
  std::size_t start = 0;
  for (std::size_t i = 0; i <= t.size(); ++i) {
    if (i == t.size() || t[i] == '\n') {
      Span s = trimmed(t, start, i);
      if (s.size() > 0) {
        out.push_back(s);
      }
      start = i + 1;
    }
  }
  return out;
}

} // namespace factledger::text
