#include "report/extraction_format.hpp"

#include "report/text_table.hpp"
#include "text/utf8.hpp"

#include <fmt/format.h>

namespace factledger::report {

using nlohmann::json;

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
  return j;
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
