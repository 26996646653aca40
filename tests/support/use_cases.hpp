// What the use-case tests share: the instant their clocks start at, and a result's error kind.
#pragma once

#include <optional>

#include "core/error.hpp"
#include "core/time.hpp"

namespace binome::testing {

inline constexpr core::Millis kStart = 1'800'000'000'000;  // January 2027

// The error kind of a failed result, nothing for a success (so a test never reads error() of a
// success).
template <typename T>
std::optional<core::ErrorKind> error_kind(const core::Result<T>& r) {
  if (r) return std::nullopt;
  return r.error().kind();
}

}  // namespace binome::testing
