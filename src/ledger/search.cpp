#include "ledger/search.hpp"

#include "ledger/ledger.hpp"
#include "model/error.hpp"

#include <SQLiteCpp/SQLiteCpp.h>
#include <fmt/format.h>

namespace factledger::ledger {

std::vector<SearchHit> search_articles(Ledger& ledger,
                                       std::string_view terms,
                                       int limit,
                                       std::string_view mark_open,
                                       std::string_view mark_close) {
  if (terms.find_first_not_of(" \t\n") == std::string_view::npos) {
    throw UsageError("nothing to search for");
  }
  std::vector<SearchHit> hits;
  try {
    SQLite::Statement s(ledger.database(),
                        "SELECT a.id, a.title, coalesce(src.name, ''), coalesce(a.published, ''), "
                        "coalesce(a.url, ''), snippet(articles_fts, 1, ?2, ?3, '…', 16) "
                        "FROM articles_fts JOIN articles a ON a.id = articles_fts.rowid "
                        "LEFT JOIN sources src ON src.id = a.source_id "
                        "WHERE articles_fts MATCH ?1 ORDER BY rank LIMIT ?4");
    s.bind(1, std::string(terms));
    s.bind(2, std::string(mark_open));
    s.bind(3, std::string(mark_close));
    s.bind(4, limit);
    while (s.executeStep()) {
      SearchHit h;
      h.article_id = s.getColumn(0).getInt64();
      h.title = s.getColumn(1).getString();
      h.outlet = s.getColumn(2).getString();
      h.published = s.getColumn(3).getString();
      h.url = s.getColumn(4).getString();
      h.snippet = s.getColumn(5).getString();
      hits.push_back(std::move(h));
    }
  } catch (const SQLite::Exception& e) {
    std::string_view message = e.what();
    // FTS5 reports query syntax problems as plain SQLITE_ERROR ("fts5: syntax error near ...").
    if ((e.getErrorCode() & 0xFF) == 1 /* SQLITE_ERROR */) {
      throw UsageError(fmt::format("invalid search terms \"{}\": {}", terms, message));
    }
    throw LedgerError(fmt::format("ledger \"{}\": search failed: {}", ledger.path(), message));
  }
  return hits;
}

} // namespace factledger::ledger
