#include "ledger/embedded_migrations.hpp"
#include "ledger/ledger.hpp"
#include "ledger/migrations.hpp"
#include "model/error.hpp"
#include "testutil.hpp"

#include <doctest/doctest.h>
#include <fmt/format.h>

#include <filesystem>
#include <string>

using namespace factledger;
using factledger::testutil::TempDir;

TEST_SUITE_BEGIN("ledger");

TEST_CASE("ledger::migration_version reads the number before '_'") {
  CHECK(ledger::migration_version("001_ledger.sql") == 1);
  CHECK(ledger::migration_version("012_facts.sql") == 12);
  CHECK_THROWS_AS(ledger::migration_version("ledger.sql"), LedgerError);
  CHECK_THROWS_AS(ledger::migration_version("001ledger.sql"), LedgerError);
}

TEST_CASE("ledger: embedded migrations are numbered 1..N without gaps") {
  const auto& migrations = ledger::embedded_migrations();
  REQUIRE(!migrations.empty());
  for (std::size_t i = 0; i < migrations.size(); ++i) {
    CAPTURE(migrations[i].name);
    CHECK(ledger::migration_version(migrations[i].name) == static_cast<int>(i + 1));
  }
}

TEST_CASE("ledger: an empty ledger gets every table, view and setting") {
  ledger::Ledger db(":memory:");
  int latest = ledger::latest_version(ledger::embedded_migrations());
  CHECK(db.schema_version() == latest);
  CHECK(db.scalar_int("PRAGMA application_id") == ledger::k_application_id);
  CHECK(db.scalar_int("PRAGMA foreign_keys") == 1);
  for (const char* table : {"sources",
                            "articles",
                            "amount_mentions",
                            "date_mentions",
                            "currencies",
                            "ingest_runs",
                            "ingest_errors",
                            "articles_fts",
                            "v_amounts",
                            "v_dates",
                            "v_runs",
                            "v_articles"}) {
    CAPTURE(table);
    CHECK(db.scalar_int(std::string("SELECT count(*) FROM sqlite_master WHERE name = '") + table
                        + "'")
          == 1);
  }
  CHECK(db.scalar_int("SELECT exponent FROM currencies WHERE code = 'JPY'") == 0);
  CHECK(db.scalar_int("SELECT exponent FROM currencies WHERE code = 'EUR'") == 2);
  CHECK(db.scalar_int("SELECT exponent FROM currencies WHERE code = 'KWD'") == 3);
  // Migration 002 adds the support facts and their view.
  CHECK(db.scalar_int("SELECT count(*) FROM sqlite_master WHERE name IN ('facts', 'v_facts')")
        == 2);
  CHECK(db.scalar_int("SELECT count(*) FROM facts") == 0);
}

TEST_CASE("ledger: a file ledger is in WAL mode with a busy timeout; reopening is a no-op") {
  TempDir tmp;
  std::string path = (tmp.path() / "l.db").string();
  {
    ledger::Ledger db(path);
    CHECK(db.scalar_text("PRAGMA journal_mode") == "wal");
    CHECK(db.scalar_int("PRAGMA busy_timeout") == ledger::k_busy_timeout_ms);
    db.exec("INSERT INTO sources (name, created_at) VALUES ('Le Monde', '2025-01-01T00:00:00Z')");
  }
  ledger::Ledger again(path);
  CHECK(again.schema_version() == ledger::latest_version(ledger::embedded_migrations()));
  CHECK(again.scalar_int("SELECT count(*) FROM sources") == 1);
  CHECK(again.scalar_int("SELECT count(*) FROM currencies WHERE code = 'USD'") == 1);
  CHECK(again.integrity_check() == "ok");
}

TEST_CASE("ledger: an existing ledger gets only the migrations it lacks") {
  TempDir tmp;
  std::string path = (tmp.path() / "l.db").string();
  std::vector<ledger::EmbeddedMigration> v1 = {
      {"001_a.sql", "CREATE TABLE a (x INTEGER); INSERT INTO a VALUES (1);"}};
  std::vector<ledger::EmbeddedMigration> v2 = {
      v1[0], {"002_b.sql", "CREATE TABLE b (y INTEGER); INSERT INTO a VALUES (2);"}};
  {
    ledger::Ledger db(path, {.migrations = &v1});
    CHECK(db.schema_version() == 1);
  }
  {
    ledger::Ledger db(path, {.migrations = &v2});
    CHECK(db.schema_version() == 2);
    CHECK(db.scalar_int("SELECT count(*) FROM a") == 2); // 001 not re-run
    CHECK(db.scalar_int("SELECT count(*) FROM sqlite_master WHERE name = 'b'") == 1);
  }
  ledger::Ledger db(path, {.migrations = &v2});
  CHECK(db.scalar_int("SELECT count(*) FROM a") == 2);
}

