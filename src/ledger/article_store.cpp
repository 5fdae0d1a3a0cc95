#include "ledger/article_store.hpp"

#include "ledger/ledger.hpp"
#include "ledger/mention_store.hpp"
#include "model/error.hpp"
#include "text/utf8.hpp"

#include <SQLiteCpp/SQLiteCpp.h>
#include <fmt/format.h>

#include <array>
#include <map>
#include <sqlite3.h>

namespace factledger::ledger {

namespace {

// Query parameters that only track how a reader arrived at a page.
constexpr std::array<std::string_view, 6> k_tracking_params = {
    "utm_", "fbclid", "gclid", "xtor", "mc_cid", "mc_eid"};

std::string_view trim(std::string_view s) {
  while (!s.empty() && static_cast<unsigned char>(s.front()) <= ' ') {
    s.remove_prefix(1);
  }
  while (!s.empty() && static_cast<unsigned char>(s.back()) <= ' ') {
    s.remove_suffix(1);
  }
  return s;
}

bool is_tracking(std::string_view param) {
  std::string name = text::ascii_lower(param.substr(0, param.find('=')));
  for (auto t : k_tracking_params) {
    if (t.back() == '_' ? name.rfind(t, 0) == 0 : name == t) {
      return true;
    }
  }
  return false;
}

struct UrlParts {
  std::string scheme;
  std::string host;
  std::string rest; // path and query, fragment removed
};

std::optional<UrlParts> split_url(std::string_view url) {
  url = trim(url);
  auto scheme_end = url.find("://");
  if (scheme_end == std::string_view::npos || scheme_end == 0) {
    return std::nullopt;
  }
  UrlParts p;
  p.scheme = text::ascii_lower(url.substr(0, scheme_end));
  std::string_view after = url.substr(scheme_end + 3);
  auto host_end = after.find_first_of("/?#");
  std::string_view host = after.substr(0, host_end);
  if (auto at = host.rfind('@'); at != std::string_view::npos) {
    host.remove_prefix(at + 1); // credentials do not identify a page
  }
  p.host = text::ascii_lower(host);
  if (p.host.rfind("www.", 0) == 0) {
    p.host.erase(0, 4);
  }
  for (std::string_view port : {":80", ":443"}) {
    if (p.host.size() > port.size() && p.host.ends_with(port)) {
      p.host.erase(p.host.size() - port.size());
    }
  }
  if (host_end != std::string_view::npos) {
    std::string_view rest = after.substr(host_end);
    rest = rest.substr(0, rest.find('#'));
    p.rest = rest;
  }
  return p;
}

std::optional<std::int64_t> column_id(SQLite::Statement& s) {
  if (s.executeStep()) {
    return s.getColumn(0).getInt64();
  }
  return std::nullopt;
}

} // namespace

std::string normalize_url(std::string_view url) {
  auto parts = split_url(url);
  if (!parts) {
    return std::string(trim(url));
  }
  std::string scheme = parts->scheme == "http" ? "https" : parts->scheme;
  std::string_view rest = parts->rest;
  std::string_view path = rest.substr(0, rest.find('?'));
  std::string query;
  if (auto q = rest.find('?'); q != std::string_view::npos) {
    std::string_view params = rest.substr(q + 1);
    while (!params.empty()) {
      auto amp = params.find('&');
      std::string_view param = params.substr(0, amp);
      if (!param.empty() && !is_tracking(param)) {
        query += query.empty() ? "?" : "&";
        query += param;
      }
      if (amp == std::string_view::npos) {
        break;
      }
      params.remove_prefix(amp + 1);
    }
  }
  std::string p(path);
  while (p.size() > 1 && p.back() == '/') {
    p.pop_back();
  }
  if (p.empty()) {
    p = "/";
  }
  return scheme + "://" + parts->host + p + query;
}

std::string url_host(std::string_view url) {
  auto parts = split_url(url);
  return parts ? parts->host : std::string();
}

std::string article_key(std::string_view url, std::string_view content_hash) {
  std::string normalized = normalize_url(url);
  if (!normalized.empty()) {
    return "url:" + normalized;
  }
  return "sha256:" + std::string(content_hash);
}

bool is_current(const StoredArticle& stored, const ArticleRow& row) {
  std::string published = row.published ? row.published->to_string() : std::string();
  return stored.content_hash == row.content_hash
         && stored.extractor_version == row.extractor_version && stored.title == row.title
         && stored.published == published && stored.source == row.source
         && (row.lang.empty() || stored.lang == row.lang);
}

struct ArticleStore::Impl {
  Impl(Ledger& ledger)
      : db(ledger.database()), mentions(ledger),
        find(db,
             "SELECT a.id, a.content_hash, a.extractor_version, a.title, "
             "coalesce(a.published, ''), a.lang, coalesce(s.name, ''), coalesce(a.run_id, 0), "
             "a.origin FROM articles a "
             "LEFT JOIN sources s ON s.id = a.source_id WHERE a.key = ?1"),
        find_source(db, "SELECT id FROM sources WHERE name = ?1"),
        insert_source(db, "INSERT INTO sources (name, created_at) VALUES (?1, ?2)"),
        insert_article(db,
                       "INSERT INTO articles (key, url, title, published, lang, source_id, "
                       "content_hash, text, origin, ingested_at, updated_at, extractor_version, "
                       "run_id) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?10, ?11, ?12)"),
        update_article(db,
                       "UPDATE articles SET url = ?2, title = ?3, published = ?4, lang = ?5, "
                       "source_id = ?6, content_hash = ?7, text = ?8, origin = ?9, "
                       "updated_at = ?10, extractor_version = ?11, run_id = ?12 WHERE id = ?1"),
        old_content(db, "SELECT title, text FROM articles WHERE id = ?1"),
        fts_insert(db, "INSERT INTO articles_fts (rowid, title, text) VALUES (?1, ?2, ?3)"),
        fts_delete(db,
                   "INSERT INTO articles_fts (articles_fts, rowid, title, text) VALUES "
                   "('delete', ?1, ?2, ?3)") {}

