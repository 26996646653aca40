// Rules for what a user may choose as email and password (NIST SP 800-63B: length, not
// composition rules).
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

#include "core/message.hpp"

namespace binome::core {

inline constexpr std::size_t kMinPasswordLength = 12;    // in Unicode code points
inline constexpr std::size_t kMaxPasswordBytes = 1024;   // bounds the hashing work

// A message for the user when `password` is not acceptable, nothing when it is.
// Length counts code points, so "é" counts once; the caller has checked UTF-8 validity.
std::optional<Message> password_problem(std::string_view password);

// Trims surrounding spaces and lower-cases ASCII letters: emails are compared that way.
std::string normalize_email(std::string_view email);

// True for a plausible address: one '@', a non-empty local part, a dotted domain, no spaces,
// at most 254 characters. Deliverability is not our business here.
bool is_valid_email(std::string_view normalized_email);

}  // namespace binome::core
