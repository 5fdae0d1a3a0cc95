#include "ingest/html.hpp"

#include "text/utf8.hpp"

#include <gumbo.h>

#include <string>

namespace factledger::ingest {

namespace {

void collect_text(const GumboNode* node, std::string& out) {
  if (node->type == GUMBO_NODE_TEXT || node->type == GUMBO_NODE_WHITESPACE) {
    out += node->v.text.text;
    return;
  }
  if (node->type != GUMBO_NODE_ELEMENT) {
    return;
  }
  const GumboVector& children = node->v.element.children;
  for (unsigned i = 0; i < children.length; ++i) {
    collect_text(static_cast<const GumboNode*>(children.data[i]), out);
  }
}

void walk(const GumboNode* node, Article& article) {
  if (node->type != GUMBO_NODE_ELEMENT) {
    return;
  }
  GumboTag tag = node->v.element.tag;
  switch (tag) {
  case GUMBO_TAG_SCRIPT:
  case GUMBO_TAG_STYLE:
  case GUMBO_TAG_NAV:
  case GUMBO_TAG_FOOTER:
  case GUMBO_TAG_ASIDE:
  case GUMBO_TAG_NOSCRIPT:
    return;
  case GUMBO_TAG_TITLE: {
    std::string t;
    collect_text(node, t);
    if (article.title.empty()) {
      article.title = t;
    }
    return;
  }
  case GUMBO_TAG_P:
  case GUMBO_TAG_H1:
  case GUMBO_TAG_H2:
  case GUMBO_TAG_H3:
  case GUMBO_TAG_LI: {
    std::string t;
    collect_text(node, t);
    article.text += t;
    article.text += '\n';
    return;
  }
  default:
    break;
  }
  const GumboVector& children = node->v.element.children;
  for (unsigned i = 0; i < children.length; ++i) {
    walk(static_cast<const GumboNode*>(children.data[i]), article);
  }
}

} // namespace

Article article_from_html(std::string_view bytes, const ReadOptions& options) {
  Article article;
  article.lang = options.lang;
  article.published = options.published;
  article.source = options.source;
  std::string utf8 = text::repair_utf8(bytes).text;
  GumboOutput* output = gumbo_parse_with_options(&kGumboDefaultOptions, utf8.data(), utf8.size());
  walk(output->root, article);
  gumbo_destroy_output(&kGumboDefaultOptions, output);
  return article;
}

} // namespace factledger::ingest
