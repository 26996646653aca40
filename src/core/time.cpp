#include "core/time.hpp"

#include <date/date.h>

#include <chrono>
#include <sstream>

namespace binome::core {

using std::chrono::milliseconds;
using sys_ms = std::chrono::time_point<std::chrono::system_clock, milliseconds>;

std::string format_iso8601(Millis at) {
  return date::format("%FT%TZ", sys_ms{milliseconds{at}});
}

std::optional<Millis> parse_iso8601(std::string_view text) {
  const std::string s(text);
  for (const char* fmt : {"%FT%TZ", "%FT%T%Ez", "%FT%T%z", "%F"}) {
    std::istringstream in(s);
    sys_ms tp;
    in >> date::parse(fmt, tp);
    if (!in.fail() && in.peek() == std::char_traits<char>::eof()) {
      return tp.time_since_epoch().count();
    }
  }
  return std::nullopt;
}

}  // namespace binome::core
