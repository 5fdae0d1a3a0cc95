#pragma once

#include "ledger/embedded_migrations.hpp"

#include <string>
#include <string_view>
#include <vector>

namespace SQLite {
class Database;
} // namespace SQLite

namespace factledger::ledger {

// Marks a SQLite file as a factledger ledger (PRAGMA application_id, "FLDG").
inline constexpr int k_application_id = 0x464C4447;

// Version number of a migration file name: "001_ledger.sql" -> 1. Throws LedgerError when the
// name does not start with digits followed by '_'.
int migration_version(std::string_view name);

// Version of the last of `migrations` (0 when there is none).
int latest_version(const std::vector<EmbeddedMigration>& migrations);

struct MigrationResult {
  int from = 0;
  int to = 0;
};

// Bring `db` (opened read-write, described as `label` in messages) to the last of
// `migrations`, applying the missing ones in order inside one transaction and recording the
// version in PRAGMA user_version. Idempotent: an up-to-date ledger is left untouched. Throws
// LedgerError, leaving the file unchanged, when the ledger is newer than `migrations`, is not a
// factledger ledger, or a migration fails.
MigrationResult apply_migrations(SQLite::Database& db,
                                 const std::string& label,
                                 const std::vector<EmbeddedMigration>& migrations);

// Check that `db` can be used by this factledger without migration: LedgerError when it is newer
// than `migrations` or foreign; returns its user_version.
int check_version(SQLite::Database& db,
                  const std::string& label,
                  const std::vector<EmbeddedMigration>& migrations);

} // namespace factledger::ledger
