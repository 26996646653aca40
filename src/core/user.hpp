// An account of the application: a person who logs in, with one or more roles.
#pragma once

#include <cstdint>
#include <string>

#include "core/roles.hpp"
#include "core/time.hpp"

namespace binome::core {

struct User {
  std::int64_t id = 0;
  std::string email;  // normalised (see credentials.hpp)
  std::string name;
  RoleSet roles;
  bool active = true;
  Millis created_at = 0;
};

}  // namespace binome::core
