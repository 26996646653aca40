// The program manager's home: who has an account, how large the directory is, and the last HR
// import, in one call. Later capabilities add their programs and next steps here.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>

#include "app/audit.hpp"
#include "app/caller.hpp"
#include "core/error.hpp"
#include "core/roles.hpp"
#include "core/time.hpp"

namespace binome::store {
class Database;
}

namespace binome::app {

struct LastImport {
  core::Millis at = 0;
  std::string actor;
  std::optional<std::string> actor_name;
  std::int64_t created = 0;
  std::int64_t updated = 0;
  std::int64_t unchanged = 0;
  std::int64_t deactivated = 0;
};

struct Overview {
  std::int64_t users = 0;
  std::int64_t active_users = 0;
  std::array<std::int64_t, core::kAllRoles.size()> users_by_role{};  // active accounts, in kAllRoles' order
  std::int64_t employees = 0;
  std::int64_t active_employees = 0;
  std::optional<LastImport> last_import;
};

class Overviews {
 public:
  Overviews(store::Database& db, const AuditLog& audit) : db_(db), audit_(audit) {}
  core::Result<Overview> get(const Caller& who) const;

 private:
  store::Database& db_;
  const AuditLog& audit_;
};

}  // namespace binome::app
