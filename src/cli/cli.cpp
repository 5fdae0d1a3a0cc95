#include "cli/cli.hpp"

#include "cli/commands.hpp"
#include "cli/report_command.hpp"
#include "extract/extraction.hpp"
#include "extract/version.hpp"
#include "ingest/article_reader.hpp"
#include "model/error.hpp"

#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include <iostream>
#include <unistd.h>

namespace factledger::cli {

namespace {

constexpr const char* k_exit_codes_footer = R"(Exit codes:
  0  all inputs processed
  1  some inputs failed (reported on stderr); the others were processed
  2  usage error
  3  ledger unusable (cannot open, made by a newer factledger, corrupt))";

// Validate and convert the common --lang / --published options.
void apply_read_options(ingest::ReadOptions& read,
                        const std::string& lang,
                        const std::string& published) {
  if (lang != "auto") {
    read.lang = lang;
  }
  if (!published.empty()) {
    read.published = CivilDate::parse(published);
    if (!read.published || published.size() != 10) {
      throw UsageError(
          fmt::format("invalid --published date \"{}\" (expected YYYY-MM-DD)", published));
    }
  }
}

} // namespace

int run_cli(int argc, char** argv) {
  CLI::App app{"factledger: a ledger of public money for industries, extracted from news"};
  app.footer(k_exit_codes_footer);
  app.require_subcommand(1);
  app.set_version_flag("--version",
                       fmt::format("factledger {} (extractor {})",
                                   FACTLEDGER_VERSION,
                                   extract::k_extractor_version));

  ExtractOptions extract_options;
  std::string lang = "auto";
  std::string published;
  std::string format = "jsonl";
  auto* extract = app.add_subcommand("extract", "Print the amounts and dates found in articles");
  extract->add_option("--lang", lang, "Article language (default: detect per article)")
      ->check(CLI::IsMember({"fr", "en", "auto"}));
  extract->add_option(
      "--published", published, "Published date for articles without one (YYYY-MM-DD)");
  extract->add_option("--format", format, "Output format")
      ->check(CLI::IsMember({"jsonl", "table"}));
  std::string extractors = "all";
  extract->add_option("--extractors",
                      extractors,
                      "Comma-separated extractors to run: amounts, dates, facts (default: all; "
                      "facts needs amounts and dates)");
  extract->add_option("inputs",
                      extract_options.inputs,
                      "Plain-text, HTML or JSON Lines files; '-' for stdin (default)");

  // factledger ingest
  IngestCommandOptions ingest_options;
  std::string ingest_lang = "auto";
  std::string ingest_published;
  bool ingest_quiet = false;
  bool ingest_json = false;
  auto* ingest = app.add_subcommand("ingest", "Extract articles into the ledger (for cron)");
  ingest->add_option(
      "--db", ingest_options.db, "Ledger file (default: $FACTLEDGER_DB, else ./factledger.db)");
  ingest->add_option(
      "--source", ingest_options.ingest.read.source, "Outlet name for articles without one");
  ingest
      ->add_option("--lang", ingest_lang, "Language of articles that do not say (default: detect)")
      ->check(CLI::IsMember({"fr", "en", "auto"}));
  ingest->add_option(
      "--published", ingest_published, "Published date for articles without one (YYYY-MM-DD)");
  auto* quiet_flag = ingest->add_flag("--quiet,-q", ingest_quiet, "Print only errors");
  ingest->add_flag("--json", ingest_json, "Print the run summary as JSON")->excludes(quiet_flag);
  ingest
      ->add_option(
          "--jobs,-j", ingest_options.ingest.jobs, "Extraction threads (default: cores, at most 4)")
      ->check(CLI::Range(1u, 64u));
  ingest
      ->add_option(
          "inputs", ingest_options.ingest.inputs, "Files, directories (recursive) or '-' for stdin")
      ->required();

  // factledger query
  QueryCommandOptions query_options;
  std::string query_format = "table";
  auto* query = app.add_subcommand("query", "Run one read-only SQL statement on the ledger");
  query->add_option(
      "--db", query_options.db, "Ledger file (default: $FACTLEDGER_DB, else ./factledger.db)");
  query->add_option("--format", query_format, "Output format")
      ->check(CLI::IsMember({"table", "csv", "json", "jsonl"}));
  query->add_option("--param", query_options.params, "Bind :NAME to VALUE (repeatable)");
  query->add_option("sql", query_options.sql, "SQL statement, e.g. \"SELECT * FROM v_amounts\"")
      ->required();

  // factledger search
  SearchCommandOptions search_options;
  auto* search = app.add_subcommand("search", "Full-text search over the ledger's articles");
  search->add_option(
      "--db", search_options.db, "Ledger file (default: $FACTLEDGER_DB, else ./factledger.db)");
  search->add_option("--limit", search_options.limit, "Most articles to show")
      ->check(CLI::PositiveNumber);
  search
      ->add_option(
          "terms", search_options.terms, "FTS5 terms: words, \"a phrase\", AND/OR/NOT, prefix*")
      ->required();

  // factledger report
  ReportCommandOptions report_options;
  auto* report = app.add_subcommand("report", "Write the monthly policy report (Markdown)");
  report->add_option(
      "--db", report_options.db, "Ledger file (default: $FACTLEDGER_DB, else ./factledger.db)");
  report->add_option("--month", report_options.month, "Month YYYY-MM (default: the latest)");
  report->add_option("--out", report_options.out, "Write to FILE atomically (default: stdout)");

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    // CLI11's own exit codes start at 100; ours are documented above.
    int rc = app.exit(e);
    return rc == 0 ? k_exit_ok : k_exit_usage;
  }

  try {
    if (extract->parsed()) {
      apply_read_options(extract_options.read, lang, published);
      extract_options.format = format == "table" ? OutputFormat::table : OutputFormat::jsonl;
      try {
        extract_options.extractors = extract::parse_extractors(extractors);
      } catch (const Error& e) {
        throw UsageError(fmt::format("--extractors: {}", e.what()));
      }
      return run_extract(extract_options, std::cout, std::cerr);
    }
    if (ingest->parsed()) {
      apply_read_options(ingest_options.ingest.read, ingest_lang, ingest_published);
      if (ingest_options.db.empty()) {
        ingest_options.db = default_ledger_path();
      }
      ingest_options.output = ingest_quiet  ? IngestOutput::quiet
                              : ingest_json ? IngestOutput::json
                                            : IngestOutput::summary;
      return run_ingest(ingest_options, std::cout, std::cerr);
    }
    if (query->parsed()) {
      if (query_options.db.empty()) {
        query_options.db = default_ledger_path();
      }
      query_options.format = query_format == "csv"     ? QueryFormat::csv
                             : query_format == "json"  ? QueryFormat::json
                             : query_format == "jsonl" ? QueryFormat::jsonl
                                                       : QueryFormat::table;
      return run_query_command(query_options, std::cout);
    }
    if (report->parsed()) {
      if (report_options.db.empty()) {
        report_options.db = default_ledger_path();
      }
      return run_report(report_options, std::cout, std::cerr);
    }
    if (search->parsed()) {
      if (search_options.db.empty()) {
        search_options.db = default_ledger_path();
      }
      search_options.color = ::isatty(STDOUT_FILENO) != 0;
      return run_search(search_options, std::cout);
    }
  } catch (const UsageError& e) {
    std::cerr << "factledger: error: " << e.what() << '\n';
    return k_exit_usage;
  } catch (const LedgerError& e) {
    std::cerr << "factledger: error: " << e.what() << '\n';
    return k_exit_ledger;
  } catch (const std::exception& e) {
    std::cerr << "factledger: error: " << e.what() << '\n';
    return k_exit_input_failed;
  }
  return k_exit_ok;
}

} // namespace factledger::cli
