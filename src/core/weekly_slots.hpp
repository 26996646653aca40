// Weekly availability as people write it, "mon 09:00-11:30" (English or French day names,
// times on the hour or half-hour, "24:00" allowed as an end), and its place in UTC for a given
// week: matching compares people's free time across time zones with it, and calendars will
// plan sessions in it.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace binome::core {

inline constexpr std::int32_t kHalfHoursPerWeek = 7 * 48;  // Monday 00:00 is 0

// Local half-hours of the week, [first, last).
struct WeeklySlot {
  std::int32_t first = 0;
  std::int32_t last = 0;
  bool operator==(const WeeklySlot&) const = default;
};

// Nothing when `text` is not such a slot (or ends before it starts).
std::optional<WeeklySlot> parse_weekly_slot(std::string_view text);

// A calendar day written "YYYY-MM-DD".
struct CalendarDay {
  int year = 0;
  unsigned month = 0;
  unsigned day = 0;
};
std::optional<CalendarDay> parse_calendar_day(std::string_view text);
// The day of an instant (milliseconds since the epoch), in UTC, as "YYYY-MM-DD".
std::string utc_day(std::int64_t at_ms);

// The zone's UTC offset, in minutes, at noon UTC on the Monday of the week of `day` (a whole
// week is placed with one offset: the week a program looks at); nothing for an unknown zone.
std::optional<std::int32_t> utc_offset_in_week(const std::string& zone, CalendarDay day);

// The slot's half-hours in UTC, around the week: the local ones minus the offset, rounded to
// the half-hour (zones at :45 are placed on the nearest half-hour).
std::vector<std::int32_t> utc_half_hours(WeeklySlot slot, std::int32_t utc_offset_minutes);

}  // namespace binome::core
