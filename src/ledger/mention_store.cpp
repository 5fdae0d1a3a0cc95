#include "ledger/mention_store.hpp"

#include "ledger/ledger.hpp"
#include "model/error.hpp"
#include "model/money.hpp"
#include "text/sentences.hpp"
#include "text/utf8.hpp"

#include <SQLiteCpp/SQLiteCpp.h>
#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <set>
#include <sqlite3.h>

namespace factledger::ledger {

namespace {

struct Scale {
  int exponent;
  std::string_view suffix;
};

// Largest first; the first that leaves at most two decimals is used.
constexpr std::array<Scale, 3> k_scales = {{{12, "tn"}, {9, "bn"}, {6, "m"}}};

std::string group_thousands(const Decimal& d) {
  std::string plain = d.to_string();
  std::string sign;
  if (!plain.empty() && plain[0] == '-') {
    sign = "-";
    plain.erase(0, 1);
  }
  auto dot = plain.find('.');
  std::string int_part = plain.substr(0, dot);
  std::string frac = dot == std::string::npos ? "" : plain.substr(dot);
  std::string grouped;
  for (std::size_t i = 0; i < int_part.size(); ++i) {
    if (i > 0 && (int_part.size() - i) % 3 == 0) {
      grouped += ',';
    }
    grouped += int_part[i];
  }
  return sign + grouped + frac;
}

std::optional<std::string> scaled(const Decimal& d, int exponent) {
  auto s = d.times_pow10(-exponent);
  if (!s || s->scale() > 2) {
    return std::nullopt;
  }
  return s->to_string();
}

bool at_least_pow10(const Decimal& d, int exponent) {
  auto one = Decimal::from_int(1).times_pow10(exponent);
  return one && *one <= d;
}

bool on_boundary(std::string_view text, std::size_t offset) {
  return offset == text.size()
         || (offset < text.size() && (static_cast<unsigned char>(text[offset]) & 0xC0) != 0x80);
}

std::optional<std::int64_t> minor_units(const Decimal& d, std::string_view currency) {
  return d.to_minor_units(currency_exponent(currency));
}

// Bind `text` without copying it (copying every value into SQLite was a measurable part of
// writing mentions). REQUIRES: `text` outlives the statement's next exec(); every parameter is
// bound again before each exec(), so no stale pointer is ever read.
void bind_no_copy(SQLite::Statement& s, int index, const std::string& text) {
  s.bindNoCopy(index, text);
}
// A temporary would be gone before exec() reads it.
void bind_no_copy(SQLite::Statement& s, int index, std::string&& text) = delete;

// Short texts that are not a std::string (slices of the article, names of enum values).
void bind_copy(SQLite::Statement& s, int index, std::string_view text) {
  s.bind(index, std::string(text));
}

void bind_optional(SQLite::Statement& s, int index, const std::optional<std::string>& v) {
  if (v) {
    bind_no_copy(s, index, *v);
  } else {
    s.bind(index);
  }
}
void bind_optional(SQLite::Statement& s, int index, std::optional<std::string>&& v) = delete;

void bind_optional(SQLite::Statement& s, int index, std::optional<std::string_view> v) {
  if (v) {
    bind_copy(s, index, *v);
  } else {
    s.bind(index);
  }
}

void bind_optional(SQLite::Statement& s, int index, const std::optional<std::int64_t>& v) {
  if (v) {
    s.bind(index, *v);
  } else {
    s.bind(index);
  }
}

// Where one mention sits: its code-point offsets and its sentence.
struct Located {
  std::int64_t start = 0;
  std::int64_t end = 0;
  std::int64_t sentence_index = 0;
  std::int64_t sentence_start = 0;
  std::int64_t sentence_end = 0;
};

class Locator {
public:
  explicit Locator(std::string_view text)
      : m_text(text), m_index(text), m_sentences(text::split_sentences(text)) {}

