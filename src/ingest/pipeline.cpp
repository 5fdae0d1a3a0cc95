#include "ingest/pipeline.hpp"

#include "extract/extraction.hpp"
#include "extract/version.hpp"
#include "ledger/article_store.hpp"
#include "ledger/ledger.hpp"
#include "model/error.hpp"
#include "text/sha256.hpp"
#include "text/utf8.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <atomic>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <future>
#include <ostream>
#include <thread>
#include <unordered_map>

namespace factledger::ingest {

namespace {

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

constexpr std::array<std::string_view, 8> k_article_extensions = {
    ".txt", ".text", ".html", ".htm", ".xhtml", ".json", ".jsonl", ".ndjson"};

bool is_article_file(const fs::path& p) {
  std::string name = p.filename().string();
  if (name.empty() || name[0] == '.') {
    return false;
  }
  std::string ext = text::to_lower(p.extension().string());
  if (ext.empty()) {
    return true;
  }
  return std::find(k_article_extensions.begin(), k_article_extensions.end(), ext)
         != k_article_extensions.end();
}

bool is_blank(std::string_view s) {
  return s.find_first_not_of(" \t\r\n\f\v") == std::string_view::npos;
}

// An outlet given as a host name ("www.Reuters.com") is named like one derived from a URL
// ("reuters.com"), so that both land on the same sources row.
std::string outlet_name(const Article& article) {
  std::string_view source = article.source;
  while (!source.empty() && source.front() == ' ') {
    source.remove_prefix(1);
  }
  while (!source.empty() && source.back() == ' ') {
    source.remove_suffix(1);
  }
  if (source.empty()) {
    return ledger::url_host(article.url);
  }
  bool host_like = source.find('.') != std::string_view::npos
                   && source.find(' ') == std::string_view::npos
                   && source.find("://") == std::string_view::npos;
  if (host_like) {
    return ledger::url_host("https://" + std::string(source));
  }
  return std::string(source);
}

// True when the first 8 KiB of `path` look binary (text::looks_binary); false when unreadable
// (the reader then reports why).
bool starts_binary(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::string head(8192, '\0');
  in.read(head.data(), static_cast<std::streamsize>(head.size()));
  head.resize(static_cast<std::size_t>(in.gcount()));
  return text::looks_binary(head);
}

std::string format_duration(double seconds) {
  auto s = static_cast<long>(seconds + 0.5);
  return s >= 3600 ? fmt::format("{}:{:02}:{:02}", s / 3600, s / 60 % 60, s % 60)
                   : fmt::format("{}:{:02}", s / 60, s % 60);
}

// One extracted article waiting for its batch to be written.
struct Pending {
  ledger::ArticleRow row;
  std::vector<AmountMention> amounts;
  std::vector<DateMention> dates;
  std::vector<Fact> facts;
};

// An article waiting for extraction.
struct Extracting {
  Article article;
  Pending pending;
  std::string error;
};

// Articles extracted together by the workers: enough to keep them busy, few enough to keep
// memory flat.
constexpr std::size_t k_extract_chunk = 256;

struct Problem {
  bool is_error = true;
  std::string origin;
  std::string message;
};

class Ingester {
public:
  Ingester(ledger::Ledger& ledger,
           const IngestOptions& options,
           const DiagnosticCallback& on_diagnostic,
           std::ostream* progress)
      : m_ledger(ledger), m_options(options), m_on_diagnostic(on_diagnostic), m_progress(progress),
        m_store(ledger), m_runs(ledger) {}

  IngestReport run() {
    m_started = Clock::now();
    Diagnostics walk_problems;
    std::vector<std::string> files = expand_inputs(m_options.inputs, walk_problems);
    m_report.run_id =
        m_runs.start(m_options.inputs, FACTLEDGER_VERSION, extract::k_extractor_version);
    for (const auto& f : files) {
      std::error_code ec;
      if (f != "-") {
        auto size = fs::file_size(f, ec);
        m_total_file_bytes += ec ? 0 : size;
      }
    }
    m_file_count = files.size();
    try {
      for (auto& d : walk_problems) {
        report(d);
      }
      for (const auto& file : files) {
        ingest_file(file);
      }
      extract_chunk();
      finish_extraction();
      flush();
    } catch (const Error&) {
      finish_failed();
      throw;
    } catch (const std::exception& e) {
      finish_failed();
      throw LedgerError(fmt::format("ingest stopped: {}", e.what()));
    }
    clear_progress();
    m_report.status =
        m_report.counts.errors > 0 ? ledger::RunStatus::errors : ledger::RunStatus::ok;
    m_runs.finish(m_report.run_id, m_report.counts, m_report.status);
    m_report.seconds = std::chrono::duration<double>(Clock::now() - m_started).count();
    return m_report;
  }

private:
  void finish_failed() {
    clear_progress();
    m_report.status = ledger::RunStatus::failed;
    try {
      m_runs.finish(m_report.run_id, m_committed, ledger::RunStatus::failed);
    } catch (const Error&) { // NOLINT(bugprone-empty-catch): the ledger error is rethrown
    }
  }

