#include "extract/dates.hpp"

#include "extract/date_holidays.hpp"
#include "extract/date_lexicon.hpp"
#include "extract/relative_date.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <bit>
#include <cstdint>
#include <cstring>

#if defined(__x86_64__) // SSE2 is part of the base instruction set
#include <emmintrin.h>
#endif

// How dates are found: the text is cut into paragraph segments and tokenized once (words,
// numbers, punctuation; words folded to lower-case ASCII and looked up in the date lexicon
// without allocating). A number or a lexicon "head" word (a month, a weekday, "hier", "an",
// "trimestre"...) anchors a parse; the grammar below is tried from a few tokens before the
// anchor (to take "en", "fin", "d'ici", "entre" ...) and the longest expression wins.

namespace factledger::extract {

namespace {

// ---------------------------------------------------------------------------------------------
// Tokens

enum class TokKind : std::uint8_t { word, number, punct };

struct Tok {
  std::uint32_t b = 0;
  std::uint32_t e = 0;
  int value = -1; // value of a number (-1 when longer than 9 digits)
  TokKind kind = TokKind::punct;
  bool space_before = true; // whitespace between the previous token and this one
  bool cap = false;         // word starting with an upper-case letter
  bool grammar = false;     // word the grammar may consume: in the lexicon or read by spelling
  bool anchor = false;      // a number or a head word: may anchor a parse
  bool holiday = false;     // first word of a holiday name
  bool opens = false;       // a number or a word that can open an expression
  std::uint8_t digits = 0;  // number of digits of a number
  std::uint8_t klen = 0;    // length of `key`, 0 when the word cannot be folded to ASCII
  char p = 0;               // punctuation, normalized: dashes '-', apostrophes '\'', money '$'
  char key[16] = {};        // folded word
  const DateWord* w = nullptr;

  std::string_view word() const { return {key, klen}; }
};

// Latin-1 letters U+00C0..U+00FF folded to ASCII.
constexpr char k_fold_c3[65] = "aaaaaaaceeeeiiiidnooooo-ouuuuy-saaaaaaaceeeeiiiidnooooo-ouuuuyty";

constexpr bool is_space_ascii(unsigned char c) {
  return c == ' ' || (c >= '\t' && c <= '\r');
}

// What a byte starts, for the tokenizer's one table look-up per token.
enum class ByteClass : std::uint8_t { letter, digit, space, punct, multibyte };
constexpr std::array<ByteClass, 256> k_byte_class = [] {
  std::array<ByteClass, 256> t{};
  for (int c = 0; c < 256; ++c) {
    const auto u = static_cast<unsigned char>(c);
    ByteClass k = ByteClass::multibyte;
    if (c < 0x80) {
      k = is_space_ascii(u)                        ? ByteClass::space
          : (u | 0x20) >= 'a' && (u | 0x20) <= 'z' ? ByteClass::letter
          : u >= '0' && u <= '9'                   ? ByteClass::digit
                                                   : ByteClass::punct;
    }
    t[static_cast<std::size_t>(c)] = k;
  }
  return t;
}();

// ASCII letters as their lower case; everything else 0.
constexpr std::array<char, 256> k_lower = [] {
  std::array<char, 256> t{};
  for (int c = 'a'; c <= 'z'; ++c) {
    t[static_cast<std::size_t>(c)] = static_cast<char>(c);
    t[static_cast<std::size_t>(c - 'a' + 'A')] = static_cast<char>(c);
  }
  return t;
}();
bool is_alpha_ascii(unsigned char c) {
  return (c | 0x20) >= 'a' && (c | 0x20) <= 'z';
}
bool is_digit(unsigned char c) {
  return c >= '0' && c <= '9';
}

// Number of ASCII letters at the start of the 8 bytes `v` (read little-endian): 0..8. Bytewise
// range checks that cannot carry into the next byte: lower-cased, a byte is a letter when it is
// in 'a'..'z' and its high bit is clear.
constexpr int ascii_letter_prefix(std::uint64_t v) {
  constexpr std::uint64_t k_ones = 0x0101010101010101ull;
  const std::uint64_t x = (v | 0x20 * k_ones) & 0x7f * k_ones;
  const std::uint64_t at_least_a = x + (0x80 - 'a') * k_ones;
  const std::uint64_t past_z = x + (0x80 - 'z' - 1) * k_ones;
  const std::uint64_t letter = at_least_a & ~past_z & ~v & 0x80 * k_ones;
  const std::uint64_t other = ~letter & 0x80 * k_ones;
  return other == 0 ? 8 : std::countr_zero(other) / 8;
}

// Number of ASCII letters at the start of the 16 bytes at `p`: 0..16.
int ascii_letter_prefix16(const char* p) {
#if defined(__x86_64__) // SSE2 is part of the base instruction set
  // One compare for the 16 bytes: lower-cased, a letter plus 0x1f is 0x80..0x99, the only
  // bytes below -102 as signed; bytes from 0x80 never get there.
  const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p));
  const __m128i shifted = _mm_add_epi8(_mm_or_si128(v, _mm_set1_epi8(0x20)), _mm_set1_epi8(0x1f));
  const __m128i letter = _mm_cmplt_epi8(shifted, _mm_set1_epi8(-102));
  const auto other = static_cast<unsigned>(~_mm_movemask_epi8(letter)) | 0x10000u;
  return std::countr_zero(other);
#else
  std::uint64_t lo = 0;
  std::uint64_t hi = 0;
  std::memcpy(&lo, p, 8);
  std::memcpy(&hi, p + 8, 8);
  int n = ascii_letter_prefix(lo);
  return n < 8 ? n : n + ascii_letter_prefix(hi);
#endif
}

// The first `n` (< 16) bytes at `p`, ASCII letters, lower-cased and zero-padded to 16 bytes
// as two little-endian integers.
void fold_ascii16(const char* p, std::size_t n, std::uint64_t& lo, std::uint64_t& hi) {
#if defined(__x86_64__) // SSE2 is part of the base instruction set
  // 16 bytes of ones then 16 of zeros: the 16 from `16 - n` keep the first `n` bytes.
  alignas(16) static constexpr std::uint8_t k_keep[32] = {
      0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff,
      0xff, 0xff, 0xff, 0xff, 0xff, 0,    0,    0,    0,    0,    0};
  const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p));
  const __m128i keep = _mm_loadu_si128(reinterpret_cast<const __m128i*>(k_keep + 16 - n));
  const __m128i key = _mm_and_si128(_mm_or_si128(v, _mm_set1_epi8(0x20)), keep);
  lo = static_cast<std::uint64_t>(_mm_cvtsi128_si64(key));
  hi = static_cast<std::uint64_t>(_mm_cvtsi128_si64(_mm_unpackhi_epi64(key, key)));
#else
  constexpr std::uint64_t k_case = 0x2020202020202020ull;
  std::memcpy(&lo, p, 8);
  std::memcpy(&hi, p + 8, 8);
  lo = n >= 8 ? lo | k_case : (lo | k_case) & ((std::uint64_t{1} << (8 * n)) - 1);
  hi = n <= 8 ? 0 : (hi | k_case) & ((std::uint64_t{1} << (8 * (n - 8))) - 1);
#endif
}

// Classify the multi-byte sequence at `s[i]`: 1 space, 2 punctuation (sets `p`), 0 letter.
// `len` receives the sequence length.
int classify_utf8(std::string_view s, std::size_t i, std::size_t& len, char& p) {
  auto at = [&](std::size_t k) {
    return i + k < s.size() ? static_cast<unsigned char>(s[i + k]) : 0u;
  };
  unsigned char c = at(0);
  len = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC0 ? 2 : 1;
  if (i + len > s.size()) {
    len = s.size() - i;
  }
  if (c == 0xC2) {
    unsigned char d = at(1);
    if (d == 0xA0) {
      return 1;
    }
    if (d == 0xA3 || d == 0xA5 || d == 0xA2) {
      p = '$';
      return 2;
    }
    if (d == 0xAB || d == 0xBB) {
      p = '"';
      return 2;
    }
    if (d < 0xC0) {
      p = '?';
      return 2; // other Latin-1 symbols (°, §, ...)
    }
  }
  if (c == 0xE2 && at(1) == 0x80) {
    unsigned char d = at(2);
    if ((d >= 0x80 && d <= 0x8B) || d == 0xAF) {
      return 1;
    }
    if (d >= 0x90 && d <= 0x95) {
      p = '-';
      return 2;
    }
    if (d == 0x98 || d == 0x99) {
      p = '\'';
      return 2;
    }
    p = '?';
    return 2;
  }
  if (c == 0xE2 && at(1) == 0x82) {
    p = '$'; // currency symbols block (€, ₩, ₹, ...)
    return 2;
  }
  return 0;
}

// Read the word at `s[pos]` (ASCII and non-ASCII letters) into `t`, token `self` of the
// segment: its folded key and, when the lexicon (`filter` and `index` of one language) has it,
// its meaning; `anchors` receives `self` for an anchor or a holiday. Returns the byte position
// past it.
std::size_t read_word(std::string_view s,
                      std::size_t pos,
                      const DateWordFilter& filter,
                      const DateWordIndex& index,
                      Tok& t,
                      int self,
                      std::vector<int>& anchors) {
  auto c = static_cast<unsigned char>(s[pos]);
  t.kind = TokKind::word;
  std::size_t j = pos;
  bool foldable = true;
  std::size_t k = 0;
  // The folded letters are gathered in two integers (the key's two halves) rather than
  // stored one byte at a time and read back whole by the look-up, which stalls.
  std::uint64_t lo = 0;
  std::uint64_t hi = 0;
  auto put = [&](char f) {
    auto bits = static_cast<std::uint64_t>(static_cast<unsigned char>(f)) << (8 * (k & 7));
    (k < 8 ? lo : hi) |= bits;
    ++k;
  };
  // Upper-case: 'A'..'Z', or U+00C0..U+00DF.
  t.cap = c >= 'A' && c <= 'Z';
  if (c == 0xC3) {
    t.cap = pos + 1 < s.size() && static_cast<unsigned char>(s[pos + 1]) < 0xA0;
  }
  // Most words are ASCII letters only and shorter than 16: measured and folded from the two
  // halves read at once, the same as the first run of the loop below.
  std::size_t letters = 0;
  if (pos + 16 <= s.size()) {
    letters = static_cast<std::size_t>(ascii_letter_prefix16(s.data() + pos));
  }
  const bool ascii_word =
      letters > 0 && letters < sizeof t.key && static_cast<unsigned char>(s[pos + letters]) < 0x80;
  if (ascii_word) {
    fold_ascii16(s.data() + pos, letters, lo, hi);
    k = letters;
    j = pos + letters;
  } else {
    lo = 0;
    hi = 0;
  }
  while (!ascii_word && j < s.size()) {
    // A run of ASCII letters (most words are nothing else); `k` counts past the key's room.
    std::size_t run_begin = j;
    while (j < s.size() && k_lower[static_cast<unsigned char>(s[j])] != 0) {
      ++j;
    }
    std::size_t run = j - run_begin;
    if (k == 0 && run <= sizeof t.key - 1 && run_begin + 16 <= s.size()) {
      // The whole run at once: ASCII letters lower-case by setting bit 5.
      std::memcpy(&lo, s.data() + run_begin, 8);
      std::memcpy(&hi, s.data() + run_begin + 8, 8);
      constexpr std::uint64_t k_case = 0x2020202020202020ull;
      lo = run >= 8 ? lo | k_case : (lo | k_case) & ((std::uint64_t{1} << (8 * run)) - 1);
      hi = run <= 8 ? 0 : (hi | k_case) & ((std::uint64_t{1} << (8 * (run - 8))) - 1);
      k = run;
    } else {
      for (std::size_t r = run_begin; r < j; ++r) {
        if (k < sizeof t.key - 1) {
          put(k_lower[static_cast<unsigned char>(s[r])]);
        } else {
          ++k;
        }
      }
    }
    if (k > sizeof t.key - 1) {
      foldable = false;
      k = sizeof t.key - 1;
    }
    if (j >= s.size()) {
      break;
    }
    auto d = static_cast<unsigned char>(s[j]);
    if (d < 0x80) {
      break;
    }
    std::size_t len = 1;
    char p = 0;
    if (classify_utf8(s, j, len, p) != 0) {
      break;
    }
    if (d == 0xC3 && len == 2) {
      auto e = static_cast<unsigned char>(s[j + 1]);
      char f = e >= 0x80 && e < 0xC0 ? k_fold_c3[e - 0x80] : '-';
      if (k < sizeof t.key - 1 && f != '-') {
        put(f);
      } else {
        foldable = false;
      }
    } else if (d == 0xC5 && len == 2 && j + 1 < s.size()
               && (static_cast<unsigned char>(s[j + 1]) | 1) == 0x93) {
      if (k + 2 < sizeof t.key - 1) {
        put('o');
        put('e');
      } else {
        foldable = false;
      }
    } else {
      foldable = false;
    }
    j += len;
  }
  if (j == pos) {
    j = pos + 1; // a stray byte: make progress
    foldable = false;
  }
  t.klen = foldable ? static_cast<std::uint8_t>(k) : 0;
  static_assert(std::endian::native == std::endian::little, "key halves are little-endian");
  std::memcpy(t.key, &lo, 8);
  std::memcpy(t.key + 8, &hi, 8);
  // The lexicon's words are at most 15 letters: longer words skip the look-up. A folded
  // word has letters 'a'..'z' only, at least one.
  if (foldable
      && filter.may_hold(k,
                         static_cast<char>(lo & 0xff),
                         static_cast<char>((k <= 8 ? lo : hi) >> (8 * ((k - 1) & 7))))) {
    if (const DateWord* w = index.find(lo, hi, k)) {
      t.grammar = true;
      t.w = w->spelling_only ? nullptr : w;
      t.anchor = w->head;
      t.holiday = w->holiday;
      t.opens = w->opens;
      if (w->head || w->holiday) {
        anchors.push_back(self);
      }
    }
  }
  return j;
}

