#include "cli/cli.hpp"
#include "cli/commands.hpp"
#include "ledger/ledger.hpp"
#include "ledger/search.hpp"

#include <fmt/format.h>

#include <ostream>

namespace factledger::cli {

int run_search(const SearchCommandOptions& options, std::ostream& out) {
  ledger::Ledger ledger(options.db, {.mode = ledger::OpenMode::read_only});
  auto hits =
      options.color
          ? ledger::search_articles(ledger, options.terms, options.limit, "\033[1m", "\033[0m")
          : ledger::search_articles(ledger, options.terms, options.limit);
  for (std::size_t i = 0; i < hits.size(); ++i) {
    const auto& h = hits[i];
    std::string meta = h.outlet.empty() ? "unknown outlet" : h.outlet;
    meta += ", " + (h.published.empty() ? std::string("undated") : h.published);
    out << fmt::format("{}. {} — {} (article {})\n",
                       i + 1,
                       h.title.empty() ? "(untitled)" : h.title,
                       meta,
                       h.article_id);
    std::string snippet = h.snippet;
    for (char& c : snippet) {
      if (c == '\n') {
        c = ' ';
      }
    }
    out << "   " << snippet << '\n';
    if (!h.url.empty()) {
      out << "   " << h.url << '\n';
    }
  }
  out << fmt::format("({} article{})\n", hits.size(), hits.size() == 1 ? "" : "s");
  out.flush();
  return k_exit_ok;
}

} // namespace factledger::cli
