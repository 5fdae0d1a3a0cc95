// Fact assembly quality on fixtures/facts/passages_{fr,en}.jsonl: precision and recall per
// field, printed so that they can be quoted, and checked against committed thresholds.
//
// Two runs over the same passages:
// - "assembly": the passage's amounts are given (its "amounts" list, located in the text, a
//   restatement in parentheses becoming the amount's equivalent), so the figures measure the
//   fact rules alone;
// - "end-to-end": extract_article() finds amounts and dates itself, as `factledger extract`.
//
// Matching. A predicted fact matches an expected one when its amount's span overlaps the first
// occurrence of the expected "amount_text" in the passage (one-to-one). For a matched pair:
// - funder, recipient, attributed_to: both strings are folded (lower case, no diacritics),
//   split into word tokens (letters/digits), and stripped of determiners and prepositions
//   (k_function_words); they match when the shared tokens are at least half of the longer
//   token list (|A ∩ B| / max(|A|, |B|) >= 0.5). "le gouvernement chinois" matches
//   "gouvernement chinois"; "Intel" matches "Intel Corp"; "Intel" does not match "Intel's
//   common stock".
// - instrument, status, sector, amount_kind: equal names.
// - hedged: a yes/no field scored on its positive class (hedged = true).
// Precision = correct / predicted non-null values (over ALL predicted facts, so a fact made
// for a non-support amount costs precision); recall = correct / expected non-null values.
//
// A third run scores the realistic sample articles of fixtures/articles/ (read as `factledger
// extract` reads them) against fixtures/facts/articles_expected.tsv, a held-out set written from
// the articles, not from the rules: one row per amount of each covered article, in text order,
// saying whether it is support and, when it is, its funder, recipient, instrument and status as
// an analyst would write them ("-" for not said). Every fact predicted in a covered article
// counts for precision, so a fact made for a share price or a market size costs precision.

#include "extract/extraction.hpp"
#include "extract/facts.hpp"
#include "ingest/article_reader.hpp"
#include "testutil.hpp"
#include "text/utf8.hpp"

#include <doctest/doctest.h>
#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <array>
#include <filesystem>
#include <map>
#include <set>
#include <sstream>

using namespace factledger;
using nlohmann::json;

namespace {

struct Passage {
  std::string id;
  std::string lang;
  std::optional<CivilDate> published;
  std::string text;
  std::vector<std::string> amounts;
  json expect;
};

std::vector<Passage> load_passages() {
  std::vector<Passage> out;
  for (const char* lang : {"fr", "en"}) {
    std::istringstream in(testutil::read_fixture(fmt::format("facts/passages_{}.jsonl", lang)));
    std::string line;
    while (std::getline(in, line)) {
      if (line.empty()) {
        continue;
      }
      json j = json::parse(line);
      Passage p;
      p.id = j.at("id");
      p.lang = j.at("lang");
      p.published = CivilDate::parse(j.at("published").get<std::string>());
      p.text = j.at("text");
      p.amounts = j.at("amounts").get<std::vector<std::string>>();
      p.expect = j.at("expect");
      out.push_back(std::move(p));
    }
  }
  return out;
}

constexpr std::array<std::string_view, 40> k_function_words = {
    "le",  "la",  "les", "l",  "un",   "une",   "des",  "de",  "du",   "d",
    "au",  "aux", "a",   "à",  "en",   "dans",  "pour", "par", "sur",  "et",
    "the", "an",  "of",  "to", "in",   "for",   "by",   "and", "its",  "their",
    "s",   "ses", "son", "sa", "leur", "leurs", "on",   "at",  "this", "that"};

std::vector<std::string> tokens(std::string_view s) {
  std::string f = text::fold(s);
  std::vector<std::string> out;
  std::string cur;
  auto flush = [&] {
    if (!cur.empty()
        && std::find(k_function_words.begin(), k_function_words.end(), cur)
               == k_function_words.end()) {
      out.push_back(cur);
    }
    cur.clear();
  };
  for (char c : f) {
    if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || static_cast<unsigned char>(c) >= 0x80) {
      cur += c;
    } else {
      flush();
    }
  }
  flush();
  return out;
}

