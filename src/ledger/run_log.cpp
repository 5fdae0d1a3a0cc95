#include "ledger/run_log.hpp"

#include "ledger/ledger.hpp"
#include "model/error.hpp"

#include <SQLiteCpp/SQLiteCpp.h>
#include <fmt/format.h>

#include <cerrno>
#include <csignal>
#include <unistd.h>

namespace factledger::ledger {

namespace {

bool process_alive(std::int64_t pid) {
  if (pid <= 0) {
    return false;
  }
  return ::kill(static_cast<pid_t>(pid), 0) == 0 || errno == EPERM;
}

} // namespace

std::string_view to_string(RunStatus status) {
  switch (status) {
  case RunStatus::running:
    return "running";
  case RunStatus::ok:
    return "ok";
  case RunStatus::errors:
    return "errors";
  case RunStatus::failed:
    return "failed";
  case RunStatus::interrupted:
    return "interrupted";
  }
  return "failed";
}

struct RunLog::Impl {
  explicit Impl(SQLite::Database& database)
      : db(database),
        add_problem(db,
                    "INSERT INTO ingest_errors (run_id, severity, origin, message, at) VALUES "
                    "(?1, ?2, ?3, ?4, ?5)"),
        save_counts(db,
                    "UPDATE ingest_runs SET files_seen = ?2, articles_seen = ?3, "
                    "articles_new = ?4, articles_unchanged = ?5, articles_updated = ?6, "
                    "articles_failed = ?7, amounts_added = ?8, dates_added = ?9, "
                    "warnings = ?10, errors = ?11, facts_added = ?12 WHERE id = ?1") {}

  void bind_counts(std::int64_t run_id, const RunCounts& c) {
    auto& s = save_counts;
    s.bind(1, run_id);
    s.bind(2, c.files_seen);
    s.bind(3, c.articles_seen);
    s.bind(4, c.articles_new);
    s.bind(5, c.articles_unchanged);
    s.bind(6, c.articles_updated);
    s.bind(7, c.articles_failed);
    s.bind(8, c.amounts_added);
    s.bind(9, c.dates_added);
    s.bind(10, c.warnings);
    s.bind(11, c.errors);
    s.bind(12, c.facts_added);
  }

  SQLite::Database& db;
  SQLite::Statement add_problem;
  SQLite::Statement save_counts;
};

RunLog::RunLog(Ledger& ledger) : m_ledger(ledger) {
  try {
    m_impl = std::make_unique<Impl>(ledger.database());
  } catch (const SQLite::Exception& e) {
    throw LedgerError(fmt::format("ledger \"{}\": {}", ledger.path(), e.what()));
  }
}

RunLog::~RunLog() = default;

std::int64_t RunLog::start(const std::vector<std::string>& inputs,
                           std::string_view factledger_version,
                           std::string_view extractor_version) {
  Ledger::Transaction tx(m_ledger);
  try {
    auto& db = m_impl->db;
    std::string now = utc_now_iso();
    {
      SQLite::Statement running(db, "SELECT id, pid FROM ingest_runs WHERE status = 'running'");
      std::vector<std::int64_t> dead;
      while (running.executeStep()) {
        if (!process_alive(running.getColumn(1).getInt64())) {
          dead.push_back(running.getColumn(0).getInt64());
        }
      }
      SQLite::Statement mark(db, "UPDATE ingest_runs SET status = 'interrupted' WHERE id = ?1");
      for (auto id : dead) {
        mark.bind(1, id);
        mark.exec();
        mark.reset();
      }
    }
    std::string joined;
    for (const auto& input : inputs) {
      joined += joined.empty() ? "" : "\n";
      joined += input;
    }
    SQLite::Statement insert(db,
                             "INSERT INTO ingest_runs (started_at, status, inputs, "
                             "factledger_version, extractor_version, pid) VALUES (?1, 'running', "
                             "?2, ?3, ?4, ?5)");
    insert.bind(1, now);
    insert.bind(2, joined);
    insert.bind(3, std::string(factledger_version));
    insert.bind(4, std::string(extractor_version));
    insert.bind(5, static_cast<std::int64_t>(::getpid()));
    insert.exec();
    std::int64_t id = db.getLastInsertRowid();
    tx.commit();
    return id;
  } catch (const SQLite::Exception& e) {
    throw LedgerError(
        fmt::format("ledger \"{}\": cannot record the run: {}", m_ledger.path(), e.what()));
  }
}

void RunLog::add_problem(std::int64_t run_id,
                         bool is_error,
                         const std::string& origin,
                         const std::string& message) {
  auto& s = m_impl->add_problem;
  try {
    s.bind(1, run_id);
    s.bind(2, is_error ? "error" : "warning");
    s.bind(3, origin);
    s.bind(4, message);
    s.bind(5, utc_now_iso());
    s.exec();
    s.reset();
  } catch (const SQLite::Exception& e) {
    s.tryReset();
    throw LedgerError(
        fmt::format("ledger \"{}\": cannot record an error: {}", m_ledger.path(), e.what()));
  }
}

void RunLog::save_counts(std::int64_t run_id, const RunCounts& counts) {
  try {
    m_impl->bind_counts(run_id, counts);
    m_impl->save_counts.exec();
    m_impl->save_counts.reset();
  } catch (const SQLite::Exception& e) {
    m_impl->save_counts.tryReset();
    throw LedgerError(
        fmt::format("ledger \"{}\": cannot update the run: {}", m_ledger.path(), e.what()));
  }
}

void RunLog::finish(std::int64_t run_id, const RunCounts& counts, RunStatus status) {
  Ledger::Transaction tx(m_ledger);
  save_counts(run_id, counts);
  try {
    SQLite::Statement s(m_impl->db,
                        "UPDATE ingest_runs SET status = ?2, finished_at = ?3 WHERE id = ?1");
    s.bind(1, run_id);
    s.bind(2, std::string(to_string(status)));
    s.bind(3, utc_now_iso());
    s.exec();
  } catch (const SQLite::Exception& e) {
    throw LedgerError(
        fmt::format("ledger \"{}\": cannot finish the run: {}", m_ledger.path(), e.what()));
  }
  tx.commit();
}

} // namespace factledger::ledger
