// The demo data set: deterministic, so every `make run` shows the same thing.
#pragma once

#include <string>
#include <vector>

#include "app/accounts.hpp"
#include "app/people.hpp"
#include "app/programs.hpp"

namespace binome::app {

struct DemoLogin {
  std::string role;
  std::string email;
  std::string password;
};

inline constexpr const char* kDemoPassword = "demo-password-2026";

struct DemoReport {
  std::vector<DemoLogin> logins;
  std::vector<DemoLogin> invited;  // employees whose activation link is in the outbox (no password)
  std::int64_t employees_imported = 0;  // 0 when the directory was already filled
  std::int64_t program_id = 0;          // the demo program, when this run created it
};

// Creates what is missing: one account per role, and the demo bank's directory (with its
// grade scale) through the same import a program manager uses: two years of monthly extracts
// (demo_bank_history), so that the directory has a history; and three employees invited by
// activation link, their messages waiting in the outbox; and, when there is no program yet, a
// program in draft run by the demo's program manager and sponsored by its sponsor, with its
// objectives and KPIs.
DemoReport create_demo(const Accounts& accounts, const People& people, const Programs& programs, const Caller& who);

}  // namespace binome::app