// Tokenize `s` from byte `pos` into `out` until a newline after at least one token, or
// `max_tokens`; `anchors` receives the indexes of the tokens that are anchors or holidays.
// Returns the byte position where it stopped. Not inlined: inside find_dates its loop ran short
// of registers (9 M more instructions on a 3 MB corpus).
[[gnu::noinline]] std::size_t tokenize_segment(std::string_view s,
                                               std::size_t pos,
                                               const DateWordFilter& filter,
                                               const DateWordIndex& index,
                                               std::vector<Tok>& out,
                                               std::vector<int>& anchors) {
  constexpr std::size_t k_max_tokens = 4096;
  out.clear();
  anchors.clear();
  std::size_t count = 0; // out.size(), kept apart because it is asked for every token
  bool space = true;
  while (pos < s.size()) {
    auto c = static_cast<unsigned char>(s[pos]);
    const ByteClass cls = k_byte_class[c];
    if (cls == ByteClass::space) {
      space = true;
      if (c == '\n' && count > 0) {
        return pos + 1;
      }
      ++pos;
      continue;
    }
    if (count >= k_max_tokens) [[unlikely]] {
      if (space) {
        return pos;
      }
    }
    // Built in place; dropped again when the bytes turn out to be a space.
    Tok& t = out.emplace_back();
    ++count;
    t.b = static_cast<std::uint32_t>(pos);
    t.space_before = space;
    space = false;
    std::size_t end = pos + 1;
    if (cls == ByteClass::digit) {
      std::size_t j = pos;
      long long v = 0;
      while (j < s.size() && is_digit(static_cast<unsigned char>(s[j]))) {
        if (j - pos < 9) {
          v = v * 10 + (s[j] - '0');
        }
        ++j;
      }
      t.kind = TokKind::number;
      t.digits = static_cast<std::uint8_t>(std::min<std::size_t>(j - pos, 255));
      // Days, months and two-digit years; four-digit years; 20250716.
      t.anchor = t.digits <= 2 || t.digits == 4 || t.digits == 8;
      t.opens = true;
      t.value = j - pos <= 9 ? static_cast<int>(v) : -1;
      end = j;
      if (t.anchor) {
        anchors.push_back(static_cast<int>(count - 1));
      }
    } else if (cls == ByteClass::punct) {
      t.kind = TokKind::punct;
      t.p = static_cast<char>(c == '`' ? '\'' : c);
    } else {
      std::size_t len = 1;
      char p = 0;
      int what = cls == ByteClass::multibyte ? classify_utf8(s, pos, len, p) : 0;
      if (what == 1) {
        space = true;
        out.pop_back();
        --count;
        pos += len;
        continue;
      }
      if (what == 2) {
        t.kind = TokKind::punct;
        t.p = p;
        end = pos + len;
      } else {
        end = read_word(s, pos, filter, index, t, static_cast<int>(count - 1), anchors);
      }
    }
    t.e = static_cast<std::uint32_t>(end);
    pos = end;
    // Most tokens are followed by one space: taken here rather than by another turn.
    if (pos < s.size() && s[pos] == ' ') {
      space = true;
      ++pos;
    }
  }
  return pos;
}

// ---------------------------------------------------------------------------------------------
// Specs: what an expression says, before resolution against the published date

enum class Rel : std::uint8_t {
  none,            // absolute: year [month [day]] or year quarter/half
  day_offset,      // today + offset `unit`s
  month_offset,    // this month + offset
  year_offset,     // this year + offset
  quarter_offset,  // this quarter + offset
  half_offset,     // this half + offset
  month_near,      // "en mars"
  month_last,      // "mars dernier"
  month_next,      // "mars prochain"
  month_this,      // "cette année en mars", "this March"
  month_year_off,  // "juin de l'année prochaine": month of this year + offset
  day_near,        // "16 juillet"
  day_last,        // "16 juillet dernier"
  day_next,        // "16 juillet prochain"
  weekday_near,    // "mercredi"
  weekday_last,    // "mercredi dernier"
  weekday_next,    // "mercredi prochain"
  weekday_week,    // "mercredi de la semaine prochaine": weekday of week + offset
  weekday_en_huit, // "mercredi en huit": on or after today, plus `offset` weeks
  weekday_date,    // "mercredi 16 juillet": year inferred
  weekday_day,     // "lundi 21": month inferred
  day_only,        // "le 16"
  quarter_near,    // "au premier trimestre"
  half_near,       // "au premier semestre"
  holiday_near,    // "Noël", "Thanksgiving": as a year-less day
  holiday_last,    // "last Easter", "Noël dernier"
  holiday_next,    // "next Easter"
  holiday_year,    // "Christmas of this year": the holiday of this year + offset
};

// Small fields first, in bytes: the grammar copies Specs in every result it returns (a Match
// holds two), so their size is paid on each try. Every value fits: months, days, parts and
// weekdays come from words or numbers of at most two digits, `holiday` indexes a table of
// fewer than 128 rows (asserted in date_holidays.cpp).
struct Spec {
  Rel rel = Rel::none;
  std::int8_t month = 0;
  std::int8_t day = 0;
  std::int8_t part = 0;     // quarter 1..4 or half 1..2
  std::int8_t weekday = -1; // 0 = Monday
  char unit = 'd';
  std::int8_t holiday = -1; // index into holidays()
  // Applied in this order after the rest is resolved: a month of a year ("the third month of
  // 2021"), a day of a month ("the 20th of next month"; -1 the last day), the nth weekday of a
  // month ("the first Friday of July"; -1 the last), then calendar months and days added ("3
  // days after Christmas", "1 month 21 days ago").
  std::int8_t pick_month = 0;
  std::int8_t pick_day = 0;
  std::int8_t pick_nth = 0;
  std::int8_t pick_weekday = -1;
  // Last, the given weekday of the (Sunday to Saturday) week of the result: "Monday two weeks
  // from now", "in 3 days on Friday".
  std::int8_t week_weekday = -1;
  Grain grain = Grain::day;
  int year = 0;
  int offset = 0;
  int shift_months = 0;
  int shift_days = 0;
};
static_assert(sizeof(Spec) <= 32);

struct Resolved {
  int year = 0;
  int month = 0;
  int day = 0;
  int part = 0;
  Grain grain = Grain::day;
};

// "2025", "2025-07", "2025-07-16", "2025-Q1", "2025-H1" without a formatting library: one
// mention in four hundred bytes of news is formatted here.
std::string to_iso(const Resolved& r) {
  auto d2 = [](char* p, int v) {
    p[0] = static_cast<char>('0' + v / 10 % 10);
    p[1] = static_cast<char>('0' + v % 10);
  };
  if (r.year >= 0 && r.year <= 9999 && r.month >= 0 && r.month <= 99 && r.day >= 0 && r.day <= 99
      && r.part >= 0 && r.part <= 9) {
    char buf[10];
    d2(buf, r.year / 100);
    d2(buf + 2, r.year % 100);
    switch (r.grain) {
    case Grain::year:
      return std::string(buf, 4);
    case Grain::quarter:
    case Grain::half:
      buf[4] = '-';
      buf[5] = r.grain == Grain::quarter ? 'Q' : 'H';
      buf[6] = static_cast<char>('0' + r.part);
      return std::string(buf, 7);
    case Grain::month:
      buf[4] = '-';
      d2(buf + 5, r.month);
      return std::string(buf, 7);
    case Grain::day:
      buf[4] = '-';
      d2(buf + 5, r.month);
      buf[7] = '-';
      d2(buf + 8, r.day);
      return std::string(buf, 10);
    }
  }
  switch (r.grain) {
  case Grain::year:
    return fmt::format("{:04d}", r.year);
  case Grain::quarter:
    return fmt::format("{:04d}-Q{}", r.year, r.part);
  case Grain::half:
    return fmt::format("{:04d}-H{}", r.year, r.part);
  case Grain::month:
    return fmt::format("{:04d}-{:02d}", r.year, r.month);
  case Grain::day:
    return fmt::format("{:04d}-{:02d}-{:02d}", r.year, r.month, r.day);
  }
  return {};
}

Resolved from_date(const CivilDate& d) {
  return Resolved{d.year, d.month, d.day, 0, Grain::day};
}
Resolved from_month(const YearMonth& ym) {
  return Resolved{ym.year, ym.month, 0, 0, Grain::month};
}

std::optional<Resolved> resolve(const Spec& s, const std::optional<CivilDate>& published) {
  if (s.rel == Rel::none) {
    Resolved r{s.year, s.month, s.day, s.part, s.grain};
    if (s.grain == Grain::day && !CivilDate{s.year, s.month, s.day}.valid()) {
      return std::nullopt;
    }
    return r;
  }
  if (!published) {
    return std::nullopt;
  }
  const CivilDate& p = *published;
  auto date = [](std::optional<CivilDate> d) -> std::optional<Resolved> {
    if (!d) {
      return std::nullopt;
    }
    return from_date(*d);
  };
  switch (s.rel) {
  case Rel::none:
    break;
  case Rel::day_offset:
    switch (s.unit) {
    case 'y':
      return from_date(add_months(p, 12 * s.offset));
    case 'm':
      return from_date(add_months(p, s.offset));
    case 'w':
      return from_date(add_days(p, 7L * s.offset));
    default:
      return from_date(add_days(p, s.offset));
    }
  case Rel::month_offset:
    return from_month(add_months(YearMonth{p.year, p.month}, s.offset));
  case Rel::year_offset:
    return Resolved{p.year + s.offset, 0, 0, 0, Grain::year};
  case Rel::quarter_offset: {
    int idx = p.year * 4 + (p.month - 1) / 3 + s.offset;
    return Resolved{idx / 4, 0, 0, idx % 4 + 1, Grain::quarter};
  }
  case Rel::half_offset: {
    int idx = p.year * 2 + (p.month - 1) / 6 + s.offset;
    return Resolved{idx / 2, 0, 0, idx % 2 + 1, Grain::half};
  }
  case Rel::month_near:
    return from_month(nearest_month(s.month, p));
  case Rel::month_last:
    return from_month(month_before(s.month, p));
  case Rel::month_next:
    return from_month(month_after(s.month, p));
  case Rel::month_this:
    return from_month(YearMonth{p.year, s.month});
  case Rel::month_year_off:
    return from_month(YearMonth{p.year + s.offset, s.month});
  case Rel::day_near:
    return date(nearest_day(s.month, s.day, p));
  case Rel::day_last:
    return date(day_before(s.month, s.day, p));
  case Rel::day_next:
    return date(day_after(s.month, s.day, p));
  case Rel::weekday_near:
    return from_date(weekday_on_or_before(s.weekday, p));
  case Rel::weekday_last:
    return from_date(weekday_before(s.weekday, p));
  case Rel::weekday_next:
    return from_date(weekday_after(s.weekday, p));
  case Rel::weekday_week:
    return from_date(weekday_in_week(s.weekday, p, s.offset));
  case Rel::weekday_en_huit: {
    int ahead = (s.weekday - p.weekday() + 7) % 7;
    return from_date(add_days(p, ahead + 7L * s.offset));
  }
  case Rel::weekday_date: {
    auto d = year_for_weekday(s.weekday, s.month, s.day, p);
    return date(d ? d : nearest_day(s.month, s.day, p));
  }
  case Rel::weekday_day: {
    auto d = month_for_weekday(s.weekday, s.day, p);
    return date(d ? d : nearest_day_of_month(s.day, p));
  }
  case Rel::day_only:
    return date(nearest_day_of_month(s.day, p));
  case Rel::quarter_near:
    return Resolved{nearest_quarter_year(s.part, p), 0, 0, s.part, Grain::quarter};
  case Rel::half_near:
    return Resolved{nearest_half_year(s.part, p), 0, 0, s.part, Grain::half};
  case Rel::holiday_near:
    return from_date(holiday_near(holidays()[static_cast<std::size_t>(s.holiday)], p));
  case Rel::holiday_last:
    return from_date(holiday_before(holidays()[static_cast<std::size_t>(s.holiday)], p));
  case Rel::holiday_next:
    return from_date(holiday_after(holidays()[static_cast<std::size_t>(s.holiday)], p));
  case Rel::holiday_year:
    return from_date(
        holiday_date(holidays()[static_cast<std::size_t>(s.holiday)], p.year + s.offset));
  }
  return std::nullopt;
}

// The nth `weekday` (0 = Monday) of a month; n = -1 the last. Nullopt past the month's end.
std::optional<CivilDate> nth_weekday_of(int year, int month, int nth, int weekday) {
  if (nth < 0) {
    CivilDate d{year, month, days_in_month(year, month)};
    return add_days(d, -((d.weekday() - weekday + 7) % 7));
  }
  CivilDate first{year, month, 1};
  int day = 1 + (weekday - first.weekday() + 7) % 7 + 7 * (nth - 1);
  if (day > days_in_month(year, month)) {
    return std::nullopt;
  }
  return CivilDate{year, month, day};
}

// The grain `s` resolves to, for a mention left without a value.
Grain spec_grain(const Spec& s) {
  if (s.pick_day || s.pick_nth || s.shift_months || s.shift_days || s.week_weekday >= 0) {
    return Grain::day;
  }
  return s.pick_month ? Grain::month : s.grain;
}

// The picks and shifts of `s` (see Spec) applied to its resolved base.
std::optional<Resolved> apply_picks(const Spec& s, std::optional<Resolved> r) {
  if (!r) {
    return r;
  }
  if (s.pick_month) {
    if (r->grain != Grain::year) {
      return std::nullopt;
    }
    r = Resolved{r->year, s.pick_month, 0, 0, Grain::month};
  }
  if (s.pick_day) {
    if (r->grain != Grain::month) {
      return std::nullopt;
    }
    int d = s.pick_day < 0 ? days_in_month(r->year, r->month) : s.pick_day;
    if (!CivilDate{r->year, r->month, d}.valid()) {
      return std::nullopt;
    }
    r = Resolved{r->year, r->month, d, 0, Grain::day};
  }
  if (s.pick_nth) {
    if (r->grain != Grain::month) {
      return std::nullopt;
    }
    auto d = nth_weekday_of(r->year, r->month, s.pick_nth, s.pick_weekday);
    if (!d) {
      return std::nullopt;
    }
    r = from_date(*d);
  }
  if (s.shift_months || s.shift_days) {
    if (r->grain != Grain::day) {
      return std::nullopt;
    }
    CivilDate d{r->year, r->month, r->day};
    r = from_date(add_days(add_months(d, s.shift_months), s.shift_days));
  }
  if (s.week_weekday >= 0) {
    if (r->grain != Grain::day) {
      return std::nullopt;
    }
    CivilDate d{r->year, r->month, r->day};
    int from_sunday = (d.weekday() + 1) % 7;
    r = from_date(add_days(d, (s.week_weekday + 1) % 7 - from_sunday));
  }
  return r;
}

// ---------------------------------------------------------------------------------------------
// Grammar

enum class MatchKind : std::uint8_t { date, range, deadline, duration };

struct Piece {
  int end = 0; // token index past the expression
  Spec spec;
  const char* rule = "";
};

struct Match {
  int begin = 0;
  int end = 0;
  int duration_count = 0; // "P5Y": 5 and 'Y'
  MatchKind kind = MatchKind::date;
  char duration_unit = 0;
  Spec a;
  Spec b; // end of a range
  const char* rule = "";
};

// Words after a number that make it an amount or a count, never a year.
constexpr std::string_view k_not_year_after[] = {
    "euros",    "euro",    "eur",      "dollars",  "dollar", "usd",      "yuans",   "yuan",
    "yens",     "yen",     "livres",   "pounds",   "francs", "millions", "million", "milliards",
    "milliard", "billion", "billions", "trillion", "mds",    "md",       "mrd",     "bn",
    "mn",       "m",       "k",        "percent",  "pour",   "pct",      "km",      "kg",
    "mw",       "gw",      "kwh",      "mwh",      "h",      "tonnes",   "tons",    "usd",
    "rmb",      "cny",     "gbp"};

