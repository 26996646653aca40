#include "http/static_files.hpp"

#include <fstream>
#include <map>
#include <sstream>

namespace binome::http {

namespace fs = std::filesystem;

namespace {

std::string_view content_type(const fs::path& p) {
  static const std::map<std::string, std::string_view, std::less<>> kTypes = {
      {".html", "text/html; charset=utf-8"},
      {".js", "text/javascript; charset=utf-8"},
      {".mjs", "text/javascript; charset=utf-8"},
      {".css", "text/css; charset=utf-8"},
      {".json", "application/json"},
      {".map", "application/json"},
      {".svg", "image/svg+xml"},
      {".png", "image/png"},
      {".jpg", "image/jpeg"},
      {".jpeg", "image/jpeg"},
      {".gif", "image/gif"},
      {".webp", "image/webp"},
      {".ico", "image/x-icon"},
      {".woff", "font/woff"},
      {".woff2", "font/woff2"},
      {".txt", "text/plain; charset=utf-8"},
      {".webmanifest", "application/manifest+json"},
  };
  auto it = kTypes.find(p.extension().string());
  return it == kTypes.end() ? std::string_view("application/octet-stream") : it->second;
}

std::optional<std::string> read_file(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  if (!in) return std::nullopt;
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

}  // namespace

std::optional<std::string> percent_decode(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s[i] != '%') {
      out += s[i];
      continue;
    }
    if (i + 2 >= s.size()) return std::nullopt;
    auto hex = [](char c) -> int {
      if (c >= '0' && c <= '9') return c - '0';
      if (c >= 'a' && c <= 'f') return c - 'a' + 10;
      if (c >= 'A' && c <= 'F') return c - 'A' + 10;
      return -1;
    };
    const int hi = hex(s[i + 1]);
    const int lo = hex(s[i + 2]);
    if (hi < 0 || lo < 0 || (hi == 0 && lo == 0)) return std::nullopt;
    out += static_cast<char>(hi * 16 + lo);
    i += 2;
  }
  return out;
}

StaticFiles::StaticFiles(fs::path root) {
  if (!root.empty()) {
    std::error_code ec;
    root_ = fs::canonical(root, ec);
    if (ec) root_.clear();
  }
}

std::optional<Response> StaticFiles::serve(std::string_view path, bool head, bool navigation) const {
  if (root_.empty() || path.empty() || path[0] != '/') return std::nullopt;
  // Refuse any ".." segment before touching the file system; then check the resolved path
  // against the root too, in case a symbolic link points outside. A hidden file or folder
  // (".env", ".git/") is no part of a built application: never served, whatever it holds.
  fs::path rel = fs::path(std::string(path.substr(1))).lexically_normal();
  for (const auto& part : rel) {
    if (part == ".." || part.string().starts_with('.')) return std::nullopt;
  }
  fs::path target = root_ / rel;
  std::error_code ec;
  bool spa_fallback = false;
  if (path == "/" || !fs::is_regular_file(target, ec)) {
    // A client-side route ("/users") gets index.html; a missing asset ("/x.js") a 404.
    if (path.starts_with("/assets/") || (rel.has_extension() && !navigation)) return std::nullopt;
    target = root_ / "index.html";
    spa_fallback = true;
  }
  const fs::path real = fs::canonical(target, ec);
  if (ec) return std::nullopt;
  const auto [root_end, _] = std::mismatch(root_.begin(), root_.end(), real.begin(), real.end());
  if (root_end != root_.end()) return std::nullopt;
  auto body = read_file(real);
  if (!body) return std::nullopt;

  Response res{beast_http::status::ok, 11};
  res.set(beast_http::field::content_type, content_type(real));
  const bool hashed_asset = !spa_fallback && path.starts_with("/assets/");
  res.set(beast_http::field::cache_control,
          hashed_asset ? "public, max-age=31536000, immutable" : "no-cache");
  if (head) {
    res.content_length(body->size());
  } else {
    res.body() = std::move(*body);
  }
  return res;
}

}  // namespace binome::http
