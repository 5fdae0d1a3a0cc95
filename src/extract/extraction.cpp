#include "extract/extraction.hpp"

#include "extract/dates.hpp"
#include "extract/facts.hpp"
#include "extract/money.hpp"
#include "model/error.hpp"
#include "text/language.hpp"

#include <algorithm>

namespace factledger::extract {

Extractors parse_extractors(std::string_view list) {
  Extractors e{false, false, false};
  std::size_t pos = 0;
  while (pos <= list.size()) {
    std::size_t comma = std::min(list.find(',', pos), list.size());
    std::string_view name = list.substr(pos, comma - pos);
    if (name == "amounts") {
      e.amounts = true;
    } else if (name == "dates") {
      e.dates = true;
    } else if (name == "facts") {
      e.facts = true;
    } else if (name == "all") {
      e = Extractors{};
    } else {
      throw Error("unknown extractor \"" + std::string(name)
                  + "\" (expected a comma-separated list of amounts, dates, facts, or all)");
    }
    pos = comma + 1;
  }
  if (e.facts && !(e.amounts && e.dates)) {
    throw Error("the facts extractor needs amounts and dates: use \"amounts,dates,facts\"");
  }
  return e;
}

Extraction extract_article(const Article& article, const Extractors& extractors) {
  Extraction out;
  out.ran = extractors;
  out.lang = article.lang.empty() || article.lang == "auto" ? text::detect_language(article.text)
                                                            : article.lang;
  if (extractors.amounts) {
    out.amounts = find_amounts(article.text, out.lang, article.source);
  }
  if (extractors.dates) {
    out.dates = find_dates(article.text, out.lang, article.published);
  }
  if (extractors.facts) {
    out.facts = assemble_facts(article.text, out.lang, article.published, out.amounts, out.dates);
  }
  return out;
}

} // namespace factledger::extract