// Results already computed for a segment: the same start is tried from several anchors and
// the same sub-expression by several rules.
// Per token: -1 not computed, -2 nothing, else the index of the result. Results are stored
// densely so that a reset costs a few bytes per token (a memset: -1 is all ones).
// The grammar holds pointers to stored pieces while it stores more: `simple_value` gets its
// room up front, enough for two tries per token (see Parser::simple).
struct Memo {
  static constexpr std::int32_t k_unknown = -1;
  static constexpr std::int32_t k_none = -2;
  std::vector<std::int32_t> simple_index;
  std::vector<Piece> simple_value;
  std::vector<std::int32_t> match_index;
  std::vector<Match> match_value;

  void reset(std::size_t n) {
    simple_index.assign(n, k_unknown);
    simple_value.clear();
    simple_value.reserve(2 * n);
    match_index.assign(n, k_unknown);
    match_value.clear();
  }
};

class Parser {
public:
  Parser(const std::vector<Tok>& toks, bool french, Memo& memo)
      : m_t(toks.data()), m_n(static_cast<int>(toks.size())), m_fr(french), m_memo(memo) {
    m_memo.reset(toks.size());
  }

  // The result at `idx` (an index from `match_at`).
  const Match& match(std::int32_t idx) const {
    return m_memo.match_value[static_cast<std::size_t>(idx)];
  }

  // A holiday name at `i`, which then anchors a parse like a head word.
  bool holiday_at(int i) const { return holiday_name(i, true).has_value(); }

  // The index of the best match starting at `i` for `match` (memoized), or a negative value.
  std::int32_t match_at(int i) const {
    auto k = static_cast<std::size_t>(i);
    if (m_memo.match_index[k] == Memo::k_unknown) {
      // Parsed in place: most starts find nothing, and a result is not copied.
      m_memo.match_index[k] = Memo::k_none;
      if (parse_at(i, m_memo.match_value.emplace_back())) {
        m_memo.match_index[k] = static_cast<std::int32_t>(m_memo.match_value.size() - 1);
      } else {
        m_memo.match_value.pop_back();
      }
    }
    return m_memo.match_index[k];
  }

  // The best match starting at `i` into `best` (default-constructed); false when none.
  bool parse_at(int i, Match& best) const {
    bool found = false;
    auto consider = [&](std::optional<Match>&& m) {
      if (m && (!found || m->end > best.end)) {
        best = *m;
        found = true;
      }
    };
    consider(range(i));
    if (m_fr ? is(i, "d") || flag(i, dw_jusqu) : flag(i, dw_by)) {
      consider(deadline(i));
    }
    if (flag(i, dw_over | dw_since)) {
      consider(duration(i));
    }
    if (const Piece* p = simple(i); p && (!found || p->end > best.end)) {
      if (found) {
        best = Match{};
      }
      best.begin = i;
      best.end = p->end;
      best.a = p->spec;
      best.rule = p->rule;
      found = true;
    }
    return found && chain_end_ok(best.end);
  }

private:
  const Tok* m_t;
  int m_n;
  bool m_fr;
  Memo& m_memo;

  // What `at` gives outside the segment: a punctuation token without a mark, after a space.
  static constexpr Tok k_end{};
  static constexpr DateWord k_no_entry{};

  const Tok& at(int i) const {
    return static_cast<unsigned>(i) < static_cast<unsigned>(m_n) ? m_t[i] : k_end;
  }
  // The tests below need no bounds check of their own: `k_end` answers false to each. Only
  // words have a lexicon entry or a key.
  bool word(int i) const { return at(i).kind == TokKind::word; }
  bool num(int i) const { return at(i).kind == TokKind::number; }
  // REQUIRES: `c` is not 0.
  bool punct(int i, char c) const {
    const Tok& t = at(i);
    return t.kind == TokKind::punct && t.p == c;
  }
  bool adjacent(int i) const { return !at(i).space_before; }
  bool flag(int i, std::uint32_t f) const {
    const DateWord* w = at(i).w;
    return w && (w->flags & f);
  }
  // REQUIRES: `w` is not empty.
  bool is(int i, std::string_view w) const { return at(i).word() == w; }
  const DateWord* lex(int i) const { return at(i).w; }
  // The lexicon entry at `i`, or an empty one.
  const DateWord& entry(int i) const {
    const DateWord* w = lex(i);
    return w ? *w : k_no_entry;
  }
  int month_word(int i) const { return lex(i) ? entry(i).month : 0; }
  int weekday_word(int i) const { return lex(i) ? entry(i).weekday : -1; }
  char unit_word(int i) const { return lex(i) ? entry(i).unit : 0; }
  bool end_or_punct(int i) const { return i >= m_n || at(i).kind == TokKind::punct; }

  // A number glued to what precedes ("138-2010", "6,107.31 August"): part of another number.
  bool chain_start_ok(int i) const {
    if (!adjacent(i) || i == 0) {
      return !punct(i - 1, '$');
    }
    const Tok& prev = at(i - 1);
    if (prev.kind == TokKind::punct) {
      if (prev.p == '$') {
        return false;
      }
      if ((prev.p == '-' || prev.p == '/' || prev.p == '.' || prev.p == ',' || prev.p == ':')
          && num(i - 2) && adjacent(i - 1)) {
        return false;
      }
    }
    return prev.kind != TokKind::number;
  }

  bool chain_end_ok(int e) const {
    if (e >= m_n || !adjacent(e)) {
      return true;
    }
    const Tok& next = at(e);
    const bool last_num = num(e - 1);
    if (next.kind == TokKind::word) {
      return !last_num; // "15h", "2025e"
    }
    if (next.kind == TokKind::number) {
      return false;
    }
    if ((next.p == '-' || next.p == '/' || next.p == '.' || next.p == ',' || next.p == ':')
        && num(e + 1) && adjacent(e + 1)) {
      return !last_num;
    }
    return next.p != '%' && next.p != '$';
  }

  // A number that is certainly not a year: followed by a unit, a currency, a percentage or
  // more digits.
  bool followed_by_amount(int i) const {
    int j = i + 1;
    if (j >= m_n) {
      return false;
    }
    const Tok& n = at(j);
    if (n.kind == TokKind::punct) {
      if (n.p == '%' || n.p == '$') {
        return true;
      }
      if ((n.p == ',' || n.p == '.') && adjacent(j) && num(j + 1) && adjacent(j + 1)) {
        return true;
      }
      return false;
    }
    if (n.kind == TokKind::number) {
      return n.digits == 3 && n.space_before; // "2025 000": thousands
    }
    for (std::string_view w : k_not_year_after) {
      if (n.word() == w) {
        return true;
      }
    }
    return false;
  }

  static bool plausible_year(int v) { return v >= 1900 && v <= 2100; }

  // A four-digit year at `i`, within [lo, hi].
  std::optional<int> year4(int i, int lo = 1000, int hi = 2999) const {
    if (!num(i) || at(i).digits != 4 || at(i).value < lo || at(i).value > hi) {
      return std::nullopt;
    }
    return at(i).value;
  }

  // "2021-25": a period's end written with two digits, at most ten years on.
  static bool short_year_end(int start, int yy) {
    int s = start % 100;
    return yy > s && yy - s <= 10;
  }

  static int expand_yy(int yy) { return yy < 30 ? 2000 + yy : 1900 + yy; }

  // A year after a month or a day: four digits, or two digits ending the phrase ("juillet 98,").
  std::optional<std::pair<int, int>> year_after(int i, bool allow_two_digits) const {
    if (auto y = year4(i)) {
      if (followed_by_amount(i)) {
        return std::nullopt;
      }
      return std::pair{*y, i + 1};
    }
    if (auto y = spelled_year(i);
        y && y->first >= 1000 && y->first <= 2100 && spelled_year_ends(y->second)) {
      return y; // "13 Sept nineteen seventy two"
    }
    if (allow_two_digits && num(i) && at(i).digits == 2 && (end_or_punct(i + 1))
        && !(punct(i + 1, '.') && num(i + 2)) && !punct(i + 1, '%') && !punct(i + 1, ':')
        && !punct(i + 1, '/')) {
      return std::pair{expand_yy(at(i).value), i + 1};
    }
    return std::nullopt;
  }

  // A number below 100 written in words, ending with a cardinal: "ninety six", "vingt-cinq".
  std::optional<std::pair<int, int>> cardinal_words(int i) const {
    if (!lex(i) || !entry(i).cardinal) {
      return std::nullopt;
    }
    auto n = word_number(i);
    if (!n || !lex(n->second - 1) || !entry(n->second - 1).cardinal) {
      return std::nullopt;
    }
    return n;
  }

  // A year written in words: "two thousand and twenty", "nineteen ninety six", "nineteen
  // hundred ninety three", "one thousand seven hundred and eighty nine", "nineteen zero one",
  // "deux mille vingt-cinq". Returns {year, end}.
  std::optional<std::pair<int, int>> spelled_year(int i) const {
    if (is(i, "a") || is(i, "an") || is(i, "un") || is(i, "une")) {
      return std::nullopt;
    }
    int y = 0;
    int k = i;
    if (m_fr && is(i, "mille")) {
      y = 1000;
      k = i + 1;
    } else {
      auto hi = cardinal_words(i);
      if (!hi) {
        return std::nullopt;
      }
      k = hi->second;
      if (is(k, "thousand") || is(k, "mille")) {
        if (hi->first > 9) {
          return std::nullopt;
        }
        y = hi->first * 1000;
        ++k;
      } else if (is(k, "hundred") || (m_fr && (is(k, "cent") || is(k, "cents")))) {
        y = hi->first * 100;
        ++k;
        int a = flag(k, dw_and) && !m_fr ? k + 1 : k;
        if (auto r = cardinal_words(a)) {
          return std::pair{y + r->first, r->second};
        }
        return std::pair{y, k};
      } else if (hi->first >= 10 && !m_fr) {
        // "nineteen ninety six", "nineteen zero one", "nineteen oh five"
        if (is(k, "zero") || is(k, "oh")) {
          if (auto r = cardinal_words(k + 1); r && r->first < 10) {
            return std::pair{hi->first * 100 + r->first, r->second};
          }
          return std::nullopt;
        }
        if (auto r = cardinal_words(k); r && r->first >= 10) {
          return std::pair{hi->first * 100 + r->first, r->second};
        }
        return std::nullopt;
      } else {
        return std::nullopt;
      }
    }
    // After the thousands: "seven hundred", "neuf cent", then "and eighty nine", "vingt".
    if (auto h = cardinal_words(k);
        h && h->first <= 9
        && (is(h->second, "hundred") || is(h->second, "cent") || is(h->second, "cents"))) {
      y += h->first * 100;
      k = h->second + 1;
    } else if (m_fr && (is(k, "cent") || is(k, "cents"))) {
      y += 100;
      ++k;
    }
    int a = flag(k, dw_and) && !m_fr ? k + 1 : k;
    if (auto r = cardinal_words(a)) {
      return std::pair{y + r->first, r->second};
    }
    return std::pair{y, k};
  }

  // A spelled-out year is a year only where a count cannot be: at the end of the phrase or
  // before another date word ("in two thousand and fifteen", not "two thousand jobs").
  bool spelled_year_ends(int e) const { return end_or_punct(e) || lex(e) != nullptr; }

  // "vingt-neuf", "twenty second", "trente et un", "dix-huit", "premier", "fourth".
  std::optional<std::pair<int, int>> word_number(int i) const {
    const DateWord* w = lex(i);
    if (!w) {
      return std::nullopt;
    }
    int v = w->cardinal ? w->cardinal : w->ordinal;
    if (v == 0) {
      return std::nullopt;
    }
    if (v % 10 == 0 && v <= 90 && w->cardinal) {
      int j = i + 1;
      if (punct(j, '-') && adjacent(j) && adjacent(j + 1)) {
        ++j;
      } else if (m_fr && is(j, "et")) {
        ++j;
      } else if (v == 10 && m_fr) {
        return std::pair{v, i + 1};
      }
      if (m_fr && v == 60) {
        // "soixante-douze", "soixante-dix-neuf"
        if (auto u = word_number(j); u && u->first >= 1 && u->first <= 19) {
          return std::pair{v + u->first, u->second};
        }
      } else if (const DateWord* u = lex(j)) {
        int uv = u->cardinal ? u->cardinal : u->ordinal;
        if (uv >= 1 && uv <= 9 && v != 10 && (m_fr || v >= 20)) {
          return std::pair{v + uv, j + 1};
        }
        if (uv >= 7 && uv <= 9 && v == 10 && m_fr) {
          return std::pair{v + uv, j + 1};
        }
      }
    }
    return std::pair{v, i + 1};
  }

  // A day of the month: "16", "1er", "21st", "premier", "twenty-first".
  std::optional<std::pair<int, int>> day_at(int i, bool allow_words = true) const {
    if (num(i)) {
      if (at(i).digits > 2 || at(i).value < 1 || at(i).value > 31) {
        return std::nullopt;
      }
      int j = i + 1;
      if (flag(j, dw_suffix) && adjacent(j)) {
        ++j;
      }
      return std::pair{at(i).value, j};
    }
    if (!allow_words) {
      return std::nullopt;
    }
    if (lex(i) && entry(i).cardinal == 1) {
      return std::nullopt; // "a May report", "un mars"
    }
    auto wn = word_number(i);
    if (!wn || wn->first < 1 || wn->first > 31) {
      return std::nullopt;
    }
    // "August two thousand and fifteen", "Monday two weeks from now": a count, not a day.
    int e = wn->second;
    if ((entry(e).cardinal || entry(e).unit || is(e, "thousand") || is(e, "hundred")
         || is(e, "mille") || is(e, "cent"))
        && !spelled_year(e)) {
      return std::nullopt;
    }
    return wn;
  }

  // A count of units: "3", "trois", "a", "une".
  std::optional<std::pair<int, int>> count_at(int i) const {
    if (num(i)) {
      if (at(i).digits > 3 || at(i).value < 1 || !chain_start_ok(i)) {
        return std::nullopt;
      }
      return std::pair{at(i).value, i + 1};
    }
    const DateWord* w = lex(i);
    if (w && w->cardinal) {
      return word_number(i);
    }
    return std::nullopt;
  }

  // A month name at `i`, honouring abbreviations ("Jan" needs a number, a period or a
  // context word) and English words that are also verbs ("may", "march").
  // Returns {month, index after it (and after an abbreviation's period)}.
  std::optional<std::pair<int, int>> month_at(int i, bool has_number_context) const {
    int m = month_word(i);
    if (m == 0) {
      return std::nullopt;
    }
    const DateWord* w = lex(i);
    int j = i + 1;
    if (w->month_abbrev && punct(j, '.') && adjacent(j)) {
      ++j; // "janv.", "Jul."
    }
    bool needs_context = w->month_abbrev || w->month_weak;
    if (needs_context && !has_number_context) {
      bool context =
          flag(i - 1,
               dw_in | dw_of | dw_from | dw_between | dw_to | dw_and | dw_by | dw_since | dw_last
                   | dw_next | dw_this | dw_begin | dw_end | dw_mid | dw_article | dw_over);
      if (w->month_weak) {
        // "May I ask", "it may be", "protesters march": a month only after a date word,
        // and lower-case "may" only when nothing but punctuation or a date follows.
        if (!context && !(at(i).cap && is(i, "march") && i > 0 && !punct(i - 1, '.'))) {
          return std::nullopt;
        }
        if (!at(i).cap && !end_or_punct(i + 1) && !num(i + 1) && !lex(i + 1)) {
          return std::nullopt;
        }
      } else if (!context) {
        return std::nullopt; // "Jan", "dec" alone
      }
    }
    return std::pair{m, j};
  }

