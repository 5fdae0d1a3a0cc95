#pragma once

#include "model/date_value.hpp"
#include "model/decimal.hpp"
#include "model/money.hpp"
#include "model/span.hpp"

#include <optional>
#include <string>

namespace factledger {

// The same amount restated in another currency: "60,06 milliards de yuans (8,2 milliards de
// dollars)" keeps the dollars here, so that no total counts the amount twice.
struct Equivalent {
  Decimal value;
  std::string currency;
  Span span;        // bytes of the restatement in the article text
  std::string text; // the restatement as written, e.g. "8,2 milliards de dollars"

  friend bool operator==(const Equivalent&, const Equivalent&) = default;
};

// A monetary amount found in a text. `value` is the low end of a range, `max` its high end.
struct AmountMention {
  Span span;        // bytes in the article text
  std::string text; // the mention as written
  Decimal value;
  std::optional<Decimal> max;
  std::string currency; // ISO 4217
  Qualifier qualifier = Qualifier::exact;
  std::optional<Equivalent> equivalent;
  std::string rule; // id of the rule that produced it, e.g. "money.number_scale_currency"

  Money money() const { return Money{value, currency}; }
};

// Kind of a date mention: a calendar date or period, or a duration ("sur cinq ans").
enum class DateKind { date, duration };

// A date or period found in a text, resolved against the article's published date.
// `value`/`end` are ISO 8601 at the text's precision ("2025", "2025-04", "2025-07-16",
// "2025-Q1", "2025-H1"); unset when a relative expression has no published date to resolve
// against. For a duration, `value` is an ISO 8601 duration ("P5Y").
struct DateMention {
  Span span;
  std::string text;
  DateKind kind = DateKind::date;
  std::optional<std::string> value;
  std::optional<std::string> end; // end of a period, when the text gives one
  Grain grain = Grain::day;
  std::optional<std::string> qualifier; // "by" for deadlines ("d'ici 2030", "by 2030")
  bool relative = false;                // resolved against the published date
  std::string rule;
};

} // namespace factledger
