#pragma once

// Word lists of the money grammar (qualifiers, range and list connectors, restatement
// fillers), as data tables in money_rules.cpp. Each matcher returns the end of what it
// matched at `pos`, or std::string_view::npos.

#include "model/money.hpp"

#include <cstddef>
#include <optional>
#include <string_view>
#include <vector>

namespace factledger::extract {

struct QualifierMatch {
  Qualifier qualifier = Qualifier::exact;
  std::size_t end = 0;
};

// "près de", "about", "plus de", "up to", "moins de"... before an amount. Mapping:
//   approx:  près de, environ, quelque, autour de, quasi, presque, about, around, nearly,
//            almost, some, roughly, approximately, an estimated
//   atleast: plus de, au moins, plus que, more than, over, at least, above, no less than
//   upto:    jusqu'à, up to, as much as, pas plus de, au plus, no more than, at most
//   atmost:  moins de, en dessous de, less than, under, below, lower than
//   exact:   exactement, exactly
std::optional<QualifierMatch> match_qualifier(std::string_view text, std::size_t pos, bool french);

// Words that open a range: "entre"/"between" (closed by et/and), "de"/"from" (closed by
// à/to/-).
enum class RangeOpen { between, from };
struct RangeOpenMatch {
  RangeOpen kind = RangeOpen::between;
  std::size_t end = 0;
};
std::optional<RangeOpenMatch> match_range_open(std::string_view text, std::size_t pos, bool french);

// The word or dash between the two ends of a range, given how it was opened (nullopt: no
// opening word, as in "$1-2 billion" or "US$140,000 to $200,000"). Includes the spaces after.
std::size_t match_range_connector(std::string_view text,
                                  std::size_t pos,
                                  bool french,
                                  std::optional<RangeOpen> opened);

// "et"/"and" (final = true) or a comma between the members of a list sharing a currency
// ("93,1 et 71,1 milliards de yuans"). Includes the spaces after.
std::size_t match_list_connector(std::string_view text, std::size_t pos, bool french, bool& final);

// Words that may open a restatement inside parentheses: "soit", "or", "l'équivalent de"... (a
// hedge such as "environ" is not a filler: it belongs to the restatement). Includes the spaces
// after.
std::size_t match_restatement_filler(std::string_view text, std::size_t pos, bool french);

// "soit" / "i.e." introducing a restatement without parentheses. Includes the spaces after.
std::size_t match_restatement_open(std::string_view text, std::size_t pos, bool french);

// First words (lower case) of the qualifiers, and the words opening a range, for the
// extractor's starter table (words that cannot start an amount are skipped with one look-up).
std::vector<std::string_view> qualifier_first_words();
std::vector<std::string_view> range_open_words();

// Is the number that ends at `pos` a percentage ("27 %", "5 pour cent", "8 percent")?
bool percent_follows(std::string_view text, std::size_t pos);

// "et demi" / "and a half" after a scale ("deux milliards et demi"). Returns the end or npos.
std::size_t match_and_a_half(std::string_view text, std::size_t pos, bool french);

// "de"/"d'" (French) or "of" (English) between a scale word and the currency.
std::size_t match_scale_of(std::string_view text, std::size_t pos, bool french);

} // namespace factledger::extract
