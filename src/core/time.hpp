// Instants as the product shows and reads them: ISO 8601 in UTC ("2026-11-27T15:04:05.123Z").
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace binome::core {

// Milliseconds since the Unix epoch, UTC: how every instant is stored.
using Millis = std::int64_t;

std::string format_iso8601(Millis at);
// Accepts "YYYY-MM-DD", "YYYY-MM-DDTHH:MM:SS[.fff]Z" and "...+HH:MM" offsets.
std::optional<Millis> parse_iso8601(std::string_view text);

}  // namespace binome::core
