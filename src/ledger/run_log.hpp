#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace factledger::ledger {

class Ledger;

// Counters of one ingest run, as stored in ingest_runs.
struct RunCounts {
  std::int64_t files_seen = 0;
  std::int64_t articles_seen = 0;
  std::int64_t articles_new = 0;
  std::int64_t articles_unchanged = 0;
  std::int64_t articles_updated = 0;
  std::int64_t articles_failed = 0;
  std::int64_t amounts_added = 0;
  std::int64_t dates_added = 0;
  std::int64_t facts_added = 0;
  std::int64_t warnings = 0;
  std::int64_t errors = 0;

  friend bool operator==(const RunCounts&, const RunCounts&) = default;
};

// Final state of a run: ok (no error), errors (some inputs failed), failed (the run stopped
// early: the ledger became unusable), interrupted (found 'running' with its process gone).
enum class RunStatus { running, ok, errors, failed, interrupted };
std::string_view to_string(RunStatus status);

// The ingest_runs and ingest_errors tables.
class RunLog {
public:
  explicit RunLog(Ledger& ledger);
  ~RunLog();
  RunLog(const RunLog&) = delete;
  RunLog& operator=(const RunLog&) = delete;

  // Record a new run (its own transaction) and return its id. Runs left 'running' by a process
  // that no longer exists (killed) are marked 'interrupted' first.
  std::int64_t start(const std::vector<std::string>& inputs,
                     std::string_view factledger_version,
                     std::string_view extractor_version);

  // REQUIRES: inside a write transaction (the batch that met the problem / wrote the counts).
  void add_problem(std::int64_t run_id,
                   bool is_error,
                   const std::string& origin,
                   const std::string& message);
  void save_counts(std::int64_t run_id, const RunCounts& counts);

  // Store final counts, status and finish time (its own transaction).
  void finish(std::int64_t run_id, const RunCounts& counts, RunStatus status);

private:
  struct Impl;
  std::unique_ptr<Impl> m_impl;
  Ledger& m_ledger;
};

} // namespace factledger::ledger
