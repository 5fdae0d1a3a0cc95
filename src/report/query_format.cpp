#include "report/query_format.hpp"

#include "report/text_table.hpp"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <ostream>

namespace factledger::report {

namespace {

using ledger::SqlValue;
// Objects keep the query's column order.
using json = nlohmann::ordered_json;

std::string hex(const std::string& bytes) {
  static constexpr char k_hex[] = "0123456789abcdef";
  std::string out;
  for (unsigned char b : bytes) {
    out += k_hex[b >> 4];
    out += k_hex[b & 0xF];
  }
  return out;
}

json value_to_json(const SqlValue& v) {
  switch (v.type) {
  case SqlValue::Type::integer:
    return v.integer;
  case SqlValue::Type::real:
    return v.real;
  case SqlValue::Type::text:
    return v.text;
  case SqlValue::Type::blob:
    return hex(v.text);
  case SqlValue::Type::null:
    break;
  }
  return nullptr;
}

std::string dump(const json& j) {
  return j.dump(-1, ' ', false, json::error_handler_t::replace);
}

class TableSink : public ledger::RowSink {
public:
  explicit TableSink(std::ostream& out) : m_out(out) {}
  void begin(const std::vector<std::string>& columns) override {
    m_table = std::make_unique<TextTable>(columns);
  }
  void row(const std::vector<SqlValue>& values) override {
    std::vector<std::string> cells;
    cells.reserve(values.size());
    for (const auto& v : values) {
      std::string cell = value_to_text(v);
      for (char& c : cell) {
        if (c == '\n' || c == '\r' || c == '\t') {
          c = ' '; // one row per line
        }
      }
      cells.push_back(std::move(cell));
    }
    m_table->add_row(std::move(cells));
  }
  void end() override {
    if (!m_table) {
      return;
    }
    m_out << m_table->render("", 80);
    std::size_t n = m_table->row_count();
    m_out << fmt::format("({} row{})\n", n, n == 1 ? "" : "s");
  }

private:
  std::ostream& m_out;
  std::unique_ptr<TextTable> m_table;
};

class CsvSink : public ledger::RowSink {
public:
  explicit CsvSink(std::ostream& out) : m_out(out) {}
  void begin(const std::vector<std::string>& columns) override { write(columns); }
  void row(const std::vector<SqlValue>& values) override {
    std::vector<std::string> cells;
    cells.reserve(values.size());
    for (const auto& v : values) {
      cells.push_back(value_to_text(v));
    }
    write(cells);
  }

private:
  void write(const std::vector<std::string>& cells) {
    for (std::size_t i = 0; i < cells.size(); ++i) {
      if (i > 0) {
        m_out << ',';
      }
      m_out << csv_field(cells[i]);
    }
    m_out << "\r\n";
  }
  std::ostream& m_out;
};

class JsonSink : public ledger::RowSink {
public:
  JsonSink(std::ostream& out, bool lines) : m_out(out), m_lines(lines) {}
  void begin(const std::vector<std::string>& columns) override {
    m_columns = columns;
    if (!m_lines) {
      m_out << '[';
    }
  }
  void row(const std::vector<SqlValue>& values) override {
    json object = json::object();
    for (std::size_t i = 0; i < values.size() && i < m_columns.size(); ++i) {
      object[m_columns[i]] = value_to_json(values[i]);
    }
    if (m_lines) {
      m_out << dump(object) << '\n';
    } else {
      m_out << (m_rows == 0 ? "\n  " : ",\n  ") << dump(object);
    }
    ++m_rows;
  }
  void end() override {
    if (!m_lines) {
      m_out << (m_rows == 0 ? "]\n" : "\n]\n");
    }
  }

private:
  std::ostream& m_out;
  bool m_lines;
  std::vector<std::string> m_columns;
  std::size_t m_rows = 0;
};

} // namespace

std::string value_to_text(const SqlValue& value) {
  switch (value.type) {
  case SqlValue::Type::integer:
    return std::to_string(value.integer);
  case SqlValue::Type::real:
    return fmt::format("{}", value.real);
  case SqlValue::Type::text:
    return value.text;
  case SqlValue::Type::blob:
    return "x'" + hex(value.text) + "'";
  case SqlValue::Type::null:
    break;
  }
  return {};
}

std::string csv_field(const std::string& text) {
  if (text.find_first_of(",\"\r\n") == std::string::npos) {
    return text;
  }
  std::string out = "\"";
  for (char c : text) {
    if (c == '"') {
      out += '"';
    }
    out += c;
  }
  out += '"';
  return out;
}

std::unique_ptr<ledger::RowSink> make_result_sink(ResultFormat format, std::ostream& out) {
  switch (format) {
  case ResultFormat::csv:
    return std::make_unique<CsvSink>(out);
  case ResultFormat::json:
    return std::make_unique<JsonSink>(out, false);
  case ResultFormat::jsonl:
    return std::make_unique<JsonSink>(out, true);
  case ResultFormat::table:
    break;
  }
  return std::make_unique<TableSink>(out);
}

} // namespace factledger::report
