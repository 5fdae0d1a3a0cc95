#pragma once

#include "extract/extraction.hpp"
#include "model/article.hpp"

#include <nlohmann/json.hpp>

#include <iosfwd>
#include <string>

namespace factledger::report {

// The JSON object `factledger extract --format jsonl` prints for one article: id, lang,
// published, and the amounts/dates arrays with code-point offsets into the article text.
nlohmann::ordered_json extraction_to_json(const Article& article,
                                          const extract::Extraction& extraction);

// Write the same object as extraction_to_json, plus a newline, streaming its arrays.
void write_extraction_jsonl(std::ostream& out,
                            const Article& article,
                            const extract::Extraction& extraction);

// An exact decimal as a JSON number (integers stay integers).
nlohmann::ordered_json decimal_to_json(const Decimal& d);

// A readable aligned table of one article's mentions, for a person at a terminal.
std::string extraction_to_table(const Article& article, const extract::Extraction& extraction);

} // namespace factledger::report
