#include "extract/scale_words.hpp"

#include "extract/text_scan.hpp"

#include <array>
#include <cstdint>
#include <vector>

namespace factledger::extract {

namespace {

enum : std::uint8_t { k_any = 0, k_fr = 1, k_en = 2 };

enum : std::uint8_t {
  k_word = 1,          // a full word: may be spaced from the number
  k_attached_only = 2, // only glued to the number ("$5b")
  k_needs_currency = 4 // spaced form counts only right before a currency ("12 M€", "10 k$")
};

struct Scale {
  std::string_view form; // lower case
  int exponent;
  std::uint8_t lang;
  std::uint8_t flags;
};

// Longer forms first within the same initial, so that "milliards" wins over "mille" and "m".
constexpr Scale k_scales[] = {
    {"milliards", 9, k_any, k_word},
    {"milliard", 9, k_any, k_word},
    {"millions", 6, k_any, k_word},
    {"million", 6, k_any, k_word},
    {"mille", 3, k_fr, k_word},
    {"mrds", 9, k_any, k_needs_currency},
    {"mrd", 9, k_any, k_needs_currency},
    {"mds", 9, k_any, k_needs_currency},
    {"md", 9, k_any, k_needs_currency},
    {"mld", 9, k_any, k_needs_currency},
    {"mln", 6, k_any, k_word},
    {"mio", 6, k_any, k_needs_currency},
    {"mn", 6, k_any, k_word},
    {"m", 6, k_any, k_needs_currency},
    {"billions", 9, k_en, k_word},
    {"billion", 9, k_en, k_word},
    {"billions", 12, k_fr, k_word},
    {"billion", 12, k_fr, k_word},
    {"bln", 9, k_any, k_word},
    {"bn", 9, k_any, k_word},
    {"b", 9, k_any, k_attached_only},
    {"trillions", 12, k_en, k_word},
    {"trillion", 12, k_en, k_word},
    {"trillions", 18, k_fr, k_word},
    {"trillion", 18, k_fr, k_word},
    {"trn", 12, k_any, k_word},
    {"tn", 12, k_any, k_word},
    {"thousands", 3, k_en, k_word},
    {"thousand", 3, k_en, k_word},
    {"k", 3, k_any, k_needs_currency},
    {"g", 9, k_fr, k_needs_currency}, // Québec: "2,7 G$" is 2.7 billion dollars
    {"lakhs", 5, k_any, k_word},
    {"lakh", 5, k_any, k_word},
    {"lacs", 5, k_en, k_word},
    {"lac", 5, k_en, k_word},
    {"crores", 7, k_any, k_word},
    {"crore", 7, k_any, k_word},
};

bool lang_ok(std::uint8_t lang, bool french) {
  return lang == k_any || (lang == k_fr) == french;
}

// Scale words by their initial, in table order: a word is compared only with its own.
struct ScaleIndex {
  std::array<std::vector<const Scale*>, 26> by_letter{};
  ScaleIndex() {
    for (const Scale& s : k_scales) {
      by_letter[static_cast<std::size_t>(s.form[0] - 'a')].push_back(&s);
    }
  }
};

const ScaleIndex& scale_index() {
  static const ScaleIndex idx;
  return idx;
}

// One scale word at `pos`.
std::optional<ScaleMatch>
match_one(std::string_view t, std::size_t pos, bool french, bool attached) {
  if (pos >= t.size() || !scan::is_ascii_alpha(t[pos])) {
    return std::nullopt;
  }
  char first = scan::ascii_lower(t[pos]);
  for (const Scale* sp : scale_index().by_letter[static_cast<std::size_t>(first - 'a')]) {
    const Scale& s = *sp;
    if (!lang_ok(s.lang, french)) {
      continue;
    }
    std::size_t end = scan::match_form(t, pos, s.form);
    if (end == scan::k_npos) {
      continue;
    }
    if ((s.flags & k_attached_only) && !attached) {
      return std::nullopt;
    }
    ScaleMatch m;
    m.exponent = s.exponent;
    m.end = end;
    m.needs_currency_after = (s.flags & k_needs_currency) && !attached;
    // An abbreviation glued to the number still needs a currency right after ("5m" alone is
    // five metres); the caller checks a currency follows either way.
    if ((s.flags & k_needs_currency) && attached) {
      m.needs_currency_after = true;
    }
    return m;
  }
  return std::nullopt;
}

} // namespace

std::optional<ScaleMatch>
match_scale(std::string_view t, std::size_t pos, bool french, bool attached) {
  auto first = match_one(t, pos, french, attached);
  if (!first) {
    return std::nullopt;
  }
  // "mille milliards", "thousand million": a second full word multiplies.
  std::size_t next = scan::skip_ws(t, first->end, 2);
  if (next > first->end && !first->needs_currency_after) {
    auto second = match_one(t, next, french, false);
    if (second && !second->needs_currency_after && second->exponent >= 6) {
      first->exponent += second->exponent;
      first->end = second->end;
    }
  }
  return first;
}

bool is_scale_word_at(std::string_view t, std::size_t pos, bool french) {
  auto m = match_one(t, pos, french, false);
  return m && !m->needs_currency_after;
}

} // namespace factledger::extract
