#pragma once

#include "model/span.hpp"

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace factledger {

// How the support is given. `other` is a support whose form the text names but no lexicon knows.
enum class Instrument { grant, loan, equity, fund, tax, guarantee, procurement, other };

// How far along the support is, from the wording ("a annoncé", "preliminary memorandum of
// terms", "awarded", "disbursed", "annulé").
enum class Status { announced, preliminary, awarded, disbursed, cancelled };

// What the amount measures, so that a fund's registered capital and the money it hopes to
// mobilise are never added together.
enum class AmountKind { committed, registered_capital, target, cumulative, annual };

// Where a fact's date comes from: a date mention in the text, or the article's published date.
enum class DateSource { text, published };

std::string_view to_string(Instrument v);
std::string_view to_string(Status v);
std::string_view to_string(AmountKind v);
std::string_view to_string(DateSource v);
std::optional<Instrument> parse_instrument(std::string_view s);
std::optional<Status> parse_status(std::string_view s);
std::optional<AmountKind> parse_amount_kind(std::string_view s);
std::optional<DateSource> parse_date_source(std::string_view s);

// A party to a fact (funder, recipient, attribution) as written, with its bytes in the article.
struct FactParty {
  std::string text;
  Span span;

  friend bool operator==(const FactParty&, const FactParty&) = default;
};

// A support fact: who gives how much to whom, for what, how sure. Built from one amount mention
// (`amount` indexes the extraction's amounts). Unknown parts stay empty, never guessed.
struct Fact {
  std::size_t amount = 0;
  std::optional<FactParty> funder;
  std::optional<FactParty> recipient;
  std::optional<Instrument> instrument;
  std::optional<std::string> sector;  // "ai", "semiconductors", ... (support_lexicon.cpp)
  std::optional<std::string> country; // ISO 3166-1 alpha-2 of the funder, or "EU"
  std::optional<std::string> date;    // ISO 8601 at the grain found ("2025-04", "2025-07-16")
  std::optional<DateSource> date_source;
  Status status = Status::announced;
  bool hedged = false;
  std::optional<FactParty> attributed_to; // "selon X", "according to X"
  AmountKind amount_kind = AmountKind::committed;
  std::optional<std::string> period_start; // ISO year(s) of the period the amount covers
  std::optional<std::string> period_end;
  double confidence = 0.0; // 0..1, from the rule that linked the parts
  std::string rule;        // e.g. "fr.passive_par", "en.active_give"
  Span sentence;           // bytes of the amount's sentence in the article text

  friend bool operator==(const Fact&, const Fact&) = default;
};

} // namespace factledger
