#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace factledger::ledger {

class Ledger;

// One article matching a full-text search, best first.
struct SearchHit {
  std::int64_t article_id = 0;
  std::string title;
  std::string outlet;    // "" when unknown
  std::string published; // "YYYY-MM-DD" or ""
  std::string url;
  std::string snippet; // a piece of the text, matched terms between `mark_open` and `mark_close`
};

// Full-text search over article titles and texts (SQLite FTS5 MATCH syntax: words, "phrases",
// AND/OR/NOT, prefix*; diacritics ignored). Throws UsageError for terms FTS5 cannot parse,
// LedgerError when the ledger fails. REQUIRES: `limit` > 0.
std::vector<SearchHit> search_articles(Ledger& ledger,
                                       std::string_view terms,
                                       int limit,
                                       std::string_view mark_open = "[",
                                       std::string_view mark_close = "]");

} // namespace factledger::ledger
