#include "report/monthly_report.hpp"

#include "extract/version.hpp"
#include "ledger/ledger.hpp"
#include "ledger/mention_store.hpp"
#include "ledger/query.hpp"
#include "model/decimal.hpp"
#include "model/error.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <functional>
#include <map>
#include <unistd.h>

namespace factledger::report {

namespace {

using ledger::SqlValue;

constexpr std::array<std::string_view, 12> k_month_names = {"January",
                                                            "February",
                                                            "March",
                                                            "April",
                                                            "May",
                                                            "June",
                                                            "July",
                                                            "August",
                                                            "September",
                                                            "October",
                                                            "November",
                                                            "December"};

// Display names of the country codes the fact rules produce.
constexpr std::array<std::pair<std::string_view, std::string_view>, 22> k_countries = {{
    {"CN", "China"},          {"US", "United States"}, {"FR", "France"},
    {"EU", "European Union"}, {"DE", "Germany"},       {"JP", "Japan"},
    {"KR", "South Korea"},    {"IN", "India"},         {"GB", "United Kingdom"},
    {"CA", "Canada"},         {"TW", "Taiwan"},        {"HK", "Hong Kong"},
    {"IT", "Italy"},          {"ES", "Spain"},         {"NL", "Netherlands"},
    {"BE", "Belgium"},        {"PL", "Poland"},        {"SG", "Singapore"},
    {"AU", "Australia"},      {"CH", "Switzerland"},   {"SE", "Sweden"},
    {"AT", "Austria"},
}};

std::string country_name(const std::string& code) {
  for (const auto& [c, name] : k_countries) {
    if (c == code) {
      return std::string(name);
    }
  }
  return code.empty() ? "unknown" : code;
}

// One fact row of v_facts, as the report needs it.
struct FactRow {
  std::int64_t id = 0;
  std::string published;
  std::string outlet;
  std::string title;
  std::string date;
  std::string funder;
  std::string recipient;
  std::string amount; // readable
  std::string value;
  std::string currency;
  std::string qualifier;
  std::string instrument;
  std::string sector;
  std::string country;
  std::string status;
  bool hedged = false;
  std::string attributed_to;
  std::string amount_kind;
  std::string url;
};

std::string text_of(const SqlValue& v) {
  switch (v.type) {
  case SqlValue::Type::text:
    return v.text;
  case SqlValue::Type::integer:
    return std::to_string(v.integer);
  default:
    return {};
  }
}

class FactSink : public ledger::RowSink {
public:
  std::vector<FactRow> rows;

  void begin(const std::vector<std::string>& columns) override { m_columns = columns; }
  void row(const std::vector<SqlValue>& values) override {
    FactRow r;
    for (std::size_t i = 0; i < values.size() && i < m_columns.size(); ++i) {
      const std::string& c = m_columns[i];
      const SqlValue& v = values[i];
      if (c == "id") {
        r.id = v.integer;
      } else if (c == "hedged") {
        r.hedged = v.type == SqlValue::Type::integer && v.integer != 0;
      } else if (auto* field = field_for(r, c)) {
        *field = text_of(v);
      }
    }
    rows.push_back(std::move(r));
  }

private:
  static std::string* field_for(FactRow& r, const std::string& column) {
    const std::pair<std::string_view, std::string FactRow::*> k_fields[] = {
        {"published", &FactRow::published},
        {"outlet", &FactRow::outlet},
        {"title", &FactRow::title},
        {"date", &FactRow::date},
        {"funder", &FactRow::funder},
        {"recipient", &FactRow::recipient},
        {"amount", &FactRow::amount},
        {"value", &FactRow::value},
        {"currency", &FactRow::currency},
        {"qualifier", &FactRow::qualifier},
        {"instrument", &FactRow::instrument},
        {"sector", &FactRow::sector},
        {"country", &FactRow::country},
        {"status", &FactRow::status},
        {"attributed_to", &FactRow::attributed_to},
        {"amount_kind", &FactRow::amount_kind},
        {"url", &FactRow::url},
    };
    for (const auto& [name, member] : k_fields) {
      if (name == column) {
        return &(r.*member);
      }
    }
    return nullptr;
  }

