#pragma once

#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace factledger::testutil {

// Path of a file under fixtures/ (`relative` like "articles/x.txt").
std::filesystem::path fixture_path(std::string_view relative);
std::string read_fixture(std::string_view relative);
std::string read_file(const std::filesystem::path& path);

// `s` split at every `sep` (an empty last field is kept: "a\t" gives {"a", ""}).
std::vector<std::string> split(std::string_view s, char sep);

// The data rows of a tab-separated fixture: blank lines and '#' comments skipped, each row with
// its 1-based line number and its fields.
struct TsvRow {
  int line = 0;
  std::vector<std::string> fields;
};
std::vector<TsvRow> read_tsv(std::string_view relative);

// An out-of-scope list of conformance cases: `id<TAB>reason` lines ('#' comments), as id ->
// reason. Throws when a line gives no reason: every exclusion must say why.
std::map<std::string, std::string> read_out_of_scope(std::string_view relative);

// ../shared/conformance when present; nullopt (and a visible notice on stderr) otherwise.
std::optional<std::filesystem::path> conformance_dir();

// A fresh temporary directory, removed at destruction (kept, its path printed, when the
// environment sets FACTLEDGER_KEEP_TMP).
class TempDir {
public:
  TempDir();
  ~TempDir();
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  const std::filesystem::path& path() const { return m_path; }

private:
  std::filesystem::path m_path;
};

// Result of running the built factledger binary.
struct RunResult {
  int exit_code = -1;
  std::string out;
  std::string err;
};

// Run `factledger <args>` (args shell-quoted by the caller) with optional stdin from a file.
RunResult run_factledger(const std::string& args, const std::string& stdin_file = "");

} // namespace factledger::testutil
