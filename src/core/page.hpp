// One page of a list and the total over all pages: what every list use case returns.
#pragma once

#include <cstdint>
#include <vector>

namespace binome::core {

template <typename T>
struct Page {
  std::vector<T> items;
  std::int64_t total = 0;  // how many match, over all pages
};

// Which page: rows [offset, offset + limit).
struct PageRange {
  std::int64_t offset = 0;
  std::int64_t limit = 50;
};

}  // namespace binome::core
