#pragma once

#include "ingest/article_reader.hpp"
#include "ingest/diagnostic.hpp"
#include "ledger/run_log.hpp"

#include <cstdint>
#include <functional>
#include <iosfwd>
#include <string>
#include <vector>

namespace factledger::ledger {
class Ledger;
} // namespace factledger::ledger

namespace factledger::ingest {

// `factledger ingest`: files -> articles -> extraction -> ledger.
//
//   ledger::Ledger ledger("factledger.db");
//   IngestOptions options;
//   options.inputs = {"articles/"};
//   IngestReport r = ingest(ledger, options, [](const Diagnostic& d) { ... });
//
// Articles are identified by canonical URL, else by the SHA-256 of their text (see
// ledger::article_key): an article already in the ledger unchanged is counted as unchanged and
// not re-extracted; one whose text, metadata or extractor version changed is re-extracted and
// its mentions replaced. Writes go in batches, each one transaction holding whole articles and
// the run's counters, so that a killed run leaves a consistent ledger and the next run
// completes the work. Reading, extraction (`jobs` threads) and writing (one thread, the only
// one writing to `ledger`) run at the same time; a file ledger gets a second, read-only
// connection for the reader's "already stored?" check.
struct IngestOptions {
  ReadOptions read;
  std::vector<std::string> inputs; // files, directories (recursive), "-" for stdin
  // A write transaction holds this many articles, or this much text: bigger batches write
  // the index pages they share once and flush the search index in fewer, larger segments
  // (2,000 short articles cost about 5 MB of memory, whatever the corpus size).
  std::size_t batch_articles = 2000;
  std::size_t batch_bytes = 16u << 20;
  // Threads extracting at once (the calling thread included); 1 extracts on the caller only.
  unsigned jobs = default_jobs();

  // The machine's cores, at most 4 (writing to SQLite stays on one thread).
  static unsigned default_jobs();
};

struct IngestReport {
  std::int64_t run_id = 0;
  ledger::RunCounts counts;
  ledger::RunStatus status = ledger::RunStatus::ok;
  double seconds = 0;
  std::uint64_t bytes = 0; // article text bytes read
};

using DiagnosticCallback = std::function<void(const Diagnostic&)>;

// Ingest `options.inputs` into `ledger`. Problems with single inputs go to `on_diagnostic` and
// to the run's ingest_errors rows and never stop the run. With `progress` set (the CLI passes
// stderr only when it is a terminal), a progress line is redrawn there. Throws LedgerError when
// the ledger becomes unusable (the run is then marked failed if possible).
IngestReport ingest(ledger::Ledger& ledger,
                    const IngestOptions& options,
                    const DiagnosticCallback& on_diagnostic,
                    std::ostream* progress = nullptr);

// The files to read for `inputs`: files and "-" as given, directories walked recursively in
// sorted path order, keeping non-hidden files with an article extension (.txt, .text, .html,
// .htm, .xhtml, .json, .jsonl, .ndjson) or none. Missing paths become error diagnostics.
std::vector<std::string> expand_inputs(const std::vector<std::string>& inputs,
                                       Diagnostics& diagnostics);

} // namespace factledger::ingest
