#pragma once

#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <string_view>

namespace factledger::testutil {

// Path of a file under fixtures/ (`relative` like "articles/x.txt").
std::filesystem::path fixture_path(std::string_view relative);
std::string read_fixture(std::string_view relative);
std::string read_file(const std::filesystem::path& path);

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