  // ----- simple expressions -------------------------------------------------------------

  // `chained`: the number at `i` follows a dash of a range ("2021-2025", "13-15 juillet").
  // The piece at `i` (memoized), or nullptr. It stays valid while the segment is parsed: each
  // try takes one slot of the memo, found or not (the grammar may have stored more pieces
  // behind it meanwhile), and there are at most two tries per token, within the room the memo
  // reserved: one memoized, one chained (a range's end after a dash, not memoized: one per
  // range, and `range` runs once per token).
  const Piece* simple(int i, bool chained = false) const {
    if (i < 0 || i >= m_n) {
      return nullptr;
    }
    auto k = static_cast<std::size_t>(i);
    if (!chained && m_memo.simple_index[k] != Memo::k_unknown) {
      std::int32_t idx = m_memo.simple_index[k];
      return idx < 0 ? nullptr : &m_memo.simple_value[static_cast<std::size_t>(idx)];
    }
    const auto slot = m_memo.simple_value.size();
    Piece& p = m_memo.simple_value.emplace_back();
    const bool found = simple_uncached(i, chained, p);
    if (!chained) {
      m_memo.simple_index[k] = found ? static_cast<std::int32_t>(slot) : Memo::k_none;
    }
    return found ? &p : nullptr;
  }

  // The same as a value, for the callers that change it.
  std::optional<Piece> simple_copy(int i, bool chained = false) const {
    if (const Piece* p = simple(i, chained)) {
      return *p;
    }
    return std::nullopt;
  }

  // The longest simple expression at `i` into `best`; false when none.
  bool simple_uncached(int i, bool chained, Piece& best) const {
    bool found = false;
    auto consider = [&](const std::optional<Piece>& p) {
      if (p && (!found || p->end > best.end)) {
        best = *p;
        found = true;
      }
    };
    if (num(i)) {
      if (!chained && !chain_start_ok(i)) {
        return false;
      }
      consider(numeric(i));
      if (month_near(i)) {
        consider(day_month(i));
      }
      consider(quarter(i));
      if (unit_word(i + 1)) {
        consider(offset_expr(i)); // "3 days ago", "2 years 1 month 21 days later"
      }
      if (ordinal_ahead(i)) {
        consider(nth_weekday(i));
        consider(day_of(i));
        consider(month_of(i));
      }
    } else if (word(i) && at(i).w) {
      const DateWord& w = *at(i).w;
      if (w.month) {
        consider(month_first(i));
      }
      if (w.weekday >= 0) {
        consider(weekday_expr(i));
      }
      if (w.ordinal || w.cardinal) {
        if (month_near(i)) {
          consider(day_month(i));
        }
        consider(quarter(i));
        consider(offset_expr(i));
      }
      if (ordinal_ahead(i)) {
        consider(nth_weekday(i));
        consider(day_of(i));
        consider(month_of(i));
      }
      if (w.holiday) {
        consider(holiday_expr(i));
      }
      if (!m_fr && is(i, "few")) {
        consider(offset_expr(i)); // "few months ago"
      }
      if (w.relative_day) {
        consider(relative_day(i));
      }
      if (w.flags & (dw_this | dw_last | dw_next | dw_article)) {
        consider(modified(i));
      }
      if (w.flags & (dw_end | dw_begin | dw_mid | dw_article)) {
        consider(boundary(i));
      }
      if (w.flags & dw_in) {
        consider(prefixed(i));
      }
      if (w.flags & (dw_fiscal | dw_calendar | dw_article)) {
        consider(fiscal(i));
      }
      if (w.unit == 'y') {
        consider(year_word(i));
      }
      if (w.flags & (dw_il | dw_dans)) {
        consider(offset_expr(i));
      }
      if (w.flags & (dw_article | dw_on)) {
        consider(day_only(i));
        consider(year_word(i));
      }
      consider(quarter(i));
    }
    return found;
  }

  // "en 2022", "in 2022", "en avril dernier", "depuis 2020": the preposition joins a month or
  // a year expression ("depuis" only before a year).
  std::optional<Piece> prefixed(int i) const {
    int j = i + 1;
    if (!m_fr && flag(j, dw_article) && month_word(j + 1)) {
      ++j; // "in the april"
    }
    if (auto y = spelled_year(j);
        y && y->first >= 1000 && y->first <= 2100 && spelled_year_ends(y->second)) {
      return year_piece(y->second, y->first, "date.year"); // "in nineteen ninety six"
    }
    auto p = num(j) ? numeric(j) : simple_copy(j);
    if (!p || p->spec.grain == Grain::day) {
      return std::nullopt;
    }
    // Only a month or a year is taken with its preposition ("en avril dernier", "in 2022");
    // "in late 2024", "in Q1 2025" keep their own words.
    static constexpr std::string_view k_rules[] = {"date.year",
                                                   "date.month",
                                                   "date.month_year",
                                                   "date.month_last",
                                                   "date.month_next",
                                                   "date.month_relative_year",
                                                   "date.year_month",
                                                   "date.month_modified"};
    if (std::find(std::begin(k_rules), std::end(k_rules), std::string_view(p->rule))
        == std::end(k_rules)) {
      return std::nullopt;
    }
    return p;
  }

  // Forms starting with a number (not "16 juillet", see day_month).
  std::optional<Piece> numeric(int i) const {
    const Tok& t = at(i);
    if (t.value < 0) {
      return std::nullopt;
    }
    // 20250716
    if (t.digits == 8) {
      int y = t.value / 10000;
      int m = t.value / 100 % 100;
      int d = t.value % 100;
      if (plausible_year(y) && CivilDate{y, m, d}.valid()) {
        return day_piece(i + 1, y, m, d, "date.compact");
      }
      return std::nullopt;
    }
    if (t.digits == 4) {
      return numeric_from_year(i);
    }
    if (t.digits > 2) {
      return std::nullopt;
    }
    return numeric_from_small(i);
  }

  static Piece day_piece(int end, int y, int m, int d, const char* rule) {
    Spec s;
    s.year = y;
    s.month = m;
    s.day = d;
    s.grain = Grain::day;
    return Piece{end, s, rule};
  }

  static Piece month_piece(int end, int y, int m, const char* rule) {
    Spec s;
    s.year = y;
    s.month = m;
    s.grain = Grain::month;
    return Piece{end, s, rule};
  }

  static Piece year_piece(int end, int y, const char* rule) {
    Spec s;
    s.year = y;
    s.grain = Grain::year;
    return Piece{end, s, rule};
  }

  static bool date_sep(char c) { return c == '-' || c == '/' || c == '.'; }

  // Separator at `j` joining two numbers without spaces; returns it or 0.
  char tight_sep(int j) const {
    if (j < m_n && at(j).kind == TokKind::punct && date_sep(at(j).p) && adjacent(j)
        && adjacent(j + 1)) {
      return at(j).p;
    }
    return 0;
  }

  // Separator that may be surrounded by spaces ("11 / 2016", "2016 - 11").
  char loose_sep(int j) const {
    if (j < m_n && at(j).kind == TokKind::punct && (at(j).p == '-' || at(j).p == '/')) {
      return at(j).p;
    }
    return 0;
  }

  std::optional<Piece> numeric_from_year(int i) const {
    int y = at(i).value;
    if (y < 1000 || y > 2999) {
      return std::nullopt;
    }
    // 2025-07-16, 2015/08/12, 2015.5.13, 2019-sep-1, 2020/23/Sep
    if (char s1 = tight_sep(i + 1)) {
      int j = i + 2;
      int m = 0;
      int k = 0;
      if (num(j) && at(j).digits <= 2) {
        m = at(j).value;
        k = j + 1;
      } else if (month_word(j)) {
        m = month_word(j);
        k = j + 1;
      }
      if (m && tight_sep(k) == s1) {
        if (num(k + 1) && at(k + 1).digits <= 2) {
          int d = at(k + 1).value;
          if (CivilDate{y, m, d}.valid()) {
            return day_piece(k + 2, y, m, d, "date.iso");
          }
          return std::nullopt;
        }
        if (num(j) && month_word(k + 1)) { // 2020/23/Sep
          int mm = month_word(k + 1);
          if (CivilDate{y, mm, m}.valid()) {
            return day_piece(k + 2, y, mm, m, "date.iso");
          }
        }
        return std::nullopt;
      }
    }
    // 2016 10 16
    if (num(i + 1) && num(i + 2) && at(i + 1).digits == 2 && at(i + 2).digits == 2
        && at(i + 1).space_before && at(i + 2).space_before && !num(i + 3)) {
      int m = at(i + 1).value;
      int d = at(i + 2).value;
      if (plausible_year(y) && CivilDate{y, m, d}.valid() && end_or_punct(i + 3)) {
        return day_piece(i + 3, y, m, d, "date.ymd_spaced");
      }
    }
    // 2015-3, 2016 / 11: a month
    if (loose_sep(i + 1) || tight_sep(i + 1) == '.') {
      int j = i + 2;
      if (num(j) && at(j).digits <= 2 && at(j).value >= 1 && at(j).value <= 12 && plausible_year(y)
          && !(tight_sep(j + 1) && num(j + 2)) && !followed_by_amount(j)) {
        return month_piece(j + 1, y, at(j).value, "date.year_month_numeric");
      }
    }
    // 2016 june, 2016, nov
    {
      int j = i + 1;
      if (punct(j, ',')) {
        ++j;
      }
      if (!m_fr || j == i + 1) {
        if (auto m = month_at(j, true); m && !num(m->second) && plausible_year(y)) {
          return month_piece(m->second, y, m->first, "date.year_month");
        }
      }
    }
    if (!plausible_year(y) || followed_by_amount(i) || !bare_year_ok(i)) {
      return std::nullopt;
    }
    return year_piece(i + 1, y, "date.year");
  }

  bool bare_year_ok(int i) const {
    // "32 - 2015", "2015 - 32": part of a numeric range that is not a date.
    if ((punct(i - 1, '-') || punct(i - 1, '/')) && num(i - 2) && at(i - 2).digits != 4) {
      return false;
    }
    if ((punct(i + 1, '-') || punct(i + 1, '/')) && num(i + 2) && at(i + 2).digits != 4
        && !(at(i + 2).digits == 2 && short_year_end(at(i).value, at(i + 2).value))) {
      return false;
    }
    if (punct(i - 1, '=') && i >= 2) {
      return false;
    }
    return true;
  }

  // Day/month order of a numeric date. French writes d/m; English m/d (as the conformance
  // peers and US outlets do); either flips when only the other order is valid.
  std::optional<std::pair<int, int>> order_dm(int a, int b) const {
    int d = m_fr ? a : b;
    int m = m_fr ? b : a;
    if (m >= 1 && m <= 12 && d >= 1 && d <= 31) {
      return std::pair{d, m};
    }
    std::swap(d, m);
    if (m >= 1 && m <= 12 && d >= 1 && d <= 31) {
      return std::pair{d, m};
    }
    return std::nullopt;
  }

  bool numeric_context(int i) const {
    return flag(i - 1, dw_article | dw_on) || is(i - 1, "du") || is(i - 1, "au")
           || weekday_word(i - 1) >= 0 || (punct(i - 1, ',') && weekday_word(i - 2) >= 0);
  }

  std::optional<Piece> numeric_from_small(int i) const {
    int a = at(i).value;
    char s1 = tight_sep(i + 1);
    // 16/07/2025, 3-7-27, 12/08,2015, 23/Sep/2020
    if (s1) {
      int j = i + 2;
      int b = 0;
      bool b_word = false;
      if (num(j) && at(j).digits <= 2) {
        b = at(j).value;
      } else if (month_word(j)) {
        b = month_word(j);
        b_word = true;
      }
      if (b) {
        int k = j + 1;
        char s2 = tight_sep(k);
        bool comma = punct(k, ',') && adjacent(k) && adjacent(k + 1);
        if ((s2 == s1 || comma) && num(k + 1) && (at(k + 1).digits == 4 || at(k + 1).digits == 2)) {
          int y = at(k + 1).digits == 4 ? at(k + 1).value : expand_yy(at(k + 1).value);
          std::optional<std::pair<int, int>> dm =
              b_word ? std::optional<std::pair<int, int>>(std::pair{a, b}) : order_dm(a, b);
          if (dm && CivilDate{y, dm->second, dm->first}.valid()) {
            return day_piece(k + 2, y, dm->second, dm->first, "date.numeric_dmy");
          }
          return std::nullopt;
        }
        if (s2 && num(k + 1)) {
          return std::nullopt; // 1.2.3.4: not a date
        }
        // Sep-23-2020 is month_first's; 3/2015 is a month
        if (!b_word) {
          auto dm = order_dm(a, b);
          bool tight_context = numeric_context(i);
          bool slash_ok = s1 == '/' && (at(i).digits == 2 || at(j).digits == 2 || a > 12 || b > 12);
          if (dm && (tight_context || slash_ok) && !punct(k, '%') && !followed_by_amount(j)) {
            Spec s;
            s.rel = Rel::day_near;
            s.month = dm->second;
            s.day = dm->first;
            s.grain = Grain::day;
            return Piece{k, s, "date.numeric_dm"};
          }
        } else if (b_word) {
          Spec s;
          s.rel = Rel::day_near;
          s.month = b;
          s.day = a;
          s.grain = Grain::day;
          if (a >= 1 && a <= 31) {
            return Piece{k, s, "date.numeric_dm"};
          }
        }
      }
    }
    // 3/2015, 11 / 2016, 11-2016: a month
    if (char s = loose_sep(i + 1)) {
      (void)s;
      if (auto y = year4(i + 2); y && a >= 1 && a <= 12 && plausible_year(*y)) {
        if (!(tight_sep(i + 3) && num(i + 4))) {
          return month_piece(i + 3, *y, a, "date.month_year_numeric");
        }
      }
    }
    // 2 4 2009, 18 08 1978: spaced numbers with a four-digit year
    if (num(i + 1) && at(i + 1).digits <= 2 && at(i + 1).space_before && num(i + 2)
        && at(i + 2).digits == 4 && at(i + 2).space_before && !num(i + 3)) {
      auto dm = order_dm(a, at(i + 1).value);
      int y = at(i + 2).value;
      if (dm && plausible_year(y) && CivilDate{y, dm->second, dm->first}.valid()) {
        return day_piece(i + 3, y, dm->second, dm->first, "date.numeric_spaced");
      }
    }
    return std::nullopt;
  }

