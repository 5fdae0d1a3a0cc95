#include "extract/dates.hpp"

namespace factledger::extract {

// Placeholder until the date rules land.
std::vector<DateMention> find_dates(std::string_view /*text*/,
                                    std::string_view /*lang*/,
                                    std::optional<CivilDate> /*published*/) {
  return {};
}

} // namespace factledger::extract
