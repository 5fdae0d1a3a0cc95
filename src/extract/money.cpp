// The money extractor. Design, for speed over gigabytes of news:
//
// 1. Trigger: one RE2 pass per language finds currency marks (symbols, codes, names, built
//    from the lexicon in currencies.cpp). Text without a currency mark costs only that pass.
// 2. Around each mark, a window of k_window bytes before it (cut at the start of the mark's
//    sentence) is parsed forward: at every token start, the grammar below is tried; a match is
//    emitted and parsing resumes after it.
//    Windows never overlap (a cursor only moves forward) and every scan inside is bounded, so
//    the work is linear in the text, whatever it holds (runs of digits, spaces or signs).
//
// Grammar (one "element" is an optional prefix currency, a number, an optional scale and an
// optional suffix currency; see parse_element):
//   mention     := [qualifier] (range | list | element) [restatement]
//   range       := ("entre"|"between") element ("et"|"and") element
//                | ("de"|"from") element ("à"|"to"|"-") element
//                | element ("-"|"to"|"à") element
//   list        := bare ("," bare)* ("et"|"and") element   -- the currency written once
//   restatement := "(" [filler] element ")" | [","] "soit" element   -- another currency
#include "extract/money.hpp"

#include "extract/currencies.hpp"
#include "extract/money_context.hpp"
#include "extract/money_rules.hpp"
#include "extract/number_words.hpp"
#include "extract/numbers.hpp"
#include "extract/scale_words.hpp"
#include "extract/text_scan.hpp"
#include "model/error.hpp"

#include <re2/re2.h>

#include <algorithm>
#include <array>
#include <cstdint>
#include <memory>
#include <set>
#include <string>

namespace factledger::extract {

namespace {

using scan::k_npos;
using scan::skip_ws;

// How far before a currency mark an amount may start ("entre deux et trois cents millions
// de dollars" is about 50 bytes; qualifiers and ranges fit well within this).
constexpr std::size_t k_window = 160;

// ---------------------------------------------------------------------------------------
// Trigger

std::string quote_piece(std::string_view piece) {
  return RE2::QuoteMeta(re2::StringPiece(piece.data(), piece.size()));
}

// ASCII letters only: such pieces get word boundaries (RE2's \b is ASCII).
bool has_letters_only(std::string_view piece) {
  for (char c : piece) {
    if (!scan::is_ascii_alpha(c)) {
      return false;
    }
  }
  return true;
}

// One pattern that finds every currency mark of the language: for each form, the piece that
// is itself a form ("dollars" in "dollars canadiens"), else its last piece ("lira" in
// "turkish lira"); symbols without boundaries; words between boundaries (or a digit, for
// "115USD" and "USD115").
std::unique_ptr<RE2> build_trigger(bool french) {
  auto other_language = [french](const CurrencyForm& f) {
    return (f.lang == 1 && !french) || (f.lang == 2 && french);
  };
  // Single-word forms of this language only: the English cent "c" must not make the "c" of
  // "c $" an anchor in French, where it would fire at every "c'est".
  std::set<std::string> singles;
  for (const CurrencyForm& f : currency_forms()) {
    if (!other_language(f) && f.form.find(' ') == std::string_view::npos) {
      singles.insert(std::string(f.form));
    }
  }
  std::set<std::string> words;
  std::set<std::string> upper_words;
  std::set<std::string> others;
  for (const CurrencyForm& f : currency_forms()) {
    if (other_language(f)) {
      continue;
    }
    std::vector<std::string_view> pieces;
    for (std::size_t at = 0; at <= f.form.size();) {
      std::size_t sp = f.form.find(' ', at);
      if (sp == std::string_view::npos) {
        sp = f.form.size();
      }
      if (sp > at) {
        pieces.push_back(f.form.substr(at, sp - at));
      }
      at = sp + 1;
    }
    std::string_view anchor = pieces.back();
    for (std::string_view p : pieces) {
      if (singles.count(std::string(p)) != 0) {
        anchor = p;
        break;
      }
    }
    if (!has_letters_only(anchor)) {
      // A symbol or a dotted abbreviation: anchor on its non-letter part when it has a
      // currency sign, else on the whole piece.
      std::string sign;
      for (std::size_t i = 0; i < anchor.size();) {
        scan::Cp c = scan::decode_at(anchor, i);
        if (!scan::is_letter_cp(c.cp) && c.cp != '.') {
          sign.append(anchor.substr(i, c.len));
        }
        i += c.len;
      }
      others.insert(sign.empty() ? std::string(anchor) : sign);
    } else if (f.flags & k_upper_only) {
      std::string up(anchor);
      for (char& ch : up) {
        ch = static_cast<char>(ch >= 'a' && ch <= 'z' ? ch - 32 : ch);
      }
      upper_words.insert(up);
    } else {
      words.insert(std::string(anchor));
    }
  }
  std::string pattern = "(?:";
  bool first = true;
  auto add = [&](const std::string& alt) {
    pattern += first ? "" : "|";
    pattern += alt;
    first = false;
  };
  for (const std::string& o : others) {
    // A dotted abbreviation ("Rs.") starts a word, as a name does: without the boundary it
    // would fire inside "years." and "hours." and open a parse window for nothing.
    bool dotted_word = scan::is_ascii_alpha(o.front());
    add(std::string(dotted_word ? "(?:\\b|\\d)" : "") + "(?i:" + quote_piece(o) + ")");
  }
  std::string word_alts;
  for (const std::string& w : words) {
    word_alts += (word_alts.empty() ? "" : "|") + quote_piece(w);
  }
  add("(?i:(?:\\b|\\d)(?:" + word_alts + ")(?:\\b|\\d))");
  std::string upper_alts;
  for (const std::string& w : upper_words) {
    upper_alts += (upper_alts.empty() ? "" : "|") + quote_piece(w);
  }
  if (!upper_alts.empty()) {
    add("(?:\\b|\\d)(?:" + upper_alts + ")(?:\\b|\\d)");
  }
  pattern += ")";
  RE2::Options options;
  options.set_log_errors(false);
  options.set_max_mem(64 << 20);
  auto re = std::make_unique<RE2>(pattern, options);
  if (!re->ok()) {
    throw Error("money trigger pattern \"" + re->pattern().substr(0, 80)
                + "...\" does not compile: " + re->error());
  }
  return re;
}

const RE2& trigger(bool french) {
  static const std::unique_ptr<RE2> fr = build_trigger(true);
  static const std::unique_ptr<RE2> en = build_trigger(false);
  return french ? *fr : *en;
}

// ---------------------------------------------------------------------------------------
// Grammar

// The text being parsed and its context. The context and the place cues are derived on first
// use (most amounts name their currency and never need them).
struct Parser {
  std::string_view t;
  bool fr;
  const MoneyContext* given = nullptr; // else derived from the text, language and source
  std::string_view lang;
  std::string_view source;
  mutable std::optional<MoneyContext> derived;
  mutable std::optional<std::vector<PlaceCue>> cues;

