// Text at the edge: checking that input is UTF-8 before it enters the system, and converting
// Windows-1252 (what French Excel often writes) to UTF-8.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace binome::io {

// The byte offset of the first invalid UTF-8 sequence, or nothing when `text` is valid.
// Rejects overlong forms, surrogates and code points above U+10FFFF.
std::optional<std::size_t> first_invalid_utf8(std::string_view text);
inline bool is_valid_utf8(std::string_view text) { return !first_invalid_utf8(text); }

// Windows-1252 to UTF-8. Bytes 0x81, 0x8D, 0x8F, 0x90 and 0x9D are undefined in
// Windows-1252 and map to the C1 control of the same number, as WHATWG's decoder does.
std::string windows1252_to_utf8(std::string_view text);

// Appends a code point of the Basic Multilingual Plane (up to U+FFFF, not a surrogate) as UTF-8.
void append_utf8(std::string& out, std::uint32_t code_point);

}  // namespace binome::io
