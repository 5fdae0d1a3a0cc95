#include "extract/number_words.hpp"

#include "extract/text_scan.hpp"

#include <array>
#include <cstdint>
#include <unordered_map>

namespace factledger::extract {

namespace {

enum class Kind : std::uint8_t {
  none,
  article,  // a, an, un, une (1)
  unit,     // 1..9
  ten,      // 10
  teen,     // 11..19
  tens,     // 20, 30, ... 90
  hundred,  // cent, hundred
  thousand, // mille, thousand
  fraction, // half, demi (value in hundredths), quarter
  connector // et, and
};

struct Word {
  std::string_view text;
  Kind kind;
  int value; // for fractions: hundredths (50 = half)
};

constexpr std::array<Word, 37> k_french = {{
    {"un", Kind::article, 1},      {"une", Kind::article, 1},      {"deux", Kind::unit, 2},
    {"trois", Kind::unit, 3},      {"quatre", Kind::unit, 4},      {"cinq", Kind::unit, 5},
    {"six", Kind::unit, 6},        {"sept", Kind::unit, 7},        {"huit", Kind::unit, 8},
    {"neuf", Kind::unit, 9},       {"dix", Kind::ten, 10},         {"onze", Kind::teen, 11},
    {"douze", Kind::teen, 12},     {"treize", Kind::teen, 13},     {"quatorze", Kind::teen, 14},
    {"quinze", Kind::teen, 15},    {"seize", Kind::teen, 16},      {"vingt", Kind::tens, 20},
    {"vingts", Kind::tens, 20},    {"trente", Kind::tens, 30},     {"quarante", Kind::tens, 40},
    {"cinquante", Kind::tens, 50}, {"soixante", Kind::tens, 60},   {"septante", Kind::tens, 70},
    {"huitante", Kind::tens, 80},  {"octante", Kind::tens, 80},    {"nonante", Kind::tens, 90},
    {"cent", Kind::hundred, 100},  {"cents", Kind::hundred, 100},  {"mille", Kind::thousand, 1000},
    {"demi", Kind::fraction, 50},  {"demie", Kind::fraction, 50},  {"quart", Kind::fraction, 25},
    {"et", Kind::connector, 0},    {"z\xC3\xA9ro", Kind::none, 0}, {"zero", Kind::none, 0},
    {"mil", Kind::thousand, 1000},
}};

constexpr std::array<Word, 36> k_english = {{
    {"a", Kind::article, 1},
    {"an", Kind::article, 1},
    {"one", Kind::unit, 1},
    {"two", Kind::unit, 2},
    {"three", Kind::unit, 3},
    {"four", Kind::unit, 4},
    {"five", Kind::unit, 5},
    {"six", Kind::unit, 6},
    {"seven", Kind::unit, 7},
    {"eight", Kind::unit, 8},
    {"nine", Kind::unit, 9},
    {"ten", Kind::ten, 10},
    {"eleven", Kind::teen, 11},
    {"twelve", Kind::teen, 12},
    {"thirteen", Kind::teen, 13},
    {"fourteen", Kind::teen, 14},
    {"fifteen", Kind::teen, 15},
    {"sixteen", Kind::teen, 16},
    {"seventeen", Kind::teen, 17},
    {"eighteen", Kind::teen, 18},
    {"nineteen", Kind::teen, 19},
    {"twenty", Kind::tens, 20},
    {"thirty", Kind::tens, 30},
    {"forty", Kind::tens, 40},
    {"fifty", Kind::tens, 50},
    {"sixty", Kind::tens, 60},
    {"seventy", Kind::tens, 70},
    {"eighty", Kind::tens, 80},
    {"ninety", Kind::tens, 90},
    {"hundred", Kind::hundred, 100},
    {"thousand", Kind::thousand, 1000},
    {"half", Kind::fraction, 50},
    {"quarter", Kind::fraction, 25},
    {"quarters", Kind::fraction, 25},
    {"and", Kind::connector, 0},
    {"zero", Kind::none, 0},
}};

using Table = std::unordered_map<std::string_view, Word>;

template <std::size_t N> Table make_table(const std::array<Word, N>& words) {
  Table t;
  for (const Word& w : words) {
    t.emplace(w.text, w);
  }
  return t;
}

const Table& table(bool french) {
  static const Table fr = make_table(k_french);
  static const Table en = make_table(k_english);
  return french ? fr : en;
}

// The number word at `pos`, with the end of the word.
const Word* word_at(std::string_view t, std::size_t pos, bool french, std::size_t& end) {
  char buf[16];
  std::string_view w = scan::word_at(t, pos, buf, sizeof buf, end);
  if (w.empty()) {
    return nullptr;
  }
  const Table& tab = table(french);
  auto it = tab.find(w);
  return it == tab.end() ? nullptr : &it->second;
}

// Position of the next word after a separator (spaces or one hyphen), or k_npos.
std::size_t next_word(std::string_view t, std::size_t pos) {
  std::size_t p = scan::skip_ws(t, pos, 2);
  if (p == pos && p < t.size() && t[p] == '-') {
    ++p;
  }
  return p == pos ? scan::k_npos : p;
}

} // namespace

std::optional<SpelledNumber>
parse_number_words(std::string_view t, std::size_t pos, bool french, CentsWord cents) {
  std::int64_t total = 0;
  std::int64_t current = 0;
  Kind last = Kind::none;
  int fraction = 0; // hundredths, when a fraction word was read
  std::size_t end = pos;
  std::size_t p = pos;
  int words = 0;
  bool only_article = false;

  while (p != scan::k_npos && p < t.size() && words < 12) {
    std::size_t wend = 0;
    const Word* w = word_at(t, p, french, wend);
    if (w == nullptr || w->kind == Kind::none) {
      break;
    }
    Kind k = w->kind;
    if (k == Kind::connector) {
      // "vingt et un", "soixante et onze"; "one hundred and five".
      std::size_t q = next_word(t, wend);
      std::size_t qend = 0;
      const Word* nw = q == scan::k_npos ? nullptr : word_at(t, q, french, qend);
      bool ok = false;
      if (nw != nullptr && french) {
        ok = last == Kind::tens && (nw->value == 1 || nw->value == 11)
             && (nw->kind == Kind::article || nw->kind == Kind::teen);
      } else if (nw != nullptr) {
        ok = (last == Kind::hundred || last == Kind::thousand)
             && (nw->kind == Kind::unit || nw->kind == Kind::ten || nw->kind == Kind::teen
                 || nw->kind == Kind::tens);
      }
      if (!ok) {
        break;
      }
      p = q;
      continue;
    }
    if (k == Kind::article) {
      if (words == 0) {
        only_article = true;
        current = 1;
        last = Kind::unit;
        ++words;
        end = wend;
        p = next_word(t, wend);
        continue;
      }
      if (!french || last != Kind::tens) {
        // "half a billion": the article after a fraction is consumed by the fraction case.
        break;
      }
      k = Kind::unit; // "vingt et un"
    }
    bool allowed = false;
    std::int64_t v = w->value;
    bool french_60_80 =
        french && last == Kind::tens && (current % 100 == 60 || current % 100 == 80);
    switch (k) {
    case Kind::unit:
      allowed = last == Kind::none || last == Kind::hundred || last == Kind::thousand
                || last == Kind::tens || (french && last == Kind::ten && v >= 7);
      if (allowed) {
        current += v;
      }
      break;
    case Kind::ten:
    case Kind::teen:
      allowed =
          last == Kind::none || last == Kind::hundred || last == Kind::thousand || french_60_80;
      if (allowed) {
        current += v;
      }
      break;
    case Kind::tens:
      if (french && v == 20 && last == Kind::unit && current % 100 == 4) {
        current += 76; // quatre-vingt(s)
        allowed = true;
      } else {
        allowed = last == Kind::none || last == Kind::hundred || last == Kind::thousand;
        if (allowed) {
          current += v;
        }
      }
      break;
    case Kind::hundred:
      if (french && cents == CentsWord::stop && w->text == "cents") {
        break;
      }
      allowed = (last == Kind::none || last == Kind::unit || (!french && current < 100))
                && current % 100 < (french ? 10 : 100) && current < 100;
      if (allowed) {
        current = (current == 0 ? 1 : current) * 100;
      }
      break;
    case Kind::thousand:
      allowed = last != Kind::thousand && total == 0;
      if (allowed) {
        total = (current == 0 ? 1 : current) * 1000;
        current = 0;
      }
      break;
    case Kind::fraction:
      allowed = total == 0 && (last == Kind::none || last == Kind::unit) && current < 100;
      if (allowed) {
        fraction = static_cast<int>((current == 0 ? 1 : current) * v);
        current = 0;
      }
      break;
    default:
      break;
    }
    if (!allowed) {
      break;
    }
    if (k != Kind::article) {
      only_article = false;
    }
    last = k;
    ++words;
    end = wend;
    if (k == Kind::fraction) {
      // "half a billion": swallow the article, then stop (a scale must follow).
      std::size_t q = next_word(t, wend);
      std::size_t qend = 0;
      const Word* nw = q == scan::k_npos ? nullptr : word_at(t, q, french, qend);
      if (nw != nullptr && nw->kind == Kind::article && !french) {
        end = qend;
      }
      break;
    }
    p = next_word(t, wend);
  }
  if (words == 0) {
    return std::nullopt;
  }
  SpelledNumber out;
  out.end = end;
  out.article_only = only_article;
  if (fraction != 0) {
    auto d = Decimal::from_int(fraction).times_pow10(-2);
    if (!d) {
      return std::nullopt;
    }
    out.value = *d;
    out.needs_scale = true;
    return out;
  }
  out.value = Decimal::from_int(total + current);
  if (out.value.is_zero()) {
    return std::nullopt;
  }
  return out;
}

std::vector<std::string_view> number_word_list(bool french) {
  std::vector<std::string_view> out;
  auto add = [&](const auto& words) {
    for (const Word& w : words) {
      if (w.kind != Kind::none && w.kind != Kind::connector) {
        out.push_back(w.text);
      }
    }
  };
  if (french) {
    add(k_french);
  } else {
    add(k_english);
  }
  return out;
}

bool is_number_word_at(std::string_view t, std::size_t pos, bool french) {
  std::size_t end = 0;
  const Word* w = word_at(t, pos, french, end);
  return w != nullptr && w->kind != Kind::none && w->kind != Kind::connector
         && w->kind != Kind::article;
}

} // namespace factledger::extract
