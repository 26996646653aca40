#include "core/credentials.hpp"

#include <algorithm>
#include <cctype>

namespace binome::core {

namespace {
std::size_t code_points(std::string_view s) {
  // Continuation bytes are 10xxxxxx; every other byte starts a code point.
  return static_cast<std::size_t>(std::count_if(s.begin(), s.end(), [](char c) {
    return (static_cast<unsigned char>(c) & 0xC0U) != 0x80U;
  }));
}
}  // namespace

std::optional<Message> password_problem(std::string_view password) {
  if (password.size() > kMaxPasswordBytes) {
    return msg("accounts.password_too_long", {count("max", kMaxPasswordBytes)});
  }
  if (code_points(password) < kMinPasswordLength) {
    return msg("accounts.password_too_short", {count("min", kMinPasswordLength)});
  }
  return std::nullopt;
}

std::string normalize_email(std::string_view email) {
  auto is_space = [](char c) { return std::isspace(static_cast<unsigned char>(c)) != 0; };
  while (!email.empty() && is_space(email.front())) email.remove_prefix(1);
  while (!email.empty() && is_space(email.back())) email.remove_suffix(1);
  std::string out(email);
  std::transform(out.begin(), out.end(), out.begin(), [](char c) {
    return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
  });
  return out;
}

bool is_valid_email(std::string_view e) {
  if (e.empty() || e.size() > 254) return false;
  const auto at = e.find('@');
  if (at == std::string_view::npos || at == 0 || e.find('@', at + 1) != std::string_view::npos) {
    return false;
  }
  for (char c : e) {
    const auto u = static_cast<unsigned char>(c);
    if (u <= 0x20 || u == 0x7F || c == '<' || c == '>' || c == ',' || c == ';' || c == '"') {
      return false;
    }
  }
  const std::string_view domain = e.substr(at + 1);
  const auto dot = domain.find('.');
  return dot != std::string_view::npos && dot != 0 && domain.back() != '.' &&
         domain.find("..") == std::string_view::npos;
}

}  // namespace binome::core
