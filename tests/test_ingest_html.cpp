#include "ingest/html.hpp"
#include "testutil.hpp"

#include <doctest/doctest.h>

#include <string>

using namespace factledger;
using factledger::testutil::read_fixture;

TEST_SUITE_BEGIN("ingest");

namespace {

bool has(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

// The article text as lines (one paragraph or heading per line).
std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> out;
  std::size_t start = 0;
  while (start < text.size()) {
    auto nl = text.find('\n', start);
    if (nl == std::string::npos) {
      nl = text.size();
    }
    out.push_back(text.substr(start, nl - start));
    start = nl + 1;
  }
  return out;
}

const std::string k_nbsp = "\u00A0";

} // namespace

TEST_CASE("ingest::article_from_html: a French news page with furniture, scripts and JSON-LD") {
  Article a = ingest::article_from_html(read_fixture("html/fr_article_full.html"), {});
  CAPTURE(a.text);
  CHECK(a.title == "Puces : Pékin débloque 8,5 milliards de dollars pour ses fonderies");
  REQUIRE(a.published.has_value());
  CHECK(a.published->to_string() == "2025-07-16"); // article:published_time wins over JSON-LD
  CHECK(a.lang == "fr");
  CHECK(a.source == "Le Quotidien de l'Industrie");
  CHECK(a.url == "https://www.quotidien-industrie.fr/asie/puces-pekin-8-5-milliards-fonderies");

  auto lines = lines_of(a.text);
  REQUIRE(lines.size() == 10);
  CHECK(lines[0]
        == "Puces : Pékin débloque 8,5" + k_nbsp + "milliards de dollars pour ses fonderies");
  CHECK(lines[1]
        == "Le gouvernement chinois renforce son soutien aux fabricants de semi-conducteurs.");
  CHECK(lines[2] == "Par Claire Martin, publié le 16 juillet 2025");
  CHECK(lines[3]
        == "La Chine a débloqué près de 8,5 milliards de dollars pour ses fonderies, selon un "
           "document du ministère de l'Industrie consulté par Le Quotidien.");
  CHECK(lines[4] == "Un fonds doté de 3" + k_nbsp + "000 milliards de yuans ?");
  CHECK(lines[5]
        == "Le fonds «" + k_nbsp + "Big Fund" + k_nbsp + "III" + k_nbsp
               + "» avait été lancé en mai 2024 avec un capital de 344 milliards de "
                 "yuans & devrait prendre des participations dans les fonderies.");
  CHECK(lines[6] == "Subventions à l'équipement : 40 %");
  CHECK(lines[7] == "Prêts bonifiés des banques publiques");
  CHECK(lines[8] == "Un fonds de garantie pour les PME"); // a link inside text is text
  CHECK(lines[9] == "Les autorités n’ont pas précisé le calendrier des versements.");

  // Furniture, scripts, styles, comments, asides, captions: none of it is article text.
  for (const char* absent :
       {"cookies",          "Tout accepter", "Économie",     "Le Quotidien de l'Industrie",
        "Publicité",        "12 milliards",  "99 milliards", "77 milliards",
        "dataLayer",        "Partager",      "À lire aussi", "10 000 milliards",
        "salle blanche",    "Commentaires",  "gaspillés",    "Les plus lus",
        "Mentions légales", "trackScroll",   "bandeau",
        "Fonderies", // list items that are only links (topic tags)
        "Facebook"}) {
    CAPTURE(absent);
    CHECK(!has(a.text, absent));
  }
}

TEST_CASE("ingest::article_from_html: JSON-LD @graph metadata, relative canonical, div furniture") {
  Article a = ingest::article_from_html(read_fixture("html/en_article_jsonld.html"), {});
  CAPTURE(a.text);
  CHECK(a.title == "US finalizes $6.6bn CHIPS award to TSMC Arizona");
  REQUIRE(a.published.has_value());
  CHECK(a.published->to_string() == "2024-11-15");
  CHECK(a.lang == "en");
  CHECK(a.source == "Silicon Policy Review");
  CHECK(a.url == "https://siliconpolicyreview.com/articles/tsmc-arizona-chips-award-final/");
  auto lines = lines_of(a.text);
  REQUIRE(lines.size() == 4);
  CHECK(lines[0] == "US finalizes $6.6bn CHIPS award to TSMC Arizona");
  CHECK(lines[1]
        == "The Commerce Department on Friday finalized a $6.6 billion grant to TSMC's Arizona "
           "unit, the first major award under the CHIPS and Science Act to be signed.");
  CHECK(lines[2] == "The company will also have access to up to $5 billion in proposed loans.");
  CHECK(lines[3] == "Officials said disbursements would be tied to construction milestones.");
  for (const char* absent :
       {"Home", "4 min read", "Sign up", "Phoenix", "Copyright", "not valid JSON-LD"}) {
    CAPTURE(absent);
    CHECK(!has(a.text, absent));
  }
}