  // "16 juillet 2025", "1er mars", "12 of Nov", "fourth of july, 1995", "28 june in 2020",
  // "le 16 juillet dernier".
  std::optional<Piece> day_month(int i) const {
    auto day = day_at(i);
    if (!day) {
      return std::nullopt;
    }
    int j = day->second;
    if (punct(j, '.') && num(i) && month_word(j + 1)) {
      ++j; // "16. Nov. 2016"
    }
    if (flag(j, dw_of) && month_word(j + 1)) {
      ++j; // "12 of Nov", "3 de mars" is rare but harmless
    }
    auto m = month_at(j, true);
    if (!m || (entry(j).month_weak && !num(i))) {
      return std::nullopt; // "one may ask"
    }
    int d = day->first;
    int k = m->second;
    if (auto y = year_tail(k)) {
      if (!CivilDate{y->first, m->first, d}.valid()) {
        return std::nullopt;
      }
      return day_piece(y->second, y->first, m->first, d, "date.day_month_year");
    }
    Spec s;
    s.month = m->first;
    s.day = d;
    s.grain = Grain::day;
    s.rel = Rel::day_near;
    if (flag(k, dw_last) && m_fr) {
      s.rel = Rel::day_last;
      ++k;
    } else if (flag(k, dw_next) && m_fr) {
      s.rel = Rel::day_next;
      ++k;
    }
    if (d > days_in_month(2024, m->first)) {
      return std::nullopt;
    }
    return Piece{k, s, "date.day_month"};
  }

  // Year after a day and month: "2025", ", 2025", "de 1987", "of 87", "in 2020", "98".
  std::optional<std::pair<int, int>> year_tail(int k) const {
    int j = k;
    bool connector = false;
    if (punct(j, ',')) {
      ++j;
    } else if ((flag(j, dw_of) || (flag(j, dw_in) && !m_fr)) && num(j + 1)) {
      ++j;
      connector = true;
    }
    (void)connector;
    return year_after(j, true);
  }

  // "juillet 2025", "July 16, 2025", "Jul. 16", "Oct/2", "Dec-2018", "April of 1987",
  // "avril dernier", "juin de l'année prochaine", "june next year", and a bare "mars".
  std::optional<Piece> month_first(int i) const {
    bool number_next = false;
    {
      int j = i + 1;
      if (punct(j, '.')) {
        ++j;
      }
      if (punct(j, '/') || punct(j, '-') || punct(j, ',')) {
        ++j;
      }
      number_next = num(j) || (lex(j) && (entry(j).ordinal || entry(j).cardinal) && !m_fr)
                    || (m_fr && lex(j) && (entry(j).ordinal || entry(j).cardinal >= 20));
      if (!m_fr && flag(j, dw_article) && small_ordinal(j + 1, 31)) {
        number_next = true;
      }
    }
    auto m = month_at(i, number_next);
    if (!m) {
      return std::nullopt;
    }
    int month = m->first;
    int j = m->second;
    // Month then year: "juillet 2025", "Dec-2018", "Dec/2018", "Dec, 2018", "April of 87".
    {
      int k = j;
      if (punct(k, '-') || punct(k, '/') || punct(k, ',') || flag(k, dw_of)) {
        ++k;
      }
      if (auto y = year4(k); y && !followed_by_amount(k)) {
        return month_piece(k + 1, *y, month, "date.month_year");
      }
      // "August two thousand and fifteen", "June of nineteen ninety nine"
      if (auto y = spelled_year(k);
          y && y->first >= 1000 && y->first <= 2100 && spelled_year_ends(y->second)) {
        return month_piece(y->second, y->first, month, "date.month_year");
      }
      // Two digits are a year only where they cannot be a day: "juillet 98", "April of 87".
      if (num(k) && at(k).digits == 2 && end_or_punct(k + 1) && !punct(k + 1, ':')
          && !punct(k + 1, '/') && !punct(k + 1, '-') && !(punct(k + 1, '.') && num(k + 2))
          && (at(k).value > 31 || flag(k - 1, dw_of))) {
        return month_piece(k + 1, expand_yy(at(k).value), month, "date.month_year");
      }
    }
    // Month then day: "July 16, 2025", "Jul. 16", "Oct/2", "Oct-2", "Oct2", "Jan first",
    // "September the twenty-first", "Sep-23-2020", "novembre 23 de 1987".
    {
      int k = j;
      char sep = 0;
      if (punct(k, '/') || punct(k, '-')) {
        sep = at(k).p;
        ++k;
      } else if (punct(k, '.') || punct(k, ',')) {
        ++k;
      }
      if (!m_fr && flag(k, dw_article) && small_ordinal(k + 1, 31)) {
        ++k;
      }
      auto day = day_at(k);
      bool word_day = day && !num(k);
      if (day && num(k) && at(k).digits > 2) {
        day.reset();
      }
      if (day && !(num(k) && day->second < m_n && punct(day->second, ':'))) {
        int d = day->first;
        int e = day->second;
        if (sep && tight_sep(e) == sep && num(e + 1)
            && (at(e + 1).digits == 4 || at(e + 1).digits == 2)) {
          int y = at(e + 1).digits == 4 ? at(e + 1).value : expand_yy(at(e + 1).value);
          if (CivilDate{y, month, d}.valid()) {
            return day_piece(e + 2, y, month, d, "date.month_day_year");
          }
          return std::nullopt;
        }
        if (sep && tight_sep(e) && num(e + 1)) {
          return std::nullopt;
        }
        if (auto y = year_tail(e)) {
          if (CivilDate{y->first, month, d}.valid()) {
            return day_piece(y->second, y->first, month, d, "date.month_day_year");
          }
        }
        bool fr_ok = sep || word_day || !at(k).space_before || punct(i + 1, '.');
        if ((!m_fr || fr_ok) && d <= days_in_month(2024, month)) {
          Spec s;
          s.month = month;
          s.day = d;
          s.rel = Rel::day_near;
          return Piece{e, s, "date.month_day"};
        }
      }
    }
    Spec s;
    s.month = month;
    s.grain = Grain::month;
    s.rel = Rel::month_near;
    // "avril dernier", "juin prochain"
    if (flag(j, dw_last)) {
      s.rel = Rel::month_last;
      return Piece{j + 1, s, "date.month_last"};
    }
    if (flag(j, dw_next)) {
      s.rel = Rel::month_next;
      return Piece{j + 1, s, "date.month_next"};
    }
    // "juin de l'année prochaine", "june next year", "juin de cette année"
    {
      int k = j;
      if (flag(k, dw_of)) {
        ++k;
      }
      if (auto y = relative_year(k)) {
        s.rel = Rel::month_year_off;
        s.offset = y->first;
        return Piece{y->second, s, "date.month_relative_year"};
      }
    }
    if (at(i).w->month_abbrev
        && !flag(i - 1,
                 dw_in | dw_of | dw_last | dw_next | dw_this | dw_from | dw_between | dw_to | dw_and
                     | dw_by | dw_since | dw_begin | dw_end | dw_mid | dw_article)) {
      if (!(m_fr && punct(i + 1, '.'))) {
        return std::nullopt;
      }
    }
    return Piece{j, s, "date.month"};
  }

  // "l'année prochaine", "l'an dernier", "cette année", "next year", "last year", "this year".
  // Returns {year offset, end}.
  std::optional<std::pair<int, int>> relative_year(int i) const {
    int j = i;
    if (flag(j, dw_article)) {
      ++j;
      if (punct(j, '\'')) {
        ++j;
      }
      if (unit_word(j) == 'y' && !entry(j).unit_plural) {
        if (flag(j + 1, dw_last)) {
          return std::pair{-1, j + 2};
        }
        if (flag(j + 1, dw_next)) {
          return std::pair{1, j + 2};
        }
        if (is(j + 1, "en") && is(j + 2, "cours")) {
          return std::pair{0, j + 3};
        }
      }
      return std::nullopt;
    }
    if (flag(j, dw_this | dw_last | dw_next) && unit_word(j + 1) == 'y'
        && !entry(j + 1).unit_plural) {
      if (is(j, "past")) {
        return std::nullopt; // "the past year": a duration
      }
      int off = flag(j, dw_this) ? 0 : flag(j, dw_last) ? -1 : 1;
      if (m_fr && !flag(j, dw_this)) {
        return std::nullopt; // French puts "dernière" after the noun
      }
      return std::pair{off, j + 2};
    }
    return std::nullopt;
  }

  // "mercredi", "mercredi 16 juillet", "Monday 21", "Friday 7/6", "mercredi prochain",
  // "mardi de la semaine prochaine", "lundi en huit", "on Friday next week".
  std::optional<Piece> weekday_expr(int i) const {
    const DateWord* w = &entry(i);
    int wd = w->weekday;
    int j = i + 1;
    if (w->weekday_abbrev && punct(j, '.') && adjacent(j)) {
      ++j;
    }
    int k = j;
    if (punct(k, ',')) {
      ++k;
    }
    if (flag(k, dw_article) && !is(k, "la") && !is(k, "l")) {
      ++k; // "Thursday the 21st", "le"
    }
    // "Monday two weeks from now", "Sunday 3 weeks after January 15th"
    if (!m_fr && !w->weekday_abbrev) {
      if (auto o = offset_expr(k);
          o && (o->spec.shift_months || o->spec.shift_days) && o->spec.week_weekday < 0) {
        o->spec.week_weekday = static_cast<std::int8_t>(wd);
        return o;
      }
    }
    // weekday + full or year-less date
    std::optional<Piece> date;
    if (num(k)) {
      date = numeric(k);
      auto dm = day_month(k);
      if (dm && (!date || dm->end > date->end)) {
        date = dm;
      }
    } else if (month_word(k)) {
      date = month_first(k);
      if (date && date->spec.grain != Grain::day) {
        date.reset();
      }
    } else if (lex(k) && (entry(k).ordinal || entry(k).cardinal)) {
      date = day_month(k);
    }
    if (date && date->spec.grain == Grain::day) {
      Piece p = *date;
      if (p.spec.rel == Rel::day_near) {
        p.spec.rel = Rel::weekday_date;
        p.spec.weekday = wd;
      }
      p.rule = "date.weekday_date";
      return p;
    }
    // weekday + day of month: "Monday 21", "mercredi 13", "Friday the 22nd"
    if (auto day = day_at(k); day && !(num(k) && at(k).digits > 2)) {
      int e = day->second;
      bool ok = false;
      if (end_or_punct(e)) {
        ok = !punct(e, ':') && !punct(e, '%') && !punct(e, '$') && !punct(e, '/')
             && !(punct(e, '.') && num(e + 1));
      } else if (word(e)) {
        ok = !num(k) || flag(e, dw_and | dw_to | dw_a) || weekday_word(e) >= 0
             || (at(e).cap && !lex(e));
        if (num(k) && adjacent(e)) {
          ok = false; // "lundi 15h"
        }
      }
      if (ok) {
        Spec s;
        s.rel = Rel::weekday_day;
        s.weekday = wd;
        s.day = day->first;
        return Piece{e, s, "date.weekday_day"};
      }
    }
    if (w->weekday_abbrev) {
      // "mer.", "sam." alone are the sea and a name; English "Sun", "Sat" are words too.
      if (m_fr || !at(i).cap || is(i, "sun") || is(i, "sat")) {
        return std::nullopt;
      }
    }
    Spec s;
    s.weekday = wd;
    s.rel = Rel::weekday_near;
    if (auto wk = week_ref(j)) {
      s.rel = Rel::weekday_week;
      s.offset = wk->first;
      return Piece{wk->second, s, "date.weekday_week"};
    }
    // "mercredi prochain", "mercredi dernier", "mardi d'après", "lundi en huit"
    if (flag(j, dw_next)) {
      s.rel = Rel::weekday_next;
      return Piece{j + 1, s, "date.weekday_next"};
    }
    if (flag(j, dw_last)) {
      s.rel = Rel::weekday_last;
      return Piece{j + 1, s, "date.weekday_last"};
    }
    if (m_fr && is(j, "d") && punct(j + 1, '\'') && is(j + 2, "apres")) {
      s.rel = Rel::weekday_next;
      return Piece{j + 3, s, "date.weekday_next"};
    }
    if (m_fr && is(j, "en") && (is(j + 1, "huit") || (num(j + 1) && at(j + 1).value == 8))) {
      s.rel = Rel::weekday_en_huit;
      s.offset = 1;
      return Piece{j + 2, s, "date.weekday_en_huit"};
    }
    if (m_fr && is(j, "en") && (is(j + 1, "quinze") || (num(j + 1) && at(j + 1).value == 15))) {
      s.rel = Rel::weekday_en_huit;
      s.offset = 2;
      return Piece{j + 2, s, "date.weekday_en_huit"};
    }
    if (auto wk = week_ref(j)) {
      s.rel = Rel::weekday_week;
      s.offset = wk->first;
      return Piece{wk->second, s, "date.weekday_week"};
    }
    return Piece{j, s, "date.weekday"};
  }

  // "la semaine prochaine", "de la semaine dernière", "cette semaine", "next week", "of last
  // week", "this week". Returns {week offset, end}.
  std::optional<std::pair<int, int>> week_ref(int i) const {
    int j = i;
    if (flag(j, dw_of) || flag(j, dw_on)) {
      ++j;
    }
    if (flag(j, dw_article)) {
      ++j;
    }
    if (flag(j, dw_this) && unit_word(j + 1) == 'w') {
      return std::pair{0, j + 2};
    }
    if (!m_fr && flag(j, dw_last | dw_next) && unit_word(j + 1) == 'w') {
      return std::pair{flag(j, dw_last) ? -1 : 1, j + 2};
    }
    if (m_fr && unit_word(j) == 'w') {
      if (flag(j + 1, dw_next)) {
        return std::pair{1, j + 2};
      }
      if (flag(j + 1, dw_last)) {
        return std::pair{-1, j + 2};
      }
      if (is(j + 1, "d") && punct(j + 2, '\'') && is(j + 3, "apres")) {
        return std::pair{1, j + 4};
      }
    }
    return std::nullopt;
  }

  // End of the phrase `words` (folded tokens separated by spaces; punctuation tokens are
  // optional) starting at `i`, or -1.
  int phrase_end(int i, std::string_view words) const {
    int j = i;
    while (!words.empty()) {
      auto sp = words.find(' ');
      std::string_view w = words.substr(0, sp);
      words = sp == std::string_view::npos ? std::string_view{} : words.substr(sp + 1);
      if (w.size() == 1 && !is_alpha_ascii(static_cast<unsigned char>(w[0]))) {
        if (punct(j, w[0])) {
          ++j;
        }
        continue;
      }
      if (!word(j) || at(j).word() != w) {
        return -1;
      }
      ++j;
    }
    return j;
  }

