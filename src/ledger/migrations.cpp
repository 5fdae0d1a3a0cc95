#include "ledger/migrations.hpp"

#include "model/error.hpp"

#include <SQLiteCpp/SQLiteCpp.h>
#include <fmt/format.h>

#include <optional>
#include <sqlite3.h>

namespace factledger::ledger {

namespace {

int pragma_int(SQLite::Database& db, const char* pragma) {
  return db.execAndGet(fmt::format("PRAGMA {}", pragma)).getInt();
}

// Migrations must be numbered 1, 2, 3... in order, so that user_version says exactly which
// ones a ledger has.
void check_sequence(const std::vector<EmbeddedMigration>& migrations) {
  int expected = 1;
  for (const auto& m : migrations) {
    int v = migration_version(m.name);
    if (v != expected) {
      throw LedgerError(
          fmt::format("migration \"{}\" has number {}, expected {} (schema/ files must be numbered "
                      "without gaps)",
                      m.name,
                      v,
                      expected));
    }
    ++expected;
  }
}

} // namespace

int migration_version(std::string_view name) {
  std::size_t i = 0;
  int version = 0;
  while (i < name.size() && name[i] >= '0' && name[i] <= '9' && i < 6) {
    version = version * 10 + (name[i] - '0');
    ++i;
  }
  if (i == 0 || i >= name.size() || name[i] != '_') {
    throw LedgerError(
        fmt::format("migration name \"{}\" does not start with a number and '_'", name));
  }
  return version;
}

int latest_version(const std::vector<EmbeddedMigration>& migrations) {
  return migrations.empty() ? 0 : migration_version(migrations.back().name);
}

int check_version(SQLite::Database& db,
                  const std::string& label,
                  const std::vector<EmbeddedMigration>& migrations) {
  try {
    // The three reads below must see one state of the file: outside a transaction each would
    // be its own snapshot, and a reader could see the ledger before and after another
    // process's first migration commits (no application_id yet, but tables already).
    std::optional<SQLite::Transaction> snapshot;
    if (sqlite3_get_autocommit(db.getHandle()) != 0) {
      snapshot.emplace(db, SQLite::TransactionBehavior::DEFERRED);
    }
    int app_id = pragma_int(db, "application_id");
    int version = pragma_int(db, "user_version");
    int latest = latest_version(migrations);
    if (app_id != 0 && app_id != k_application_id) {
      throw LedgerError(fmt::format(
          "\"{}\" is not a factledger ledger (application_id {:#x}); nothing was changed",
          label,
          static_cast<unsigned>(app_id)));
    }
    if (app_id == 0) {
      int tables = db.execAndGet("SELECT count(*) FROM sqlite_master").getInt();
      if (version != 0 || tables != 0) {
        throw LedgerError(fmt::format(
            "\"{}\" is a SQLite database but not a factledger ledger; nothing was changed", label));
      }
    }
    if (version > latest) {
      throw LedgerError(fmt::format(
          "ledger \"{}\" has schema version {}, newer than this factledger knows ({}): it was "
          "made by a newer factledger; upgrade factledger to use it (nothing was changed)",
          label,
          version,
          latest));
    }
    return version;
  } catch (const SQLite::Exception& e) {
    throw LedgerError(fmt::format("cannot read ledger \"{}\": {}", label, e.what()));
  }
}

MigrationResult apply_migrations(SQLite::Database& db,
                                 const std::string& label,
                                 const std::vector<EmbeddedMigration>& migrations) {
  check_sequence(migrations);
  int latest = latest_version(migrations);
  MigrationResult result;
  result.from = result.to = check_version(db, label, migrations);
  if (result.from == latest) {
    return result; // up to date: no write, no lock
  }
  try {
    SQLite::Transaction tx(db, SQLite::TransactionBehavior::IMMEDIATE);
    // Another process may have migrated while we waited for the lock.
    int current = check_version(db, label, migrations);
    result.from = current;
    for (const auto& m : migrations) {
      if (migration_version(m.name) <= current) {
        continue;
      }
      try {
        db.exec(std::string(m.sql));
      } catch (const SQLite::Exception& e) {
        throw LedgerError(
            fmt::format("ledger \"{}\": migration {} failed: {} (nothing was changed)",
                        label,
                        m.name,
                        e.what()));
      }
    }
    db.exec(fmt::format("PRAGMA application_id = {}", k_application_id));
    db.exec(fmt::format("PRAGMA user_version = {}", latest));
    tx.commit();
    result.to = latest;
    return result;
  } catch (const SQLite::Exception& e) {
    throw LedgerError(fmt::format("cannot migrate ledger \"{}\": {}", label, e.what()));
  }
}

} // namespace factledger::ledger
