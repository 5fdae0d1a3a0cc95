#include "cli/cli.hpp"
#include "cli/commands.hpp"
#include "ledger/ledger.hpp"
#include "ledger/query.hpp"
#include "report/query_format.hpp"

#include <ostream>

namespace factledger::cli {

int run_query_command(const QueryCommandOptions& options, std::ostream& out) {
  std::vector<ledger::QueryParam> params;
  for (const auto& p : options.params) {
    params.push_back(ledger::parse_query_param(p));
  }
  ledger::Ledger ledger(options.db, {.mode = ledger::OpenMode::read_only});
  report::ResultFormat format = report::ResultFormat::table;
  switch (options.format) {
  case QueryFormat::csv:
    format = report::ResultFormat::csv;
    break;
  case QueryFormat::json:
    format = report::ResultFormat::json;
    break;
  case QueryFormat::jsonl:
    format = report::ResultFormat::jsonl;
    break;
  case QueryFormat::table:
    break;
  }
  auto sink = report::make_result_sink(format, out);
  ledger::run_query(ledger, options.sql, params, *sink);
  out.flush();
  return k_exit_ok;
}

} // namespace factledger::cli
