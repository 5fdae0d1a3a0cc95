#include "model/money.hpp"

#include <array>
#include <utility>

namespace factledger {

namespace {

constexpr std::array<std::pair<Qualifier, std::string_view>, 6> k_qualifier_names = {{
    {Qualifier::exact, "exact"},
    {Qualifier::approx, "approx"},
    {Qualifier::upto, "upto"},
    {Qualifier::atleast, "atleast"},
    {Qualifier::atmost, "atmost"},
    {Qualifier::range, "range"},
}};

// Currencies whose ISO 4217 minor unit is not 2 digits.
constexpr std::array<std::pair<std::string_view, int>, 12> k_exponents = {{
    {"JPY", 0},
    {"KRW", 0},
    {"CLP", 0},
    {"ISK", 0},
    {"VND", 0},
    {"XOF", 0},
    {"XAF", 0},
    {"KWD", 3},
    {"BHD", 3},
    {"JOD", 3},
    {"OMR", 3},
    {"IQD", 3},
}};

} // namespace

std::string_view to_string(Qualifier q) {
  for (const auto& [value, name] : k_qualifier_names) {
    if (value == q) {
      return name;
    }
  }
  return "exact";
}

std::optional<Qualifier> parse_qualifier(std::string_view s) {
  for (const auto& [value, name] : k_qualifier_names) {
    if (name == s) {
      return value;
    }
  }
  return std::nullopt;
}

int currency_exponent(std::string_view iso_code) {
  for (const auto& [code, exponent] : k_exponents) {
    if (code == iso_code) {
      return exponent;
    }
  }
  return 2;
}

} // namespace factledger
