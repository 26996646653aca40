// The demo data set: deterministic, so every `make run` shows the same thing.
#pragma once

#include <string>
#include <vector>

#include "app/accounts.hpp"

namespace binome::app {

struct DemoLogin {
  std::string role;
  std::string email;
  std::string password;
};

inline constexpr const char* kDemoPassword = "demo-password-2026";

// Creates the demo accounts that are missing (one per role) and returns every demo login.
std::vector<DemoLogin> create_demo(const Accounts& accounts, const Caller& who);

}  // namespace binome::app
