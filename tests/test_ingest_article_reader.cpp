#include "ingest/article_reader.hpp"
#include "model/error.hpp"
#include "testutil.hpp"

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include <fstream>
#include <vector>

using namespace factledger;
using factledger::testutil::fixture_path;

namespace {

struct ReadResult {
  std::vector<Article> articles;
  ingest::Diagnostics diagnostics;
};

ReadResult read_all(const std::string& path, const ingest::ReadOptions& options = {}) {
  ReadResult r;
  ingest::read_articles(
      path, options, [&](Article&& a) { r.articles.push_back(std::move(a)); }, r.diagnostics);
  return r;
}

void write_bytes(const std::filesystem::path& p, const std::string& bytes) {
  std::ofstream out(p, std::ios::binary);
  out << bytes;
}

} // namespace

TEST_SUITE_BEGIN("ingest");

TEST_CASE("ingest::read_articles plain text with a header block") {
  auto r = read_all(fixture_path("reader/header_article.txt").string());
  REQUIRE(r.articles.size() == 1);
  CHECK(r.diagnostics.empty());
  const Article& a = r.articles[0];
  CHECK(a.title == "Bercy débloque 1,2 Md€ pour les gigafactories de batteries");
  CHECK(a.url == "https://www.exemple-industrie.fr/2025/06/12/bercy-batteries");
  REQUIRE(a.published);
  CHECK(a.published->to_string() == "2025-06-12");
  CHECK(a.source == "La Gazette de l'Industrie");
  CHECK(a.lang == "fr");
  CHECK(a.text.rfind("Le ministère de l'Économie", 0) == 0);
  CHECK(a.text.find("title:") == std::string::npos);
}

TEST_CASE("ingest::read_articles plain text without a header keeps the whole text") {
  ingest::ReadOptions options;
  options.published = CivilDate::parse("2025-04-01");
  options.source = "Wire";
  auto r = read_all(fixture_path("reader/no_header.txt").string(), options);
  REQUIRE(r.articles.size() == 1);
  const Article& a = r.articles[0];
  // "Washington: the Commerce..." looks like `key: value` but is not a known key.
  CHECK(a.text.rfind("Washington: the Commerce Department", 0) == 0);
  CHECK(a.title.empty());
  CHECK(a.published == options.published);
  CHECK(a.source == "Wire");
  CHECK(a.id == fixture_path("reader/no_header.txt").string());
}

TEST_CASE("ingest::read_articles JSON Lines with crawler field names and bad lines") {
  std::string path = fixture_path("reader/records.jsonl").string();
  auto r = read_all(path);
  REQUIRE(r.articles.size() == 4);
  CHECK(r.articles[0].id == "cc-001");
  CHECK(r.articles[0].text.rfind("Beijing will hand out", 0) == 0);
  CHECK(r.articles[0].published->to_string() == "2025-07-02");
  CHECK(r.articles[0].lang == "en");
  CHECK(r.articles[0].source == "news.example.com");
  CHECK(r.articles[0].url == "https://news.example.com/cc-001");
  CHECK(r.articles[0].origin == path + ":1");

  CHECK(r.articles[1].id == path + ":2"); // no id: the origin stands in
  CHECK(r.articles[1].lang == "fr");      // "fr-FR"
  CHECK(r.articles[1].published->to_string() == "2025-06-30");
  CHECK(r.articles[1].source == "www.exemple.jp");
  CHECK(r.articles[1].text.find("100 milliards de yens") != std::string::npos);

  CHECK(r.articles[2].id == "42"); // numeric ids become strings
  CHECK(r.articles[2].source == "Le Quotidien de Montréal");
  CHECK(r.articles[3].id == "last");

  REQUIRE(r.diagnostics.size() == 4);
  CHECK(r.diagnostics[0].to_string() == path + ":4: invalid JSON record");
  CHECK(r.diagnostics[1].to_string() == path + ":5: JSON record is not an object");
  CHECK(r.diagnostics[2].to_string()
        == path + ":6: record has no text field (text, maintext, body or content)");
  CHECK(r.diagnostics[3].to_string() == path + ":7: invalid published date \"July 2025\"");
  for (const auto& d : r.diagnostics) {
    CHECK(d.severity == ingest::Diagnostic::Severity::error);
  }
}

