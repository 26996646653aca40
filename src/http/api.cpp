#include "http/api.hpp"

#include <charconv>

#include "core/time.hpp"

namespace binome::http {

core::Error invalid_parameter(const std::string& name, core::Message problem) {
  return core::Error{core::ErrorCode::kInvalidParameter,
                     core::msg("error.parameter", {core::quoted("name", name), core::nested("problem", problem)}),
                     {{name, std::move(problem)}},
                     0};
}

core::Result<std::int64_t> int_param(const Query& q, const std::string& name, std::int64_t fallback,
                                     std::int64_t lo, std::int64_t hi) {
  auto it = q.find(name);
  if (it == q.end() || it->second.empty()) return fallback;
  std::int64_t v = 0;
  const auto& s = it->second;
  auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (ec != std::errc() || p != s.data() + s.size() || v < lo || v > hi) {
    return std::unexpected(invalid_parameter(
        name, core::msg("error.parameter_integer", {core::text("min", std::to_string(lo)),
                                                    core::text("max", std::to_string(hi))})));
  }
  return v;
}

core::Result<std::optional<bool>> bool_param(const Query& q, const std::string& name) {
  const std::string v = query_value(q, name);
  if (v.empty()) return std::optional<bool>{};
  if (v != "true" && v != "false") {
    return std::unexpected(invalid_parameter(name, core::msg("error.parameter_boolean")));
  }
  return std::optional<bool>{v == "true"};
}

core::Result<core::PageRange> page_param(const Query& q) {
  auto page = int_param(q, "page", 1, 1, 1'000'000);
  if (!page) return std::unexpected(page.error());
  auto size = int_param(q, "page_size", 50, 1, 200);
  if (!size) return std::unexpected(size.error());
  return core::PageRange{(*page - 1) * *size, *size};
}

core::Result<std::optional<core::Millis>> instant_param(const Query& q, const std::string& name) {
  const std::string v = query_value(q, name);
  if (v.empty()) return std::optional<core::Millis>{};
  auto at = core::parse_iso8601(v);
  if (!at) return std::unexpected(invalid_parameter(name, core::msg("error.parameter_instant")));
  return std::optional<core::Millis>{*at};
}

std::string query_value(const Query& q, const std::string& name) {
  auto it = q.find(name);
  return it == q.end() ? std::string() : it->second;
}

core::Result<std::int64_t> path_id(const ApiRequest& r, const char* name, core::Message not_found) {
  const std::string& s = r.params.at(name);
  std::int64_t v = 0;
  auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (ec != std::errc() || p != s.data() + s.size() || v <= 0) {
    return core::fail(core::ErrorCode::kNotFound, std::move(not_found));
  }
  return v;
}

Reply no_content() { return Reply{204, "", "", {}}; }

}  // namespace binome::http
