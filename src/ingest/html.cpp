#include "ingest/html.hpp"

#include "text/utf8.hpp"

#include <gumbo.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <array>
#include <cctype>
#include <map>
#include <string>
#include <vector>

namespace factledger::ingest {

namespace {

using json = nlohmann::json;

// ---------------------------------------------------------------------------------------------
// Character set

// Charset labels decoded as Windows-1252, as browsers do for all of them (WHATWG Encoding).
constexpr std::array<std::string_view, 10> k_cp1252_labels = {"windows-1252",
                                                              "cp1252",
                                                              "x-cp1252",
                                                              "iso-8859-1",
                                                              "iso8859-1",
                                                              "iso_8859-1",
                                                              "latin1",
                                                              "latin-1",
                                                              "l1",
                                                              "us-ascii"};

// The charset a page declares in its first 4 KiB: <meta charset="...">, <meta http-equiv=
// "Content-Type" content="text/html; charset=...">, or an XML declaration's encoding.
std::string declared_charset(std::string_view bytes) {
  std::string head = text::ascii_lower(bytes.substr(0, 4096));
  for (std::string_view key : {"charset", "encoding"}) {
    std::size_t pos = 0;
    while ((pos = head.find(key, pos)) != std::string::npos) {
      std::size_t tag = head.rfind('<', pos);
      std::size_t close = head.rfind('>', pos);
      pos += key.size();
      bool in_meta = tag != std::string::npos && (close == std::string::npos || close < tag)
                     && (head.compare(tag, 5, "<meta") == 0 || head.compare(tag, 5, "<?xml") == 0);
      if (!in_meta) {
        continue;
      }
      std::size_t i = pos;
      while (i < head.size()
             && (head[i] == ' ' || head[i] == '=' || head[i] == '"' || head[i] == '\'')) {
        ++i;
      }
      std::size_t b = i;
      while (i < head.size()
             && (std::isalnum(static_cast<unsigned char>(head[i])) || head[i] == '-'
                 || head[i] == '_')) {
        ++i;
      }
      if (i > b) {
        return head.substr(b, i - b);
      }
    }
  }
  return {};
}

// Page bytes as UTF-8, honouring the declared charset. An undeclared page that is not valid
// UTF-8 is taken as Windows-1252, by far the most common legacy encoding of French and English
// pages.
std::string decode_page(std::string_view bytes) {
  if (bytes.substr(0, 3) == "\xEF\xBB\xBF") {
    return text::repair_utf8(bytes.substr(3)).text;
  }
  std::string charset = declared_charset(bytes);
  bool cp1252 =
      std::find(k_cp1252_labels.begin(), k_cp1252_labels.end(), charset) != k_cp1252_labels.end();
  if (cp1252) {
    return text::cp1252_to_utf8(bytes);
  }
  auto repaired = text::repair_utf8(bytes);
  if (repaired.replaced > 0 && charset.empty()) {
    return text::cp1252_to_utf8(bytes);
  }
  return std::move(repaired.text);
}

// ---------------------------------------------------------------------------------------------
// Tree helpers

// Walks stop this deep: a hostile page of nested tags must not exhaust the stack (gumbo itself
// keeps at most this many open elements meaningful; real articles nest a few dozen deep).
constexpr int k_max_depth = 400;

const char* attribute(const GumboNode* node, const char* name) {
  if (node->type != GUMBO_NODE_ELEMENT) {
    return nullptr;
  }
  const GumboAttribute* a = gumbo_get_attribute(&node->v.element.attributes, name);
  return a ? a->value : nullptr;
}

std::string attribute_lower(const GumboNode* node, const char* name) {
  const char* v = attribute(node, name);
  return v ? text::ascii_lower(v) : std::string();
}

template <typename F> void for_children(const GumboNode* node, F&& f) {
  if (node->type != GUMBO_NODE_ELEMENT && node->type != GUMBO_NODE_DOCUMENT) {
    return;
  }
  const GumboVector& children =
      node->type == GUMBO_NODE_DOCUMENT ? node->v.document.children : node->v.element.children;
  for (unsigned i = 0; i < children.length; ++i) {
    f(static_cast<const GumboNode*>(children.data[i]));
  }
}

bool is_ascii_space(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

// Append `s` to `out` with runs of ASCII white space collapsed to one space (no-break and other
// Unicode spaces are kept: "3 000" is a number).
void append_collapsed(std::string& out, std::string_view s) {
  for (char c : s) {
    if (is_ascii_space(c)) {
      if (!out.empty() && out.back() != ' ') {
        out += ' ';
      }
    } else {
      out += c;
    }
  }
}

std::string trim(std::string_view s) {
  while (!s.empty() && is_ascii_space(s.front())) {
    s.remove_prefix(1);
  }
  while (!s.empty() && is_ascii_space(s.back())) {
    s.remove_suffix(1);
  }
  return std::string(s);
}

// All text under `node`, white space collapsed (for <title>, <h1>, JSON-LD scripts use raw).
void collect_text(const GumboNode* node, std::string& out, int depth = 0) {
  if (depth > k_max_depth) {
    return;
  }
  if (node->type == GUMBO_NODE_TEXT || node->type == GUMBO_NODE_WHITESPACE
      || node->type == GUMBO_NODE_CDATA) {
    append_collapsed(out, node->v.text.text);
    return;
  }
  if (node->type == GUMBO_NODE_ELEMENT
      && (node->v.element.tag == GUMBO_TAG_SCRIPT || node->v.element.tag == GUMBO_TAG_STYLE)) {
    return;
  }
  for_children(node, [&](const GumboNode* child) { collect_text(child, out, depth + 1); });
}

std::string text_of(const GumboNode* node) {
  std::string out;
  collect_text(node, out);
  return trim(out);
}

std::string raw_text_of(const GumboNode* node) {
  std::string out;
  for_children(node, [&](const GumboNode* child) {
    if (child->type == GUMBO_NODE_TEXT || child->type == GUMBO_NODE_WHITESPACE
        || child->type == GUMBO_NODE_CDATA) {
      out += child->v.text.text;
    }
  });
  return out;
}

// ---------------------------------------------------------------------------------------------
// Boilerplate

// Elements that never hold article text.
constexpr std::array<GumboTag, 16> k_never_text = {GUMBO_TAG_SCRIPT,
                                                   GUMBO_TAG_STYLE,
                                                   GUMBO_TAG_NOSCRIPT,
                                                   GUMBO_TAG_TEMPLATE,
                                                   GUMBO_TAG_NAV,
                                                   GUMBO_TAG_FOOTER,
                                                   GUMBO_TAG_ASIDE,
                                                   GUMBO_TAG_FORM,
                                                   GUMBO_TAG_BUTTON,
                                                   GUMBO_TAG_IFRAME,
                                                   GUMBO_TAG_SVG,
                                                   GUMBO_TAG_SELECT,
                                                   GUMBO_TAG_TEXTAREA,
                                                   GUMBO_TAG_FIGURE,
                                                   GUMBO_TAG_MENU,
                                                   GUMBO_TAG_OBJECT};

// ARIA roles of page furniture.
constexpr std::array<std::string_view, 8> k_noise_roles = {"navigation",
                                                           "banner",
                                                           "contentinfo",
                                                           "complementary",
                                                           "dialog",
                                                           "alertdialog",
                                                           "search",
                                                           "menu"};

// Fragments of class or id names of boilerplate blocks (matched in lower case).
// French pages name them too: partage (share), rubrique/surtitre (section kicker), fil-ariane
// (breadcrumb).
constexpr std::array<std::string_view, 33> k_noise_names = {
    "cookie",     "consent",   "gdpr",        "newsletter", "comment",    "share",     "sharing",
    "social",     "related",   "advert",      "promo",      "breadcrumb", "sidebar",   "paywall",
    "subscribe",  "popup",     "modal",       "outbrain",   "taboola",    "read-more", "readmore",
    "lire-aussi", "also-read", "site-header", "footer",     "menu",       "nav-",      "partage",
    "rubrique",   "surtitre",  "kicker",      "fil-ariane", "tags"};

bool is_noise(const GumboNode* node, bool root_is_body) {
  GumboTag tag = node->v.element.tag;
  if (std::find(k_never_text.begin(), k_never_text.end(), tag) != k_never_text.end()) {
    return true;
  }
  // Without an article or main element, the page's own header is furniture too.
  if (root_is_body && tag == GUMBO_TAG_HEADER) {
    return true;
  }
  if (attribute(node, "hidden") || attribute_lower(node, "aria-hidden") == "true") {
    return true;
  }
  std::string role = attribute_lower(node, "role");
  if (!role.empty()
      && std::find(k_noise_roles.begin(), k_noise_roles.end(), role) != k_noise_roles.end()) {
    return true;
  }
  std::string names = attribute_lower(node, "class") + " " + attribute_lower(node, "id");
  if (names.size() > 1) {
    for (auto n : k_noise_names) {
      if (names.find(n) != std::string::npos) {
        return true;
      }
    }
  }
  return false;
}

// ---------------------------------------------------------------------------------------------
// Text blocks

// Elements whose text is article text: paragraphs, headings, list items.
constexpr std::array<GumboTag, 12> k_text_blocks = {GUMBO_TAG_P,
                                                    GUMBO_TAG_H1,
                                                    GUMBO_TAG_H2,
                                                    GUMBO_TAG_H3,
                                                    GUMBO_TAG_H4,
                                                    GUMBO_TAG_H5,
                                                    GUMBO_TAG_H6,
                                                    GUMBO_TAG_LI,
                                                    GUMBO_TAG_DT,
                                                    GUMBO_TAG_DD,
                                                    GUMBO_TAG_PRE,
                                                    GUMBO_TAG_BLOCKQUOTE};

// Elements that break lines (but hold no text of their own in paragraph mode).
constexpr std::array<GumboTag, 18> k_structural = {GUMBO_TAG_DIV,
                                                   GUMBO_TAG_SECTION,
                                                   GUMBO_TAG_ARTICLE,
                                                   GUMBO_TAG_MAIN,
                                                   GUMBO_TAG_HEADER,
                                                   GUMBO_TAG_UL,
                                                   GUMBO_TAG_OL,
                                                   GUMBO_TAG_DL,
                                                   GUMBO_TAG_TABLE,
                                                   GUMBO_TAG_TR,
                                                   GUMBO_TAG_TD,
                                                   GUMBO_TAG_TH,
                                                   GUMBO_TAG_TBODY,
                                                   GUMBO_TAG_BODY,
                                                   GUMBO_TAG_HR,
                                                   GUMBO_TAG_ADDRESS,
                                                   GUMBO_TAG_CENTER,
                                                   GUMBO_TAG_FIELDSET};

template <std::size_t N> bool in(GumboTag tag, const std::array<GumboTag, N>& set) {
  return std::find(set.begin(), set.end(), tag) != set.end();
}

// True when every non-blank text under `node` is inside a link.
bool is_link_only(const GumboNode* node, int depth = 0) {
  if (depth > k_max_depth) {
    return true;
  }
  if (node->type == GUMBO_NODE_TEXT || node->type == GUMBO_NODE_CDATA) {
    return false; // text outside any link
  }
  if (node->type != GUMBO_NODE_ELEMENT) {
    return true;
  }
  if (node->v.element.tag == GUMBO_TAG_A) {
    return true;
  }
  bool all = true;
  for_children(node, [&](const GumboNode* child) { all = all && is_link_only(child, depth + 1); });
  return all;
}

// Collects article text one block per line. In paragraph mode only text inside paragraphs,
// headings and list items counts (stray text in divs is page furniture: "Partager", "Lire
// plus"); pages without any paragraph are read in fallback mode, every text by block.
class TextCollector {
public:
  TextCollector(bool paragraph_mode, bool root_is_body)
      : m_paragraph_mode(paragraph_mode), m_root_is_body(root_is_body) {}

  void visit(const GumboNode* node, int depth = 0) {
    if (depth > k_max_depth) {
      return;
    }
    switch (node->type) {
    case GUMBO_NODE_TEXT:
    case GUMBO_NODE_CDATA:
    case GUMBO_NODE_WHITESPACE:
      if (m_in_block > 0 || !m_paragraph_mode) {
        append_collapsed(m_line, node->v.text.text);
      }
      return;
    case GUMBO_NODE_ELEMENT:
      break;
    default:
      return; // comments, templates
    }
    GumboTag tag = node->v.element.tag;
    if (is_noise(node, m_root_is_body)) {
      return;
    }
    if (tag == GUMBO_TAG_BR) {
      flush();
      return;
    }
    if (tag == GUMBO_TAG_LI && is_link_only(node)) {
      return; // a list item that is only a link: navigation, share buttons, tags
    }
    bool block = in(tag, k_text_blocks);
    bool structural = block || in(tag, k_structural);
    if (structural) {
      flush();
    }
    m_in_block += block ? 1 : 0;
    for_children(node, [&](const GumboNode* child) { visit(child, depth + 1); });
    m_in_block -= block ? 1 : 0;
    if (structural) {
      flush();
    }
  }

  std::string take() {
    flush();
    return std::move(m_text);
  }

private:
  void flush() {
    std::string line = trim(m_line);
    m_line.clear();
    if (!line.empty()) {
      m_text += line;
      m_text += '\n';
    }
  }

  bool m_paragraph_mode;
  bool m_root_is_body;
  int m_in_block = 0;
  std::string m_line;
  std::string m_text;
};

// ---------------------------------------------------------------------------------------------
// Metadata

struct PageMeta {
  std::string html_lang;
  std::string title_tag;
  std::string first_h1;
  std::map<std::string, std::string> meta; // lower-cased property/name/itemprop -> content
  std::string canonical;
  std::string first_time;
  std::vector<json> json_ld;
  const GumboNode* body = nullptr;
  struct Candidate {
    const GumboNode* node;
    int depth;
  };
  std::vector<Candidate> candidates; // possible content roots
};

bool is_content_candidate(const GumboNode* node) {
  GumboTag tag = node->v.element.tag;
  if (tag == GUMBO_TAG_ARTICLE || tag == GUMBO_TAG_MAIN) {
    return true;
  }
  if (attribute_lower(node, "role") == "main"
      || attribute_lower(node, "itemprop") == "articlebody") {
    return true;
  }
  std::string id = attribute_lower(node, "id");
  if (id == "article" || id == "story" || id == "content" || id == "main-content") {
    return true;
  }
  std::string names = attribute_lower(node, "class") + " " + id;
  for (std::string_view n : {"article-body",
                             "articlebody",
                             "article__content",
                             "story-body",
                             "post-content",
                             "entry-content",
                             "article-content"}) {
    if (names.find(n) != std::string::npos) {
      return true;
    }
  }
  return false;
}

void gather_meta(const GumboNode* node, int depth, PageMeta& m) {
  if (node->type != GUMBO_NODE_ELEMENT || depth > k_max_depth) {
    return;
  }
  GumboTag tag = node->v.element.tag;
  switch (tag) {
  case GUMBO_TAG_HTML:
    if (const char* lang = attribute(node, "lang"); lang && m.html_lang.empty()) {
      m.html_lang = lang;
    }
    break;
  case GUMBO_TAG_BODY:
    m.body = node;
    break;
  case GUMBO_TAG_TITLE:
    if (m.title_tag.empty()) {
      m.title_tag = text_of(node);
    }
    return;
  case GUMBO_TAG_H1:
    if (m.first_h1.empty()) {
      m.first_h1 = text_of(node);
    }
    break;
  case GUMBO_TAG_META: {
    const char* content = attribute(node, "content");
    if (!content) {
      break;
    }
    for (const char* key_attr : {"property", "name", "itemprop", "http-equiv"}) {
      if (const char* key = attribute(node, key_attr)) {
        m.meta.emplace(text::ascii_lower(key), trim(content)); // first wins
      }
    }
    break;
  }
  case GUMBO_TAG_LINK: {
    std::string rel = attribute_lower(node, "rel");
    const char* href = attribute(node, "href");
    if (rel == "canonical" && href && m.canonical.empty()) {
      m.canonical = trim(href);
    }
    break;
  }
  case GUMBO_TAG_SCRIPT: {
    std::string type = attribute_lower(node, "type");
    if (type == "application/ld+json") {
      json j = json::parse(raw_text_of(node), nullptr, /*allow_exceptions=*/false);
      if (!j.is_discarded()) {
        m.json_ld.push_back(std::move(j));
      }
    }
    return;
  }
  case GUMBO_TAG_TIME:
    if (const char* dt = attribute(node, "datetime"); dt && m.first_time.empty()) {
      m.first_time = dt;
    }
    break;
  default:
    break;
  }
  if (tag != GUMBO_TAG_BODY && tag != GUMBO_TAG_HTML && is_content_candidate(node)) {
    m.candidates.push_back({node, depth});
  }
  for_children(node, [&](const GumboNode* child) { gather_meta(child, depth + 1, m); });
}

std::string meta_value(const PageMeta& m, std::initializer_list<std::string_view> keys) {
  for (auto k : keys) {
    auto it = m.meta.find(std::string(k));
    if (it != m.meta.end() && !it->second.empty()) {
      return it->second;
    }
  }
  return {};
}

bool type_is_article(const json& object) {
  auto it = object.find("@type");
  if (it == object.end()) {
    return false;
  }
  auto matches = [](const json& t) {
    if (!t.is_string()) {
      return false;
    }
    const auto& s = t.get_ref<const std::string&>();
    return s.find("Article") != std::string::npos || s == "BlogPosting" || s == "Report";
  };
  if (it->is_array()) {
    return std::any_of(it->begin(), it->end(), matches);
  }
  return matches(*it);
}

// The first JSON-LD object describing an article (in arrays and @graph too).
const json* find_article_object(const json& j) {
  if (j.is_array()) {
    for (const auto& item : j) {
      if (const json* found = find_article_object(item)) {
        return found;
      }
    }
    return nullptr;
  }
  if (!j.is_object()) {
    return nullptr;
  }
  if (type_is_article(j)) {
    return &j;
  }
  if (auto g = j.find("@graph"); g != j.end()) {
    return find_article_object(*g);
  }
  return nullptr;
}

std::string json_string(const json& object, std::string_view key) {
  auto it = object.find(key);
  if (it == object.end()) {
    return {};
  }
  if (it->is_string()) {
    return trim(it->get_ref<const std::string&>());
  }
  if (it->is_object()) {
    // publisher: {"@type": "Organization", "name": ...}; mainEntityOfPage: {"@id": ...}
    for (std::string_view inner : {"name", "@id", "url"}) {
      if (auto v = it->find(inner); v != it->end() && v->is_string()) {
        return trim(v->get_ref<const std::string&>());
      }
    }
  }
  if (it->is_array() && !it->empty() && it->front().is_string()) {
    return trim(it->front().get_ref<const std::string&>());
  }
  return {};
}

bool is_absolute_url(std::string_view url) {
  return url.find("://") != std::string_view::npos;
}

// Resolve a root-relative canonical ("/eco/article.html") against an absolute URL's origin.
std::string resolve(std::string_view url, std::string_view base) {
  if (is_absolute_url(url) || url.empty()) {
    return std::string(url);
  }
  if (!is_absolute_url(base)) {
    return {};
  }
  if (url.substr(0, 2) == "//") {
    return std::string(base.substr(0, base.find("://") + 1)) + std::string(url);
  }
  auto host_start = base.find("://") + 3;
  auto path_start = base.find('/', host_start);
  std::string origin(base.substr(0, path_start));
  return url.front() == '/' ? origin + std::string(url) : std::string();
}

std::string first_non_empty(std::initializer_list<std::string> values) {
  for (const auto& v : values) {
    if (!v.empty()) {
      return v;
    }
  }
  return {};
}

// Total paragraph text under `node`, ignoring boilerplate: how much article a candidate holds.
std::size_t paragraph_weight(const GumboNode* node, int depth = 0) {
  if (node->type != GUMBO_NODE_ELEMENT || depth > k_max_depth || is_noise(node, false)) {
    return 0;
  }
  if (node->v.element.tag == GUMBO_TAG_P) {
    return text_of(node).size();
  }
  std::size_t total = 0;
  for_children(node, [&](const GumboNode* child) { total += paragraph_weight(child, depth + 1); });
  return total;
}

// The element holding the article: among <article>, <main> and article-body-like elements,
// the most specific one that holds at least 80% of the best candidate's paragraph text (a
// <main> holding an <article> and a few teasers yields the <article>); else <body>.
const GumboNode* content_root(const PageMeta& m) {
  std::size_t best = 0;
  std::vector<std::size_t> weights;
  for (const auto& c : m.candidates) {
    weights.push_back(paragraph_weight(c.node));
    best = std::max(best, weights.back());
  }
  const GumboNode* root = nullptr;
  int root_depth = -1;
  for (std::size_t i = 0; i < m.candidates.size(); ++i) {
    if (best > 0 && weights[i] * 5 >= best * 4 && m.candidates[i].depth > root_depth) {
      root = m.candidates[i].node;
      root_depth = m.candidates[i].depth;
    }
  }
  return root ? root : m.body;
}

// The first element with `tag` under `node` (outside boilerplate), or nullptr.
const GumboNode* find_first(const GumboNode* node, GumboTag tag, int depth = 0) {
  if (node->type != GUMBO_NODE_ELEMENT || depth > k_max_depth || is_noise(node, false)) {
    return nullptr;
  }
  if (node->v.element.tag == tag) {
    return node;
  }
  const GumboNode* found = nullptr;
  for_children(node, [&](const GumboNode* child) {
    if (!found) {
      found = find_first(child, tag, depth + 1);
    }
  });
  return found;
}

bool has_paragraphs(const GumboNode* node) {
  return find_first(node, GUMBO_TAG_P) != nullptr;
}

} // namespace

Article article_from_html(std::string_view bytes, const ReadOptions& options) {
  Article article;
  std::string utf8 = decode_page(bytes);
  GumboOutput* output = gumbo_parse_with_options(&kGumboDefaultOptions, utf8.data(), utf8.size());
  PageMeta m;
  gather_meta(output->root, 0, m);

  const json* ld = nullptr;
  for (const auto& j : m.json_ld) {
    if ((ld = find_article_object(j)) != nullptr) {
      break;
    }
  }
  auto ld_string = [&](std::string_view key) { return ld ? json_string(*ld, key) : std::string(); };

  // Text: paragraphs and headings of the content root.
  std::string root_h1;
  if (const GumboNode* root = content_root(m)) {
    if (const GumboNode* h1 = find_first(root, GUMBO_TAG_H1)) {
      root_h1 = text_of(h1);
    }
    bool root_is_body = root == m.body;
    TextCollector collector(has_paragraphs(root), root_is_body);
    collector.visit(root);
    article.text = collector.take();
  }
  if (article.text.empty()) {
    article.text = ld_string("articleBody");
  }

  article.title = first_non_empty({meta_value(m, {"og:title", "twitter:title"}),
                                   ld_string("headline"),
                                   root_h1,
                                   m.first_h1,
                                   m.title_tag});

  std::string published = first_non_empty({meta_value(m, {"article:published_time"}),
                                           ld_string("datePublished"),
                                           meta_value(m,
                                                      {"datepublished",
                                                       "date",
                                                       "pubdate",
                                                       "publishdate",
                                                       "dc.date.issued",
                                                       "dc.date",
                                                       "dcterms.created",
                                                       "parsely-pub-date",
                                                       "sailthru.date",
                                                       "og:published_time"}),
                                           m.first_time});
  article.published = published.empty() ? std::nullopt : parse_published(published);
  if (!article.published) {
    article.published = options.published;
  }

  std::string lang =
      first_non_empty({normalize_lang(m.html_lang),
                       normalize_lang(meta_value(m, {"content-language", "language"})),
                       normalize_lang(meta_value(m, {"og:locale"})),
                       normalize_lang(ld_string("inLanguage"))});
  article.lang = lang.empty() ? options.lang : lang;

  article.source = first_non_empty({meta_value(m, {"og:site_name", "application-name"}),
                                    ld ? json_string(*ld, "publisher") : std::string(),
                                    options.source});

  std::string og_url = meta_value(m, {"og:url"});
  std::string ld_url = first_non_empty({ld_string("url"), ld_string("mainEntityOfPage")});
  std::string base = is_absolute_url(og_url) ? og_url : ld_url;
  article.url = first_non_empty({resolve(m.canonical, base),
                                 is_absolute_url(og_url) ? og_url : std::string(),
                                 is_absolute_url(ld_url) ? ld_url : std::string()});

  gumbo_destroy_output(&kGumboDefaultOptions, output);
  return article;
}

} // namespace factledger::ingest
