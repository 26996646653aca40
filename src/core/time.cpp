#include "core/time.hpp"

#include <date/date.h>
#include <fmt/format.h>

#include <chrono>

namespace binome::core {

using std::chrono::milliseconds;
using sys_ms = std::chrono::time_point<std::chrono::system_clock, milliseconds>;

std::string format_iso8601(Millis at) {
  // date::format goes through an ostringstream (a locale, an ios_base) on every call: ~30 times
  // the cost of the arithmetic, and lists render one per row. Same text for years 0..9999.
  const sys_ms t{milliseconds{at}};
  const auto day = date::floor<date::days>(t);
  const date::year_month_day ymd{day};
  const int year = static_cast<int>(ymd.year());
  if (year < 0 || year > 9999) return date::format("%FT%TZ", t);
  const std::int64_t ms = (t - day).count();
  char out[32];
  const auto n = fmt::format_to_n(out, sizeof out, "{:04}-{:02}-{:02}T{:02}:{:02}:{:02}.{:03}Z", year,
                                  static_cast<unsigned>(ymd.month()), static_cast<unsigned>(ymd.day()),
                                  ms / 3600000, ms / 60000 % 60, ms / 1000 % 60, ms % 1000);
  return std::string(out, n.size);
}

int year_of(Millis at) {
  const auto day = date::floor<date::days>(sys_ms{milliseconds{at}});
  return static_cast<int>(date::year_month_day{day}.year());
}

namespace {

// Reads exactly `n` digits at `pos`.
std::optional<int> digits(std::string_view s, std::size_t& pos, std::size_t n) {
  if (pos + n > s.size()) return std::nullopt;
  int v = 0;
  for (std::size_t i = 0; i < n; ++i) {
    const char c = s[pos + i];
    if (c < '0' || c > '9') return std::nullopt;
    v = v * 10 + (c - '0');
  }
  pos += n;
  return v;
}

bool expect(std::string_view s, std::size_t& pos, char c) {
  if (pos >= s.size() || s[pos] != c) return false;
  ++pos;
  return true;
}

}  // namespace

std::optional<Millis> parse_iso8601(std::string_view s) {
  std::size_t pos = 0;
  const auto y = digits(s, pos, 4);
  if (!y || !expect(s, pos, '-')) return std::nullopt;
  const auto mo = digits(s, pos, 2);
  if (!mo || !expect(s, pos, '-')) return std::nullopt;
  const auto d = digits(s, pos, 2);
  if (!d) return std::nullopt;
  const date::year_month_day ymd{date::year{*y}, date::month{static_cast<unsigned>(*mo)},
                                 date::day{static_cast<unsigned>(*d)}};
  if (!ymd.ok()) return std::nullopt;
  Millis at = std::chrono::duration_cast<milliseconds>(date::sys_days{ymd}.time_since_epoch()).count();
  if (pos == s.size()) return at;

  if (!expect(s, pos, 'T')) return std::nullopt;
  const auto h = digits(s, pos, 2);
  if (!h || *h > 23 || !expect(s, pos, ':')) return std::nullopt;
  const auto mi = digits(s, pos, 2);
  if (!mi || *mi > 59 || !expect(s, pos, ':')) return std::nullopt;
  const auto sec = digits(s, pos, 2);
  if (!sec || *sec > 59) return std::nullopt;
  at += ((*h * 60LL + *mi) * 60 + *sec) * 1000;
  if (pos < s.size() && s[pos] == '.') {
    ++pos;
    const std::size_t start = pos;
    int ms = 0;
    while (pos < s.size() && s[pos] >= '0' && s[pos] <= '9') {
      if (pos - start < 3) ms = ms * 10 + (s[pos] - '0');  // finer digits are dropped
      ++pos;
    }
    const std::size_t n = pos - start;
    if (n == 0 || n > 9) return std::nullopt;
    for (std::size_t i = n; i < 3; ++i) ms *= 10;
    at += ms;
  }
  if (expect(s, pos, 'Z')) return pos == s.size() ? std::optional<Millis>(at) : std::nullopt;
  if (pos >= s.size() || (s[pos] != '+' && s[pos] != '-')) return std::nullopt;
  const int sign = s[pos++] == '+' ? 1 : -1;
  const auto oh = digits(s, pos, 2);
  if (!oh) return std::nullopt;
  if (pos < s.size() && s[pos] == ':') ++pos;
  const auto om = digits(s, pos, 2);
  if (!om || *oh > 14 || *om > 59 || pos != s.size()) return std::nullopt;
  return at - sign * (*oh * 60LL + *om) * 60 * 1000;
}

}  // namespace binome::core
