#include "model/fact.hpp"

#include <array>
#include <utility>

namespace factledger {

namespace {

// One table per enum: the enum value and its stable name (stored in ledgers and JSON).
constexpr std::array<std::pair<Instrument, std::string_view>, 8> k_instruments = {{
    {Instrument::grant, "grant"},
    {Instrument::loan, "loan"},
    {Instrument::equity, "equity"},
    {Instrument::fund, "fund"},
    {Instrument::tax, "tax"},
    {Instrument::guarantee, "guarantee"},
    {Instrument::procurement, "procurement"},
    {Instrument::other, "other"},
}};

constexpr std::array<std::pair<Status, std::string_view>, 5> k_statuses = {{
    {Status::announced, "announced"},
    {Status::preliminary, "preliminary"},
    {Status::awarded, "awarded"},
    {Status::disbursed, "disbursed"},
    {Status::cancelled, "cancelled"},
}};

constexpr std::array<std::pair<AmountKind, std::string_view>, 5> k_amount_kinds = {{
    {AmountKind::committed, "committed"},
    {AmountKind::registered_capital, "registered_capital"},
    {AmountKind::target, "target"},
    {AmountKind::cumulative, "cumulative"},
    {AmountKind::annual, "annual"},
}};

constexpr std::array<std::pair<DateSource, std::string_view>, 2> k_date_sources = {{
    {DateSource::text, "text"},
    {DateSource::published, "published"},
}};

template <typename E, std::size_t N>
std::string_view name_of(const std::array<std::pair<E, std::string_view>, N>& table, E v) {
  for (const auto& [value, name] : table) {
    if (value == v) {
      return name;
    }
  }
  return "?";
}

template <typename E, std::size_t N>
std::optional<E> value_of(const std::array<std::pair<E, std::string_view>, N>& table,
                          std::string_view s) {
  for (const auto& [value, name] : table) {
    if (name == s) {
      return value;
    }
  }
  return std::nullopt;
}

} // namespace

std::string_view to_string(Instrument v) {
  return name_of(k_instruments, v);
}
std::string_view to_string(Status v) {
  return name_of(k_statuses, v);
}
std::string_view to_string(AmountKind v) {
  return name_of(k_amount_kinds, v);
}
std::string_view to_string(DateSource v) {
  return name_of(k_date_sources, v);
}
std::optional<Instrument> parse_instrument(std::string_view s) {
  return value_of(k_instruments, s);
}
std::optional<Status> parse_status(std::string_view s) {
  return value_of(k_statuses, s);
}
std::optional<AmountKind> parse_amount_kind(std::string_view s) {
  return value_of(k_amount_kinds, s);
}
std::optional<DateSource> parse_date_source(std::string_view s) {
  return value_of(k_date_sources, s);
}

} // namespace factledger
