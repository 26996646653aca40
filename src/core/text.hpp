// Text folding for search and header matching: "Élodie" and "elodie" are the same to a user.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.hpp"
#include "core/message.hpp"

namespace binome::core {

// Lower-cases and removes the accents of Latin letters (U+00C0..U+017F: é→e, Ç→c, œ→oe,
// ß→ss), drops combining accents (a decomposed "é" becomes "e") and turns a no-break space
// into a space; other characters are kept as they are. Expects UTF-8.
std::string fold_for_search(std::string_view text);

// The first control character of UTF-8 `text` as a code point (C0 U+0000..U+001F, DEL, C1
// U+0080..U+009F), or nothing. They are invisible, cut strings short in other systems (NUL) or
// drive terminals (ESC), so no name or imported value holds one; `line_breaks` allows tab, LF
// and CR, for a text that may span lines.
std::optional<char32_t> find_control_character(std::string_view text, bool line_breaks = false);
// "contains a control character (U+0000), invisible ...", in the reader's language.
Message control_character_message(char32_t code_point);

// Appends to `problems` what is wrong with a text a person typed into `field`, if anything:
// required and only spaces, longer than `max_bytes`, or holding a control character (line
// breaks allowed when `multiline`).
void check_text_field(std::vector<ErrorDetail>& problems, std::string field, std::string_view value, bool required,
                      std::size_t max_bytes, bool multiline = false);

}  // namespace binome::core
