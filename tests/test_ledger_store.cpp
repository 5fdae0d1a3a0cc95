#include "ledger/article_store.hpp"
#include "ledger/ledger.hpp"
#include "ledger/mention_store.hpp"
#include "ledger/run_log.hpp"
#include "model/error.hpp"
#include "text/sha256.hpp"
#include "text/utf8.hpp"

#include <doctest/doctest.h>

#include <string>

using namespace factledger;

TEST_SUITE_BEGIN("ledger");

namespace {

Decimal dec(const char* s) {
  return *Decimal::parse(s);
}

Span span_of(const std::string& text, const std::string& part) {
  auto b = text.find(part);
  REQUIRE(b != std::string::npos);
  return Span{b, b + part.size()};
}

ledger::ArticleRow make_row(const std::string& url, const std::string& text) {
  ledger::ArticleRow row;
  row.content_hash = text::sha256_hex(text);
  row.key = ledger::article_key(url, row.content_hash);
  row.url = url;
  row.title = "Pékin muscle son soutien";
  row.published = CivilDate{2025, 7, 16};
  row.lang = "fr";
  row.source = "Le Quotidien";
  row.text = text;
  row.origin = "test.txt";
  row.extractor_version = "test-1";
  return row;
}

const std::string k_text = "Titre éditorial.\nLa Chine a débloqué près de 8,5 milliards de "
                           "dollars en avril dernier. Le yen n’est pas concerné.";

} // namespace

