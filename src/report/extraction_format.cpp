#include "report/extraction_format.hpp"

#include "report/text_table.hpp"
#include "text/utf8.hpp"

#include <fmt/format.h>

#include <array>
#include <iterator>
#include <ostream>
#include <string_view>

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
  if (extraction.ran.amounts) {
    j["amounts"] = std::move(amounts);
  }
  json dates = json::array();
  for (const auto& d : extraction.dates) {
    dates.push_back(date_to_json(d, index));
  }
  if (extraction.ran.dates) {
    j["dates"] = std::move(dates);
  }
  json facts = json::array();
  for (const auto& f : extraction.facts) {
    facts.push_back(fact_to_json(f, article.text));
  }
  if (extraction.ran.facts) {
    j["facts"] = std::move(facts);
  }
  return j;
}

namespace {

std::string dump(const json& j) {
  return j.dump(-1, ' ', false, json::error_handler_t::replace);
}

// Length of the well-formed UTF-8 sequence at `s[i]` (Unicode table 3-7), 0 when ill-formed.
std::size_t utf8_sequence_length(std::string_view s, std::size_t i) {
  auto byte = [&](std::size_t k) { return static_cast<unsigned char>(s[k]); };
  unsigned char b0 = byte(i);
  std::size_t n = b0 >= 0xC2 && b0 <= 0xDF   ? 2
                  : b0 >= 0xE0 && b0 <= 0xEF ? 3
                  : b0 >= 0xF0 && b0 <= 0xF4 ? 4
                                             : 0;
  if (n == 0 || i + n > s.size()) {
    return 0;
  }
  unsigned char lo = 0x80;
  unsigned char hi = 0xBF;
  if (b0 == 0xE0) {
    lo = 0xA0;
  } else if (b0 == 0xED) {
    hi = 0x9F;
  } else if (b0 == 0xF0) {
    lo = 0x90;
  } else if (b0 == 0xF4) {
    hi = 0x8F;
  }
  if (byte(i + 1) < lo || byte(i + 1) > hi) {
    return 0;
  }
  for (std::size_t k = 2; k < n; ++k) {
    if (byte(i + k) < 0x80 || byte(i + k) > 0xBF) {
      return 0;
    }
  }
  return n;
}

// Append `s` as a JSON string, byte-identical to nlohmann's dump (no ensure_ascii). Building a
// json value per string cost a sixth of `extract --format jsonl`; ill-formed UTF-8 (rare) still
// goes through nlohmann so that its U+FFFD replacement stays the same.
void append_json_string(std::string& out, std::string_view s) {
  std::size_t mark = out.size();
  out += '"';
  for (std::size_t i = 0; i < s.size();) {
    // Copy a run of characters that need no escaping in one append.
    static constexpr auto k_plain = [] {
      std::array<bool, 256> a{};
      for (int c = 0x20; c < 0x80; ++c) {
        a[static_cast<std::size_t>(c)] = c != '"' && c != '\\';
      }
      return a;
    }();
    std::size_t run = i;
    while (run < s.size() && k_plain[static_cast<unsigned char>(s[run])]) {
      ++run;
    }
    out.append(s.data() + i, run - i);
    i = run;
    if (i == s.size()) {
      break;
    }
    auto c = static_cast<unsigned char>(s[i]);
    if (c >= 0x80) {
      std::size_t n = utf8_sequence_length(s, i);
      if (n == 0) {
        out.resize(mark);
        out += dump(json(std::string(s)));
        return;
      }
      out.append(s.data() + i, n);
      i += n;
      continue;
    }
    switch (c) {
    case '"':
      out += "\\\"";
      break;
    case '\\':
      out += "\\\\";
      break;
    case '\b':
      out += "\\b";
      break;
    case '\f':
      out += "\\f";
      break;
    case '\n':
      out += "\\n";
      break;
    case '\r':
      out += "\\r";
      break;
    case '\t':
      out += "\\t";
      break;
    default:
      if (c < 0x20) {
        fmt::format_to(std::back_inserter(out), "\\u{:04x}", static_cast<unsigned>(c));
      } else {
        out += static_cast<char>(c);
      }
    }
    ++i;
  }
  out += '"';
}

void append_optional_string(std::string& out, const std::optional<std::string>& s) {
  if (s) {
    append_json_string(out, *s);
  } else {
    out += "null";
  }
}

// An optional enum (Instrument, DateSource, ...) as its name, or null.
template <typename Enum> void append_optional_name(std::string& out, const std::optional<Enum>& v) {
  if (v) {
    append_json_string(out, to_string(*v));
  } else {
    out += "null";
  }
}

void append_party(std::string& out, const std::optional<FactParty>& p) {
  if (p) {
    append_json_string(out, p->text);
  } else {
    out += "null";
  }
}

void append_decimal(std::string& out, const Decimal& d) {
  if (d.is_integer()) {
    fmt::format_to(std::back_inserter(out), "{}", d.units());
  } else {
    out += dump(decimal_to_json(d));
  }
}

template <typename T> void append_integer(std::string& out, T v) {
  // fmt::format_int formats into its own buffer: no format string to parse per number.
  fmt::format_int digits(v);
  out.append(digits.data(), digits.size());
}

// The same objects as amount_to_json, date_to_json and fact_to_json, written directly.
void append_amount(std::string& out, const AmountMention& m, const text::CodepointIndex& index) {
  out += "{\"text\":";
  append_json_string(out, m.text);
  out += ",\"start\":";
  append_integer(out, index.to_codepoint(m.span.begin));
  out += ",\"end\":";
  append_integer(out, index.to_codepoint(m.span.end));
  out += ",\"value\":";
  append_decimal(out, m.value);
  out += ",\"max\":";
  if (m.max) {
    append_decimal(out, *m.max);
  } else {
    out += "null";
  }
  out += ",\"currency\":";
  append_json_string(out, m.currency);
  out += ",\"qualifier\":";
  append_json_string(out, to_string(m.qualifier));
  if (m.equivalent) {
    out += ",\"equivalent\":{\"value\":";
    append_decimal(out, m.equivalent->value);
    out += ",\"currency\":";
    append_json_string(out, m.equivalent->currency);
    out += ",\"text\":";
    append_json_string(out, m.equivalent->text);
    out += '}';
  }
  out += '}';
}

void append_date(std::string& out, const DateMention& d, const text::CodepointIndex& index) {
  out += "{\"text\":";
  append_json_string(out, d.text);
  out += ",\"start\":";
  append_integer(out, index.to_codepoint(d.span.begin));
  out += ",\"end\":";
  append_integer(out, index.to_codepoint(d.span.end));
  out += ",\"value\":";
  append_optional_string(out, d.value);
  out += ",\"grain\":";
  append_json_string(out, to_string(d.grain));
  if (d.kind == DateKind::duration) {
    out += ",\"kind\":\"duration\"";
  }
  if (d.end) {
    out += ",\"end_value\":";
    append_json_string(out, *d.end);
  }
  if (d.qualifier) {
    out += ",\"qualifier\":";
    append_json_string(out, *d.qualifier);
  }
  out += '}';
}

void append_fact(std::string& out, const Fact& f, std::string_view text) {
  out += "{\"amount\":";
  append_integer(out, f.amount);
  out += ",\"funder\":";
  append_party(out, f.funder);
  out += ",\"recipient\":";
  append_party(out, f.recipient);
  out += ",\"instrument\":";
  append_optional_name(out, f.instrument);
  out += ",\"sector\":";
  append_optional_string(out, f.sector);
  out += ",\"country\":";
  append_optional_string(out, f.country);
  out += ",\"date\":";
  append_optional_string(out, f.date);
  out += ",\"date_source\":";
  append_optional_name(out, f.date_source);
  out += ",\"status\":";
  append_json_string(out, to_string(f.status));
  out += f.hedged ? ",\"hedged\":true" : ",\"hedged\":false";
  out += ",\"attributed_to\":";
  append_party(out, f.attributed_to);
  out += ",\"amount_kind\":";
  append_json_string(out, to_string(f.amount_kind));
  out += ",\"period\":";
  if (f.period_start || f.period_end) {
    out += "{\"start\":";
    append_optional_string(out, f.period_start);
    out += ",\"end\":";
    append_optional_string(out, f.period_end);
    out += '}';
  } else {
    out += "null";
  }
  // nlohmann's shortest round-trip double form, kept exactly.
  out += ",\"confidence\":";
  out += dump(json(f.confidence));
  out += ",\"rule\":";
  append_json_string(out, f.rule);
  out += ",\"sentence\":";
  append_json_string(out, text.substr(f.sentence.begin, f.sentence.size()));
  out += '}';
}

// Write `items` as a JSON array, one element at a time.
template <typename T, typename F>
void append_array(std::string& out, const std::vector<T>& items, F&& append_item) {
  out += '[';
  for (std::size_t i = 0; i < items.size(); ++i) {
    if (i > 0) {
      out += ',';
    }
    append_item(items[i]);
  }
  out += ']';
}

} // namespace