bool party_matches(std::string_view predicted, std::string_view expected) {
  auto a = tokens(predicted);
  auto b = tokens(expected);
  if (a.empty() || b.empty()) {
    return a.empty() && b.empty();
  }
  std::multiset<std::string> sb(b.begin(), b.end());
  std::size_t shared = 0;
  for (const auto& t : a) {
    if (auto it = sb.find(t); it != sb.end()) {
      ++shared;
      sb.erase(it);
    }
  }
  return 2 * shared >= std::max(a.size(), b.size());
}

struct Score {
  int predicted = 0;
  int expected = 0;
  int correct = 0;
  double precision() const { return predicted ? double(correct) / predicted : 1.0; }
  double recall() const { return expected ? double(correct) / expected : 1.0; }
};

const std::vector<std::string> k_fields = {"fact",
                                           "funder",
                                           "recipient",
                                           "instrument",
                                           "status",
                                           "hedged",
                                           "attributed_to",
                                           "sector",
                                           "amount_kind"};

std::optional<std::string> predicted_field(const Fact& f, const std::string& field) {
  if (field == "funder") {
    return f.funder ? std::optional(f.funder->text) : std::nullopt;
  }
  if (field == "recipient") {
    return f.recipient ? std::optional(f.recipient->text) : std::nullopt;
  }
  if (field == "attributed_to") {
    return f.attributed_to ? std::optional(f.attributed_to->text) : std::nullopt;
  }
  if (field == "instrument") {
    return f.instrument ? std::optional(std::string(to_string(*f.instrument))) : std::nullopt;
  }
  if (field == "status") {
    return std::string(to_string(f.status));
  }
  if (field == "sector") {
    return f.sector;
  }
  if (field == "amount_kind") {
    return std::string(to_string(f.amount_kind));
  }
  if (field == "hedged") {
    return f.hedged ? std::optional<std::string>("true") : std::nullopt;
  }
  return std::string("fact");
}

std::optional<std::string> expected_field(const json& e, const std::string& field) {
  if (field == "fact") {
    return std::string("fact");
  }
  if (field == "hedged") {
    return e.value("hedged", false) ? std::optional<std::string>("true") : std::nullopt;
  }
  if (!e.contains(field) || e.at(field).is_null()) {
    return std::nullopt;
  }
  return e.at(field).get<std::string>();
}

bool field_matches(const std::string& field, const std::string& p, const std::string& e) {
  if (field == "funder" || field == "recipient" || field == "attributed_to") {
    return party_matches(p, e);
  }
  return p == e;
}

// Amounts as the fixture lists them: "60 billion yuan ($8.2 billion)" becomes an amount with
// its restatement as equivalent.
std::vector<AmountMention> given_amounts(const Passage& p) {
  std::vector<AmountMention> out;
  std::size_t from = 0;
  for (const auto& a : p.amounts) {
    std::size_t at = p.text.find(a, from);
    REQUIRE_MESSAGE(at != std::string::npos, p.id << ": amount not in text: " << a);
    AmountMention m;
    m.text = a;
    m.span = Span{at, at + a.size()};
    if (auto paren = a.find(" ("); paren != std::string::npos && a.back() == ')') {
      m.span.end = at + paren;
      m.text = a.substr(0, paren);
      Equivalent eq;
      eq.span = Span{at + paren + 2, at + a.size() - 1};
      eq.text = p.text.substr(eq.span.begin, eq.span.size());
      m.equivalent = eq;
    }
    from = at + a.size();
    out.push_back(std::move(m));
  }
  return out;
}

