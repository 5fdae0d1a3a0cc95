#include "ledger/ledger.hpp"
#include "ledger/query.hpp"
#include "ledger/search.hpp"
#include "model/error.hpp"
#include "report/query_format.hpp"
#include "testutil.hpp"

#include <doctest/doctest.h>

#include <sstream>
#include <string>

using namespace factledger;
using factledger::testutil::TempDir;

TEST_SUITE_BEGIN("ledger");

namespace {

// A small file ledger with two articles, then reopened read-only as `factledger query` does.
std::string make_ledger(const TempDir& tmp) {
  std::string path = (tmp.path() / "q.db").string();
  ledger::Ledger db(path);
  db.exec(R"sql(
    INSERT INTO sources (id, name, created_at) VALUES (1, 'Le Quotidien', 't'), (2, 'Wire, "Inc"', 't');
    INSERT INTO articles (id, key, url, title, published, lang, source_id, content_hash, text,
                          ingested_at, updated_at, extractor_version)
    VALUES (1, 'url:a', 'https://a', 'Pékin et les puces', '2025-07-16', 'fr', 1, 'h1',
            'La Chine a débloqué près de 8,5 milliards de dollars pour ses fonderies.', 't', 't', 'v'),
           (2, 'url:b', 'https://b', 'Chips grant', '2025-06-03', 'en', 2, 'h2',
            'The Commerce Department awarded a grant.' || char(10) || 'Second line, with "quotes".', 't', 't', 'v');
    INSERT INTO articles_fts (articles_fts) VALUES ('rebuild'); -- rows added by hand
  )sql");
  return path;
}

std::string render(ledger::Ledger& db,
                   report::ResultFormat format,
                   const std::string& sql,
                   const std::vector<ledger::QueryParam>& params = {}) {
  std::ostringstream out;
  auto sink = report::make_result_sink(format, out);
  ledger::run_query(db, sql, params, *sink);
  return out.str();
}

} // namespace

TEST_CASE("ledger::run_query refuses writes on a read-only connection and changes nothing") {
  TempDir tmp;
  std::string path = make_ledger(tmp);
  ledger::Ledger db(path, {.mode = ledger::OpenMode::read_only});
  ledger::CollectingSink sink;
  for (const char* sql : {"DROP TABLE articles",
                          "INSERT INTO sources (name, created_at) VALUES ('x', 't')",
                          "DELETE FROM articles",
                          "UPDATE articles SET title = 'x'",
                          "CREATE TABLE t (x)",
                          "PRAGMA user_version = 99"}) {
    CAPTURE(sql);
    CHECK_THROWS_WITH_AS(
        ledger::run_query(db, sql, {}, sink), doctest::Contains("read-only"), UsageError);
  }
  // Even a write smuggled past the statement check meets the read-only connection.
  CHECK_THROWS_AS(db.exec("DELETE FROM articles"), LedgerError);
  ledger::Ledger check(path);
  CHECK(check.scalar_int("SELECT count(*) FROM articles") == 2);
  CHECK(check.scalar_int("SELECT count(*) FROM sources") == 2);
  CHECK(check.schema_version() != 99);
}

TEST_CASE("ledger::run_query reports bad SQL and parameters clearly") {
  TempDir tmp;
  ledger::Ledger db(make_ledger(tmp), {.mode = ledger::OpenMode::read_only});
  ledger::CollectingSink sink;
  CHECK_THROWS_WITH_AS(ledger::run_query(db, "SELEC * FROM articles", {}, sink),
                       "invalid SQL: near \"SELEC\": syntax error",
                       UsageError);
  CHECK_THROWS_WITH_AS(ledger::run_query(db, "SELECT * FROM nowhere", {}, sink),
                       "invalid SQL: no such table: nowhere",
                       UsageError);
  CHECK_THROWS_WITH_AS(ledger::run_query(db, "SELECT 1; SELECT 2", {}, sink),
                       doctest::Contains("several SQL statements"),
                       UsageError);
  CHECK_THROWS_WITH_AS(ledger::run_query(db, "  ", {}, sink), "the query is empty", UsageError);
  CHECK_THROWS_WITH_AS(ledger::run_query(db, "SELECT :since", {}, sink),
                       "parameter \":since\" has no value (use --param since=VALUE)",
                       UsageError);
  CHECK_THROWS_WITH_AS(ledger::run_query(db, "SELECT 1", {{"x", "1"}}, sink),
                       "--param \"x\" is not used by the query",
                       UsageError);
  CHECK_THROWS_WITH_AS(ledger::parse_query_param("novalue"),
                       "invalid --param \"novalue\" (expected NAME=VALUE)",
                       UsageError);
  CHECK(ledger::parse_query_param(":since=2025-01-01").name == "since");
  CHECK(ledger::parse_query_param("q=a=b").value == "a=b");
  CHECK(ledger::run_query(db, "SELECT 1;;  ", {}, sink) == 1); // trailing semicolons are fine
}

