#include "ledger/embedded_migrations.hpp"
#include "ledger/ledger.hpp"
#include "ledger/migrations.hpp"
#include "model/error.hpp"
#include "testutil.hpp"

#include <SQLiteCpp/SQLiteCpp.h>
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

TEST_CASE("ledger: a ledger made by migrations 001..002 is brought to 003 with its data kept") {
  TempDir tmp;
  std::string path = (tmp.path() / "l.db").string();
  const auto& all = ledger::embedded_migrations();
  REQUIRE(all.size() >= 3);
  REQUIRE(all[2].name == "003_run_facts.sql");
  std::vector<ledger::EmbeddedMigration> v2(all.begin(), all.begin() + 2);
  {
    ledger::Ledger db(path, {.migrations = &v2});
    REQUIRE(db.schema_version() == 2);
    CHECK(db.scalar_int("SELECT count(*) FROM pragma_table_info('ingest_runs') WHERE name = "
                        "'facts_added'")
          == 0);
    db.exec("INSERT INTO ingest_runs (started_at, status, factledger_version, extractor_version, "
            "articles_new, amounts_added, dates_added) VALUES ('2025-07-01T00:00:00Z', 'ok', "
            "'0.1.0', '0.1.0', 4, 7, 5)");
  }
  {
    ledger::Ledger db(path);
    CHECK(db.schema_version() == ledger::latest_version(all));
    CHECK(db.schema_version() >= 3);
    // The run recorded before 003 keeps its counts; it did not count facts.
    CHECK(db.scalar_text("SELECT new || ' ' || mentions_added || ' ' || facts_added FROM v_runs")
          == "4 12 0");
    CHECK(db.scalar_int("SELECT count(*) FROM pragma_table_info('v_runs') WHERE name = "
                        "'facts_added'")
          == 1);
    // The view keeps its other columns, facts_added right after dates_added.
    CHECK(db.scalar_text("SELECT group_concat(name, ',') FROM pragma_table_info('v_runs')")
          == "id,started_at,finished_at,status,seconds,files,articles,new,unchanged,updated,"
             "failed,mentions_added,amounts_added,dates_added,facts_added,warnings,errors,"
             "extractor_version,inputs");
    db.exec("UPDATE ingest_runs SET facts_added = 3");
    CHECK(db.integrity_check() == "ok");
  }
  // Opening again applies nothing twice (ALTER TABLE ADD COLUMN would fail if it did).
  ledger::Ledger db(path);
  CHECK(db.scalar_int("SELECT facts_added FROM v_runs") == 3);
  CHECK(db.scalar_int("SELECT count(*) FROM ingest_runs") == 1);
}

namespace {

// How many temporary b-trees (OpenEphemeral) SQLite builds for one INSERT of a row into `table`.
int ephemeral_tables_per_insert(ledger::Ledger& db, const std::string& table) {
  std::string columns;
  std::string params;
  SQLite::Statement info(db.database(), "SELECT name FROM pragma_table_info(?1) WHERE pk = 0");
  info.bind(1, table);
  while (info.executeStep()) {
    columns += (columns.empty() ? "" : ", ") + info.getColumn(0).getString();
    params += params.empty() ? "?" : ", ?";
  }
  SQLite::Statement explain(
      db.database(),
      fmt::format("EXPLAIN INSERT INTO {} ({}) VALUES ({})", table, columns, params));
  int count = 0;
  while (explain.executeStep()) {
    count += explain.getColumn(1).getString() == "OpenEphemeral" ? 1 : 0;
  }
  return count;
}

} // namespace

