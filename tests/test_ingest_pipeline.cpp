#include "ingest/pipeline.hpp"
#include "ledger/ledger.hpp"
#include "testutil.hpp"

#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <string>

using namespace factledger;
using factledger::testutil::fixture_path;
using factledger::testutil::TempDir;

TEST_SUITE_BEGIN("ingest");

namespace {

struct Run {
  ingest::IngestReport report;
  std::vector<std::string> problems; // "error: origin: message"
};

Run run_ingest(ledger::Ledger& db, std::vector<std::string> inputs, std::size_t batch = 500) {
  ingest::IngestOptions options;
  options.inputs = std::move(inputs);
  options.batch_articles = batch;
  Run run;
  run.report = ingest::ingest(db, options, [&](const ingest::Diagnostic& d) {
    run.problems.push_back(
        (d.severity == ingest::Diagnostic::Severity::error ? "error: " : "warning: ")
        + d.to_string());
  });
  return run;
}

std::string fixture(const char* relative) {
  return fixture_path(relative).string();
}

} // namespace

TEST_CASE("ingest: JSON Lines records become articles with outlets; a second run adds nothing") {
  TempDir tmp;
  ledger::Ledger db((tmp.path() / "l.db").string());
  Run first = run_ingest(db, {fixture("ingest/good.jsonl")});
  CHECK(first.problems.empty());
  CHECK(first.report.status == ledger::RunStatus::ok);
  CHECK(first.report.counts.files_seen == 1);
  CHECK(first.report.counts.articles_seen == 3);
  CHECK(first.report.counts.articles_new == 3);
  CHECK(db.scalar_int("SELECT count(*) FROM articles") == 3);
  CHECK(db.scalar_text("SELECT key FROM articles WHERE title LIKE 'Pékin%'")
        == "url:https://exemple-presse.fr/chine/fonds-puces");
  CHECK(db.scalar_text("SELECT outlet || '|' || published || '|' || lang FROM v_articles WHERE "
                       "title LIKE 'Pékin%'")
        == "exemple-presse.fr|2025-07-16|fr");
  CHECK(db.scalar_text("SELECT outlet FROM v_articles WHERE title LIKE 'Commerce%'")
        == "Policy Wire");
  CHECK(db.scalar_text("SELECT substr(key, 1, 7) FROM articles WHERE title = 'Sans adresse'")
        == "sha256:");
  CHECK(db.scalar_int(
            "SELECT count(*) FROM articles WHERE title = 'Sans adresse' AND source_id IS NULL")
        == 1);
  CHECK(db.scalar_text("SELECT origin FROM articles WHERE title = 'Sans adresse'")
        == fixture("ingest/good.jsonl") + ":3");
  CHECK(db.scalar_text("SELECT status FROM ingest_runs WHERE id = 1") == "ok");
  CHECK(db.scalar_int("SELECT articles_new FROM ingest_runs WHERE id = 1") == 3);
  // The fixture makes this amount certain: it is stored with its sentence.
  CHECK(db.scalar_text("SELECT amount || ' ' || qualifier FROM v_amounts WHERE title LIKE 'Pékin%' "
                       "AND currency = 'USD'")
        == "8.5 bn USD approx");
  CHECK(db.scalar_text(
            "SELECT sentence FROM v_amounts WHERE currency = 'USD' AND title LIKE 'Pékin%'")
        == "La Chine a débloqué près de 8,5 milliards de dollars pour ses fonderies.");
  std::int64_t mentions = db.scalar_int("SELECT count(*) FROM amount_mentions")
                          + db.scalar_int("SELECT count(*) FROM date_mentions");
  CHECK(first.report.counts.amounts_added + first.report.counts.dates_added == mentions);
  // Facts are counted like mentions, in the report and in the run's row.
  std::int64_t facts = db.scalar_int("SELECT count(*) FROM facts");
  CHECK(facts > 0);
  CHECK(first.report.counts.facts_added == facts);
  CHECK(db.scalar_int("SELECT facts_added FROM v_runs WHERE id = 1") == facts);

  Run second = run_ingest(db, {fixture("ingest/good.jsonl")});
  CHECK(second.report.counts.articles_seen == 3);
  CHECK(second.report.counts.articles_new == 0);
  CHECK(second.report.counts.articles_unchanged == 3);
  CHECK(second.report.counts.articles_updated == 0);
  CHECK(second.report.counts.amounts_added == 0);
  CHECK(second.report.counts.facts_added == 0);
  CHECK(db.scalar_int("SELECT facts_added FROM v_runs WHERE id = 2") == 0);
  CHECK(db.scalar_int("SELECT count(*) FROM articles") == 3);
  CHECK(db.scalar_int("SELECT count(*) FROM amount_mentions")
            + db.scalar_int("SELECT count(*) FROM date_mentions")
        == mentions);
  CHECK(db.scalar_text("SELECT new || ' ' || unchanged FROM v_runs WHERE id = 2") == "0 3");
}

