// An account of the application: a person who logs in, with one or more roles.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "core/page.hpp"
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
  // The HR id of the directory's employee the account belongs to (the one with the same email
  // when the account was made or the employee imported), kept when an import changes the
  // employee's email.
  std::optional<std::string> employee_id;
  // False until the person has set a password through the activation link.
  bool activated = true;
};

// Which users to list.
struct UserQuery {
  std::string text;  // in the name or email; accents and case ignored
  std::optional<Role> role;
  std::optional<bool> active;
  PageRange page;
};

// An API token for an integration (never its secret).
struct ApiToken {
  std::int64_t id = 0;
  std::int64_t user_id = 0;
  std::string user_email;
  std::string name;
  Millis created_at = 0;
  std::optional<Millis> last_used_at;
  std::optional<Millis> revoked_at;
};

}  // namespace binome::core
