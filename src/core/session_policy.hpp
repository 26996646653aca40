// When a login session ends, and when repeated login failures are throttled. Time is a
// parameter (milliseconds since the Unix epoch, UTC) so these rules stay pure.
#pragma once

#include "core/time.hpp"

namespace binome::core {

struct SessionLimits {
  Millis idle = 30LL * 60 * 1000;           // inactivity that ends a session
  Millis absolute = 12LL * 60 * 60 * 1000;  // a session never lives longer than this
};

// True when a session created at `created` and last used at `last_seen` has ended at `now`.
bool session_expired(const SessionLimits& limits, Millis created, Millis last_seen, Millis now);

// Refreshing last_seen on every request would turn every read into a write; once a minute is
// precise enough for a 30-minute idle limit.
inline constexpr Millis kSessionTouchInterval = 60 * 1000;

struct ThrottleLimits {
  Millis window = 15LL * 60 * 1000;
  int per_account = 5;   // failures on one account within the window
  int per_client = 20;   // failures from one client address within the window
};

struct ThrottleDecision {
  bool allowed = true;
  Millis retry_after = 0;  // how long until one more attempt is allowed
};

// `oldest_*` is the time of the oldest failure still in the window (ignored when the count is 0).
ThrottleDecision login_throttle(const ThrottleLimits& limits, Millis now, int account_failures,
                                Millis oldest_account_failure, int client_failures,
                                Millis oldest_client_failure);

}  // namespace binome::core
