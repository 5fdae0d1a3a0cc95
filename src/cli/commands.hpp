#pragma once

#include "ingest/article_reader.hpp"

#include <iosfwd>
#include <string>
#include <vector>

namespace factledger::cli {

enum class OutputFormat { jsonl, table };

struct ExtractOptions {
  ingest::ReadOptions read;
  OutputFormat format = OutputFormat::jsonl;
  std::vector<std::string> inputs; // files or "-"
};

// `factledger extract`: print what the extractors find in each article. Returns an exit code.
int run_extract(const ExtractOptions& options, std::ostream& out, std::ostream& err);

// Print diagnostics as `factledger: warning|error: origin: message`; true if any is an error.
bool print_diagnostics(const ingest::Diagnostics& diagnostics, std::ostream& err);

} // namespace factledger::cli