std::map<std::string, Score> evaluate(const std::vector<Passage>& passages,
                                      bool end_to_end,
                                      std::string_view lang_filter,
                                      bool verbose) {
  std::map<std::string, Score> scores;
  for (const auto& p : passages) {
    if (!lang_filter.empty() && p.lang != lang_filter) {
      continue;
    }
    std::vector<AmountMention> amounts;
    std::vector<Fact> facts;
    if (end_to_end) {
      Article art;
      art.id = p.id;
      art.lang = p.lang;
      art.published = p.published;
      art.text = p.text;
      auto x = extract::extract_article(art);
      amounts = x.amounts;
      facts = x.facts;
    } else {
      amounts = given_amounts(p);
      facts = extract::assemble_facts(p.text, p.lang, p.published, amounts, {});
    }
    std::vector<bool> used(facts.size(), false);
    std::vector<int> match_of(p.expect.size(), -1);
    for (std::size_t e = 0; e < p.expect.size(); ++e) {
      std::string at = p.expect[e].at("amount_text");
      std::size_t b = p.text.find(at);
      Span es{b, b + at.size()};
      for (std::size_t f = 0; f < facts.size(); ++f) {
        if (!used[f] && amounts[facts[f].amount].span.overlaps(es)) {
          used[f] = true;
          match_of[e] = static_cast<int>(f);
          break;
        }
      }
    }
    for (const auto& field : k_fields) {
      Score& sc = scores[field];
      for (const auto& f : facts) {
        sc.predicted += predicted_field(f, field) ? 1 : 0;
      }
      for (std::size_t e = 0; e < p.expect.size(); ++e) {
        auto ev = expected_field(p.expect[e], field);
        sc.expected += ev ? 1 : 0;
        if (match_of[e] < 0) {
          continue;
        }
        auto pv = predicted_field(facts[static_cast<std::size_t>(match_of[e])], field);
        if (ev && pv && field_matches(field, *pv, *ev)) {
          ++sc.correct;
        } else if (verbose && (ev || pv) && field != "fact") {
          MESSAGE(p.id << " " << field << ": expected " << ev.value_or("null") << ", got "
                       << pv.value_or("null"));
        }
      }
    }
    if (verbose) {
      for (std::size_t f = 0; f < facts.size(); ++f) {
        if (!used[f]) {
          MESSAGE(p.id << ": unexpected fact for " << amounts[facts[f].amount].text << " (rule "
                       << facts[f].rule << ")");
        }
      }
      for (std::size_t e = 0; e < p.expect.size(); ++e) {
        if (match_of[e] < 0) {
          MESSAGE(p.id << ": missed fact for " << p.expect[e].at("amount_text").get<std::string>());
        }
      }
    }
  }
  return scores;
}

void print_scores(std::string_view title,
                  const std::map<std::string, Score>& scores,
                  const std::vector<std::string>& fields = k_fields) {
  std::string out = fmt::format("\n{}\n  {:<14} {:>9} {:>9} {:>5} {:>5} {:>5}\n",
                                title,
                                "field",
                                "precision",
                                "recall",
                                "pred",
                                "exp",
                                "ok");
  for (const auto& field : fields) {
    const Score& s = scores.at(field);
    out += fmt::format("  {:<14} {:>9.3f} {:>9.3f} {:>5} {:>5} {:>5}\n",
                       field,
                       s.precision(),
                       s.recall(),
                       s.predicted,
                       s.expected,
                       s.correct);
  }
  MESSAGE(out);
}

struct Threshold {
  std::string field;
  double precision;
  double recall;
};

void check(const std::map<std::string, Score>& scores, const std::vector<Threshold>& th) {
  for (const auto& t : th) {
    CAPTURE(t.field);
    CHECK(scores.at(t.field).precision() >= t.precision);
    CHECK(scores.at(t.field).recall() >= t.recall);
  }
}

bool verbose() {
  return std::getenv("FACTLEDGER_FACTS_VERBOSE") != nullptr;
}

// ----- The sample articles ---------------------------------------------------------------

struct ArticleRow {
  std::string amount_text;
  bool fact = false;
  std::optional<std::string> funder;
  std::optional<std::string> recipient;
  std::optional<std::string> instrument;
  std::string status;
};

// Rows of fixtures/facts/articles_expected.tsv by article (a file name, or a JSON Lines record
// id), in text order.
std::map<std::string, std::vector<ArticleRow>> load_article_rows() {
  std::map<std::string, std::vector<ArticleRow>> out;
  for (const auto& row : testutil::read_tsv("facts/articles_expected.tsv")) {
    int n = row.line;
    const auto& cols = row.fields;
    REQUIRE_MESSAGE(cols.size() == 7, "articles_expected.tsv:" << n << ": 7 columns expected");
    auto opt = [](const std::string& v) {
      return v == "-" ? std::nullopt : std::optional<std::string>(v);
    };
    ArticleRow r;
    r.amount_text = cols[1];
    r.fact = cols[2] == "yes";
    r.funder = opt(cols[3]);
    r.recipient = opt(cols[4]);
    r.instrument = opt(cols[5]);
    r.status = cols[6];
    out[cols[0]].push_back(std::move(r));
  }
  return out;
}

