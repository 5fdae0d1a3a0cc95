#pragma once

#include <iosfwd>
#include <string>

namespace factledger::cli {

struct ReportCommandOptions {
  std::string db;
  std::string month; // "YYYY-MM"; empty: the latest month with articles
  std::string out;   // file written atomically; empty or "-": stdout
};

// `factledger report`: the monthly policy report (Markdown) of the support facts in the ledger.
int run_report(const ReportCommandOptions& options, std::ostream& out, std::ostream& err);

} // namespace factledger::cli
