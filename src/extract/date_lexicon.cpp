#include "extract/date_lexicon.hpp"

#include "extract/date_holidays.hpp"

#include <array>
#include <bit>
#include <cstring>
#include <string>

namespace factledger::extract {

namespace {

enum class Lang : std::uint8_t { fr, en, both };

struct Row {
  const char* word; // folded: lower-case, accents removed
  Lang lang;
  DateWord meaning;
};

constexpr DateWord month(int m, bool abbrev = false, bool weak = false) {
  DateWord w;
  w.month = static_cast<std::int8_t>(m);
  w.month_abbrev = abbrev;
  w.month_weak = weak;
  w.head = true;
  return w;
}

constexpr DateWord weekday(int d, bool abbrev = false) {
  DateWord w;
  w.weekday = static_cast<std::int8_t>(d);
  w.weekday_abbrev = abbrev;
  w.head = true;
  return w;
}

constexpr DateWord flags(std::uint32_t f, bool head = false) {
  DateWord w;
  w.flags = f;
  w.head = head;
  return w;
}

constexpr DateWord ordinal(int n) {
  DateWord w;
  w.ordinal = static_cast<std::int8_t>(n);
  return w;
}

// `head`: English teens and tens open spelled-out years ("nineteen ninety six", "twenty
// twenty").
constexpr DateWord cardinal(int n, bool head = false) {
  DateWord w;
  w.cardinal = static_cast<std::int8_t>(n);
  w.head = head;
  return w;
}

constexpr DateWord unit(char u, bool plural, bool head = true) {
  DateWord w;
  w.unit = u;
  w.unit_plural = plural;
  w.head = head;
  return w;
}

// Month, weekday, number and keyword names. Adding a spelling is one row; a word listed twice
// merges its meanings ("sept" is both seven and September's abbreviation in French).
constexpr Row k_rows[] = {
    // Months, French.
    {"janvier", Lang::fr, month(1)},
    {"janv", Lang::fr, month(1, true)},
    {"fevrier", Lang::fr, month(2)},
    {"fevr", Lang::fr, month(2, true)},
    {"fev", Lang::fr, month(2, true)},
    {"mars", Lang::fr, month(3)},
    {"avril", Lang::fr, month(4)},
    {"avr", Lang::fr, month(4, true)},
    {"mai", Lang::fr, month(5)},
    {"juin", Lang::fr, month(6)},
    {"juillet", Lang::fr, month(7)},
    {"juil", Lang::fr, month(7, true)},
    {"jui", Lang::fr, month(7, true)},
    {"aout", Lang::fr, month(8)},
    {"septembre", Lang::fr, month(9)},
    {"sept", Lang::fr, month(9, true)},
    {"octobre", Lang::fr, month(10)},
    {"novembre", Lang::fr, month(11)},
    {"decembre", Lang::fr, month(12)},
    // Months, English (French texts quote English abbreviations too: "Oct/2", "Sep-23-2020").
    {"january", Lang::en, month(1)},
    {"jan", Lang::both, month(1, true)},
    {"february", Lang::en, month(2)},
    {"feb", Lang::both, month(2, true)},
    {"march", Lang::en, month(3, false, true)},
    {"mar", Lang::en, month(3, true)},
    {"april", Lang::en, month(4)},
    {"apr", Lang::both, month(4, true)},
    {"may", Lang::en, month(5, false, true)},
    {"june", Lang::en, month(6)},
    {"jun", Lang::both, month(6, true)},
    {"july", Lang::en, month(7)},
    {"jul", Lang::both, month(7, true)},
    {"august", Lang::en, month(8)},
    {"aug", Lang::both, month(8, true)},
    {"september", Lang::en, month(9)},
    {"sept", Lang::en, month(9, true)},
    {"sep", Lang::both, month(9, true)},
    {"october", Lang::en, month(10)},
    {"oct", Lang::both, month(10, true)},
    {"november", Lang::en, month(11)},
    {"nov", Lang::both, month(11, true)},
    {"december", Lang::en, month(12)},
    {"dec", Lang::both, month(12, true)},
    // Weekdays.
    {"lundi", Lang::fr, weekday(0)},
    {"lun", Lang::fr, weekday(0, true)},
    {"mardi", Lang::fr, weekday(1)},
    {"mar", Lang::fr, weekday(1, true)},
    {"mercredi", Lang::fr, weekday(2)},
    {"mer", Lang::fr, weekday(2, true)},
    {"jeudi", Lang::fr, weekday(3)},
    {"jeu", Lang::fr, weekday(3, true)},
    {"vendredi", Lang::fr, weekday(4)},
    {"ven", Lang::fr, weekday(4, true)},
    {"samedi", Lang::fr, weekday(5)},
    {"sam", Lang::fr, weekday(5, true)},
    {"dimanche", Lang::fr, weekday(6)},
    {"dim", Lang::fr, weekday(6, true)},
    {"monday", Lang::en, weekday(0)},
    {"mon", Lang::en, weekday(0, true)},
    {"tuesday", Lang::en, weekday(1)},
    {"tue", Lang::en, weekday(1, true)},
    {"tues", Lang::en, weekday(1, true)},
    {"wednesday", Lang::en, weekday(2)},
    {"wed", Lang::en, weekday(2, true)},
    {"thursday", Lang::en, weekday(3)},
    {"thu", Lang::en, weekday(3, true)},
    {"thurs", Lang::en, weekday(3, true)},
    {"friday", Lang::en, weekday(4)},
    {"fri", Lang::en, weekday(4, true)},
    {"saturday", Lang::en, weekday(5)},
    {"sat", Lang::en, weekday(5, true)},
    {"sunday", Lang::en, weekday(6)},
    {"sun", Lang::en, weekday(6, true)},
    // Units (a head: "l'an dernier", "sur cinq ans", "last year", "two years ago").
    {"an", Lang::fr, unit('y', false)},
    {"ans", Lang::fr, unit('y', true)},
    {"annee", Lang::fr, unit('y', false)},
    {"annees", Lang::fr, unit('y', true)},
    {"mois", Lang::fr, unit('m', false)},
    {"semaine", Lang::fr, unit('w', false)},
    {"semaines", Lang::fr, unit('w', true)},
    {"jour", Lang::fr, unit('d', false)},
    {"jours", Lang::fr, unit('d', true)},
    {"trimestre", Lang::fr, unit('q', false)},
    {"trimestres", Lang::fr, unit('q', true)},
    {"semestre", Lang::fr, unit('h', false)},
    {"semestres", Lang::fr, unit('h', true)},
    {"year", Lang::en, unit('y', false)},
    {"years", Lang::en, unit('y', true)},
    {"month", Lang::en, unit('m', false)},
    {"months", Lang::en, unit('m', true)},
    {"week", Lang::en, unit('w', false)},
    {"weeks", Lang::en, unit('w', true)},
    {"day", Lang::en, unit('d', false)},
    {"days", Lang::en, unit('d', true)},
    {"quarter", Lang::en, unit('q', false)},
    {"quarters", Lang::en, unit('q', true)},
    {"half", Lang::en, unit('h', false)},
    // Relative days and other anchors.
    {"hier", Lang::fr, flags(dw_yesterday, true)},
    {"demain", Lang::fr, flags(dw_tomorrow, true)},
    {"aujourd", Lang::fr, flags(dw_today, true)},
    {"yesterday", Lang::en, flags(dw_yesterday, true)},
    {"tomorrow", Lang::en, flags(dw_tomorrow, true)},
    {"tmrw", Lang::en, flags(dw_tomorrow, true)},
    {"today", Lang::en, flags(dw_today, true)},
    {"fy", Lang::both, flags(dw_fiscal, true)},
    {"fiscal", Lang::en, flags(dw_fiscal, true)},
    {"exercice", Lang::fr, flags(dw_fiscal, true)},
    {"ago", Lang::en, flags(dw_ago, true)},
    {"cy", Lang::en, flags(dw_calendar, true)},
    {"calendar", Lang::en, flags(dw_calendar)},
    // Words the grammar reads by their spelling ("avant-hier", "Q1", "T1", "H1", "S1").
    {"avant", Lang::fr, flags(0)},
    {"apres", Lang::fr, flags(0)},
    {"q", Lang::both, flags(0)},
    {"h", Lang::both, flags(0)},
    {"t", Lang::fr, flags(0)},
    {"s", Lang::fr, flags(0)},
    {"les", Lang::fr, flags(0)},
    {"ces", Lang::fr, flags(0)},
    // Keywords, French.
    {"en", Lang::fr, flags(dw_in)},
    {"le", Lang::fr, flags(dw_article)},
    {"la", Lang::fr, flags(dw_article)},
    {"l", Lang::fr, flags(dw_article)},
    {"ce", Lang::fr, flags(dw_this)},
    {"cet", Lang::fr, flags(dw_this)},
    {"cette", Lang::fr, flags(dw_this)},
    {"dernier", Lang::fr, flags(dw_last)},
    {"derniere", Lang::fr, flags(dw_last)},
    {"passe", Lang::fr, flags(dw_last)},
    {"passee", Lang::fr, flags(dw_last)},
    {"precedent", Lang::fr, flags(dw_last)},
    {"precedente", Lang::fr, flags(dw_last)},
    {"prochain", Lang::fr, flags(dw_next)},
    {"prochaine", Lang::fr, flags(dw_next)},
    {"prochaines", Lang::fr, flags(dw_next)},
    {"prochains", Lang::fr, flags(dw_next)},
    {"suivant", Lang::fr, flags(dw_next)},
    {"suivante", Lang::fr, flags(dw_next)},
    {"fin", Lang::fr, flags(dw_end, true)},
    {"debut", Lang::fr, flags(dw_begin, true)},
    {"mi", Lang::fr, flags(dw_mid, true)},
    {"milieu", Lang::fr, flags(dw_mid)},
    {"du", Lang::fr, flags(dw_from | dw_of)},
    {"de", Lang::fr, flags(dw_from | dw_of)},
    {"d", Lang::fr, flags(dw_from | dw_of)},
    {"des", Lang::fr, flags(dw_of)},
    {"entre", Lang::fr, flags(dw_between)},
    {"au", Lang::fr, flags(dw_to)},
    {"a", Lang::fr, flags(dw_to | dw_a)},
    {"et", Lang::fr, flags(dw_and)},
    {"depuis", Lang::fr, flags(dw_since)},
    {"il", Lang::fr, flags(dw_il)},
    {"y", Lang::fr, flags(dw_y)},
    {"dans", Lang::fr, flags(dw_dans)},
    {"sur", Lang::fr, flags(dw_over)},
    {"pendant", Lang::fr, flags(dw_over)},
    {"durant", Lang::fr, flags(dw_over)},
    {"periode", Lang::fr, flags(dw_period, true)},
    {"ici", Lang::fr, flags(dw_ici, true)},
    {"jusqu", Lang::fr, flags(dw_jusqu)},
    {"er", Lang::fr, flags(dw_suffix)},
    {"re", Lang::fr, flags(dw_suffix)},
    {"e", Lang::fr, flags(dw_suffix)},
    {"eme", Lang::fr, flags(dw_suffix)},
    {"ieme", Lang::fr, flags(dw_suffix)},
    // Keywords, English.
    {"in", Lang::en, flags(dw_in | dw_dans)},
    {"the", Lang::en, flags(dw_article)},
    {"this", Lang::en, flags(dw_this)},
    {"current", Lang::en, flags(dw_this)},
    {"last", Lang::en, flags(dw_last)},
    {"past", Lang::en, flags(dw_last)},
    {"previous", Lang::en, flags(dw_last)},
    {"next", Lang::en, flags(dw_next)},
    {"coming", Lang::en, flags(dw_next)},
    {"upcoming", Lang::en, flags(dw_next)},
    {"following", Lang::en, flags(dw_next)},
    {"end", Lang::en, flags(dw_end, true)},
    {"late", Lang::en, flags(dw_end, true)},
    {"beginning", Lang::en, flags(dw_begin)},
    {"start", Lang::en, flags(dw_begin)},
    {"early", Lang::en, flags(dw_begin, true)},
    {"mid", Lang::en, flags(dw_mid, true)},
    {"middle", Lang::en, flags(dw_mid)},
    {"from", Lang::en, flags(dw_from)},
    {"of", Lang::en, flags(dw_of)},
    {"between", Lang::en, flags(dw_between)},
    {"to", Lang::en, flags(dw_to)},
    {"through", Lang::en, flags(dw_to)},
    {"thru", Lang::en, flags(dw_to)},
    {"and", Lang::en, flags(dw_and)},
    {"by", Lang::en, flags(dw_by)},
    {"until", Lang::en, flags(dw_by)},
    {"till", Lang::en, flags(dw_by)},
    {"since", Lang::en, flags(dw_since)},
    {"over", Lang::en, flags(dw_over)},
    {"for", Lang::en, flags(dw_over)},
    {"during", Lang::en, flags(dw_over)},
    {"period", Lang::en, flags(dw_period, true)},
    {"on", Lang::en, flags(dw_on)},
    {"st", Lang::en, flags(dw_suffix)},
    {"nd", Lang::en, flags(dw_suffix)},
    {"rd", Lang::en, flags(dw_suffix)},
    {"th", Lang::en, flags(dw_suffix)},
    // Ordinals and numbers (days of the month, quarters, counts of units).
    {"premier", Lang::fr, ordinal(1)},
    {"premiere", Lang::fr, ordinal(1)},
    {"deuxieme", Lang::fr, ordinal(2)},
    {"second", Lang::both, ordinal(2)},
    {"seconde", Lang::fr, ordinal(2)},
    {"troisieme", Lang::fr, ordinal(3)},
    {"quatrieme", Lang::fr, ordinal(4)},
    {"cinquieme", Lang::fr, ordinal(5)},
    {"first", Lang::en, ordinal(1)},
    {"third", Lang::en, ordinal(3)},
    {"fourth", Lang::en, ordinal(4)},
    {"fifth", Lang::en, ordinal(5)},
    {"sixth", Lang::en, ordinal(6)},
    {"seventh", Lang::en, ordinal(7)},
    {"eighth", Lang::en, ordinal(8)},
    {"ninth", Lang::en, ordinal(9)},
    {"tenth", Lang::en, ordinal(10)},
    {"eleventh", Lang::en, ordinal(11)},
    {"twelfth", Lang::en, ordinal(12)},
    {"thirteenth", Lang::en, ordinal(13)},
    {"fourteenth", Lang::en, ordinal(14)},
    {"fifteenth", Lang::en, ordinal(15)},
    {"sixteenth", Lang::en, ordinal(16)},
    {"seventeenth", Lang::en, ordinal(17)},
    {"eighteenth", Lang::en, ordinal(18)},
    {"nineteenth", Lang::en, ordinal(19)},
    {"twentieth", Lang::en, ordinal(20)},
    {"thirtieth", Lang::en, ordinal(30)},
    {"un", Lang::fr, cardinal(1)},
    {"une", Lang::fr, cardinal(1)},
    {"deux", Lang::fr, cardinal(2)},
    {"trois", Lang::fr, cardinal(3)},
    {"quatre", Lang::fr, cardinal(4)},
    {"cinq", Lang::fr, cardinal(5)},
    {"six", Lang::fr, cardinal(6)},
    {"sept", Lang::fr, cardinal(7)},
    {"huit", Lang::fr, cardinal(8)},
    {"neuf", Lang::fr, cardinal(9)},
    {"dix", Lang::fr, cardinal(10)},
    {"onze", Lang::fr, cardinal(11)},
    {"douze", Lang::fr, cardinal(12)},
    {"treize", Lang::fr, cardinal(13)},
    {"quatorze", Lang::fr, cardinal(14)},
    {"quinze", Lang::fr, cardinal(15)},
    {"seize", Lang::fr, cardinal(16)},
    {"vingt", Lang::fr, cardinal(20)},
    {"trente", Lang::fr, cardinal(30)},
    {"quarante", Lang::fr, cardinal(40)},
    {"cinquante", Lang::fr, cardinal(50)},
    {"a", Lang::en, cardinal(1)},
    {"an", Lang::en, cardinal(1)},
    {"one", Lang::en, cardinal(1)},
    {"two", Lang::en, cardinal(2)},
    {"three", Lang::en, cardinal(3)},
    {"four", Lang::en, cardinal(4)},
    {"five", Lang::en, cardinal(5)},
    {"six", Lang::en, cardinal(6)},
    {"seven", Lang::en, cardinal(7)},
    {"eight", Lang::en, cardinal(8)},
    {"nine", Lang::en, cardinal(9)},
    {"ten", Lang::en, cardinal(10)},
    {"eleven", Lang::en, cardinal(11, true)},
    {"twelve", Lang::en, cardinal(12, true)},
    {"thirteen", Lang::en, cardinal(13, true)},
    {"fourteen", Lang::en, cardinal(14, true)},
    {"fifteen", Lang::en, cardinal(15, true)},
    {"sixteen", Lang::en, cardinal(16, true)},
    {"seventeen", Lang::en, cardinal(17, true)},
    {"eighteen", Lang::en, cardinal(18, true)},
    {"nineteen", Lang::en, cardinal(19, true)},
    {"twenty", Lang::en, cardinal(20, true)},
    {"thirty", Lang::en, cardinal(30, true)},
    {"forty", Lang::en, cardinal(40, true)},
    {"fifty", Lang::en, cardinal(50, true)},
    {"sixty", Lang::en, cardinal(60, true)},
    {"seventy", Lang::en, cardinal(70, true)},
    {"eighty", Lang::en, cardinal(80, true)},
    {"ninety", Lang::en, cardinal(90, true)},
    {"soixante", Lang::fr, cardinal(60)},
    // Spelled-out years: "two thousand and twenty", "nineteen hundred", "deux mille vingt".
    {"thousand", Lang::en, flags(0, true)},
    {"hundred", Lang::en, flags(0)},
    {"mille", Lang::fr, flags(0, true)},
    {"cent", Lang::fr, flags(0)},
    {"zero", Lang::both, flags(0)},
    {"oh", Lang::en, flags(0)},
    {"few", Lang::en, flags(0)},
    {"fortnight", Lang::en, unit('f', false)},
    {"fortnights", Lang::en, unit('f', true)},
    {"ya", Lang::fr, flags(0)},
};

constexpr RelativeDayPhrase k_relative_days[] = {
    {true, "avant - hier", -2},
    {true, "hier", -1},
    {true, "aujourd ' hui", 0},
    {true, "demain", 1},
    {true, "apres - demain", 2},
    {false, "the day before yesterday", -2},
    {false, "yesterday", -1},
    {false, "today", 0},
    {false, "tomorrow", 1},
    {false, "tmrw", 1},
    {false, "the day after tomorrow", 2},
    {false, "the day after tmrw", 2},
};

// Words without a row above that the grammar compares by spelling (in either language), so
// that a match may run across them. The words of holiday and relative-day phrases are added
// from their tables.
constexpr std::string_view k_spelling_words[] = {
    "after",   "before",  "later",    "now",   "the",   "le",    "ce",   "en",
    "et",      "a",       "ci",       "cours", "cent",  "cents", "peu",  "pres",
    "environ", "presque", "d",        "apres", "avant", "of",    "from", "in",
    "mille",   "hundred", "thousand", "zero",  "oh",    "few",   "il",   "ya",
    "huit",    "quinze",  "exercice", "past",  "des",   "les",   "ces",  "jusqu",
    "la",      "l",       "q",        "h",     "t",     "s",     "au",   "on"};

// Whether a word can open an expression, not only continue one: not "et", "au", "ago", "of",
// "à", "ici", ordinal suffixes ("d'ici" starts at "d").
bool opens_expression(const DateWord& w) {
  constexpr std::uint32_t k_never =
      dw_suffix | dw_and | dw_ago | dw_y | dw_to | dw_of | dw_a | dw_ici;
  return !(w.flags & k_never) || w.month || w.weekday >= 0 || w.cardinal || w.ordinal || w.holiday
         || w.relative_day || (w.flags & ~k_never);
}

// A small open-addressing table: lookups of every word of a text must not allocate.
class WordTable {
public:
  explicit WordTable(bool french) {
    m_index.words = m_words.data();
    for (const Row& row : k_rows) {
      if (row.lang == Lang::both || (row.lang == Lang::fr) == french) {
        insert(row.word, row.meaning);
      }
    }
    // The first word of each phrase, so that the grammar tries the phrases only there.
    for (const Holiday& h : holidays()) {
      if (h.french == french) {
        DateWord w;
        w.holiday = true;
        insert(h.words.substr(0, h.words.find(' ')), w);
      }
    }
    for (const RelativeDayPhrase& r : k_relative_days) {
      if (r.french == french) {
        DateWord w;
        w.relative_day = true;
        insert(r.words.substr(0, r.words.find(' ')), w);
      }
    }
    for (std::string_view word : k_spelling_words) {
      insert_spelling(word);
    }
    for (const Holiday& h : holidays()) {
      insert_phrase_words(h.words);
    }
    for (const RelativeDayPhrase& r : k_relative_days) {
      insert_phrase_words(r.words);
    }
    for (std::size_t i = 0; i < m_count; ++i) {
      m_words[i].opens = !m_words[i].spelling_only && opens_expression(m_words[i]);
    }
  }

