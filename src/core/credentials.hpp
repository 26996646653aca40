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

// True for a password found in the first guesses of an attacker (ASVS 2.1.7): three distinct
// characters or fewer, no letter, a keyboard or alphabet walk, or one of the most common
// passwords' words padded with digits and symbols ("Password1234!", "Azerty2026", "m0tdepasse").
bool is_easily_guessed(std::string_view password);

// A message for the user when `password` is not acceptable, nothing when it is.
// Length counts code points, so "é" counts once; the caller has checked UTF-8 validity.
std::optional<Message> password_problem(std::string_view password);

// Trims surrounding spaces and lower-cases ASCII letters: emails are compared that way.
std::string normalize_email(std::string_view email);

// True for a plausible address: one '@', a non-empty local part, a dotted domain, no spaces,
// at most 254 characters. Deliverability is not our business here.
bool is_valid_email(std::string_view normalized_email);

}  // namespace binome::core
