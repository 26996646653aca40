// Instants as the product shows and reads them: ISO 8601, UTC, milliseconds.
#include "core/time.hpp"

#include <gtest/gtest.h>
#include <rapidcheck.h>
#include <rapidcheck/gtest.h>

#include <cstdio>

namespace binome::core {
namespace {

constexpr Millis kHour = 3600 * 1000;
// 2026-11-27T15:04:05.123Z
constexpr Millis kSample = 1'795'791'845'123;

TEST(Iso8601, FormatsUtcWithMilliseconds) {
  EXPECT_EQ(format_iso8601(0), "1970-01-01T00:00:00.000Z");
  EXPECT_EQ(format_iso8601(kSample), "2026-11-27T15:04:05.123Z");
  EXPECT_EQ(format_iso8601(-1), "1969-12-31T23:59:59.999Z");
  EXPECT_EQ(format_iso8601(951'782'400'000), "2000-02-29T00:00:00.000Z");  // a leap day
}

TEST(Iso8601, ParsesUtcInstantsWithAndWithoutFraction) {
  EXPECT_EQ(parse_iso8601("2026-11-27T15:04:05.123Z"), kSample);
  EXPECT_EQ(parse_iso8601("2026-11-27T15:04:05Z"), kSample - 123);
  EXPECT_EQ(parse_iso8601("1970-01-01T00:00:00Z"), 0);
}

TEST(Iso8601, AppliesOffsets) {
  EXPECT_EQ(parse_iso8601("2026-11-27T16:04:05.123+01:00"), kSample);
  EXPECT_EQ(parse_iso8601("2026-11-27T10:34:05.123-04:30"), kSample);
  EXPECT_EQ(parse_iso8601("2026-11-27T15:04:05.123+00:00"), kSample);
  EXPECT_EQ(parse_iso8601("2026-11-27T16:04:05.123+0100"), kSample);
  // An offset can move the instant to another day.
  EXPECT_EQ(parse_iso8601("2026-11-28T01:00:00+02:00"), parse_iso8601("2026-11-27T23:00:00Z"));
}

TEST(Iso8601, ADateAloneIsMidnightUtc) {
  EXPECT_EQ(parse_iso8601("2026-11-27"), kSample - (15 * kHour + 4 * 60'000 + 5'123));
  EXPECT_EQ(parse_iso8601("1970-01-01"), 0);
  EXPECT_EQ(parse_iso8601("2024-02-29"), parse_iso8601("2024-02-29T00:00:00Z"));
}

TEST(Iso8601, RejectsGarbage) {
  for (const char* text : {"",
                           "garbage",
                           "2026",
                           "2026-11",
                           "27/11/2026",
                           "2026-13-01",
                           "2026-02-30",
                           "2025-02-29",
                           "2026-11-27T25:00:00Z",
                           "2026-11-27T15:60:00Z",
                           "2026-11-27T15:04:05",  // no zone
                           "2026-11-27T15:04Z",
                           "2026-11-27 junk",
                           "2026-11-27T15:04:05Zjunk",
                           "2026-11-27Z",
                           "2026-11-27T15:04:05.123Z ",
                           " 2026-11-27",
                           "2026-11-27t15:04:05z",
                           "T15:04:05Z",
                           "20261127"}) {
    EXPECT_FALSE(parse_iso8601(text).has_value()) << '"' << text << '"';
  }
}

// An offset's hours and minutes have ranges: "+25:00", "+12:60" and "+99:99" are refused.
TEST(Iso8601, RejectsImpossibleOffsets) {
  for (const char* text :
       {"2026-11-27T15:04:05+25:00", "2026-11-27T15:04:05+12:60", "2026-11-27T15:04:05+99:99"}) {
    EXPECT_FALSE(parse_iso8601(text).has_value()) << text;
  }
}

TEST(Iso8601, ReadsFinerFractionsAndRefusesShortFields) {
  EXPECT_EQ(parse_iso8601("2026-11-27T15:04:05.123456Z"), kSample);
  EXPECT_EQ(parse_iso8601("2026-11-27T15:04:05.1Z"), kSample - 23);
  for (const char* text : {"2026-1-2", "2026-11-27T15:04:5Z", "2026-11-27T15:04:05+1",
                           "2026-11-27T15:04:05.Z", "2026-02-30", "2026-11-27T24:00:00Z"}) {
    EXPECT_FALSE(parse_iso8601(text).has_value()) << text;
  }
}

RC_GTEST_PROP(Iso8601, FormatThenParseIsTheIdentity, ()) {
  // Years 1000 to 9999, where the text has exactly four year digits.
  const Millis at = *rc::gen::inRange<Millis>(-30'610'224'000'000, 253'402'300'800'000);
  const std::string text = format_iso8601(at);
  RC_ASSERT(text.size() == 24u);
  RC_ASSERT(parse_iso8601(text) == at);
}

RC_GTEST_PROP(Iso8601, AnOffsetDescribesTheSameInstant, ()) {
  const Millis at = *rc::gen::inRange<Millis>(0, 4'102'444'800'000);  // 1970 to 2100
  const int minutes = *rc::gen::inRange(-14 * 60, 14 * 60 + 1);
  // Write the local time for the offset, then the offset.
  std::string local = format_iso8601(at + Millis{minutes} * 60'000);
  local.pop_back();  // the 'Z'
  const int m = minutes < 0 ? -minutes : minutes;
  char offset[32];
  std::snprintf(offset, sizeof offset, "%c%02d:%02d", minutes < 0 ? '-' : '+', m / 60, m % 60);
  RC_ASSERT(parse_iso8601(local + offset) == at);
}

}  // namespace
}  // namespace binome::core
