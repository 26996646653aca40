#include "io/npy.hpp"

#include <bit>
#include <cstring>
#include <limits>

namespace binome::io {

namespace {

// The value of `key` in the header, a Python dict literal such as
// {'descr': '<f8', 'fortran_order': False, 'shape': (3, 4), }
std::string_view dict_value(std::string_view header, std::string_view key) {
  const std::string quoted = "'" + std::string(key) + "'";
  auto at = header.find(quoted);
  if (at == std::string_view::npos) return {};
  at = header.find(':', at + quoted.size());
  if (at == std::string_view::npos) return {};
  std::string_view rest = header.substr(at + 1);
  while (!rest.empty() && rest.front() == ' ') rest.remove_prefix(1);
  std::size_t end = 0;
  if (!rest.empty() && rest.front() == '(') {
    end = rest.find(')');
    return end == std::string_view::npos ? std::string_view() : rest.substr(0, end + 1);
  }
  if (!rest.empty() && rest.front() == '\'') {
    end = rest.find('\'', 1);
    return end == std::string_view::npos ? std::string_view() : rest.substr(0, end + 1);
  }
  end = rest.find_first_of(",}");
  return rest.substr(0, end);
}

std::uint32_t little_endian(const unsigned char* p, int n) {
  std::uint32_t v = 0;
  for (int i = n - 1; i >= 0; --i) v = (v << 8) | p[i];
  return v;
}

}  // namespace

core::Message npy_over_limit(const NpyShape& shape, std::uint64_t max_cells) {
  return core::msg("matching.limit_cells_npy", {core::count("cells", shape.cells), core::count("rows", shape.rows),
                                                core::count("cols", shape.cols), core::count("limit", max_cells)});
}

std::expected<NpyShape, core::Message> read_npy_shape(std::string_view bytes) {
  const auto* b = reinterpret_cast<const unsigned char*>(bytes.data());
  if (bytes.size() < 10 || std::memcmp(b, "\x93NUMPY", 6) != 0) {
    return std::unexpected(core::msg("matching.npy_not_npy"));
  }
  const int major = b[6];
  if (major < 1 || major > 3) {
    return std::unexpected(core::msg("matching.npy_version", {core::text("version", std::to_string(major) + "." + std::to_string(b[7]))}));
  }
  const int len_bytes = major == 1 ? 2 : 4;
  const std::size_t header_start = 8 + static_cast<std::size_t>(len_bytes);
  if (bytes.size() < header_start) return std::unexpected(core::msg("matching.npy_header_short"));
  const std::size_t header_len = little_endian(b + 8, len_bytes);
  if (bytes.size() < header_start + header_len) return std::unexpected(core::msg("matching.npy_header_short"));
  const std::string_view header = bytes.substr(header_start, header_len);

  const std::string_view descr = dict_value(header, "descr");
  std::size_t item = 0;
  if (descr == "'<f8'" || descr == "'=f8'") {
    item = 8;
  } else if (descr == "'<f4'" || descr == "'=f4'") {
    item = 4;
  } else {
    return std::unexpected(descr.empty() ? core::msg("matching.npy_type_unknown")
                                         : core::msg("matching.npy_type", {core::text("type", std::string(descr))}));
  }
  if (dict_value(header, "fortran_order") != "False") {
    return std::unexpected(core::msg("matching.npy_fortran"));
  }
  const std::string_view shape = dict_value(header, "shape");
  std::int64_t dims[2] = {-1, -1};
  int count = 0;
  {
    std::int64_t v = -1;
    for (char c : shape) {
      if (c >= '0' && c <= '9') {
        v = (v < 0 ? 0 : v) * 10 + (c - '0');
        if (v > (std::int64_t{1} << 40)) return std::unexpected(core::msg("matching.npy_shape_large"));
      } else if (c == ',' || c == ')') {
        if (v >= 0) {
          if (count < 2) dims[count] = v;
          ++count;
        }
        v = -1;
      }
    }
  }
  if (count != 2) {
    return std::unexpected(core::msg("matching.npy_shape", {core::text("shape", std::string(shape))}));
  }
  NpyShape m;
  m.rows = dims[0];
  m.cols = dims[1];
  m.item = item;
  // Each size is at most 2^40, but their product, or its bytes, can wrap around 64 bits and
  // pass for the size of a small file: (2^32, 2^32) would read as a matrix of no cells.
  const auto rows = static_cast<std::size_t>(m.rows);
  const auto cols = static_cast<std::size_t>(m.cols);
  if (rows != 0 && cols > std::numeric_limits<std::size_t>::max() / item / rows) {
    return std::unexpected(core::msg("matching.npy_shape_large"));
  }
  m.cells = rows * cols;
  m.data_start = header_start + header_len;
  return m;
}

std::expected<NpyMatrix, core::Message> read_npy(std::string_view bytes, std::uint64_t max_cells) {
  const auto shape = read_npy_shape(bytes);
  if (!shape) return std::unexpected(shape.error());
  if (max_cells != 0 && shape->cells > max_cells) return std::unexpected(npy_over_limit(*shape, max_cells));
  NpyMatrix m;
  m.rows = shape->rows;
  m.cols = shape->cols;
  const std::size_t item = shape->item;
  const std::size_t cells = shape->cells;
  const std::size_t data_start = shape->data_start;
  if (bytes.size() - data_start != cells * item) {
    return std::unexpected(core::msg("matching.npy_size", {core::count("bytes", bytes.size() - data_start),
                                                           core::count("rows", m.rows), core::count("cols", m.cols),
                                                           core::count("needed", cells * item)}));
  }
  static_assert(std::endian::native == std::endian::little, "read_npy assumes a little-endian host");
  m.cells.resize(cells);
  const char* data = bytes.data() + data_start;
  if (cells == 0) return m;  // an empty vector's data() may be null, which memcpy may not take
  if (item == 8) {
    std::memcpy(m.cells.data(), data, cells * 8);
  } else {
    for (std::size_t i = 0; i < cells; ++i) {
      float f;
      std::memcpy(&f, data + i * 4, 4);
      m.cells[i] = static_cast<double>(f);
    }
  }
  return m;
}

}  // namespace binome::io
