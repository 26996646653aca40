#include "core/text.hpp"

#include <fmt/format.h>

#include <array>
#include <cstdint>

namespace binome::core {

namespace {
// Folded forms of U+00C0..U+017F, in order (generated from Unicode decompositions; the
// letters without one, such as æ, œ, ø, ł, ß, spelt as a French reader would).
constexpr std::array<const char*, 0xC0> kLatinFold = {
    "a", "a", "a", "a", "a", "a", "ae", "c", "e", "e", "e", "e", "i", "i", "i", "i", "d", "n", "o", "o", "o", "o", "o", "×", "o", "u", "u", "u", "u", "y", "th", "ss", "a", "a", "a", "a", "a", "a", "ae", "c", "e", "e", "e", "e", "i", "i", "i", "i", "d", "n", "o", "o", "o", "o", "o", "÷", "o", "u", "u", "u", "u", "y", "th", "y", "a", "a", "a", "a", "a", "a", "c", "c", "c", "c", "c", "c", "c", "c", "d", "d", "d", "d", "e", "e", "e", "e", "e", "e", "e", "e", "e", "e", "g", "g", "g", "g", "g", "g", "g", "g", "h", "h", "h", "h", "i", "i", "i", "i", "i", "i", "i", "i", "i", "i", "ij", "ij", "j", "j", "k", "k", "k", "l", "l", "l", "l", "l", "l", "l", "l", "l", "l", "n", "n", "n", "n", "n", "n", "n", "n", "n", "o", "o", "o", "o", "o", "o", "oe", "oe", "r", "r", "r", "r", "r", "r", "s", "s", "s", "s", "s", "s", "s", "s", "t", "t", "t", "t", "t", "t", "u", "u", "u", "u", "u", "u", "u", "u", "u", "u", "u", "u", "w", "w", "y", "y", "y", "z", "z", "z", "z", "z", "z", "s"};
}  // namespace

std::string fold_for_search(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size(); ++i) {
    const auto c = static_cast<unsigned char>(text[i]);
    if (c >= 'A' && c <= 'Z') {
      out += static_cast<char>(c - 'A' + 'a');
      continue;
    }
    if (c == 0xC2 && i + 1 < text.size() && static_cast<unsigned char>(text[i + 1]) == 0xA0) {
      out += ' ';  // a no-break space, as spreadsheets leave after headers
      ++i;
      continue;
    }
    // Combining accents (U+0300..U+036F, as macOS writes "é" decomposed) are dropped.
    if ((c == 0xCC || (c == 0xCD && i + 1 < text.size() && static_cast<unsigned char>(text[i + 1]) <= 0xAF)) &&
        i + 1 < text.size() && (static_cast<unsigned char>(text[i + 1]) & 0xC0) == 0x80) {
      ++i;
      continue;
    }
    if ((c == 0xC3 || c == 0xC4 || c == 0xC5) && i + 1 < text.size()) {
      const auto c2 = static_cast<unsigned char>(text[i + 1]);
      const unsigned cp = ((c & 0x1FU) << 6) | (c2 & 0x3FU);
      if ((c2 & 0xC0) == 0x80 && cp >= 0xC0 && cp < 0x180) {
        out += kLatinFold[cp - 0xC0];
        ++i;
        continue;
      }
    }
    out += static_cast<char>(c);
  }
  return out;
}

std::optional<char32_t> find_control_character(std::string_view text, bool line_breaks) {
  for (std::size_t k = 0; k < text.size(); ++k) {
    const auto c = static_cast<unsigned char>(text[k]);
    if (c < 0x20 || c == 0x7F) {
      if (line_breaks && (c == '\t' || c == '\n' || c == '\r')) continue;
      return static_cast<char32_t>(c);
    }
    // C1 controls are U+0080..U+009F: 0xC2 followed by 0x80..0x9F in UTF-8.
    if (c == 0xC2 && k + 1 < text.size()) {
      const auto next = static_cast<unsigned char>(text[k + 1]);
      if (next >= 0x80 && next <= 0x9F) return static_cast<char32_t>(next);
    }
  }
  return std::nullopt;
}

Message control_character_message(char32_t code_point) {
  return msg("error.control_character", {text("code", fmt::format("U+{:04X}", static_cast<std::uint32_t>(code_point)))});
}

void check_text_field(std::vector<ErrorDetail>& problems, std::string field, std::string_view value, bool required,
                      std::size_t max_bytes, bool multiline) {
  const auto add = [&](Message m) { problems.push_back({std::move(field), std::move(m), 0, {}}); };
  if (required && value.find_first_not_of(" \t\r\n") == std::string_view::npos) {
    add(msg("error.required"));
  } else if (value.size() > max_bytes) {
    add(msg("error.too_long", {count("max", static_cast<std::int64_t>(max_bytes))}));
  } else if (const auto c = find_control_character(value, multiline)) {
    add(control_character_message(*c));
  }
}

}  // namespace binome::core
