#include "cli/cli.hpp"

#include "cli/commands.hpp"
#include "extract/version.hpp"
#include "ingest/article_reader.hpp"
#include "model/error.hpp"

#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include <iostream>

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
  extract->add_option("inputs",
                      extract_options.inputs,
                      "Plain-text, HTML or JSON Lines files; '-' for stdin (default)");

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
      return run_extract(extract_options, std::cout, std::cerr);
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
