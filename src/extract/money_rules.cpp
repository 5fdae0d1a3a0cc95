#include "extract/money_rules.hpp"

#include "extract/text_scan.hpp"

#include <array>
#include <cstdint>
#include <vector>

namespace factledger::extract {

namespace {

using scan::k_npos;
using scan::match_form;
using scan::skip_ws;

enum : std::uint8_t { k_any = 0, k_fr = 1, k_en = 2 };

bool lang_ok(std::uint8_t lang, bool french) {
  return lang == k_any || (lang == k_fr) == french;
}

struct QualifierForm {
  std::string_view form;
  Qualifier qualifier;
  std::uint8_t lang;
};

// Longer forms first where one is a prefix of another ("pas plus de" before "plus de").
constexpr std::array<QualifierForm, 72> k_qualifiers = {{
    // French
    {"pas plus de", Qualifier::upto, k_fr},
    {"pas plus d'", Qualifier::upto, k_fr},
    {"pas moins de", Qualifier::atleast, k_fr},
    {"un peu plus de", Qualifier::atleast, k_fr},
    {"un peu moins de", Qualifier::atmost, k_fr},
    {"bien plus de", Qualifier::atleast, k_fr},
    {"plus de", Qualifier::atleast, k_fr},
    {"plus d'", Qualifier::atleast, k_fr},
    {"plus que", Qualifier::atleast, k_fr},
    {"au moins", Qualifier::atleast, k_fr},
    {"au minimum", Qualifier::atleast, k_fr},
    {"au-del\xC3\xA0 de", Qualifier::atleast, k_fr},
    {"moins de", Qualifier::atmost, k_fr},
    {"moins d'", Qualifier::atmost, k_fr},
    {"en dessous de", Qualifier::atmost, k_fr},
    {"en-dessous de", Qualifier::atmost, k_fr},
    {"au-dessous de", Qualifier::atmost, k_fr},
    {"jusqu'\xC3\xA0", Qualifier::upto, k_fr},
    {"jusqu'a", Qualifier::upto, k_fr},
    {"au plus", Qualifier::upto, k_fr},
    {"au maximum", Qualifier::upto, k_fr},
    {"un maximum de", Qualifier::upto, k_fr},
    {"pr\xC3\xA8s de", Qualifier::approx, k_fr},
    {"pr\xC3\xA8s d'", Qualifier::approx, k_fr},
    {"pres de", Qualifier::approx, k_fr},
    {"environ", Qualifier::approx, k_fr},
    {"quelque", Qualifier::approx, k_fr},
    {"autour de", Qualifier::approx, k_fr},
    {"autour d'", Qualifier::approx, k_fr},
    {"\xC3\xA0 peu pr\xC3\xA8s", Qualifier::approx, k_fr},
    {"a peu pres", Qualifier::approx, k_fr},
    {"quasiment", Qualifier::approx, k_fr},
    {"quasi", Qualifier::approx, k_fr},
    {"presque", Qualifier::approx, k_fr},
    {"approximativement", Qualifier::approx, k_fr},
    {"de l'ordre de", Qualifier::approx, k_fr},
    {"de l'ordre d'", Qualifier::approx, k_fr},
    {"exactement", Qualifier::exact, k_fr},
    {"pr\xC3\xA9"
     "cis\xC3\xA9ment",
     Qualifier::exact,
     k_fr},
    // English
    {"no more than", Qualifier::upto, k_en},
    {"not more than", Qualifier::upto, k_en},
    {"no less than", Qualifier::atleast, k_en},
    {"not less than", Qualifier::atleast, k_en},
    {"more than", Qualifier::atleast, k_en},
    {"well over", Qualifier::atleast, k_en},
    {"just over", Qualifier::atleast, k_en},
    {"over", Qualifier::atleast, k_en},
    {"at least", Qualifier::atleast, k_en},
    {"above", Qualifier::atleast, k_en},
    {"upwards of", Qualifier::atleast, k_en},
    {"in excess of", Qualifier::atleast, k_en},
    {"up to", Qualifier::upto, k_en},
    {"as much as", Qualifier::upto, k_en},
    {"as high as", Qualifier::upto, k_en},
    {"at most", Qualifier::upto, k_en},
    {"a maximum of", Qualifier::upto, k_en},
    {"less than", Qualifier::atmost, k_en},
    {"lower than", Qualifier::atmost, k_en},
    {"just under", Qualifier::atmost, k_en},
    {"under", Qualifier::atmost, k_en},
    {"below", Qualifier::atmost, k_en},
    {"about", Qualifier::approx, k_en},
    {"around", Qualifier::approx, k_en},
    {"nearly", Qualifier::approx, k_en},
    {"almost", Qualifier::approx, k_en},
    {"some", Qualifier::approx, k_en},
    {"roughly", Qualifier::approx, k_en},
    {"approximately", Qualifier::approx, k_en},
    {"an estimated", Qualifier::approx, k_en},
    {"close to", Qualifier::approx, k_en},
    {"circa", Qualifier::approx, k_en},
    {"exactly", Qualifier::exact, k_en},
}};

struct Word {
  std::string_view form;
  std::uint8_t lang;
};

template <std::size_t N>
std::size_t
match_any(std::string_view t, std::size_t pos, bool french, const std::array<Word, N>& words) {
  if (pos >= t.size()) {
    return k_npos; // every form here starts with a character
  }
  char first = scan::ascii_lower(t[pos]);
  for (const Word& w : words) {
    // Cheap reject on the first byte before the full match (no form starts with a space or
    // an apostrophe).
    if (w.form[0] != first || !lang_ok(w.lang, french)) {
      continue;
    }
    std::size_t end = match_form(t, pos, w.form);
    if (end != k_npos) {
      return end;
    }
  }
  return k_npos;
}

// Hedges ("environ", "about") are not fillers: they belong to the restatement's text.
constexpr std::array<Word, 9> k_fillers = {{
    {"soit", k_fr},
    {"l'\xC3\xA9quivalent de", k_fr},
    {"ou", k_fr},
    {"or", k_en},
    {"i.e.", k_en},
    {"equivalent to", k_en},
    {"approx.", k_en},
    {"~", k_any},
    {"\xE2\x89\x88", k_any}, // ≈
}};

// Qualifiers by their first byte, in table order.
struct QualifierIndex {
  std::array<std::vector<const QualifierForm*>, 256> by_first{};
  QualifierIndex() {
    for (const QualifierForm& q : k_qualifiers) {
      by_first[static_cast<unsigned char>(q.form[0])].push_back(&q);
    }
  }
};

const QualifierIndex& qualifier_index() {
  static const QualifierIndex idx;
  return idx;
}

// The first word of a form: its letters up to a space, apostrophe, dot, hyphen or sign.
std::string_view first_word(std::string_view form) {
  std::size_t n = 0;
  while (n < form.size()
         && (scan::is_ascii_alpha(form[n]) || static_cast<unsigned char>(form[n]) >= 0x80)) {
    ++n;
  }
  return form.substr(0, n);
}

} // namespace

std::vector<std::string_view> qualifier_first_words() {
  std::vector<std::string_view> w;
  for (const QualifierForm& q : k_qualifiers) {
    w.push_back(first_word(q.form));
  }
  return w;
}

std::vector<std::string_view> range_open_words() {
  return {"entre", "between", "de", "from"};
}

std::optional<QualifierMatch> match_qualifier(std::string_view t, std::size_t pos, bool french) {
  if (pos >= t.size()) {
    return std::nullopt;
  }
  const auto& bucket =
      qualifier_index().by_first[static_cast<unsigned char>(scan::ascii_lower(t[pos]))];
  for (const QualifierForm* qp : bucket) {
    const QualifierForm& q = *qp;
    if (!lang_ok(q.lang, french)) {
      continue;
    }
    std::size_t end = match_form(t, pos, q.form);
    if (end != k_npos) {
      return QualifierMatch{q.qualifier, skip_ws(t, end, 3)};
    }
  }
  return std::nullopt;
}

std::optional<RangeOpenMatch> match_range_open(std::string_view t, std::size_t pos, bool french) {
  static constexpr std::array<Word, 2> k_between = {{{"entre", k_fr}, {"between", k_en}}};
  static constexpr std::array<Word, 2> k_from = {{{"de", k_fr}, {"from", k_en}}};
  std::size_t end = match_any(t, pos, french, k_between);
  if (end != k_npos) {
    return RangeOpenMatch{RangeOpen::between, skip_ws(t, end, 3)};
  }
  end = match_any(t, pos, french, k_from);
  if (end != k_npos && end < t.size() && scan::whitespace_at(t, end) != 0) {
    return RangeOpenMatch{RangeOpen::from, skip_ws(t, end, 3)};
  }
  return std::nullopt;
}

std::size_t match_range_connector(std::string_view t,
                                  std::size_t pos,
                                  bool french,
                                  std::optional<RangeOpen> opened) {
  std::size_t p = skip_ws(t, pos, 3);
  if (opened == RangeOpen::between) {
    static constexpr std::array<Word, 2> k_and = {{{"et", k_fr}, {"and", k_en}}};
    std::size_t end = match_any(t, p, french, k_and);
    if (end == k_npos) {
      end = p + scan::dash_at(t, p);
      if (end == p) {
        return k_npos;
      }
    }
    return skip_ws(t, end, 3);
  }
  std::size_t d = scan::dash_at(t, p);
  if (d != 0) {
    return skip_ws(t, p + d, 3);
  }
  if (p == pos) {
    return k_npos; // words need a space before them
  }
  static constexpr std::array<Word, 4> k_to = {
      {{"\xC3\xA0", k_fr}, {"to", k_en}, {"jusqu'\xC3\xA0", k_fr}, {"through", k_en}}};
  std::size_t end = match_any(t, p, french, k_to);
  if (end == k_npos || scan::whitespace_at(t, end) == 0) {
    return k_npos;
  }
  return skip_ws(t, end, 3);
}

std::size_t match_list_connector(std::string_view t, std::size_t pos, bool french, bool& final) {
  std::size_t p = skip_ws(t, pos, 3);
  if (p < t.size() && t[p] == ',' && p == pos) {
    final = false;
    std::size_t q = skip_ws(t, p + 1, 3);
    return q > p + 1 ? q : k_npos;
  }
  if (p == pos) {
    return k_npos;
  }
  static constexpr std::array<Word, 2> k_and = {{{"et", k_fr}, {"and", k_en}}};
  std::size_t end = match_any(t, p, french, k_and);
  if (end == k_npos || scan::whitespace_at(t, end) == 0) {
    return k_npos;
  }
  final = true;
  return skip_ws(t, end, 3);
}

std::size_t match_restatement_filler(std::string_view t, std::size_t pos, bool french) {
  std::size_t end = match_any(t, pos, french, k_fillers);
  return end == k_npos ? k_npos : skip_ws(t, end, 3);
}

std::size_t match_restatement_open(std::string_view t, std::size_t pos, bool french) {
  static constexpr std::array<Word, 2> k_open = {{{"soit", k_fr}, {"i.e.", k_en}}};
  std::size_t p = skip_ws(t, pos, 3);
  if (p < t.size() && t[p] == ',') {
    p = skip_ws(t, p + 1, 3);
  }
  std::size_t end = match_any(t, p, french, k_open);
  return end == k_npos ? k_npos : skip_ws(t, end, 3);
}

bool percent_follows(std::string_view t, std::size_t pos) {
  std::size_t p = skip_ws(t, pos, 2);
  if (p < t.size() && t[p] == '%') {
    return true;
  }
  static constexpr std::array<Word, 6> k_percent = {{{"pour cent", k_any},
                                                     {"pourcent", k_any},
                                                     {"percent", k_any},
                                                     {"per cent", k_any},
                                                     {"pct", k_any},
                                                     {"\xEF\xBC\x85", k_any}}};
  return p < t.size() && match_any(t, p, false, k_percent) != k_npos;
}

std::size_t match_and_a_half(std::string_view t, std::size_t pos, bool french) {
  static constexpr std::array<Word, 3> k_half = {
      {{"et demi", k_fr}, {"et demie", k_fr}, {"and a half", k_en}}};
  std::size_t p = skip_ws(t, pos, 2);
  return p == pos ? k_npos : match_any(t, p, french, k_half);
}

std::size_t match_scale_of(std::string_view t, std::size_t pos, bool french) {
  if (french) {
    std::size_t end = match_form(t, pos, "d'");
    if (end != k_npos) {
      return end;
    }
    end = match_form(t, pos, "de");
    return end != k_npos && scan::whitespace_at(t, end) != 0 ? skip_ws(t, end, 3) : k_npos;
  }
  std::size_t end = match_form(t, pos, "of");
  return end != k_npos && scan::whitespace_at(t, end) != 0 ? skip_ws(t, end, 3) : k_npos;
}

} // namespace factledger::extract
