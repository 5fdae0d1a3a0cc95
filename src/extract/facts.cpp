#include "extract/facts.hpp"

#include "extract/fact_rules.hpp"
#include "extract/support_lexicon.hpp"
#include "model/error.hpp"
#include "text/sentences.hpp"
#include "text/utf8.hpp"

#include <re2/re2.h>
#include <utf8proc.h>

#include <algorithm>
#include <array>
#include <bit>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <string>

namespace factledger::extract {

namespace {

// One scanner per language for the support lexicon and the verb/preposition rules, compiled
// once.
const CueScanner& scanner(std::string_view lang) {
  static const CueScanner fr({support_lexicon_entries(), fact_rule_entries()}, "fr");
  static const CueScanner en({support_lexicon_entries(), fact_rule_entries()}, "en");
  return lang == "fr" ? fr : en;
}

constexpr std::size_t k_npos = std::string_view::npos;
constexpr std::size_t k_instrument_before = 50; // bytes of context searched for an instrument
constexpr std::size_t k_instrument_after = 40;
constexpr std::size_t k_kind_before = 60;
constexpr std::size_t k_kind_after = 45;
constexpr std::size_t k_not_support_before = 80;
constexpr std::size_t k_not_support_after = 40;
constexpr std::size_t k_passive_reach = 60; // an amount's participle follows within this
constexpr int k_max_phrase_words = 10;
constexpr int k_max_subject_words = 12;
// Context searched for an amount's paragraph and sentence boundaries, each side: per-amount work
// stays bounded on a huge line without sentence boundaries.
constexpr std::size_t k_window = 4096;
constexpr std::size_t k_window_align = 128; // window edges move to white space within this

// ----- Words -------------------------------------------------------------------------------

std::size_t next_char(std::string_view t, std::size_t pos) {
  ++pos;
  while (pos < t.size() && (static_cast<unsigned char>(t[pos]) & 0xC0) == 0x80) {
    ++pos;
  }
  return pos;
}

std::size_t apostrophe_len(std::string_view t, std::size_t pos) {
  if (pos < t.size() && t[pos] == '\'') {
    return 1;
  }
  if (t.substr(pos, 3) == "\xE2\x80\x99") {
    return 3;
  }
  return 0;
}

bool is_capitalized(std::string_view t, std::size_t pos) {
  utf8proc_int32_t cp = 0;
  auto n = utf8proc_iterate(reinterpret_cast<const utf8proc_uint8_t*>(t.data() + pos),
                            static_cast<utf8proc_ssize_t>(t.size() - pos),
                            &cp);
  return n > 0 && utf8proc_isupper(cp);
}

struct Word {
  std::size_t begin = 0;
  std::size_t end = 0;
};

using text::load8;

// Bytewise range checks on 8 bytes at once (the first byte lowest): on the low 7 bits of each
// byte they cannot carry into the next one.
constexpr std::uint64_t k_ones = 0x0101010101010101ULL;
constexpr std::uint64_t k_high = 0x80 * k_ones;
// High bit of each byte of `v` that is ASCII and in `lo`..`hi`.
constexpr std::uint64_t ascii_bytes_in(std::uint64_t v, unsigned char lo, unsigned char hi) {
  const std::uint64_t x = v & 0x7F * k_ones;
  return (x + (0x80 - lo) * k_ones) & ~(x + (0x7F - hi) * k_ones) & ~v & k_high;
}

// Number of ASCII letters and digits at the start of the 8 bytes `v`: 0..8.
constexpr std::size_t ascii_alnum_prefix(std::uint64_t v) {
  std::uint64_t alnum = ascii_bytes_in(v | 0x20 * k_ones, 'a', 'z') | ascii_bytes_in(v, '0', '9');
  return static_cast<std::size_t>(std::countr_zero(~alnum & k_high)) / 8;
}

// `v` with its ASCII capitals lower-cased (the high bit of a capital, shifted to bit 5).
constexpr std::uint64_t ascii_lower8(std::uint64_t v) {
  return v | ascii_bytes_in(v, 'A', 'Z') >> 2;
}

bool is_ascii_alnum(unsigned char c) {
  return (c >= '0' && c <= '9') || ((c | 0x20) >= 'a' && (c | 0x20) <= 'z');
}

// Lower-case words of a sentence, held in one buffer (one allocation per sentence, not per
// word).
class LowerWords {
public:
  void reserve(std::size_t words, std::size_t bytes) {
    m_at.reserve(words);
    m_buf.resize(bytes + 8); // + room for a last 8-byte store
  }
  // Append the lower-case form of the word `t[w]`, with typographic apostrophes made ASCII so
  // that word lists hold one form. An ASCII word (`ascii`) is lower-cased 8 bytes at a time.
  void push_back(std::string_view t, Word w, bool ascii) {
    std::size_t n = w.end - w.begin;
    if (!ascii) {
      std::size_t room = m_buf.size();
      m_buf.resize(m_size);
      text::append_lower(t.substr(w.begin, n), m_buf);
      std::size_t p = m_size;
      while ((p = m_buf.find("\xE2\x80\x99", p)) != std::string::npos) {
        m_buf.replace(p, 3, "'");
      }
      m_at.push_back(Span{m_size, m_buf.size()});
      m_size = m_buf.size();
      m_buf.resize(std::max(room, m_size)); // the room back, without a new allocation
      return;
    }
    if (m_buf.size() < m_size + n + 8) {
      m_buf.resize(std::max(m_size + n + 8, 2 * m_buf.size()));
    }
    char* out = m_buf.data() + m_size;
    std::size_t k = 0;
    // Whole 8-byte stores: the bytes past the word are overwritten by the next one.
    for (; k < n && w.begin + k + 8 <= t.size(); k += 8) {
      std::uint64_t v = ascii_lower8(load8(t.data() + w.begin + k));
      std::memcpy(out + k, &v, 8);
    }
    for (; k < n; ++k) {
      char c = t[w.begin + k];
      out[k] = c >= 'A' && c <= 'Z' ? static_cast<char>(c + 32) : c;
    }
    m_at.push_back(Span{m_size, m_size + n});
    m_size += n;
  }
  std::string_view operator[](std::size_t i) const {
    return std::string_view(m_buf).substr(m_at[i].begin, m_at[i].size());
  }
  std::size_t size() const { return m_at.size(); }
  void clear() { // keeps the buffers for the next sentence
    m_size = 0;
    m_at.clear();
  }

private:
  std::string m_buf;      // the words at m_at, then room
  std::size_t m_size = 0; // bytes of m_buf in use
  std::vector<Span> m_at;
};

// Words of `t[range]`: letters and digits, with inner '-', '.', '&' ("start-up", "U.S."); an
// elision apostrophe stays on its word ("l'", "qu'"), as does an English "'s". Appended to
// `words`, and their lower-case forms to `lower`, in one pass.
void split_words(std::string_view t, Span range, std::vector<Word>& words, LowerWords& lower) {
  std::size_t capacity = range.size() / 5 + 4; // about one word per 5-6 bytes: one allocation
  words.reserve(capacity);
  lower.reserve(capacity, range.size());
  std::size_t pos = range.begin;
  while (pos < range.end) {
    if (!is_word_char_at(t, pos)) {
      pos = next_char(t, pos);
      continue;
    }
    std::size_t b = pos;
    bool ascii = true;
    while (pos < range.end) {
      // Runs of ASCII letters and digits, 8 bytes at a time.
      std::size_t run = 8;
      while (run == 8 && pos + 8 <= range.end) {
        run = ascii_alnum_prefix(load8(t.data() + pos));
        pos += run;
      }
      if (pos >= range.end) {
        break;
      }
      auto c = static_cast<unsigned char>(t[pos]);
      if (c < 0x80 ? is_ascii_alnum(c) : is_word_char_beyond_ascii(t, pos)) {
        ascii = ascii && c < 0x80;
        pos = c < 0x80 ? pos + 1 : next_char(t, pos);
      } else if ((t[pos] == '-' || t[pos] == '.' || t[pos] == '&') && pos + 1 < range.end
                 && is_word_char_at(t, pos + 1)) {
        ++pos;
      } else if (t[pos] == '.' && pos > b + 1 && t[pos - 2] == '.') {
        ++pos; // the final dot of "U.S."
        break;
      } else if (std::size_t a = apostrophe_len(t, pos); a > 0) {
        bool possessive = pos + a < range.end && (t[pos + a] == 's' || t[pos + a] == 'S')
                          && !is_word_char_at(t, pos + a + 1);
        ascii = ascii && a == 1;
        pos += possessive ? a + 1 : a;
        break;
      } else {
        break;
      }
    }
    words.push_back(Word{b, pos});
    lower.push_back(t, words.back(), ascii);
  }
}

bool text_is_space(char c) {
  return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

// True when `t[a, b)` holds punctuation that ends a phrase.
bool gap_has_break(std::string_view t, std::size_t a, std::size_t b) {
  for (std::size_t i = a; i < b; ++i) {
    switch (t[i]) {
    case ',':
    case ';':
    case ':':
    case '(':
    case ')':
    case '[':
    case ']':
    case '"':
    case '.':
    case '!':
    case '?':
      return true;
    default:
      break;
    }
  }
  std::string_view g = t.substr(a, b - a);
  for (std::string_view mark :
       {"\xC2\xAB", "\xC2\xBB", "\xE2\x80\x94", "\xE2\x80\x93", "\xE2\x80\x9C", "\xE2\x80\x9D"}) {
    if (g.find(mark) != std::string_view::npos) {
      return true;
    }
  }
  return false;
}

// ----- Sentences ---------------------------------------------------------------------------

struct Sentence {
  Span span;
  bool quoted = false; // holds a « quotation »
  std::vector<Word> words;
  LowerWords lower;
  std::vector<CueHit> hits;
};

// Analyse `t[span]` into `s`, whose buffers are reused (cleared, not freed).
void analyse_sentence(std::string_view t, std::string_view lang, Span span, Sentence& s) {
  s.span = span;
  s.words.clear();
  s.lower.clear();
  s.hits.clear();
  split_words(t, span, s.words, s.lower);
  scanner(lang).scan(t, span, s.hits);
  s.quoted = t.substr(span.begin, span.size()).find("\xC2\xAB") != std::string_view::npos;
}

const CueHit* hit_at(const Sentence& s, std::size_t pos) {
  for (const auto& h : s.hits) {
    if (h.span.begin <= pos && pos < h.span.end) {
      return &h;
    }
  }
  return nullptr;
}

// Index of the first word starting at or after `pos` (words.size() when none).
std::size_t word_from(const Sentence& s, std::size_t pos) {
  auto it = std::lower_bound(s.words.begin(), s.words.end(), pos, [](const Word& w, std::size_t p) {
    return w.begin < p;
  });
  return static_cast<std::size_t>(it - s.words.begin());
}

// ----- The article being assembled ---------------------------------------------------------

struct Article {
  std::string_view text;
  std::string_view lang;
  std::vector<Span> blocked; // amounts and dates: phrases never run through them
};

bool blocked_at(const Article& a, std::size_t pos) {
  auto it =
      std::upper_bound(a.blocked.begin(), a.blocked.end(), pos, [](std::size_t p, const Span& s) {
        return p < s.begin;
      });
  if (it == a.blocked.begin()) {
    return false;
  }
  --it;
  return it->begin <= pos && pos < it->end;
}

// The first (or last) clause break in `[from, to)`: a comma or semicolon before a word that opens a
// clause of its own (", while", ", which", ", tandis que"), a closing quotation mark, or a verb
// of saying ("officials say the mission..."). k_npos when none.
enum class Which { first, last };

std::size_t
clause_break(const Article& a, const Sentence& s, std::size_t from, std::size_t to, Which which) {
  std::size_t found = k_npos;
  std::size_t i = word_from(s, from);
  std::size_t gap_begin = from;
  std::size_t h = 0;
  for (; i < s.words.size() && s.words[i].begin < to; ++i) {
    if (gap_begin < s.words[i].begin) {
      std::string_view g = a.text.substr(gap_begin, s.words[i].begin - gap_begin);
      bool comma = false;
      bool wide = false; // a non-ASCII mark: maybe a closing quote
      for (char c : g) {
        comma |= c == ',' || c == ';';
        wide |= static_cast<unsigned char>(c) >= 0x80;
      }
      if ((comma && is_clause_subordinator(s.lower[i]))
          || (wide && (g.find("\xC2\xBB") != k_npos || g.find("\xE2\x80\x9D") != k_npos))) {
        found = gap_begin;
        if (which == Which::first) {
          return found;
        }
      }
    }
    while (h < s.hits.size() && s.hits[h].span.begin < s.words[i].begin) {
      ++h;
    }
    if (h < s.hits.size() && s.hits[h].span.begin == s.words[i].begin
        && s.hits[h].info->verb == VerbClass::say) {
      found = s.words[i].begin;
      if (which == Which::first) {
        return found;
      }
    }
    gap_begin = s.words[i].end;
  }
  return found;
}

// True when `pos` lies inside a quotation of the sentence: « Investir pour la France de 2030 »
// names a programme, its "pour" introduces no recipient.
bool inside_quotes(const Article& a, const Sentence& s, std::size_t pos) {
  if (!s.quoted) {
    return false;
  }
  std::string_view before = a.text.substr(s.span.begin, pos - s.span.begin);
  int depth = 0;
  for (std::size_t p = 0; p + 1 < before.size(); ++p) {
    if (before.substr(p, 2) == "\xC2\xAB") {
      ++depth;
    } else if (before.substr(p, 2) == "\xC2\xBB") {
      depth = std::max(0, depth - 1);
    }
  }
  return depth > 0;
}

// A capitalised word that is only a domain ("IA", "AI") or a nationality ("US" stays: it is
// also an actor) does not name a party.
bool is_cue_word(const Sentence& s, std::size_t pos) {
  const CueHit* h = hit_at(s, pos);
  return h && (h->info->abstract || (!h->info->country.empty() && !h->info->actor));
}

// A noun phrase read forward from `pos` (before `limit`): stops at punctuation, a stop word,
// an amount or date, a verb, or after k_max_phrase_words. `stop_at_to` also stops at
// "à/au/aux/to" (for funders: "par l'État aux fournisseurs").
Span phrase_after(
    const Article& a, const Sentence& s, std::size_t pos, std::size_t limit, bool stop_at_to) {
  std::size_t i = word_from(s, pos);
  Span out{k_npos, k_npos};
  int count = 0;
  bool has_head = false;
  std::size_t prev_end = pos;
  for (; i < s.words.size() && s.words[i].begin < limit; ++i) {
    const Word& w = s.words[i];
    std::string_view lw = s.lower[i];
    if (const CueHit* hw = hit_at(s, w.begin); hw && hw->info->recipient_head) {
      has_head = true;
    }
    if (gap_has_break(a.text, prev_end, w.begin) || blocked_at(a, w.begin)) {
      break;
    }
    if (is_phrase_stop_word(lw, a.lang) && !(count == 0 && is_determiner(lw))) {
      break;
    }
    if (count > 0) {
      if (stop_at_to && (lw == "à" || lw == "au" || lw == "aux" || lw == "to")) {
        break;
      }
      if (lw == "et" || lw == "and") {
        // "Stellantis et LGES" and "semiconductor and display manufacturers" go on; "X et une
        // subvention" stops.
        bool names_follow = i + 1 < s.words.size() && is_capitalized(a.text, s.words[i + 1].begin);
        if (!names_follow
            && (has_head || count >= 4 || i + 1 >= s.words.size()
                || is_determiner(s.lower[i + 1]))) {
          break;
        }
      }
      const CueHit* h = hit_at(s, w.begin);
      if (h && h->span.begin == w.begin
          && (h->info->participle
              || (h->info->verb != VerbClass::none && !h->info->recipient_head
                  && h->info->verb != VerbClass::invest)
              || h->info->kind || h->info->hedge || h->info->attribution)) {
        break;
      }
    }
    if (out.begin == k_npos) {
      out.begin = w.begin;
    }
    // A joining word only counts once the phrase goes on after it.
    bool joiner = lw == "et" || lw == "and" || lw == "de" || lw == "of" || lw == "d'";
    if (!joiner) {
      out.end = w.end;
    }
    prev_end = w.end;
    if (++count >= k_max_phrase_words) {
      break;
    }
  }
  if (out.begin == k_npos || out.end == k_npos) {
    return Span{};
  }
  return out;
}

bool is_pronoun_word(std::string_view lw) {
  constexpr std::array<std::string_view, 14> k_pronouns = {"il",
                                                           "elle",
                                                           "ils",
                                                           "elles",
                                                           "it",
                                                           "they",
                                                           "qui",
                                                           "which",
                                                           "he",
                                                           "she",
                                                           "celui-ci",
                                                           "celle-ci",
                                                           "who",
                                                           "on"};
  return std::find(k_pronouns.begin(), k_pronouns.end(), lw) != k_pronouns.end();
}

// Auxiliaries that cannot sit inside a subject ("Beijing has asked state banks" -> "Beijing").
bool cuts_subject(std::string_view lw, std::string_view lang) {
  constexpr std::array<std::string_view, 8> k_fr = {
      "a", "ont", "est", "sont", "avait", "va", "vont", "doit"};
  constexpr std::array<std::string_view, 10> k_en = {
      "has", "have", "had", "is", "are", "was", "were", "will", "would", "said"};
  if (lang == "fr") {
    return std::find(k_fr.begin(), k_fr.end(), lw) != k_fr.end();
  }
  return std::find(k_en.begin(), k_en.end(), lw) != k_en.end();
}

// Words [first, last] of `s` read backward from word `last` to a clause boundary.
std::size_t clause_start(const Article& a, const Sentence& s, std::size_t last, int max_words) {
  std::size_t k = last;
  int count = 1;
  while (k > 0) {
    const std::size_t prev = k - 1;
    if (gap_has_break(a.text, s.words[prev].end, s.words[k].begin)
        || blocked_at(a, s.words[prev].begin)) {
      break;
    }
    std::string_view lw = s.lower[prev];
    if (is_clause_opener(lw)) {
      bool joins_names =
          (lw == "et" || lw == "and") && is_capitalized(a.text, s.words[k].begin) && prev > 0;
      if (!joins_names) {
        break;
      }
    }
    if (++count > max_words) {
      return k_npos;
    }
    k = prev;
  }
  return k;
}

// The subject of a verb starting at `verb_begin`: skip auxiliaries and adverbs ("a ainsi",
// "will also"), then read back to the clause boundary; "X, la banque publique, a accordé"
// gives X.
Span subject_before(const Article& a, const Sentence& s, std::size_t verb_begin) {
  std::size_t j = word_from(s, verb_begin);
  std::size_t boundary = verb_begin;
  while (j > 0) {
    const std::size_t prev = j - 1;
    if (gap_has_break(a.text, s.words[prev].end, boundary)) {
      break;
    }
    // A verb of announcing or planning before this one shares its subject: "qui prévoit de
    // consacrer", "Celle-ci prévoit de mobiliser".
    const CueHit* chained = hit_at(s, s.words[prev].begin);
    if (chained
        && !(chained->info->verb == VerbClass::announce && !chained->info->participle
             && chained->span.end <= boundary)) {
      chained = nullptr;
    }
    if ((!is_auxiliary_word(s.lower[prev]) && !chained)
        || (prev > 0 && is_capitalized(a.text, s.words[prev].begin))) {
      break; // "La région Grand Est a octroyé": "Est" is a name here
    }
    if (chained) {
      boundary = chained->span.begin;
      j = word_from(s, boundary);
      continue;
    }
    boundary = s.words[prev].begin;
    j = prev;
  }
  if (j == 0) {
    return Span{};
  }
  std::size_t last = j - 1;
  if (gap_has_break(a.text, s.words[last].end, boundary)) {
    // "Bpifrance, la banque publique, a accordé": the segment before the verb is an
    // apposition when it starts with a determiner and a short name precedes it.
    if (a.text.substr(s.words[last].end, boundary - s.words[last].end).find(',') == k_npos) {
      return Span{};
    }
    std::size_t first = clause_start(a, s, last, k_max_subject_words);
    if (first == k_npos) {
      return Span{};
    }
    if (is_determiner(s.lower[first]) && first > 0) {
      std::size_t name_last = first - 1;
      std::size_t name_first = clause_start(a, s, name_last, 6);
      if (name_first != k_npos && name_first == 0) {
        return Span{s.words[name_first].begin, s.words[name_last].end};
      }
    }
    return Span{s.words[first].begin, s.words[last].end};
  }
  std::size_t first = clause_start(a, s, last, k_max_subject_words);
  if (first == k_npos) {
    return Span{};
  }
  for (std::size_t m = first + 1; m <= last; ++m) {
    if (cuts_subject(s.lower[m], a.lang)) {
      last = m - 1;
      break;
    }
  }
  return Span{s.words[first].begin, s.words[last].end};
}

bool span_is_pronoun(const Article& a, const Sentence& s, Span sp) {
  std::size_t i = word_from(s, sp.begin);
  return i < s.words.size() && s.words[i].end == sp.end && is_pronoun_word(s.lower[i])
         && a.text.size();
}

bool span_has(const Sentence& s, Span sp, bool (*pred)(const CueInfo&)) {
  for (const auto& h : s.hits) {
    if (sp.contains(h.span) && pred(*h.info)) {
      return true;
    }
  }
  return false;
}

bool is_actor_info(const CueInfo& i) {
  return i.actor || !i.country.empty();
}

// True when every content word of `sp` is a domain ("l'IA", "AI infrastructure"): a purpose,
// not a recipient.
bool is_abstract_phrase(const Article& a, const Sentence& s, Span sp) {
  constexpr std::array<std::string_view, 16> k_generic = {"investment",
                                                          "investments",
                                                          "investissement",
                                                          "investissements",
                                                          "infrastructure",
                                                          "infrastructures",
                                                          "sector",
                                                          "secteur",
                                                          "development",
                                                          "développement",
                                                          "capacity",
                                                          "capacités",
                                                          "projets",
                                                          "compute",
                                                          "manufacturing",
                                                          "production"};
  for (std::size_t i = word_from(s, sp.begin); i < s.words.size() && s.words[i].end <= sp.end;
       ++i) {
    std::string_view lw = s.lower[i];
    if (is_determiner(lw) || lw == "d'" || lw == "l'" || lw == "en" || lw == "in" || lw == "de") {
      continue;
    }
    const CueHit* h = hit_at(s, s.words[i].begin);
    if (h && h->info->abstract) {
      continue;
    }
    // A domain named in lower case ("aux semi-conducteurs", "for batteries") is a purpose;
    // capitalised sector words are companies ("Intel", "Northvolt").
    if (h && !h->info->sector.empty() && !h->info->recipient_head && !h->info->actor
        && !is_capitalized(a.text, s.words[i].begin)) {
      continue;
    }
    if (std::find(k_generic.begin(), k_generic.end(), lw) != k_generic.end()) {
      continue;
    }
    return false;
  }
  return true;
}

// A phrase names a party when it holds an organisation noun or a proper name that is not just
// a country or sector word.
bool names_party(const Article& a, const Sentence& s, Span sp) {
  for (std::size_t i = word_from(s, sp.begin); i < s.words.size() && s.words[i].end <= sp.end;
       ++i) {
    const CueHit* h = hit_at(s, s.words[i].begin);
    if (h && h->info->recipient_head) {
      return true;
    }
    if (is_capitalized(a.text, s.words[i].begin) && !is_cue_word(s, s.words[i].begin)) {
      return true;
    }
  }
  return false;
}

enum class Role { funder, recipient };

// True when `sp` holds a capitalised name after its instrument words: "Verkor" in "prêts
// bancaires de Verkor", not "CHIPS Act" in "CHIPS Act direct funding".
bool proper_outside_instrument(const Article& a, const Sentence& s, Span sp) {
  bool instrument_seen = false;
  for (std::size_t i = word_from(s, sp.begin); i < s.words.size() && s.words[i].begin < sp.end;
       ++i) {
    const CueHit* h = hit_at(s, s.words[i].begin);
    if (h && h->info->instrument) {
      instrument_seen = true;
      continue;
    }
    if (instrument_seen && is_capitalized(a.text, s.words[i].begin)
        && !is_cue_word(s, s.words[i].begin)) {
      return true;
    }
  }
  return false;
}

bool all_digits(std::string_view w) {
  return !w.empty() && std::all_of(w.begin(), w.end(), [](char c) {
    return (c >= '0' && c <= '9') || c == '.' || c == ',';
  });
}

// Words that end a party read as a noun phrase: an auxiliary ("Le véhicule avait été
// immatriculé"), a relative pronoun, an infinitive "to" ("scheme to subsidise").
bool ends_party(std::string_view lw, std::string_view lang) {
  return cuts_subject(lw, lang) || is_passive_marker(lw) || lw == "which" || lw == "who"
         || lw == "qui" || lw == "dont" || lw == "to";
}

// `sp` trimmed to the noun phrase that names a party, or an empty span when it names none: a
// date ("March", "2021"), what is left of an amount ("billion"), a pronoun or clause fragment
// ("lui seul", "has so far", "qui prévoit"), a demonstrative phrase ("ce stade"), a document
// or programme as funder ("The 2022 law"), a bare place as recipient ("in Arizona"). Prefer no
// party to a wrong one.
Span clean_party(const Article& a, const Sentence& s, Span sp, Role role) {
  if (sp.size() == 0) {
    return Span{};
  }
  std::size_t first = word_from(s, sp.begin);
  std::size_t end = first;
  while (end < s.words.size() && s.words[end].begin < sp.end) {
    ++end;
  }
  if (first >= end || end - first > 2 * static_cast<std::size_t>(k_max_subject_words)) {
    return Span{};
  }
  // One lookup per word answers every list (the phrase is short: at most a few dozen words).
  std::array<std::uint32_t, 2 * k_max_subject_words> lists{};
  for (std::size_t i = first; i < end; ++i) {
    lists[i - first] = word_lists(s.lower[i]);
  }
  auto in = [&](std::size_t i, std::uint32_t l) { return (lists[i - first] & l) != 0; };
  std::string_view lw0 = s.lower[first];
  if (in(first, wl_bad_party_start) || (a.lang == "fr" && lw0 == "a")) {
    return Span{};
  }
  bool demonstrative = in(first, wl_demonstrative);
  std::size_t k = first;
  while (k < end && in(k, wl_determiner)) {
    ++k;
  }
  if (k == end) {
    return Span{};
  }
  if (in(k, wl_non_recipient | wl_amount | wl_date | wl_bad_party_start)
      || all_digits(s.lower[k])) {
    return Span{};
  }
  std::size_t stop = end;
  for (std::size_t i = k + 1; i < end; ++i) {
    if (in(i, wl_date | wl_passive) || ends_party(s.lower[i], a.lang)) {
      stop = i;
      break;
    }
  }
  // "the government's total", "Ottawa's share": the possessor is the party.
  std::size_t possessive_word = k_npos; // its "'s" is cut from the party
  for (std::size_t i = k; i + 1 < stop; ++i) {
    std::string_view w = s.lower[i];
    if (w.size() > 2 && w.ends_with("'s") && in(i + 1, wl_share)) {
      possessive_word = i;
      stop = i + 1;
      break;
    }
  }
  // No dangling joiner or preposition: "The Department of Energy on [Wednesday]".
  while (stop > k + 1) {
    std::string_view w = s.lower[stop - 1];
    if (!(in(stop - 1, wl_determiner | wl_bad_party_start) || w == "et" || w == "and" || w == "de"
          || w == "d'")) {
      break;
    }
    --stop;
  }
  bool proper = false;
  bool actor = false;
  bool all_place = true;
  bool document = false;
  std::size_t h = 0; // hits are in text order, as words are
  for (std::size_t i = k; i < stop; ++i) {
    while (h < s.hits.size() && s.hits[h].span.end <= s.words[i].begin) {
      ++h;
    }
    const CueHit* hit =
        h < s.hits.size() && s.hits[h].span.begin <= s.words[i].begin ? &s.hits[h] : nullptr;
    actor |= hit && is_actor_info(*hit->info);
    bool cue = hit && (hit->info->abstract || (!hit->info->country.empty() && !hit->info->actor));
    bool cap = !cue && is_capitalized(a.text, s.words[i].begin);
    bool place = in(i, wl_place);
    proper |= cap && !place;
    all_place &= place || in(i, wl_determiner);
    document |= in(i, wl_document) && !cap;
  }
  if (demonstrative && !proper && !actor) {
    return Span{};
  }
  if (role == Role::recipient && all_place && !actor) {
    return Span{};
  }
  // "in CHIPS Act direct funding", "aux prêts bancaires": a form of support, not who gets it;
  // "aux prêts bancaires de Verkor": the name after it.
  if (role == Role::recipient) {
    Span rest{s.words[k].begin, s.words[stop - 1].end};
    const CueHit* lead = hit_at(s, s.words[k].begin);
    bool support_word = span_has(s, rest, [](const CueInfo& i) {
      return i.instrument && *i.instrument != Instrument::fund
             && *i.instrument != Instrument::equity && !i.recipient_head;
    });
    if (lead && lead->info->instrument && support_word) {
      for (std::size_t i = k + 1; i < stop; ++i) {
        if (is_capitalized(a.text, s.words[i].begin) && !is_cue_word(s, s.words[i].begin)) {
          return Span{s.words[i].begin, std::min(s.words[stop - 1].end, sp.end)};
        }
      }
    }
    if (support_word && !proper_outside_instrument(a, s, sp)
        && !span_has(s, rest, [](const CueInfo& i) { return i.recipient_head; })) {
      return Span{};
    }
  }
  if (role == Role::funder && document && !actor && !proper) {
    return Span{};
  }
  std::size_t end_at = std::min(s.words[stop - 1].end, sp.end);
  if (possessive_word == stop - 1) {
    std::string_view written =
        a.text.substr(s.words[stop - 1].begin, end_at - s.words[stop - 1].begin);
    end_at -= written.ends_with("\xE2\x80\x99s") ? 4 : written.ends_with("'s") ? 2 : 0;
  }
  return Span{s.words[first].begin, end_at};
}

// The antecedent of a relative pronoun after a comma: "TSMC, which pledged" -> "TSMC",
// "GlobalFoundries, which secured" -> "GlobalFoundries". Empty when `pronoun` is none.
Span relative_antecedent(const Article& a, const Sentence& s, Span pronoun, Role role) {
  std::size_t i = word_from(s, pronoun.begin);
  if (i == 0 || i >= s.words.size()) {
    return Span{};
  }
  std::string_view lw = s.lower[i];
  if (lw != "which" && lw != "who" && lw != "qui") {
    return Span{};
  }
  std::string_view gap = a.text.substr(s.words[i - 1].end, s.words[i].begin - s.words[i - 1].end);
  if (gap.find(',') == k_npos) {
    return Span{};
  }
  std::size_t last = i - 1;
  std::size_t first = last;
  if (is_capitalized(a.text, s.words[last].begin)) {
    // A name: its run of capitalised words ("the Union Cabinet" -> "Union Cabinet").
    while (first > 0 && is_capitalized(a.text, s.words[first - 1].begin)
           && !gap_has_break(a.text, s.words[first - 1].end, s.words[first].begin)) {
      --first;
    }
  } else {
    first = clause_start(a, s, last, 6);
    if (first == k_npos) {
      return Span{};
    }
  }
  return clean_party(a, s, Span{s.words[first].begin, s.words[last].end}, role);
}

bool looks_infinitive(std::string_view lw) {
  auto ends = [&](std::string_view suf) {
    return lw.size() > suf.size() + 2 && lw.substr(lw.size() - suf.size()) == suf;
  };
  return ends("er") || ends("ir") || ends("re");
}

// The first recipient phrase introduced by a preposition in `[pos, limit)`.
Span recipient_after(
    const Article& a, const Sentence& s, std::size_t pos, std::size_t limit, bool invest) {
  for (const auto& h : s.hits) {
    if (h.span.begin < pos || h.span.begin >= limit) {
      continue;
    }
    PrepKind p = h.info->prep;
    if (p == PrepKind::agent || p == PrepKind::source) {
      // "par X aux Y": keep looking past the agent.
      continue;
    }
    if (p != PrepKind::none && inside_quotes(a, s, h.span.begin)) {
      continue;
    }
    if (p != PrepKind::recipient && p != PrepKind::recipient_weak
        && !(p == PrepKind::recipient_invest && invest)) {
      continue;
    }
    Span np = phrase_after(a, s, h.span.end, s.span.end, false);
    if (np.size() == 0) {
      continue;
    }
    std::size_t first = word_from(s, np.begin);
    std::string_view lw = s.lower[first];
    if (is_non_recipient_after_prep(lw)) {
      continue;
    }
    if (Span clean = clean_party(a, s, np, Role::recipient); clean.size() == 0) {
      continue; // "à ce stade", "à la fin du semestre", "for Arizona"
    } else {
      np = clean;
    }
    std::string_view prep = a.text.substr(h.span.begin, h.span.size());
    bool bare_preposition = prep == "à" || prep == "to";
    if (bare_preposition && !is_capitalized(a.text, np.begin) && !is_determiner(lw)
        && looks_infinitive(lw) && a.lang == "fr") {
      continue; // "à investir"
    }
    if (prep == "to" && is_infinitive_en(lw)) {
      continue; // "to build"
    }
    if (is_abstract_phrase(a, s, np)) {
      continue;
    }
    bool weak = p == PrepKind::recipient_weak || p == PrepKind::recipient_invest
                || (prep == "to" && !is_determiner(lw));
    if (weak && !names_party(a, s, np)) {
      continue;
    }
    // "aux prêts bancaires de Verkor": skip a leading instrument word's "de".
    return np;
  }
  return Span{};
}

// The phrase after the first preposition of `kind` in `[pos, limit)` that names a party.
Span party_after_prep(
    const Article& a, const Sentence& s, std::size_t pos, std::size_t limit, PrepKind kind) {
  for (const auto& h : s.hits) {
    if (h.span.begin >= pos && h.span.begin < limit && h.info->attribution) {
      break; // "selon un décompte établi par X": X is the source, not the agent
    }
    if (h.span.begin < pos || h.span.begin >= limit || h.info->prep != kind) {
      continue;
    }
    if ((kind == PrepKind::agent || kind == PrepKind::source)
        && gap_has_break(a.text, pos, h.span.begin)) {
      break; // "in Dresden, a joint venture led by TSMC": the agent of another verb
    }
    Span np = clean_party(a,
                          s,
                          phrase_after(a, s, h.span.end, s.span.end, true),
                          kind == PrepKind::agent || kind == PrepKind::source ? Role::funder
                                                                              : Role::recipient);
    if (np.size() > 0 && (span_has(s, np, is_actor_info) || names_party(a, s, np))) {
      return np;
    }
  }
  return Span{};
}

// English double object: "awarded Moderna a $590 million contract" -> "Moderna".
Span bare_object(const Article& a, const Sentence& s, std::size_t pos, std::size_t limit) {
  std::size_t i = word_from(s, pos);
  Span out{};
  for (; i < s.words.size() && s.words[i].end <= limit; ++i) {
    if (!is_capitalized(a.text, s.words[i].begin) || is_determiner(s.lower[i])) {
      break;
    }
    if (gap_has_break(a.text, out.size() ? out.end : pos, s.words[i].begin)) {
      break;
    }
    if (out.size() == 0) {
      out.begin = s.words[i].begin;
    }
    out.end = s.words[i].end;
  }
  return out;
}

const CueHit* nearest_hit(const Sentence& s,
                          Span amount,
                          std::size_t lo,
                          std::size_t hi,
                          bool (*pred)(const CueInfo&),
                          Span exclude = {}) {
  const CueHit* best = nullptr;
  std::size_t best_d = k_npos;
  for (const auto& h : s.hits) {
    if (h.span.begin < lo || h.span.end > hi || !pred(*h.info)) {
      continue;
    }
    if (exclude.size() > 0 && exclude.contains(h.span)) {
      continue;
    }
    std::size_t d = h.span.end <= amount.begin   ? amount.begin - h.span.end
                    : h.span.begin >= amount.end ? h.span.begin - amount.end
                                                 : 0;
    if (d < best_d) {
      best_d = d;
      best = &h;
    }
  }
  return best;
}

std::size_t distance(Span a, Span b) {
  if (a.end <= b.begin) {
    return b.begin - a.end;
  }
  if (b.end <= a.begin) {
    return a.begin - b.end;
  }
  return 0;
}

bool is_strong_verb(const CueInfo& i) {
  return i.verb == VerbClass::give || i.verb == VerbClass::invest || i.verb == VerbClass::cancel
         || i.verb == VerbClass::agree || i.verb == VerbClass::receive;
}

// True when a participle hit is used in the past: not after a future or modal word.
bool used_in_past(const Sentence& s, const CueHit& h) {
  if (!h.info->participle) {
    return false;
  }
  std::size_t i = word_from(s, h.span.begin);
  for (std::size_t k = 0; k < 3 && i > 0; ++k) {
    --i;
    if (is_future_marker(s.lower[i])) {
      return false;
    }
  }
  return true;
}

bool preceded_by_passive_marker(std::string_view t, const Sentence& s, const CueHit& h) {
  std::size_t i = word_from(s, h.span.begin);
  for (std::size_t k = 0; k < 2 && i > 0; ++k) {
    --i;
    if (is_passive_marker(s.lower[i]) && !is_capitalized(t, s.words[i].begin)) {
      return true;
    }
  }
  return false;
}

// True when a comma comes right before the hit: "Big Fund, créé en mai 2024, est doté".
bool after_comma(std::string_view t, const Sentence& s, const CueHit& h) {
  std::size_t i = word_from(s, h.span.begin);
  if (i == 0) {
    return false;
  }
  return t.substr(s.words[i - 1].end, h.span.begin - s.words[i - 1].end).find(',') != k_npos;
}

bool preceded_by_have(const Sentence& s, const CueHit& h) {
  std::size_t i = word_from(s, h.span.begin);
  for (std::size_t k = 0; k < 3 && i > 0; ++k) {
    --i;
    std::string_view w = s.lower[i];
    if (w == "a" || w == "ont" || w == "avait" || w == "avaient" || w == "has" || w == "have"
        || w == "had") {
      return true;
    }
  }
  return false;
}

FactParty party(std::string_view t, Span sp) {
  // Byte-level trimming (e.g. of "’s") can stop inside a multi-byte character: snap both ends
  // to code-point boundaries so the party is valid UTF-8 and its offsets are exact.
  auto continuation = [&](std::size_t i) {
    return i < t.size() && (static_cast<unsigned char>(t[i]) & 0xC0) == 0x80;
  };
  sp.end = std::min(sp.end, t.size());
  while (sp.end > sp.begin && continuation(sp.end)) {
    --sp.end;
  }
  while (sp.begin < sp.end && continuation(sp.begin)) {
    ++sp.begin;
  }
  return FactParty{std::string(t.substr(sp.begin, sp.size())), sp};
}

// ----- Periods -----------------------------------------------------------------------------

int number_word(std::string_view w) {
  constexpr std::array<std::pair<std::string_view, int>, 30> k_numbers = {{
      {"un", 1},       {"une", 1},     {"one", 1},     {"deux", 2},      {"two", 2},
      {"trois", 3},    {"three", 3},   {"quatre", 4},  {"four", 4},      {"cinq", 5},
      {"five", 5},     {"six", 6},     {"sept", 7},    {"seven", 7},     {"huit", 8},
      {"eight", 8},    {"neuf", 9},    {"nine", 9},    {"dix", 10},      {"ten", 10},
      {"douze", 12},   {"twelve", 12}, {"treize", 13}, {"thirteen", 13}, {"quinze", 15},
      {"fifteen", 15}, {"vingt", 20},  {"twenty", 20}, {"décennie", 10}, {"decade", 10},
  }};
  for (auto [n, v] : k_numbers) {
    if (n == w) {
      return v;
    }
  }
  int v = 0;
  for (char c : w) {
    if (c < '0' || c > '9') {
      return 0;
    }
    v = v * 10 + (c - '0');
  }
  return v;
}

const RE2& period_re() {
  static const RE2 re = [] {
    RE2::Options o;
    o.set_log_errors(false);
    o.set_case_sensitive(false);
    return RE2(
        "(?:sur|over|pendant|during|for)\\s+(?:les\\s+|the\\s+next\\s+|the\\s+|a\\s+|une\\s+|la\\s+"
        ")?"
        "(\\d{1,2}|un|une|one|deux|two|trois|three|quatre|four|cinq|five|six|sept|seven|huit|"
        "eight|neuf|nine|dix|ten|douze|twelve|treize|thirteen|quinze|fifteen|vingt|twenty|"
        "d[ée]cennie|decade)(?:\\s+(?:prochaines\\s+)?(?:ans|ann[ée]es|years))?"
        "|(?:de\\s+|from\\s+|entre\\s+|between\\s+)?((?:19|20)\\d\\d)\\s*(?:-|–|/|à|to|through|et|"
        "and)\\s*((?:19|20)\\d\\d)"
        "|(?:d['’]ici(?:\\s+à)?|by|until|jusqu['’]en|through)\\s+((?:19|20)\\d\\d)",
        o);
  }();
  if (!re.ok()) {
    throw Error("facts: bad period pattern: " + re.error());
  }
  return re;
}

struct Period {
  std::optional<int> start;
  int end = 0;
};

std::optional<Period> find_period(std::string_view t, std::size_t lo, std::size_t hi) {
  re2::StringPiece input(t.data(), hi);
  re2::StringPiece g[5];
  if (!period_re().Match(input, lo, hi, RE2::UNANCHORED, g, 5)) {
    return std::nullopt;
  }
  auto num = [](re2::StringPiece p) {
    return number_word(text::to_lower(std::string_view(p.data(), p.size())));
  };
  if (g[1].data() != nullptr) {
    // "sur cinq ans" without "ans" is only a period for "décennie"/"decade".
    std::string_view whole(g[0].data(), g[0].size());
    bool has_unit = whole.find("an") != k_npos || whole.find("year") != k_npos
                    || whole.find("cenn") != k_npos || whole.find("ecade") != k_npos;
    int n = num(g[1]);
    if (!has_unit || n <= 0 || n > 30) {
      return std::nullopt;
    }
    return Period{std::nullopt, -n}; // relative: resolved against the fact's year
  }
  if (g[2].data() != nullptr) {
    int s = num(g[2]);
    int e = num(g[3]);
    if (e < s) {
      return std::nullopt;
    }
    return Period{s, e};
  }
  return Period{std::nullopt, num(g[4])};
}

// ----- Assembly ----------------------------------------------------------------------------

// A paragraph (one line of the article), or, in a line too long to split whole, a window of
// it around the amounts being assembled: a sentence without boundary is clamped to the window.
struct Paragraph {
  Span span;
  bool whole_begin = true; // span.begin is the line's start, not a window edge
  bool whole_end = true;
  std::vector<Span> sentences;
  // analysed[k] holds sentence k once ready[k]; analysed only grows, its sentences' buffers
  // are reused from paragraph to paragraph and article to article.
  std::vector<Sentence> analysed;
  std::vector<char> ready;
};

// Buffers of the assembly kept from one article to the next (one Assembler at a time per
// thread), so that an article costs few allocations.
struct AssemblyBuffers {
  std::vector<Span> blocked;
  std::vector<const DateMention*> dates_by_start;
  Paragraph paragraph;
};

AssemblyBuffers& assembly_buffers() {
  thread_local AssemblyBuffers buffers;
  return buffers;
}

struct Linked {
  Span funder;
  Span recipient;
  const Sentence* funder_sentence = nullptr; // the sentence `funder` lies in
  const Sentence* recipient_sentence = nullptr;
  const CueHit* verb = nullptr; // the verb that decided the roles
  std::string rule;
  double confidence = 0.5;
};

class Assembler {
public:
  Assembler(std::string_view text,
            std::string_view lang,
            std::optional<CivilDate> published,
            const std::vector<AmountMention>& amounts,
            const std::vector<DateMention>& dates)
      : m_amounts(amounts), m_dates(dates), m_published(published) {
    AssemblyBuffers& buffers = assembly_buffers();
    m_article.blocked = std::move(buffers.blocked);
    m_article.blocked.clear();
    m_dates_by_start = std::move(buffers.dates_by_start);
    m_dates_by_start.clear();
    m_paragraph = std::move(buffers.paragraph);
    m_article.text = text;
    m_article.lang = lang == "fr" ? "fr" : "en";
    m_article.blocked.reserve(amounts.size() + dates.size());
    for (const auto& m : amounts) {
      m_article.blocked.push_back(amount_span(m));
    }
    for (const auto& d : dates) {
      m_article.blocked.push_back(d.span);
      m_dates_by_start.push_back(&d);
    }
    std::stable_sort(
        m_dates_by_start.begin(),
        m_dates_by_start.end(),
        [](const DateMention* x, const DateMention* y) { return x->span.begin < y->span.begin; });
    std::sort(m_article.blocked.begin(), m_article.blocked.end(), [](Span x, Span y) {
      return x.begin < y.begin;
    });
  }

  Assembler(const Assembler&) = delete;
  Assembler& operator=(const Assembler&) = delete;

  ~Assembler() {
    AssemblyBuffers& buffers = assembly_buffers();
    buffers.blocked = std::move(m_article.blocked);
    buffers.dates_by_start = std::move(m_dates_by_start);
    buffers.paragraph = std::move(m_paragraph);
  }

  std::vector<Fact> run() {
    std::vector<Fact> facts;
    facts.reserve(m_amounts.size()); // at most one fact per amount: no moves on growth
    for (std::size_t i = 0; i < m_amounts.size(); ++i) {
      if (auto f = assemble(i, facts)) {
        facts.push_back(std::move(*f));
      }
    }
    return facts;
  }

private:
  // An amount with its restatement: "60 milliards de yuans (8,2 milliards de dollars)".
  static Span amount_span(const AmountMention& m) {
    Span s = m.span;
    if (m.equivalent && m.equivalent->span.end > s.end) {
      s.end = m.equivalent->span.end;
    }
    return s;
  }

  Span extended_amount(std::size_t i) const {
    Span s = amount_span(m_amounts[i]);
    std::string_view t = m_article.text;
    if (m_amounts[i].equivalent && s.end < t.size() && t[s.end] == ')') {
      ++s.end;
    }
    return s;
  }

  // The paragraph holding the amount `amt`: its whole line when the line is at most
  // k_window from the amount either side, else a window of k_window around the amount
  // (reused for the next amounts while they stay away from its edges).
  Paragraph& paragraph_of(Span amt) {
    if (m_has_paragraph && m_paragraph.span.begin <= amt.begin && amt.begin <= m_paragraph.span.end
        && (m_paragraph.whole_begin || amt.begin - m_paragraph.span.begin >= k_window / 2)
        && (m_paragraph.whole_end || amt.end + k_window / 2 <= m_paragraph.span.end)) {
      return m_paragraph;
    }
    std::string_view t = m_article.text;
    std::size_t lo = sat_sub(amt.begin, k_window);
    std::size_t hi = std::min(t.size(), std::max(amt.begin, amt.end) + k_window);
    // memrchr, not string_view::rfind, which goes byte by byte through the k_window bytes.
    const void* nl = memrchr(t.data() + lo, '\n', amt.begin - lo);
    std::size_t b = nl ? static_cast<std::size_t>(static_cast<const char*>(nl) - t.data()) + 1 : lo;
    bool whole_begin = nl != nullptr || lo == 0;
    std::size_t le = t.substr(amt.begin, hi - amt.begin).find('\n');
    std::size_t e = le == k_npos ? hi : amt.begin + le;
    bool whole_end = le != k_npos || hi == t.size();
    if (!whole_begin) {
      // Start the window at a word boundary, on a character start.
      std::size_t limit = std::min(amt.begin, b + k_window_align);
      std::size_t p = b;
      while (p < limit && !text_is_space(t[p])) {
        ++p;
      }
      b = p < limit ? p + 1 : b;
      while (b < amt.begin && (static_cast<unsigned char>(t[b]) & 0xC0) == 0x80) {
        ++b;
      }
    }
    if (!whole_end) {
      std::size_t limit = std::max(amt.end, sat_sub(e, k_window_align));
      std::size_t p = e;
      while (p > limit && !text_is_space(t[p - 1])) {
        --p;
      }
      e = p > limit ? p - 1 : e;
      while (e > amt.end && e < t.size() && (static_cast<unsigned char>(t[e]) & 0xC0) == 0x80) {
        --e;
      }
    }
    m_has_paragraph = true;
    Paragraph& p = m_paragraph;
    p.span = Span{b, e};
    p.whole_begin = whole_begin;
    p.whole_end = whole_end;
    text::split_sentences(t.substr(b, e - b), p.sentences);
    for (Span& sp : p.sentences) {
      sp = Span{sp.begin + b, sp.end + b};
    }
    if (p.analysed.size() < p.sentences.size()) {
      p.analysed.resize(p.sentences.size());
    }
    p.ready.assign(p.sentences.size(), 0);
    return p;
  }

  const Sentence& sentence(Paragraph& p, std::size_t k) {
    if (!p.ready[k]) {
      analyse_sentence(m_article.text, m_article.lang, p.sentences[k], p.analysed[k]);
      // Words inside an amount are the amount's ("33 trillion won" is no verb).
      auto& hits = p.analysed[k].hits;
      hits.erase(std::remove_if(hits.begin(),
                                hits.end(),
                                [&](const CueHit& h) {
                                  return blocked_at(m_article, h.span.begin)
                                         || blocked_at(m_article, h.span.end - 1);
                                }),
                 hits.end());
      p.ready[k] = 1;
    }
    return p.analysed[k];
  }

  // Subject of the first verb of `s` that has a usable one (for pronouns and back-references).
  Span leading_subject(const Sentence& s, std::size_t before) {
    for (const auto& h : s.hits) {
      if (h.span.begin >= before) {
        break;
      }
      if (h.info->verb == VerbClass::none) {
        continue;
      }
      Span sp = subject_before(m_article, s, h.span.begin);
      if (sp.size() > 0 && !span_is_pronoun(m_article, s, sp)) {
        return sp;
      }
    }
    // No known verb: the words before the sentence's first auxiliary ("X a notifié ...").
    for (std::size_t i = 1; i < s.words.size() && i <= 8 && s.words[i].begin < before; ++i) {
      if (gap_has_break(m_article.text, s.words[i - 1].end, s.words[i].begin)) {
        break;
      }
      if (cuts_subject(s.lower[i], m_article.lang)) {
        return Span{s.words[0].begin, s.words[i - 1].end};
      }
    }
    return Span{};
  }

  // Recipient named after the first support verb of a previous sentence.
  Span leading_recipient(const Sentence& s) {
    for (const auto& h : s.hits) {
      if (h.info->verb == VerbClass::none || h.info->verb == VerbClass::say) {
        continue;
      }
      Span r = recipient_after(m_article, s, h.span.end, s.span.end, true);
      if (r.size() == 0 && m_article.lang == "en") {
        std::size_t i = word_from(s, h.span.end);
        if (i < s.words.size() && is_determiner(s.lower[i])) {
          Span np = phrase_after(m_article, s, s.words[i].begin, s.span.end, true);
          if (np.size() > 0 && names_party(m_article, s, np)) {
            r = np;
          }
        }
      }
      if (r.size() > 0) {
        return r;
      }
    }
    return Span{};
  }

  std::optional<Fact> assemble(std::size_t index, const std::vector<Fact>& previous) {
    const Article& a = m_article;
    const Span amt = extended_amount(index);
    Paragraph& para = paragraph_of(Span{m_amounts[index].span.begin, amt.end});
    if (para.sentences.empty()) {
      return std::nullopt;
    }
    // The first sentence ending after the amount's start (the last one when none does).
    std::size_t k =
        static_cast<std::size_t>(std::partition_point(para.sentences.begin(),
                                                      para.sentences.end() - 1,
                                                      [&](Span sp) { return sp.end <= amt.begin; })
                                 - para.sentences.begin());
    const Sentence& s = sentence(para, k);
    // The segment of the sentence that belongs to this amount, between its neighbours. Amounts
    // are in text order: only the neighbours starting inside the sentence can lie in it.
    std::size_t seg_lo = s.span.begin;
    std::size_t seg_hi = s.span.end;
    auto narrow = [&](std::size_t j) {
      Span o = amount_span(m_amounts[j]);
      if (!s.span.contains(o)) {
        return;
      }
      if (o.end <= amt.begin) {
        seg_lo = std::max(seg_lo, o.end);
      } else if (o.begin >= amt.end) {
        seg_hi = std::min(seg_hi, o.begin);
      }
    };
    for (std::size_t j = index; j > 0 && m_amounts[j - 1].span.begin >= s.span.begin; --j) {
      narrow(j - 1);
    }
    for (std::size_t j = index + 1; j < m_amounts.size() && m_amounts[j].span.begin < s.span.end;
         ++j) {
      narrow(j);
    }
    // A semicolon ends the amount's clause: "... approchait 1,7 milliard d'euros ; elle n'avait
    // pas été notifiée à Bruxelles" gives Bruxelles nothing.
    if (std::size_t semi = a.text.substr(amt.end, seg_hi - std::min(seg_hi, amt.end)).find(';');
        semi != k_npos) {
      seg_hi = amt.end + semi;
    }
    if (std::size_t semi =
            a.text.substr(seg_lo, amt.begin - std::min(amt.begin, seg_lo)).rfind(';');
        semi != k_npos) {
      seg_lo = seg_lo + semi + 1;
    }
    // Another clause after the amount lends it nothing: "..., while Shanghai's programme".
    if (std::size_t b = clause_break(a, s, amt.end, seg_hi, Which::first); b != k_npos) {
      seg_hi = b;
    }
    // A restatement in parentheses right after another amount is that amount's ("¥600
    // millions (¥600 M, environ 76 millions d'euros)"): no fact of its own.
    if (index > 0) {
      std::size_t lo = sat_sub(amt.begin, 40);
      std::size_t open = a.text.substr(lo, amt.begin - lo).rfind('(');
      if (open != k_npos && a.text.substr(lo + open, amt.begin - lo - open).find(')') == k_npos) {
        open += lo;
        std::size_t j = index;
        while (j > 0 && m_amounts[j - 1].span.end > open) {
          --j; // an earlier restatement inside the same parentheses
        }
        if (j > 0 && open - m_amounts[j - 1].span.end <= 2) {
          return std::nullopt;
        }
      }
    }
    // "Pas un euro n'est sorti", "not a cent was paid": no money moved, no fact. A single
    // unit of money ("has not paid a dollar in grants") is the idiom even a few words after
    // the negation; a real sum after one ("has not yet paid the $5bn grant") stays a fact.
    if (std::size_t w = word_from(s, amt.begin);
        w > 0 && w <= s.words.size() && s.words[w - 1].end <= amt.begin) {
      bool one_unit = m_amounts[index].value == Decimal::from_int(1) && !m_amounts[index].max;
      std::size_t reach = one_unit ? 3 : 1;
      for (std::size_t back = 1; back <= reach && back <= w; ++back) {
        if (is_negation_word(s.lower[w - back])) {
          return std::nullopt;
        }
      }
    }

    // Not support: a market, revenue, valuation, fine... word nearer than any support word.
    const CueHit* ns = nearest_hit(s,
                                   amt,
                                   std::max(seg_lo, sat_sub(amt.begin, k_not_support_before)),
                                   std::min(seg_hi, amt.end + k_not_support_after),
                                   [](const CueInfo& i) { return i.not_support; });
    const CueHit* sup =
        nearest_hit(s,
                    amt,
                    std::max(seg_lo, sat_sub(amt.begin, k_not_support_before)),
                    std::min(seg_hi, amt.end + k_not_support_after),
                    [](const CueInfo& i) {
                      return i.instrument.has_value() || i.support || i.verb == VerbClass::give
                             || i.verb == VerbClass::receive || i.verb == VerbClass::cancel;
                    });
    if (ns && (!sup || distance(ns->span, amt) < distance(sup->span, amt))) {
      return std::nullopt;
    }

    Linked link = link_parties(s, amt, seg_lo, seg_hi);
    // "Brussels approved €8.1 billion of aid", "une aide approuvée par Bruxelles": the EU
    // authorises state aid, the member state pays it.
    if (link.verb && link.funder.size() > 0) {
      std::size_t v = word_from(s, link.verb->span.begin);
      if (v < s.words.size() && is_approval_verb(s.lower[v])
          && span_has(s, link.funder, [](const CueInfo& i) { return i.country == "EU"; })) {
        link.funder = Span{};
      }
    }
    // Keep only parties that read as such; pronouns are resolved below.
    if (!span_is_pronoun(a, s, link.funder)) {
      link.funder = clean_party(a, s, link.funder, Role::funder);
    }
    if (!span_is_pronoun(a, s, link.recipient)) {
      link.recipient = clean_party(a, s, link.recipient, Role::recipient);
    } else {
      link.recipient = relative_antecedent(a, s, link.recipient, Role::recipient);
    }

    // "dont 20 000 milliards de prêts", "including $2bn in loans": part of the previous amount.
    bool part_of_previous = false;
    {
      std::size_t w = word_from(s, amt.begin);
      for (std::size_t back = 0; back < 2 && w > 0; ++back) {
        --w;
        std::string_view lw = s.lower[w];
        if (lw == "dont" || lw == "including" || lw == "notamment") {
          part_of_previous = true;
        }
      }
    }
    if (part_of_previous && !previous.empty() && s.span.contains(previous.back().sentence)) {
      const Fact& p = previous.back();
      if (link.funder.size() == 0 && p.funder) {
        link.funder = p.funder->span;
        link.funder_sentence = &s;
      }
      if (link.recipient.size() == 0 && p.recipient) {
        link.recipient = p.recipient->span;
        link.recipient_sentence = &s;
      }
      link.rule = "part_of_previous";
    }

    // Pronoun subjects resolve to the sentence's first subject, else the previous sentence's.
    if (link.funder.size() > 0 && link.funder_sentence == &s
        && span_is_pronoun(a, s, link.funder)) {
      Span earlier = relative_antecedent(a, s, link.funder, Role::funder);
      if (earlier.size() == 0) {
        earlier = leading_subject(s, link.funder.begin);
      }
      link.funder = earlier;
      if (earlier.size() == 0) {
        link.rule += "+pronoun";
      }
    }

    bool refers_back = false;
    for (const auto& h : s.hits) {
      if (h.info->back_ref || (h.info->pronoun && h.span.begin == s.span.begin)) {
        refers_back = true;
      }
    }
    if (link.funder.size() == 0 && (link.rule.find("+pronoun") != std::string::npos || refers_back)
        && k > 0) {
      const Sentence& prev = sentence(para, k - 1);
      Span f = leading_subject(prev, prev.span.end);
      if (f.size() > 0 && span_has(prev, f, is_actor_info)) {
        link.funder = f;
        link.funder_sentence = &prev;
        link.rule += "+previous_sentence";
        if (link.recipient.size() == 0) {
          Span r = leading_recipient(prev);
          if (r.size() > 0) {
            link.recipient = r;
            link.recipient_sentence = &prev;
          }
        }
      }
    }
    if (auto p = link.rule.find("+pronoun"); p != std::string::npos) {
      link.rule.erase(p, 8);
    }

    // A speaker closing the sentence names the funder when nothing else does: "..., the
    // department said."
    if (link.funder.size() == 0) {
      for (const auto& h : s.hits) {
        if (h.info->verb != VerbClass::say || h.span.begin < amt.end) {
          continue;
        }
        Span sp = subject_before(a, s, h.span.begin);
        if (sp.size() == 0) {
          sp = phrase_after(a, s, h.span.end, s.span.end, true); // "a confirmé Bercy"
        }
        if (sp.size() > 0 && span_has(s, sp, is_actor_info)) {
          link.funder = sp;
          link.funder_sentence = &s;
          link.rule += "+speaker";
          break;
        }
      }
    }

    // Support evidence: a support verb, an instrument word, or a fund's capital or target.
    const CueHit* inst = nearest_hit(
        s,
        amt,
        std::max(seg_lo, sat_sub(amt.begin, k_instrument_before)),
        std::min(seg_hi, amt.end + k_instrument_after),
        [](const CueInfo& i) { return i.instrument.has_value(); },
        link.funder_sentence == &s ? link.funder : Span{});
    // Public money named without its form ("l'enveloppe de 360 M€", "a public outlay of").
    const CueHit* support_noun = nearest_hit(
        s,
        amt,
        std::max(seg_lo, sat_sub(amt.begin, k_instrument_before)),
        std::min(seg_hi, amt.end + k_instrument_after),
        [](const CueInfo& i) { return i.support; },
        link.funder_sentence == &s ? link.funder : Span{});
    const CueHit* kind = nearest_kind(s, amt, seg_lo, seg_hi);
    bool funder_is_public = link.funder.size() > 0 && link.funder_sentence
                            && span_has(*link.funder_sentence, link.funder, is_actor_info);
    bool strong =
        link.verb
        && (link.verb->info->verb == VerbClass::give || link.verb->info->verb == VerbClass::receive
            || link.verb->info->verb == VerbClass::cancel
            || link.verb->info->verb == VerbClass::agree);
    bool evidence = strong || inst != nullptr || support_noun != nullptr
                    || (kind
                        && (kind->info->kind == AmountKind::registered_capital
                            || kind->info->kind == AmountKind::target))
                    || funder_is_public;
    if (!evidence) {
      return std::nullopt;
    }
    if (link.verb && link.verb->info->verb == VerbClass::invest && !funder_is_public && !inst
        && !support_noun) {
      return std::nullopt; // a company investing its own money
    }

    // Parties found through pronouns, previous sentences and speakers are checked the same way.
    if (link.funder_sentence) {
      link.funder = clean_party(a, *link.funder_sentence, link.funder, Role::funder);
    }
    if (link.recipient_sentence) {
      link.recipient = clean_party(a, *link.recipient_sentence, link.recipient, Role::recipient);
    }

    Fact f;
    f.amount = index;
    f.sentence = s.span;
    if (link.funder.size() > 0) {
      f.funder = party(a.text, link.funder);
    }
    if (link.recipient.size() > 0 && !(link.funder.size() > 0 && link.recipient == link.funder)) {
      f.recipient = party(a.text, link.recipient);
    }

    if (kind) {
      f.amount_kind = *kind->info->kind;
    }

    // Instrument: the nearest word naming one, else what the verb implies.
    if (inst) {
      f.instrument = inst->info->instrument;
    } else if (f.amount_kind == AmountKind::registered_capital) {
      f.instrument = Instrument::fund; // only funds and vehicles have registered capital
    } else if (link.verb && link.verb->info->default_instrument) {
      f.instrument = link.verb->info->default_instrument;
    } else if (link.verb && link.verb->info->verb == VerbClass::invest) {
      bool fund_funder = f.funder && link.funder_sentence
                         && span_has(*link.funder_sentence, link.funder, [](const CueInfo& i) {
                              return i.instrument == Instrument::fund;
                            });
      bool company = f.recipient && link.recipient_sentence
                     && names_party(a, *link.recipient_sentence, link.recipient);
      if (fund_funder || company) {
        f.instrument = Instrument::equity;
      }
    }

    // Status: cancellation and preliminary words win; else the governing verb's tense.
    f.status = Status::announced;
    bool cancelled = false;
    bool preliminary = false;
    for (const auto& h : s.hits) {
      cancelled |= h.info->verb == VerbClass::cancel || h.info->status == Status::cancelled;
      preliminary |= h.info->status == Status::preliminary;
    }
    if (cancelled) {
      f.status = Status::cancelled;
    } else if (preliminary) {
      f.status = Status::preliminary;
    } else if (link.verb && link.verb->info->past_status && used_in_past(s, *link.verb)) {
      f.status = *link.verb->info->past_status;
    } else if (!link.verb || !link.verb->info->past_status) {
      // A past support participle near the amount ("déjà accordés", "has been allocated").
      for (const auto& h : s.hits) {
        if (h.span.begin >= seg_lo && h.span.end <= seg_hi && h.info->past_status
            && h.info->verb != VerbClass::announce && used_in_past(s, h)) {
          f.status = *h.info->past_status;
          break;
        }
      }
    }

    // Hedging and attribution.
    for (const auto& h : s.hits) {
      if (h.info->hedge) {
        f.hedged = true;
      }
      if (h.info->attribution && !f.attributed_to) {
        Span src = attribution_after(s, h.span.end);
        if (src.size() > 0) {
          f.attributed_to = party(a.text, src);
        }
      }
    }

    // Sector: the nearest domain word in the sentence, else in the sentence referred back to.
    f.sector = pick_sector(s, amt);
    if (!f.sector && link.funder_sentence && link.funder_sentence != &s) {
      f.sector = pick_sector(*link.funder_sentence, amt);
    }

    // Country: of the funder, else the nearest public actor of the sentence.
    if (f.funder && link.funder_sentence) {
      for (const auto& h : link.funder_sentence->hits) {
        if (link.funder.contains(h.span) && !h.info->country.empty()) {
          f.country = std::string(h.info->country);
          break;
        }
      }
    }
    if (!f.country) {
      if (const CueHit* c = nearest_hit(s, amt, s.span.begin, s.span.end, [](const CueInfo& i) {
            return i.actor && !i.country.empty();
          })) {
        f.country = std::string(c->info->country);
      }
    }

    // Date: the nearest calendar date of the sentence, else the published date.
    const DateMention* best = nullptr;
    auto first_date =
        std::partition_point(m_dates_by_start.begin(),
                             m_dates_by_start.end(),
                             [&](const DateMention* d) { return d->span.begin < s.span.begin; });
    for (auto it = first_date; it != m_dates_by_start.end() && (*it)->span.begin < s.span.end;
         ++it) {
      const DateMention& d = **it;
      if (!s.span.contains(d.span) || d.kind != DateKind::date || !d.value || d.end
          || d.qualifier) {
        continue;
      }
      if (!best || distance(d.span, amt) < distance(best->span, amt)) {
        best = &d;
      }
    }
    if (best) {
      f.date = *best->value;
      f.date_source = DateSource::text;
    } else if (m_published) {
      f.date = m_published->to_string();
      f.date_source = DateSource::published;
    }

    // Period: "sur cinq ans", "over 13 years", "2021-2027", "d'ici 2030".
    if (auto p = find_period(a.text, seg_lo, seg_hi)) {
      std::optional<int> base;
      if (f.date && f.date->size() >= 4) {
        base = std::stoi(f.date->substr(0, 4));
      }
      if (p->end < 0 && base) {
        f.period_start = std::to_string(*base);
        f.period_end = std::to_string(*base - p->end - 1);
      } else if (p->end > 0 && p->start) {
        f.period_start = std::to_string(*p->start);
        f.period_end = std::to_string(p->end);
      } else if (p->end > 0 && base && *base <= p->end) {
        f.period_start = std::to_string(*base);
        f.period_end = std::to_string(p->end);
      }
    }

    double conf = link.confidence;
    conf -= f.funder ? 0.0 : 0.15;
    conf -= f.recipient ? 0.0 : 0.1;
    conf += inst ? 0.05 : 0.0;
    // Two decimals: the score is a coarse rule weight, and sums of binary fractions would
    // otherwise print as 0.5499999999999999.
    f.confidence = std::round(std::clamp(conf, 0.1, 0.95) * 100.0) / 100.0;
    f.rule.reserve(a.lang.size() + 1 + link.rule.size()); // one allocation at most
    f.rule.append(a.lang).append(".").append(link.rule);
    return f;
  }

  static std::size_t sat_sub(std::size_t a, std::size_t b) { return a > b ? a - b : 0; }

  const CueHit* nearest_kind(const Sentence& s, Span amt, std::size_t seg_lo, std::size_t seg_hi) {
    const CueHit* best = nullptr;
    std::size_t best_d = k_npos;
    for (const auto& h : s.hits) {
      if (!h.info->kind) {
        continue;
      }
      bool before = h.span.end <= amt.begin;
      bool after = h.span.begin >= amt.end;
      if (before
          && (h.info->kind_side == CueSide::after || h.span.begin < seg_lo
              || amt.begin - h.span.end > k_kind_before)) {
        continue;
      }
      if (after
          && (h.info->kind_side == CueSide::before || h.span.end > seg_hi
              || h.span.begin - amt.end > k_kind_after)) {
        continue;
      }
      if (!before && !after) {
        continue;
      }
      std::size_t d = distance(h.span, amt);
      if (d < best_d) {
        best_d = d;
        best = &h;
      }
    }
    return best;
  }

  std::optional<std::string> pick_sector(const Sentence& s, Span amt) {
    const CueHit* domain = nullptr;
    const CueHit* generic = nullptr;
    for (const auto& h : s.hits) {
      if (h.info->sector.empty()) {
        continue;
      }
      const CueHit*& slot = h.info->generic_sector ? generic : domain;
      if (!slot || distance(h.span, amt) < distance(slot->span, amt)) {
        slot = &h;
      }
    }
    const CueHit* pick = domain ? domain : generic;
    if (!pick) {
      return std::nullopt;
    }
    return std::string(pick->info->sector);
  }

  // "selon Les Echos," / "according to people familiar with the matter."
  Span attribution_after(const Sentence& s, std::size_t pos) {
    std::size_t i = word_from(s, pos);
    Span out{};
    int count = 0;
    std::size_t prev_end = pos;
    for (; i < s.words.size() && count < 8; ++i, ++count) {
      if (gap_has_break(m_article.text, prev_end, s.words[i].begin)
          || blocked_at(m_article, s.words[i].begin)) {
        break;
      }
      if (out.size() == 0) {
        out.begin = s.words[i].begin;
      }
      out.end = s.words[i].end;
      prev_end = s.words[i].end;
    }
    return out;
  }

  // Find funder and recipient in the amount's sentence by the verb that governs the amount.
  Linked link_parties(const Sentence& s, Span amt, std::size_t seg_lo, std::size_t seg_hi) {
    const Article& a = m_article;
    Linked l;
    l.funder_sentence = &s;
    l.recipient_sentence = &s;
    const CueHit* before = nullptr;          // nearest support verb before the amount
    const CueHit* announce_before = nullptr; // nearest announcing verb before it
    const CueHit* after = nullptr;           // a participle following the amount (passive)
    // Verbs before the last clause break govern another clause.
    const std::size_t verbs_cut = clause_break(a, s, s.span.begin, amt.begin, Which::last);
    for (const auto& h : s.hits) {
      const CueInfo& i = *h.info;
      if (h.span.end <= amt.begin) {
        // A bare participle right after an earlier amount is that amount's ("$39 billion set
        // aside for ..., $33 billion has been allocated").
        bool earlier_amounts = seg_lo > s.span.begin && h.span.begin >= seg_lo
                               && h.span.begin - seg_lo <= k_passive_reach && i.participle
                               && !preceded_by_have(s, h);
        if (earlier_amounts) {
          continue;
        }
        if (verbs_cut != k_npos && h.span.end <= verbs_cut) {
          continue; // "X earmarked 500 million, while Shanghai's programme is worth 600 million"
        }
        if (is_strong_verb(i)
            && !(i.participle && preceded_by_passive_marker(a.text, s, h)
                 && i.verb != VerbClass::receive)) {
          before = &h;
        } else if (i.verb == VerbClass::announce
                   && (!i.participle || a.lang == "en" || preceded_by_have(s, h)
                       || preceded_by_passive_marker(a.text, s, h) || after_comma(a.text, s, h))) {
          // A bare participle qualifies the noun before it ("les enveloppes autorisées par
          // Bruxelles"): that noun announces nothing.
          announce_before = &h;
        }
      } else if (h.span.begin >= amt.end && h.span.begin < seg_hi && !after
                 && h.span.begin - amt.end <= k_passive_reach && i.participle
                 && (is_strong_verb(i) || i.verb == VerbClass::announce)) {
        after = &h;
      }
    }
    // A strong verb in another amount's segment governs this one only when this segment has
    // none of its own ("a accordé 5 milliards à X et 1,3 milliard à Y").
    bool invest = false;
    if (before) {
      invest = before->info->verb == VerbClass::invest;
      VerbClass vc = before->info->verb;
      l.verb = before;
      if (vc == VerbClass::receive) {
        l.recipient = subject_before(a, s, before->span.begin);
        l.funder = party_after_prep(a, s, amt.end, seg_hi, PrepKind::source);
        if (l.funder.size() == 0) {
          l.funder = party_after_prep(a, s, amt.end, seg_hi, PrepKind::agent);
        }
        l.rule = "receive";
        l.confidence = 0.75;
      } else if (vc == VerbClass::agree) {
        Span subj = subject_before(a, s, before->span.begin);
        Span partner = party_after_prep(a, s, before->span.end, amt.begin, PrepKind::partner);
        if (partner.size() == 0) {
          partner = party_after_prep(a, s, amt.end, seg_hi, PrepKind::partner);
        }
        assign_agreement(s, subj, partner, l);
        l.rule = "agreement";
        l.confidence = 0.65;
      } else {
        l.funder = subject_before(a, s, before->span.begin);
        std::size_t from = std::max(before->span.end, seg_lo);
        Span between = recipient_after(a, s, from, amt.begin, invest);
        if (from != before->span.end) {
          between = Span{}; // the verb governs an earlier amount; its phrases are that one's
        }
        if (between.size() == 0 && a.lang == "en" && from == before->span.end) {
          between = bare_object(a, s, before->span.end, amt.begin);
        }
        l.recipient = between.size() > 0 ? between : recipient_after(a, s, amt.end, seg_hi, invest);
        if (l.recipient.size() == 0) {
          l.recipient = possessive_recipient(s, amt, seg_lo, seg_hi);
        }
        l.rule = vc == VerbClass::cancel   ? "cancel"
                 : vc == VerbClass::invest ? "active_invest"
                                           : "active_give";
        l.confidence = 0.8;
      }
    } else if (after) {
      l.verb = after;
      invest = after->info->verb == VerbClass::invest;
      l.recipient = recipient_after(a, s, after->span.end, seg_hi, invest);
      l.funder = party_after_prep(a, s, after->span.end, seg_hi, PrepKind::agent);
      l.rule = "passive_agent";
      l.confidence = 0.8;
      if (l.funder.size() == 0) {
        if (announce_before) {
          l.funder = subject_before(a, s, announce_before->span.begin);
        }
        l.rule = "passive";
        l.confidence = 0.7;
      }
    } else if (announce_before && announce_before->info->participle
               && (preceded_by_passive_marker(a.text, s, *announce_before)
                   || after_comma(a.text, s, *announce_before))) {
      // "Big Fund III was set up with...", "le fonds a été créé": the subject is what is funded.
      l.verb = announce_before;
      l.recipient = subject_before(a, s, announce_before->span.begin);
      l.funder = party_after_prep(a, s, announce_before->span.end, seg_hi, PrepKind::agent);
      l.rule = "passive_announce";
      l.confidence = 0.6;
    } else if (announce_before) {
      l.verb = announce_before;
      l.funder = subject_before(a, s, announce_before->span.begin);
      l.recipient = recipient_after(a, s, amt.end, seg_hi, true);
      if (l.recipient.size() == 0) {
        l.recipient = recipient_after(a, s, announce_before->span.end, amt.begin, false);
      }
      l.rule = "announce";
      l.confidence = 0.6;
    } else {
      l.recipient = recipient_after(a, s, amt.end, seg_hi, true);
      l.funder = party_after_prep(a, s, amt.end, seg_hi, PrepKind::source);
      if (l.funder.size() == 0) {
        l.funder = party_after_prep(a, s, amt.end, seg_hi, PrepKind::agent);
      }
      l.rule = "nominal";
      l.confidence = 0.5;
    }
    // "le fonds X, doté de 20 milliards": the money goes to the fund.
    for (const auto& h : s.hits) {
      if (h.info->kind == AmountKind::registered_capital && h.span.end <= amt.begin
          && amt.begin - h.span.end < 12 && h.span.begin >= seg_lo) {
        Span fund = segment_before(s, h.span.begin);
        if (fund.size() > 0) {
          l.recipient = fund;
          l.rule = "fund_endowed";
          l.confidence = 0.7;
        }
      }
    }
    if (l.recipient.size() > 0 && l.funder.size() > 0 && l.recipient.overlaps(l.funder)) {
      l.recipient = Span{};
    }
    return l;
  }

  // "L'État et ArcelorMittal ont signé": the public party funds the other.
  void assign_agreement(const Sentence& s, Span subj, Span partner, Linked& l) {
    const Article& a = m_article;
    if (partner.size() > 0 && span_has(s, partner, is_actor_info)) {
      l.funder = partner;
      l.recipient = subj;
      return;
    }
    if (partner.size() > 0 && subj.size() > 0 && span_has(s, subj, is_actor_info)) {
      l.funder = subj;
      l.recipient = partner;
      return;
    }
    // Split "X et Y" / "X and Y" in the subject.
    for (std::size_t i = word_from(s, subj.begin); i < s.words.size() && s.words[i].end <= subj.end;
         ++i) {
      if (s.lower[i] == "et" || s.lower[i] == "and") {
        Span left{subj.begin, s.words[i - 1].end};
        Span right{s.words[i + 1].begin, subj.end};
        if (span_has(s, left, is_actor_info)) {
          l.funder = left;
          l.recipient = right;
        } else if (span_has(s, right, is_actor_info)) {
          l.funder = right;
          l.recipient = left;
        }
        return;
      }
    }
    if (subj.size() > 0 && span_has(s, subj, is_actor_info)) {
      l.funder = subj;
    } else {
      l.recipient = subj;
    }
    (void)a;
  }

  // "Moderna's $766 million contract", "$2.2 billion of Intel's award".
  Span possessive_recipient(const Sentence& s, Span amt, std::size_t seg_lo, std::size_t seg_hi) {
    std::size_t w = word_from(s, amt.begin);
    auto is_possessive = [&](std::size_t i) {
      std::string_view x = s.lower[i];
      return x.size() > 2 && x.substr(x.size() - 2) == "'s"
             && is_capitalized(m_article.text, s.words[i].begin);
    };
    if (w > 0 && s.words[w - 1].begin >= seg_lo && is_possessive(w - 1)) {
      const Word& pw = s.words[w - 1];
      return Span{pw.begin,
                  pw.end - (m_article.text.substr(pw.end - 3, 3) == "\xE2\x80\x99" ? 4 : 2)};
    }
    std::size_t after = word_from(s, amt.end);
    if (after + 1 < s.words.size() && s.lower[after] == "of" && s.words[after + 1].end <= seg_hi
        && is_possessive(after + 1)) {
      const Word& pw = s.words[after + 1];
      return Span{pw.begin,
                  pw.end - (m_article.text.substr(pw.end - 3, 3) == "\xE2\x80\x99" ? 4 : 2)};
    }
    return Span{};
  }

  // The comma segment ending right before `pos`: "un troisième fonds ..., doté de".
  Span segment_before(const Sentence& s, std::size_t pos) {
    std::size_t j = word_from(s, pos);
    if (j == 0) {
      return Span{};
    }
    std::size_t last = j - 1;
    std::size_t first = last;
    int count = 1;
    while (first > 0 && count < 14) {
      if (gap_has_break(m_article.text, s.words[first - 1].end, s.words[first].begin)) {
        break;
      }
      const CueHit* h = hit_at(s, s.words[first - 1].begin);
      if (h && h->info->verb != VerbClass::none && h->info->verb != VerbClass::invest) {
        break; // "Pékin a lancé | un fonds"
      }
      --first;
      ++count;
    }
    while (first <= last
           && (is_phrase_stop_word(s.lower[first], m_article.lang) || s.lower[first] == "with"
               || s.lower[first] == "avec")) {
      ++first;
    }
    if (first > last) {
      return Span{};
    }
    return Span{s.words[first].begin, s.words[last].end};
  }

  Article m_article;
  const std::vector<AmountMention>& m_amounts;
  const std::vector<DateMention>& m_dates;
  std::optional<CivilDate> m_published;
  std::vector<const DateMention*> m_dates_by_start;
  Paragraph m_paragraph; // valid once m_has_paragraph
  bool m_has_paragraph = false;
};

} // namespace

std::vector<Fact> assemble_facts(std::string_view text,
                                 std::string_view lang,
                                 std::optional<CivilDate> published,
                                 const std::vector<AmountMention>& amounts,
                                 const std::vector<DateMention>& dates) {
  if (amounts.empty()) {
    return {};
  }
  return Assembler(text, lang, published, amounts, dates).run();
}

} // namespace factledger::extract
