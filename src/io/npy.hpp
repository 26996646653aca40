// NumPy's .npy format (versions 1.0 to 3.0): a dense matrix of float32 or float64, as an
// analyst saves it with numpy.save. Read only what matching needs: two dimensions.
#pragma once

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

// Errors say what is wrong and where ("the header's shape is (3,), a matrix needs two sizes").
std::expected<NpyMatrix, core::Message> read_npy(std::string_view bytes);

}  // namespace binome::io