TEST_CASE("text::sha256_hex matches the FIPS 180-4 test vectors") {
  CHECK(text::sha256_hex("") == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  CHECK(text::sha256_hex("abc")
        == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  CHECK(text::sha256_hex("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq")
        == "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
  std::string million(1000000, 'a');
  CHECK(text::sha256_hex(million)
        == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
  // Fed in pieces, the same digest.
  text::Sha256 h;
  h.update("abcdbcdecdefdefgefghfghighij");
  h.update("hijkijkljklmklmnlmnomnopnopq");
  auto d = h.finish();
  CHECK(d[0] == 0x24);
  CHECK(d[31] == 0xc1);
}

TEST_CASE("ledger::readable_amount") {
  CHECK(ledger::readable_amount(dec("8500000000"), std::nullopt, "USD") == "8.5 bn USD");
  CHECK(ledger::readable_amount(dec("300000000"), std::nullopt, "EUR") == "300 m EUR");
  CHECK(ledger::readable_amount(dec("33000000000000"), std::nullopt, "KRW") == "33 tn KRW");
  CHECK(ledger::readable_amount(dec("2000000000"), dec("3000000000"), "EUR") == "2-3 bn EUR");
  CHECK(ledger::readable_amount(dec("8234567891"), std::nullopt, "USD") == "8,234,567,891 USD");
  CHECK(ledger::readable_amount(dec("1250.5"), std::nullopt, "EUR") == "1,250.5 EUR");
  CHECK(ledger::readable_amount(dec("140000"), dec("200000"), "USD") == "140,000-200,000 USD");
  CHECK(ledger::readable_amount(dec("500000000"), dec("1500000000"), "USD") == "0.5-1.5 bn USD");
}

TEST_CASE("ledger::normalize_url and article_key") {
  CHECK(ledger::normalize_url("http://WWW.LeMonde.fr/eco/article.html?utm_source=x&id=3#top")
        == "https://lemonde.fr/eco/article.html?id=3");
  CHECK(ledger::normalize_url("https://example.com:443/a/b/") == "https://example.com/a/b");
  CHECK(ledger::normalize_url("https://example.com") == "https://example.com/");
  CHECK(ledger::normalize_url("  ") == "");
  CHECK(ledger::url_host("https://www.reuters.com/tech") == "reuters.com");
  CHECK(ledger::url_host("not a url") == "");
  CHECK(ledger::article_key("https://example.com/x/", "abc") == "url:https://example.com/x");
  CHECK(ledger::article_key("", "abc") == "sha256:abc");
}

TEST_CASE(
    "ledger: an article and its mentions are stored with code-point offsets and exact money") {
  ledger::Ledger db(":memory:");
  ledger::RunLog runs(db);
  std::int64_t run = runs.start({"test.txt"}, "0.1.0", "test-1");
  ledger::ArticleStore store(db);

  AmountMention amount;
  amount.span = span_of(k_text, "près de 8,5 milliards de dollars");
  amount.text = "près de 8,5 milliards de dollars";
  amount.value = dec("8500000000");
  amount.currency = "USD";
  amount.qualifier = Qualifier::approx;
  amount.rule = "money.test";
  AmountMention range;
  range.span = span_of(k_text, "yen");
  range.text = "yen";
  range.value = dec("1.5");
  range.max = dec("2.25");
  range.currency = "KWD"; // three minor digits
  range.qualifier = Qualifier::range;
  range.equivalent = Equivalent{dec("5"), "XTS", Span{}, "5 XTS"}; // a code the schema lacks
  range.rule = "money.test_range";
  DateMention date;
  date.span = span_of(k_text, "en avril dernier");
  date.text = "en avril dernier";
  date.value = "2025-04";
  date.grain = Grain::month;
  date.relative = true;
  date.rule = "date.test";

  ledger::StoreResult r;
  {
    ledger::Ledger::Transaction tx(db);
    r = store.store(make_row("https://quotidien.example/chine", k_text),
                    {amount, range},
                    {date},
                    run,
                    "2025-07-16T10:00:00Z");
    store.sync_search_index();
    tx.commit();
  }
  CHECK(r.outcome == ledger::StoreOutcome::inserted);
  CHECK(r.amounts == 2);
  CHECK(r.dates == 1);

  // substr(text, start + 1, end - start) gives back the mention (offsets count code points).
  CHECK(
      db.scalar_text("SELECT substr(a.text, m.start + 1, m.end - m.start) = m.text FROM "
                     "amount_mentions m JOIN articles a ON a.id = m.article_id WHERE m.ordinal = 0")
      == "1");
  CHECK(db.scalar_text("SELECT text FROM amount_mentions WHERE ordinal = 0")
        == "près de 8,5 milliards de dollars");
  CHECK(db.scalar_int("SELECT start FROM amount_mentions WHERE ordinal = 0") == 37);
  CHECK(db.scalar_text("SELECT value FROM amount_mentions WHERE ordinal = 0") == "8500000000");
  CHECK(db.scalar_int("SELECT value_minor FROM amount_mentions WHERE ordinal = 0") == 850000000000);
  CHECK(db.scalar_text("SELECT typeof(value) || typeof(value_minor) FROM amount_mentions LIMIT 1")
        == "textinteger");
  CHECK(db.scalar_int("SELECT value_minor FROM amount_mentions WHERE ordinal = 1") == 1500);
  CHECK(db.scalar_int("SELECT max_minor FROM amount_mentions WHERE ordinal = 1") == 2250);
  CHECK(db.scalar_text("SELECT equivalent_currency FROM amount_mentions WHERE ordinal = 1")
        == "XTS");
  CHECK(db.scalar_int("SELECT count(*) FROM currencies WHERE code = 'XTS'") == 1);
  // Sentences: index and text through the view.
  CHECK(db.scalar_int("SELECT sentence_index FROM amount_mentions WHERE ordinal = 0") == 1);
  CHECK(db.scalar_text("SELECT sentence FROM v_amounts WHERE matched LIKE 'près%'")
        == "La Chine a débloqué près de 8,5 milliards de dollars en avril dernier.");
  CHECK(db.scalar_text("SELECT amount FROM v_amounts WHERE currency = 'USD'") == "8.5 bn USD");
  CHECK(db.scalar_text("SELECT outlet || '|' || published || '|' || qualifier FROM v_amounts WHERE "
                       "currency = 'USD'")
        == "Le Quotidien|2025-07-16|approx");
  CHECK(db.scalar_text("SELECT sentence FROM v_amounts WHERE currency = 'KWD'")
        == "Le yen n’est pas concerné.");
  CHECK(db.scalar_text("SELECT value || '/' || grain || '/' || relative FROM v_dates")
        == "2025-04/month/1");
  CHECK(db.scalar_text("SELECT substr(a.text, d.start + 1, d.end - d.start) FROM date_mentions d "
                       "JOIN articles a ON a.id = d.article_id")
        == "en avril dernier");
  CHECK(db.scalar_text(
            "SELECT rule || ' ' || extractor_version FROM amount_mentions WHERE ordinal = 0")
        == "money.test test-1");
  CHECK(db.scalar_int("SELECT count(*) FROM articles_fts WHERE articles_fts MATCH 'debloque'")
        == 1);
}

TEST_CASE(
    "ledger: storing the same article again is a no-op; a changed one replaces its mentions") {
  ledger::Ledger db(":memory:");
  ledger::RunLog runs(db);
  std::int64_t run = runs.start({"x"}, "0.1.0", "test-1");
  ledger::ArticleStore store(db);
  AmountMention amount;
  amount.span = span_of(k_text, "8,5 milliards de dollars");
  amount.value = dec("8500000000");
  amount.currency = "USD";
  amount.rule = "r";
  auto row = make_row("https://quotidien.example/chine?utm_medium=rss", k_text);
  auto write = [&](const ledger::ArticleRow& r, const std::vector<AmountMention>& a) {
    ledger::Ledger::Transaction tx(db);
    auto result = store.store(r, a, {}, run, "2025-07-16T10:00:00Z");
    store.sync_search_index();
    tx.commit();
    return result;
  };
  CHECK(write(row, {amount, amount}).outcome == ledger::StoreOutcome::inserted);
  auto stored = store.find(row.key);
  REQUIRE(stored.has_value());
  CHECK(ledger::is_current(*stored, row));
  CHECK(write(row, {amount}).outcome == ledger::StoreOutcome::unchanged);
  CHECK(db.scalar_int("SELECT count(*) FROM amount_mentions") == 2);

  std::string changed = k_text + " Ajout: 8,5 milliards de dollars encore.";
  auto row2 = make_row("https://quotidien.example/chine", changed);
  CHECK(row2.key == row.key);
  AmountMention second = amount;
  second.span = Span{changed.rfind("8,5"), changed.rfind("8,5") + 24};
  auto r = write(row2, {second});
  CHECK(r.outcome == ledger::StoreOutcome::updated);
  CHECK(db.scalar_int("SELECT count(*) FROM articles") == 1);
  CHECK(db.scalar_int("SELECT count(*) FROM amount_mentions") == 1);
  CHECK(
      db.scalar_int("SELECT start FROM amount_mentions")
      == static_cast<std::int64_t>(text::codepoint_count(changed.substr(0, changed.rfind("8,5")))));
  CHECK(db.scalar_int("SELECT count(*) FROM articles_fts WHERE articles_fts MATCH 'ajout'") == 1);

  // A new extractor version re-extracts even when the text is the same.
  auto row3 = row2;
  row3.extractor_version = "test-2";
  CHECK(write(row3, {second}).outcome == ledger::StoreOutcome::updated);
  CHECK(db.scalar_text("SELECT extractor_version FROM amount_mentions") == "test-2");
}

TEST_CASE("ledger: bad data in an article is refused; rolling back leaves nothing of it") {
  ledger::Ledger db(":memory:");
  ledger::RunLog runs(db);
  std::int64_t run = runs.start({"x"}, "0.1.0", "test-1");
  ledger::ArticleStore store(db);
  AmountMention good;
  good.span = span_of(k_text, "8,5 milliards de dollars");
  good.value = dec("1");
  good.currency = "USD";
  good.rule = "r";
  AmountMention bad = good;
  bad.span = Span{k_text.size() - 2, k_text.size() + 10};
  AmountMention split = good;
  split.span = Span{k_text.find("é") + 1, k_text.find("é") + 2}; // inside a character
  AmountMention bad_currency = good;
  bad_currency.currency = "usd"; // violates the currency code check
  for (const auto& mentions :
       std::vector<std::vector<AmountMention>>{{good, bad}, {split}, {good, bad_currency}}) {
    ledger::Ledger::Transaction tx(db);
    CHECK_THROWS_AS(store.store(make_row("", k_text), mentions, {}, run, "t"), InputError);
    store.discard_pending();
  } // rolled back
  CHECK(db.scalar_int("SELECT count(*) FROM articles") == 0);
  CHECK(db.scalar_int("SELECT count(*) FROM amount_mentions") == 0);
  {
    ledger::Ledger::Transaction tx(db);
    CHECK(store.store(make_row("", k_text), {good}, {}, run, "t").outcome
          == ledger::StoreOutcome::inserted);
    store.sync_search_index();
    tx.commit();
  }
  CHECK(db.scalar_int("SELECT count(*) FROM articles") == 1);
  CHECK(db.scalar_text("SELECT key FROM articles") == "sha256:" + text::sha256_hex(k_text));
  CHECK(db.scalar_int("SELECT count(*) FROM articles_fts WHERE articles_fts MATCH 'fonderies'")
        == 0);
  CHECK(db.scalar_int("SELECT count(*) FROM articles_fts WHERE articles_fts MATCH 'concerne'")
        == 1);
  // The external-content index agrees with the table.
  db.exec("INSERT INTO articles_fts (articles_fts) VALUES ('integrity-check')");
}

TEST_CASE("ledger: the search index follows an article changed twice in one batch") {
  ledger::Ledger db(":memory:");
  ledger::RunLog runs(db);
  std::int64_t run = runs.start({"x"}, "0.1.0", "test-1");
  ledger::ArticleStore store(db);
  {
    ledger::Ledger::Transaction tx(db);
    store.store(make_row("https://a.example/x", "premier texte alpha"), {}, {}, run, "t");
    store.sync_search_index();
    tx.commit();
  }
  {
    ledger::Ledger::Transaction tx(db);
    store.store(make_row("https://a.example/x", "second texte beta"), {}, {}, run, "t");
    store.store(make_row("https://a.example/y", "autre gamma"), {}, {}, run, "t");
    store.store(make_row("https://a.example/x", "troisieme texte delta"), {}, {}, run, "t");
    store.sync_search_index();
    tx.commit();
  }
  for (const char* gone : {"alpha", "beta"}) {
    CAPTURE(gone);
    CHECK(db.scalar_int(std::string("SELECT count(*) FROM articles_fts WHERE articles_fts MATCH '")
                        + gone + "'")
          == 0);
  }
  CHECK(db.scalar_int("SELECT count(*) FROM articles_fts WHERE articles_fts MATCH 'delta'") == 1);
  CHECK(db.scalar_int("SELECT count(*) FROM articles_fts WHERE articles_fts MATCH 'gamma'") == 1);
  CHECK(db.scalar_int("SELECT count(*) FROM articles_fts WHERE articles_fts MATCH 'texte'") == 1);
  CHECK_NOTHROW(db.exec("INSERT INTO articles_fts (articles_fts) VALUES ('integrity-check')"));
}

TEST_CASE("ledger: runs record counts, problems and status") {
  ledger::Ledger db(":memory:");
  ledger::RunLog runs(db);
  std::int64_t run = runs.start({"a.jsonl", "dir/"}, "0.1.0", "test-1");
  CHECK(db.scalar_text("SELECT status FROM ingest_runs") == "running");
  ledger::RunCounts counts;
  counts.files_seen = 2;
  counts.articles_seen = 5;
  counts.articles_new = 3;
  counts.articles_failed = 1;
  counts.errors = 1;
  counts.amounts_added = 7;
  counts.dates_added = 4;
  counts.facts_added = 2;
  {
    ledger::Ledger::Transaction tx(db);
    runs.add_problem(run, true, "a.jsonl:3", "invalid JSON record");
    tx.commit();
  }
  runs.finish(run, counts, ledger::RunStatus::errors);
  CHECK(db.scalar_text("SELECT status || ' ' || files || ' ' || new || ' ' || failed || ' ' || "
                       "mentions_added || ' ' || facts_added FROM v_runs")
        == "errors 2 3 1 11 2");
  CHECK(db.scalar_text("SELECT origin || ': ' || message FROM ingest_errors")
        == "a.jsonl:3: invalid JSON record");
  CHECK(db.scalar_text("SELECT inputs FROM ingest_runs") == "a.jsonl\ndir/");
  CHECK(!db.scalar_text("SELECT finished_at FROM ingest_runs").empty());
  // A run left 'running' by a process that is gone is marked interrupted by the next start.
  db.exec("UPDATE ingest_runs SET status = 'running', pid = 2147483000");
  runs.start({}, "0.1.0", "test-1");
  CHECK(db.scalar_text("SELECT status FROM ingest_runs WHERE id = 1") == "interrupted");
  CHECK(db.scalar_text("SELECT status FROM ingest_runs WHERE id = 2") == "running");
}
