// Serves the built web application: correct content types, long caching for Vite's hashed
// assets, index.html for client-side routes, and never a file outside the folder.
#pragma once

#include <filesystem>
#include <optional>
#include <string_view>

#include "http/server.hpp"

namespace binome::http {

class StaticFiles {
 public:
  // An empty root serves nothing (API-only).
  explicit StaticFiles(std::filesystem::path root);
  // The response for a GET or HEAD of `path` (already percent-decoded), or nothing when the
  // path is not the web application's. `navigation`: the browser asks for a page (its Accept
  // header has text/html), so a client-side route such as /directory/J.DUPONT gets index.html
  // even though it looks like a file name.
  std::optional<Response> serve(std::string_view path, bool head, bool navigation = false) const;

 private:
  std::filesystem::path root_;
};

// "%41" → "A". Nothing when the encoding is malformed or decodes to a NUL byte.
std::optional<std::string> percent_decode(std::string_view s);

}  // namespace binome::http
