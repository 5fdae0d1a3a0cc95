#include "ingest/pipeline.hpp"

#include "extract/extraction.hpp"
#include "extract/version.hpp"
#include "ingest/seen_keys.hpp"
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
#include <memory>
#include <ostream>
#include <thread>

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

// A batch for the writer: whole articles, the problems to record with them and this thread's
// counts when it was handed over.
struct WriteJob {
  std::vector<Pending> articles;
  std::vector<Problem> problems;
  ledger::RunCounts read;
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
    open_lookup();
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
      extract_chunk(); // launches the last chunk
      std::vector<Extracting> last = wait_for_extraction();
      queue_for_writing(last);
      flush();
      wait_for_writer();
    } catch (const Error&) {
      finish_failed();
      throw;
    } catch (const std::exception& e) {
      finish_failed();
      throw LedgerError(fmt::format("ingest stopped: {}", e.what()));
    }
    clear_progress();
    m_report.counts = sum(m_read, m_written);
    m_report.status =
        m_report.counts.errors > 0 ? ledger::RunStatus::errors : ledger::RunStatus::ok;
    m_runs.finish(m_report.run_id, m_report.counts, m_report.status);
    m_report.seconds = std::chrono::duration<double>(Clock::now() - m_started).count();
    return m_report;
  }

