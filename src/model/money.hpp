#pragma once

#include "model/decimal.hpp"

#include <optional>
#include <string>
#include <string_view>

namespace factledger {

// How the text qualifies an amount ("près de", "up to", "entre ... et ...").
enum class Qualifier { exact, approx, upto, atleast, atmost, range };

std::string_view to_string(Qualifier q);
std::optional<Qualifier> parse_qualifier(std::string_view s);

// An exact amount of one currency, in whole currency units ("8500000000" USD).
struct Money {
  Decimal value;
  std::string currency; // ISO 4217 code, e.g. "USD"

  friend bool operator==(const Money&, const Money&) = default;
};

// ISO 4217 minor-unit exponent (2 for EUR/USD, 0 for JPY/KRW); 2 for codes it does not know.
int currency_exponent(std::string_view iso_code);

} // namespace factledger