  void report(const Diagnostic& d) {
    bool is_error = d.severity == Diagnostic::Severity::error;
    if (is_error) {
      ++m_report.counts.errors;
      ++m_report.counts.articles_failed;
    } else {
      ++m_report.counts.warnings;
    }
    m_problems.push_back({is_error, d.origin, d.message});
    if (m_on_diagnostic) {
      clear_progress();
      m_on_diagnostic(d);
    }
  }

  void ingest_file(const std::string& file) {
    ++m_report.counts.files_seen;
    if (file != "-" && starts_binary(file)) {
      // JSON Lines files are streamed line by line; catch a binary one before that.
      report({Diagnostic::Severity::error, file, "binary file (NUL or control bytes), skipped"});
      return;
    }
    std::error_code ec;
    m_file_bytes = file == "-" ? 0 : fs::file_size(file, ec);
    m_file_bytes = ec ? 0 : m_file_bytes;
    m_file_text_bytes = 0;
    Diagnostics diagnostics;
    std::size_t reported = 0;
    auto drain = [&] {
      for (; reported < diagnostics.size(); ++reported) {
        report(diagnostics[reported]);
      }
    };
    read_articles(
        file,
        m_options.read,
        [&](Article&& article) {
          drain();
          ingest_article(std::move(article));
        },
        diagnostics);
    drain();
    m_done_file_bytes += m_file_bytes;
    m_file_bytes = 0;
    m_file_text_bytes = 0;
    show_progress(true);
  }

  void ingest_article(Article&& article) {
    ++m_report.counts.articles_seen;
    m_report.bytes += article.text.size();
    m_file_text_bytes += article.text.size();
    if (is_blank(article.text)) {
      report({Diagnostic::Severity::warning, article.origin, "no article text, skipped"});
      return;
    }
    Pending p;
    ledger::ArticleRow& row = p.row;
    row.content_hash = text::sha256_hex(article.text);
    row.key = ledger::article_key(article.url, row.content_hash);
    row.url = article.url;
    row.title = article.title;
    row.published = article.published;
    row.lang = article.lang == "auto" ? std::string() : article.lang;
    row.source = outlet_name(article);
    row.origin = article.origin;
    row.extractor_version = extract::k_extractor_version;

    // An article read twice in one run (same URL, or same text without URL) is written once:
    // the first wins, so that the same inputs ingested again change nothing.
    auto [seen, fresh] = m_seen.try_emplace(std::hash<std::string>{}(row.key),
                                            std::hash<std::string>{}(row.content_hash));
    if (!fresh) {
      ++m_report.counts.articles_unchanged;
      if (seen->second != std::hash<std::string>{}(row.content_hash)) {
        report(duplicate_warning(row));
      }
      return;
    }
    // Cheap check first: an article the ledger already holds as is is not re-extracted.
    if (auto stored = m_store.find(row.key); stored && ledger::is_current(*stored, row)) {
      ++m_report.counts.articles_unchanged;
      show_progress(false);
      return;
    }
    m_to_extract.push_back({std::move(article), std::move(p), {}});
    if (m_to_extract.size() >= k_extract_chunk) {
      extract_chunk();
    }
    show_progress(false);
  }

  // Hand the waiting articles to the extraction threads, and write the chunk they extracted
  // before. Extraction of one chunk thus overlaps the reading and writing of the others; the
  // extractors are pure functions of the article, so chunks are written in input order.
  void extract_chunk() {
    finish_extraction();
    if (m_to_extract.empty()) {
      return;
    }
    m_in_flight = std::move(m_to_extract);
    m_to_extract.clear();
    m_to_extract.reserve(k_extract_chunk);
    m_extraction =
        std::async(std::launch::async, [this] { extract_all(m_in_flight, m_options.jobs); });
  }

  static void extract_all(std::vector<Extracting>& items, unsigned jobs) {
    std::atomic<std::size_t> next{0};
    auto work = [&] {
      for (std::size_t i = next++; i < items.size(); i = next++) {
        Extracting& e = items[i];
        try {
          extract::Extraction extraction = extract::extract_article(e.article);
          e.pending.row.lang = extraction.lang;
          e.pending.amounts = std::move(extraction.amounts);
          e.pending.dates = std::move(extraction.dates);
          e.pending.facts = std::move(extraction.facts);
        } catch (const std::exception& ex) {
          e.error = fmt::format("extraction failed: {}", ex.what());
        }
      }
    };
    std::size_t helpers = std::min<std::size_t>(jobs > 0 ? jobs - 1 : 0, items.size() / 8);
    std::vector<std::thread> threads;
    threads.reserve(helpers);
    for (std::size_t t = 0; t < helpers; ++t) {
      threads.emplace_back(work);
    }
    work();
    for (auto& t : threads) {
      t.join();
    }
  }