TEST_CASE("ingest: a changed article at the same URL replaces its mentions") {
  TempDir tmp;
  ledger::Ledger db((tmp.path() / "l.db").string());
  Run v1 = run_ingest(db, {fixture("ingest/v1/article.txt")});
  CHECK(v1.report.counts.articles_new == 1);
  std::int64_t id = db.scalar_int("SELECT id FROM articles");
  std::string hash1 = db.scalar_text("SELECT content_hash FROM articles");
  Run v2 = run_ingest(db, {fixture("ingest/v2/article.txt")});
  CHECK(v2.report.counts.articles_new == 0);
  CHECK(v2.report.counts.articles_updated == 1);
  CHECK(db.scalar_int("SELECT count(*) FROM articles") == 1);
  CHECK(db.scalar_int("SELECT id FROM articles") == id);
  CHECK(db.scalar_text("SELECT content_hash FROM articles") != hash1);
  CHECK(db.scalar_text("SELECT substr(text, 1, 23) FROM articles") == "La Chine a finalement d");
  // No mention of the old text survives; the new ones point into the new text.
  CHECK(db.scalar_int("SELECT count(*) FROM amount_mentions WHERE text LIKE '%8,5%'") == 0);
  CHECK(db.scalar_int("SELECT count(*) FROM amount_mentions m JOIN articles a ON a.id = "
                      "m.article_id WHERE substr(a.text, m.start + 1, m.end - m.start) <> m.text")
        == 0);
  CHECK(db.scalar_int("SELECT count(*) FROM amount_mentions") == v2.report.counts.amounts_added);
  // The old facts went with their amounts; the run counts the new ones.
  CHECK(db.scalar_int("SELECT count(*) FROM facts") == v2.report.counts.facts_added);
  CHECK(db.scalar_int("SELECT count(*) FROM facts f JOIN amount_mentions m ON m.id = f.amount_id "
                      "WHERE m.article_id <> f.article_id")
        == 0);
  CHECK(db.scalar_int("SELECT count(*) FROM articles_fts WHERE articles_fts MATCH 'finalement'")
        == 1);
  CHECK(db.scalar_int("SELECT count(*) FROM articles_fts WHERE articles_fts MATCH 'pres'") == 0);
  // Going back to v1 is a change too.
  Run back = run_ingest(db, {fixture("ingest/v1/article.txt")});
  CHECK(back.report.counts.articles_updated == 1);
  CHECK(db.scalar_text("SELECT content_hash FROM articles") == hash1);
}

TEST_CASE("ingest: bad JSON lines are reported with line numbers; the others are ingested") {
  TempDir tmp;
  ledger::Ledger db((tmp.path() / "l.db").string());
  std::string file = fixture("ingest/bad_lines.jsonl");
  Run run = run_ingest(db, {file});
  CAPTURE(run.problems.size());
  CHECK(run.report.status == ledger::RunStatus::errors);
  CHECK(run.report.counts.articles_new == 2);
  CHECK(run.report.counts.errors == 4);
  CHECK(run.report.counts.articles_failed == 4);
  REQUIRE(run.problems.size() == 4);
  CHECK(run.problems[0] == "error: " + file + ":2: invalid JSON record");
  CHECK(run.problems[1] == "error: " + file + ":3: JSON record is not an object");
  CHECK(run.problems[2].rfind("error: " + file + ":4: record has no text field", 0) == 0);
  CHECK(run.problems[3] == "error: " + file + ":5: invalid published date \"sometime in May\"");
  CHECK(db.scalar_int("SELECT count(*) FROM articles") == 2);
  CHECK(db.scalar_int("SELECT count(*) FROM ingest_errors WHERE run_id = 1 AND severity = 'error'")
        == 4);
  CHECK(
      db.scalar_text("SELECT group_concat(substr(origin, length(origin)), ',') FROM ingest_errors")
      == "2,3,4,5");
  CHECK(db.scalar_text("SELECT status || ' ' || errors || ' ' || failed FROM v_runs")
        == "errors 4 4");
}

