// Who is asking, and from where: a logged-in user over the API, or an operator at the
// command line (who has the database in hand and so may do anything).
#pragma once

#include <string>

#include "core/access_policy.hpp"

namespace binome::app {

struct Caller {
  bool system = false;         // the command line
  core::Principal principal;   // for users
  std::string name;            // the user's email, or "system:<os user>"
  std::string source = "api";  // "api" or "cli"
  std::string client;          // client IP address, or "local"

  static Caller operator_at_cli(const std::string& os_user) {
    return Caller{true, {}, "system:" + os_user, "cli", "local"};
  }
  static Caller anonymous(const std::string& client_address) {
    return Caller{false, {}, "anonymous", "api", client_address};
  }
};

}  // namespace binome::app
