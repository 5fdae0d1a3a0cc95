#pragma once

#include <string>
#include <string_view>

namespace factledger::text {

// Guess "fr" or "en" by a stop-word vote over the first 20 KiB; `fallback` when neither
// language has a clear majority (e.g. an empty text).
std::string detect_language(std::string_view text, std::string_view fallback = "en");

} // namespace factledger::text