// The sample articles, keyed as in the TSV.
std::map<std::string, Article> load_sample_articles() {
  std::map<std::string, Article> out;
  std::vector<std::filesystem::path> files;
  for (const auto& e : std::filesystem::directory_iterator(testutil::fixture_path("articles"))) {
    if (e.path().extension() != ".md") {
      files.push_back(e.path());
    }
  }
  std::sort(files.begin(), files.end());
  for (const auto& path : files) {
    ingest::Diagnostics diags;
    ingest::read_articles(
        path.string(),
        {},
        [&](Article&& a) {
          std::string key = a.id;
          if (key.find('/') != std::string::npos) {
            key = path.filename().string();
          }
          out[key] = std::move(a);
        },
        diags);
    CHECK_MESSAGE(diags.empty(), path.string());
  }
  return out;
}

std::optional<std::string> article_field(const ArticleRow& r, const std::string& field) {
  if (field == "fact") {
    return std::string("fact");
  }
  if (field == "funder") {
    return r.funder;
  }
  if (field == "recipient") {
    return r.recipient;
  }
  if (field == "instrument") {
    return r.instrument;
  }
  return r.status;
}

const std::vector<std::string> k_article_fields = {
    "fact", "funder", "recipient", "instrument", "status"};

std::map<std::string, Score> evaluate_articles(std::string_view lang_filter, bool verbose) {
  auto rows = load_article_rows();
  auto articles = load_sample_articles();
  std::map<std::string, Score> scores;
  for (const auto& field : k_article_fields) {
    scores[field];
  }
  for (const auto& [key, expected] : rows) {
    auto it = articles.find(key);
    REQUIRE_MESSAGE(it != articles.end(), "no sample article " << key);
    const Article& art = it->second;
    auto x = extract::extract_article(art);
    if (!lang_filter.empty() && x.lang != lang_filter) {
      continue;
    }
    // Each row's amount, searched in text order.
    std::vector<Span> spans;
    std::size_t from = 0;
    for (const auto& r : expected) {
      std::size_t b = art.text.find(r.amount_text, from);
      REQUIRE_MESSAGE(b != std::string::npos, key << ": amount not in text: " << r.amount_text);
      spans.push_back(Span{b, b + r.amount_text.size()});
      from = b + r.amount_text.size();
    }
    std::vector<bool> used(x.facts.size(), false);
    std::vector<int> match_of(expected.size(), -1);
    for (std::size_t e = 0; e < expected.size(); ++e) {
      for (std::size_t f = 0; f < x.facts.size(); ++f) {
        if (!used[f] && x.amounts[x.facts[f].amount].span.overlaps(spans[e])) {
          used[f] = true;
          match_of[e] = expected[e].fact ? static_cast<int>(f) : -1;
          if (!expected[e].fact && verbose) {
            MESSAGE(key << ": fact for a non-support amount " << expected[e].amount_text
                        << " (rule " << x.facts[f].rule << ")");
          }
          break;
        }
      }
    }
    for (const auto& field : k_article_fields) {
      Score& sc = scores[field];
      for (const auto& f : x.facts) {
        sc.predicted += predicted_field(f, field) ? 1 : 0;
      }
      for (std::size_t e = 0; e < expected.size(); ++e) {
        if (!expected[e].fact) {
          continue;
        }
        auto ev = article_field(expected[e], field);
        sc.expected += ev ? 1 : 0;
        if (match_of[e] < 0) {
          if (verbose && field == "fact") {
            MESSAGE(key << ": missed fact for " << expected[e].amount_text);
          }
          continue;
        }
        auto pv = predicted_field(x.facts[static_cast<std::size_t>(match_of[e])], field);
        if (ev && pv && field_matches(field, *pv, *ev)) {
          ++sc.correct;
        } else if (verbose && (ev || pv) && field != "fact") {
          MESSAGE(key << " " << expected[e].amount_text << " " << field << ": expected "
                      << ev.value_or("null") << ", got " << pv.value_or("null"));
        }
      }
    }
    if (verbose) {
      for (std::size_t f = 0; f < x.facts.size(); ++f) {
        if (!used[f]) {
          MESSAGE(key << ": fact for an amount the set does not list: "
                      << x.amounts[x.facts[f].amount].text);
        }
      }
    }
  }
  return scores;
}

void print_article_scores(std::string_view title, const std::map<std::string, Score>& scores) {
  print_scores(title, scores, k_article_fields);
}

} // namespace

TEST_SUITE_BEGIN("extract");