TEST_CASE("ingest: binary, empty, blank and missing inputs never stop the run") {
  TempDir tmp;
  auto binary = tmp.path() / "image.jsonl";
  {
    std::ofstream out(binary, std::ios::binary);
    for (int i = 0; i < 4096; ++i) {
      out.put(static_cast<char>((i * 37) & 0xFF));
    }
  }
  ledger::Ledger db((tmp.path() / "l.db").string());
  std::string missing = (tmp.path() / "missing.txt").string();
  Run run = run_ingest(db,
                       {binary.string(),
                        fixture("ingest/empty.txt"),
                        fixture("ingest/blank_body.txt"),
                        missing,
                        fixture("ingest/good.jsonl")});
  CHECK(run.report.counts.articles_new == 3);
  CHECK(run.report.counts.errors == 2);
  CHECK(run.report.counts.warnings == 2);
  CHECK(run.report.status == ledger::RunStatus::errors);
  std::string all;
  for (const auto& p : run.problems) {
    all += p + "\n";
  }
  CAPTURE(all);
  CHECK(all.find("error: " + missing + ": no such file or directory") != std::string::npos);
  CHECK(all.find("error: " + binary.string() + ": binary file") != std::string::npos);
  CHECK(all.find("warning: " + fixture("ingest/empty.txt") + ": no article text, skipped")
        != std::string::npos);
  CHECK(all.find("warning: " + fixture("ingest/blank_body.txt") + ": no article text, skipped")
        != std::string::npos);
  CHECK(db.scalar_int("SELECT count(*) FROM articles") == 3);
  CHECK(db.scalar_int("SELECT count(*) FROM ingest_errors") == 4);
  CHECK(db.integrity_check() == "ok");
}

TEST_CASE("ingest: directories are walked recursively in sorted order, hidden and foreign files "
          "skipped") {
  ingest::Diagnostics diagnostics;
  auto files = ingest::expand_inputs({fixture("ingest/tree")}, diagnostics);
  CHECK(diagnostics.empty());
  REQUIRE(files.size() == 3);
  CHECK(files[0] == fixture("ingest/tree") + "/a.txt");
  CHECK(files[1] == fixture("ingest/tree") + "/sub/b.html");
  CHECK(files[2] == fixture("ingest/tree") + "/sub/c.jsonl");

  TempDir tmp;
  ledger::Ledger db((tmp.path() / "l.db").string());
  // Small batches: several transactions in one run give the same result.
  Run run = run_ingest(db, {fixture("ingest/tree")}, 1);
  CHECK(run.report.counts.files_seen == 3);
  CHECK(run.report.counts.articles_new == 3);
  CHECK(db.scalar_text(
            "SELECT group_concat(title, '|') FROM (SELECT title FROM articles ORDER BY id)")
        == "Tree article A|Tree article B|Tree article C");
  CHECK(db.scalar_text("SELECT url FROM articles WHERE title = 'Tree article B'")
        == "https://example.org/tree/b");
  CHECK(db.scalar_int("SELECT count(*) FROM articles WHERE title = 'hidden'") == 0);
}