  // `key`: 16 bytes, zero after `len`.
  const DateWord* find_padded(const char* key, std::size_t len) const {
    std::uint64_t lo = 0;
    std::uint64_t hi = 0;
    std::memcpy(&lo, key, 8);
    std::memcpy(&hi, key + 8, 8);
    if (len == 0 || len > k_max_key) {
      return nullptr;
    }
    // Most words of a text are not in the lexicon: a bit per (length, first letter, last
    // letter) rejects most of them before hashing.
    static_assert(std::endian::native == std::endian::little, "key halves are little-endian");
    auto first = static_cast<char>(lo & 0xff);
    auto last = static_cast<char>((len <= 8 ? lo : hi) >> (8 * ((len - 1) & 7)));
    if (!(m_filter.bits[len][letter(first)] & (1u << letter(last)))) {
      return nullptr;
    }
    return find_key(lo, hi, len);
  }

  // The key's halves as little-endian integers; the filter is the caller's to ask.
  const DateWord* find_key(std::uint64_t lo, std::uint64_t hi, std::size_t len) const {
    if (len == 0 || len > k_max_key) {
      return nullptr;
    }
    return m_index.find(lo, hi, len);
  }

  const DateWordFilter& filter() const { return m_filter; }
  const DateWordIndex& index() const { return m_index; }

