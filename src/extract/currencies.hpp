#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace factledger::extract {

// Which kind of mark names the currency.
enum class CurrencyKind : std::uint8_t { symbol, code, name, minor };

// Where a currency mark may stand relative to its number.
enum CurrencyPlace : std::uint8_t { k_prefix = 1, k_suffix = 2 };

// One written form of a currency, e.g. {"dollars canadiens", "CAD", name, suffix}.
struct CurrencyForm {
  std::string_view form; // lower case; ' ' = 0..3 whitespace, '\'' = any apostrophe
  std::string_view iso;  // ISO 4217, or "$" (the context's dollar), "¥" (the context's yen)
  CurrencyKind kind;
  std::uint8_t places;   // CurrencyPlace bits
  std::uint8_t lang;     // 0 any, 1 French only, 2 English only
  std::int8_t minor_exp; // 2 for cents: the value is in hundredths of the currency
  std::int8_t scale_exp; // 6 for "MUSD", "MEUR": a scale folded into the code
  std::uint8_t flags;    // CurrencyFlag bits
};

enum CurrencyFlag : std::uint8_t {
  k_needs_cue = 1,  // bare "livres"/"pounds": books/weight unless scaled or the article is British
  k_upper_only = 2, // must be upper case in the text ("A$", "S$", "R$", "TRY")
  k_attached = 4,   // must touch the number ("50p", "A$5")
  k_tail_only = 8,  // only as the minor part after a major amount ("20 ringgit and 43 sen")
};

struct CurrencyMatch {
  const CurrencyForm* form = nullptr;
  std::size_t begin = 0;
  std::size_t end = 0;
};

// The longest currency form at `pos` usable in `place` (k_prefix before the number, k_suffix
// after it), for the language. REQUIRES: `pos` is where the mark would start; the caller
// checks what precedes it.
std::optional<CurrencyMatch>
match_currency(std::string_view text, std::size_t pos, bool french, CurrencyPlace place);

// Every form, for the trigger pattern and for tests.
const std::vector<CurrencyForm>& currency_forms();

} // namespace factledger::extract
