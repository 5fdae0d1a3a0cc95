#include "cli/cli.hpp"
#include "cli/commands.hpp"
#include "ledger/ledger.hpp"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <cstdlib>
#include <iostream>
#include <ostream>
#include <unistd.h>

namespace factledger::cli {

namespace {

std::string summary_line(const std::string& db, const ingest::IngestReport& r) {
  const auto& c = r.counts;
  return fmt::format("factledger: ingest run {} {} ({}): {} file{}, {} article{} ({} new, {} "
                     "unchanged, {} updated, {} failed), {} amounts, {} dates and {} facts added, "
                     "{} error{}, {} warning{}, {:.1f} s",
                     r.run_id,
                     ledger::to_string(r.status),
                     db,
                     c.files_seen,
                     c.files_seen == 1 ? "" : "s",
                     c.articles_seen,
                     c.articles_seen == 1 ? "" : "s",
                     c.articles_new,
                     c.articles_unchanged,
                     c.articles_updated,
                     c.articles_failed,
                     c.amounts_added,
                     c.dates_added,
                     c.facts_added,
                     c.errors,
                     c.errors == 1 ? "" : "s",
                     c.warnings,
                     c.warnings == 1 ? "" : "s",
                     r.seconds);
}

nlohmann::json summary_json(const std::string& db, const ingest::IngestReport& r) {
  const auto& c = r.counts;
  return {{"run", r.run_id},
          {"status", ledger::to_string(r.status)},
          {"db", db},
          {"files", c.files_seen},
          {"articles", c.articles_seen},
          {"new", c.articles_new},
          {"unchanged", c.articles_unchanged},
          {"updated", c.articles_updated},
          {"failed", c.articles_failed},
          {"amounts_added", c.amounts_added},
          {"dates_added", c.dates_added},
          {"facts_added", c.facts_added},
          {"errors", c.errors},
          {"warnings", c.warnings},
          {"seconds", r.seconds}};
}

} // namespace

std::string default_ledger_path() {
  const char* env = std::getenv("FACTLEDGER_DB");
  return env && *env ? std::string(env) : std::string("factledger.db");
}

int run_ingest(const IngestCommandOptions& options, std::ostream& out, std::ostream& err) {
  ledger::Ledger ledger(options.db);
  bool quiet = options.output == IngestOutput::quiet;
  ingest::DiagnosticCallback on_diagnostic = [&](const ingest::Diagnostic& d) {
    bool is_error = d.severity == ingest::Diagnostic::Severity::error;
    if (quiet && !is_error) {
      return; // cron mails what is printed: --quiet keeps only errors
    }
    err << fmt::format("factledger: {}: {}\n", is_error ? "error" : "warning", d.to_string())
        << std::flush;
  };
  // A progress line only for a person watching a terminal, never in cron mail or logs.
  std::ostream* progress =
      (!quiet && &err == &std::cerr && ::isatty(STDERR_FILENO)) ? &err : nullptr;
  ingest::IngestReport report = ingest::ingest(ledger, options.ingest, on_diagnostic, progress);
  switch (options.output) {
  case IngestOutput::summary:
    out << summary_line(options.db, report) << '\n';
    break;
  case IngestOutput::json:
    out << summary_json(options.db, report)
               .dump(-1, ' ', false, nlohmann::json::error_handler_t::replace)
        << '\n';
    break;
  case IngestOutput::quiet:
    break;
  }
  out.flush();
  return report.counts.errors > 0 ? k_exit_input_failed : k_exit_ok;
}

} // namespace factledger::cli
