// A text file compiled into the binary (see cmake/embed_files.cmake).
#pragma once

#include <span>
#include <string_view>

namespace binome {

struct EmbeddedFile {
  std::string_view name;     // path relative to its folder, e.g. "sqlite/0001_foundation.sql"
  std::string_view content;
};

}  // namespace binome
