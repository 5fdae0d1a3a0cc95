// Context rules for ambiguous currency marks. The marks that need context are a bare "$" or
// "dollar(s)", a bare "¥", and bare "livres"/"pounds" (books and weight, too). Explicit marks
// ("US$", "C$", "dollars canadiens", "RMB", "yens") never use the context.
//
// clang-format off
// | rule | evidence                                                          | result                  |
// |------|-------------------------------------------------------------------|-------------------------|
// | L1   | the amount's own sentence has more cue words of one dollar country | that dollar (first,     |
// |      | (k_dollar_countries, all weights 1) than of the United States; or  | after explicit marks)   |
// |      | more US cues than any other                                        | USD                     |
// | D1   | outlet (source name or domain) in k_outlets                        | that outlet's dollar    |
// | D2   | cue words of one dollar country: score >= 3 and more than twice   | that country's dollar   |
// |      | the United States' score                                           |                         |
// | D3   | otherwise                                                          | USD                     |
// | Y1   | China cues (Chine, chinois, Pékin, Beijing, yuan, RMB...)         | ¥ = CNY                 |
// |      | outnumber Japan cues (Japon, japonais, Tokyo, yen...)              |                         |
// | Y2   | otherwise                                                          | ¥ = JPY                 |
// | B1   | outlet is British, or UK cues (Royaume-Uni, Londres, British,      | bare livres/pounds = GBP|
// |      | sterling...) >= 2                                                  |                         |
// clang-format on
//
// D1 and B1 need no scan of the article's cues: when the outlet decides, the scan is skipped.
// Scores count whole-word cue occurrences (k_cues; one RE2 pass) in the first 64 KiB of the
// text, case-insensitively and with or without accents; an explicit "dollars canadiens" /
// "Canadian dollars" style name counts 3 for D2 (L1 counts every cue once).
#include "extract/money_context.hpp"

#include "extract/money.hpp"
#include "extract/support_lexicon.hpp"
#include "model/error.hpp"
#include "text/utf8.hpp"

#include <re2/re2.h>

#include <algorithm>
#include <array>
#include <cstdint>
#include <memory>
#include <string>
#include <unordered_map>

