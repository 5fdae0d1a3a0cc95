#pragma once

#include "model/date_value.hpp"
#include "model/mention.hpp"

#include <optional>
#include <string_view>
#include <vector>

namespace factledger::extract {

// Every date, period and duration in `text`, in text order, resolved against `published`
// (relative expressions get no value when it is unknown). `lang` is "fr" or "en".
std::vector<DateMention>
find_dates(std::string_view text, std::string_view lang, std::optional<CivilDate> published);

} // namespace factledger::extract
