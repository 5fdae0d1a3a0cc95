#include "cli/cli.hpp"
#include "cli/commands.hpp"
#include "extract/extraction.hpp"
#include "report/extraction_format.hpp"

#include <fmt/format.h>

#include <ostream>

namespace factledger::cli {

bool print_diagnostics(const ingest::Diagnostics& diagnostics, std::ostream& err) {
  bool any_error = false;
  for (const auto& d : diagnostics) {
    bool is_error = d.severity == ingest::Diagnostic::Severity::error;
    any_error = any_error || is_error;
    err << fmt::format("factledger: {}: {}\n", is_error ? "error" : "warning", d.to_string());
  }
  err.flush();
  return any_error;
}

int run_extract(const ExtractOptions& options, std::ostream& out, std::ostream& err) {
  bool failed = false;
  std::vector<std::string> inputs = options.inputs;
  if (inputs.empty()) {
    inputs.emplace_back("-");
  }
  for (const auto& path : inputs) {
    ingest::Diagnostics diagnostics;
    ingest::read_articles(
        path,
        options.read,
        [&](Article&& article) {
          auto extraction = extract::extract_article(article, options.extractors);
          if (options.format == OutputFormat::jsonl) {
            report::write_extraction_jsonl(out, article, extraction);
          } else {
            out << report::extraction_to_table(article, extraction) << '\n';
          }
        },
        diagnostics);
    failed = print_diagnostics(diagnostics, err) || failed;
  }
  out.flush();
  return failed ? k_exit_input_failed : k_exit_ok;
}

} // namespace factledger::cli