  std::optional<std::int64_t> source_id(const std::string& name, const std::string& now) {
    if (name.empty()) {
      return std::nullopt;
    }
    if (auto it = source_ids.find(name); it != source_ids.end()) {
      return it->second;
    }
    find_source.bind(1, name);
    auto id = column_id(find_source);
    find_source.reset();
    if (!id) {
      insert_source.bind(1, name);
      insert_source.bind(2, now);
      insert_source.exec();
      insert_source.reset();
      id = db.getLastInsertRowid();
    }
    source_ids.emplace(name, *id);
    return id;
  }

  // Bind the columns shared by INSERT and UPDATE (?2..?12 except ?1 and ?10).
  void bind_common(SQLite::Statement& s,
                   const ArticleRow& row,
                   std::optional<std::int64_t> source,
                   std::int64_t run_id) {
    if (row.url.empty()) {
      s.bind(2);
    } else {
      s.bind(2, row.url);
    }
    s.bind(3, row.title);
    if (row.published) {
      s.bind(4, row.published->to_string());
    } else {
      s.bind(4);
    }
    s.bind(5, row.lang);
    if (source) {
      s.bind(6, *source);
    } else {
      s.bind(6);
    }
    s.bind(7, row.content_hash);
    s.bindNoCopy(8, row.text);
    s.bind(9, row.origin);
    s.bind(11, row.extractor_version);
    s.bind(12, run_id);
  }

  SQLite::Database& db;
  MentionStore mentions;
  SQLite::Statement find;
  SQLite::Statement find_source;
  SQLite::Statement insert_source;
  SQLite::Statement insert_article;
  SQLite::Statement update_article;
  SQLite::Statement old_content;
  SQLite::Statement fts_insert;
  SQLite::Statement fts_delete;
  std::map<std::string, std::int64_t, std::less<>> source_ids;

