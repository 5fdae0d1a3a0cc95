#pragma once

#include "ingest/diagnostic.hpp"
#include "model/article.hpp"

#include <functional>
#include <optional>
#include <string>
#include <string_view>

namespace factledger::ingest {

// Defaults applied to articles that do not say otherwise.
struct ReadOptions {
  std::string lang;                   // "fr", "en", or "" / "auto" to detect
  std::optional<CivilDate> published; // when a record has none
  std::string source;                 // outlet name when a record has none
};

using ArticleCallback = std::function<void(Article&&)>;

// Read the articles of one input file (`path`, or "-" for stdin): JSON Lines article records
// (by extension .jsonl/.ndjson or content starting with '{'), HTML (.html/.htm or content
// starting with '<'), else plain text with an optional `key: value` header block. Each article
// goes to `on_article`; problems (binary file, invalid UTF-8, bad JSON line) go to `diagnostics`
// and never stop the reading of the other records.
void read_articles(const std::string& path,
                   const ReadOptions& options,
                   const ArticleCallback& on_article,
                   Diagnostics& diagnostics);

// Parse a plain-text article: optional leading `key: value` lines (title, url, published,
// source, lang) ended by a blank line, then the body.
Article article_from_text(std::string_view content, const ReadOptions& options);

// "fr-FR", "French", "français" -> "fr"; "en_US", "English" -> "en"; else "" (detect).
std::string normalize_lang(std::string_view value);

// Lenient date parsing for record fields: "2025-07-16", "2025-07-16 09:15:00",
// "2025-07-16T08:30:00+02:00".
std::optional<CivilDate> parse_published(std::string_view value);

} // namespace factledger::ingest
