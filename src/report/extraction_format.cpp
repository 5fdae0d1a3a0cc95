#include "report/extraction_format.hpp"

#include "report/text_table.hpp"
#include "text/utf8.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <bit>
#include <cmath>
#include <cstdint>
#include <cstring>
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

// Append-only text buffer for one line of output. std::string's append and push_back are
// out-of-line calls that cost more than the few bytes of a JSON key; here an append is a bounds
// check and a copy, inlined (a key's copy becomes a few moves).
class Buffer {
public:
  [[gnu::always_inline]] void put(char c) {
    if (m_data.size() == m_size) {
      grow(1);
    }
    m_data[m_size++] = c;
  }
  [[gnu::always_inline]] void put(std::string_view s) {
    if (m_data.size() - m_size < s.size()) {
      grow(s.size());
    }
    if (!s.empty()) {
      std::memcpy(m_data.data() + m_size, s.data(), s.size());
      m_size += s.size();
    }
  }
  std::size_t size() const { return m_size; }
  // REQUIRES: `size` <= size().
  void truncate(std::size_t size) { m_size = size; }
  std::string_view view() const { return std::string_view(m_data.data(), m_size); }

private:
  [[gnu::noinline]] void grow(std::size_t n) {
    m_data.resize(std::max(2 * m_data.size(), m_size + n + 4096));
  }

  std::string m_data; // bytes [0, m_size) are the output; the rest is room
  std::size_t m_size = 0;
};

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

// High bit set in each byte of the 8 bytes `w` that a JSON string does not hold as is: a
// control character, '"', '\\', or a non-ASCII byte (to be checked as UTF-8). Exact for the
// lowest such byte (a borrow only runs upward from a matching byte), which is all that is used.
constexpr std::uint64_t special_bytes(std::uint64_t w) {
  constexpr std::uint64_t k_ones = 0x0101010101010101ULL;
  constexpr std::uint64_t k_high = 0x80 * k_ones;
  auto zero_bytes = [](std::uint64_t x) { return (x - k_ones) & ~x & k_high; };
  return (w & k_high) | ((w - 0x20 * k_ones) & ~w & k_high) | zero_bytes(w ^ ('"' * k_ones))
         | zero_bytes(w ^ ('\\' * k_ones));
}

// Index of the first special byte (above) at or after `i`; s.size() when none. Eight bytes at a
// time, the first byte of a word being its lowest.
std::size_t plain_ascii_end(std::string_view s, std::size_t i) {
  static_assert(std::endian::native == std::endian::little, "the first byte is the lowest");
  auto first_special = [](std::uint64_t w) {
    return static_cast<std::size_t>(std::countr_zero(special_bytes(w))) / 8; // 8 when none
  };
  std::uint64_t w = 0;
  for (; i + 8 <= s.size(); i += 8) {
    std::memcpy(&w, s.data() + i, 8);
    if (std::size_t k = first_special(w); k < 8) {
      return i + k;
    }
  }
  if (i == s.size()) {
    return i;
  }
  std::size_t tail = s.size() - i; // 1..7
  if (s.size() >= 8) {
    // The string's last word, shifted so that the tail comes first; the zero bytes shifted in
    // above it count as special (control characters).
    std::memcpy(&w, s.data() + s.size() - 8, 8);
    return i + std::min(tail, first_special(w >> (8 * (8 - tail))));
  }
  std::memcpy(&w, s.data() + i, tail); // the rest of `w` stays zero, special
  return i + std::min(tail, first_special(w));
}