TEST_CASE("ledger: a failing migration changes nothing") {
  TempDir tmp;
  std::string path = (tmp.path() / "l.db").string();
  std::vector<ledger::EmbeddedMigration> v1 = {{"001_a.sql", "CREATE TABLE a (x INTEGER);"}};
  std::vector<ledger::EmbeddedMigration> bad = {
      v1[0], {"002_bad.sql", "CREATE TABLE c (z INTEGER); INSERT INTO nowhere VALUES (1);"}};
  { ledger::Ledger db(path, {.migrations = &v1}); }
  CHECK_THROWS_AS(ledger::Ledger(path, {.migrations = &bad}), LedgerError);
  ledger::Ledger db(path, {.migrations = &v1});
  CHECK(db.schema_version() == 1);
  CHECK(db.scalar_int("SELECT count(*) FROM sqlite_master WHERE name = 'c'") == 0);
}

TEST_CASE("ledger: a ledger made by a newer factledger is refused and left untouched") {
  TempDir tmp;
  std::string path = (tmp.path() / "l.db").string();
  int latest = ledger::latest_version(ledger::embedded_migrations());
  {
    ledger::Ledger db(path);
    db.exec("PRAGMA user_version = " + std::to_string(latest + 1));
  }
  auto size_before = std::filesystem::file_size(path);
  for (auto mode : {ledger::OpenMode::read_write, ledger::OpenMode::read_only}) {
    try {
      ledger::Ledger db(path, {.mode = mode});
      FAIL("a newer ledger was opened");
    } catch (const LedgerError& e) {
      std::string message = e.what();
      CAPTURE(message);
      CHECK(message.find("newer than this factledger knows") != std::string::npos);
      CHECK(message.find(std::to_string(latest + 1)) != std::string::npos);
      CHECK(message.find(path) != std::string::npos);
    }
  }
  CHECK(std::filesystem::file_size(path) == size_before);
  // Still the newer version: a factledger that knows it opens the file as is.
  std::vector<ledger::EmbeddedMigration> newer = ledger::embedded_migrations();
  std::string name = fmt::format("{:03}_later.sql", latest + 1);
  newer.push_back({name, "SELECT 1;"});
  ledger::Ledger db(path, {.migrations = &newer});
  CHECK(db.schema_version() == latest + 1);
}

TEST_CASE("ledger: a SQLite file that is not a ledger is refused") {
  TempDir tmp;
  std::string path = (tmp.path() / "other.db").string();
  std::vector<ledger::EmbeddedMigration> none;
  {
    ledger::Ledger db(path, {.migrations = &none});
    db.exec("CREATE TABLE someone_elses (x)");
  }
  CHECK_THROWS_WITH_AS(ledger::Ledger{path},
                       doctest::Contains("is a SQLite database but not a factledger ledger"),
                       LedgerError);
}

TEST_CASE("ledger: a file that is not SQLite, or a missing ledger opened read-only, is an error") {
  TempDir tmp;
  std::string junk = (tmp.path() / "junk.db").string();
  {
    std::FILE* f = std::fopen(junk.c_str(), "wb");
    REQUIRE(f != nullptr);
    std::fputs("this is not a database, just some text that is long enough to have a header.....",
               f);
    std::fclose(f);
  }
  CHECK_THROWS_AS(ledger::Ledger{junk}, LedgerError);
  std::string missing = (tmp.path() / "missing.db").string();
  CHECK_THROWS_WITH_AS(ledger::Ledger(missing, {.mode = ledger::OpenMode::read_only}),
                       doctest::Contains("no ledger at"),
                       LedgerError);
  CHECK(!std::filesystem::exists(missing));
}

TEST_CASE("ledger: read-only connections migrate an outdated ledger first") {
  TempDir tmp;
  std::string path = (tmp.path() / "l.db").string();
  std::vector<ledger::EmbeddedMigration> v1 = {{"001_a.sql", "CREATE TABLE a (x INTEGER);"}};
  std::vector<ledger::EmbeddedMigration> v2 = {v1[0], {"002_b.sql", "CREATE TABLE b (y);"}};
  { ledger::Ledger db(path, {.migrations = &v1}); }
  ledger::Ledger reader(path, {.mode = ledger::OpenMode::read_only, .migrations = &v2});
  CHECK(reader.schema_version() == 2);
  CHECK(reader.scalar_int("PRAGMA query_only") == 1);
  CHECK_THROWS_AS(reader.exec("INSERT INTO a VALUES (1)"), LedgerError);
}