TEST_CASE("ingest::read_articles bad inputs are diagnosed, never thrown") {
  testutil::TempDir tmp;
  SUBCASE("binary file") {
    auto p = tmp.path() / "image.png";
    write_bytes(p, std::string("\x89PNG\r\n\x1a\n\0\0\0\rIHDR", 16));
    auto r = read_all(p.string());
    CHECK(r.articles.empty());
    REQUIRE(r.diagnostics.size() == 1);
    CHECK(r.diagnostics[0].message == "binary file (NUL or control bytes), skipped");
  }
  SUBCASE("invalid UTF-8 is replaced with a warning") {
    auto p = tmp.path() / "latin1.txt";
    write_bytes(p, "Aide de 3 millions d'euros \xE0 la r\xE9gion.\n");
    auto r = read_all(p.string());
    REQUIRE(r.articles.size() == 1);
    CHECK(r.articles[0].text == "Aide de 3 millions d'euros \xEF\xBF\xBD la r\xEF\xBF\xBDgion.\n");
    REQUIRE(r.diagnostics.size() == 1);
    CHECK(r.diagnostics[0].severity == ingest::Diagnostic::Severity::warning);
    CHECK(r.diagnostics[0].to_string()
          == p.string() + ": invalid UTF-8 at byte 27 (2 bytes replaced)");
  }
  SUBCASE("empty file is an empty article") {
    auto p = tmp.path() / "empty.txt";
    write_bytes(p, "");
    auto r = read_all(p.string());
    REQUIRE(r.articles.size() == 1);
    CHECK(r.articles[0].text.empty());
    CHECK(r.diagnostics.empty());
  }
  SUBCASE("missing file") {
    auto r = read_all((tmp.path() / "nope.txt").string());
    CHECK(r.articles.empty());
    REQUIRE(r.diagnostics.size() == 1);
    CHECK(r.diagnostics[0].message == "cannot open: No such file or directory");
  }
  SUBCASE("invalid header date") {
    auto p = tmp.path() / "bad.txt";
    write_bytes(p, "title: x\npublished: 12/06/2025\n\nBody.\n");
    auto r = read_all(p.string());
    CHECK(r.articles.empty());
    REQUIRE(r.diagnostics.size() == 1);
    CHECK(r.diagnostics[0].message == "invalid published date \"12/06/2025\" in header");
  }
}

TEST_CASE("ingest::normalize_lang") {
  CHECK(ingest::normalize_lang("fr-FR") == "fr");
  CHECK(ingest::normalize_lang("French") == "fr");
  CHECK(ingest::normalize_lang("Français") == "fr");
  CHECK(ingest::normalize_lang("en_US") == "en");
  CHECK(ingest::normalize_lang("de").empty());
}

TEST_SUITE_END();

TEST_CASE("ingest::read_articles JSON Lines edge cases (duplicate keys, null fields, escapes)") {
  std::string path = fixture_path("reader/edge_records.jsonl").string();
  auto r = read_all(path);
  REQUIRE(r.articles.size() == 5);
  CHECK(r.articles[0].id == "dup");
  CHECK(r.articles[0].text == "First text wins."); // a duplicated key: the first one counts
  CHECK(r.articles[1].id == "null-text");          // null is absent: the next name is used
  CHECK(r.articles[1].text == "Le gouvernement a débloqué 2 milliards d’euros.");
  CHECK(r.articles[2].id == "1.5");
  CHECK(r.articles[3].text == "Nested values are ignored.");
  CHECK(r.articles[4].id == "spaced");
  CHECK(r.articles[4].text == "Leading spaces and a tab\tinside.");

  REQUIRE(r.diagnostics.size() == 3);
  CHECK(r.diagnostics[0].to_string() == path + ":5: invalid JSON record"); // lone surrogate
  CHECK(r.diagnostics[1].to_string() == path + ":6: invalid JSON record"); // trailing bytes
  CHECK(r.diagnostics[2].to_string()
        == path + ":7: record has no text field (text, maintext, body or content)");
}
