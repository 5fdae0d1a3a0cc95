#pragma once

#include "ingest/article_reader.hpp"
#include "model/article.hpp"

#include <string_view>

namespace factledger::ingest {

// Build an article from an HTML page (`bytes` as read from disk; the charset declared in
// <meta charset> is honoured, Windows-1252/Latin-1 transcoded). Title, language, published date,
// outlet and canonical URL come from the page's metadata; the text is its headings and
// paragraphs, one per line, without scripts, styles, navigation or footers.
Article article_from_html(std::string_view bytes, const ReadOptions& options);

} // namespace factledger::ingest
