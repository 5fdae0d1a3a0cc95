#pragma once

#include <string>
#include <vector>

namespace factledger::ingest {

// A problem with one input, reported and skipped while the batch goes on.
struct Diagnostic {
  enum class Severity { warning, error };
  Severity severity = Severity::error;
  std::string origin;  // "dir/file.jsonl:12"
  std::string message; // "invalid JSON: ..."

  std::string to_string() const { return origin + ": " + message; }
};

using Diagnostics = std::vector<Diagnostic>;

} // namespace factledger::ingest