  // Wait for the chunk being extracted and queue its articles for writing.
  void finish_extraction() {
    if (!m_extraction.valid()) {
      return;
    }
    m_extraction.get();
    for (auto& e : m_in_flight) {
      if (!e.error.empty()) {
        report({Diagnostic::Severity::error, e.article.origin, e.error});
        continue;
      }
      e.pending.row.text = std::move(e.article.text);
      m_pending_bytes += e.pending.row.text.size();
      m_pending.push_back(std::move(e.pending));
      if (m_pending.size() >= m_options.batch_articles
          || m_pending_bytes >= m_options.batch_bytes) {
        flush();
      }
    }
    m_in_flight.clear();
  }

  // Write the pending articles, the problems met and the run's counters in one transaction.
  // An article the ledger refuses (InputError) spoils its batch: the batch is then rolled back
  // and written again one article per transaction, so that only that article is lost.
  void flush() {
    if (m_pending.empty() && m_problems.empty() && m_report.counts == m_committed) {
      return;
    }
    ledger::RunCounts counts = m_report.counts;
    std::vector<Problem> problems = m_problems;
    std::string now = ledger::utc_now_iso();
    bool written = false;
    try {
      ledger::Ledger::Transaction tx(m_ledger);
      for (const auto& p : m_pending) {
        count(m_store.store(p.row, p.amounts, p.dates, m_report.run_id, now, p.facts), counts);
      }
      finish_batch(tx, counts, problems);
      written = true;
    } catch (const InputError&) {
      m_store.discard_pending(); // the transaction was rolled back
    } catch (...) {
      m_store.discard_pending();
      throw;
    }
    if (!written) {
      counts = m_report.counts;
      problems = m_problems;
      for (const auto& p : m_pending) {
        try {
          ledger::Ledger::Transaction tx(m_ledger);
          count(m_store.store(p.row, p.amounts, p.dates, m_report.run_id, now, p.facts), counts);
          m_store.sync_search_index();
          m_runs.save_counts(m_report.run_id, counts);
          tx.commit();
        } catch (const InputError& e) {
          m_store.discard_pending();
          ++counts.errors;
          ++counts.articles_failed;
          problems.push_back({true, p.row.origin, e.what()});
        } catch (...) {
          m_store.discard_pending();
          throw;
        }
      }
      ledger::Ledger::Transaction tx(m_ledger);
      finish_batch(tx, counts, problems);
    }
    // Problems met while writing are told once the batch is committed (the reading problems
    // were told as they came).
    if (m_on_diagnostic) {
      for (std::size_t i = m_problems.size(); i < problems.size(); ++i) {
        m_on_diagnostic(
            {problems[i].is_error ? Diagnostic::Severity::error : Diagnostic::Severity::warning,
             problems[i].origin,
             problems[i].message});
      }
    }
    m_report.counts = counts;
    m_committed = counts;
    m_pending.clear();
    m_pending_bytes = 0;
    m_problems.clear();
  }

  // Two inputs of one run with the same URL (or text) but different content: the first is kept,
  // so that the same inputs ingested again leave the ledger as it is.
  static Diagnostic duplicate_warning(const ledger::ArticleRow& row) {
    return {Diagnostic::Severity::warning,
            row.origin,
            fmt::format("same {} as an article read earlier in this run, with other content; "
                        "the first is kept",
                        row.key.rfind("url:", 0) == 0 ? "URL" : "text")};
  }

  static void count(const ledger::StoreResult& r, ledger::RunCounts& counts) {
    switch (r.outcome) {
    case ledger::StoreOutcome::inserted:
      ++counts.articles_new;
      break;
    case ledger::StoreOutcome::updated:
      ++counts.articles_updated;
      break;
    case ledger::StoreOutcome::unchanged:
      ++counts.articles_unchanged; // written meanwhile by a concurrent ingest
      break;
    }
    counts.amounts_added += static_cast<std::int64_t>(r.amounts);
    counts.dates_added += static_cast<std::int64_t>(r.dates);
  }

  // The search index, the problems and the counters go with the batch's articles.
  void finish_batch(ledger::Ledger::Transaction& tx,
                    const ledger::RunCounts& counts,
                    const std::vector<Problem>& problems) {
    m_store.sync_search_index();
    for (const auto& problem : problems) {
      m_runs.add_problem(m_report.run_id, problem.is_error, problem.origin, problem.message);
    }
    m_runs.save_counts(m_report.run_id, counts);
    tx.commit();
  }

