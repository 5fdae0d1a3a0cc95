#pragma once

#include "model/article.hpp"
#include "model/fact.hpp"
#include "model/mention.hpp"

#include <string>
#include <string_view>
#include <vector>

namespace factledger::extract {

// Which extractors run. Facts are assembled from amounts and dates, so `facts` needs both.
struct Extractors {
  bool amounts = true;
  bool dates = true;
  bool facts = true;
};

// Parse a comma-separated list of extractor names ("amounts,dates", "all"); throws
// factledger::Error naming a bad name, or facts without amounts and dates.
Extractors parse_extractors(std::string_view list);

// Everything the extractors found in one article.
struct Extraction {
  Extractors ran;   // the extractors that ran (the others' lists are empty, not "none found")
  std::string lang; // the language used ("fr"/"en"), given or detected
  std::vector<AmountMention> amounts;
  std::vector<DateMention> dates;
  std::vector<Fact> facts; // support facts; Fact::amount indexes `amounts`
};

// Run the extractors over `article`. `article.lang` empty or "auto" means detect.
Extraction extract_article(const Article& article, const Extractors& extractors = {});

} // namespace factledger::extract
