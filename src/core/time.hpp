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
// Accepts "YYYY-MM-DD" (midnight UTC) and "YYYY-MM-DDTHH:MM:SS[.f…]" followed by "Z" or an
// offset "±HH:MM" / "±HHMM" (at most ±14:59); digits beyond milliseconds are dropped.
std::optional<Millis> parse_iso8601(std::string_view text);

// The calendar year (UTC) of an instant.
int year_of(Millis at);

}  // namespace binome::core
