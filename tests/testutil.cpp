#include "testutil.hpp"

#include <doctest/doctest.h>

#include <cstdlib>
#include <fstream>
#include <iostream>
#include <random>
#include <sstream>
#include <stdexcept>
#include <sys/wait.h>

namespace factledger::testutil {

namespace fs = std::filesystem;

fs::path fixture_path(std::string_view relative) {
  return fs::path(FACTLEDGER_FIXTURES_DIR) / relative;
}

std::string read_file(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    throw std::runtime_error("cannot read " + path.string());
  }
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

std::string read_fixture(std::string_view relative) {
  return read_file(fixture_path(relative));
}

std::vector<std::string> split(std::string_view s, char sep) {
  std::vector<std::string> out;
  std::size_t at = 0;
  while (true) {
    std::size_t end = s.find(sep, at);
    out.emplace_back(
        s.substr(at, end == std::string_view::npos ? std::string_view::npos : end - at));
    if (end == std::string_view::npos) {
      return out;
    }
    at = end + 1;
  }
}

std::vector<TsvRow> read_tsv(std::string_view relative) {
  std::vector<TsvRow> rows;
  std::istringstream in(read_fixture(relative));
  std::string line;
  int line_no = 0;
  while (std::getline(in, line)) {
    ++line_no;
    if (!line.empty() && line[0] != '#') {
      rows.push_back(TsvRow{line_no, split(line, '\t')});
    }
  }
  return rows;
}

std::map<std::string, std::string> read_out_of_scope(std::string_view relative) {
  std::map<std::string, std::string> ids;
  for (const auto& row : read_tsv(relative)) {
    if (row.fields.size() < 2 || row.fields[1].empty()) {
      throw std::runtime_error(std::string(relative) + ":" + std::to_string(row.line)
                               + ": out-of-scope case without a reason");
    }
    // The reason is the rest of the line, tabs included.
    std::string reason = row.fields[1];
    for (std::size_t k = 2; k < row.fields.size(); ++k) {
      reason += '\t' + row.fields[k];
    }
    ids.emplace(row.fields[0], reason);
  }
  return ids;
}

std::optional<fs::path> conformance_dir() {
  fs::path dir = fs::path(FACTLEDGER_SHARED_DIR) / "conformance";
  if (fs::is_directory(dir)) {
    return dir;
  }
  static bool told = false;
  if (!told) {
    std::cerr << "NOTICE: " << dir.string()
              << " is absent: conformance tests are skipped (they run where ../shared exists)\n";
    told = true;
  }
  return std::nullopt;
}

TempDir::TempDir() {
  std::random_device rd;
  for (int attempt = 0; attempt < 100; ++attempt) {
    fs::path p = fs::temp_directory_path() / ("factledger-test-" + std::to_string(rd()));
    std::error_code ec;
    if (fs::create_directory(p, ec)) {
      m_path = p;
      return;
    }
  }
  throw std::runtime_error("cannot create a temporary directory");
}

TempDir::~TempDir() {
  // FACTLEDGER_KEEP_TMP=1 keeps test directories for inspection after a failure.
  if (std::getenv("FACTLEDGER_KEEP_TMP") != nullptr) {
    std::cerr << "kept " << m_path.string() << '\n';
    return;
  }
  std::error_code ec;
  fs::remove_all(m_path, ec);
}

namespace {

std::string quote(const std::string& s) {
  std::string out = "'";
  for (char c : s) {
    if (c == '\'') {
      out += "'\\''";
    } else {
      out += c;
    }
  }
  return out + "'";
}

} // namespace

RunResult run_factledger(const std::string& args, const std::string& stdin_file) {
  TempDir tmp;
  fs::path out = tmp.path() / "out";
  fs::path err = tmp.path() / "err";
  std::string cmd = quote(FACTLEDGER_BINARY) + " " + args + " >" + quote(out.string()) + " 2>"
                    + quote(err.string());
  cmd += stdin_file.empty() ? " </dev/null" : " <" + quote(stdin_file);
  int status = std::system(cmd.c_str());
  RunResult r;
  r.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  r.out = read_file(out);
  r.err = read_file(err);
  return r;
}

} // namespace factledger::testutil
