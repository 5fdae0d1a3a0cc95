#pragma once

#include <string_view>

namespace factledger::extract {

// Version of the extraction rules, stored with every mention so that a ledger can tell which
// rules produced it. Bump it whenever a rule or lexicon changes what is extracted.
inline constexpr std::string_view k_extractor_version = "0.3.0";

} // namespace factledger::extract
