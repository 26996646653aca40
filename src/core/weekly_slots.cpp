#include "core/weekly_slots.hpp"

#include <date/date.h>
#include <date/tz.h>

#include <algorithm>
#include <cctype>
#include <chrono>
#include <cmath>
#include <map>

#include "core/employee_import.hpp"

namespace binome::core {

std::optional<WeeklySlot> parse_weekly_slot(std::string_view text) {
  static const std::map<std::string, std::int32_t, std::less<>> kDays = {
      {"mon", 0}, {"tue", 1}, {"wed", 2}, {"thu", 3}, {"fri", 4}, {"sat", 5}, {"sun", 6},
      {"lun", 0}, {"mar", 1}, {"mer", 2}, {"jeu", 3}, {"ven", 4}, {"sam", 5}, {"dim", 6}};
  if (text.size() != 15 || text[3] != ' ' || text[9] != '-') return std::nullopt;
  std::string day(text.substr(0, 3));
  std::transform(day.begin(), day.end(), day.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  const auto d = kDays.find(day);
  if (d == kDays.end()) return std::nullopt;
  const auto half_hour = [&](std::size_t at) -> std::optional<std::int32_t> {
    const std::string_view hhmm = text.substr(at, 5);
    if (hhmm[2] != ':' || !std::isdigit(static_cast<unsigned char>(hhmm[0])) ||
        !std::isdigit(static_cast<unsigned char>(hhmm[1]))) {
      return std::nullopt;
    }
    const int h = (hhmm[0] - '0') * 10 + (hhmm[1] - '0');
    const std::string_view mm = hhmm.substr(3);
    if ((mm != "00" && mm != "30") || h > 24 || (h == 24 && mm != "00")) return std::nullopt;
    return h * 2 + (mm == "30" ? 1 : 0);
  };
  const auto from = half_hour(4), to = half_hour(10);
  if (!from || !to || *from >= *to) return std::nullopt;
  return WeeklySlot{d->second * 48 + *from, d->second * 48 + *to};
}

std::optional<CalendarDay> parse_calendar_day(std::string_view text) {
  // The HR extracts' date parser checks the calendar (30 February is no day); the ISO form only.
  const auto iso = parse_hr_date(text);
  if (!iso || *iso != text) return std::nullopt;
  return CalendarDay{std::stoi(iso->substr(0, 4)), static_cast<unsigned>(std::stoi(iso->substr(5, 2))),
                     static_cast<unsigned>(std::stoi(iso->substr(8, 2)))};
}

std::string utc_day(std::int64_t at_ms) {
  const date::sys_days day = date::floor<date::days>(date::sys_time<std::chrono::milliseconds>(std::chrono::milliseconds(at_ms)));
  return date::format("%F", day);
}

std::optional<std::int32_t> utc_offset_in_week(const std::string& zone, CalendarDay day) {
  try {
    const date::time_zone* tz = date::locate_zone(zone);
    const date::sys_days d{date::year{day.year} / date::month{day.month} / date::day{day.day}};
    const date::sys_days monday = d - (date::weekday{d} - date::Monday);
    const auto info = tz->get_info(monday + std::chrono::hours{12});
    return static_cast<std::int32_t>(std::chrono::duration_cast<std::chrono::minutes>(info.offset).count());
  } catch (const std::exception&) {
    return std::nullopt;
  }
}

std::vector<std::int32_t> utc_half_hours(WeeklySlot slot, std::int32_t utc_offset_minutes) {
  const auto shift = static_cast<std::int32_t>(std::lround(utc_offset_minutes / 30.0));
  std::vector<std::int32_t> out;
  out.reserve(static_cast<std::size_t>(std::max(0, slot.last - slot.first)));
  for (std::int32_t h = slot.first; h < slot.last; ++h) {
    out.push_back(((h - shift) % kHalfHoursPerWeek + kHalfHoursPerWeek) % kHalfHoursPerWeek);
  }
  return out;
}

}  // namespace binome::core
