#pragma once

#include "model/date_value.hpp"
#include "model/fact.hpp"
#include "model/mention.hpp"

#include <optional>
#include <string_view>
#include <vector>

namespace factledger::extract {

// Turn amount mentions into support facts: for each amount, rules link within its sentence (and
// the previous sentence of its paragraph when the sentence refers back: "Ce montant", "The
// grant", "Il prévoit") the funder, recipient, instrument, sector, country, date, status,
// hedging, attribution, amount kind and period. Amounts that are not support (market sizes,
// revenues, valuations, fines, salaries, private fund-raising) give no fact; unknown parts stay
// empty. Pure: `text` is the article (valid UTF-8), `lang` "fr" or "en", `amounts` and `dates`
// are what the extractors found in `text` (byte spans, text order).
//
//   auto facts = assemble_facts(text, "fr", published, amounts, dates);
//   facts[0].funder->text == "le gouvernement chinois"
std::vector<Fact> assemble_facts(std::string_view text,
                                 std::string_view lang,
                                 std::optional<CivilDate> published,
                                 const std::vector<AmountMention>& amounts,
                                 const std::vector<DateMention>& dates);

} // namespace factledger::extract
