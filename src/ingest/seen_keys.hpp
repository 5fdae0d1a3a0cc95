#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string_view>

namespace factledger::ingest {

// The article keys one ingest run has read, each with a hash of its text, so that an article
// read twice in a run is written once (the first wins, and the same inputs ingested again change
// nothing). Kept in a private temporary SQLite database on disk, whose page cache bounds the
// memory, rather than in a hash map: a backfill of millions of articles would otherwise grow the
// process by about 120 bytes per article.
class SeenKeys {
public:
  SeenKeys();
  ~SeenKeys();
  SeenKeys(const SeenKeys&) = delete;
  SeenKeys& operator=(const SeenKeys&) = delete;

  // Record `key` read with text hash `content`: nullopt the first time in this run, else the text
  // hash recorded the first time. Throws LedgerError when the temporary database fails.
  std::optional<std::uint64_t> add(std::string_view key, std::string_view content);

private:
  struct Impl;
  std::unique_ptr<Impl> m_impl;
};

} // namespace factledger::ingest