// Append `s` as a JSON string, byte-identical to nlohmann's dump (no ensure_ascii). Building a
// json value per string cost a sixth of `extract --format jsonl`; ill-formed UTF-8 (rare) still
// goes through nlohmann so that its U+FFFD replacement stays the same.
void append_json_string(Buffer& out, std::string_view s) {
  std::size_t mark = out.size();
  out.put('"');
  std::size_t copied = 0; // s[0, copied) is in `out`
  std::size_t i = 0;
  while ((i = plain_ascii_end(s, i)) < s.size()) {
    auto c = static_cast<unsigned char>(s[i]);
    if (c >= 0x80) {
      std::size_t n = utf8_sequence_length(s, i);
      if (n == 0) {
        out.truncate(mark);
        out.put(dump(json(std::string(s))));
        return;
      }
      i += n; // copied as is with the run it is in
      continue;
    }
    out.put(s.substr(copied, i - copied));
    switch (c) {
    case '"':
      out.put("\\\"");
      break;
    case '\\':
      out.put("\\\\");
      break;
    case '\b':
      out.put("\\b");
      break;
    case '\f':
      out.put("\\f");
      break;
    case '\n':
      out.put("\\n");
      break;
    case '\r':
      out.put("\\r");
      break;
    case '\t':
      out.put("\\t");
      break;
    default: {
      static constexpr char k_hex[] = "0123456789abcdef";
      const char escape[] = {'\\', 'u', '0', '0', k_hex[c >> 4], k_hex[c & 0xF]};
      out.put(std::string_view(escape, sizeof escape));
    }
    }
    copied = ++i;
  }
  out.put(s.substr(copied));
  out.put('"');
}

// An enum's stable name (to_string of Grain, Status, ...): a plain identifier, nothing to escape.
void append_name(Buffer& out, std::string_view name) {
  out.put('"');
  out.put(name);
  out.put('"');
}

void append_optional_string(Buffer& out, const std::optional<std::string>& s) {
  if (s) {
    append_json_string(out, *s);
  } else {
    out.put("null");
  }
}

// An optional enum (Instrument, DateSource, ...) as its name, or null.
template <typename Enum> void append_optional_name(Buffer& out, const std::optional<Enum>& v) {
  if (v) {
    append_name(out, to_string(*v));
  } else {
    out.put("null");
  }
}

void append_party(Buffer& out, const std::optional<FactParty>& p) {
  if (p) {
    append_json_string(out, p->text);
  } else {
    out.put("null");
  }
}

template <typename T> void append_integer(Buffer& out, T v) {
  // fmt::format_int formats into its own buffer: no format string to parse per number.
  fmt::format_int digits(v);
  out.put(std::string_view(digits.data(), digits.size()));
}

void append_decimal(Buffer& out, const Decimal& d) {
  if (d.is_integer()) {
    append_integer(out, d.units());
  } else {
    out.put(dump(decimal_to_json(d)));
  }
}

// A double as nlohmann prints it (shortest round-trip form, "0.65", "1.0"). Confidences are
// hundredths (facts.cpp rounds them), whose text is taken from a table that nlohmann itself
// printed once; any other value goes through nlohmann.
void append_double(Buffer& out, double v) {
  static const std::array<std::string, 101> k_hundredths = [] {
    std::array<std::string, 101> a;
    for (std::size_t k = 0; k < a.size(); ++k) {
      a[k] = dump(json(static_cast<double>(k) / 100.0));
    }
    return a;
  }();
  double scaled = std::round(v * 100.0);
  if (scaled >= 0.0 && scaled <= 100.0 && !std::signbit(v)) {
    auto k = static_cast<std::size_t>(scaled);
    if (static_cast<double>(k) / 100.0 == v) {
      out.put(k_hundredths[k]);
      return;
    }
  }
  out.put(dump(json(v)));
}

// The same objects as amount_to_json, date_to_json and fact_to_json, written directly.
void append_amount(Buffer& out, const AmountMention& m, const text::CodepointIndex& index) {
  out.put("{\"text\":");
  append_json_string(out, m.text);
  out.put(",\"start\":");
  append_integer(out, index.to_codepoint(m.span.begin));
  out.put(",\"end\":");
  append_integer(out, index.to_codepoint(m.span.end));
  out.put(",\"value\":");
  append_decimal(out, m.value);
  out.put(",\"max\":");
  if (m.max) {
    append_decimal(out, *m.max);
  } else {
    out.put("null");
  }
  out.put(",\"currency\":");
  append_json_string(out, m.currency);
  out.put(",\"qualifier\":");
  append_name(out, to_string(m.qualifier));
  if (m.equivalent) {
    out.put(",\"equivalent\":{\"value\":");
    append_decimal(out, m.equivalent->value);
    out.put(",\"currency\":");
    append_json_string(out, m.equivalent->currency);
    out.put(",\"text\":");
    append_json_string(out, m.equivalent->text);
    out.put('}');
  }
  out.put('}');
}

