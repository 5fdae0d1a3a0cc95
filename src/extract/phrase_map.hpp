#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace factledger::extract {

// A string-keyed hash map built once and probed many times by the lexicon scanners. Keys are
// hashed with FNV-1a, which can be extended byte by byte: a scanner growing a phrase word by word
// hashes each word once instead of re-hashing the whole phrase at every step. Open addressing in
// one flat array, keys in one buffer: a probe is a multiply per byte and, on a hash hit, one
// memcmp.
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
    if (!s.used) {
      s.used = true;
      s.hash = h;
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
    const Slot& s = m_slots[slot_for(key, hash)];
    return s.used ? &s.value : nullptr;
  }
  const Value* find(std::string_view key) const { return find(key, hash_of(key)); }

  std::size_t size() const { return m_count; }

private:
  struct Slot {
    std::uint64_t hash = 0;
    std::size_t key_begin = 0;
    std::size_t key_size = 0;
    bool used = false;
    Value value{};
  };

  // FNV's low bits alone mix poorly: fold the high half in.
  static std::size_t home(std::uint64_t hash) {
    return static_cast<std::size_t>(hash ^ (hash >> 29));
  }

  // The slot holding `key`, else the empty slot where it would go (the table is never full).
  std::size_t slot_for(std::string_view key, std::uint64_t hash) const {
    std::size_t mask = m_slots.size() - 1;
    for (std::size_t i = home(hash) & mask;; i = (i + 1) & mask) {
      const Slot& s = m_slots[i];
      if (!s.used) {
        return i;
      }
      if (s.hash == hash && s.key_size == key.size()
          && std::string_view(m_keys).substr(s.key_begin, s.key_size) == key) {
        return i;
      }
    }
  }

  void grow() {
    std::vector<Slot> old = std::move(m_slots);
    m_slots.assign(old.empty() ? 64 : old.size() * 2, Slot{});
    std::size_t mask = m_slots.size() - 1;
    for (Slot& s : old) {
      if (s.used) {
        std::size_t i = home(s.hash) & mask;
        while (m_slots[i].used) {
          i = (i + 1) & mask;
        }
        m_slots[i] = std::move(s);
      }
    }
  }

  std::vector<Slot> m_slots; // size a power of two, at most half full
  std::string m_keys;
  std::size_t m_count = 0;
};

} // namespace factledger::extract
