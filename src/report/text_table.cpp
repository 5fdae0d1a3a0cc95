#include "report/text_table.hpp"

#include "text/utf8.hpp"

#include <algorithm>

namespace factledger::report {

namespace {

// Cut `s` to at most `width` code points, marking the cut with an ellipsis.
std::string clip(const std::string& s, std::size_t width) {
  std::size_t n = text::codepoint_count(s);
  if (n <= width) {
    return s;
  }
  std::size_t cps = 0;
  std::size_t i = 0;
  for (; i < s.size(); ++i) {
    if ((static_cast<unsigned char>(s[i]) & 0xC0) != 0x80) {
      if (cps == width - 1) {
        break;
      }
      ++cps;
    }
  }
  return s.substr(0, i) + "…";
}

std::string flatten(std::string s) {
  std::replace(s.begin(), s.end(), '\n', ' ');
  std::replace(s.begin(), s.end(), '\t', ' ');
  return s;
}

} // namespace

TextTable::TextTable(std::vector<std::string> headers) : m_headers(std::move(headers)) {}

void TextTable::add_row(std::vector<std::string> cells) {
  cells.resize(m_headers.size());
  m_rows.push_back(std::move(cells));
}

std::string TextTable::render(const std::string& indent, std::size_t max_width) const {
  std::vector<std::vector<std::string>> cells;
  cells.reserve(m_rows.size() + 1);
  cells.push_back(m_headers);
  for (const auto& r : m_rows) {
    std::vector<std::string> row;
    for (const auto& c : r) {
      row.push_back(clip(flatten(c), max_width));
    }
    cells.push_back(std::move(row));
  }
  std::vector<std::size_t> widths(m_headers.size(), 0);
  for (const auto& row : cells) {
    for (std::size_t i = 0; i < row.size(); ++i) {
      widths[i] = std::max(widths[i], text::codepoint_count(row[i]));
    }
  }
  std::string out;
  auto emit_row = [&](const std::vector<std::string>& row) {
    std::string line = indent;
    for (std::size_t i = 0; i < row.size(); ++i) {
      line += row[i];
      if (i + 1 < row.size()) {
        line.append(widths[i] - text::codepoint_count(row[i]) + 2, ' ');
      }
    }
    while (!line.empty() && line.back() == ' ') {
      line.pop_back();
    }
    out += line + "\n";
  };
  emit_row(cells[0]);
  std::vector<std::string> rule;
  for (auto w : widths) {
    rule.emplace_back(w, '-');
  }
  emit_row(rule);
  for (std::size_t r = 1; r < cells.size(); ++r) {
    emit_row(cells[r]);
  }
  return out;
}

} // namespace factledger::report