  // "hier", "demain", "aujourd'hui", "avant-hier", "après-demain", "today", "yesterday",
  // "the day before yesterday", "the day after tomorrow" (see relative_day_phrases()).
  std::optional<Piece> relative_day(int i) const {
    for (const RelativeDayPhrase& r : relative_day_phrases()) {
      if (r.french != m_fr) {
        continue;
      }
      if (int e = phrase_end(i, r.words); e > 0) {
        Spec s;
        s.rel = Rel::day_offset;
        s.unit = 'd';
        s.offset = r.offset;
        return Piece{e, s, "date.relative_day"};
      }
    }
    return std::nullopt;
  }

  // "le mois dernier", "l'an dernier", "l'année prochaine", "cette année", "ce mois-ci",
  // "ce trimestre", "last year", "next month", "this quarter", "last sept", "next Monday",
  // "this Friday", "this past Wednesday", "cette décembre", "prochain Juin", "next week Monday".
  std::optional<Piece> modified(int i) const {
    Spec s;
    // French: article + unit + dernier/prochain
    if (m_fr && flag(i, dw_article)) {
      int j = i + 1;
      if (punct(j, '\'')) {
        ++j;
      }
      char u = unit_word(j);
      if (!u || entry(j).unit_plural) {
        return std::nullopt;
      }
      int off = 0;
      if (flag(j + 1, dw_last)) {
        off = -1;
      } else if (flag(j + 1, dw_next)) {
        off = 1;
      } else if (u == 'y' && is(j + 1, "en") && is(j + 2, "cours")) {
        return unit_offset('y', 0, j + 3);
      } else {
        return std::nullopt;
      }
      return unit_offset(u, off, j + 2);
    }
    if (flag(i, dw_article)) {
      return std::nullopt;
    }
    int j = i + 1;
    int off = flag(i, dw_this) ? 0 : flag(i, dw_last) ? -1 : 1;
    bool past = false;
    // "this past Wednesday", "this upcoming Friday", "this coming Thursday"
    if (!m_fr && flag(i, dw_this) && flag(j, dw_last | dw_next)) {
      off = flag(j, dw_last) ? -1 : 1;
      past = true;
      ++j;
    }
    if (!m_fr && is(i, "past")) {
      past = true;
    }
    if (!m_fr && flag(i, dw_this) && flag(j, dw_calendar) && unit_word(j + 1) == 'y'
        && !entry(j + 1).unit_plural) {
      return unit_offset('y', 0, j + 2); // "this calendar year"
    }
    // "last Easter", "next new year day", "this Christmas", "the following Easter"
    if (lex(j) && entry(j).holiday && !m_fr) {
      if (auto h = holiday_expr(j, off == 0 ? 2 : off)) {
        return h;
      }
    }
    if (char u = unit_word(j); u && !entry(j).unit_plural) {
      if (m_fr && !flag(i, dw_this)) {
        return std::nullopt;
      }
      if (is(i, "past") || is(i, "current") || past) {
        return std::nullopt;
      }
      int e = j + 1;
      if (m_fr && u == 'm' && punct(e, '-') && is(e + 1, "ci")) {
        e += 2;
      }
      if (u == 'w') {
        // "next week Wednesday", "this week Monday", "last week Sunday", "next week on Tuesday"
        int k = e;
        if (flag(k, dw_on)) {
          ++k;
        }
        if (punct(k, '-')) {
          ++k;
        }
        if (weekday_word(k) >= 0) {
          s.rel = Rel::weekday_week;
          s.weekday = weekday_word(k);
          s.offset = off;
          return Piece{k + 1, s, "date.week_weekday"};
        }
        return std::nullopt;
      }
      return unit_offset(u, off, e);
    }
    if (int m = month_word(j); m && !(entry(j).month_weak && !at(j).cap)) {
      int e = j + 1;
      if (entry(j).month_abbrev && punct(e, '.') && adjacent(e)) {
        ++e;
      }
      s.month = m;
      s.grain = Grain::month;
      s.rel = off == 0 ? Rel::month_this : off < 0 ? Rel::month_last : Rel::month_next;
      return Piece{e, s, "date.month_modified"};
    }
    if (int wd = weekday_word(j); wd >= 0) {
      s.weekday = wd;
      if (off == 0) {
        s.rel = Rel::weekday_week;
        s.offset = 0;
      } else {
        s.rel = off < 0 ? Rel::weekday_last : Rel::weekday_next;
      }
      if (is(i, "previous")) {
        s.rel = Rel::weekday_last;
      }
      int e = j + 1;
      if (entry(j).weekday_abbrev && punct(e, '.') && adjacent(e)) {
        ++e;
      }
      return Piece{e, s, "date.weekday_modified"};
    }
    return std::nullopt;
  }

  static std::optional<Piece> unit_offset(char u, int off, int end) {
    Spec s;
    switch (u) {
    case 'y':
      s.rel = Rel::year_offset;
      s.grain = Grain::year;
      break;
    case 'm':
      s.rel = Rel::month_offset;
      s.grain = Grain::month;
      break;
    case 'q':
      s.rel = Rel::quarter_offset;
      s.grain = Grain::quarter;
      break;
    case 'h':
      s.rel = Rel::half_offset;
      s.grain = Grain::half;
      break;
    default:
      return std::nullopt; // weeks and days have no grain of their own here
    }
    s.offset = off;
    return Piece{end, s, "date.relative_period"};
  }

  // "fin 2024", "début 2025", "mi-2025", "fin mars", "fin de l'année", "late 2024",
  // "early 2025", "mid-2025", "the end of 2024", "end of the year", "à la fin de l'année
  // prochaine". The value is the period named; the text keeps the nuance.
  std::optional<Piece> boundary(int i) const {
    int j = i;
    if (flag(j, dw_article)) {
      ++j;
    }
    if (!flag(j, dw_end | dw_begin | dw_mid)) {
      return std::nullopt;
    }
    ++j;
    if (punct(j, '-')) {
      ++j;
    }
    bool of = false;
    if (flag(j, dw_of)) {
      ++j;
      of = true;
      if (punct(j, '\'')) {
        ++j;
      }
    }
    // "the year", "l'année", "this year", "le mois": the current one
    {
      int k = j;
      if (flag(k, dw_article)) {
        ++k;
        if (punct(k, '\'')) {
          ++k;
        }
      }
      if (of || m_fr) {
        if (auto y = relative_year(j)) {
          auto p = unit_offset('y', y->first, y->second);
          p->rule = "date.boundary";
          return p;
        }
        char u = unit_word(k);
        if (u && (u == 'y' || u == 'm' || u == 'q' || u == 'h') && !entry(k).unit_plural
            && (k > j || of)) {
          int off = 0;
          int e = k + 1;
          if (flag(e, dw_last)) {
            off = -1;
            ++e;
          } else if (flag(e, dw_next)) {
            off = 1;
            ++e;
          }
          auto p = unit_offset(u, off, e);
          p->rule = "date.boundary";
          return p;
        }
        if (auto m = modified(j)) {
          m->rule = "date.boundary";
          return m;
        }
      }
    }
    std::optional<Piece> inner;
    if (num(j)) {
      if (at(j).digits != 4 || !chain_start_ok(j)) {
        return std::nullopt;
      }
      inner = numeric(j);
    } else if (month_word(j)) {
      inner = month_first(j);
    }
    if (!inner || inner->spec.grain == Grain::day) {
      return std::nullopt;
    }
    inner->rule = "date.boundary";
    return inner;
  }

  // "au premier trimestre 2025", "T1 2025", "Q1 2025", "first quarter of 2025", "H1 2025",
  // "second semestre", "first half", "the third quarter of last year".
  std::optional<Piece> quarter(int i) const {
    int part = 0;
    char u = 0;
    int j = i;
    // Q1, T1, H1, S1
    if (word(i) && at(i).klen == 1 && num(i + 1) && adjacent(i + 1) && at(i + 1).digits == 1) {
      char c = at(i).key[0];
      int v = at(i + 1).value;
      if ((c == 'q' || (c == 't' && m_fr)) && v >= 1 && v <= 4) {
        u = 'q';
      } else if ((c == 'h' || (c == 's' && m_fr)) && v >= 1 && v <= 2) {
        u = 'h';
      } else {
        return std::nullopt;
      }
      if (!at(i).cap && c != 'q') {
        return std::nullopt;
      }
      part = v;
      j = i + 2;
      if (flag(j, dw_suffix)) {
        return std::nullopt;
      }
    } else {
      // ordinal + unit
      if (num(i) && at(i).digits == 1 && flag(i + 1, dw_suffix) && adjacent(i + 1)) {
        part = at(i).value;
        j = i + 2;
      } else if (lex(i) && entry(i).ordinal) {
        part = entry(i).ordinal;
        j = i + 1;
      } else {
        return std::nullopt;
      }
      if (punct(j, '-')) {
        ++j;
      }
      u = unit_word(j);
      if ((u != 'q' && u != 'h') || entry(j).unit_plural) {
        return std::nullopt;
      }
      if ((u == 'q' && part > 4) || (u == 'h' && part > 2)) {
        return std::nullopt;
      }
      ++j;
    }
    Spec s;
    s.part = part;
    s.grain = u == 'q' ? Grain::quarter : Grain::half;
    // year: "2025", "de 2025", "of 2025", "de l'année prochaine", "of this year", "fiscal 2025"
    int k = j;
    if (flag(k, dw_of) || punct(k, '-') || punct(k, '\'')) {
      ++k;
      if (punct(k, '\'')) {
        ++k;
      }
    }
    if (flag(k, dw_fiscal) && !is(k, "exercice")) {
      ++k;
    }
    if (auto y = year4(k, 1900, 2100)) {
      s.year = *y;
      return Piece{k + 1, s, "date.quarter"};
    }
    if (num(k) && at(k).digits == 2 && k > j && adjacent(k)) {
      s.year = 2000 + at(k).value; // Q1-25
      return Piece{k + 1, s, "date.quarter"};
    }
    if (auto y = relative_year(k)) {
      // A part of a relative year; unit 'p' tells resolve_spec.
      s.rel = u == 'q' ? Rel::quarter_offset : Rel::half_offset;
      s.unit = 'p';
      s.offset = y->first;
      return Piece{y->second, s, "date.quarter_relative"};
    }
    s.rel = u == 'q' ? Rel::quarter_near : Rel::half_near;
    return Piece{j, s, "date.quarter"};
  }

  // "FY2024", "FY 2024", "FY24", "fiscal 2024", "fiscal year 2024", "exercice 2024",
  // "calendar year 2008", "cy 2008", "cy18".
  std::optional<Piece> fiscal(int i) const {
    int j = i;
    if (flag(j, dw_article)) {
      ++j;
      if (punct(j, '\'')) {
        ++j;
      }
    }
    if (!flag(j, dw_fiscal | dw_calendar)) {
      return std::nullopt;
    }
    ++j;
    if (unit_word(j) == 'y' && !entry(j).unit_plural) {
      ++j;
    }
    if (auto y = year4(j, 1900, 2100)) {
      return year_piece(j + 1, *y, "date.fiscal_year");
    }
    if (num(j) && at(j).digits == 2 && (adjacent(j) || is(i, "fy") || is(j - 1, "fy"))) {
      return year_piece(j + 1, 2000 + at(j).value, "date.fiscal_year");
    }
    return std::nullopt;
  }

  // "l'année 2008", "year 2008", "the year of 2008", "en l'an 2000".
  std::optional<Piece> year_word(int i) const {
    int j = i;
    if (flag(j, dw_article)) {
      ++j;
      if (punct(j, '\'')) {
        ++j;
      }
    }
    if (unit_word(j) != 'y' || entry(j).unit_plural) {
      return std::nullopt;
    }
    ++j;
    if (!m_fr && is(j, "of")) {
      ++j;
    }
    if (auto y = year4(j)) {
      return year_piece(j + 1, *y, "date.year_word");
    }
    if (auto y = spelled_year(j); y && spelled_year_ends(y->second)) {
      return year_piece(y->second, y->first, "date.year_word"); // "year two hundred and six"
    }
    return std::nullopt;
  }

  // Counted units: "2 years 1 month 21 days", "1 month and 21 days", "two weeks", "a
  // fortnight", "a few days". `unit` is the first unit's letter.
  struct Shift {
    int months = 0;
    int days = 0;
    int end = 0;
    char unit = 0;
  };

  std::optional<Shift> shift_list(int j) const {
    Shift sh;
    for (int parts = 0;; ++parts) {
      int k = j;
      if (parts > 0) {
        if (punct(k, ',')) {
          ++k;
        }
        if (flag(k, dw_and)) {
          ++k;
        }
      }
      int n = 0;
      int e = 0;
      bool few = false;
      if (!m_fr && (is(k, "few") || (is(k, "a") && is(k + 1, "few")))) {
        n = 3; // "a few days ago": three, as the peers read it
        e = is(k, "few") ? k + 1 : k + 2;
        few = true;
      } else if (auto c = count_at(k)) {
        n = c->first;
        e = c->second;
      } else {
        break;
      }
      char u = unit_word(e);
      if (!u || u == 'q' || u == 'h') {
        break;
      }
      if (!few && entry(e).unit_plural != (n > 1) && !(u == 'm' && m_fr)) {
        break;
      }
      switch (u) {
      case 'y':
        sh.months += 12 * n;
        break;
      case 'm':
        sh.months += n;
        break;
      case 'f':
        sh.days += 14 * n;
        break;
      case 'w':
        sh.days += 7 * n;
        break;
      default:
        sh.days += n;
        break;
      }
      if (parts == 0) {
        sh.unit = u;
      }
      j = e + 1;
      sh.end = j;
    }
    if (sh.end == 0) {
      return std::nullopt;
    }
    return sh;
  }