TEST_CASE("ingest::article_from_html: a Latin-1 page declared by http-equiv is transcoded") {
  std::string bytes = read_fixture("html/fr_latin1.html");
  REQUIRE(has(bytes, "\xC9nergie")); // really Latin-1 on disk: É is one byte
  Article a = ingest::article_from_html(bytes, {});
  CAPTURE(a.text);
  CHECK(a.title == "Énergie : l'État accorde 300 millions d'euros à la filière hydrogène");
  REQUIRE(a.published.has_value());
  CHECK(a.published->to_string() == "2025-03-04");
  CHECK(a.lang == "fr");
  CHECK(a.source.empty());
  CHECK(a.url.empty());
  auto lines = lines_of(a.text);
  REQUIRE(lines.size() == 3);
  CHECK(lines[0] == "Énergie : l'État accorde 300 millions d'euros à la filière hydrogène");
  CHECK(has(lines[1], "une aide de 300 millions d'euros (soit environ 325 millions de dollars)"));
  CHECK(lines[2]
        == "« C'est un signal fort », a déclaré la ministre déléguée à l'Industrie, évoquant un "
           "coût de 3,5 € par kilo d'hydrogène produit.");
  CHECK(!has(a.text, "Accueil"));
  CHECK(!has(a.text, "Tous droits"));
  CHECK(!has(a.text, "\xEF\xBF\xBD")); // no replacement character
}

TEST_CASE("ingest::article_from_html: an undeclared Windows-1252 page is detected by its bytes") {
  std::string page = "<html><body><article><p>Une aide de 5 \x80 et un caf\xE9.</p></article>"
                     "</body></html>";
  Article a = ingest::article_from_html(page, {});
  CHECK(a.text == "Une aide de 5 € et un café.\n");
  // A page declared UTF-8 keeps its bytes (invalid ones replaced).
  Article b =
      ingest::article_from_html("<meta charset=\"utf-8\"><p>d\xC3\xA9j\xC3\xA0 \xFF</p>", {});
  CHECK(b.text == "déjà \xEF\xBF\xBD\n");
}

TEST_CASE("ingest::article_from_html: malformed HTML is read as browsers would") {
  ingest::ReadOptions defaults;
  defaults.published = CivilDate{2025, 1, 2};
  defaults.source = "Fallback Wire";
  Article a = ingest::article_from_html(read_fixture("html/malformed.html"), defaults);
  CAPTURE(a.text);
  CHECK(a.title == "Broken page: $2 billion <b>battery");
  CHECK(a.lang == "en");
  CHECK(a.source == "Broken");
  REQUIRE(a.published.has_value());
  CHECK(a.published->to_string() == "2025-01-02"); // "not a date" falls back to the default
  CHECK(has(a.text, "Table cell paragraph about a $2 billion battery plant"));
  CHECK(has(a.text, "Unclosed paragraph inside a div with misnested tags"));
  CHECK(has(a.text, "Second paragraph with an entity & a bad one &bogus; and €5 million."));
  CHECK(has(a.text, "Paragraph after a stray closing tag."));
  CHECK(!has(a.text, "script text must stay out"));
  CHECK(!has(a.text, "hidden comment text"));
}

TEST_CASE("ingest::article_from_html: pages without paragraphs, empty and hostile pages") {
  Article soup = ingest::article_from_html(read_fixture("html/div_soup.html"), {});
  CHECK(soup.text
        == "Grid operator wins $1.2bn federal loan\n"
           "The Energy Department closed a $1.2 billion loan guarantee for a transmission line.\n"
           "Construction starts in 2026.\n"
           "Officials expect 5,000 jobs.\n");
  CHECK(soup.title == "Grid operator wins $1.2bn federal loan");

  ingest::ReadOptions defaults;
  defaults.lang = "fr";
  Article empty = ingest::article_from_html("", defaults);
  CHECK(empty.text.empty());
  CHECK(empty.lang == "fr");

  // Deep nesting and unclosed everything must neither crash nor lose the text.
  std::string deep;
  for (int i = 0; i < 3000; ++i) {
    deep += "<div>";
  }
  deep += "<p>deep text</p>";
  Article nested = ingest::article_from_html(deep, {});
  CHECK(nested.text.empty()); // text nested beyond 400 levels is dropped, never a crash
  Article garbage =
      ingest::article_from_html("<<<>>></p></p><p<p<p>&&&&#99999999;<svg><p>x</svg><title>", {});
  CHECK(garbage.text == "x\n");
  CHECK(garbage.title.empty());

  // Only the article's own body, when JSON-LD has it and the page has no paragraphs.
  Article ld = ingest::article_from_html(
      "<script type=\"application/ld+json\">{\"@type\":\"NewsArticle\",\"articleBody\":"
      "\"Body from JSON-LD.\",\"headline\":\"H\",\"datePublished\":\"2025-02-03\"}</script>",
      {});
  CHECK(ld.text == "Body from JSON-LD.");
  CHECK(ld.title == "H");
  REQUIRE(ld.published.has_value());
  CHECK(ld.published->to_string() == "2025-02-03");
}
