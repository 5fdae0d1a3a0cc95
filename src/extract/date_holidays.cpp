#include "extract/date_holidays.hpp"

#include "extract/relative_date.hpp"

#include <algorithm>
#include <array>

namespace factledger::extract {

namespace {

constexpr Holiday
fixed(std::string_view words, bool french, int month, int day, bool weak = false) {
  Holiday h;
  h.weak = weak;
  h.words = words;
  h.french = french;
  h.rule = HolidayRule::fixed;
  h.month = static_cast<std::int8_t>(month);
  h.day = static_cast<std::int8_t>(day);
  return h;
}

constexpr Holiday easter(std::string_view words, bool french, int offset) {
  Holiday h;
  h.words = words;
  h.french = french;
  h.rule = HolidayRule::easter;
  h.offset = static_cast<std::int8_t>(offset);
  return h;
}

constexpr Holiday nth(std::string_view words, int n, int weekday, int month, int offset = 0) {
  Holiday h;
  h.words = words;
  h.french = false;
  h.rule = HolidayRule::nth_weekday;
  h.month = static_cast<std::int8_t>(month);
  h.nth = static_cast<std::int8_t>(n);
  h.weekday = static_cast<std::int8_t>(weekday);
  h.offset = static_cast<std::int8_t>(offset);
  return h;
}

constexpr bool k_fr = true;
constexpr bool k_en = false;

// One row per spelling. Names that share a first word list the longer one first, so that
// "christmas eve" wins over "christmas". Movable feasts are rules, not dates.
constexpr Holiday k_holidays[] = {
    // English, fixed.
    fixed("christmas eve", k_en, 12, 24),
    fixed("christmas day", k_en, 12, 25),
    fixed("christmas", k_en, 12, 25),
    fixed("xmas", k_en, 12, 25),
    fixed("new year ' s eve", k_en, 12, 31),
    fixed("new years eve", k_en, 12, 31),
    fixed("new year ' s day", k_en, 1, 1),
    fixed("new years day", k_en, 1, 1),
    fixed("new year day", k_en, 1, 1),
    fixed("new year", k_en, 1, 1, true),
    fixed("boxing day", k_en, 12, 26),
    fixed("valentine ' s day", k_en, 2, 14),
    fixed("valentines day", k_en, 2, 14),
    fixed("saint patrick ' s day", k_en, 3, 17),
    fixed("saint patrick", k_en, 3, 17),
    fixed("st . patrick ' s day", k_en, 3, 17),
    fixed("st . patrick", k_en, 3, 17),
    fixed("earth day", k_en, 4, 22),
    fixed("international workers ' day", k_en, 5, 1),
    fixed("workers ' day", k_en, 5, 1),
    fixed("may day", k_en, 5, 1, true),
    fixed("juneteenth", k_en, 6, 19),
    fixed("jubilee day", k_en, 6, 19, true),
    fixed("freedom day", k_en, 6, 19, true),
    fixed("independence day", k_en, 7, 4),
    fixed("halloween", k_en, 10, 31),
    fixed("veterans day", k_en, 11, 11),
    fixed("veterans ' day", k_en, 11, 11),
    fixed("armistice day", k_en, 11, 11),
    // English, movable (US holidays by nth weekday).
    easter("good friday", k_en, -2),
    easter("easter sunday", k_en, 0),
    easter("easter monday", k_en, 1),
    easter("easter", k_en, 0),
    nth("thanksgiving day", 4, 3, 11),
    nth("thanksgiving", 4, 3, 11),
    nth("black friday", 4, 3, 11, 1),
    nth("cyber monday", 4, 3, 11, 4),
    nth("memorial day", -1, 0, 5),
    nth("labor day", 1, 0, 9),
    nth("martin luther king day", 3, 0, 1),
    nth("mlk day", 3, 0, 1),
    nth("presidents ' day", 3, 0, 2),
    nth("presidents day", 3, 0, 2),
    nth("mother ' s day", 2, 6, 5),
    nth("father ' s day", 3, 6, 6),
    // French, fixed.
    fixed("jour de noel", k_fr, 12, 25),
    fixed("reveillon de noel", k_fr, 12, 24),
    fixed("veille de noel", k_fr, 12, 24),
    fixed("noel", k_fr, 12, 25),
    fixed("reveillon du nouvel an", k_fr, 12, 31),
    fixed("saint - sylvestre", k_fr, 12, 31),
    fixed("jour de l ' an", k_fr, 1, 1),
    fixed("nouvel an", k_fr, 1, 1),
    fixed("epiphanie", k_fr, 1, 6),
    fixed("saint - valentin", k_fr, 2, 14),
    fixed("fete du travail", k_fr, 5, 1),
    fixed("fete de la musique", k_fr, 6, 21),
    fixed("fete nationale", k_fr, 7, 14, true),
    fixed("jour de la toussaint", k_fr, 11, 1),
    fixed("journee de la toussaint", k_fr, 11, 1),
    fixed("toussaint", k_fr, 11, 1),
    fixed("jour des morts", k_fr, 11, 2),
    // French, movable.
    easter("lundi de paques", k_fr, 1),
    easter("dimanche de paques", k_fr, 0),
    easter("vendredi saint", k_fr, -2),
    easter("paques", k_fr, 0),
    easter("lundi de pentecote", k_fr, 50),
    easter("pentecote", k_fr, 49),
};

// Words that turn a holiday name into a place or a thing. Folded spellings.
constexpr std::string_view k_blocked_before_en[] = {
    "father", "chinese", "lunar", "jewish", "persian", "islamic", "hijri", "tamil", "white"};
constexpr std::string_view k_blocked_before_fr[] = {
    "pere",    "ile",   "iles",  "sapin",  "sapins",  "arbre",   "arbres",  "marche",
    "marches", "buche", "chant", "chants", "conte",   "cadeau",  "cadeaux", "carte",
    "cartes",  "oeuf",  "oeufs", "lapin",  "cloches", "chinois", "lunaire", "treve"};
constexpr std::string_view k_blocked_after_en[] = {
    "island", "islands", "tree",   "trees",  "egg",     "eggs",      "bunny",   "card",
    "cards",  "carol",   "carols", "rising", "parade",  "market",    "markets", "lights",
    "movie",  "film",    "song",   "album",  "special", "offensive", "truce"};
constexpr std::string_view k_blocked_after_fr[] = {
    "lunaire", "chinois", "juif", "persan", "vietnamien", "island", "islands"};

template <std::size_t N> bool contains(const std::string_view (&list)[N], std::string_view w) {
  return std::find(std::begin(list), std::end(list), w) != std::end(list);
}

// dates.cpp keeps an index into this table in one signed byte.
static_assert(std::size(k_holidays) <= 127);

} // namespace

std::span<const Holiday> holidays() {
  return k_holidays;
}

CivilDate easter_sunday(int year) {
  // Anonymous Gregorian algorithm (Meeus/Jones/Butcher).
  int a = year % 19;
  int b = year / 100;
  int c = year % 100;
  int d = b / 4;
  int e = b % 4;
  int f = (b + 8) / 25;
  int g = (b - f + 1) / 3;
  int h = (19 * a + b - d - g + 15) % 30;
  int i = c / 4;
  int k = c % 4;
  int l = (32 + 2 * e + 2 * i - h - k) % 7;
  int m = (a + 11 * h + 22 * l) / 451;
  int month = (h + l - 7 * m + 114) / 31;
  int day = (h + l - 7 * m + 114) % 31 + 1;
  return CivilDate{year, month, day};
}

CivilDate holiday_date(const Holiday& h, int year) {
  switch (h.rule) {
  case HolidayRule::fixed:
    break;
  case HolidayRule::easter:
    return add_days(easter_sunday(year), h.offset);
  case HolidayRule::nth_weekday: {
    CivilDate d{year, h.month, 1};
    if (h.nth > 0) {
      int ahead = (h.weekday - d.weekday() + 7) % 7;
      d = add_days(d, ahead + 7L * (h.nth - 1));
    } else {
      d.day = days_in_month(year, h.month);
      int back = (d.weekday() - h.weekday + 7) % 7;
      d = add_days(d, -back);
    }
    return add_days(d, h.offset);
  }
  }
  return CivilDate{year, h.month, h.day};
}

CivilDate holiday_near(const Holiday& h, CivilDate ref) {
  CivilDate d = holiday_before(h, add_days(ref, 1));
  if (ref.days_since_epoch() - d.days_since_epoch() <= 183) {
    return d;
  }
  return holiday_after(h, ref);
}

CivilDate holiday_before(const Holiday& h, CivilDate ref) {
  for (int y = ref.year + 1;; --y) {
    CivilDate d = holiday_date(h, y);
    if (d < ref) {
      return d;
    }
  }
}

CivilDate holiday_after(const Holiday& h, CivilDate ref) {
  for (int y = ref.year - 1;; ++y) {
    CivilDate d = holiday_date(h, y);
    if (d > ref) {
      return d;
    }
  }
}

bool holiday_blocked_before(std::string_view w, bool french) {
  return french ? contains(k_blocked_before_fr, w) : contains(k_blocked_before_en, w);
}

bool holiday_blocked_after(std::string_view w, bool french) {
  return french ? contains(k_blocked_after_fr, w) : contains(k_blocked_after_en, w);
}

} // namespace factledger::extract