  // "il y a deux ans", "dans trois mois", "two years ago", "in 2 weeks", "3 days later",
  // "two weeks from now", "1 month 21 days ago", "three weeks from tomorrow", "2 weeks before
  // Christmas", "3 days after January 12th", "trois jours après Noël".
  std::optional<Piece> offset_expr(int i) const {
    int j = i;
    int sign = 0;
    if (m_fr && flag(i, dw_il) && flag(i + 1, dw_y) && flag(i + 2, dw_a)) {
      sign = -1;
      j = i + 3;
    } else if (m_fr && flag(i, dw_il) && is(i + 1, "ya")) {
      sign = -1; // "il ya 2 jours"
      j = i + 2;
    } else if (flag(i, dw_dans)) {
      sign = 1;
      j = i + 1;
    }
    if (sign != 0 && m_fr) {
      // hedges: "il y a environ un mois", "il y a à peu près un mois"
      if (is(j, "environ") || is(j, "presque")) {
        ++j;
      } else if (is(j, "a") && is(j + 1, "peu") && is(j + 2, "pres")) {
        j += 3;
      }
    }
    if (sign == 0 && flag(i - 1, dw_last | dw_next)) {
      return std::nullopt; // "for the last 3 months and 2 days ago": a duration comes first
    }
    auto sh = shift_list(j);
    if (!sh) {
      return std::nullopt;
    }
    int e = sh->end;
    Spec s;
    s.rel = Rel::day_offset;
    s.unit = sh->unit == 'f' ? 'w' : sh->unit;
    if (sign == 0) {
      bool before = m_fr ? is(e, "avant") : is(e, "before");
      bool after = m_fr ? is(e, "apres") : (is(e, "after") || is(e, "from"));
      if (!m_fr && flag(e, dw_ago)) {
        sign = -1;
        ++e;
      } else if (!m_fr && is(e, "later")) {
        sign = 1;
        ++e;
      } else if (!m_fr && is(e, "from") && is(e + 1, "now")) {
        sign = 1;
        e += 2;
      } else if (before || after) {
        // An anchor day: "today", "tomorrow", "January 15", "Christmas", "le 15 mars".
        int k = e + 1;
        auto base = simple_copy(k);
        if ((!base || base->spec.grain != Grain::day) && (is(k, "the") || is(k, "le"))) {
          base = simple_copy(++k);
        }
        if (!base && lex(k) && entry(k).holiday) {
          base = holiday_expr(k, 0, true); // "5 days before new year"
        }
        if (!base || base->spec.grain != Grain::day || base->spec.shift_months
            || base->spec.shift_days || base->spec.rel == Rel::day_only) {
          return std::nullopt;
        }
        sign = before ? -1 : 1;
        s = base->spec;
        e = base->end;
      } else {
        return std::nullopt;
      }
    }
    s.shift_months = sign * sh->months;
    s.shift_days = sign * sh->days;
    s.grain = Grain::day;
    if (!m_fr && flag(e, dw_on) && weekday_word(e + 1) >= 0 && !entry(e + 1).weekday_abbrev) {
      s.week_weekday = static_cast<std::int8_t>(weekday_word(e + 1)); // "in 3 days on Friday"
      e += 2;
    }
    return Piece{e, s, "date.offset"};
  }

  // "le 16", "the 18th", "on the 4th", "on 15": a day of a nearby month.
  std::optional<Piece> day_only(int i) const {
    int j = i;
    if (flag(j, dw_on)) {
      ++j;
    }
    bool article = false;
    if (is(j, "le") || is(j, "the")) {
      ++j;
      article = true;
    }
    if (!article && j == i) {
      return std::nullopt;
    }
    if (!num(j) || !chain_start_ok(j)) {
      return std::nullopt;
    }
    auto day = day_at(j, false);
    if (!day) {
      return std::nullopt;
    }
    int e = day->second;
    bool ok = e >= m_n
              || (at(e).kind == TokKind::punct && at(e).p != '%' && at(e).p != '$' && at(e).p != '/'
                  && !(at(e).p == '-' && !at(e).space_before) && at(e).p != ':'
                  && !(at(e).p == '.' && num(e + 1)) && !(at(e).p == ',' && num(e + 1)))
              || flag(e, dw_and | dw_to | dw_a);
    if (!ok) {
      return std::nullopt;
    }
    Spec s;
    s.rel = Rel::day_only;
    s.day = day->first;
    return Piece{e, s, "date.day_only"};
  }

  // ----- holidays, picks within a month ------------------------------------------------

  // The holiday name at `i`: {index into holidays(), end}. `context`: a modifier or an offset
  // comes first ("next new year", "5 days before new year"), so a weak name needs no capital.
  std::optional<std::pair<int, int>> holiday_name(int i, bool context) const {
    if (!lex(i) || !entry(i).holiday) {
      return std::nullopt;
    }
    auto all = holidays();
    const std::string_view first = at(i).word();
    for (std::size_t h = 0; h < all.size(); ++h) {
      const Holiday& hol = all[h];
      if (hol.french != m_fr || !hol.words.starts_with(first)
          || (hol.words.size() > first.size() && hol.words[first.size()] != ' ')) {
        continue;
      }
      int j = phrase_end(i, hol.words);
      if (j < 0) {
        continue;
      }
      if (holiday_blocked(i, j)) {
        return std::nullopt;
      }
      if (hol.weak && !context && !at(i).cap && !year4(j) && !(punct(j, ',') && year4(j + 1))) {
        return std::nullopt;
      }
      return std::pair{static_cast<int>(h), j};
    }
    return std::nullopt;
  }

  // "Easter Island", "île de Pâques", "père Noël", "Christmas tree", "Chinese New Year",
  // "Toussaint Louverture": a place, a thing or a name.
  bool holiday_blocked(int i, int e) const {
    int b = i - 1;
    if (punct(b, '\'')) {
      --b;
    }
    if (flag(b, dw_of) || is(b, "of")) {
      --b;
    }
    if (word(b) && holiday_blocked_before(at(b).word(), m_fr)) {
      return true;
    }
    if (word(i - 1) && holiday_blocked_before(at(i - 1).word(), m_fr)) {
      return true;
    }
    if (word(e) && holiday_blocked_after(at(e).word(), m_fr)) {
      return true;
    }
    // A capitalized word right after, other than a date word: a name ("Noël Mamère").
    return word(e) && at(e).cap && !adjacent(e) && !month_word(e) && weekday_word(e) < 0
           && !flag(e, dw_last | dw_next | dw_of | dw_in);
  }

  // "Noël", "Christmas 2010", "easter of 2018", "Independence Day of this year", "Noël
  // dernier"; `mod`: -1 "last Easter", 1 "next Easter", 2 "this Christmas" (set by modified).
  std::optional<Piece> holiday_expr(int i, int mod = 0, bool context = false) const {
    auto h = holiday_name(i, context || mod != 0);
    if (!h) {
      return std::nullopt;
    }
    const Holiday& hol = holidays()[static_cast<std::size_t>(h->first)];
    int e = h->second;
    Spec s;
    s.holiday = h->first;
    s.grain = Grain::day;
    if (mod == 0) {
      int k = e;
      if (punct(k, ',') || flag(k, dw_of)) {
        ++k;
      }
      if (auto y = year4(k, 1900, 2100); y && !followed_by_amount(k)) {
        CivilDate d = holiday_date(hol, *y);
        return day_piece(k + 1, d.year, d.month, d.day, "date.holiday");
      }
      int r = flag(e, dw_of) ? e + 1 : e;
      if (auto ry = relative_year(r)) {
        s.rel = Rel::holiday_year;
        s.offset = ry->first;
        return Piece{ry->second, s, "date.holiday"};
      }
      if (m_fr && flag(e, dw_last | dw_next)) {
        s.rel = flag(e, dw_last) ? Rel::holiday_last : Rel::holiday_next;
        return Piece{e + 1, s, "date.holiday"};
      }
    }
    s.rel = mod == 0   ? Rel::holiday_near
            : mod < 0  ? Rel::holiday_last
            : mod == 1 ? Rel::holiday_next
                       : Rel::holiday_year;
    return Piece{e, s, "date.holiday"};
  }

  // A month after "of"/"de": "July", "juillet 2025", "next month", "le mois prochain", "mois
  // prochain", "this month", "the month".
  std::optional<Piece> month_ref(int k) const {
    if (punct(k, '\'')) {
      ++k; // "d'octobre"
    }
    if (month_word(k)) {
      auto p = month_first(k);
      if (p && p->spec.grain == Grain::month) {
        return p;
      }
      return std::nullopt;
    }
    if (m_fr && unit_word(k) == 'm') {
      if (flag(k + 1, dw_next | dw_last)) {
        return unit_offset('m', flag(k + 1, dw_next) ? 1 : -1, k + 2);
      }
      if (is(k + 1, "en") && is(k + 2, "cours")) {
        return unit_offset('m', 0, k + 3);
      }
    }
    if ((is(k, "the") || is(k, "ce")) && unit_word(k + 1) == 'm' && !entry(k + 1).unit_plural) {
      int e = k + 2;
      if (m_fr && punct(e, '-') && is(e + 1, "ci")) {
        e += 2;
      }
      return unit_offset('m', 0, e);
    }
    auto p = modified(k);
    if (p && p->spec.rel == Rel::month_offset) {
      return p;
    }
    return std::nullopt;
  }

  // A month name among the three tokens after `i`, as day_month needs ("16 juillet", "1er
  // mars", "12 of Nov", "vingt et un mai"): a cheap test before it.
  bool month_near(int i) const {
    return month_word(i + 1) || month_word(i + 2) || month_word(i + 3) || month_word(i + 4);
  }

  // An ordinal opens the expression at `i` ("the first", "20th", "twenty third", "dernier
  // jour", "3 jour"): a cheap test before nth_weekday, day_of and month_of.
  bool ordinal_ahead(int i) const {
    int j = i;
    if (is(j, "the") || is(j, "le")) {
      ++j;
    }
    if (num(j)) {
      return (flag(j + 1, dw_suffix) && adjacent(j + 1)) || unit_word(j + 1) == 'd';
    }
    const DateWord* w = lex(j);
    return w && (w->ordinal || w->cardinal >= 20 || (w->flags & dw_last));
  }

  // An ordinal up to `max` at `j` ("first", "3rd", "premier", "2e"): {n, end}.
  std::optional<std::pair<int, int>> small_ordinal(int j, int max) const {
    if (num(j) && at(j).digits <= 2 && flag(j + 1, dw_suffix) && adjacent(j + 1) && at(j).value >= 1
        && at(j).value <= max) {
      return std::pair{at(j).value, j + 2};
    }
    if (lex(j) && (entry(j).ordinal || entry(j).cardinal)) {
      auto n = word_number(j); // "third", "twenty third"
      if (n && n->first <= max && lex(n->second - 1) && entry(n->second - 1).ordinal) {
        return n;
      }
    }
    return std::nullopt;
  }

  // "the first Friday of July", "le premier mercredi du mois prochain", "the second Monday of
  // next month", "the last Friday of March 2025", "second Sunday" (of this month).
  std::optional<Piece> nth_weekday(int i) const {
    int j = i;
    bool article = false;
    if (is(j, "the") || is(j, "le")) {
      ++j;
      article = true;
    }
    int n = 0;
    if (auto o = small_ordinal(j, 5)) {
      n = o->first;
      j = o->second;
    } else if (flag(j, dw_last) && !is(j, "past")) {
      n = -1;
      ++j;
    } else {
      return std::nullopt;
    }
    int wd = weekday_word(j);
    if (wd < 0 || entry(j).weekday_abbrev) {
      return std::nullopt;
    }
    ++j;
    Spec s;
    int end = j;
    if (flag(j, dw_of) || (!m_fr && is(j, "in"))) {
      auto m = month_ref(j + 1);
      if (!m) {
        return std::nullopt;
      }
      s = m->spec;
      end = m->end;
    } else {
      if (n < 0 || article) {
        return std::nullopt; // "last Friday" is modified()'s; "the first Monday after ..."
      }
      s = unit_offset('m', 0, j)->spec;
    }
    s.pick_nth = static_cast<std::int8_t>(n);
    s.pick_weekday = static_cast<std::int8_t>(wd);
    return Piece{end, s, "date.nth_weekday"};
  }

  // "the 20th of next month", "the 15th day of next month", "twenty third day of September",
  // "3eme jour d'octobre", "le dernier jour d'octobre 2015", "the last day of the month".
  std::optional<Piece> day_of(int i) const {
    int j = i;
    if (is(j, "the") || is(j, "le")) {
      ++j;
    }
    int d = 0;
    if (flag(j, dw_last) && unit_word(j + 1) == 'd' && !entry(j + 1).unit_plural) {
      d = -1;
      j += 2;
    } else if (auto o = small_ordinal(j, 31)) {
      d = o->first;
      j = o->second;
      if (unit_word(j) == 'd' && !entry(j).unit_plural) {
        ++j;
      }
    } else if (num(j) && at(j).digits <= 2 && unit_word(j + 1) == 'd'
               && !entry(j + 1).unit_plural) {
      d = at(j).value; // "le 3 jour de": rare, but unambiguous with "jour"
      j += 2;
    } else {
      return std::nullopt;
    }
    if (d == 0 || d > 31 || !flag(j, dw_of)) {
      return std::nullopt;
    }
    auto m = month_ref(j + 1);
    if (!m) {
      return std::nullopt;
    }
    Spec s = m->spec;
    if (s.rel == Rel::none && d > 0) {
      if (!CivilDate{s.year, s.month, d}.valid()) {
        return std::nullopt;
      }
      return day_piece(m->end, s.year, s.month, d, "date.day_of");
    }
    if (s.rel == Rel::month_near && d > 0) {
      if (d > days_in_month(2024, s.month)) {
        return std::nullopt;
      }
      s.rel = Rel::day_near;
      s.day = d;
      s.grain = Grain::day;
      return Piece{m->end, s, "date.day_of"};
    }
    s.pick_day = static_cast<std::int8_t>(d);
    return Piece{m->end, s, "date.day_of"};
  }

  // "the third month of 2021", "the 9th month of next year".
  std::optional<Piece> month_of(int i) const {
    int j = i;
    if (is(j, "the") || is(j, "le")) {
      ++j;
    }
    auto o = small_ordinal(j, 12);
    if (!o || unit_word(o->second) != 'm' || entry(o->second).unit_plural
        || !flag(o->second + 1, dw_of)) {
      return std::nullopt;
    }
    int k = o->second + 2;
    if (punct(k, '\'')) {
      ++k;
    }
    if (auto y = year4(k, 1900, 2100); y && !followed_by_amount(k)) {
      return month_piece(k + 1, *y, o->first, "date.month_of");
    }
    if (auto ry = relative_year(k)) {
      auto p = unit_offset('y', ry->first, ry->second);
      p->spec.pick_month = static_cast<std::int8_t>(o->first);
      p->rule = "date.month_of";
      return p;
    }
    return std::nullopt;
  }

  // ----- periods, deadlines, durations --------------------------------------------------

  // A range's first end may be a bare day when the second end carries its month.
  std::optional<Piece> range_start(int i, bool chained = false) const {
    if (auto p = simple_copy(i, chained)) {
      if (p->spec.rel == Rel::weekday_day) {
        p->spec.rel = Rel::day_only; // "samedi 13 au dimanche 15 juillet"
      }
      return p;
    }
    int j = i;
    if (weekday_word(j) >= 0) {
      ++j;
    }
    if (auto d = day_at(j); d && (num(j) ? chained || chain_start_ok(j) : true)) {
      Spec s;
      s.rel = Rel::day_only;
      s.day = d->first;
      return Piece{d->second, s, "date.range_day"};
    }
    return std::nullopt;
  }