  const DateWord* find(std::string_view key) const {
    if (key.empty() || key.size() > k_max_key) {
      return nullptr;
    }
    char padded[16] = {};
    std::memcpy(padded, key.data(), key.size());
    return find_padded(padded, key.size());
  }

private:
  static constexpr std::size_t k_max_key = DateWordFilter::k_max_len;
  static constexpr std::size_t k_slots = DateWordIndex::k_slots;

  // 0..25 for 'a'..'z', 26 for anything else.
  static std::size_t letter(char c) {
    auto u = static_cast<unsigned char>(c);
    return u >= 'a' && u <= 'z' ? u - 'a' : 26;
  }

  void insert(std::string_view key, const DateWord& w) {
    m_filter.bits[key.size()][letter(key.front())] |= 1u << letter(key.back());
    char padded[16] = {};
    std::memcpy(padded, key.data(), key.size());
    std::uint64_t lo = 0;
    std::uint64_t hi = 0;
    std::memcpy(&lo, padded, 8);
    std::memcpy(&hi, padded + 8, 8);
    for (std::size_t i = DateWordIndex::hash(lo, hi, key.size());; i = (i + 1) & (k_slots - 1)) {
      DateWordIndex::Key& s = m_index.keys[i];
      if (s.lo == 0) {
        s.lo = lo;
        s.hi = hi;
        m_index.word[i] = static_cast<std::uint16_t>(m_count);
        m_words[m_count++] = w;
        return;
      }
      if (s.lo == lo && s.hi == hi) {
        merge(m_words[m_index.word[i]], w);
        return;
      }
    }
  }