namespace factledger::extract {

namespace {

constexpr std::size_t k_context_bytes = 64 * 1024;

// Who a cue word points at.
enum class Place : std::uint8_t { ca, au, hk, tw, sg, nz, us, china, japan, uk };
constexpr std::size_t k_places = 10;

// The dollar of each dollar place, in Place order (us..uk have none).
constexpr std::array<std::string_view, 6> k_place_dollar = {
    "CAD", "AUD", "HKD", "TWD", "SGD", "NZD"};

struct Cue {
  std::string_view word; // lower case, as written (accented or not: both are listed)
  Place place;
  int weight;
};

constexpr std::array k_cues = {
    Cue{"canada", Place::ca, 1},
    Cue{"canadien", Place::ca, 1},
    Cue{"canadienne", Place::ca, 1},
    Cue{"canadiens", Place::ca, 1},
    Cue{"canadian", Place::ca, 1},
    Cue{"qu\xC3\xA9"
        "bec",
        Place::ca,
        1},
    Cue{"quebec", Place::ca, 1},
    Cue{"qu\xC3\xA9"
        "b\xC3\xA9"
        "cois",
        Place::ca,
        1},
    Cue{"qu\xC3\xA9"
        "b\xC3\xA9"
        "coise",
        Place::ca,
        1},
    Cue{"ottawa", Place::ca, 1},
    Cue{"montr\xC3\xA9"
        "al",
        Place::ca,
        1},
    Cue{"montreal", Place::ca, 1},
    Cue{"toronto", Place::ca, 1},
    Cue{"dollars canadiens", Place::ca, 3},
    Cue{"canadian dollars", Place::ca, 3},
    Cue{"australie", Place::au, 1},
    Cue{"australia", Place::au, 1},
    Cue{"australien", Place::au, 1},
    Cue{"australian", Place::au, 1},
    Cue{"canberra", Place::au, 1},
    Cue{"sydney", Place::au, 1},
    Cue{"melbourne", Place::au, 1},
    Cue{"queensland", Place::au, 1},
    Cue{"dollars australiens", Place::au, 3},
    Cue{"australian dollars", Place::au, 3},
    Cue{"hong kong", Place::hk, 1},
    Cue{"hongkongais", Place::hk, 1},
    Cue{"hong kong dollars", Place::hk, 3},
    Cue{"dollars de hong kong", Place::hk, 3},
    Cue{"ta\xC3\xAF"
        "wan",
        Place::tw,
        1},
    Cue{"taiwan", Place::tw, 1},
    Cue{"taipei", Place::tw, 1},
    Cue{"ta\xC3\xAF"
        "wanais",
        Place::tw,
        1},
    Cue{"taiwanese", Place::tw, 1},
    Cue{"new taiwan dollars", Place::tw, 3},
    Cue{"dollars ta\xC3\xAF"
        "wanais",
        Place::tw,
        3},
    Cue{"singapour", Place::sg, 1},
    Cue{"singapore", Place::sg, 1},
    Cue{"singapourien", Place::sg, 1},
    Cue{"singaporean", Place::sg, 1},
    Cue{"singapore dollars", Place::sg, 3},
    Cue{"dollars de singapour", Place::sg, 3},
    Cue{"nouvelle-z\xC3\xA9"
        "lande",
        Place::nz,
        1},
    Cue{"new zealand", Place::nz, 1},
    Cue{"wellington", Place::nz, 1},
    Cue{"auckland", Place::nz, 1},
    Cue{"\xC3\xA9"
        "tats-unis",
        Place::us,
        1},
    Cue{"etats-unis", Place::us, 1},
    Cue{"united states", Place::us, 1},
    Cue{"washington", Place::us, 1},
    Cue{"am\xC3\xA9ricain", Place::us, 1},
    Cue{"am\xC3\xA9ricaine", Place::us, 1},
    Cue{"am\xC3\xA9ricains", Place::us, 1},
    Cue{"american", Place::us, 1},
    Cue{"u.s", Place::us, 1},
    Cue{"biden", Place::us, 1},
    Cue{"trump", Place::us, 1},
    Cue{"new york", Place::us, 1},
    Cue{"dollars am\xC3\xA9ricains", Place::us, 3},
    Cue{"us dollars", Place::us, 3},
    Cue{"chine", Place::china, 1},
    Cue{"china", Place::china, 1},
    Cue{"chinois", Place::china, 1},
    Cue{"chinoise", Place::china, 1},
    Cue{"chinese", Place::china, 1},
    Cue{"p\xC3\xA9kin", Place::china, 1},
    Cue{"pekin", Place::china, 1},
    Cue{"beijing", Place::china, 1},
    Cue{"yuan", Place::china, 2},
    Cue{"yuans", Place::china, 2},
    Cue{"renminbi", Place::china, 2},
    Cue{"rmb", Place::china, 2},
    Cue{"japon", Place::japan, 1},
    Cue{"japan", Place::japan, 1},
    Cue{"japonais", Place::japan, 1},
    Cue{"japanese", Place::japan, 1},
    Cue{"tokyo", Place::japan, 1},
    Cue{"yen", Place::japan, 2},
    Cue{"yens", Place::japan, 2},
    Cue{"royaume-uni", Place::uk, 1},
    Cue{"britannique", Place::uk, 1},
    Cue{"londres", Place::uk, 1},
    Cue{"london", Place::uk, 1},
    Cue{"britain", Place::uk, 1},
    Cue{"british", Place::uk, 1},
    Cue{"sterling", Place::uk, 2},
    Cue{"gbp", Place::uk, 2},
};

// D1, B1: outlets by a fragment of their (folded) name or domain.
struct Outlet {
  std::string_view fragment;
  std::string_view dollar; // empty: no dollar rule
  bool british;
};

constexpr std::array<Outlet, 39> k_outlets = {{
    {"cbc", "CAD", false},
    {"la presse", "CAD", false},
    {"national post", "CAD", false},
    {"toronto star", "CAD", false},
    {"ctv", "CAD", false},
    {"financial post", "CAD", false},
    {"straits times", "SGD", false},
    {"taipei times", "TWD", false},
    {"the guardian", "", true},
    {"radio-canada", "CAD", false},
    {"lapresse", "CAD", false},
    {"ledevoir", "CAD", false},
    {"le devoir", "CAD", false},
    {"cbc.ca", "CAD", false},
    {"globeandmail", "CAD", false},
    {"globe and mail", "CAD", false},
    {"nationalpost", "CAD", false},
    {"financialpost", "CAD", false},
    {"journaldemontreal", "CAD", false},
    {"journaldequebec", "CAD", false},
    {"ctvnews", "CAD", false},
    {"lesoleil", "CAD", false},
    {".ca", "CAD", false},
    {"abc.net.au", "AUD", false},
    {"smh.com.au", "AUD", false},
    {"afr.com", "AUD", false},
    {".au", "AUD", false},
    {"thestandard.com.hk", "HKD", false},
    {".hk", "HKD", false},
    {"taipeitimes", "TWD", false},
    {"focustaiwan", "TWD", false},
    {".tw", "TWD", false},
    {"straitstimes", "SGD", false},
    {"businesstimes.com.sg", "SGD", false},
    {".sg", "SGD", false},
    {"nzherald", "NZD", false},
    {".nz", "NZD", false},
    {".co.uk", "", true},
    {"bbc", "", true},
}};

struct CueIndex {
  std::unique_ptr<RE2> re;
  std::unordered_map<std::string, const Cue*> by_word;

