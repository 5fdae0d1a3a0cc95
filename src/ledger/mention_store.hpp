#pragma once

#include "model/fact.hpp"
#include "model/mention.hpp"

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace factledger::ledger {

class Ledger;

struct MentionCounts {
  std::size_t amounts = 0;
  std::size_t dates = 0;
  std::size_t facts = 0;
};

// Writes amount and date mentions with their provenance: sentence (index and code-point span
// from text::split_sentences), code-point offsets, matched text, exact value, rule id and
// extractor version.
class MentionStore {
public:
  explicit MentionStore(Ledger& ledger);
  ~MentionStore();
  MentionStore(const MentionStore&) = delete;
  MentionStore& operator=(const MentionStore&) = delete;

  // Insert the mentions found in `text`, and the support facts built on its amounts (each
  // `Fact::amount` indexes `amounts`; parties and sentence are byte spans into `text`) (the
  // article's stored text; mention spans are byte offsets into it) for article `article_id`.
  // REQUIRES: inside a write transaction. Throws InputError when a span is outside `text` or not on
  // a code-point boundary.
  MentionCounts insert(std::int64_t article_id,
                       std::string_view text,
                       const std::vector<AmountMention>& amounts,
                       const std::vector<DateMention>& dates,
                       std::string_view extractor_version,
                       const std::vector<Fact>& facts = {});

  // Delete every mention of article `article_id`. REQUIRES: inside a write transaction.
  void remove(std::int64_t article_id);

private:
  struct Impl;
  std::unique_ptr<Impl> m_impl;
};

// A short readable amount: "8.5 bn USD", "2-3 bn EUR", "300 m EUR", "33 tn KRW"; amounts that do
// not scale to at most two decimals are written in full with thousands separators:
// "8,234,567,891 USD", "1,250.5 EUR".
std::string
readable_amount(const Decimal& value, const std::optional<Decimal>& max, std::string_view currency);

} // namespace factledger::ledger