TEST_CASE("facts fixture set is large enough and well-formed") {
  auto passages = load_passages();
  int expected = 0;
  int none = 0;
  for (const auto& p : passages) {
    CAPTURE(p.id);
    expected += static_cast<int>(p.expect.size());
    none += p.expect.empty() ? 1 : 0;
    for (const auto& e : p.expect) {
      CHECK(p.text.find(e.at("amount_text").get<std::string>()) != std::string::npos);
    }
  }
  CHECK(passages.size() >= 80);
  CHECK(none >= 10);
  MESSAGE(fmt::format("{} passages, {} expected facts, {} passages without support",
                      passages.size(),
                      expected,
                      none));
}

TEST_CASE("facts quality with given amounts (the fact rules alone)") {
  auto passages = load_passages();
  auto all = evaluate(passages, false, "", verbose());
  print_scores("fact assembly, given amounts, fr+en", all);
  print_scores("fact assembly, given amounts, fr", evaluate(passages, false, "fr", false));
  print_scores("fact assembly, given amounts, en", evaluate(passages, false, "en", false));
  // Committed: what the rules reach on the 100 passages (fr+en, given amounts), rounded down.
  check(all,
        {{"fact", 0.95, 0.95},
         {"funder", 0.95, 0.90},
         {"recipient", 0.90, 0.85},
         {"instrument", 0.90, 0.90},
         {"status", 0.90, 0.90},
         {"hedged", 0.95, 0.95}});
}

TEST_CASE("facts quality end to end (extract_article)") {
  auto passages = load_passages();
  auto all = evaluate(passages, true, "", verbose());
  print_scores("fact assembly, end to end, fr+en", all);
  // Committed a little lower than with given amounts: amount spans come from the money
  // extractor, which other work changes.
  check(all,
        {{"fact", 0.90, 0.90},
         {"funder", 0.90, 0.85},
         {"recipient", 0.85, 0.80},
         {"instrument", 0.90, 0.85},
         {"status", 0.90, 0.85},
         {"hedged", 0.90, 0.90}});
}

TEST_CASE("sample articles expected-facts set is well-formed") {
  auto rows = load_article_rows();
  auto articles = load_sample_articles();
  int facts = 0;
  int fr = 0;
  int en = 0;
  for (const auto& [key, expected] : rows) {
    CAPTURE(key);
    auto it = articles.find(key);
    REQUIRE(it != articles.end());
    const std::string& text = it->second.text;
    std::size_t from = 0;
    for (const auto& r : expected) {
      CAPTURE(r.amount_text);
      std::size_t b = text.find(r.amount_text, from);
      CHECK(b != std::string::npos);
      from = b == std::string::npos ? from : b + r.amount_text.size();
      if (!r.fact) {
        continue;
      }
      ++facts;
      (key.find("_fr_") != std::string::npos ? fr : en) += 1;
      // Parties are written as the article writes them.
      for (const auto& p : {r.funder, r.recipient}) {
        if (p) {
          CHECK_MESSAGE(text.find(*p) != std::string::npos, *p);
        }
      }
      if (r.instrument) {
        CHECK(parse_instrument(*r.instrument).has_value());
      }
      CHECK(parse_status(r.status).has_value());
    }
  }
  CHECK(facts >= 60);
  CHECK(fr >= 20);
  CHECK(en >= 20);
  MESSAGE(fmt::format(
      "{} sample articles, {} expected facts ({} fr, {} en)", rows.size(), facts, fr, en));
}

TEST_CASE("facts quality on the sample articles (held out, end to end)") {
  auto all = evaluate_articles("", verbose());
  print_article_scores("fact assembly, sample articles, fr+en", all);
  print_article_scores("fact assembly, sample articles, fr", evaluate_articles("fr", false));
  print_article_scores("fact assembly, sample articles, en", evaluate_articles("en", false));
  // Committed: what the rules reach on the sample articles (third session: fact 0.887/0.724,
  // funder 0.745/0.449, recipient 0.711/0.427, instrument 0.782/0.555, status 0.797/0.650),
  // rounded down to the 0.05 step below. The second session ended at fact 0.873/0.632, funder
  // 0.707/0.372, recipient 0.750/0.400, status 0.771/0.558; before the party checks of
  // clean_party() the set gave fact 0.817/0.656, funder 0.392/0.372, recipient 0.484/0.400.
  check(all,
        {{"fact", 0.85, 0.70},
         {"funder", 0.70, 0.40},
         {"recipient", 0.70, 0.40},
         {"instrument", 0.75, 0.55},
         {"status", 0.75, 0.65}});
}

TEST_SUITE_END();