  void show_progress(bool force) {
    if (!m_progress) {
      return;
    }
    auto now = Clock::now();
    if (!force && now - m_last_progress < std::chrono::milliseconds(250)) {
      return;
    }
    m_last_progress = now;
    double elapsed = std::chrono::duration<double>(now - m_started).count();
    auto articles = m_report.counts.articles_seen;
    double rate = elapsed > 0 ? static_cast<double>(articles) / elapsed : 0;
    std::string eta = "?";
    // Within a file, the article text read so far stands for the bytes read (it leaves out
    // markup and JSON, so the ETA errs on the long side).
    std::uint64_t done = m_done_file_bytes + std::min(m_file_text_bytes, m_file_bytes);
    if (m_total_file_bytes > 0 && done > 0 && elapsed > 0) {
      double left = static_cast<double>(m_total_file_bytes - std::min(done, m_total_file_bytes));
      eta = format_duration(left * elapsed / static_cast<double>(done));
    }
    *m_progress << fmt::format(
        "\r\033[Kfactledger: ingest: {}/{} files, {} articles, {:.0f} articles/s, ETA {}",
        m_report.counts.files_seen,
        m_file_count,
        articles,
        rate,
        eta) << std::flush;
    m_progress_shown = true;
  }

  void clear_progress() {
    if (m_progress && m_progress_shown) {
      *m_progress << "\r\033[K" << std::flush;
      m_progress_shown = false;
    }
  }

  ledger::Ledger& m_ledger;
  const IngestOptions& m_options;
  const DiagnosticCallback& m_on_diagnostic;
  std::ostream* m_progress;
  ledger::ArticleStore m_store;
  ledger::RunLog m_runs;

  IngestReport m_report;
  ledger::RunCounts m_committed;
  // Hash of each article key read in this run -> hash of its text (16 bytes and a node per
  // article: the only state that grows with a run's input).
  std::unordered_map<std::size_t, std::size_t> m_seen;
  std::vector<Extracting> m_to_extract;
  std::vector<Extracting> m_in_flight;
  std::future<void> m_extraction; // after m_in_flight: destroyed (waited for) first
  std::vector<Pending> m_pending;
  std::size_t m_pending_bytes = 0;
  std::vector<Problem> m_problems;

  Clock::time_point m_started;
  Clock::time_point m_last_progress;
  bool m_progress_shown = false;
  std::size_t m_file_count = 0;
  std::uint64_t m_total_file_bytes = 0;
  std::uint64_t m_done_file_bytes = 0;
  std::uint64_t m_file_bytes = 0;      // size of the file being read
  std::uint64_t m_file_text_bytes = 0; // article text read from it so far
};

} // namespace

unsigned IngestOptions::default_jobs() {
  unsigned cores = std::thread::hardware_concurrency();
  return std::clamp(cores, 1u, 4u);
}

std::vector<std::string> expand_inputs(const std::vector<std::string>& inputs,
                                       Diagnostics& diagnostics) {
  std::vector<std::string> files;
  for (const auto& input : inputs) {
    if (input == "-") {
      files.push_back(input);
      continue;
    }
    std::error_code ec;
    auto status = fs::status(input, ec);
    if (ec || !fs::exists(status)) {
      diagnostics.push_back({Diagnostic::Severity::error, input, "no such file or directory"});
      continue;
    }
    if (!fs::is_directory(status)) {
      files.push_back(input);
      continue;
    }
    std::vector<std::string> found;
    fs::recursive_directory_iterator it(input, fs::directory_options::skip_permission_denied, ec);
    for (; !ec && it != fs::recursive_directory_iterator(); it.increment(ec)) {
      const auto& entry = *it;
      std::string name = entry.path().filename().string();
      std::error_code type_ec;
      if (entry.is_directory(type_ec)) {
        if (!name.empty() && name[0] == '.') {
          it.disable_recursion_pending(); // .git, .cache...
        }
        continue;
      }
      if (entry.is_regular_file(type_ec) && is_article_file(entry.path())) {
        found.push_back(entry.path().string());
      }
    }
    if (ec) {
      diagnostics.push_back({Diagnostic::Severity::error,
                             input,
                             fmt::format("cannot read directory: {}", ec.message())});
    }
    std::sort(found.begin(), found.end());
    files.insert(files.end(), found.begin(), found.end());
  }
  return files;
}

IngestReport ingest(ledger::Ledger& ledger,
                    const IngestOptions& options,
                    const DiagnosticCallback& on_diagnostic,
                    std::ostream* progress) {
  Ingester ingester(ledger, options, on_diagnostic, progress);
  return ingester.run();
}

} // namespace factledger::ingest
