#include "cli/cli.hpp"
#include "cli/report_command.hpp"
#include "ledger/ledger.hpp"
#include "report/monthly_report.hpp"

#include <fmt/format.h>

#include <ostream>

namespace factledger::cli {

int run_report(const ReportCommandOptions& options, std::ostream& out, std::ostream& err) {
  ledger::Ledger ledger(options.db, {.mode = ledger::OpenMode::read_only});
  std::string month = options.month.empty() ? report::latest_month(ledger) : options.month;
  if (month.empty()) {
    err << fmt::format("factledger: warning: {}: the ledger has no dated articles yet\n",
                       options.db);
    return k_exit_ok;
  }
  report::ReportOptions report_options;
  report_options.period = report::ReportPeriod::month(month);
  report_options.ledger_label = options.db;
  report_options.generated_on = ledger::utc_now_iso().substr(0, 10);
  std::string text = report::render_monthly_report(ledger, report_options);
  if (options.out.empty() || options.out == "-") {
    out << text;
    out.flush();
  } else {
    report::write_file_atomically(options.out, text);
  }
  return k_exit_ok;
}

} // namespace factledger::cli