  Located locate(const Span& span) const {
    if (span.begin > span.end || span.end > m_text.size() || !on_boundary(m_text, span.begin)
        || !on_boundary(m_text, span.end)) {
      throw InputError(fmt::format(
          "mention span [{}, {}) is outside the article text ({} bytes) or splits a character",
          span.begin,
          span.end,
          m_text.size()));
    }
    // The sentence that holds the mention's start (or the one before a gap between sentences),
    // widened if the mention runs past it, so that the sentence always contains the mention.
    auto it = std::upper_bound(m_sentences.begin(),
                               m_sentences.end(),
                               span.begin,
                               [](std::size_t b, const Span& s) { return b < s.begin; });
    std::size_t idx =
        it == m_sentences.begin() ? 0 : static_cast<std::size_t>(it - m_sentences.begin()) - 1;
    Span sentence = m_sentences.empty() ? span : m_sentences[idx];
    sentence.begin = std::min(sentence.begin, span.begin);
    sentence.end = std::max(sentence.end, span.end);
    Located l;
    l.start = cp(span.begin);
    l.end = cp(span.end);
    l.sentence_index = static_cast<std::int64_t>(idx);
    l.sentence_start = cp(sentence.begin);
    l.sentence_end = cp(sentence.end);
    return l;
  }

  std::string_view slice(const Span& span) const { return m_text.substr(span.begin, span.size()); }

private:
  std::int64_t cp(std::size_t byte) const {
    return static_cast<std::int64_t>(m_index.to_codepoint(byte));
  }

  std::string_view m_text;
  text::CodepointIndex m_index;
  std::vector<Span> m_sentences;
};

// A constraint failure is bad data in one article (the article is skipped); anything else means
// the ledger itself is in trouble.
[[noreturn]] void rethrow_store_error(const SQLite::Exception& e, const std::string& what) {
  if ((e.getErrorCode() & 0xFF) == SQLITE_CONSTRAINT) {
    throw InputError(fmt::format("{} rejected by the ledger: {}", what, e.what()));
  }
  throw LedgerError(fmt::format("cannot store {}: {}", what, e.what()));
}

} // namespace

std::string readable_amount(const Decimal& value,
                            const std::optional<Decimal>& max,
                            std::string_view currency) {
  const Decimal& top = max && value < *max ? *max : value;
  for (const auto& scale : k_scales) {
    if (!at_least_pow10(top, scale.exponent)) {
      continue;
    }
    auto low = scaled(value, scale.exponent);
    std::optional<std::string> high = max ? scaled(*max, scale.exponent) : std::nullopt;
    if (!low || (max && !high)) {
      break; // too precise to scale: write it in full
    }
    return max ? fmt::format("{}-{} {} {}", *low, *high, scale.suffix, currency)
               : fmt::format("{} {} {}", *low, scale.suffix, currency);
  }
  return max ? fmt::format("{}-{} {}", group_thousands(value), group_thousands(*max), currency)
             : fmt::format("{} {}", group_thousands(value), currency);
}

struct MentionStore::Impl {
  explicit Impl(SQLite::Database& database)
      : db(database),
        insert_fact(database,
                    "INSERT INTO facts (article_id, amount_id, sentence_start, sentence_end, "
                    "funder, funder_start, funder_end, recipient, recipient_start, recipient_end, "
                    "instrument, sector, country, date, date_source, status, hedged, "
                    "attributed_to, amount_kind, period_start, period_end, confidence, rule, "
                    "extractor_version) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, "
                    "?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20, ?21, ?22, ?23, ?24)"),
        insert_amount(database,
                      "INSERT INTO amount_mentions (article_id, ordinal, sentence_index, "
                      "sentence_start, sentence_end, start, end, text, value, value_minor, max, "
                      "max_minor, currency, qualifier, readable, equivalent_value, "
                      "equivalent_currency, equivalent_text, rule, extractor_version) VALUES "
                      "(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, "
                      "?17, ?18, ?19, ?20)"),
        insert_date(database,
                    "INSERT INTO date_mentions (article_id, ordinal, sentence_index, "
                    "sentence_start, sentence_end, start, end, text, kind, value, value_end, "
                    "grain, qualifier, relative, rule, extractor_version) VALUES (?1, ?2, ?3, ?4, "
                    "?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16)"),
        insert_currency(database,
                        "INSERT OR IGNORE INTO currencies (code, exponent, name) VALUES (?1, ?2, "
                        "?1)"),
        delete_amounts(database, "DELETE FROM amount_mentions WHERE article_id = ?1"),
        delete_dates(database, "DELETE FROM date_mentions WHERE article_id = ?1") {
    SQLite::Statement known(database, "SELECT code FROM currencies");
    while (known.executeStep()) {
      known_currencies.insert(known.getColumn(0).getString());
    }
  }

