#pragma once

#include "model/article.hpp"
#include "model/fact.hpp"
#include "model/mention.hpp"

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace factledger::ledger {

class Ledger;

// An article as the ledger stores it. `key` identifies it across runs (see article_key()).
struct ArticleRow {
  std::string key;
  std::string url;
  std::string title;
  std::optional<CivilDate> published;
  std::string lang;   // as extracted ("fr"/"en")
  std::string source; // outlet name, "" when unknown
  std::string content_hash;
  std::string text;
  std::string origin;
  std::string extractor_version;
};

// What the ledger holds under a key, enough to tell whether an input changed.
struct StoredArticle {
  std::int64_t id = 0;
  std::string content_hash;
  std::string extractor_version;
  std::string title;
  std::string published; // "" when unknown
  std::string lang;
  std::string source;
  std::int64_t run_id = 0; // the run that last wrote it
  std::string origin;      // where that run read it
};

enum class StoreOutcome { inserted, updated, unchanged };

struct StoreResult {
  StoreOutcome outcome = StoreOutcome::unchanged;
  std::int64_t article_id = 0;
  std::size_t amounts = 0;
  std::size_t dates = 0;
  std::size_t facts = 0;
};

// Reads and writes articles and, through MentionStore, their mentions.
class ArticleStore {
public:
  explicit ArticleStore(Ledger& ledger);
  ~ArticleStore();
  ArticleStore(const ArticleStore&) = delete;
  ArticleStore& operator=(const ArticleStore&) = delete;

  std::optional<StoredArticle> find(const std::string& key);

  // Insert `row` with its mentions, or, when an article with the same key differs (text,
  // metadata or extractor version), replace it and its mentions; an identical one is left as is.
  // The search index is updated by sync_search_index(). REQUIRES: inside a write transaction;
  // `amounts`/`dates` hold byte spans into `row.text`. Throws InputError for bad data in this
  // article (a span outside the text, a value the schema refuses) and LedgerError when the
  // ledger fails; in both cases part of the article may be written, so the caller must roll the
  // transaction back (and call discard_pending()). `now` is the ISO timestamp recorded,
  // `run_id` the ingest run writing.
  StoreResult store(const ArticleRow& row,
                    const std::vector<AmountMention>& amounts,
                    const std::vector<DateMention>& dates,
                    std::int64_t run_id,
                    const std::string& now,
                    const std::vector<Fact>& facts = {});

  // Bring articles_fts up to date with the articles stored since the last call. REQUIRES: in
  // the same transaction as those store() calls, before its commit. Done once per batch because
  // FTS5 (SQLite 3.40) flushes its index at every statement savepoint, which per-article
  // updates would trigger.
  void sync_search_index();

  // Forget pending index updates and cached outlet ids (after a rolled-back transaction).
  void discard_pending();

private:
  struct Impl;
  std::unique_ptr<Impl> m_impl;
};

// True when `stored` already holds `row` as it would be written now (same text, metadata and
// extractor version). An empty `row.lang` (to be detected) matches any stored language.
bool is_current(const StoredArticle& stored, const ArticleRow& row);

// The identity of an article: "url:" + normalize_url(url) when it has a URL, else
// "sha256:" + `content_hash`.
std::string article_key(std::string_view url, std::string_view content_hash);

// A URL reduced to what identifies a page: scheme http/https unified to https, host lower-cased
// without "www." and default port, no fragment, no tracking parameters (utm_*, fbclid, gclid,
// xtor), no trailing '/' except the root. Text without "://" is returned trimmed.
std::string normalize_url(std::string_view url);

// Host of an absolute URL without "www." ("https://www.lemonde.fr/x" -> "lemonde.fr"); "" if none.
std::string url_host(std::string_view url);

} // namespace factledger::ledger