private:
  void finish_failed() {
    clear_progress();
    if (m_writing.valid()) {
      try {
        m_writing.get();                // the ledger is not touched while a batch is being written
      } catch (const std::exception&) { // NOLINT(bugprone-empty-catch): the first error is rethrown
      }
    }
    m_report.counts = m_committed;
    m_report.status = ledger::RunStatus::failed;
    try {
      m_runs.finish(m_report.run_id, m_committed, ledger::RunStatus::failed);
    } catch (const Error&) { // NOLINT(bugprone-empty-catch): the ledger error is rethrown
    }
  }

  void report(const Diagnostic& d) {
    bool is_error = d.severity == Diagnostic::Severity::error;
    if (is_error) {
      ++m_read.errors;
      ++m_read.articles_failed;
    } else {
      ++m_read.warnings;
    }
    m_problems.push_back({is_error, d.origin, d.message});
    if (m_on_diagnostic) {
      clear_progress();
      m_on_diagnostic(d);
    }
  }

  void ingest_file(const std::string& file) {
    ++m_read.files_seen;
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
    ++m_read.articles_seen;
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
    if (auto first = m_seen.add(row.key, row.content_hash)) {
      ++m_read.articles_unchanged;
      if (*first != std::hash<std::string_view>{}(row.content_hash)) {
        report(duplicate_warning(row));
      }
      return;
    }
    // Cheap check first: an article the ledger already holds as is is not re-extracted.
    if (auto stored = lookup().find(row.key); stored && ledger::is_current(*stored, row)) {
      ++m_read.articles_unchanged;
      show_progress(false);
      return;
    }
    m_to_extract.push_back({std::move(article), std::move(p), {}});
    if (m_to_extract.size() >= k_extract_chunk) {
      extract_chunk();
    }
    show_progress(false);
  }

  // Hand the waiting articles to the extraction threads, then queue the chunk they extracted
  // before for writing. The next chunk is launched first, so that extraction never waits for
  // this thread; at most three chunks are held. The extractors are pure functions of the
  // article, so chunks are written in input order.
  void extract_chunk() {
    std::vector<Extracting> extracted = wait_for_extraction();
    if (!m_to_extract.empty()) {
      m_in_flight = std::move(m_to_extract);
      m_to_extract.clear();
      m_to_extract.reserve(k_extract_chunk);
      m_extraction =
          std::async(std::launch::async, [this] { extract_all(m_in_flight, m_options.jobs); });
    }
    queue_for_writing(extracted);
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

  // The chunk being extracted, once it is done (empty when none is in flight).
  std::vector<Extracting> wait_for_extraction() {
    if (!m_extraction.valid()) {
      return {};
    }
    m_extraction.get();
    std::vector<Extracting> extracted = std::move(m_in_flight);
    m_in_flight.clear();
    return extracted;
  }

  // Queue extracted articles for writing, writing a batch whenever one is full.
  void queue_for_writing(std::vector<Extracting>& extracted) {
    for (auto& e : extracted) {
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
  }

  // Hand the pending articles, the problems met and the counts to the writer, once it has
  // written the batch before: the writer runs on its own thread while this one reads and the
  // extraction threads extract, so neither waits for the other (the pre-check of each article
  // goes through a second, read-only connection). At most two batches are held.
  void flush() {
    wait_for_writer();
    if (m_pending.empty() && m_problems.empty() && sum(m_read, m_written) == m_committed) {
      return;
    }
    WriteJob job{std::move(m_pending), std::move(m_problems), m_read};
    m_pending.clear();
    m_pending_bytes = 0;
    m_problems.clear();
    if (!m_lookup_store) {
      tell(write_batch(job)); // a private in-memory ledger has only one connection
      return;
    }
    m_writing = std::async(std::launch::async,
                           [this, job = std::move(job)]() mutable { return write_batch(job); });
  }

  // Wait for the batch being written; tell the problems met while writing it.
  void wait_for_writer() {
    if (m_writing.valid()) {
      tell(m_writing.get());
    }
  }

  void tell(const std::vector<Problem>& problems) {
    if (!m_on_diagnostic) {
      return;
    }
    for (const auto& p : problems) {
      clear_progress();
      m_on_diagnostic({p.is_error ? Diagnostic::Severity::error : Diagnostic::Severity::warning,
                       p.origin,
                       p.message});
    }
  }

  // Write `job`'s articles, problems and the run's counters in one transaction, and return the
  // problems met while writing. An article the ledger refuses (InputError) spoils its batch: the
  // batch is then rolled back and written again one article per transaction, so that only that
  // article is lost. Runs on the writer thread, the only one using m_ledger meanwhile.
  std::vector<Problem> write_batch(const WriteJob& job) {
    ledger::RunCounts written = m_written;
    std::vector<Problem> problems = job.problems;
    std::vector<Problem> met;
    std::string now = ledger::utc_now_iso();
    bool done = false;
    try {
      ledger::Ledger::Transaction tx(m_ledger);
      for (const auto& p : job.articles) {
        count(m_store.store(p.row, p.amounts, p.dates, m_report.run_id, now, p.facts), written);
      }
      finish_batch(tx, sum(job.read, written), problems);
      done = true;
    } catch (const InputError&) {
      m_store.discard_pending(); // the transaction was rolled back
    } catch (...) {
      m_store.discard_pending();
      throw;
    }
    if (!done) {
      written = m_written;
      for (const auto& p : job.articles) {
        try {
          ledger::Ledger::Transaction tx(m_ledger);
          count(m_store.store(p.row, p.amounts, p.dates, m_report.run_id, now, p.facts), written);
          m_store.sync_search_index();
          m_runs.save_counts(m_report.run_id, sum(job.read, written));
          tx.commit();
        } catch (const InputError& e) {
          m_store.discard_pending();
          ++written.errors;
          ++written.articles_failed;
          problems.push_back({true, p.row.origin, e.what()});
          met.push_back(problems.back());
        } catch (...) {
          m_store.discard_pending();
          throw;
        }
      }
      ledger::Ledger::Transaction tx(m_ledger);
      finish_batch(tx, sum(job.read, written), problems);
    }
    m_written = written;
    m_committed = sum(job.read, written);
    return met;
  }

  static ledger::RunCounts sum(const ledger::RunCounts& a, const ledger::RunCounts& b) {
    ledger::RunCounts c;
    c.files_seen = a.files_seen + b.files_seen;
    c.articles_seen = a.articles_seen + b.articles_seen;
    c.articles_new = a.articles_new + b.articles_new;
    c.articles_unchanged = a.articles_unchanged + b.articles_unchanged;
    c.articles_updated = a.articles_updated + b.articles_updated;
    c.articles_failed = a.articles_failed + b.articles_failed;
    c.amounts_added = a.amounts_added + b.amounts_added;
    c.dates_added = a.dates_added + b.dates_added;
    c.facts_added = a.facts_added + b.facts_added;
    c.warnings = a.warnings + b.warnings;
    c.errors = a.errors + b.errors;
    return c;
  }

  // The pre-check of ingest_article() reads through its own connection when the ledger is a
  // file, so that it never waits for (nor disturbs) the writer; it sees the committed batches,
  // and the writer checks again inside its transaction.
  void open_lookup() {
    const std::string& path = m_ledger.path();
    if (path.empty() || path == ":memory:") {
      return;
    }
    try {
      m_lookup_ledger = std::make_unique<ledger::Ledger>(
          path, ledger::OpenOptions{.mode = ledger::OpenMode::read_only});
      m_lookup_store = std::make_unique<ledger::ArticleStore>(*m_lookup_ledger);
    } catch (const Error&) {
      m_lookup_store.reset(); // fall back to writing on this thread
      m_lookup_ledger.reset();
    }
  }

  ledger::ArticleStore& lookup() { return m_lookup_store ? *m_lookup_store : m_store; }

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
    counts.facts_added += static_cast<std::int64_t>(r.facts);
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
    auto articles = m_read.articles_seen;
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
        m_read.files_seen,
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
  // Counts of this thread (reading, pre-check) and of the writer (what the batches wrote); the
  // run's counts are their sum. m_written and m_committed belong to the writer while a batch is
  // being written.
  ledger::RunCounts m_read;
  ledger::RunCounts m_written;
  ledger::RunCounts m_committed;
  std::unique_ptr<ledger::Ledger> m_lookup_ledger;
  std::unique_ptr<ledger::ArticleStore> m_lookup_store;
  // Each article key read in this run, with its text's hash, on disk (see SeenKeys).
  SeenKeys m_seen;
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
  // Last: destroyed (waited for) first, before what the writer uses.
  std::future<std::vector<Problem>> m_writing;
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
