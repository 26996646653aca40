// NumPy's .npy format (versions 1.0 to 3.0): a dense matrix of float32 or float64, as an
// analyst saves it with numpy.save. Read only what matching needs: two dimensions.
#pragma once

#include <cstddef>
#include <cstdint>
#include <expected>
#include <string>
#include <string_view>
#include <vector>

#include "core/message.hpp"

namespace binome::io {

struct NpyMatrix {
  std::int64_t rows = 0;
  std::int64_t cols = 0;
  std::vector<double> cells;  // row-major, rows * cols
};

// What the header says, read from the file's first bytes (the header alone suffices).
struct NpyShape {
  std::int64_t rows = 0;
  std::int64_t cols = 0;
  std::size_t item = 8;        // bytes per cell: 8 (float64) or 4 (float32)
  std::size_t cells = 0;       // rows * cols, checked not to wrap around
  std::size_t data_start = 0;  // where the cells begin
};
std::expected<NpyShape, core::Message> read_npy_shape(std::string_view bytes);

// "the matrix has N cells (R x C), more than the limit of L".
core::Message npy_over_limit(const NpyShape& shape, std::uint64_t max_cells);

// Errors say what is wrong and where ("the header's shape is (3,), a matrix needs two sizes").
// A matrix of more than `max_cells` cells (0: no limit) is refused before its cells are copied.
std::expected<NpyMatrix, core::Message> read_npy(std::string_view bytes, std::uint64_t max_cells = 0);

}  // namespace binome::io
