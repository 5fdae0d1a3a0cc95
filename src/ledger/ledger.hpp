#pragma once

#include "ledger/embedded_migrations.hpp"

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace SQLite {
class Database;
} // namespace SQLite

namespace factledger::ledger {

// A factledger ledger: one SQLite file (WAL mode, foreign keys on, 30 s busy timeout) whose
// schema is migrated to the latest embedded version when opened. Everything that talks SQL to
// the ledger lives in src/ledger; SQLite errors leave it as LedgerError (or UsageError for a
// user's own SQL). A Ledger is one connection: use it from one thread at a time.
//
//   ledger::Ledger ledger("factledger.db");              // created and migrated if needed
//   ledger::Ledger reader("factledger.db", {.mode = ledger::OpenMode::read_only});
enum class OpenMode { read_write, read_only };

inline constexpr int k_busy_timeout_ms = 30'000;

struct OpenOptions {
  OpenMode mode = OpenMode::read_write;
  int busy_timeout_ms = k_busy_timeout_ms;
  // Migrations to apply; nullptr means the ones embedded from schema/ (tests pass their own).
  const std::vector<EmbeddedMigration>* migrations = nullptr;
};

class Ledger {
public:
  // Open the ledger at `path` (":memory:" for a private in-memory one). In read_write mode it
  // is created when missing and migrated; in read_only mode an outdated ledger is migrated
  // through a short read-write connection first, then opened read-only with
  // `PRAGMA query_only=1`. Throws LedgerError naming `path` when the file cannot be opened,
  // is not a factledger ledger, or was made by a newer factledger (nothing is changed then).
  explicit Ledger(std::string path, OpenOptions options = {});
  ~Ledger();
  Ledger(const Ledger&) = delete;
  Ledger& operator=(const Ledger&) = delete;

  const std::string& path() const { return m_path; }
  OpenMode mode() const { return m_mode; }

  // PRAGMA user_version: the number of the last migration applied.
  int schema_version();

  // Run SQL statements that return no rows (tests, maintenance). Throws LedgerError.
  void exec(std::string_view sql);
  // First column of the first row of `sql` as an integer (0 when there is no row).
  std::int64_t scalar_int(std::string_view sql);
  // First column of the first row of `sql` as text ("" when there is no row or NULL).
  std::string scalar_text(std::string_view sql);

  // Result of PRAGMA integrity_check ("ok" when the file is sound).
  std::string integrity_check();

  // The SQLite connection, for the stores in src/ledger only.
  SQLite::Database& database() { return *m_db; }

  // A write transaction (BEGIN IMMEDIATE, so that a concurrent writer waits for the busy timeout
  // at the start instead of failing half-way). Rolls back unless commit() was called.
  class Transaction {
  public:
    explicit Transaction(Ledger& ledger);
    ~Transaction();
    Transaction(const Transaction&) = delete;
    Transaction& operator=(const Transaction&) = delete;
    void commit();

  private:
    Ledger& m_ledger;
    bool m_done = false;
  };

private:
  std::string m_path;
  OpenMode m_mode;
  std::unique_ptr<SQLite::Database> m_db;
};

// Current UTC time as ISO 8601 with seconds: "2025-07-16T08:30:00Z".
std::string utc_now_iso();

} // namespace factledger::ledger
