#include "core/session_policy.hpp"

#include <algorithm>

namespace binome::core {

bool session_expired(const SessionLimits& limits, Millis created, Millis last_seen, Millis now) {
  return now - last_seen >= limits.idle || now - created >= limits.absolute;
}

ThrottleDecision login_throttle(const ThrottleLimits& limits, Millis now, int account_failures,
                                Millis oldest_account_failure, int client_failures,
                                Millis oldest_client_failure) {
  ThrottleDecision d;
  auto block_until_window_frees = [&](Millis oldest) {
    d.allowed = false;
    d.retry_after = std::max(d.retry_after, std::max<Millis>(1000, oldest + limits.window - now));
  };
  if (account_failures >= limits.per_account) block_until_window_frees(oldest_account_failure);
  if (client_failures >= limits.per_client) block_until_window_frees(oldest_client_failure);
  return d;
}

}  // namespace binome::core
