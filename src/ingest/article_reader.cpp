#include "ingest/article_reader.hpp"

#include "ingest/html.hpp"
#include "model/error.hpp"
#include "text/utf8.hpp"

#include <fmt/format.h>

#include <array>
#include <cerrno>
#include <cstring>
#include <fstream>
#include <iostream>
#include <simdjson.h>
#include <sstream>

namespace factledger::ingest {

namespace {

// Accepted field names per article field, first present wins (common news-crawler outputs).
constexpr std::array<std::string_view, 1> k_id_fields = {"id"};
constexpr std::array<std::string_view, 4> k_text_fields = {"text", "maintext", "body", "content"};
constexpr std::array<std::string_view, 1> k_title_fields = {"title"};
constexpr std::array<std::string_view, 1> k_url_fields = {"url"};
constexpr std::array<std::string_view, 4> k_published_fields = {
    "published", "date_publish", "date", "published_at"};
constexpr std::array<std::string_view, 2> k_lang_fields = {"lang", "language"};
constexpr std::array<std::string_view, 3> k_source_fields = {"source", "source_domain", "hostname"};

// The first of `names` present in `record` with a non-null value.
template <std::size_t N>
std::optional<simdjson::dom::element> first_field(simdjson::dom::object record,
                                                  const std::array<std::string_view, N>& names) {
  for (auto name : names) {
    simdjson::dom::element v;
    if (record.at_key(name).get(v) == simdjson::SUCCESS && !v.is_null()) {
      return v;
    }
  }
  return std::nullopt;
}

// A string field as is; a number as written in JSON (an integer id stays "123"); else "".
template <std::size_t N>
std::string string_field(simdjson::dom::object record,
                         const std::array<std::string_view, N>& names) {
  auto v = first_field(record, names);
  if (!v) {
    return {};
  }
  std::string_view text;
  if (v->get(text) == simdjson::SUCCESS) {
    return std::string(text); // the parser checked that it is valid UTF-8
  }
  if (v->is_number()) {
    return simdjson::minify(*v);
  }
  return {};
}

bool has_extension(std::string_view path, std::initializer_list<std::string_view> exts) {
  auto dot = path.rfind('.');
  if (dot == std::string_view::npos) {
    return false;
  }
  std::string ext = text::to_lower(path.substr(dot));
  for (auto e : exts) {
    if (ext == e) {
      return true;
    }
  }
  return false;
}

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t' || s.front() == '\r')) {
    s.remove_prefix(1);
  }
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r')) {
    s.remove_suffix(1);
  }
  return s;
}

char first_non_space(std::string_view s) {
  // Skip a UTF-8 byte order mark.
  if (s.substr(0, 3) == "\xEF\xBB\xBF") {
    s.remove_prefix(3);
  }
  for (char c : s) {
    if (c != ' ' && c != '\t' && c != '\r' && c != '\n') {
      return c;
    }
  }
  return '\0';
}

// The whole stream in one string, sized up front for a regular file so that a huge input is
// held once rather than grown and copied.
std::string read_all(std::istream& in, bool is_stdin) {
  std::string bytes;
  if (!is_stdin) {
    in.seekg(0, std::ios::end);
    auto size = in.tellg();
    in.seekg(0, std::ios::beg);
    if (size > 0) {
      bytes.resize(static_cast<std::size_t>(size));
      in.read(bytes.data(), size);
      bytes.resize(static_cast<std::size_t>(in.gcount()));
      return bytes;
    }
  }
  std::stringstream buffer;
  buffer << in.rdbuf();
  return std::move(buffer).str();
}

// Build an article from one JSON record using the accepted field names (the first present
// wins): id; text|maintext|body|content; title; url; published|date_publish|date|published_at;
// lang|language; source|source_domain|hostname. Throws InputError when there is no text field.
Article article_from_json(simdjson::dom::object record, const ReadOptions& options) {
  Article a;
  auto body = first_field(record, k_text_fields);
  std::string_view body_text;
  if (!body || body->get(body_text) != simdjson::SUCCESS) {
    throw InputError("record has no text field (text, maintext, body or content)");
  }
  a.text = std::string(body_text); // valid UTF-8: the parser checked it
  a.id = string_field(record, k_id_fields);
  a.title = string_field(record, k_title_fields);
  a.url = string_field(record, k_url_fields);
  std::string published = string_field(record, k_published_fields);
  a.published = published.empty() ? options.published : parse_published(published);
  if (!published.empty() && !a.published) {
    throw InputError(fmt::format("invalid published date \"{}\"", published));
  }
  std::string lang = string_field(record, k_lang_fields);
  a.lang = lang.empty() ? options.lang : normalize_lang(lang);
  a.source = string_field(record, k_source_fields);
  if (a.source.empty()) {
    a.source = options.source;
  }
  return a;
}

