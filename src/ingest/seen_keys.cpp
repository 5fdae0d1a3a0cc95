#include "ingest/seen_keys.hpp"

#include "model/error.hpp"

#include <SQLiteCpp/SQLiteCpp.h>

#include <functional>
#include <string>

namespace factledger::ingest {

struct SeenKeys::Impl {
  // "" opens a private temporary database on disk, deleted when closed.
  SQLite::Database db{"", SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE};
  std::optional<SQLite::Statement> insert;
  std::optional<SQLite::Statement> select;
};

SeenKeys::SeenKeys() : m_impl(std::make_unique<Impl>()) {
  try {
    auto& db = m_impl->db;
    // Nothing here needs to survive a crash: no journal, no syncs, a small page cache, and one
    // transaction for the whole run (dirty pages spill to the file when the cache is full).
    db.exec("PRAGMA journal_mode = OFF");
    db.exec("PRAGMA synchronous = OFF");
    db.exec("PRAGMA cache_size = -4096");
    db.exec("CREATE TABLE seen (key INTEGER PRIMARY KEY, content INTEGER NOT NULL)");
    db.exec("BEGIN");
    m_impl->insert.emplace(
        db, "INSERT INTO seen (key, content) VALUES (?1, ?2) ON CONFLICT (key) DO NOTHING");
    m_impl->select.emplace(db, "SELECT content FROM seen WHERE key = ?1");
  } catch (const SQLite::Exception& e) {
    throw LedgerError(std::string("temporary database of keys read in this run: ") + e.what());
  }
}

SeenKeys::~SeenKeys() = default;

std::optional<std::uint64_t> SeenKeys::add(std::string_view key, std::string_view content) {
  // 64-bit hashes of the key and the text: a collision between two of a run's keys (about n^2 /
  // 2^65) would at worst skip one article until the next run.
  auto k = static_cast<std::int64_t>(std::hash<std::string_view>{}(key));
  auto c = static_cast<std::int64_t>(std::hash<std::string_view>{}(content));
  try {
    auto& insert = *m_impl->insert;
    insert.bind(1, k);
    insert.bind(2, c);
    insert.exec();
    insert.reset();
    if (m_impl->db.getChanges() > 0) {
      return std::nullopt;
    }
    auto& select = *m_impl->select;
    select.bind(1, k);
    std::uint64_t first = 0;
    if (select.executeStep()) {
      first = static_cast<std::uint64_t>(select.getColumn(0).getInt64());
    }
    select.reset();
    return first;
  } catch (const SQLite::Exception& e) {
    throw LedgerError(std::string("temporary database of keys read in this run: ") + e.what());
  }
}

} // namespace factledger::ingest
