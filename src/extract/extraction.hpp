#pragma once

#include "model/article.hpp"
#include "model/fact.hpp"
#include "model/mention.hpp"

#include <string>
#include <vector>

namespace factledger::extract {

// Everything the extractors found in one article.
struct Extraction {
  std::string lang; // the language used ("fr"/"en"), given or detected
  std::vector<AmountMention> amounts;
  std::vector<DateMention> dates;
  std::vector<Fact> facts; // support facts; Fact::amount indexes `amounts`
};

// Run every extractor over `article`. `article.lang` empty or "auto" means detect.
Extraction extract_article(const Article& article);

} // namespace factledger::extract