  std::optional<Match> range(int i) const {
    int j = i;
    enum class Open { none, from, between, period } open = Open::none;
    if (flag(j, dw_period)
        || (flag(j, dw_over | dw_article) && flag(j + 1, dw_article | dw_period))) {
      // "sur la période 2023-2027", "over the period 2023-2027", "la période 2021-2027"
      int k = j;
      while (k < j + 3 && !flag(k, dw_period) && flag(k, dw_over | dw_article)) {
        ++k;
      }
      if (!flag(k, dw_period)) {
        return std::nullopt;
      }
      j = k + 1;
      if (flag(j, dw_of)) {
        ++j;
      }
      open = Open::period;
    } else if (flag(j, dw_between)) {
      open = Open::between;
      ++j;
    } else if (flag(j, dw_from) && !is(j, "des")) {
      open = Open::from;
      ++j;
      if (punct(j, '\'')) {
        ++j;
      }
    }
    if (open == Open::between || open == Open::from) {
      if (is(j, "le") || is(j, "the")) {
        ++j;
      }
    }
    std::optional<Piece> a = range_start(j);
    if (!a) {
      return std::nullopt;
    }
    int k = a->end;
    bool connector = false;
    bool dash = false;
    if (punct(k, '-') || (punct(k, '/') && open == Open::period)) {
      dash = true;
      ++k;
    } else if (open == Open::from
               && (flag(k, dw_to) || flag(k, dw_by) || (m_fr && is(k, "jusqu")))) {
      if (m_fr && is(k, "jusqu")) {
        ++k;
        if (punct(k, '\'')) {
          ++k;
        }
      }
      ++k;
      connector = true;
    } else if (open == Open::between && flag(k, dw_and)) {
      ++k;
      connector = true;
    } else if (open == Open::none && !m_fr && (is(k, "to") || is(k, "through"))) {
      ++k;
      connector = true;
    } else if (open == Open::none && m_fr && a->spec.grain == Grain::day
               && (is(k, "au") || (is(k, "jusqu") && punct(k + 1, '\'') && is(k + 2, "au")))) {
      k += is(k, "au") ? 1 : 3; // "13 au 15 juillet", "13 jusqu'au 15 juillet"
      connector = true;
    } else {
      return std::nullopt;
    }
    (void)connector;
    if (is(k, "le") || is(k, "the")) {
      ++k;
    }
    std::optional<Piece> b;
    // "2021-25": a two-digit second year
    if (dash && num(k) && at(k).digits == 2 && a->spec.grain == Grain::year
        && a->spec.rel == Rel::none && adjacent(k) && short_year_end(a->spec.year, at(k).value)) {
      b = year_piece(k + 1, a->spec.year / 100 * 100 + at(k).value, "date.year");
    } else {
      b = range_start(k, dash);
    }
    if (!b) {
      return std::nullopt;
    }
    Spec sa = a->spec;
    Spec sb = b->spec;
    bool a_bare_day = sa.rel == Rel::day_only;
    bool b_bare_day = sb.rel == Rel::day_only;
    if (b_bare_day && !a_bare_day) {
      return std::nullopt;
    }
    if (a_bare_day && b_bare_day
        && !((open == Open::from || open == Open::between) && m_fr && end_or_punct(b->end))) {
      return std::nullopt; // "du 13 au 18" only, not "2-3"
    }
    if (a_bare_day && !b_bare_day && sb.grain != Grain::day) {
      return std::nullopt;
    }
    if (dash && open == Open::none && !(sa.grain == sb.grain)) {
      if (!a_bare_day) {
        return std::nullopt;
      }
    }
    // Plain numbers joined by a dash must both be years: "2021-2025".
    if (open == Open::none && !dash && sa.grain != sb.grain) {
      return std::nullopt;
    }
    Match m;
    m.begin = i;
    m.end = b->end;
    m.kind = MatchKind::range;
    m.a = sa;
    m.b = sb;
    m.rule = open == Open::period ? "period.named" : "period.range";
    return m;
  }

  // "d'ici 2030", "d'ici à la fin de l'année", "jusqu'en 2027", "jusqu'au 15 juillet",
  // "by 2030", "by the end of 2025", "until 2027".
  std::optional<Match> deadline(int i) const {
    int j = i;
    if (m_fr) {
      if (is(j, "d") && punct(j + 1, '\'') && flag(j + 2, dw_ici)) {
        j += 3;
        if (flag(j, dw_a)) {
          ++j;
        }
      } else if (flag(j, dw_jusqu) && punct(j + 1, '\'')) {
        j += 2;
        if (!(flag(j, dw_in) || flag(j, dw_to))) {
          return std::nullopt;
        }
        ++j;
      } else {
        return std::nullopt;
      }
    } else {
      if (!flag(j, dw_by)) {
        return std::nullopt;
      }
      ++j;
    }
    const Piece* inner = simple(j);
    if (!inner) {
      return std::nullopt;
    }
    if (inner->spec.rel == Rel::day_offset && inner->spec.unit != 'd') {
      return std::nullopt;
    }
    Match m;
    m.begin = i;
    m.end = inner->end;
    m.kind = MatchKind::deadline;
    m.a = inner->spec;
    m.rule = "deadline.by";
    return m;
  }

  // "sur cinq ans", "pendant dix ans", "over 13 years", "for five years", "over the next three
  // years", "sur les trois prochaines années", "depuis deux ans".
  std::optional<Match> duration(int i) const {
    if (!flag(i, dw_over | dw_since)) {
      return std::nullopt;
    }
    int j = i + 1;
    for (int skip = 0; skip < 2
                       && (flag(j, dw_article | dw_next | dw_last) || is(j, "les") || is(j, "des")
                           || is(j, "ces"));
         ++skip) {
      ++j;
    }
    auto n = count_at(j);
    if (!n) {
      return std::nullopt;
    }
    int k = n->second;
    if (flag(k, dw_next | dw_last)) {
      ++k;
    }
    char u = unit_word(k);
    if (!u || (entry(k).unit_plural != (n->first > 1) && !(u == 'm' && m_fr))) {
      return std::nullopt;
    }
    int count = n->first;
    char letter = 'D';
    switch (u) {
    case 'y':
      letter = 'Y';
      break;
    case 'm':
      letter = 'M';
      break;
    case 'w':
      letter = 'W';
      break;
    case 'q':
      letter = 'M';
      count *= 3;
      break;
    case 'h':
      letter = 'M';
      count *= 6;
      break;
    default:
      letter = 'D';
      break;
    }
    Match m;
    m.begin = i;
    m.end = k + 1;
    m.kind = MatchKind::duration;
    m.duration_count = count;
    m.duration_unit = letter;
    m.a.grain = u == 'y' ? Grain::year : u == 'd' || u == 'w' ? Grain::day : Grain::month;
    m.rule = "duration";
    return m;
  }
};

// Resolution of a quarter/half of a relative year ("le premier trimestre de l'année
// prochaine"), which Spec encodes with unit 'p'.
std::optional<Resolved> resolve_spec(const Spec& s, const std::optional<CivilDate>& published) {
  if ((s.rel == Rel::quarter_offset || s.rel == Rel::half_offset) && s.unit == 'p') {
    if (!published) {
      return std::nullopt;
    }
    return Resolved{published->year + s.offset,
                    0,
                    0,
                    s.part,
                    s.rel == Rel::quarter_offset ? Grain::quarter : Grain::half};
  }
  return apply_picks(s, resolve(s, published));
}

// A range's start written without its month or year ("du 13 au 15 juillet", "between March
// and June 2024") takes them from its end.
std::optional<Resolved>
resolve_range_start(Spec a, const std::optional<Resolved>& end, bool end_absolute) {
  if (!end) {
    return std::nullopt;
  }
  if (a.rel == Rel::day_only) {
    if (end->grain != Grain::day) {
      return std::nullopt;
    }
    return Resolved{end->year, end->month, a.day, 0, Grain::day};
  }
  if (a.rel == Rel::day_near || a.rel == Rel::weekday_date) {
    if (end->grain != Grain::day) {
      return std::nullopt;
    }
    int y = a.month > end->month ? end->year - 1 : end->year;
    return Resolved{y, a.month, a.day, 0, Grain::day};
  }
  if (a.rel == Rel::month_near && end_absolute) {
    int y = a.month > end->month ? end->year - 1 : end->year;
    return Resolved{y, a.month, 0, 0, Grain::month};
  }
  return std::nullopt;
}

// A one- or two-digit number that is a count or a share, not part of a date: followed by
// "%" ("12 %") or by a word outside the date lexicon ("5 sites", "12 milliards"), not glued to
// what precedes ("Q3", "/12"). A date word just before does not save it: "May 12 results" is
// found from the month's own anchor. Most numbers in news are such counts; skipping them saves
// the tries at the five tokens before each.
bool plain_count(const std::vector<Tok>& toks, int a) {
  const Tok& t = toks[static_cast<std::size_t>(a)];
  if (t.kind != TokKind::number || t.digits > 2 || static_cast<std::size_t>(a) + 1 >= toks.size()) {
    return false;
  }
  const Tok& next = toks[static_cast<std::size_t>(a) + 1];
  bool count_after = (next.kind == TokKind::punct && next.p == '%')
                     || (next.kind == TokKind::word && next.space_before && !next.w);
  if (!count_after) {
    return false;
  }
  return a == 0 || t.space_before; // not "Q3", "T3", "/12", "-12"
}

// A number that no expression can start or cover, whatever precedes it: after a currency sign
// ("$4"), the tail of a decimal or a digit group ("1.5", "13,883": the first number was an
// anchor of its own), the head of a digit group ("13,883", "2 000", "1,5") or a share
// ("12 %"). The grammar reads none of these, so the anchor is skipped.
bool number_never_dated(const std::vector<Tok>& toks, int a) {
  const Tok& t = toks[static_cast<std::size_t>(a)];
  if (t.kind != TokKind::number) {
    return false;
  }
  const auto n = static_cast<int>(toks.size());
  auto tok = [&](int k) -> const Tok* {
    return k >= 0 && k < n ? &toks[static_cast<std::size_t>(k)] : nullptr;
  };
  const Tok* prev = tok(a - 1);
  const Tok* prev2 = tok(a - 2);
  const Tok* next = tok(a + 1);
  const Tok* next2 = tok(a + 2);
  if (prev && prev->kind == TokKind::punct) {
    if (prev->p == '$') {
      return true;
    }
    bool glued = !t.space_before && !prev->space_before && prev2 && prev2->kind == TokKind::number;
    if (glued
        && (prev->p == '.' || prev->p == ',' || prev->p == '-' || prev->p == '/'
            || prev->p == ':')) {
      return true;
    }
  }
  if (t.digits > 2 || !next) {
    return false;
  }
  if (next->kind == TokKind::punct && next->p == '%') {
    return true;
  }
  if (next->kind == TokKind::punct && next->p == ',' && !next->space_before && next2
      && next2->kind == TokKind::number && !next2->space_before
      && (next2->digits == 3 || next2->digits == 1)) {
    return true;
  }
  return next->kind == TokKind::number && next->space_before && next->digits == 3;
}

} // namespace

std::vector<DateMention>
find_dates(std::string_view text, std::string_view lang, std::optional<CivilDate> published) {
  std::vector<DateMention> out;
  out.reserve(text.size() / 256); // news has about four dates per kilobyte
  const bool french = lang == "fr";
  const DateWordFilter& filter = date_word_filter(french);
  const DateWordIndex& index = date_word_index(french);
  std::vector<Tok> toks;
  toks.reserve(1024);
  std::vector<int> anchors;
  Memo memo;
  std::size_t pos = 0;
  while (pos < text.size()) {
    pos = tokenize_segment(text, pos, filter, index, toks, anchors);
    if (anchors.empty()) {
      continue;
    }
    Parser parser(toks, french, memo);
    int done = 0; // tokens before this are taken
    for (int a : anchors) {
      if (a < done) {
        continue;
      }
      const Tok& t = toks[static_cast<std::size_t>(a)];
      if (!t.anchor || plain_count(toks, a) || number_never_dated(toks, a)) {
        if (!(t.holiday && parser.holiday_at(a))) {
          continue;
        }
      }
      std::int32_t best_idx = -1;
      // Five tokens back reach "il y a", "by the end of", "sur les trois prochaines"; longer
      // openings ("d'ici à la fin de") have a head of their own ("ici", "fin").
      constexpr int k_lookback = 5;
      // A match runs only across numbers, punctuation and words the grammar reads: the
      // look-back stops at any other word.
      int lo = a;
      while (lo > std::max(done, a - k_lookback)) {
        const Tok& p = toks[static_cast<std::size_t>(lo - 1)];
        if (p.kind == TokKind::word && !p.grammar) {
          break;
        }
        --lo;
      }
      for (int s = lo; s <= a; ++s) {
        if (!toks[static_cast<std::size_t>(s)].opens) {
          continue;
        }
        std::int32_t idx = parser.match_at(s);
        if (idx >= 0 && parser.match(idx).end > a
            && (best_idx < 0 || parser.match(idx).end > parser.match(best_idx).end)) {
          best_idx = idx;
        }
      }
      const Match* best = best_idx >= 0 ? &parser.match(best_idx) : nullptr;
      if (!best) {
        continue;
      }
      const Tok& first = toks[static_cast<std::size_t>(best->begin)];
      const Tok& last = toks[static_cast<std::size_t>(best->end - 1)];
      // Filled in place, and dropped again when the match resolves to nothing.
      DateMention& d = out.emplace_back();
      d.span = Span{first.b, last.e};
      d.text.assign(text.substr(first.b, last.e - first.b));
      d.rule = best->rule;
      switch (best->kind) {
      case MatchKind::duration:
        d.kind = DateKind::duration;
        d.value = fmt::format("P{}{}", best->duration_count, best->duration_unit);
        d.grain = best->a.grain;
        break;
      case MatchKind::date:
      case MatchKind::deadline: {
        auto r = resolve_spec(best->a, published);
        d.relative = best->a.rel != Rel::none;
        if (best->a.rel == Rel::none && !r) {
          out.pop_back();
          continue; // an impossible date ("31/02/2025")
        }
        d.grain = r ? r->grain : spec_grain(best->a);
        if (r) {
          d.value = to_iso(*r);
        }
        if (best->kind == MatchKind::deadline) {
          d.qualifier = "by";
          d.end = d.value;
        }
        break;
      }
      case MatchKind::range: {
        auto rb = resolve_spec(best->b, published);
        std::optional<Resolved> ra;
        bool a_partial = best->a.rel == Rel::day_only
                         || ((best->a.rel == Rel::day_near || best->a.rel == Rel::month_near
                              || best->a.rel == Rel::weekday_date)
                             && best->b.rel == Rel::none);
        if (best->a.rel == Rel::day_near && best->b.rel == Rel::day_near) {
          a_partial = true;
        }
        if (a_partial) {
          ra = resolve_range_start(best->a, rb, best->b.rel == Rel::none);
        } else {
          ra = resolve_spec(best->a, published);
        }
        d.relative = (!a_partial && best->a.rel != Rel::none) || best->b.rel != Rel::none;
        if (!d.relative && (!ra || !rb)) {
          out.pop_back();
          continue;
        }
        if (ra && rb && to_iso(*rb) < to_iso(*ra) && ra->grain == rb->grain) {
          out.pop_back();
          continue; // "2025-2021": not a period
        }
        d.grain = ra ? ra->grain : spec_grain(best->a);
        if (ra) {
          d.value = to_iso(*ra);
        }
        if (rb) {
          d.end = to_iso(*rb);
        }
        break;
      }
      }
      done = best->end;
    }
  }
  return out;
}

} // namespace factledger::extract
