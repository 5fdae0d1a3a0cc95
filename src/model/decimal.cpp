#include "model/decimal.hpp"

#include <cmath>
#include <limits>

namespace factledger {

namespace {

__extension__ typedef __int128 Wide;
constexpr int k_max_scale = 18;

Wide pow10_i128(int n) {
  Wide r = 1;
  for (int i = 0; i < n; ++i) {
    r *= 10;
  }
  return r;
}

bool fits_int64(Wide v) {
  return v >= std::numeric_limits<std::int64_t>::min()
         && v <= std::numeric_limits<std::int64_t>::max();
}

} // namespace

std::optional<Decimal> Decimal::make(Wide units, int scale) {
  while (scale > 0 && units % 10 == 0) {
    units /= 10;
    --scale;
  }
  // Too many fractional digits for money: round is not allowed, so refuse.
  if (scale > k_max_scale || !fits_int64(units)) {
    return std::nullopt;
  }
  if (units == 0) {
    scale = 0;
  }
  return Decimal(static_cast<std::int64_t>(units), scale);
}

std::optional<Decimal> Decimal::parse(std::string_view text) {
  if (text.empty() || text.size() > 40) {
    return std::nullopt;
  }
  Wide units = 0;
  int scale = 0;
  bool seen_point = false;
  bool seen_digit = false;
  for (char c : text) {
    if (c == '.') {
      if (seen_point) {
        return std::nullopt;
      }
      seen_point = true;
    } else if (c >= '0' && c <= '9') {
      seen_digit = true;
      units = units * 10 + (c - '0');
      if (seen_point) {
        ++scale;
      }
      if (units > (Wide(1) << 100)) {
        return std::nullopt;
      }
    } else {
      return std::nullopt;
    }
  }
  if (!seen_digit) {
    return std::nullopt;
  }
  return make(units, scale);
}

std::optional<Decimal> Decimal::times_pow10(int exponent) const {
  if (exponent >= 0) {
    if (exponent > 36) {
      return std::nullopt;
    }
    if (m_scale >= exponent) {
      return make(m_units, m_scale - exponent);
    }
    Wide u = Wide(m_units) * pow10_i128(exponent - m_scale);
    return make(u, 0);
  }
  return make(m_units, m_scale - exponent);
}

std::optional<Decimal> Decimal::times(const Decimal& other) const {
  Wide u = Wide(m_units) * other.m_units;
  int s = m_scale + other.m_scale;
  while (s > 0 && u % 10 == 0) {
    u /= 10;
    --s;
  }
  return make(u, s);
}

std::optional<Decimal> Decimal::plus(const Decimal& other) const {
  int s = std::max(m_scale, other.m_scale);
  Wide a = Wide(m_units) * pow10_i128(s - m_scale);
  Wide b = Wide(other.m_units) * pow10_i128(s - other.m_scale);
  return make(a + b, s);
}

std::optional<std::int64_t> Decimal::to_minor_units(int exponent) const {
  if (exponent < m_scale) {
    return std::nullopt;
  }
  Wide u = Wide(m_units) * pow10_i128(exponent - m_scale);
  if (!fits_int64(u)) {
    return std::nullopt;
  }
  return static_cast<std::int64_t>(u);
}

std::string Decimal::to_string() const {
  bool negative = m_units < 0;
  // Magnitude as unsigned so that INT64_MIN prints correctly.
  unsigned long long mag = negative ? 0ULL - static_cast<unsigned long long>(m_units)
                                    : static_cast<unsigned long long>(m_units);
  std::string digits = std::to_string(mag);
  if (m_scale > 0) {
    if (static_cast<int>(digits.size()) <= m_scale) {
      digits.insert(0, static_cast<std::size_t>(m_scale) - digits.size() + 1, '0');
    }
    digits.insert(digits.size() - static_cast<std::size_t>(m_scale), 1, '.');
  }
  return negative ? "-" + digits : digits;
}

double Decimal::to_double() const {
  return static_cast<double>(m_units) / std::pow(10.0, m_scale);
}

std::strong_ordering operator<=>(const Decimal& a, const Decimal& b) {
  int s = std::max(a.m_scale, b.m_scale);
  Wide x = Wide(a.m_units) * pow10_i128(s - a.m_scale);
  Wide y = Wide(b.m_units) * pow10_i128(s - b.m_scale);
  if (x < y) {
    return std::strong_ordering::less;
  }
  if (x > y) {
    return std::strong_ordering::greater;
  }
  return std::strong_ordering::equal;
}

} // namespace factledger