TEST_CASE("ledger: migration 003 keeps the value checks of mentions and facts, without the "
          "temporary index per INSERT") {
  TempDir tmp;
  std::string path = (tmp.path() / "l.db").string();
  const auto& all = ledger::embedded_migrations();
  std::vector<ledger::EmbeddedMigration> v2(all.begin(), all.begin() + 2);
  {
    // Before 003, each `x IN ('a', 'b', 'c', ...)` check builds a temporary index per INSERT.
    ledger::Ledger db(path, {.migrations = &v2});
    CHECK(ephemeral_tables_per_insert(db, "amount_mentions") == 1);
    CHECK(ephemeral_tables_per_insert(db, "date_mentions") == 1);
    CHECK(ephemeral_tables_per_insert(db, "facts") == 4);
  }
  ledger::Ledger db(path);
  // The connection that migrated uses the new checks at once, as does a new one.
  for (const char* table : {"amount_mentions", "date_mentions", "facts"}) {
    CAPTURE(table);
    CHECK(ephemeral_tables_per_insert(db, table) == 0);
    ledger::Ledger other(path);
    CHECK(ephemeral_tables_per_insert(other, table) == 0);
  }
  CHECK(db.integrity_check() == "ok");
  // Same accepted values as before, one column at a time on an otherwise valid row.
  db.exec(
      "INSERT INTO articles (id, key, lang, content_hash, text, ingested_at, updated_at, "
      "extractor_version) VALUES (1, 'k', 'fr', 'h', 'Deux milliards le 3 mai.', 't', 't', 'v');"
      "INSERT INTO amount_mentions (id, article_id, ordinal, sentence_index, sentence_start, "
      "sentence_end, start, end, text, value, currency, qualifier, readable, rule, "
      "extractor_version) VALUES (1, 1, 0, 0, 0, 24, 0, 13, 'Deux milliards', '2000000000', "
      "'EUR', 'exact', '2 bn EUR', 'r', 'v');"
      "INSERT INTO date_mentions (id, article_id, ordinal, sentence_index, sentence_start, "
      "sentence_end, start, end, text, kind, value, grain, rule, extractor_version) VALUES "
      "(1, 1, 0, 0, 0, 24, 17, 23, '3 mai', 'date', '2025-05-03', 'day', 'r', 'v');"
      "INSERT INTO facts (id, article_id, amount_id, sentence_start, sentence_end, status, "
      "hedged, amount_kind, confidence, rule, extractor_version) VALUES (1, 1, 1, 0, 24, "
      "'announced', 0, 'committed', 0.5, 'r', 'v')");
  struct Case {
    const char* table;
    const char* column;
    const char* values; // accepted, comma-separated
    const char* refused;
  };
  const Case cases[] = {
      {"amount_mentions", "qualifier", "exact,approx,upto,atleast,atmost,range", "Exact"},
      {"date_mentions", "grain", "day,month,quarter,half,year", "week"},
      {"facts", "instrument", "grant,loan,equity,fund,tax,guarantee,procurement,other", "subsidy"},
      {"facts", "status", "announced,preliminary,awarded,disbursed,cancelled", "rumoured"},
      {"facts", "amount_kind", "committed,registered_capital,target,cumulative,annual", "monthly"},
      {"facts", "review_state", "auto,verified,rejected,edited", "approved"},
  };
  for (const auto& c : cases) {
    CAPTURE(c.column);
    std::string values = c.values;
    for (std::size_t b = 0, e = 0; b <= values.size(); b = e + 1) {
      e = std::min(values.find(',', b), values.size());
      std::string value = values.substr(b, e - b);
      CAPTURE(value);
      CHECK_NOTHROW(db.exec(fmt::format("UPDATE {} SET {} = '{}'", c.table, c.column, value)));
    }
    CHECK_THROWS_WITH_AS(
        db.exec(fmt::format("UPDATE {} SET {} = '{}'", c.table, c.column, c.refused)),
        doctest::Contains("CHECK constraint failed"),
        LedgerError);
  }
  // A fact may leave its instrument unknown, as before.
  CHECK_NOTHROW(db.exec("UPDATE facts SET instrument = NULL"));
  CHECK(db.scalar_int("SELECT count(*) FROM facts WHERE instrument IS NULL") == 1);
}
