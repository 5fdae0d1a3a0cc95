#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <span>
#include <string_view>

namespace factledger::extract {

// Roles a word can play in a date expression (several may be set: French "de" opens a range
// and means "of").
enum DateWordFlag : std::uint32_t {
  dw_in = 1u << 0,         // en, in: kept in the span before a month or a year
  dw_article = 1u << 1,    // le, la, l, the
  dw_this = 1u << 2,       // ce, cette, this, current
  dw_last = 1u << 3,       // dernier, passé, last, past, previous
  dw_next = 1u << 4,       // prochain, suivant, next, coming, following
  dw_yesterday = 1u << 5,  // hier, yesterday
  dw_tomorrow = 1u << 6,   // demain, tomorrow
  dw_today = 1u << 7,      // today (French "aujourd'hui" is three tokens)
  dw_end = 1u << 8,        // fin, end, late
  dw_begin = 1u << 9,      // début, beginning, early, start
  dw_mid = 1u << 10,       // mi, mid, milieu, middle
  dw_from = 1u << 11,      // du, de, from: opens a range
  dw_between = 1u << 12,   // entre, between
  dw_to = 1u << 13,        // au, à, to, through: closes a range opened by dw_from
  dw_and = 1u << 14,       // et, and: closes a range opened by dw_between
  dw_by = 1u << 15,        // by, until, till: a deadline
  dw_since = 1u << 16,     // depuis, since
  dw_fiscal = 1u << 17,    // fy, fiscal, exercice
  dw_ago = 1u << 18,       // ago
  dw_il = 1u << 19,        // il (il y a)
  dw_y = 1u << 20,         // y (il y a)
  dw_a = 1u << 21,         // a / à (il y a, d'ici à)
  dw_dans = 1u << 22,      // dans, in: a date N units after the published date
  dw_over = 1u << 23,      // sur, over, pendant, durant, for, during: a duration follows
  dw_period = 1u << 24,    // période, period
  dw_of = 1u << 25,        // de, d, du, of
  dw_suffix = 1u << 26,    // ordinal suffixes: er, re, e, eme, st, nd, rd, th
  dw_ici = 1u << 27,       // ici (d'ici)
  dw_jusqu = 1u << 28,     // jusqu (jusqu'en, jusqu'à, jusqu'au)
  dw_on = 1u << 29,        // on (English "on the 4th")
  dw_calendar = 1u << 30,  // calendar, cy
  dw_week_word = 1u << 31, // semaine, week (with unit 'w')
};

// A word of the date lexicon: what it can mean. Zero/negative fields mean "not this role".
struct DateWord {
  std::uint32_t flags = 0;
  std::int8_t month = 0;       // 1..12
  bool month_abbrev = false;   // "janv", "sept", "Jan": needs a number or a period nearby
  bool month_weak = false;     // "may", "march": also an ordinary English word
  std::int8_t weekday = -1;    // 0 = Monday ... 6 = Sunday
  bool weekday_abbrev = false; // "lun", "Wed": needs a following date or a period
  std::int8_t ordinal = 0;     // "premier", "first", "troisième": 1..31
  std::int8_t cardinal = 0;    // "deux", "twenty": 1..99 (tens for compounds)
  char unit = 0; // 'y' year, 'q' quarter, 'h' half, 'm' month, 'w' week, 'f' fortnight, 'd' day
  bool unit_plural = false;  // "ans", "years": a count precedes
  bool head = false;         // can anchor a date expression (triggers a parse)
  bool holiday = false;      // first word of a holiday name (see date_holidays.hpp)
  bool relative_day = false; // first word of a relative_day_phrases() row
  // Only read by its spelling ("after", "hui", "eve"): the tokenizer keeps no entry for it but
  // notes that the grammar may consume it (see find_dates' look-back).
  bool spelling_only = false;
  // Can open an expression, not only continue one: not "et", "au", "ago", "of", "à", "ici",
  // ordinal suffixes ("d'ici" starts at "d"); never a spelling-only word. Set by the lexicon.
  bool opens = false;
};

// Days named relative to the published date, one row per spelling: folded tokens separated by
// spaces, punctuation tokens optional ("avant-hier", "aujourd'hui", "the day after tomorrow").
struct RelativeDayPhrase {
  bool french;
  std::string_view words;
  int offset; // days after the published date
};

std::span<const RelativeDayPhrase> relative_day_phrases();

// A bit per (length, first letter, last letter) of the words of one language's lexicon. Most
// words of a text are not date words: this test rejects about half of them without a call or a
// hash, so the tokenizer asks it before `DateWordIndex::find`.
struct DateWordFilter {
  static constexpr std::size_t k_max_len = 15;
  // Index and bit 26 stand for a first or last character outside 'a'..'z'.
  std::array<std::array<std::uint32_t, 27>, k_max_len + 1> bits{};

  // False when no word of `len` letters from `first` to `last` is in the lexicon.
  // REQUIRES: 1 <= len <= 15; `first` and `last` in 'a'..'z'.
  bool may_hold(std::size_t len, char first, char last) const {
    return (bits[len][static_cast<std::size_t>(first - 'a')] >> (last - 'a')) & 1u;
  }
};

const DateWordFilter& date_word_filter(bool french);

// The lexicon's words of one language as an open-addressing hash table, in the header so that
// the tokenizer's look-up is inlined. Whole words are compared as two integers: the key is
// zero-padded to 16 bytes, so equal integers mean equal words; lo == 0 marks an empty slot.
// The keys are kept apart from the meanings so that the probes stay in a few cache lines.
struct DateWordIndex {
  static constexpr std::size_t k_slots = 1024;
  struct Key {
    std::uint64_t lo = 0;
    std::uint64_t hi = 0;
  };
  std::array<Key, k_slots> keys{};
  std::array<std::uint16_t, k_slots> word{}; // per slot, the index of its meaning in `words`
  const DateWord* words = nullptr;

  static std::size_t hash(std::uint64_t lo, std::uint64_t hi, std::size_t len) {
    std::uint64_t h = (lo ^ (hi * 0xc2b2ae3d27d4eb4full) ^ len) * 0x9e3779b97f4a7c15ull;
    return static_cast<std::size_t>(h >> 54) & (k_slots - 1);
  }

  // The meaning of the folded word whose key halves (little-endian) are `lo` and `hi`, or
  // nullptr. REQUIRES: 1 <= len <= 15.
  const DateWord* find(std::uint64_t lo, std::uint64_t hi, std::size_t len) const {
    for (std::size_t i = hash(lo, hi, len);; i = (i + 1) & (k_slots - 1)) {
      const Key& s = keys[i];
      if (s.lo == lo && s.hi == hi) {
        return &words[word[i]];
      }
      if (s.lo == 0) {
        return nullptr;
      }
    }
  }
};

const DateWordIndex& date_word_index(bool french);

// Look up a folded (lower-case, accent-free) word in the lexicon of `lang` ("fr" or "en"; both
// languages share numbers and ISO-like abbreviations). Returns nullptr for unknown words.
const DateWord* find_date_word(std::string_view folded, bool french);
// The same for a word held in a 16-byte buffer that is zero after its `len` (<= 15) letters:
// the tokenizer's fast path, compared as two integers.
const DateWord* find_date_word_padded(const char* key16, std::size_t len, bool french);

} // namespace factledger::extract