  std::vector<std::string> m_columns;
};

std::vector<ledger::QueryParam> period_params(const ReportPeriod& p) {
  return {{"from", p.from.to_string()}, {"to", p.to.to_string()}};
}

std::int64_t count(ledger::Ledger& ledger, std::string_view sql, const ReportPeriod& p) {
  ledger::CollectingSink sink;
  ledger::run_query(ledger, sql, period_params(p), sink);
  if (sink.rows().empty() || sink.rows()[0].empty()) {
    return 0;
  }
  return sink.rows()[0][0].integer;
}

// Markdown table cell: one line, pipes escaped, empty shown as an en dash.
std::string cell(std::string s) {
  std::replace(s.begin(), s.end(), '\n', ' ');
  std::string out;
  for (char c : s) {
    if (c == '|') {
      out += "\\|";
    } else {
      out += c;
    }
  }
  return out.empty() ? "–" : out;
}

bool is_firm(const FactRow& f) {
  return !f.hedged && f.status != "cancelled";
}

// Sums of firm committed support per currency, exact. Ranges count their low end.
struct CurrencyTotal {
  Decimal total;
  std::size_t facts = 0;
  Decimal largest;
  std::string largest_recipient;
};

std::map<std::string, CurrencyTotal> firm_totals(const std::vector<const FactRow*>& facts) {
  std::map<std::string, CurrencyTotal> totals;
  for (const FactRow* f : facts) {
    if (!is_firm(*f) || f->amount_kind != "committed") {
      continue;
    }
    auto v = Decimal::parse(f->value);
    if (!v) {
      continue;
    }
    CurrencyTotal& t = totals[f->currency];
    if (auto sum = t.total.plus(*v)) {
      t.total = *sum;
    }
    ++t.facts;
    if (*v > t.largest) {
      t.largest = *v;
      t.largest_recipient = f->recipient;
    }
  }
  return totals;
}

std::string totals_cell(const std::map<std::string, CurrencyTotal>& totals) {
  std::string out;
  for (const auto& [currency, t] : totals) {
    if (!out.empty()) {
      out += "; ";
    }
    out += ledger::readable_amount(t.total, std::nullopt, currency);
  }
  return out;
}

// Breakdown of facts by one attribute: facts, firm, hedged, cancelled, firm committed totals.
std::string breakdown(const std::vector<FactRow>& facts,
                      std::string_view heading,
                      std::string_view label,
                      const std::function<std::string(const FactRow&)>& key) {
  std::map<std::string, std::vector<const FactRow*>> groups;
  for (const auto& f : facts) {
    groups[key(f)].push_back(&f);
  }
  std::vector<std::pair<std::string, std::vector<const FactRow*>>> ordered(groups.begin(),
                                                                           groups.end());
  std::stable_sort(ordered.begin(), ordered.end(), [](const auto& a, const auto& b) {
    return a.second.size() > b.second.size();
  });
  std::string out = fmt::format("## {}\n\n| {} | facts | firm | hedged | cancelled | firm "
                                "committed support |\n|---|---:|---:|---:|---:|---|\n",
                                heading,
                                label);
  for (const auto& [name, group] : ordered) {
    std::size_t firm = 0;
    std::size_t hedged = 0;
    std::size_t cancelled = 0;
    for (const FactRow* f : group) {
      firm += is_firm(*f) ? 1 : 0;
      hedged += f->hedged && f->status != "cancelled" ? 1 : 0;
      cancelled += f->status == "cancelled" ? 1 : 0;
    }
    out += fmt::format("| {} | {} | {} | {} | {} | {} |\n",
                       cell(name),
                       group.size(),
                       firm,
                       hedged,
                       cancelled,
                       cell(totals_cell(firm_totals(group))));
  }
  return out + "\n";
}

// How a qualifier reads before an amount in the tables ("at least 2 bn EUR"); exact amounts
// and ranges ("5-50 m EUR") need no word.
constexpr std::pair<std::string_view, std::string_view> k_qualifier_words[] = {
    {"approx", "about"},
    {"upto", "up to"},
    {"atleast", "at least"},
    {"atmost", "at most"},
};

std::string qualified_amount(const FactRow& f) {
  for (const auto& [qualifier, words] : k_qualifier_words) {
    if (f.qualifier == qualifier) {
      return std::string(words) + " " + f.amount;
    }
  }
  return f.amount;
}

std::string fact_table(const std::vector<const FactRow*>& facts, int max_rows, bool show_source) {
  std::string out = "| date | funder | recipient | amount | instrument | sector | status | "
                    "kind | source | id |\n|---|---|---|---:|---|---|---|---|---|---:|\n";
  int shown = 0;
  for (const FactRow* f : facts) {
    if (shown++ >= max_rows) {
      break;
    }
    std::string source = f->outlet;
    if (show_source && !f->attributed_to.empty()) {
      source += " (" + f->attributed_to + ")";
    }
    std::string amount = qualified_amount(*f);
    out += fmt::format("| {} | {} | {} | {} | {} | {} | {} | {} | {} | {} |\n",
                       cell(f->date),
                       cell(f->funder),
                       cell(f->recipient),
                       cell(amount),
                       cell(f->instrument),
                       cell(f->sector),
                       cell(f->status),
                       cell(f->amount_kind),
                       cell(source),
                       f->id);
  }
  if (static_cast<int>(facts.size()) > max_rows) {
    out += fmt::format("\n_{} more not shown; see `factledger query` on `v_facts`._\n",
                       facts.size() - static_cast<std::size_t>(max_rows));
  }
  return out + "\n";
}

} // namespace

ReportPeriod ReportPeriod::month(std::string_view yyyy_mm) {
  auto first = CivilDate::parse(std::string(yyyy_mm) + "-01");
  if (yyyy_mm.size() != 7 || !first) {
    throw UsageError(fmt::format("invalid month \"{}\" (expected YYYY-MM)", yyyy_mm));
  }
  CivilDate last = *first;
  last.day = days_in_month(first->year, first->month);
  return ReportPeriod{
      *first, last, fmt::format("{} {}", k_month_names[first->month - 1], first->year)};
}

std::string latest_month(ledger::Ledger& ledger) {
  return ledger.scalar_text("SELECT substr(max(published), 1, 7) FROM articles");
}

std::string render_monthly_report(ledger::Ledger& ledger, const ReportOptions& options) {
  const ReportPeriod& p = options.period;
  FactSink sink;
  ledger::run_query(ledger,
                    "SELECT id, published, outlet, title, date, funder, recipient, amount, value, "
                    "currency, qualifier, instrument, sector, country, status, hedged, "
                    "attributed_to, amount_kind, url FROM v_facts "
                    "WHERE published BETWEEN :from AND :to AND review_state <> 'rejected' "
                    "ORDER BY published, id",
                    period_params(p),
                    sink);
  const std::vector<FactRow>& facts = sink.rows;
  auto articles =
      count(ledger, "SELECT count(*) FROM articles WHERE published BETWEEN :from AND :to", p);
  auto outlets = count(ledger,
                       "SELECT count(DISTINCT source_id) FROM articles "
                       "WHERE published BETWEEN :from AND :to",
                       p);
  auto amounts =
      count(ledger, "SELECT count(*) FROM v_amounts WHERE published BETWEEN :from AND :to", p);

  std::vector<const FactRow*> firm;
  std::vector<const FactRow*> hedged;
  std::vector<const FactRow*> cancelled;
  for (const auto& f : facts) {
    if (f.status == "cancelled") {
      cancelled.push_back(&f);
    } else if (f.hedged) {
      hedged.push_back(&f);
    } else {
      firm.push_back(&f);
    }
  }

  std::string out = fmt::format("# State support for industry — {}\n\n", p.label);
  out += fmt::format("_Generated by factledger {} (extractor {}) on {} from `{}`; articles "
                     "published {} to {}._\n\n",
                     FACTLEDGER_VERSION,
                     extract::k_extractor_version,
                     options.generated_on,
                     options.ledger_label,
                     p.from.to_string(),
                     p.to.to_string());

  out += "## At a glance\n\n";
  out += fmt::format("- {} articles from {} outlets; {} monetary amounts, of which {} read as "
                     "state support.\n",
                     articles,
                     outlets,
                     amounts,
                     facts.size());
  out += fmt::format("- {} firm facts, {} hedged (conditional, reported or attributed), {} "
                     "cancellations or clawbacks.\n",
                     firm.size(),
                     hedged.size(),
                     cancelled.size());
  auto totals = firm_totals(firm);
  if (!totals.empty()) {
    out += "\nFirm committed support by currency (exact sums of the amounts as reported; ranges "
           "count their low end; targets, registered capital, cumulative programme totals, "
           "hedged and cancelled amounts are not added):\n\n"
           "| currency | facts | total | largest single amount | to |\n"
           "|---|---:|---:|---:|---|\n";
    for (const auto& [currency, t] : totals) {
      out += fmt::format("| {} | {} | {} | {} | {} |\n",
                         currency,
                         t.facts,
                         ledger::readable_amount(t.total, std::nullopt, currency),
                         ledger::readable_amount(t.largest, std::nullopt, currency),
                         cell(t.largest_recipient));
    }
    out += "\nAmounts in different currencies are not converted: each total is in the currency "
           "the articles used.\n";
  }
  out += "\n";
  if (facts.empty()) {
    out += "No support facts were found in this period.\n";
    return out;
  }

  out += breakdown(facts, "By country of the funder", "country", [](const FactRow& f) {
    return country_name(f.country);
  });
  out += breakdown(facts, "By instrument", "instrument", [](const FactRow& f) {
    return f.instrument.empty() ? std::string("unspecified") : f.instrument;
  });
  out += breakdown(facts, "By sector", "sector", [](const FactRow& f) {
    return f.sector.empty() ? std::string("unspecified") : f.sector;
  });

  out += "## Firm support reported\n\n";
  out += firm.empty() ? "None.\n\n" : fact_table(firm, options.max_rows_per_table, false);
  out += "## Hedged or attributed reports\n\n"
         "Conditional wording, \"reportedly\", \"selon ...\": reported but not confirmed.\n\n";
  out += hedged.empty() ? "None.\n\n" : fact_table(hedged, options.max_rows_per_table, true);
  out += "## Cancellations and clawbacks\n\n";
  out += cancelled.empty() ? "None.\n\n" : fact_table(cancelled, options.max_rows_per_table, true);

  out += "## Method\n\n"
         "Facts are extracted by rules from the articles' text; every row above keeps its "
         "provenance (article, sentence, offsets, rule, extractor version). To see the evidence "
         "for a fact: `factledger query \"SELECT sentence, rule, url FROM v_facts WHERE id = "
         "ID\"`. Amounts are exact as written; a restatement in another currency is kept with "
         "its amount and never counted twice.\n";
  return out;
}

void write_file_atomically(const std::string& path, const std::string& content) {
  namespace fs = std::filesystem;
  fs::path target(path);
  fs::path dir = target.has_parent_path() ? target.parent_path() : fs::path(".");
  fs::path tmp = dir / fmt::format(".{}.tmp{}", target.filename().string(), ::getpid());
  {
    std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
    if (!out) {
      throw Error(fmt::format("{}: cannot write: {}", tmp.string(), std::strerror(errno)));
    }
    out << content;
    out.flush();
    if (!out) {
      std::error_code ec;
      fs::remove(tmp, ec);
      throw Error(fmt::format("{}: write failed", tmp.string()));
    }
  }
  std::error_code ec;
  fs::rename(tmp, target, ec);
  if (ec) {
    fs::remove(tmp, ec);
    throw Error(fmt::format("{}: cannot rename into place: {}", path, ec.message()));
  }
}

} // namespace factledger::report
