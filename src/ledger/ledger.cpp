#include "ledger/ledger.hpp"

#include "ledger/migrations.hpp"
#include "model/error.hpp"

#include <SQLiteCpp/SQLiteCpp.h>
#include <fmt/format.h>

#include <ctime>
#include <filesystem>
#include <sqlite3.h>

namespace factledger::ledger {

namespace {

const std::vector<EmbeddedMigration>& migrations_of(const OpenOptions& options) {
  return options.migrations ? *options.migrations : embedded_migrations();
}

bool is_memory(const std::string& path) {
  return path == ":memory:" || path.empty();
}

// SQLite counts every allocation under a process-wide mutex for sqlite3_memory_used(), which
// factledger never asks for (a few percent of a bulk ingest). The setting must come before
// SQLite starts; if something else started it first, sqlite3_config refuses and nothing changes.
void configure_sqlite_once() {
  static const int k_configured = sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
  (void)k_configured;
}

std::unique_ptr<SQLite::Database> open_database(const std::string& path, int flags, int busy_ms) {
  configure_sqlite_once();
  try {
    // A Ledger is used by one thread at a time (ingest writes from one thread), so the
    // connection can skip SQLite's lock around every call (a few percent of a bulk ingest).
    return std::make_unique<SQLite::Database>(path, flags | SQLite::OPEN_NOMUTEX, busy_ms);
  } catch (const SQLite::Exception& e) {
    throw LedgerError(fmt::format("cannot open ledger \"{}\": {}", path, e.what()));
  }
}

// Connection settings every read-write connection needs: WAL so readers never block the writer
// (nor the writer them), NORMAL sync (safe against a killed process in WAL mode; a power cut
// may lose the last commits, never consistency), foreign keys enforced.
void configure_read_write(SQLite::Database& db, const std::string& path) {
  try {
    db.exec("PRAGMA foreign_keys = ON");
    if (!is_memory(path)) {
      std::string mode = db.execAndGet("PRAGMA journal_mode = WAL").getString();
      if (mode != "wal") {
        throw LedgerError(fmt::format(
            "ledger \"{}\": cannot switch to WAL mode (journal_mode is {})", path, mode));
      }
    }
    db.exec("PRAGMA synchronous = NORMAL");
    // A bounded 32 MiB page cache keeps FTS index merges in memory; checkpoints every ~16 MiB of
    // WAL instead of 4 MiB cut the copying a long ingest does. Both are constant in corpus size.
    db.exec("PRAGMA cache_size = -32768");
    db.exec("PRAGMA wal_autocheckpoint = 4000");
    // The per-article savepoint's journal stays in memory (it holds one article's pages).
    db.exec("PRAGMA temp_store = MEMORY");
  } catch (const SQLite::Exception& e) {
    throw LedgerError(fmt::format("cannot open ledger \"{}\": {}", path, e.what()));
  }
}

} // namespace

Ledger::Ledger(std::string path, OpenOptions options)
    : m_path(std::move(path)), m_mode(options.mode) {
  const auto& migrations = migrations_of(options);
  if (is_memory(m_path)) {
    m_mode = OpenMode::read_write; // a private in-memory ledger has nobody to share with
  }
  if (m_mode == OpenMode::read_write) {
    m_db = open_database(
        m_path, SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE, options.busy_timeout_ms);
    configure_read_write(*m_db, m_path);
    apply_migrations(*m_db, m_path, migrations);
    return;
  }
  if (std::error_code ec; !std::filesystem::exists(m_path, ec)) {
    throw LedgerError(
        fmt::format("no ledger at \"{}\" (factledger ingest creates it; see --db)", m_path));
  }
  m_db = open_database(m_path, SQLite::OPEN_READONLY, options.busy_timeout_ms);
  int version = check_version(*m_db, m_path, migrations);
  if (version < latest_version(migrations)) {
    // An older ledger: migrate it once through a short read-write connection, then read.
    m_db.reset();
    {
      auto rw = open_database(m_path, SQLite::OPEN_READWRITE, options.busy_timeout_ms);
      configure_read_write(*rw, m_path);
      apply_migrations(*rw, m_path, migrations);
    }
    m_db = open_database(m_path, SQLite::OPEN_READONLY, options.busy_timeout_ms);
  }
  try {
    m_db->exec("PRAGMA query_only = 1");
  } catch (const SQLite::Exception& e) {
    throw LedgerError(fmt::format("cannot open ledger \"{}\": {}", m_path, e.what()));
  }
}

Ledger::~Ledger() = default;

int Ledger::schema_version() {
  return static_cast<int>(scalar_int("PRAGMA user_version"));
}

void Ledger::exec(std::string_view sql) {
  try {
    m_db->exec(std::string(sql));
  } catch (const SQLite::Exception& e) {
    throw LedgerError(fmt::format("ledger \"{}\": {}", m_path, e.what()));
  }
}

std::int64_t Ledger::scalar_int(std::string_view sql) {
  try {
    SQLite::Statement stmt(*m_db, std::string(sql));
    return stmt.executeStep() ? stmt.getColumn(0).getInt64() : 0;
  } catch (const SQLite::Exception& e) {
    throw LedgerError(fmt::format("ledger \"{}\": {}", m_path, e.what()));
  }
}

std::string Ledger::scalar_text(std::string_view sql) {
  try {
    SQLite::Statement stmt(*m_db, std::string(sql));
    return stmt.executeStep() ? stmt.getColumn(0).getString() : std::string();
  } catch (const SQLite::Exception& e) {
    throw LedgerError(fmt::format("ledger \"{}\": {}", m_path, e.what()));
  }
}

std::string Ledger::integrity_check() {
  return scalar_text("PRAGMA integrity_check");
}

Ledger::Transaction::Transaction(Ledger& ledger) : m_ledger(ledger) {
  try {
    m_ledger.m_db->exec("BEGIN IMMEDIATE");
  } catch (const SQLite::Exception& e) {
    throw LedgerError(fmt::format(
        "ledger \"{}\": cannot start a write transaction: {}", ledger.m_path, e.what()));
  }
}

Ledger::Transaction::~Transaction() {
  if (!m_done) {
    try {
      m_ledger.m_db->exec("ROLLBACK");
    } catch (...) { // NOLINT(bugprone-empty-catch): nothing more to do in a destructor
    }
  }
}

void Ledger::Transaction::commit() {
  try {
    m_ledger.m_db->exec("COMMIT");
    m_done = true;
  } catch (const SQLite::Exception& e) {
    throw LedgerError(fmt::format("ledger \"{}\": commit failed: {}", m_ledger.m_path, e.what()));
  }
}

std::string utc_now_iso() {
  std::time_t now = std::time(nullptr);
  std::tm tm{};
  gmtime_r(&now, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buf;
}

} // namespace factledger::ledger