TEST_CASE(
    "ingest: two inputs of one run with the same URL keep the first; re-runs change nothing") {
  TempDir tmp;
  ledger::Ledger db((tmp.path() / "l.db").string());
  std::string file = fixture("ingest/duplicate_url.jsonl");
  for (int run = 1; run <= 2; ++run) {
    CAPTURE(run);
    Run r = run_ingest(db, {file});
    CHECK(r.report.status == ledger::RunStatus::ok);
    CHECK(r.report.counts.articles_seen == 3);
    CHECK(r.report.counts.articles_new == (run == 1 ? 2 : 0));
    CHECK(r.report.counts.articles_unchanged == (run == 1 ? 1 : 3));
    CHECK(r.report.counts.articles_updated == 0);
    CHECK(r.report.counts.warnings == 1);
    REQUIRE(r.problems.size() == 1);
    CHECK(r.problems[0]
          == "warning: " + file
                 + ":2: same URL as an article read earlier in this run, with other content; "
                   "the first is kept");
    CHECK(db.scalar_text("SELECT title FROM articles WHERE url LIKE '%dup'") == "Première version");
  }
  CHECK(db.scalar_int("SELECT count(*) FROM articles") == 2);
  Run twice = run_ingest(db, {file, file});
  CHECK(twice.report.counts.articles_seen == 6);
  CHECK(twice.report.counts.articles_unchanged == 6);
  CHECK(twice.report.counts.warnings == 2); // only the record with other content, each time
  CHECK(db.scalar_int("SELECT count(*) FROM articles") == 2);
}

TEST_CASE("ingest: an article the ledger refuses costs only that article, in every batch size, "
          "on a file or an in-memory ledger") {
  TempDir tmp;
  std::string input = (tmp.path() / "five.jsonl").string();
  {
    std::ofstream out(input);
    const char* titles[] = {"Un", "Deux", "Refuse me", "Quatre", "Cinq"};
    int n = 0;
    for (const char* title : titles) {
      ++n;
      out << "{\"title\": \"" << title << "\", \"url\": \"https://example.org/refuse/" << n
          << "\", \"published\": \"2025-05-0" << n << "\", \"lang\": \"fr\", \"text\": \"L'État a "
          << "accordé " << n << " milliards d'euros à la filière numéro " << n << ".\"}\n";
    }
  }
  for (std::string path : {(tmp.path() / "l.db").string(), std::string(":memory:")}) {
    for (std::size_t batch : {1, 2, 500}) {
      CAPTURE(path);
      CAPTURE(batch);
      for (const char* suffix : {"", "-wal", "-shm"}) {
        std::filesystem::remove(path + suffix);
      }
      ledger::Ledger db(path);
      // Stands for any article the schema refuses (a constraint failure while writing).
      db.exec("CREATE TEMP TRIGGER refuse BEFORE INSERT ON main.articles WHEN NEW.title = "
              "'Refuse me' BEGIN SELECT RAISE(ABORT, 'refused by the test'); END");
      Run run = run_ingest(db, {input}, batch);
      CHECK(run.report.status == ledger::RunStatus::errors);
      CHECK(run.report.counts.articles_seen == 5);
      CHECK(run.report.counts.articles_new == 4);
      CHECK(run.report.counts.articles_failed == 1);
      CHECK(run.report.counts.errors == 1);
      REQUIRE(run.problems.size() == 1);
      CHECK(run.problems[0].rfind("error: " + input + ":3: ", 0) == 0);
      CHECK(run.problems[0].find("refused by the test") != std::string::npos);
      CHECK(db.scalar_text("SELECT group_concat(title, '|') FROM (SELECT title FROM articles "
                           "ORDER BY id)")
            == "Un|Deux|Quatre|Cinq");
      // The run's row, written batch by batch, ends with the same counts as the report.
      CHECK(db.scalar_text("SELECT articles || ' ' || new || ' ' || failed || ' ' || errors || ' ' "
                           "|| status FROM v_runs")
            == "5 4 1 1 errors");
      CHECK(db.scalar_int("SELECT amounts_added FROM ingest_runs")
            == db.scalar_int("SELECT count(*) FROM amount_mentions"));
      CHECK(db.scalar_int("SELECT facts_added FROM ingest_runs")
            == db.scalar_int("SELECT count(*) FROM facts"));
      CHECK(db.scalar_int("SELECT count(*) FROM amount_mentions") >= 4);
      CHECK(db.scalar_text("SELECT origin || ' ' || message FROM ingest_errors")
                .rfind(input + ":3 ", 0)
            == 0);
      CHECK(db.scalar_int("SELECT count(*) FROM articles_fts WHERE articles_fts MATCH 'filiere'")
            == 4);
    }
  }
}
