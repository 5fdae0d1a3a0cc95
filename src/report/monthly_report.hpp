#pragma once

#include "model/date_value.hpp"

#include <string>

namespace factledger::ledger {
class Ledger;
} // namespace factledger::ledger

namespace factledger::report {

// What a report covers: articles published in [from, to] (inclusive).
struct ReportPeriod {
  CivilDate from;
  CivilDate to;
  std::string label; // "July 2025", "2025-05-01 to 2025-08-31"

  // "2025-07" -> the whole month. Throws UsageError on a malformed month.
  static ReportPeriod month(std::string_view yyyy_mm);
};

struct ReportOptions {
  ReportPeriod period;
  std::string ledger_label; // shown in the header (the ledger path)
  std::string generated_on; // ISO date shown in the header
  int max_rows_per_table = 40;
};

// The latest month that has articles in the ledger ("2025-08"), or "" when it has none.
std::string latest_month(ledger::Ledger& ledger);

// A Markdown policy report of the support facts reported in the period: totals of firm support
// by currency (exact decimal sums; hedged, cancelled, targets and registered capital apart),
// breakdowns by country, instrument and sector, the facts themselves with their outlet and
// ledger id, hedged reports, cancellations, and a method note. Reads the ledger's views only.
std::string render_monthly_report(ledger::Ledger& ledger, const ReportOptions& options);

// Write `content` to `path` atomically: a temporary file in the same directory, then rename.
// Throws Error naming the path when it cannot.
void write_file_atomically(const std::string& path, const std::string& content);

} // namespace factledger::report