void read_jsonl_stream(std::istream& in,
                       const std::string& path,
                       const ReadOptions& options,
                       const ArticleCallback& on_article,
                       Diagnostics& diagnostics) {
  // simdjson, not nlohmann, for records: JSON Lines from crawlers run to gigabytes, and
  // nlohmann's character-at-a-time lexer cost more than all the extractors on money.
  simdjson::dom::parser parser;
  std::string line;
  std::size_t line_no = 0;
  while (std::getline(in, line)) {
    ++line_no;
    std::string origin = fmt::format("{}:{}", path, line_no);
    if (trim(line).empty()) {
      continue;
    }
    std::string_view record_text = line;
    text::Utf8Repair repaired;
    if (!simdjson::validate_utf8(line.data(), line.size())) {
      repaired = text::repair_utf8(line);
      record_text = repaired.text;
      diagnostics.push_back({Diagnostic::Severity::warning,
                             origin,
                             fmt::format("invalid UTF-8 at byte {} ({} bytes replaced)",
                                         repaired.first_bad,
                                         repaired.replaced)});
    }
    simdjson::dom::element record;
    if (parser.parse(record_text.data(), record_text.size()).get(record) != simdjson::SUCCESS) {
      diagnostics.push_back({Diagnostic::Severity::error, origin, "invalid JSON record"});
      continue;
    }
    if (!record.is_object()) {
      diagnostics.push_back({Diagnostic::Severity::error, origin, "JSON record is not an object"});
      continue;
    }
    try {
      Article a = article_from_json(record.get_object().value_unsafe(), options);
      a.origin = origin;
      if (a.id.empty()) {
        a.id = fmt::format("{}:{}", path, line_no);
      }
      on_article(std::move(a));
    } catch (const InputError& e) {
      diagnostics.push_back({Diagnostic::Severity::error, origin, e.what()});
    }
  }
}

} // namespace

std::string normalize_lang(std::string_view value) {
  std::string v = text::fold(trim(value));
  if (v.rfind("fr", 0) == 0) {
    return "fr";
  }
  if (v.rfind("en", 0) == 0) {
    return "en";
  }
  return {};
}

std::optional<CivilDate> parse_published(std::string_view value) {
  return CivilDate::parse(trim(value));
}

Article article_from_text(std::string_view content, const ReadOptions& options) {
  Article a;
  a.lang = options.lang;
  a.published = options.published;
  a.source = options.source;
  if (content.substr(0, 3) == "\xEF\xBB\xBF") {
    content.remove_prefix(3);
  }
  // A header is a run of `key: value` lines with known keys, ended by a blank line.
  std::size_t pos = 0;
  std::size_t body_start = 0;
  bool header = false;
  while (pos < content.size()) {
    std::size_t eol = content.find('\n', pos);
    if (eol == std::string_view::npos) {
      eol = content.size();
    }
    std::string_view line = trim(content.substr(pos, eol - pos));
    if (line.empty()) {
      if (header) {
        body_start = eol + 1;
      }
      break;
    }
    auto colon = line.find(':');
    if (colon == std::string_view::npos) {
      break;
    }
    std::string key = text::to_lower(trim(line.substr(0, colon)));
    std::string_view value = trim(line.substr(colon + 1));
    if (key == "title") {
      a.title = value;
    } else if (key == "url") {
      a.url = value;
    } else if (key == "published" || key == "date") {
      a.published = parse_published(value);
      if (!a.published) {
        throw InputError(fmt::format("invalid published date \"{}\" in header", value));
      }
    } else if (key == "source") {
      a.source = value;
    } else if (key == "lang" || key == "language") {
      a.lang = normalize_lang(value);
    } else if (key == "id") {
      a.id = value;
    } else {
      break; // not a header line: the text starts here
    }
    header = true;
    pos = eol + 1;
  }
  if (!header || body_start > content.size()) {
    body_start = header ? content.size() : 0;
  }
  a.text = std::string(content.substr(std::min(body_start, content.size())));
  if (!header) {
    // Restore defaults possibly half-filled by a first line that looked like a header.
    a.title.clear();
    a.url.clear();
    a.lang = options.lang;
    a.published = options.published;
    a.source = options.source;
    a.id.clear();
  }
  return a;
}

void read_articles(const std::string& path,
                   const ReadOptions& options,
                   const ArticleCallback& on_article,
                   Diagnostics& diagnostics) {
  bool is_stdin = path == "-";
  std::ifstream file;
  if (!is_stdin) {
    file.open(path, std::ios::binary);
    if (!file) {
      diagnostics.push_back({Diagnostic::Severity::error,
                             path,
                             fmt::format("cannot open: {}", std::strerror(errno))});
      return;
    }
  }
  std::istream& in = is_stdin ? std::cin : file;
  std::string origin = is_stdin ? "<stdin>" : path;

  // JSON Lines stream record by record, so a huge file never sits in memory whole.
  if (has_extension(path, {".jsonl", ".ndjson"})) {
    read_jsonl_stream(in, origin, options, on_article, diagnostics);
    return;
  }
  std::string bytes = read_all(in, is_stdin);
  if (in.bad()) {
    diagnostics.push_back({Diagnostic::Severity::error, origin, "read error"});
    return;
  }
  if (text::looks_binary(bytes)) {
    diagnostics.push_back(
        {Diagnostic::Severity::error, origin, "binary file (NUL or control bytes), skipped"});
    return;
  }
  char first = first_non_space(bytes);
  if (first == '{') {
    std::istringstream lines(std::move(bytes));
    read_jsonl_stream(lines, origin, options, on_article, diagnostics);
    return;
  }
  try {
    Article a;
    if (has_extension(path, {".html", ".htm", ".xhtml"}) || first == '<') {
      a = article_from_html(bytes, options);
    } else {
      auto repaired = text::repair_utf8_owned(std::move(bytes));
      if (repaired.replaced > 0) {
        diagnostics.push_back({Diagnostic::Severity::warning,
                               origin,
                               fmt::format("invalid UTF-8 at byte {} ({} bytes replaced)",
                                           repaired.first_bad,
                                           repaired.replaced)});
      }
      a = article_from_text(repaired.text, options);
    }
    a.origin = origin;
    if (a.id.empty()) {
      a.id = origin;
    }
    on_article(std::move(a));
  } catch (const InputError& e) {
    diagnostics.push_back({Diagnostic::Severity::error, origin, e.what()});
  }
}

} // namespace factledger::ingest