void write_extraction_jsonl(std::ostream& out,
                            const Article& article,
                            const extract::Extraction& extraction) {
  // Same object as extraction_to_json, written as text without building a json tree. One
  // buffer per thread, reused, flushed per section so that a huge article's output is never
  // held in memory twice.
  thread_local std::string buffer;
  buffer.clear();
  text::CodepointIndex index(article.text);
  auto flush = [&] {
    out.write(buffer.data(), static_cast<std::streamsize>(buffer.size()));
    buffer.clear();
  };
  buffer += "{\"id\":";
  append_json_string(buffer, article.id);
  buffer += ",\"lang\":";
  append_json_string(buffer, extraction.lang);
  buffer += ",\"published\":";
  if (article.published) {
    append_json_string(buffer, article.published->to_string());
  } else {
    buffer += "null";
  }
  // An extractor that did not run has no key (an empty array would claim "none found").
  if (extraction.ran.amounts) {
    buffer += ",\"amounts\":";
    append_array(buffer, extraction.amounts, [&](const AmountMention& m) {
      append_amount(buffer, m, index);
    });
  }
  if (extraction.ran.dates) {
    buffer += ",\"dates\":";
    append_array(
        buffer, extraction.dates, [&](const DateMention& d) { append_date(buffer, d, index); });
  }
  flush();
  if (extraction.ran.facts) {
    buffer += ",\"facts\":";
    append_array(
        buffer, extraction.facts, [&](const Fact& f) { append_fact(buffer, f, article.text); });
  }
  buffer += "}\n";
  flush();
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