void append_date(Buffer& out, const DateMention& d, const text::CodepointIndex& index) {
  out.put("{\"text\":");
  append_json_string(out, d.text);
  out.put(",\"start\":");
  append_integer(out, index.to_codepoint(d.span.begin));
  out.put(",\"end\":");
  append_integer(out, index.to_codepoint(d.span.end));
  out.put(",\"value\":");
  append_optional_string(out, d.value);
  out.put(",\"grain\":");
  append_name(out, to_string(d.grain));
  if (d.kind == DateKind::duration) {
    out.put(",\"kind\":\"duration\"");
  }
  if (d.end) {
    out.put(",\"end_value\":");
    append_json_string(out, *d.end);
  }
  if (d.qualifier) {
    out.put(",\"qualifier\":");
    append_json_string(out, *d.qualifier);
  }
  out.put('}');
}

void append_fact(Buffer& out, const Fact& f, std::string_view text) {
  out.put("{\"amount\":");
  append_integer(out, f.amount);
  out.put(",\"funder\":");
  append_party(out, f.funder);
  out.put(",\"recipient\":");
  append_party(out, f.recipient);
  out.put(",\"instrument\":");
  append_optional_name(out, f.instrument);
  out.put(",\"sector\":");
  append_optional_string(out, f.sector);
  out.put(",\"country\":");
  append_optional_string(out, f.country);
  out.put(",\"date\":");
  append_optional_string(out, f.date);
  out.put(",\"date_source\":");
  append_optional_name(out, f.date_source);
  out.put(",\"status\":");
  append_name(out, to_string(f.status));
  out.put(f.hedged ? ",\"hedged\":true" : ",\"hedged\":false");
  out.put(",\"attributed_to\":");
  append_party(out, f.attributed_to);
  out.put(",\"amount_kind\":");
  append_name(out, to_string(f.amount_kind));
  out.put(",\"period\":");
  if (f.period_start || f.period_end) {
    out.put("{\"start\":");
    append_optional_string(out, f.period_start);
    out.put(",\"end\":");
    append_optional_string(out, f.period_end);
    out.put('}');
  } else {
    out.put("null");
  }
  out.put(",\"confidence\":");
  append_double(out, f.confidence);
  out.put(",\"rule\":");
  append_json_string(out, f.rule);
  out.put(",\"sentence\":");
  append_json_string(out, text.substr(f.sentence.begin, f.sentence.size()));
  out.put('}');
}

// Write `items` as a JSON array, one element at a time.
template <typename T, typename F>
void append_array(Buffer& out, const std::vector<T>& items, F&& append_item) {
  out.put('[');
  for (std::size_t i = 0; i < items.size(); ++i) {
    if (i > 0) {
      out.put(',');
    }
    append_item(items[i]);
  }
  out.put(']');
}

} // namespace

void write_extraction_jsonl(std::ostream& out,
                            const Article& article,
                            const extract::Extraction& extraction) {
  // Same object as extraction_to_json, written as text without building a json tree. One
  // buffer per thread, reused, flushed per section so that a huge article's output is never
  // held in memory twice.
  thread_local Buffer buffer;
  buffer.truncate(0);
  text::CodepointIndex index(article.text);
  auto flush = [&] {
    out.write(buffer.view().data(), static_cast<std::streamsize>(buffer.size()));
    buffer.truncate(0);
  };
  buffer.put("{\"id\":");
  append_json_string(buffer, article.id);
  buffer.put(",\"lang\":");
  append_json_string(buffer, extraction.lang);
  buffer.put(",\"published\":");
  if (article.published) {
    append_json_string(buffer, article.published->to_string());
  } else {
    buffer.put("null");
  }
  // An extractor that did not run has no key (an empty array would claim "none found").
  if (extraction.ran.amounts) {
    buffer.put(",\"amounts\":");
    append_array(buffer, extraction.amounts, [&](const AmountMention& m) {
      append_amount(buffer, m, index);
    });
  }
  if (extraction.ran.dates) {
    buffer.put(",\"dates\":");
    append_array(
        buffer, extraction.dates, [&](const DateMention& d) { append_date(buffer, d, index); });
  }
  flush();
  if (extraction.ran.facts) {
    buffer.put(",\"facts\":");
    append_array(
        buffer, extraction.facts, [&](const Fact& f) { append_fact(buffer, f, article.text); });
  }
  buffer.put("}\n");
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
