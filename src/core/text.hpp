// Text folding for search and header matching: "Élodie" and "elodie" are the same to a user.
#pragma once

#include <string>
#include <string_view>

namespace binome::core {

// Lower-cases and removes the accents of Latin letters (U+00C0..U+017F: é→e, Ç→c, œ→oe,
// ß→ss), drops combining accents (a decomposed "é" becomes "e") and turns a no-break space
// into a space; other characters are kept as they are. Expects UTF-8.
std::string fold_for_search(std::string_view text);

}  // namespace binome::core
