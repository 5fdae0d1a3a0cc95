#include "ledger/query.hpp"

#include "ledger/ledger.hpp"
#include "model/error.hpp"

#include <SQLiteCpp/SQLiteCpp.h>
#include <fmt/format.h>

#include <charconv>
#include <memory>
#include <optional>
#include <sqlite3.h>

namespace factledger::ledger {

namespace {

struct StmtDeleter {
  void operator()(sqlite3_stmt* s) const { sqlite3_finalize(s); }
};
using StmtPtr = std::unique_ptr<sqlite3_stmt, StmtDeleter>;

bool only_space_or_semicolons(std::string_view s) {
  for (char c : s) {
    if (c != ' ' && c != '\t' && c != '\n' && c != '\r' && c != ';') {
      return false;
    }
  }
  return true;
}

// Errors caused by the user's SQL, as opposed to the ledger failing.
bool is_user_error(int code) {
  switch (code & 0xFF) {
  case SQLITE_ERROR:
  case SQLITE_READONLY:
  case SQLITE_AUTH:
  case SQLITE_RANGE:
  case SQLITE_MISMATCH:
  case SQLITE_CONSTRAINT:
  case SQLITE_TOOBIG:
    return true;
  default:
    return false;
  }
}

[[noreturn]] void fail(sqlite3* db, int code, std::string_view what) {
  std::string message = fmt::format("{}: {}", what, sqlite3_errmsg(db));
  if (is_user_error(code)) {
    throw UsageError(message);
  }
  throw LedgerError(message);
}

std::optional<std::int64_t> as_integer(std::string_view s) {
  std::int64_t v = 0;
  auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (ec != std::errc() || end != s.data() + s.size() || s.empty()) {
    return std::nullopt;
  }
  return v;
}

} // namespace

QueryParam parse_query_param(std::string_view text) {
  auto eq = text.find('=');
  if (eq == std::string_view::npos || eq == 0) {
    throw UsageError(fmt::format("invalid --param \"{}\" (expected NAME=VALUE)", text));
  }
  std::string_view name = text.substr(0, eq);
  if (name.front() == ':' || name.front() == '@' || name.front() == '$') {
    name.remove_prefix(1);
  }
  return QueryParam{std::string(name), std::string(text.substr(eq + 1))};
}

std::size_t run_query(Ledger& ledger,
                      std::string_view sql,
                      const std::vector<QueryParam>& params,
                      RowSink& sink) {
  sqlite3* db = ledger.database().getHandle();
  sqlite3_stmt* raw = nullptr;
  const char* tail = nullptr;
  int rc = sqlite3_prepare_v2(db, sql.data(), static_cast<int>(sql.size()), &raw, &tail);
  StmtPtr stmt(raw);
  if (rc != SQLITE_OK) {
    fail(db, rc, "invalid SQL");
  }
  if (!stmt) {
    throw UsageError("the query is empty");
  }
  if (tail && !only_space_or_semicolons(std::string_view(tail, sql.data() + sql.size() - tail))) {
    throw UsageError("the query holds several SQL statements; give one");
  }
  if (!sqlite3_stmt_readonly(stmt.get())) {
    throw UsageError(
        "refused: the query would change the ledger; factledger query is read-only (the "
        "ledger was not changed)");
  }
  // Bind every named parameter; each --param must be used and each parameter given.
  std::vector<bool> used(params.size(), false);
  int count = sqlite3_bind_parameter_count(stmt.get());
  for (int i = 1; i <= count; ++i) {
    const char* full = sqlite3_bind_parameter_name(stmt.get(), i);
    if (!full) {
      throw UsageError(
          "the query uses a positional parameter ('?'); use named ones (:name) with --param");
    }
    std::string_view name = std::string_view(full).substr(1);
    bool bound = false;
    for (std::size_t p = 0; p < params.size(); ++p) {
      if (params[p].name != name) {
        continue;
      }
      used[p] = true;
      bound = true;
      const std::string& value = params[p].value;
      if (auto n = as_integer(value)) {
        rc = sqlite3_bind_int64(stmt.get(), i, *n);
      } else {
        rc = sqlite3_bind_text(
            stmt.get(), i, value.data(), static_cast<int>(value.size()), SQLITE_TRANSIENT);
      }
      if (rc != SQLITE_OK) {
        fail(db, rc, fmt::format("cannot bind parameter \"{}\"", full));
      }
    }
    if (!bound) {
      throw UsageError(
          fmt::format("parameter \"{}\" has no value (use --param {}=VALUE)", full, name));
    }
  }
  for (std::size_t p = 0; p < params.size(); ++p) {
    if (!used[p]) {
      throw UsageError(fmt::format("--param \"{}\" is not used by the query", params[p].name));
    }
  }

  int columns = sqlite3_column_count(stmt.get());
  std::vector<std::string> names;
  for (int c = 0; c < columns; ++c) {
    const char* n = sqlite3_column_name(stmt.get(), c);
    names.emplace_back(n ? n : "");
  }
  sink.begin(names);
  std::vector<SqlValue> row(static_cast<std::size_t>(columns));
  std::size_t rows = 0;
  while ((rc = sqlite3_step(stmt.get())) == SQLITE_ROW) {
    for (int c = 0; c < columns; ++c) {
      SqlValue& v = row[static_cast<std::size_t>(c)];
      v.text.clear();
      switch (sqlite3_column_type(stmt.get(), c)) {
      case SQLITE_INTEGER:
        v.type = SqlValue::Type::integer;
        v.integer = sqlite3_column_int64(stmt.get(), c);
        break;
      case SQLITE_FLOAT:
        v.type = SqlValue::Type::real;
        v.real = sqlite3_column_double(stmt.get(), c);
        break;
      case SQLITE_TEXT: {
        v.type = SqlValue::Type::text;
        const auto* p = reinterpret_cast<const char*>(sqlite3_column_text(stmt.get(), c));
        v.text.assign(p ? p : "", static_cast<std::size_t>(sqlite3_column_bytes(stmt.get(), c)));
        break;
      }
      case SQLITE_BLOB: {
        v.type = SqlValue::Type::blob;
        const auto* p = static_cast<const char*>(sqlite3_column_blob(stmt.get(), c));
        v.text.assign(p ? p : "", static_cast<std::size_t>(sqlite3_column_bytes(stmt.get(), c)));
        break;
      }
      default:
        v.type = SqlValue::Type::null;
        break;
      }
    }
    sink.row(row);
    ++rows;
  }
  if (rc != SQLITE_DONE) {
    fail(db, rc, "query failed");
  }
  sink.end();
  return rows;
}

} // namespace factledger::ledger
