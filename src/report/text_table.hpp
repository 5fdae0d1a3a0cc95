#pragma once

#include <string>
#include <vector>

namespace factledger::report {

// An aligned plain-text table; widths count code points so accented text lines up.
class TextTable {
public:
  explicit TextTable(std::vector<std::string> headers);
  void add_row(std::vector<std::string> cells);
  // Render with `indent` before every line; long cells are cut at `max_width` code points.
  std::string render(const std::string& indent = "", std::size_t max_width = 60) const;
  std::size_t row_count() const { return m_rows.size(); }

private:
  std::vector<std::string> m_headers;
  std::vector<std::vector<std::string>> m_rows;
};

} // namespace factledger::report
