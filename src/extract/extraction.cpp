#include "extract/extraction.hpp"

#include "extract/dates.hpp"
#include "extract/facts.hpp"
#include "extract/money.hpp"
#include "text/language.hpp"

namespace factledger::extract {

Extraction extract_article(const Article& article) {
  Extraction out;
  out.lang = article.lang.empty() || article.lang == "auto" ? text::detect_language(article.text)
                                                            : article.lang;
  out.amounts =
      find_amounts(article.text, money_context_for(article.text, out.lang, article.source));
  out.dates = find_dates(article.text, out.lang, article.published);
  out.facts = assemble_facts(article.text, out.lang, article.published, out.amounts, out.dates);
  return out;
}

} // namespace factledger::extract
