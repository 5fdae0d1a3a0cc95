#include "ingest/seen_keys.hpp"

#include <doctest/doctest.h>

#include <functional>
#include <string>

using factledger::ingest::SeenKeys;

TEST_CASE("ingest::SeenKeys remembers the first text of each key in a run") {
  SeenKeys seen;
  CHECK_FALSE(seen.add("https://example.com/a", "hash-a1").has_value());
  CHECK_FALSE(seen.add("https://example.com/b", "hash-b1").has_value());
  // The same key again: the first text's hash, whatever this one's text.
  auto again = seen.add("https://example.com/a", "hash-a1");
  REQUIRE(again.has_value());
  CHECK(*again == std::hash<std::string_view>{}("hash-a1"));
  auto changed = seen.add("https://example.com/a", "hash-a2");
  REQUIRE(changed.has_value());
  CHECK(*changed == std::hash<std::string_view>{}("hash-a1"));
  // A second run starts empty.
  SeenKeys next;
  CHECK_FALSE(next.add("https://example.com/a", "hash-a2").has_value());
}

TEST_CASE("ingest::SeenKeys holds many keys (on disk, not in memory)") {
  SeenKeys seen;
  constexpr int k_keys = 50000;
  for (int i = 0; i < k_keys; ++i) {
    REQUIRE_FALSE(seen.add("key-" + std::to_string(i), "text-" + std::to_string(i)).has_value());
  }
  int found = 0;
  for (int i = 0; i < k_keys; i += 7) {
    auto first = seen.add("key-" + std::to_string(i), "other");
    if (first && *first == std::hash<std::string_view>{}("text-" + std::to_string(i))) {
      ++found;
    }
  }
  CHECK(found == (k_keys + 6) / 7);
}
