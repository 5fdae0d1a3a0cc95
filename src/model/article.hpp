#pragma once

#include "model/date_value.hpp"

#include <optional>
#include <string>

namespace factledger {

// One article as read from an input: a text plus what is known about it. `text` is valid
// UTF-8 (readers replace invalid bytes). Empty strings mean "unknown".
struct Article {
  std::string id;
  std::string title;
  std::string url;
  std::optional<CivilDate> published;
  std::string lang; // "fr", "en" or "" (detect)
  std::string source;
  std::string text;

  // Where it came from, for messages and provenance: "dir/file.jsonl:12".
  std::string origin;
};

} // namespace factledger