TEST_CASE("ledger::run_query binds named parameters; integers as integers") {
  TempDir tmp;
  ledger::Ledger db(make_ledger(tmp), {.mode = ledger::OpenMode::read_only});
  ledger::CollectingSink sink;
  auto rows = ledger::run_query(db,
                                "SELECT title, typeof(:n) FROM articles WHERE published >= :since "
                                "ORDER BY id LIMIT :n",
                                {{"since", "2025-07-01"}, {"n", "5"}},
                                sink);
  CHECK(rows == 1);
  REQUIRE(sink.rows().size() == 1);
  CHECK(sink.rows()[0][0].text == "Pékin et les puces");
  CHECK(sink.rows()[0][1].text == "integer");
  CHECK(sink.columns() == std::vector<std::string>{"title", "typeof(:n)"});
}

TEST_CASE("query output formats: table, RFC 4180 CSV, JSON and JSON Lines") {
  TempDir tmp;
  ledger::Ledger db(make_ledger(tmp), {.mode = ledger::OpenMode::read_only});
  const std::string sql = "SELECT a.id, s.name AS outlet, a.published, NULL AS empty, 1.5 AS r, "
                          "substr(a.text, 1, 60) AS text FROM articles a JOIN sources s ON s.id = "
                          "a.source_id ORDER BY a.id";

  // Fields with a comma, a quote or a line break are quoted, quotes doubled; lines end CRLF.
  CHECK(render(db, report::ResultFormat::csv, sql)
        == "id,outlet,published,empty,r,text\r\n"
           "1,Le Quotidien,2025-07-16,,1.5,\"La Chine a débloqué près de 8,5 milliards de dollars "
           "pour se\"\r\n"
           "2,\"Wire, \"\"Inc\"\"\",2025-06-03,,1.5,\"The Commerce Department awarded a grant.\n"
           "Second line, with \"\"\"\r\n");
  CHECK(report::csv_field("plain") == "plain");
  CHECK(report::csv_field("a\rb") == "\"a\rb\"");

  CHECK(render(db,
               report::ResultFormat::jsonl,
               "SELECT id, published, NULL AS n, 2.5 AS r FROM articles ORDER BY id")
        == "{\"id\":1,\"published\":\"2025-07-16\",\"n\":null,\"r\":2.5}\n"
           "{\"id\":2,\"published\":\"2025-06-03\",\"n\":null,\"r\":2.5}\n");
  CHECK(render(db, report::ResultFormat::json, "SELECT id FROM articles ORDER BY id")
        == "[\n  {\"id\":1},\n  {\"id\":2}\n]\n");
  CHECK(render(db, report::ResultFormat::json, "SELECT id FROM articles WHERE 0") == "[]\n");

  std::string table =
      render(db, report::ResultFormat::table, "SELECT id, title, lang FROM articles ORDER BY id");
  CHECK(table
        == "id  title               lang\n"
           "--  ------------------  ----\n"
           "1   Pékin et les puces  fr\n"
           "2   Chips grant         en\n"
           "(2 rows)\n");
}

TEST_CASE("ledger::search_articles: FTS5 over titles and texts, diacritics folded") {
  TempDir tmp;
  ledger::Ledger db(make_ledger(tmp), {.mode = ledger::OpenMode::read_only});
  auto hits = ledger::search_articles(db, "debloque milliards", 10);
  REQUIRE(hits.size() == 1);
  CHECK(hits[0].title == "Pékin et les puces");
  CHECK(hits[0].outlet == "Le Quotidien");
  CHECK(hits[0].published == "2025-07-16");
  CHECK(hits[0].url == "https://a");
  CHECK(hits[0].snippet.find("[débloqué]") != std::string::npos);
  CHECK(hits[0].snippet.find("[milliards]") != std::string::npos);
  CHECK(ledger::search_articles(db, "pekin", 10).size() == 1); // title, accent folded
  CHECK(ledger::search_articles(db, "grant OR fonderies", 10).size() == 2);
  CHECK(ledger::search_articles(db, "grant OR fonderies", 1).size() == 1);
  CHECK(ledger::search_articles(db, "\"awarded a grant\"", 10).size() == 1);
  CHECK(ledger::search_articles(db, "nothingmatches", 10).empty());
  CHECK_THROWS_WITH_AS(
      ledger::search_articles(db, "\"unbalanced", 10),
      doctest::Contains("invalid search terms \"\"unbalanced\": unterminated string"),
      UsageError);
  CHECK_THROWS_WITH_AS(ledger::search_articles(db, "AND OR", 10),
                       doctest::Contains("fts5: syntax error"),
                       UsageError);
  CHECK_THROWS_AS(ledger::search_articles(db, "  ", 10), UsageError);
}
