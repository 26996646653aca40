#include "core/access_policy.hpp"

namespace binome::core {

std::string_view action_name(Action action) {
  switch (action) {
    case Action::kReadOwnAccount: return "read_own_account";
    case Action::kListUsers: return "list_users";
    case Action::kReadUser: return "read_user";
    case Action::kCreateUser: return "create_user";
    case Action::kUpdateUser: return "update_user";
    case Action::kSetPassword: return "set_password";
    case Action::kReadAudit: return "read_audit";
    case Action::kManageTokens: return "manage_tokens";
    case Action::kReadMetrics: return "read_metrics";
    case Action::kReadDirectory: return "read_directory";
    case Action::kImportEmployees: return "import_employees";
    case Action::kManageGradeScale: return "manage_grade_scale";
    case Action::kRunMatching: return "run_matching";
  }
  return "unknown";
}

bool is_allowed(const Principal& who, Action what, const ResourceRef& on) {
  if (!who.active || who.user_id <= 0) return false;
  const bool admin = who.roles.has(Role::kAdmin);
  const bool own = on.owner_id == who.user_id;
  switch (what) {
    case Action::kReadOwnAccount: return own || admin;
    case Action::kSetPassword: return own || admin;
    case Action::kListUsers:
    case Action::kReadUser:
    case Action::kCreateUser:
    case Action::kUpdateUser:
    case Action::kReadAudit:
    case Action::kManageTokens:
    case Action::kReadMetrics:
    case Action::kReadDirectory:
    case Action::kImportEmployees:
    case Action::kManageGradeScale:
    case Action::kRunMatching: return admin;
  }
  return false;
}

}  // namespace binome::core