  // Index changes waiting for sync_search_index(): the old content to remove (updates) and
  // the content to add (kept here rather than read back from the table).
  struct IndexChange {
    std::int64_t id = 0;
    std::optional<std::pair<std::string, std::string>> old; // title, text
    std::string title;
    std::string text;
  };
  std::vector<IndexChange> pending_index;
};

ArticleStore::ArticleStore(Ledger& ledger) {
  try {
    m_impl = std::make_unique<Impl>(ledger);
  } catch (const SQLite::Exception& e) {
    throw LedgerError(fmt::format("ledger \"{}\": {}", ledger.path(), e.what()));
  }
}

ArticleStore::~ArticleStore() = default;

void ArticleStore::discard_pending() {
  m_impl->source_ids.clear();
  m_impl->pending_index.clear();
}

void ArticleStore::sync_search_index() {
  auto& impl = *m_impl;
  try {
    // Removals first (they need the old content), then the current content of each article.
    for (const auto& change : impl.pending_index) {
      if (change.old) {
        impl.fts_delete.bind(1, change.id);
        impl.fts_delete.bind(2, change.old->first);
        impl.fts_delete.bindNoCopy(3, change.old->second);
        impl.fts_delete.exec();
        impl.fts_delete.reset();
      }
    }
    // An article changed twice in the batch is indexed once, with its last content.
    std::map<std::int64_t, const Impl::IndexChange*> latest;
    for (const auto& change : impl.pending_index) {
      latest[change.id] = &change;
    }
    for (const auto& [id, change] : latest) {
      impl.fts_insert.bind(1, id);
      impl.fts_insert.bindNoCopy(2, change->title);
      impl.fts_insert.bindNoCopy(3, change->text);
      impl.fts_insert.exec();
      impl.fts_insert.reset();
    }
    impl.pending_index.clear();
  } catch (const SQLite::Exception& e) {
    impl.fts_delete.tryReset();
    impl.fts_insert.tryReset();
    impl.old_content.tryReset();
    throw LedgerError(fmt::format("cannot update the search index: {}", e.what()));
  }
}

std::optional<StoredArticle> ArticleStore::find(const std::string& key) {
  auto& s = m_impl->find;
  try {
    s.bind(1, key);
    std::optional<StoredArticle> out;
    if (s.executeStep()) {
      StoredArticle a;
      a.id = s.getColumn(0).getInt64();
      a.content_hash = s.getColumn(1).getString();
      a.extractor_version = s.getColumn(2).getString();
      a.title = s.getColumn(3).getString();
      a.published = s.getColumn(4).getString();
      a.lang = s.getColumn(5).getString();
      a.source = s.getColumn(6).getString();
      a.run_id = s.getColumn(7).getInt64();
      a.origin = s.getColumn(8).getString();
      out = std::move(a);
    }
    s.reset();
    return out;
  } catch (const SQLite::Exception& e) {
    s.tryReset();
    throw LedgerError(fmt::format("cannot look up article \"{}\": {}", key, e.what()));
  }
}

StoreResult ArticleStore::store(const ArticleRow& row,
                                const std::vector<AmountMention>& amounts,
                                const std::vector<DateMention>& dates,
                                std::int64_t run_id,
                                const std::string& now,
                                const std::vector<Fact>& facts) {
  auto existing = find(row.key);
  StoreResult result;
  if (existing && is_current(*existing, row)) {
    result.outcome = StoreOutcome::unchanged;
    result.article_id = existing->id;
    return result;
  }

  SQLite::Database& db = m_impl->db;
  auto& impl = *m_impl;
  try {
    Impl::IndexChange change;
    if (existing) {
      // The index still holds the old content, unless this batch already changed it.
      bool indexed_in_batch = false;
      for (const auto& c : impl.pending_index) {
        indexed_in_batch = indexed_in_batch || c.id == existing->id;
      }
      if (!indexed_in_batch) {
        impl.old_content.bind(1, existing->id);
        if (impl.old_content.executeStep()) {
          change.old.emplace(impl.old_content.getColumn(0).getString(),
                             impl.old_content.getColumn(1).getString());
        }
        impl.old_content.reset();
      }
    }
    auto source = impl.source_id(row.source, now);
    SQLite::Statement& s = existing ? impl.update_article : impl.insert_article;
    if (existing) {
      s.bind(1, existing->id);
    } else {
      s.bind(1, row.key);
    }
    impl.bind_common(s, row, source, run_id);
    s.bind(10, now);
    s.exec();
    s.reset();
    result.article_id = existing ? existing->id : db.getLastInsertRowid();
    if (existing) {
      impl.mentions.remove(existing->id);
    }
    MentionCounts counts = impl.mentions.insert(
        result.article_id, row.text, amounts, dates, row.extractor_version, facts);
    result.amounts = counts.amounts;
    result.dates = counts.dates;
    result.facts = counts.facts;
    result.outcome = existing ? StoreOutcome::updated : StoreOutcome::inserted;
    change.id = result.article_id;
    change.title = row.title;
    change.text = row.text;
    impl.pending_index.push_back(std::move(change));
    return result;
  } catch (const SQLite::Exception& e) {
    impl.insert_article.tryReset();
    impl.update_article.tryReset();
    impl.old_content.tryReset();
    if ((e.getErrorCode() & 0xFF) == SQLITE_CONSTRAINT) {
      throw InputError(fmt::format("article rejected by the ledger: {}", e.what()));
    }
    throw LedgerError(fmt::format("cannot store article \"{}\": {}", row.key, e.what()));
  }
}

} // namespace factledger::ledger
