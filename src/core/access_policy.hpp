// The access policy: who may do what to which resource. A pure function, so that the whole
// matrix of roles x actions can be tested, and every endpoint asks the same question.
#pragma once

#include <array>
#include <cstdint>
#include <string_view>

#include "core/roles.hpp"

namespace binome::core {

enum class Action : std::uint8_t {
  kReadOwnAccount,   // GET /auth/me
  kListUsers,
  kReadUser,
  kCreateUser,
  kUpdateUser,       // name, roles, active flag
  kSetPassword,
  kReadAudit,
  kManageTokens,     // API tokens for integrations
  kReadMetrics,      // GET /metrics
  kReadDirectory,    // the employee directory
  kImportEmployees,  // HR imports
  kManageGradeScale,
  kRunMatching,      // solve a matching problem
};

inline constexpr std::array<Action, 13> kAllActions = {
    Action::kReadOwnAccount, Action::kListUsers,       Action::kReadUser,
    Action::kCreateUser,     Action::kUpdateUser,      Action::kSetPassword,
    Action::kReadAudit,      Action::kManageTokens,    Action::kReadMetrics,
    Action::kReadDirectory,  Action::kImportEmployees, Action::kManageGradeScale,
    Action::kRunMatching};

std::string_view action_name(Action action);

// Who is asking. An inactive account may do nothing.
struct Principal {
  std::int64_t user_id = 0;
  RoleSet roles;
  bool active = true;
};

// The resource an action applies to; owner_id is the user the resource belongs to (0 if none).
struct ResourceRef {
  std::int64_t owner_id = 0;
};

// True when `who` may perform `what` on `on`. Rules:
// - inactive principals may do nothing;
// - every active user may read their own account and set their own password;
// - user management, API tokens, metrics, the audit log, the employee directory and
//   matching belong to admins (program managers).
bool is_allowed(const Principal& who, Action what, const ResourceRef& on = {});

}  // namespace binome::core
