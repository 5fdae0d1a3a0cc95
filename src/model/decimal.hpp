#pragma once

#include <compare>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace factledger {

// An exact decimal number: `units / 10^scale`. Money is never held in a binary float.
// Values are kept normalized (no trailing zero in `units` while `scale > 0`), so that `==`
// compares values. Arithmetic is checked: an overflow yields std::nullopt, never a wrong number.
//
//   auto d = Decimal::parse("8.5");          // 85 / 10^1
//   auto v = d->times_pow10(9);              // 8500000000
//   v->to_string() == "8500000000"
class Decimal {
public:
  constexpr Decimal() = default;
  static Decimal from_int(std::int64_t value) { return Decimal(value, 0); }

  // Parse plain ASCII digits with at most one '.' ("12", "8.5", ".5"); nullopt otherwise.
  static std::optional<Decimal> parse(std::string_view text);

  std::int64_t units() const { return m_units; }
  int scale() const { return m_scale; }
  bool is_integer() const { return m_scale == 0; }
  bool is_zero() const { return m_units == 0; }

  // `*this * 10^exponent` (exponent may be negative).
  std::optional<Decimal> times_pow10(int exponent) const;
  std::optional<Decimal> times(const Decimal& other) const;
  std::optional<Decimal> plus(const Decimal& other) const;

  // Value in minor units for a currency with `exponent` minor digits (2 for EUR), if exact.
  std::optional<std::int64_t> to_minor_units(int exponent) const;

  // Plain decimal notation without exponent: "8500000000", "0.5", "-3.25".
  std::string to_string() const;
  // Approximate value, for display arithmetic only (never stored as truth).
  double to_double() const;

  friend bool operator==(const Decimal&, const Decimal&) = default;
  friend std::strong_ordering operator<=>(const Decimal& a, const Decimal& b);

private:
  // 128-bit intermediate so that products and scalings are checked before narrowing.
  __extension__ typedef __int128 Wide;

  constexpr Decimal(std::int64_t units, int scale) : m_units(units), m_scale(scale) {}
  static std::optional<Decimal> make(Wide units, int scale);

  std::int64_t m_units = 0;
  int m_scale = 0;
};

} // namespace factledger
