#pragma once

#include "ledger/query.hpp"

#include <iosfwd>
#include <memory>
#include <string>

namespace factledger::report {

// Sinks that print a query result (ledger::run_query) as `factledger query` does:
//  - table: aligned columns for a terminal (long cells cut), "(N rows)" at the end;
//  - csv: RFC 4180 (header line, CRLF line ends, fields with , " CR or LF quoted, quotes doubled);
//  - json: one array of objects, column name -> value (NULL as null, blobs as hex text);
//  - jsonl: one object per line.
enum class ResultFormat { table, csv, json, jsonl };

std::unique_ptr<ledger::RowSink> make_result_sink(ResultFormat format, std::ostream& out);

// A value as text for table and CSV output: NULL as "", reals in shortest round-trip form,
// blobs as x'hex'.
std::string value_to_text(const ledger::SqlValue& value);

// One CSV field per RFC 4180.
std::string csv_field(const std::string& text);

} // namespace factledger::report