  const std::vector<PlaceCue>& place_cues() const {
    if (!cues) {
      cues = find_place_cues(t);
    }
    return *cues;
  }
  const MoneyContext& ctx() const {
    if (given) {
      return *given;
    }
    if (!derived) {
      derived = money_context_from(place_cues(), lang, source);
    }
    return *derived;
  }
  // The article's dollar and whether it is British: an outlet that decides them (rules D1
  // and B1) spares the scan of the place cues that the rest of the context needs.
  std::string_view dollar() const {
    const OutletContext* o = outlet_rules();
    return o && !o->dollar.empty() ? o->dollar : std::string_view(ctx().dollar);
  }
  bool british() const {
    const OutletContext* o = outlet_rules();
    return (o && o->british) || ctx().british;
  }
  // The outlet's rules while the context is not derived yet (nullptr once it is, or when given).
  const OutletContext* outlet_rules() const {
    if (given || derived) {
      return nullptr;
    }
    if (!outlet) {
      outlet = outlet_context(source);
    }
    return &*outlet;
  }
  mutable std::optional<OutletContext> outlet;
};

// A number with its scale: "8,5 milliards", "trois cents", "52.7bn", "a".
struct Num {
  std::size_t begin = 0;
  std::size_t end = 0;
  Decimal base;  // as written, before the scale
  Decimal value; // base * 10^scale
  int scale = 0;
  bool has_scale = false;
  bool scale_needs_currency = false; // "12 M" is only money as "12 M€"
  bool spelled = false;
  bool article_only = false;
  bool has_fraction = false;
  bool grouped = false;
};

std::optional<Decimal> scaled(const Decimal& d, int exponent) {
  return d.times_pow10(exponent);
}

// The number (and scale) starting at `pos`; `letter_before_ok` for "USD1,23".
std::optional<Num> parse_num(const Parser& ps, std::size_t pos, bool letter_before_ok = false) {
  std::string_view t = ps.t;
  if (pos >= t.size()) {
    return std::nullopt;
  }
  if (!letter_before_ok && scan::alnum_before(t, pos)) {
    return std::nullopt;
  }
  Num n;
  n.begin = pos;
  if (scan::is_digit(t[pos])) {
    if (pos > 0 && scan::is_digit(t[pos - 1])) {
      return std::nullopt;
    }
    DigitNumber d = parse_digit_number(t, pos, ps.fr);
    if (!d.value) {
      return std::nullopt;
    }
    n.base = *d.value;
    n.end = d.end;
    n.has_fraction = d.has_fraction;
    n.grouped = d.grouped;
    if (percent_follows(t, n.end)) {
      return std::nullopt;
    }
  } else {
    if (!scan::letter_at(t, pos)) {
      return std::nullopt;
    }
    auto w = parse_number_words(t, pos, ps.fr);
    if (!w) {
      return std::nullopt;
    }
    n.base = w->value;
    n.end = w->end;
    n.spelled = true;
    n.article_only = w->article_only;
    if (percent_follows(t, n.end)) {
      return std::nullopt;
    }
    if (w->needs_scale) {
      n.has_fraction = true;
    }
  }
  n.value = n.base;

  // Scale: glued ("52.7bn"), spaced ("8,5 milliards") or hyphenated ("$5-billion").
  std::size_t q = n.end;
  bool attached = true;
  if (q < t.size() && t[q] == '-' && scan::letter_at(t, q + 1)) {
    ++q;
    attached = false;
  } else {
    std::size_t s = skip_ws(t, q, 2);
    attached = s == q;
    q = s;
  }
  if (auto sc = match_scale(t, q, ps.fr, attached)) {
    auto v = scaled(n.base, sc->exponent);
    if (!v) {
      return std::nullopt;
    }
    n.value = *v;
    n.scale = sc->exponent;
    n.has_scale = true;
    n.scale_needs_currency = sc->needs_currency_after;
    n.end = sc->end;
    std::size_t half = match_and_a_half(t, n.end, ps.fr);
    if (half != k_npos) {
      auto h = Decimal::from_int(5).times_pow10(sc->exponent - 1);
      auto sum = h ? n.value.plus(*h) : std::nullopt;
      if (!sum) {
        return std::nullopt;
      }
      n.value = *sum;
      n.end = half;
    }
  } else if (n.spelled && n.has_fraction) {
    return std::nullopt; // "half" without "a billion"
  }
  return n;
}

// A currency mark with where it was found.
struct Mark {
  const CurrencyForm* form = nullptr;
  std::size_t begin = 0;
  std::size_t end = 0;
};

// A currency mark in suffix position at `pos` (right after a number that ended at `num_end`).
std::optional<Mark>
suffix_mark(const Parser& ps, std::size_t pos, std::size_t num_end, bool allow_tail_only = false) {
  auto m = match_currency(ps.t, pos, ps.fr, k_suffix);
  if (!m) {
    return std::nullopt;
  }
  const CurrencyForm* f = m->form;
  if ((f->flags & k_tail_only) && !allow_tail_only) {
    return std::nullopt;
  }
  if ((f->flags & k_attached) && pos != num_end) {
    return std::nullopt;
  }
  // "1 $10": a sign glued to the next number belongs to that number.
  if (f->kind == CurrencyKind::symbol && m->end < ps.t.size() && scan::is_digit(ps.t[m->end])) {
    return std::nullopt;
  }
  if (f->kind == CurrencyKind::code && m->end < ps.t.size() && scan::is_digit(ps.t[m->end])) {
    return std::nullopt; // "3 USD50"
  }
  return Mark{f, m->begin, m->end};
}

bool is_dollar(std::string_view iso) {
  static constexpr std::array<std::string_view, 7> k_dollars = {
      "USD", "CAD", "AUD", "HKD", "TWD", "SGD", "NZD"};
  return std::find(k_dollars.begin(), k_dollars.end(), iso) != k_dollars.end();
}

// Resolve `iso` for an amount at `pos`. Only a bare "$" or "¥" needs the context, so the
// article-wide cue scan runs for those alone; a bare dollar first looks at its own sentence
// (rule L1 in money_context.cpp), which often decides without it.
std::string resolve_at(const Parser& ps, std::string_view iso, std::size_t pos) {
  if (iso == "$") {
    auto local = ps.cues ? sentence_dollar(ps.t, pos, *ps.cues) : sentence_dollar(ps.t, pos);
    return std::string(local ? *local : ps.dollar());
  }
  if (iso == "\xC2\xA5") {
    return ps.ctx().yen;
  }
  return std::string(iso);
}

// Can `second` restate `first` redundantly ("¥8 million RMB", "US$ 5 bn USD", "$10 dollars")?
// Returns the more specific of the two, or empty.
std::string_view merge_marks(std::string_view first, std::string_view second) {
  if (first == second) {
    return first;
  }
  if (first == "$" && is_dollar(second)) {
    return second;
  }
  if (second == "$" && is_dollar(first)) {
    return first;
  }
  if (first == "\xC2\xA5" && (second == "CNY" || second == "JPY")) {
    return second;
  }
  if (second == "\xC2\xA5" && (first == "CNY" || first == "JPY")) {
    return first;
  }
  return {};
}

// An amount or a bare number: [prefix] number [scale] [de] [suffix] [minor tail].
struct Element {
  std::size_t begin = 0;
  std::size_t end = 0;
  Num num;
  std::string_view iso; // unresolved ("$", "¥") or ISO; empty for a bare number
  bool prefixed = false;
  bool symbol = false;
  bool minor = false;
  Decimal value; // in whole currency units (bare: the number with its scale)
  bool has_currency() const { return !iso.empty(); }
};

// "20 dollars 43", "$20 and 43c", "treize euros et quarante-cinq cents", "3 GBP 1 pence".
void parse_minor_tail(const Parser& ps, Element& e) {
  std::string_view t = ps.t;
  if (e.num.has_scale || e.num.has_fraction || e.minor) {
    return;
  }
  std::size_t p = skip_ws(t, e.end, 2);
  bool final = false;
  std::size_t after_and = match_list_connector(t, e.end, ps.fr, final);
  bool with_and = after_and != k_npos && final;
  if (with_and) {
    p = after_and;
  }
  if (p >= t.size() || p == e.end) {
    return;
  }
  Decimal cents;
  std::size_t q = 0;
  if (scan::is_digit(t[p])) {
    std::size_t n = 0;
    while (p + n < t.size() && scan::is_digit(t[p + n])) {
      ++n;
    }
    if (n > 2) {
      return;
    }
    auto d = Decimal::parse(t.substr(p, n));
    if (!d) {
      return;
    }
    cents = *d;
    q = p + n;
  } else {
    auto w = parse_number_words(t, p, ps.fr, CentsWord::stop);
    if (!w || w->article_only || w->needs_scale || w->value >= Decimal::from_int(100)) {
      return;
    }
    cents = w->value;
    q = w->end;
  }
  std::size_t r = skip_ws(t, q, 2);
  std::optional<Mark> unit;
  if (r < t.size()) {
    unit = suffix_mark(ps, r, q, true);
  }
  if (unit && unit->form->kind == CurrencyKind::minor) {
    auto v = cents.times_pow10(-unit->form->minor_exp);
    auto sum = v ? e.value.plus(*v) : std::nullopt;
    if (sum) {
      e.value = *sum;
      e.end = unit->end;
    }
    return;
  }
  if (unit) {
    return; // another amount follows ("50 dollar 40 rmb")
  }
  // A bare minor part must end the phrase: "15 dollars 50." / "$20 43".
  if (r < t.size()) {
    char c = t[r];
    bool closes = c == '.' || c == ',' || c == ';' || c == '!' || c == '?' || c == ')' || c == '\n';
    if (!closes || (c == '.' && r + 1 < t.size() && scan::is_digit(t[r + 1]))) {
      return;
    }
  }
  auto v = cents.times_pow10(-2);
  auto sum = v ? e.value.plus(*v) : std::nullopt;
  if (sum) {
    e.value = *sum;
    e.end = q;
  }
}

// Absorb a redundant second mark of the same currency ("¥8 million RMB").
void absorb_redundant(const Parser& ps, Element& e) {
  std::size_t p = skip_ws(ps.t, e.end, 2);
  if (p == e.end) {
    return;
  }
  auto m = match_currency(ps.t, p, ps.fr, k_suffix);
  if (!m || m->form->kind == CurrencyKind::minor || m->form->scale_exp != 0) {
    return;
  }
  std::size_t after = skip_ws(ps.t, m->end, 2);
  if (after < ps.t.size() && scan::is_digit(ps.t[after])) {
    return; // "$ 20,000.00 $ 37,305.97": the sign opens the next amount
  }
  std::string_view merged = merge_marks(e.iso, m->form->iso);
  if (merged.empty()) {
    return;
  }
  e.iso = merged;
  e.end = m->end;
}

// Apply the currency `mark` (suffix or prefix) to the element's value.
bool apply_mark(Element& e, const CurrencyForm& f) {
  e.iso = f.iso;
  e.symbol = f.kind == CurrencyKind::symbol;
  Decimal v = e.num.value;
  if (f.scale_exp != 0) {
    auto s = v.times_pow10(f.scale_exp);
    if (!s) {
      return false;
    }
    v = *s;
  }
  if (f.kind == CurrencyKind::minor) {
    auto s = v.times_pow10(-f.minor_exp);
    if (!s) {
      return false;
    }
    v = *s;
    e.minor = true;
  }
  e.value = v;
  return true;
}

std::optional<Element> parse_element(const Parser& ps, std::size_t pos) {
  std::string_view t = ps.t;
  if (pos >= t.size()) {
    return std::nullopt;
  }
  Element e;
  e.begin = pos;

  // Prefix currency: "$ 75 million", "US$1.2 billion", "EUR 20", "MAUD 60", "ringgit 42".
  if (!scan::alnum_before(t, pos)) {
    if (auto m = match_currency(t, pos, ps.fr, k_prefix);
        m && m->form->kind != CurrencyKind::minor) {
      std::size_t q = skip_ws(t, m->end, 2);
      bool attached_ok = !(m->form->flags & k_attached) || q == m->end;
      auto n = attached_ok ? parse_num(ps, q, true) : std::nullopt;
      if (n && !n->article_only && !(n->spelled && !n->has_scale && q == m->end)) {
        e.num = *n;
        e.end = n->end;
        e.prefixed = true;
        if (!apply_mark(e, *m->form)) {
          return std::nullopt;
        }
        absorb_redundant(ps, e);
        parse_minor_tail(ps, e);
        return e;
      }
    }
  }

  auto n = parse_num(ps, pos);
  if (!n) {
    return std::nullopt;
  }
  e.num = *n;
  e.end = n->end;
  e.value = n->value;

  // Suffix currency: glued ("20€", "10K$"), hyphenated ("12-cent"), spaced, or after
  // "de"/"d'"/"of" following a scale ("8,5 milliards de dollars").
  std::size_t q = n->end;
  if (q < t.size() && t[q] == '-' && scan::letter_at(t, q + 1)) {
    ++q;
  } else {
    q = skip_ws(t, q, 2);
  }
  std::optional<Mark> mark = suffix_mark(ps, q, n->end);
  bool via_of = false;
  if (!mark && n->has_scale) {
    std::size_t of = match_scale_of(t, q, ps.fr);
    if (of != k_npos) {
      mark = suffix_mark(ps, of, n->end);
      via_of = mark.has_value();
      if (mark && mark->form->kind == CurrencyKind::minor && !ps.fr) {
        mark.reset();
      }
    }
  }
  if (mark && (mark->form->flags & k_needs_cue) && !n->has_scale && !ps.british()) {
    mark.reset(); // "3 000 livres" are books, "10 pounds" a weight
  }
  if (n->scale_needs_currency && (!mark || (mark->begin > n->end + 1 && !via_of))) {
    return std::nullopt; // "12 M" alone is not money; "12 M€", "2,5 Mds d'euros" are
  }
  if (n->article_only && !n->has_scale
      && (!mark
          || (mark->form->kind != CurrencyKind::name && mark->form->kind != CurrencyKind::minor))) {
    return std::nullopt; // "a $5 billion deal": the article is not a number
  }
  if (!mark) {
    return e; // a bare number: only a range or a list may give it a currency
  }
  if (!apply_mark(e, *mark->form)) {
    return std::nullopt;
  }
  e.end = mark->end;
  // "75 USD million": a scale after a code.
  if (!n->has_scale && mark->form->kind == CurrencyKind::code && mark->form->scale_exp == 0) {
    std::size_t s = skip_ws(t, e.end, 2);
    if (s > e.end) {
      if (auto sc = match_scale(t, s, ps.fr, false); sc && !sc->needs_currency_after) {
        auto v = e.value.times_pow10(sc->exponent);
        if (!v) {
          return std::nullopt;
        }
        e.value = *v;
        e.num.has_scale = true;
        e.num.scale = sc->exponent;
        e.end = sc->end;
      }
    }
  }
  absorb_redundant(ps, e);
  parse_minor_tail(ps, e);
  return e;
}

// "money.<lang>.<shape>": the rule recorded with a mention, built in one allocation.
std::string rule_name(const Parser& ps, std::string_view shape) {
  std::string rule;
  rule.reserve(9 + shape.size());
  rule += ps.fr ? "money.fr." : "money.en.";
  rule += shape;
  return rule;
}

std::string rule_for(const Parser& ps, const Element& e) {
  if (e.prefixed) {
    return rule_name(ps, e.symbol ? "symbol_number_scale" : "code_number_scale");
  }
  if (e.minor) {
    return rule_name(ps, "number_minor_unit");
  }
  return rule_name(ps, e.num.spelled ? "words_scale_currency" : "number_scale_currency");
}

// Give a bare element the scale of the amount that carries the currency ("2 et 3 milliards").
bool inherit_scale(Element& bare, const Element& full) {
  if (bare.num.has_scale || !full.num.has_scale) {
    return true;
  }
  auto v = bare.num.base.times_pow10(full.num.scale);
  if (!v) {
    return false;
  }
  bare.value = *v;
  return true;
}

bool year_like(const Element& e) {
  const Num& n = e.num;
  return !n.spelled && !n.has_scale && !n.has_fraction && !n.grouped && n.end - n.begin == 4
         && n.base >= Decimal::from_int(1900) && n.base <= Decimal::from_int(2100);
}

AmountMention make_mention(const Parser& ps,
                           std::size_t begin,
                           std::size_t end,
                           Decimal value,
                           std::string_view iso,
                           Qualifier q,
                           std::string rule) {
  AmountMention m;
  m.span = Span{begin, end};
  m.text = std::string(ps.t.substr(begin, end - begin));
  m.value = value;
  m.currency = resolve_at(ps, iso, begin);
  m.qualifier = q;
  m.rule = std::move(rule);
  return m;
}

// Combine two elements into a range, or nullopt.
std::optional<AmountMention>
make_range(const Parser& ps, std::size_t begin, Element lo, Element hi) {
  if (!hi.has_currency() && !lo.has_currency()) {
    return std::nullopt;
  }
  if (lo.has_currency() && !hi.has_currency() && !lo.prefixed) {
    return std::nullopt; // "5 euros à 10 000 personnes"
  }
  std::string_view iso = hi.has_currency() ? hi.iso : lo.iso;
  if (lo.has_currency() && hi.has_currency()) {
    iso = merge_marks(lo.iso, hi.iso);
    if (iso.empty()) {
      return std::nullopt;
    }
  }
  if (!lo.has_currency() && year_like(lo) && hi.num.has_scale) {
    return std::nullopt;
  }
  if (!inherit_scale(lo, hi)) {
    return std::nullopt;
  }
  if (!hi.has_currency()) {
    hi.value = hi.num.value;
  }
  if (!lo.has_currency() && hi.minor) {
    auto v = lo.value.times_pow10(-2);
    if (!v) {
      return std::nullopt;
    }
    lo.value = *v;
  }
  if (lo.value > hi.value || lo.value.is_zero()) {
    return std::nullopt;
  }
  AmountMention m =
      make_mention(ps, begin, hi.end, lo.value, iso, Qualifier::range, rule_name(ps, "range"));
  m.max = hi.value;
  return m;
}

// A restatement in another currency right after an amount that ends at `end`.
// Returns the end of what was consumed (the closing parenthesis) or npos.
std::size_t parse_restatement(const Parser& ps, std::size_t end, AmountMention& m) {
  std::string_view t = ps.t;
  std::size_t p = skip_ws(t, end, 2);
  bool paren = p < t.size() && t[p] == '(';
  std::size_t q = 0;
  if (paren) {
    q = skip_ws(t, p + 1, 2);
    std::size_t f = match_restatement_filler(t, q, ps.fr);
    if (f != k_npos) {
      q = f;
    }
  } else {
    q = match_restatement_open(t, end, ps.fr);
    if (q == k_npos) {
      return k_npos;
    }
  }
  // A hedge is part of the restatement's text: "(environ 47,5 milliards de dollars)".
  std::size_t eq_begin = q;
  if (auto qual = match_qualifier(t, q, ps.fr)) {
    q = qual->end;
  }
  auto e = parse_element(ps, q);
  if (!e || !e->has_currency()) {
    return k_npos;
  }
  std::string iso = resolve_at(ps, e->iso, e->begin);
  if (iso == m.currency) {
    return k_npos;
  }
  std::size_t close = e->end;
  if (paren) {
    close = skip_ws(t, e->end, 2);
    if (close >= t.size() || t[close] != ')') {
      return k_npos;
    }
    ++close;
  }
  Equivalent eq;
  eq.value = e->value;
  eq.currency = iso;
  eq.span = Span{eq_begin, e->end};
  eq.text = std::string(t.substr(eq_begin, e->end - eq_begin));
  m.equivalent = std::move(eq);
  return close;
}

// Try every shape of mention at `pos`. Appends to `out` and returns the end of what was
// consumed, or 0 when nothing starts here.
std::size_t try_at(const Parser& ps, std::size_t pos, std::vector<AmountMention>& out) {
  std::string_view t = ps.t;
  std::size_t p = pos;
  Qualifier qualifier = Qualifier::exact;
  if (auto q = match_qualifier(t, p, ps.fr)) {
    qualifier = q->qualifier;
    p = q->end;
  }

  auto finish = [&](AmountMention m) {
    std::size_t consumed = m.span.end;
    std::size_t r = parse_restatement(ps, m.span.end, m);
    if (r != k_npos) {
      consumed = r;
    }
    out.push_back(std::move(m));
    return consumed;
  };

  // Ranges opened by a word: "entre 2 et 3 milliards d'euros", "from $1bn to $2bn".
  if (auto open = match_range_open(t, p, ps.fr)) {
    auto lo = parse_element(ps, open->end);
    if (lo) {
      std::size_t c = match_range_connector(t, lo->end, ps.fr, open->kind);
      auto hi = c == k_npos ? std::nullopt : parse_element(ps, c);
      if (hi) {
        if (auto m = make_range(ps, pos, *lo, *hi)) {
          return finish(std::move(*m));
        }
      }
    }
    if (open->kind == RangeOpen::between || p != pos) {
      return 0;
    }
    return 0; // "de" / "from" alone: the amount, if any, is tried at the next token
  }

  auto first = parse_element(ps, p);
  if (!first) {
    return 0;
  }
  // Range without an opening word: "$1-2 billion", "10 - 20 euro", "US$140,000 to $200,000".
  std::size_t c = match_range_connector(t, first->end, ps.fr, std::nullopt);
  if (c != k_npos) {
    if (auto hi = parse_element(ps, c)) {
      if (auto m = make_range(ps, pos, *first, *hi)) {
        return finish(std::move(*m));
      }
    }
  }
  if (first->has_currency()) {
    std::string rule = rule_for(ps, *first);
    // "$8.5 and $6.6 billion": the scale written once, on the last amount.
    if (first->prefixed && !first->num.has_scale && !first->num.spelled
        && first->num.base < Decimal::from_int(1000)) {
      bool final_and = false;
      std::size_t next = match_list_connector(t, first->end, ps.fr, final_and);
      auto second = next == k_npos ? std::nullopt : parse_element(ps, next);
      if (second && second->prefixed && second->num.has_scale
          && !merge_marks(first->iso, second->iso).empty() && inherit_scale(*first, *second)) {
        rule = rule_name(ps, "list_shared_scale");
      }
    }
    return finish(
        make_mention(ps, pos, first->end, first->value, first->iso, qualifier, std::move(rule)));
  }

  // A list sharing the currency of its last member: "93,1 et 71,1 milliards de yuans".
  std::vector<Element> members{*first};
  std::size_t at = first->end;
  bool final = false;
  while (members.size() < 6) {
    std::size_t next = match_list_connector(t, at, ps.fr, final);
    if (next == k_npos) {
      return 0;
    }
    auto e = parse_element(ps, next);
    if (!e) {
      return 0;
    }
    members.push_back(*e);
    at = e->end;
    if (e->has_currency() || final) {
      break;
    }
  }
  const Element& last = members.back();
  if (!last.has_currency() || !final) {
    return 0;
  }
  std::size_t first_out = out.size();
  for (std::size_t i = 0; i + 1 < members.size(); ++i) {
    Element m = members[i];
    if (year_like(m) || m.value.is_zero()) {
      out.resize(first_out);
      return 0;
    }
    if (!m.num.has_scale && last.num.has_scale) {
      if (m.num.base >= Decimal::from_int(1000) || !inherit_scale(m, last)) {
        out.resize(first_out);
        return 0;
      }
    }
    if (last.minor) {
      auto v = m.value.times_pow10(-2);
      if (!v) {
        out.resize(first_out);
        return 0;
      }
      m.value = *v;
    }
    std::size_t begin = i == 0 ? pos : m.begin;
    out.push_back(make_mention(ps,
                               begin,
                               m.end,
                               m.value,
                               last.iso,
                               i == 0 ? qualifier : Qualifier::exact,
                               rule_name(ps, "list_shared_currency")));
  }
  return finish(make_mention(
      ps, last.begin, last.end, last.value, last.iso, Qualifier::exact, rule_for(ps, last)));
}

// May an amount start at `pos`? Token starts only, and never inside a number ("1,500" is not
// tried at "500", "3 000" not at "000").
bool is_start(std::string_view t, std::size_t pos) {
  auto b = static_cast<unsigned char>(t[pos]);
  if (pos > 0 && b < 0x80 && static_cast<unsigned char>(t[pos - 1]) < 0x80) {
    // ASCII fast path: inside a word or a number, or after a space.
    char prev = t[pos - 1];
    if (scan::is_ascii_alpha(prev) || (scan::is_digit(prev) && b != ' ')) {
      return false;
    }
    if (b == ' ' || b == '\t' || b == '\n' || b == '\r') {
      return false;
    }
  }
  if ((b & 0xC0) == 0x80 || scan::whitespace_at(t, pos) != 0) {
    return false;
  }
  if (pos == 0) {
    return true;
  }
  if (scan::alnum_before(t, pos)) {
    return false;
  }
  if (scan::is_digit(t[pos])) {
    char prev = t[pos - 1];
    if ((prev == '.' || prev == ',' || prev == '\'') && pos >= 2 && scan::is_digit(t[pos - 2])) {
      return false;
    }
    std::size_t ps = scan::prev_start(t, pos);
    if (scan::whitespace_at(t, ps) != 0 && ps > 0 && scan::is_digit(t[ps - 1])) {
      std::size_t n = 0;
      while (pos + n < t.size() && scan::is_digit(t[pos + n])) {
        ++n;
      }
      if (n == 3) {
        return false;
      }
    }
  }
  return true;
}

// The first 8 bytes of a lower-case word, packed: the key of the starter table.
std::uint64_t word_key(std::string_view w) {
  std::uint64_t k = 0;
  std::size_t n = std::min<std::size_t>(w.size(), 8);
  for (std::size_t i = 0; i < n; ++i) {
    k |= static_cast<std::uint64_t>(static_cast<unsigned char>(w[i])) << (8 * i);
  }
  return k;
}

// Why a word may start an amount: it may open a number or a range (always tried), or only a
// qualifier or a prefix currency, which are matched in full before the whole grammar is tried
// ("in" but not "in excess of", "Le" where the code "LE" is English only).
enum StarterRole : std::uint8_t { k_role_parse = 1, k_role_qualifier = 2, k_role_currency = 4 };

// Words that may start an amount: first words of qualifiers, range openings and prefix
// currency forms, number words, and the articles that may be a number ("a dollar"). Words
// longer than 8 bytes are keyed by their first 8 (a rare false hit only costs a try).
class StarterTable {
public:
  explicit StarterTable(bool french) {
    std::vector<std::pair<std::uint64_t, std::uint8_t>> entries;
    auto add = [&](std::string_view w, std::uint8_t role) {
      if (!w.empty()) {
        entries.emplace_back(word_key(w), role);
      }
    };
    for (std::string_view w : qualifier_first_words()) {
      add(w, k_role_qualifier);
    }
    for (std::string_view w : range_open_words()) {
      add(w, k_role_parse);
    }
    for (std::string_view w : number_word_list(french)) {
      add(w, k_role_parse);
    }
    for (std::string_view w : {"a", "an", "un", "une"}) {
      add(w, k_role_parse);
    }
    std::vector<std::string_view> glued; // forms whose first word goes on past its ASCII letters
    for (const CurrencyForm& f : currency_forms()) {
      if ((f.places & k_prefix) == 0) {
        continue;
      }
      std::size_t n = 0;
      while (n < f.form.size() && scan::is_ascii_alpha(f.form[n])) {
        ++n;
      }
      add(f.form.substr(0, n), k_role_currency);
      if (n > 0 && n < f.form.size() && static_cast<unsigned char>(f.form[n]) >= 0x80) {
        std::size_t end = n;
        while (end < f.form.size() && scan::letter_at(f.form, end)) {
          end += scan::decode_at(f.form, end).len;
        }
        glued.push_back(f.form.substr(0, end));
      }
    }
    std::sort(entries.begin(), entries.end());
    for (const auto& [key, role] : entries) {
      if (!m_keys.empty() && m_keys.back() == key) {
        m_roles.back() |= role;
      } else {
        m_keys.push_back(key);
        m_roles.push_back(role);
      }
    }
    // Such a form is keyed by its ASCII letters only, so the word that spells it in the text
    // may be in the table for another reason: let it try the whole grammar, as before roles.
    for (std::string_view w : glued) {
      auto it = std::lower_bound(m_keys.begin(), m_keys.end(), word_key(w));
      if (it != m_keys.end() && *it == word_key(w)) {
        m_roles[static_cast<std::size_t>(it - m_keys.begin())] |= k_role_parse;
      }
    }
  }
  // The roles of a lower-case word, 0 when it cannot start an amount.
  std::uint8_t roles(std::string_view lowered) const {
    std::uint64_t k = word_key(lowered);
    auto it = std::lower_bound(m_keys.begin(), m_keys.end(), k);
    if (it == m_keys.end() || *it != k) {
      return 0;
    }
    return m_roles[static_cast<std::size_t>(it - m_keys.begin())];
  }

private:
  std::vector<std::uint64_t> m_keys; // sorted
  std::vector<std::uint8_t> m_roles; // parallel to m_keys
};

const StarterTable& starters(bool french) {
  static const StarterTable fr(true);
  static const StarterTable en(false);
  return french ? fr : en;
}

// Could an amount start at the token at `pos`? One look-up per word instead of every rule.
// Sets `skip_to` to the end of the word when it cannot.
bool worth_trying(const Parser& ps, std::size_t pos, std::size_t& skip_to) {
  std::string_view t = ps.t;
  char c = t[pos];
  skip_to = pos + 1;
  if (scan::is_digit(c) || c == '$' || static_cast<unsigned char>(c) >= 0x80) {
    return true;
  }
  if (!scan::is_ascii_alpha(c)) {
    return false;
  }
  char buf[24];
  std::size_t end = pos;
  std::string_view w = scan::word_at(t, pos, buf, sizeof buf, end);
  skip_to = std::max(end, pos + 1);
  if (w.empty()) {
    return false;
  }
  std::uint8_t roles = starters(ps.fr).roles(w);
  if (roles & k_role_parse) {
    return true;
  }
  if ((roles & k_role_qualifier) && match_qualifier(t, pos, ps.fr)) {
    return true;
  }
  if (roles & k_role_currency) {
    auto m = match_currency(t, pos, ps.fr, k_prefix);
    return m && m->form->kind != CurrencyKind::minor;
  }
  return false;
}

// Move a window start that fell inside the text onto a token start that is not the tail of
// a number written before the window.
std::size_t realign(const Parser& ps, std::size_t start, std::size_t limit) {
  std::string_view t = ps.t;
  std::size_t p = start;
  while (p < limit && scan::whitespace_at(t, p) == 0) {
    ++p;
  }
  while (p < limit) {
    p = skip_ws(t, p, 8);
    if (p >= limit) {
      break;
    }
    bool numberish =
        scan::is_digit(t[p]) || is_number_word_at(t, p, ps.fr) || is_scale_word_at(t, p, ps.fr);
    if (!numberish) {
      break;
    }
    while (p < limit && scan::whitespace_at(t, p) == 0) {
      ++p;
    }
  }
  return std::min(p, limit);
}

// Does `c` end a sentence when a space and a capitalised word follow?
bool sentence_end(char c) {
  return c == '.' || c == '!' || c == '?';
}

// The start of the sentence holding `a`, when it begins after `from`: after a paragraph break
// or a line ending a sentence, or after ". ", "! ", "? " and a capitalised word ("The", "Selon").
// A hard-wrapped line, "U.S. $5bn", "env. 5 M€" or "approx. USD 5bn" do not cut. No amount
// spans a sentence end, so the window need not reach further back: in news most of the window
// is the previous sentence. Returns `from` when there is none.
std::size_t sentence_start(std::string_view t, std::size_t from, std::size_t a) {
  for (std::size_t i = a; i >= from + 2; --i) {
    char c = t[i - 1];
    char before = t[i - 2];
    if (c == '\n' && (before == '\n' || sentence_end(before))) {
      return i;
    }
    if (c == ' ' && sentence_end(before) && i + 1 < a && t[i] >= 'A' && t[i] <= 'Z'
        && t[i + 1] >= 'a' && t[i + 1] <= 'z') {
      return i;
    }
  }
  return from;
}

} // namespace

namespace {

std::vector<AmountMention> find_amounts(const Parser& ps) {
  std::string_view text = ps.t;
  std::vector<AmountMention> out;
  const RE2& re = trigger(ps.fr);
  re2::StringPiece input(text.data(), text.size());
  std::size_t cursor = 0; // every start before it has been tried
  std::size_t from = 0;
  re2::StringPiece match;
  while (from < text.size() && re.Match(input, from, text.size(), RE2::UNANCHORED, &match, 1)) {
    auto a = static_cast<std::size_t>(match.data() - text.data());
    std::size_t a_end = a + match.size();
    from = std::max(a_end, a + 1);
    if (a_end <= cursor) {
      continue;
    }
    std::size_t start = std::max(cursor, a > k_window ? a - k_window : 0);
    if (std::size_t s = sentence_start(text, start, a); s > start) {
      start = s;
    } else if (start > cursor && start > 0) {
      start = realign(ps, start, a);
    }
    std::size_t p = start;
    while (p < a_end && p < text.size()) {
      if (is_start(text, p)) {
        std::size_t skip_to = p + 1;
        if (!worth_trying(ps, p, skip_to)) {
          p = skip_to;
          continue;
        }
        std::size_t consumed = try_at(ps, p, out);
        if (consumed > p) {
          p = consumed;
          continue;
        }
      }
      ++p;
    }
    cursor = std::max(cursor, p);
    from = std::max(from, cursor);
  }
  return out;
}

} // namespace

std::vector<AmountMention> find_amounts(std::string_view text, const MoneyContext& context) {
  Parser ps{text, context.lang == "fr"};
  ps.given = &context;
  return find_amounts(ps);
}

std::vector<AmountMention>
find_amounts(std::string_view text, std::string_view lang, std::string_view source) {
  Parser ps{text, lang == "fr"};
  ps.lang = lang;
  ps.source = source;
  return find_amounts(ps);
}

} // namespace factledger::extract