  // A currency the schema does not list yet is added with its ISO exponent, so that the
  // foreign key holds and the mention is kept.
  void ensure_currency(const std::string& code) {
    if (known_currencies.count(code) != 0) {
      return;
    }
    insert_currency.bind(1, code);
    insert_currency.bind(2, currency_exponent(code));
    insert_currency.exec();
    insert_currency.reset();
  }

  SQLite::Database& db;
  SQLite::Statement insert_fact;
  SQLite::Statement insert_amount;
  SQLite::Statement insert_date;
  SQLite::Statement insert_currency;
  SQLite::Statement delete_amounts;
  SQLite::Statement delete_dates;
  std::set<std::string, std::less<>> known_currencies;
};

MentionStore::MentionStore(Ledger& ledger) {
  try {
    m_impl = std::make_unique<Impl>(ledger.database());
  } catch (const SQLite::Exception& e) {
    throw LedgerError(fmt::format("ledger \"{}\": {}", ledger.path(), e.what()));
  }
}

MentionStore::~MentionStore() = default;

MentionCounts MentionStore::insert(std::int64_t article_id,
                                   std::string_view text,
                                   const std::vector<AmountMention>& amounts,
                                   const std::vector<DateMention>& dates,
                                   std::string_view extractor_version,
                                   const std::vector<Fact>& facts) {
  MentionCounts counts;
  if (amounts.empty() && dates.empty()) {
    return counts;
  }
  Locator locator(text);
  const std::string version(extractor_version);
  auto& s = m_impl->insert_amount;
  std::vector<std::int64_t> amount_ids;
  amount_ids.reserve(amounts.size());
  for (std::size_t i = 0; i < amounts.size(); ++i) {
    const AmountMention& m = amounts[i];
    Located l = locator.locate(m.span);
    try {
      m_impl->ensure_currency(m.currency);
      if (m.equivalent) {
        m_impl->ensure_currency(m.equivalent->currency);
      }
      s.bind(1, article_id);
      s.bind(2, static_cast<std::int64_t>(i));
      s.bind(3, l.sentence_index);
      s.bind(4, l.sentence_start);
      s.bind(5, l.sentence_end);
      s.bind(6, l.start);
      s.bind(7, l.end);
      // Values bound without a copy live until exec() below.
      const std::string value = m.value.to_string();
      const std::optional<std::string> max =
          m.max ? std::optional(m.max->to_string()) : std::nullopt;
      const std::string readable = readable_amount(m.value, m.max, m.currency);
      const std::optional<std::string> equivalent_value =
          m.equivalent ? std::optional(m.equivalent->value.to_string()) : std::nullopt;
      bind_copy(s, 8, locator.slice(m.span));
      bind_no_copy(s, 9, value);
      bind_optional(s, 10, minor_units(m.value, m.currency));
      bind_optional(s, 11, max);
      bind_optional(s, 12, m.max ? minor_units(*m.max, m.currency) : std::nullopt);
      bind_no_copy(s, 13, m.currency);
      bind_copy(s, 14, to_string(m.qualifier));
      bind_no_copy(s, 15, readable);
      bind_optional(s, 16, equivalent_value);
      if (m.equivalent) {
        bind_no_copy(s, 17, m.equivalent->currency);
        bind_no_copy(s, 18, m.equivalent->text);
      } else {
        s.bind(17);
        s.bind(18);
      }
      bind_no_copy(s, 19, m.rule);
      bind_no_copy(s, 20, version);
      s.exec();
      s.reset();
      amount_ids.push_back(m_impl->db.getLastInsertRowid());
    } catch (const SQLite::Exception& e) {
      s.tryReset();
      rethrow_store_error(e, fmt::format("amount \"{}\"", m.text));
    }
    ++counts.amounts;
  }
  auto& d = m_impl->insert_date;
  for (std::size_t i = 0; i < dates.size(); ++i) {
    const DateMention& m = dates[i];
    Located l = locator.locate(m.span);
    try {
      d.bind(1, article_id);
      d.bind(2, static_cast<std::int64_t>(i));
      d.bind(3, l.sentence_index);
      d.bind(4, l.sentence_start);
      d.bind(5, l.sentence_end);
      d.bind(6, l.start);
      d.bind(7, l.end);
      bind_copy(d, 8, locator.slice(m.span));
      bind_copy(d, 9, m.kind == DateKind::duration ? "duration" : "date");
      bind_optional(d, 10, m.value);
      bind_optional(d, 11, m.end);
      bind_copy(d, 12, to_string(m.grain));
      bind_optional(d, 13, m.qualifier);
      d.bind(14, m.relative ? 1 : 0);
      bind_no_copy(d, 15, m.rule);
      bind_no_copy(d, 16, version);
      d.exec();
      d.reset();
    } catch (const SQLite::Exception& e) {
      d.tryReset();
      rethrow_store_error(e, fmt::format("date \"{}\"", m.text));
    }
    ++counts.dates;
  }
  auto& f = m_impl->insert_fact;
  for (const Fact& fact : facts) {
    if (fact.amount >= amount_ids.size()) {
      throw InputError(fmt::format("fact refers to amount {} of {}", fact.amount, amounts.size()));
    }
    Located sentence = locator.locate(fact.sentence);
    auto bind_party = [&](int index, const std::optional<FactParty>& party) {
      if (party) {
        Located l = locator.locate(party->span);
        bind_no_copy(f, index, party->text);
        f.bind(index + 1, l.start);
        f.bind(index + 2, l.end);
      } else {
        f.bind(index);
        f.bind(index + 1);
        f.bind(index + 2);
      }
    };
    auto text_or_null = [](auto v) {
      return v ? std::optional<std::string_view>(to_string(*v)) : std::nullopt;
    };
    try {
      f.bind(1, article_id);
      f.bind(2, amount_ids[fact.amount]);
      f.bind(3, sentence.start);
      f.bind(4, sentence.end);
      bind_party(5, fact.funder);
      bind_party(8, fact.recipient);
      bind_optional(f, 11, text_or_null(fact.instrument));
      bind_optional(f, 12, fact.sector);
      bind_optional(f, 13, fact.country);
      bind_optional(f, 14, fact.date);
      bind_optional(f, 15, text_or_null(fact.date_source));
      bind_copy(f, 16, to_string(fact.status));
      f.bind(17, fact.hedged ? 1 : 0);
      if (fact.attributed_to) {
        bind_no_copy(f, 18, fact.attributed_to->text);
      } else {
        f.bind(18);
      }
      bind_copy(f, 19, to_string(fact.amount_kind));
      bind_optional(f, 20, fact.period_start);
      bind_optional(f, 21, fact.period_end);
      f.bind(22, fact.confidence);
      bind_no_copy(f, 23, fact.rule);
      bind_no_copy(f, 24, version);
      f.exec();
      f.reset();
    } catch (const SQLite::Exception& e) {
      f.tryReset();
      rethrow_store_error(e, fmt::format("fact on amount \"{}\"", amounts[fact.amount].text));
    }
    ++counts.facts;
  }
  return counts;
}

void MentionStore::remove(std::int64_t article_id) {
  try {
    for (auto* s : {&m_impl->delete_amounts, &m_impl->delete_dates}) {
      s->bind(1, article_id);
      s->exec();
      s->reset();
    }
  } catch (const SQLite::Exception& e) {
    throw LedgerError(
        fmt::format("cannot delete mentions of article {}: {}", article_id, e.what()));
  }
}

} // namespace factledger::ledger