  // A word the grammar reads by spelling only, unless it has a meaning already.
  void insert_spelling(std::string_view word) {
    if (word.empty() || word.size() > k_max_key || find(word)) {
      return;
    }
    DateWord w;
    w.spelling_only = true;
    insert(word, w);
  }

  void insert_phrase_words(std::string_view words) {
    while (!words.empty()) {
      auto sp = words.find(' ');
      std::string_view w = words.substr(0, sp);
      words = sp == std::string_view::npos ? std::string_view{} : words.substr(sp + 1);
      if (w.size() > 1 || (w.size() == 1 && w[0] >= 'a' && w[0] <= 'z')) {
        insert_spelling(w);
      }
    }
  }

  static void merge(DateWord& into, const DateWord& w) {
    into.flags |= w.flags;
    if (w.month != 0) {
      into.month = w.month;
      into.month_abbrev = w.month_abbrev;
      into.month_weak = w.month_weak;
    }
    if (w.weekday >= 0) {
      into.weekday = w.weekday;
      into.weekday_abbrev = w.weekday_abbrev;
    }
    if (w.ordinal != 0) {
      into.ordinal = w.ordinal;
    }
    if (w.cardinal != 0) {
      into.cardinal = w.cardinal;
    }
    if (w.unit != 0) {
      into.unit = w.unit;
      into.unit_plural = w.unit_plural;
    }
    into.head = into.head || w.head;
    into.holiday = into.holiday || w.holiday;
    into.relative_day = into.relative_day || w.relative_day;
  }

  DateWordIndex m_index;
  std::array<DateWord, k_slots> m_words{};
  std::size_t m_count = 0;
  DateWordFilter m_filter;
};

// Built once at start-up (the rows and the phrase tables are constants).
const WordTable k_table_fr(true);
const WordTable k_table_en(false);

const WordTable& word_table(bool french) {
  return french ? k_table_fr : k_table_en;
}

} // namespace

std::span<const RelativeDayPhrase> relative_day_phrases() {
  return k_relative_days;
}

const DateWordFilter& date_word_filter(bool french) {
  return word_table(french).filter();
}

const DateWordIndex& date_word_index(bool french) {
  return word_table(french).index();
}

const DateWord* find_date_word(std::string_view folded, bool french) {
  return word_table(french).find(folded);
}

const DateWord* find_date_word_padded(const char* key16, std::size_t len, bool french) {
  return word_table(french).find_padded(key16, len);
}

} // namespace factledger::extract
