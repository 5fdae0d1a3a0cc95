#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace factledger::ledger {

class Ledger;

// One value of a result row, typed as SQLite returns it.
struct SqlValue {
  enum class Type { null, integer, real, text, blob };
  Type type = Type::null;
  std::int64_t integer = 0;
  double real = 0;
  std::string text; // text, or the bytes of a blob

  friend bool operator==(const SqlValue&, const SqlValue&) = default;
};

// Receives a query's result: the column names once, then each row.
class RowSink {
public:
  virtual ~RowSink() = default;
  virtual void begin(const std::vector<std::string>& columns) = 0;
  virtual void row(const std::vector<SqlValue>& values) = 0;
  virtual void end() {}
};

// `--param NAME=VALUE`: binds :NAME, @NAME or $NAME. A VALUE that is a plain integer is bound as
// an integer (so that LIMIT :n works), anything else as text.
struct QueryParam {
  std::string name;
  std::string value;
};

// Parse "NAME=VALUE"; throws UsageError when there is no '=' or NAME is empty.
QueryParam parse_query_param(std::string_view text);

// Run the one SQL statement `sql` and stream its rows to `sink`; returns the row count.
// Only statements that do not write are run: a write is refused before it starts (and the
// connection is read-only anyway), so the ledger is never changed. Throws UsageError for SQL
// that does not compile, several statements, a write, or parameters that do not match;
// LedgerError when the ledger itself fails (busy beyond the timeout, corrupt).
std::size_t run_query(Ledger& ledger,
                      std::string_view sql,
                      const std::vector<QueryParam>& params,
                      RowSink& sink);

// A sink that keeps everything (tests, small results).
class CollectingSink : public RowSink {
public:
  void begin(const std::vector<std::string>& columns) override { m_columns = columns; }
  void row(const std::vector<SqlValue>& values) override { m_rows.push_back(values); }
  const std::vector<std::string>& columns() const { return m_columns; }
  const std::vector<std::vector<SqlValue>>& rows() const { return m_rows; }

private:
  std::vector<std::string> m_columns;
  std::vector<std::vector<SqlValue>> m_rows;
};

} // namespace factledger::ledger