  CueIndex() {
    // RE2's \b knows only ASCII word characters: before "États-Unis" it never holds. Words
    // that start with a non-ASCII letter go without it; find_place_cues() checks their start.
    std::string alts;
    std::string wide_alts;
    for (const Cue& c : k_cues) {
      by_word.emplace(std::string(c.word), &c);
      std::string& to = static_cast<unsigned char>(c.word.front()) < 0x80 ? alts : wide_alts;
      to +=
          (to.empty() ? "" : "|") + RE2::QuoteMeta(re2::StringPiece(c.word.data(), c.word.size()));
    }
    RE2::Options options;
    options.set_log_errors(false);
    options.set_case_sensitive(false);
    // Longest alternative, so that "dollars canadiens" wins over "canadiens".
    options.set_longest_match(true);
    std::string pattern = "\\b(?:" + alts + ")";
    if (!wide_alts.empty()) {
      pattern = "(?:" + pattern + "|(?:" + wide_alts + "))";
    }
    re = std::make_unique<RE2>(pattern + "\\b", options);
    if (!re->ok()) {
      throw Error("money context pattern does not compile: " + re->error());
    }
  }
};

const CueIndex& cue_index() {
  static const CueIndex idx;
  return idx;
}

using Scores = std::array<int, k_places>;

// Cue scores per place over the cues that start in [begin, end) (weights when `weighted`,
// else 1 per cue).
Scores
place_scores(const std::vector<PlaceCue>& cues, std::size_t begin, std::size_t end, bool weighted) {
  Scores scores{};
  auto it = std::lower_bound(cues.begin(), cues.end(), begin, [](const PlaceCue& c, std::size_t p) {
    return c.begin < p;
  });
  for (; it != cues.end() && it->begin < end; ++it) {
    if (it->end <= end) {
      scores[it->place] += weighted ? it->weight : 1;
    }
  }
  return scores;
}

int score_of(const Scores& s, Place p) {
  return s[static_cast<std::size_t>(p)];
}

bool ends_with(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}

// Does `fragment` occur in `s` followed by `next`?
bool followed_by(std::string_view s, std::string_view fragment, char next) {
  for (std::size_t at = s.find(fragment); at != std::string_view::npos;
       at = s.find(fragment, at + 1)) {
    if (at + fragment.size() < s.size() && s[at + fragment.size()] == next) {
      return true;
    }
  }
  return false;
}

// Cut `text` to at most `n` bytes on a code-point boundary.
std::string_view head(std::string_view text, std::size_t n) {
  std::size_t cut = std::min(text.size(), n);
  while (cut < text.size() && cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) {
    --cut;
  }
  return text.substr(0, cut);
}

} // namespace

std::vector<PlaceCue> find_place_cues(std::string_view text) {
  return find_place_cues(text, Span{0, text.size()});
}

std::vector<PlaceCue> find_place_cues(std::string_view text, Span within) {
  std::vector<PlaceCue> cues;
  const CueIndex& idx = cue_index();
  // The whole text is the context of the search: a word cut by `within` is no cue.
  re2::StringPiece input(text.data(), text.size());
  re2::StringPiece match;
  std::size_t from = within.begin;
  while (from < within.end && idx.re->Match(input, from, within.end, RE2::UNANCHORED, &match, 1)) {
    std::size_t at = static_cast<std::size_t>(match.data() - text.data());
    from = at + std::max<std::size_t>(match.size(), 1);
    if (static_cast<unsigned char>(text[at]) >= 0x80 && at > 0
        && is_word_char_at(text, previous_char_start(text, at))) {
      continue; // inside a word ("xétats-unis")
    }
    auto it = idx.by_word.find(text::ascii_lower(std::string_view(match.data(), match.size())));
    if (it == idx.by_word.end()) {
      it = idx.by_word.find(text::fold(std::string_view(match.data(), match.size())));
    }
    if (it != idx.by_word.end()) {
      cues.push_back(PlaceCue{at,
                              at + match.size(),
                              static_cast<std::uint8_t>(it->second->place),
                              static_cast<std::uint8_t>(it->second->weight)});
    }
  }
  return cues;
}

MoneyContext
money_context_for(std::string_view text, std::string_view lang, std::string_view source) {
  return money_context_from(find_place_cues(head(text, k_context_bytes)), lang, source);
}

OutletContext outlet_context(std::string_view source) {
  OutletContext c;
  if (source.empty()) {
    return c;
  }
  // Sources are nearly always ASCII (domains): lower-casing is then all that fold() does.
  bool ascii = std::all_of(
      source.begin(), source.end(), [](char ch) { return static_cast<unsigned char>(ch) < 0x80; });
  std::string src = ascii ? text::ascii_lower(source) : text::fold(source);
  for (const Outlet& o : k_outlets) {
    bool hit = o.fragment.front() == '.'
                   ? ends_with(src, o.fragment) || followed_by(src, o.fragment, '/')
                   : src.find(o.fragment) != std::string::npos;
    if (!hit) {
      continue;
    }
    if (!o.dollar.empty() && c.dollar.empty()) {
      c.dollar = o.dollar;
    }
    c.british = c.british || o.british;
  }
  return c;
}

MoneyContext money_context_from(const std::vector<PlaceCue>& cues,
                                std::string_view lang,
                                std::string_view source) {
  MoneyContext c;
  c.lang = lang == "fr" ? "fr" : "en";

  OutletContext outlet = outlet_context(source);
  bool dollar_from_outlet = !outlet.dollar.empty();
  if (dollar_from_outlet) {
    c.dollar = std::string(outlet.dollar);
  }
  c.british = outlet.british;

  auto scores = place_scores(cues, 0, k_context_bytes, true);
  if (!dollar_from_outlet) {
    int us = score_of(scores, Place::us);
    for (std::size_t i = 0; i < k_place_dollar.size(); ++i) {
      if (scores[i] >= 3 && scores[i] > 2 * us) {
        c.dollar = std::string(k_place_dollar[i]);
        break;
      }
    }
  }
  if (score_of(scores, Place::china) > score_of(scores, Place::japan)) {
    c.yen = "CNY";
  }
  if (score_of(scores, Place::uk) >= 2) {
    c.british = true;
  }
  return c;
}

namespace {

// The sentence around `pos` (rule L1's reach), on code-point boundaries.
Span dollar_sentence(std::string_view text, std::size_t pos) {
  constexpr std::size_t k_reach = 240;
  auto is_end = [&](std::size_t i) {
    char c = text[i];
    if (c == '\n' || c == '!' || c == '?') {
      return true;
    }
    // A full stop, not a decimal point ("$2.4 billion") nor an abbreviation dot ("U.S.").
    return c == '.' && i + 1 < text.size() && text[i + 1] == ' ' && i > 0
           && !(text[i - 1] >= 'A' && text[i - 1] <= 'Z');
  };
  std::size_t begin = pos > k_reach ? pos - k_reach : 0;
  for (std::size_t i = pos; i > begin; --i) {
    if (is_end(i - 1)) {
      begin = i;
      break;
    }
  }
  std::size_t end = std::min(text.size(), pos + k_reach);
  for (std::size_t i = pos; i < end; ++i) {
    if (is_end(i)) {
      end = i;
      break;
    }
  }
  while (begin > 0 && (static_cast<unsigned char>(text[begin]) & 0xC0) == 0x80) {
    --begin;
  }
  while (end < text.size() && (static_cast<unsigned char>(text[end]) & 0xC0) == 0x80) {
    ++end;
  }
  return Span{begin, end};
}

std::optional<std::string_view> dollar_of(const Scores& scores) {
  int us = score_of(scores, Place::us);
  int best = 0;
  std::string_view best_iso;
  for (std::size_t i = 0; i < k_place_dollar.size(); ++i) {
    if (scores[i] > best) {
      best = scores[i];
      best_iso = k_place_dollar[i];
    }
  }
  if (best > us) {
    return best_iso;
  }
  if (us > 0) {
    return std::string_view("USD");
  }
  return std::nullopt;
}

} // namespace

std::optional<std::string_view> sentence_dollar(std::string_view text, std::size_t pos) {
  // Only the sentence's own cues: a scan of a few hundred bytes, not of the article. Words
  // cut by the sentence's reach are not cues, as when the article's cues are at hand.
  Span s = dollar_sentence(text, pos);
  return dollar_of(place_scores(find_place_cues(text, s), s.begin, s.end, false));
}

std::optional<std::string_view>
sentence_dollar(std::string_view text, std::size_t pos, const std::vector<PlaceCue>& cues) {
  Span s = dollar_sentence(text, pos);
  return dollar_of(place_scores(cues, s.begin, s.end, false));
}

} // namespace factledger::extract
