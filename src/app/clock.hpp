// Time for the use cases comes from here, so tests can set it.
#pragma once

#include <atomic>
#include <chrono>

#include "core/time.hpp"

namespace binome::app {

class Clock {
 public:
  virtual ~Clock() = default;
  virtual core::Millis now() const = 0;
};

class SystemClock final : public Clock {
 public:
  core::Millis now() const override {
    return std::chrono::duration_cast<std::chrono::milliseconds>(
               std::chrono::system_clock::now().time_since_epoch())
        .count();
  }
};

// A clock that only moves when told to (tests).
class ManualClock final : public Clock {
 public:
  explicit ManualClock(core::Millis start) : now_(start) {}
  core::Millis now() const override { return now_.load(); }
  void advance(core::Millis by) { now_ += by; }

 private:
  std::atomic<core::Millis> now_;
};

}  // namespace binome::app
