// When a session ends (idle and absolute limits) and when login attempts are throttled.
#include "core/session_policy.hpp"

#include <gtest/gtest.h>
#include <rapidcheck.h>
#include <rapidcheck/gtest.h>

#include <algorithm>

namespace binome::core {
namespace {

constexpr Millis kMinute = 60 * 1000;
constexpr Millis kT0 = 1'800'000'000'000;  // 2027-01-15, any instant will do

TEST(SessionExpiry, IdleLimitEndsTheSessionExactlyAtThirtyMinutes) {
  const SessionLimits limits;
  EXPECT_EQ(limits.idle, 30 * kMinute);
  const Millis seen = kT0 + 5 * kMinute;
  EXPECT_FALSE(session_expired(limits, kT0, seen, seen));
  EXPECT_FALSE(session_expired(limits, kT0, seen, seen + 30 * kMinute - 1));
  EXPECT_TRUE(session_expired(limits, kT0, seen, seen + 30 * kMinute));
  EXPECT_TRUE(session_expired(limits, kT0, seen, seen + 31 * kMinute));
}

TEST(SessionExpiry, AbsoluteLimitEndsAnActiveSessionAtTwelveHours) {
  const SessionLimits limits;
  EXPECT_EQ(limits.absolute, 12 * 60 * kMinute);
  const Millis end = kT0 + 12 * 60 * kMinute;
  // Used a moment ago, so the idle limit is far away; only the absolute one applies.
  EXPECT_FALSE(session_expired(limits, kT0, end - 2, end - 1));
  EXPECT_TRUE(session_expired(limits, kT0, end - 1, end));
  EXPECT_TRUE(session_expired(limits, kT0, end, end));
}

TEST(SessionExpiry, CustomLimitsAreHonoured) {
  const SessionLimits limits{1000, 5000};
  EXPECT_FALSE(session_expired(limits, 0, 0, 999));
  EXPECT_TRUE(session_expired(limits, 0, 0, 1000));
  EXPECT_FALSE(session_expired(limits, 0, 4000, 4999));
  EXPECT_TRUE(session_expired(limits, 0, 4500, 5000));
}

RC_GTEST_PROP(SessionExpiry, ExpiredExactlyWhenAnyLimitIsReached, ()) {
  const SessionLimits limits{*rc::gen::inRange<Millis>(1, 100'000),
                             *rc::gen::inRange<Millis>(1, 1'000'000)};
  const Millis created = *rc::gen::inRange<Millis>(0, 1'000'000);
  const Millis last_seen = created + *rc::gen::inRange<Millis>(0, 1'000'000);
  const Millis now = last_seen + *rc::gen::inRange<Millis>(0, 1'000'000);
  const bool expired = (now - last_seen >= limits.idle) || (now - created >= limits.absolute);
  RC_ASSERT(session_expired(limits, created, last_seen, now) == expired);
}

TEST(LoginThrottle, FiveFailuresOnOneAccountBlockUntilTheOldestLeavesTheWindow) {
  const ThrottleLimits limits;
  EXPECT_EQ(limits.window, 15 * kMinute);
  EXPECT_EQ(limits.per_account, 5);
  const Millis oldest = kT0;
  const Millis now = kT0 + 4 * kMinute;
  EXPECT_TRUE(login_throttle(limits, now, 4, oldest, 4, oldest).allowed);
  const auto d = login_throttle(limits, now, 5, oldest, 5, oldest);
  EXPECT_FALSE(d.allowed);
  EXPECT_EQ(d.retry_after, 11 * kMinute);  // the oldest failure leaves the window then
}

TEST(LoginThrottle, TwentyFailuresFromOneClientBlockIt) {
  const ThrottleLimits limits;
  EXPECT_EQ(limits.per_client, 20);
  const Millis now = kT0 + 10 * kMinute;
  // A client trying many accounts, none of them reaching the per-account limit.
  EXPECT_TRUE(login_throttle(limits, now, 0, 0, 19, kT0).allowed);
  const auto d = login_throttle(limits, now, 0, 0, 20, kT0);
  EXPECT_FALSE(d.allowed);
  EXPECT_EQ(d.retry_after, 5 * kMinute);
}

TEST(LoginThrottle, WhenBothLimitsAreReachedTheLongerWaitWins) {
  const ThrottleLimits limits;
  const Millis now = kT0 + 10 * kMinute;
  const auto d = login_throttle(limits, now, 5, kT0 + 8 * kMinute, 20, kT0 + 2 * kMinute);
  EXPECT_FALSE(d.allowed);
  EXPECT_EQ(d.retry_after, 13 * kMinute);  // account: 13 min; client: 7 min
  const auto e = login_throttle(limits, now, 5, kT0 + 1 * kMinute, 20, kT0 + 3 * kMinute);
  EXPECT_EQ(e.retry_after, 8 * kMinute);
}

TEST(LoginThrottle, RetryAfterIsAtLeastOneSecond) {
  const ThrottleLimits limits;
  // The oldest failure is about to leave (or has just left) the window.
  EXPECT_EQ(login_throttle(limits, kT0 + limits.window - 1, 5, kT0, 0, 0).retry_after, 1000);
  EXPECT_EQ(login_throttle(limits, kT0 + limits.window, 5, kT0, 0, 0).retry_after, 1000);
}

TEST(LoginThrottle, AllowedAttemptsHaveNoRetryAfter) {
  const auto d = login_throttle(ThrottleLimits{}, kT0, 0, 0, 0, 0);
  EXPECT_TRUE(d.allowed);
  EXPECT_EQ(d.retry_after, 0);
}

RC_GTEST_PROP(LoginThrottle, BlocksExactlyAtTheLimitsAndWaitsForTheWindow, ()) {
  const ThrottleLimits limits{*rc::gen::inRange<Millis>(1000, 3'600'000), *rc::gen::inRange(1, 10),
                              *rc::gen::inRange(1, 50)};
  const Millis now = kT0;
  const int account = *rc::gen::inRange(0, 60);
  const int client = *rc::gen::inRange(0, 60);
  // Failures counted are within the window: oldest is in (now - window, now].
  const Millis oldest_account = now - *rc::gen::inRange<Millis>(0, limits.window);
  const Millis oldest_client = now - *rc::gen::inRange<Millis>(0, limits.window);
  const auto d = login_throttle(limits, now, account, oldest_account, client, oldest_client);

  const bool account_blocked = account >= limits.per_account;
  const bool client_blocked = client >= limits.per_client;
  RC_ASSERT(d.allowed == !(account_blocked || client_blocked));
  Millis wait = 0;
  if (account_blocked) wait = std::max(wait, oldest_account + limits.window - now);
  if (client_blocked) wait = std::max(wait, oldest_client + limits.window - now);
  RC_ASSERT(d.retry_after == (d.allowed ? 0 : std::max<Millis>(1000, wait)));
}

}  // namespace
}  // namespace binome::core
