#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace factledger::extract {

// A string-keyed hash map built once and probed many times by the lexicon scanners. Keys are
// hashed with FNV-1a, which can be extended byte by byte: a scanner growing a phrase word by word
// hashes each word once instead of re-hashing the whole phrase at every step. Open addressing,
// keys in one buffer: a probe is a multiply per byte, a walk over one-byte tags and, on a tag
// hit, one memcmp.
template <typename Value> class PhraseMap {
public:
  static constexpr std::uint64_t k_empty_hash = 14695981039346656037ULL;

  static std::uint64_t extend(std::uint64_t hash, std::string_view bytes) {
    for (char c : bytes) {
      hash ^= static_cast<unsigned char>(c);
      hash *= 1099511628211ULL;
    }
    return hash;
  }
  static std::uint64_t hash_of(std::string_view key) { return extend(k_empty_hash, key); }

  // The value for `key`, inserted default-constructed when missing.
  Value& operator[](std::string_view key) {
    if ((m_count + 1) * 2 > m_slots.size()) {
      grow();
    }
    std::uint64_t h = hash_of(key);
    std::size_t i = slot_for(key, h);
    Slot& s = m_slots[i];
    if (m_tags[i] == 0) {
      m_tags[i] = tag_of(h);
      s.key_begin = m_keys.size();
      s.key_size = key.size();
      m_keys.append(key);
      ++m_count;
    }
    return s.value;
  }

  // The value for `key` whose hash_of() is `hash`, or nullptr.
  const Value* find(std::string_view key, std::uint64_t hash) const {
    if (m_slots.empty()) {
      return nullptr;
    }
    std::size_t i = slot_for(key, hash);
    return m_tags[i] != 0 ? &m_slots[i].value : nullptr;
  }
  const Value* find(std::string_view key) const { return find(key, hash_of(key)); }

  std::size_t size() const { return m_count; }

private:
  struct Slot {
    std::size_t key_begin = 0;
    std::size_t key_size = 0;
    Value value{};
  };

  // FNV's low bits alone mix poorly: fold the high half in.
  static std::size_t home(std::uint64_t hash) {
    return static_cast<std::size_t>(hash ^ (hash >> 29));
  }
  // A one-byte fingerprint, never 0 (0 marks an empty slot). Probes walk the small tag array
  // (it stays in cache) and touch a slot only when its tag matches: most words of a text are
  // not in the map, and a miss then costs no cache miss on the slots.
  static std::uint8_t tag_of(std::uint64_t hash) {
    return static_cast<std::uint8_t>((hash >> 56) | 1U);
  }

  // The slot holding `key`, else the empty slot where it would go (the table is never full).
  std::size_t slot_for(std::string_view key, std::uint64_t hash) const {
    std::size_t mask = m_slots.size() - 1;
    std::uint8_t tag = tag_of(hash);
    for (std::size_t i = home(hash) & mask;; i = (i + 1) & mask) {
      std::uint8_t t = m_tags[i];
      if (t == 0) {
        return i;
      }
      if (t == tag) {
        const Slot& s = m_slots[i];
        if (s.key_size == key.size()
            && std::string_view(m_keys).substr(s.key_begin, s.key_size) == key) {
          return i;
        }
      }
    }
  }

  void grow() {
    std::vector<Slot> old = std::move(m_slots);
    std::vector<std::uint8_t> old_tags = std::move(m_tags);
    m_slots.assign(old.empty() ? 64 : old.size() * 2, Slot{});
    m_tags.assign(m_slots.size(), 0);
    std::size_t mask = m_slots.size() - 1;
    for (std::size_t k = 0; k < old.size(); ++k) {
      if (old_tags[k] != 0) {
        std::uint64_t h =
            hash_of(std::string_view(m_keys).substr(old[k].key_begin, old[k].key_size));
        std::size_t i = home(h) & mask;
        while (m_tags[i] != 0) {
          i = (i + 1) & mask;
        }
        m_slots[i] = std::move(old[k]);
        m_tags[i] = old_tags[k];
      }
    }
  }

  std::vector<Slot> m_slots;        // size a power of two, at most half full
  std::vector<std::uint8_t> m_tags; // per slot: 0 empty, else tag_of(hash)
  std::string m_keys;
  std::size_t m_count = 0;
};

} // namespace factledger::extract
