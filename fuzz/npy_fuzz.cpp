// libFuzzer target: the .npy reader (io/npy.hpp), the file a problem's "scores_npy" names. Besides
// the sanitizers, it checks the matrix it returns: as many cells as its two sizes say, which is
// what the matching problem indexes by.
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>

#include "broken.hpp"
#include "io/npy.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const auto matrix = binome::io::read_npy(std::string_view(reinterpret_cast<const char*>(data), size));
  if (!matrix) return 0;
  const auto rows = matrix->rows;
  const auto cols = matrix->cols;
  // Two sizes whose product wraps around 64 bits must not pass for a small matrix.
  const bool wraps = rows > 0 && cols > 0 &&
                     static_cast<std::uint64_t>(rows) > UINT64_MAX / static_cast<std::uint64_t>(cols);
  if (rows < 0 || cols < 0 || wraps ||
      static_cast<std::uint64_t>(rows) * static_cast<std::uint64_t>(cols) != matrix->cells.size()) {
    binome::fuzz::broken("a matrix whose cells are not rows x cols",
                         std::to_string(rows) + " x " + std::to_string(cols) + ", " +
                             std::to_string(matrix->cells.size()) + " cells");
  }
  return 0;
}
