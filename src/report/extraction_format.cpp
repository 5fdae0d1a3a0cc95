#include "report/extraction_format.hpp"

#include "report/text_table.hpp"
#include "text/utf8.hpp"

#include <fmt/format.h>

#include <ostream>

namespace factledger::report {

// ordered_json keeps keys in the documented order (id, lang, published, amounts, ...).
using json = nlohmann::ordered_json;

json decimal_to_json(const Decimal& d) {
  if (d.is_integer()) {
    return d.units();
  }
  // JSON numbers are decimal text; nlohmann prints the shortest round-trip form ("8.5").
  return d.to_double();
}

namespace {

json amount_to_json(const AmountMention& m, const text::CodepointIndex& index) {
  json j = json::object();
  j["text"] = m.text;
  j["start"] = index.to_codepoint(m.span.begin);
  j["end"] = index.to_codepoint(m.span.end);
  j["value"] = decimal_to_json(m.value);
  j["max"] = m.max ? decimal_to_json(*m.max) : json(nullptr);
  j["currency"] = m.currency;
  j["qualifier"] = std::string(to_string(m.qualifier));
  if (m.equivalent) {
    j["equivalent"] = {{"value", decimal_to_json(m.equivalent->value)},
                       {"currency", m.equivalent->currency},
                       {"text", m.equivalent->text}};
  }
  return j;
}

json date_to_json(const DateMention& d, const text::CodepointIndex& index) {
  json j = json::object();
  j["text"] = d.text;
  j["start"] = index.to_codepoint(d.span.begin);
  j["end"] = index.to_codepoint(d.span.end);
  j["value"] = d.value ? json(*d.value) : json(nullptr);
  j["grain"] = std::string(to_string(d.grain));
  if (d.kind == DateKind::duration) {
    j["kind"] = "duration";
  }
  if (d.end) {
    j["end_value"] = *d.end;
  }
  if (d.qualifier) {
    j["qualifier"] = *d.qualifier;
  }
  return j;
}

json party_to_json(const std::optional<FactParty>& p) {
  return p ? json(p->text) : json(nullptr);
}

json optional_to_json(const std::optional<std::string>& s) {
  return s ? json(*s) : json(nullptr);
}

// One fact, in the shape of issue 5: `amount` indexes the amounts array, `sentence` is the
// sentence text, `period` null or {"start", "end"}.
json fact_to_json(const Fact& f, std::string_view text) {
  json j = json::object();
  j["amount"] = f.amount;
  j["funder"] = party_to_json(f.funder);
  j["recipient"] = party_to_json(f.recipient);
  j["instrument"] = f.instrument ? json(std::string(to_string(*f.instrument))) : json(nullptr);
  j["sector"] = optional_to_json(f.sector);
  j["country"] = optional_to_json(f.country);
  j["date"] = optional_to_json(f.date);
  j["date_source"] = f.date_source ? json(std::string(to_string(*f.date_source))) : json(nullptr);
  j["status"] = std::string(to_string(f.status));
  j["hedged"] = f.hedged;
  j["attributed_to"] = party_to_json(f.attributed_to);
  j["amount_kind"] = std::string(to_string(f.amount_kind));
  j["period"] = f.period_start || f.period_end ? json{{"start", optional_to_json(f.period_start)},
                                                      {"end", optional_to_json(f.period_end)}}
                                               : json(nullptr);
  j["confidence"] = f.confidence;
  j["rule"] = f.rule;
  j["sentence"] = std::string(text.substr(f.sentence.begin, f.sentence.size()));
  return j;
}

std::string format_amount(const AmountMention& m) {
  std::string v = m.value.to_string();
  if (m.max) {
    v += "–" + m.max->to_string();
  }
  return v;
}

} // namespace

json extraction_to_json(const Article& article, const extract::Extraction& extraction) {
  text::CodepointIndex index(article.text);
  json j = json::object();
  j["id"] = article.id;
  j["lang"] = extraction.lang;
  j["published"] = article.published ? json(article.published->to_string()) : json(nullptr);
  json amounts = json::array();
  for (const auto& m : extraction.amounts) {
    amounts.push_back(amount_to_json(m, index));
  }
  j["amounts"] = std::move(amounts);
  json dates = json::array();
  for (const auto& d : extraction.dates) {
    dates.push_back(date_to_json(d, index));
  }
  j["dates"] = std::move(dates);
  json facts = json::array();
  for (const auto& f : extraction.facts) {
    facts.push_back(fact_to_json(f, article.text));
  }
  j["facts"] = std::move(facts);
  return j;
}

namespace {

std::string dump(const json& j) {
  return j.dump(-1, ' ', false, json::error_handler_t::replace);
}

// Write `items` as a JSON array, one element at a time.
template <typename T, typename F>
void write_array(std::ostream& out, const std::vector<T>& items, F&& to_json) {
  out << '[';
  for (std::size_t i = 0; i < items.size(); ++i) {
    out << (i > 0 ? "," : "") << dump(to_json(items[i]));
  }
  out << ']';
}

} // namespace

void write_extraction_jsonl(std::ostream& out,
                            const Article& article,
                            const extract::Extraction& extraction) {
  // Same object as extraction_to_json, streamed element by element so that a huge article's
  // output is never held in memory twice (as a tree and as text).
  text::CodepointIndex index(article.text);
  out << "{\"id\":" << dump(json(article.id)) << ",\"lang\":" << dump(json(extraction.lang))
      << ",\"published\":"
      << (article.published ? dump(json(article.published->to_string())) : "null")
      << ",\"amounts\":";
  write_array(
      out, extraction.amounts, [&](const AmountMention& m) { return amount_to_json(m, index); });
  out << ",\"dates\":";
  write_array(out, extraction.dates, [&](const DateMention& d) { return date_to_json(d, index); });
  out << ",\"facts\":";
  write_array(out, extraction.facts, [&](const Fact& f) { return fact_to_json(f, article.text); });
  out << "}\n";
}

std::string extraction_to_table(const Article& article, const extract::Extraction& extraction) {
  text::CodepointIndex index(article.text);
  std::string out = fmt::format("{} ({}, published {})\n",
                                article.id,
                                extraction.lang,
                                article.published ? article.published->to_string() : "unknown");
  TextTable amounts({"offsets", "amount", "value", "currency", "qualifier", "equivalent"});
  for (const auto& m : extraction.amounts) {
    amounts.add_row(
        {fmt::format("{}-{}", index.to_codepoint(m.span.begin), index.to_codepoint(m.span.end)),
         m.text,
         format_amount(m),
         m.currency,
         std::string(to_string(m.qualifier)),
         m.equivalent ? m.equivalent->value.to_string() + " " + m.equivalent->currency : ""});
  }
  out += extraction.amounts.empty() ? "  (no amounts)\n" : amounts.render("  ");
  if (!extraction.dates.empty()) {
    TextTable dates({"offsets", "date", "value", "grain"});
    for (const auto& d : extraction.dates) {
      std::string value = d.value.value_or("?");
      if (d.end) {
        value += " .. " + *d.end;
      }
      dates.add_row(
          {fmt::format("{}-{}", index.to_codepoint(d.span.begin), index.to_codepoint(d.span.end)),
           d.text,
           value,
           std::string(to_string(d.grain))});
    }
    out += dates.render("  ");
  }
  return out;
}

} // namespace factledger::report
