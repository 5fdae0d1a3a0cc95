#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <string_view>

namespace factledger::text {

// SHA-256 (FIPS 180-4), used as the ledger's content hash: stable across versions and
// platforms, so that a text hashed today is recognised in years.
//
//   text::sha256_hex("abc") ==
//       "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
class Sha256 {
public:
  Sha256();
  void update(std::string_view bytes);
  // REQUIRES: called once; the object is spent afterwards.
  std::array<std::uint8_t, 32> finish();

private:
  void compress(const std::uint8_t* block);

  std::array<std::uint32_t, 8> m_state;
  std::array<std::uint8_t, 64> m_buffer{};
  std::size_t m_buffered = 0;
  std::uint64_t m_length = 0; // bytes
};

// Lower-case hex SHA-256 of `bytes`.
std::string sha256_hex(std::string_view bytes);

} // namespace factledger::text
