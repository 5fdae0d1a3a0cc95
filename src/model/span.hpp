#pragma once

#include <cstddef>

namespace factledger {

// A half-open byte range [begin, end) into a UTF-8 text. Output formats convert it to
// code-point offsets (text/utf8.hpp, CodepointIndex).
struct Span {
  std::size_t begin = 0;
  std::size_t end = 0;

  std::size_t size() const { return end - begin; }
  bool contains(const Span& o) const { return begin <= o.begin && o.end <= end; }
  bool overlaps(const Span& o) const { return begin < o.end && o.begin < end; }
  friend bool operator==(const Span&, const Span&) = default;
};

} // namespace factledger
