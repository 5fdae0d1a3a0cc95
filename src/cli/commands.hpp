#pragma once

#include "extract/extraction.hpp"
#include "ingest/article_reader.hpp"
#include "ingest/pipeline.hpp"

#include <iosfwd>
#include <string>
#include <vector>

namespace factledger::cli {

enum class OutputFormat { jsonl, table };

struct ExtractOptions {
  ingest::ReadOptions read;
  OutputFormat format = OutputFormat::jsonl;
  extract::Extractors extractors;
  std::vector<std::string> inputs; // files or "-"
};

// `factledger extract`: print what the extractors find in each article. Returns an exit code.
int run_extract(const ExtractOptions& options, std::ostream& out, std::ostream& err);

// Print diagnostics as `factledger: warning|error: origin: message`; true if any is an error.
bool print_diagnostics(const ingest::Diagnostics& diagnostics, std::ostream& err);

// The ledger path when --db is not given: $FACTLEDGER_DB, else ./factledger.db.
std::string default_ledger_path();

enum class IngestOutput { summary, quiet, json };

struct IngestCommandOptions {
  std::string db;
  ingest::IngestOptions ingest;
  IngestOutput output = IngestOutput::summary;
};

// `factledger ingest`: articles into the ledger; one summary line (or JSON) on `out`,
// problems on `err`. Returns 0, or 1 when some inputs failed.
int run_ingest(const IngestCommandOptions& options, std::ostream& out, std::ostream& err);

enum class QueryFormat { table, csv, json, jsonl };

struct QueryCommandOptions {
  std::string db;
  QueryFormat format = QueryFormat::table;
  std::vector<std::string> params; // NAME=VALUE
  std::string sql;
};

// `factledger query`: run one read-only SQL statement and print its rows.
int run_query_command(const QueryCommandOptions& options, std::ostream& out);

struct SearchCommandOptions {
  std::string db;
  int limit = 20;
  std::string terms;
  bool color = false; // highlight with ANSI bold instead of [brackets]
};

// `factledger search`: full-text search over the ledger's articles.
int run_search(const SearchCommandOptions& options, std::ostream& out);

} // namespace factledger::cli
