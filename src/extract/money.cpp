#include "extract/money.hpp"

namespace factledger::extract {

// Placeholder until the money rules land (see money_rules.cpp).
MoneyContext
money_context_for(std::string_view /*text*/, std::string_view lang, std::string_view /*source*/) {
  MoneyContext c;
  c.lang = std::string(lang);
  return c;
}

std::vector<AmountMention> find_amounts(std::string_view /*text*/,
                                        const MoneyContext& /*context*/) {
  return {};
}

} // namespace factledger::extract
