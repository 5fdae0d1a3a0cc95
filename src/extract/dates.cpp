#include "extract/dates.hpp"

#include "extract/date_lexicon.hpp"
#include "extract/relative_date.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cstdint>
#include <cstring>

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
  TokKind kind = TokKind::punct;
  bool space_before = true; // whitespace between the previous token and this one
  bool newline_before = false;
  bool cap = false;        // word starting with an upper-case letter
  std::uint8_t digits = 0; // number of digits of a number
  std::uint8_t klen = 0;   // length of `key`, 0 when the word cannot be folded to ASCII
  int value = -1;          // value of a number (-1 when longer than 9 digits)
  char p = 0;              // punctuation, normalized: dashes '-', apostrophes '\'', money '$'
  char key[16] = {};       // folded word
  const DateWord* w = nullptr;

  std::string_view word() const { return {key, klen}; }
};

// Latin-1 letters U+00C0..U+00FF folded to ASCII.
constexpr char k_fold_c3[65] = "aaaaaaaceeeeiiiidnooooo-ouuuuy-saaaaaaaceeeeiiiidnooooo-ouuuuyty";

bool is_space_ascii(unsigned char c) {
  return c == ' ' || (c >= '\t' && c <= '\r');
}
bool is_alpha_ascii(unsigned char c) {
  return (c | 0x20) >= 'a' && (c | 0x20) <= 'z';
}
bool is_digit(unsigned char c) {
  return c >= '0' && c <= '9';
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

// Tokenize `s` from byte `pos` into `out` until a newline after at least one token, or
// `max_tokens`. Returns the byte position where it stopped.
std::size_t
tokenize_segment(std::string_view s, std::size_t pos, bool french, std::vector<Tok>& out) {
  constexpr std::size_t k_max_tokens = 4096;
  out.clear();
  bool space = true;
  bool newline = false;
  while (pos < s.size()) {
    auto c = static_cast<unsigned char>(s[pos]);
    if (c < 0x80 && is_space_ascii(c)) {
      space = true;
      if (c == '\n') {
        newline = true;
        if (!out.empty() || out.size() >= k_max_tokens) {
          return pos + 1;
        }
      }
      ++pos;
      continue;
    }
    if (out.size() >= k_max_tokens && space) {
      return pos;
    }
    // Built in place; dropped again when the bytes turn out to be a space.
    Tok& t = out.emplace_back();
    t.b = static_cast<std::uint32_t>(pos);
    t.space_before = space;
    t.newline_before = newline;
    space = false;
    newline = false;
    if (is_digit(c)) {
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
      t.value = j - pos <= 9 ? static_cast<int>(v) : -1;
      t.e = static_cast<std::uint32_t>(j);
      pos = j;
      continue;
    }
    if (c < 0x80 && !is_alpha_ascii(c)) {
      t.kind = TokKind::punct;
      t.p = static_cast<char>(c == '`' ? '\'' : c);
      t.e = static_cast<std::uint32_t>(pos + 1);
      ++pos;
      continue;
    }
    if (c >= 0x80) {
      std::size_t len = 1;
      char p = 0;
      int cls = classify_utf8(s, pos, len, p);
      if (cls == 1) {
        space = true;
        out.pop_back();
        pos += len;
        continue;
      }
      if (cls == 2) {
        t.kind = TokKind::punct;
        t.p = p;
        t.e = static_cast<std::uint32_t>(pos + len);
        pos += len;
        continue;
      }
    }
    // A word: ASCII letters and non-ASCII letters, folded into `key`.
    t.kind = TokKind::word;
    std::size_t j = pos;
    bool foldable = true;
    std::size_t k = 0;
    t.cap = (c >= 'A' && c <= 'Z')
            || (c == 0xC3 && pos + 1 < s.size() && static_cast<unsigned char>(s[pos + 1]) < 0xA0);
    while (j < s.size()) {
      auto d = static_cast<unsigned char>(s[j]);
      if (d < 0x80) {
        if (!is_alpha_ascii(d)) {
          break;
        }
        if (k < sizeof t.key - 1) {
          t.key[k++] = static_cast<char>(d | 0x20);
        } else {
          foldable = false;
        }
        ++j;
        continue;
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
          t.key[k++] = f;
        } else {
          foldable = false;
        }
      } else if (d == 0xC5 && len == 2 && j + 1 < s.size()
                 && (static_cast<unsigned char>(s[j + 1]) | 1) == 0x93) {
        if (k + 2 < sizeof t.key - 1) {
          t.key[k++] = 'o';
          t.key[k++] = 'e';
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
    // The lexicon's words are at most 11 letters: longer words skip the look-up.
    t.w = foldable && k <= 11 ? find_date_word(t.word(), french) : nullptr;
    t.e = static_cast<std::uint32_t>(j);
    pos = j;
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
};

struct Spec {
  Rel rel = Rel::none;
  Grain grain = Grain::day;
  int year = 0;
  int month = 0;
  int day = 0;
  int part = 0;     // quarter 1..4 or half 1..2
  int weekday = -1; // 0 = Monday
  int offset = 0;
  char unit = 'd';
};

struct Resolved {
  int year = 0;
  int month = 0;
  int day = 0;
  int part = 0;
  Grain grain = Grain::day;
};

std::string to_iso(const Resolved& r) {
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
  }
  return std::nullopt;
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
  MatchKind kind = MatchKind::date;
  Spec a;
  Spec b; // end of a range
  std::string duration;
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
// Per token: -2 not computed, -1 nothing, else the index of the result. Results are stored
// densely so that a reset costs a few bytes per token.
struct Memo {
  static constexpr std::int32_t k_unknown = -2;
  static constexpr std::int32_t k_none = -1;
  std::vector<std::int32_t> simple_index;
  std::vector<Piece> simple_value;
  std::vector<std::int32_t> match_index;
  std::vector<Match> match_value;

  void reset(std::size_t n) {
    simple_index.assign(n, k_unknown);
    simple_value.clear();
    match_index.assign(n, k_unknown);
    match_value.clear();
  }
};

class Parser {
public:
  Parser(const std::vector<Tok>& toks, bool french, Memo& memo)
      : m_t(toks), m_n(static_cast<int>(toks.size())), m_fr(french), m_memo(memo) {
    m_memo.reset(toks.size());
  }

  // Index of the best match starting at `i` (memoized; see `match`), or -1.
  const Match& match(std::int32_t idx) const {
    return m_memo.match_value[static_cast<std::size_t>(idx)];
  }

  std::int32_t match_at(int i) const {
    auto k = static_cast<std::size_t>(i);
    if (m_memo.match_index[k] == Memo::k_unknown) {
      auto m = parse_at(i);
      m_memo.match_index[k] = Memo::k_none;
      if (m) {
        m_memo.match_index[k] = static_cast<std::int32_t>(m_memo.match_value.size());
        m_memo.match_value.push_back(std::move(*m));
      }
    }
    return m_memo.match_index[k];
  }

  // The best match starting at `i`.
  std::optional<Match> parse_at(int i) const {
    std::optional<Match> best;
    auto consider = [&](std::optional<Match> m) {
      if (m && (!best || m->end > best->end)) {
        best = std::move(m);
      }
    };
    consider(range(i));
    consider(deadline(i));
    consider(duration(i));
    if (auto p = simple(i)) {
      Match m;
      m.begin = i;
      m.end = p->end;
      m.a = p->spec;
      m.rule = p->rule;
      consider(m);
    }
    if (best && !chain_end_ok(best->end)) {
      return std::nullopt;
    }
    return best;
  }

private:
  const std::vector<Tok>& m_t;
  int m_n;
  bool m_fr;
  Memo& m_memo;

  static const Tok& sentinel() {
    static const Tok k_end{};
    return k_end;
  }
  const Tok& at(int i) const {
    return i >= 0 && i < m_n ? m_t[static_cast<std::size_t>(i)] : sentinel();
  }
  bool word(int i) const { return i >= 0 && i < m_n && at(i).kind == TokKind::word; }
  bool num(int i) const { return i >= 0 && i < m_n && at(i).kind == TokKind::number; }
  bool punct(int i, char c) const {
    return i >= 0 && i < m_n && at(i).kind == TokKind::punct && at(i).p == c;
  }
  bool adjacent(int i) const { return i < m_n && !at(i).space_before; }
  bool flag(int i, std::uint32_t f) const { return word(i) && at(i).w && (at(i).w->flags & f); }
  bool is(int i, std::string_view w) const { return word(i) && at(i).word() == w; }
  const DateWord* lex(int i) const { return word(i) ? at(i).w : nullptr; }
  // The lexicon entry at `i`, or an empty one.
  const DateWord& entry(int i) const {
    static const DateWord k_none{};
    const DateWord* w = lex(i);
    return w ? *w : k_none;
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
    if (allow_two_digits && num(i) && at(i).digits == 2 && (end_or_punct(i + 1))
        && !(punct(i + 1, '.') && num(i + 2)) && !punct(i + 1, '%') && !punct(i + 1, ':')
        && !punct(i + 1, '/')) {
      return std::pair{expand_yy(at(i).value), i + 1};
    }
    return std::nullopt;
  }

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
    if (v == 10 || v == 20 || v == 30 || v == 40 || v == 50) {
      int j = i + 1;
      if (punct(j, '-') && adjacent(j) && adjacent(j + 1)) {
        ++j;
      } else if (m_fr && is(j, "et")) {
        ++j;
      } else if (v == 10) {
        return std::pair{v, i + 1};
      }
      if (const DateWord* u = lex(j)) {
        int uv = u->cardinal ? u->cardinal : u->ordinal;
        if (uv >= 1 && uv <= 9 && (v != 10 || uv >= 7)) {
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
    if (entry(e).cardinal || entry(e).unit || is(e, "thousand") || is(e, "hundred")
        || is(e, "mille") || is(e, "cent")) {
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
  std::optional<Piece> simple(int i, bool chained = false) const {
    if (chained || i < 0 || i >= m_n) {
      return simple_uncached(i, chained);
    }
    auto k = static_cast<std::size_t>(i);
    if (m_memo.simple_index[k] == Memo::k_unknown) {
      auto p = simple_uncached(i, false);
      m_memo.simple_index[k] = Memo::k_none;
      if (p) {
        m_memo.simple_index[k] = static_cast<std::int32_t>(m_memo.simple_value.size());
        m_memo.simple_value.push_back(*p);
      }
    }
    std::int32_t idx = m_memo.simple_index[k];
    if (idx < 0) {
      return std::nullopt;
    }
    return m_memo.simple_value[static_cast<std::size_t>(idx)];
  }

  std::optional<Piece> simple_uncached(int i, bool chained) const {
    std::optional<Piece> best;
    auto consider = [&](std::optional<Piece> p) {
      if (p && (!best || p->end > best->end)) {
        best = p;
      }
    };
    if (num(i)) {
      if (!chained && !chain_start_ok(i)) {
        return std::nullopt;
      }
      consider(numeric(i));
      consider(day_month(i));
      consider(quarter(i));
      consider(offset_expr(i));
    } else if (word(i) && at(i).w) {
      const DateWord& w = *at(i).w;
      if (w.month) {
        consider(month_first(i));
      }
      if (w.weekday >= 0) {
        consider(weekday_expr(i));
      }
      if (w.ordinal || w.cardinal) {
        consider(day_month(i));
        consider(quarter(i));
        consider(offset_expr(i));
      }
      if (w.flags & (dw_yesterday | dw_tomorrow | dw_today)) {
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
      consider(relative_day(i));
    }
    return best;
  }

  // "en 2022", "in 2022", "en avril dernier", "depuis 2020": the preposition joins a month or
  // a year expression ("depuis" only before a year).
  std::optional<Piece> prefixed(int i) const {
    int j = i + 1;
    if (!m_fr && flag(j, dw_article) && month_word(j + 1)) {
      ++j; // "in the april"
    }
    auto p = num(j) ? numeric(j) : simple(j);
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
      if (!m_fr && flag(j, dw_article) && lex(j + 1) && entry(j + 1).ordinal) {
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
      if (!m_fr && flag(k, dw_article) && lex(k + 1) && entry(k + 1).ordinal) {
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

  // "hier", "demain", "aujourd'hui", "avant-hier", "après-demain", "today", "yesterday",
  // "the day before yesterday", "the day after tomorrow".
  std::optional<Piece> relative_day(int i) const {
    Spec s;
    s.rel = Rel::day_offset;
    s.unit = 'd';
    if (m_fr) {
      if (is(i, "avant") || is(i, "apres")) {
        int j = i + 1;
        if (punct(j, '-')) {
          ++j;
        }
        bool before = is(i, "avant");
        if (before ? flag(j, dw_yesterday) : flag(j, dw_tomorrow)) {
          s.offset = before ? -2 : 2;
          return Piece{j + 1, s, "date.relative_day"};
        }
        return std::nullopt;
      }
      if (flag(i, dw_today) && punct(i + 1, '\'') && is(i + 2, "hui")) {
        return Piece{i + 3, s, "date.relative_day"};
      }
      if (flag(i, dw_yesterday)) {
        s.offset = -1;
        return Piece{i + 1, s, "date.relative_day"};
      }
      if (flag(i, dw_tomorrow)) {
        s.offset = 1;
        return Piece{i + 1, s, "date.relative_day"};
      }
      return std::nullopt;
    }
    if (is(i, "the") && unit_word(i + 1) == 'd' && !entry(i + 1).unit_plural) {
      if (is(i + 2, "before") && flag(i + 3, dw_yesterday)) {
        s.offset = -2;
        return Piece{i + 4, s, "date.relative_day"};
      }
      if (is(i + 2, "after") && flag(i + 3, dw_tomorrow)) {
        s.offset = 2;
        return Piece{i + 4, s, "date.relative_day"};
      }
      return std::nullopt;
    }
    if (flag(i, dw_today)) {
      return Piece{i + 1, s, "date.relative_day"};
    }
    if (flag(i, dw_yesterday)) {
      s.offset = -1;
      return Piece{i + 1, s, "date.relative_day"};
    }
    if (flag(i, dw_tomorrow)) {
      s.offset = 1;
      return Piece{i + 1, s, "date.relative_day"};
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
    return std::nullopt;
  }

  // "il y a deux ans", "dans trois mois", "two years ago", "in 2 weeks", "3 days later",
  // "two weeks from now".
  std::optional<Piece> offset_expr(int i) const {
    int j = i;
    int sign = 0;
    if (m_fr && flag(i, dw_il) && flag(i + 1, dw_y) && flag(i + 2, dw_a)) {
      sign = -1;
      j = i + 3;
    } else if (flag(i, dw_dans)) {
      sign = 1;
      j = i + 1;
    }
    auto n = count_at(j);
    if (!n) {
      return std::nullopt;
    }
    int k = n->second;
    char u = unit_word(k);
    if (!u || u == 'q' || u == 'h') {
      return std::nullopt;
    }
    if (entry(k).unit_plural != (n->first > 1) && !(u == 'm' && m_fr)) {
      return std::nullopt;
    }
    int e = k + 1;
    if (sign == 0) {
      if (!m_fr && flag(e, dw_ago)) {
        sign = -1;
        ++e;
      } else if (!m_fr && is(e, "later")) {
        sign = 1;
        ++e;
      } else if (!m_fr && is(e, "from") && (is(e + 1, "now") || flag(e + 1, dw_today))) {
        sign = 1;
        e += 2;
      } else {
        return std::nullopt;
      }
    }
    Spec s;
    s.rel = Rel::day_offset;
    s.unit = u;
    s.offset = sign * n->first;
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

  // ----- periods, deadlines, durations --------------------------------------------------

  // A range's first end may be a bare day when the second end carries its month.
  std::optional<Piece> range_start(int i, bool chained = false) const {
    if (auto p = simple(i, chained)) {
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
    std::optional<Piece> inner = simple(j);
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
    m.duration = fmt::format("P{}{}", count, letter);
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
  return resolve(s, published);
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

// Words that never open an expression ("et", "au", "ago", ordinal suffixes).
bool can_start(const Tok& t) {
  if (t.kind == TokKind::number) {
    return true;
  }
  if (t.kind != TokKind::word || !t.w) {
    return false;
  }
  constexpr std::uint32_t k_never = dw_suffix | dw_and | dw_ago | dw_y | dw_to;
  const DateWord& w = *t.w;
  return !(w.flags & k_never) || w.month || w.weekday >= 0 || w.cardinal || w.ordinal
         || (w.flags & ~k_never);
}

bool is_anchor(const Tok& t) {
  if (t.kind == TokKind::number) {
    // Days, months and two-digit years; four-digit years; 20250716.
    return t.digits <= 2 || t.digits == 4 || t.digits == 8;
  }
  return t.kind == TokKind::word && t.w && t.w->head;
}

// A one- or two-digit number that is a count or a share, not part of a date: followed by
// "%" ("12 %") or by a word outside the date lexicon ("5 sites", "12 milliards"), with no date
// word just before ("May 12 results" is left to the month). Most numbers in news are such
// counts; skipping them saves the tries at the five tokens before each.
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
  if (a > 0) {
    const Tok& prev = toks[static_cast<std::size_t>(a) - 1];
    if ((prev.kind == TokKind::word && (prev.w || !t.space_before))
        || (prev.kind == TokKind::punct && !t.space_before)) {
      return false; // "mai 12", "Q3", "T3", "/12", "-12"
    }
  }
  return true;
}

} // namespace

std::vector<DateMention>
find_dates(std::string_view text, std::string_view lang, std::optional<CivilDate> published) {
  std::vector<DateMention> out;
  const bool french = lang == "fr";
  std::vector<Tok> toks;
  toks.reserve(1024);
  Memo memo;
  std::size_t pos = 0;
  while (pos < text.size()) {
    pos = tokenize_segment(text, pos, french, toks);
    if (toks.empty()) {
      continue;
    }
    Parser parser(toks, french, memo);
    const int n = static_cast<int>(toks.size());
    int done = 0; // tokens before this are taken
    for (int a = 0; a < n; ++a) {
      if (!is_anchor(toks[static_cast<std::size_t>(a)]) || plain_count(toks, a)) {
        continue;
      }
      std::int32_t best_idx = -1;
      // Five tokens back reach "il y a", "by the end of", "sur les trois prochaines"; longer
      // openings ("d'ici à la fin de") have a head of their own ("ici", "fin").
      constexpr int k_lookback = 5;
      for (int s = std::max(done, a - k_lookback); s <= a; ++s) {
        if (!can_start(toks[static_cast<std::size_t>(s)])) {
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
      DateMention d;
      d.span = Span{first.b, last.e};
      d.text = std::string(text.substr(first.b, last.e - first.b));
      d.rule = best->rule;
      switch (best->kind) {
      case MatchKind::duration:
        d.kind = DateKind::duration;
        d.value = best->duration;
        d.grain = best->a.grain;
        break;
      case MatchKind::date:
      case MatchKind::deadline: {
        auto r = resolve_spec(best->a, published);
        d.relative = best->a.rel != Rel::none;
        if (best->a.rel == Rel::none && !r) {
          continue; // an impossible date ("31/02/2025")
        }
        d.grain = r ? r->grain : best->a.grain;
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
          continue;
        }
        if (ra && rb && to_iso(*rb) < to_iso(*ra) && ra->grain == rb->grain) {
          continue; // "2025-2021": not a period
        }
        d.grain = ra ? ra->grain : best->a.grain;
        if (ra) {
          d.value = to_iso(*ra);
        }
        if (rb) {
          d.end = to_iso(*rb);
        }
        break;
      }
      }
      out.push_back(std::move(d));
      done = best->end;
      a = best->end - 1;
    }
  }
  return out;
}

} // namespace factledger::extract
