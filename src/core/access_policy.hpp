// The access policy: who may do what to which resource. A pure function, so that the whole
// matrix of roles x actions can be tested, and every endpoint asks the same question.
//
// Every action is one row of kActions: its code in the audit log ("user.update"), the kind of
// resource it acts on, and its access rule. Adding an action is adding a row (and its two
// sentences to the audit catalogue, which a test checks).
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "core/roles.hpp"

namespace binome::core {

enum class Action : std::uint8_t {
  kLogin,
  kLogout,
  kReadOwnAccount,
  kListUsers,
  kReadUser,
  kCreateUser,
  kUpdateUser,  // name, roles, active flag
  kSetPassword,
  kCreateToken,  // API tokens for integrations
  kRevokeToken,
  kListTokens,
  kReadAudit,
  kExportAudit,
  kReadMetrics,
  kReadOverview,  // the program manager's home
  kListEmployees,
  kReadEmployee,
  kReadEmployeeHistory,  // the directory's history of one employee
  kImportEmployees,
  kReadGradeScale,
  kUpdateGradeScale,
  kSolveMatching,
  kRematch,
  kMigrateSchema,
  kListJobs,   // a caller's own jobs; an admin's, everyone's
  kReadJob,
  kCancelJob,
  kSendActivation,       // an account's activation link, e-mailed (again)
  kActivateAccount,      // by its link: the first password
  kRequestPasswordReset, // a reset link asked for by e-mail address
  kResetPassword,        // by its link
  kListOutbox,
  kReadMail,
  kRetryMail,
  kSendTestMail,
  kListPrograms,  // the programs a caller holds a role in; an admin's, all
  kCreateProgram,
  kReadProgram,
  kUpdateProgram,
  kChangeProgramStatus,
  kCreateEdition,  // a new edition from an earlier program
  kListProgramMembers,
  kAddProgramMember,  // name a program's manager or sponsor
  kRemoveProgramMember,
  kReadTaxonomy,
  kUpdateProgramSkills,
  kReadObjectives,  // objectives and KPIs against their targets: aggregates
  kCreateObjective,
  kUpdateObjective,
  kDeleteObjective,
  kCreateKpi,
  kUpdateKpi,
  kDeleteKpi,
  kCount
};

// What an action acts on; with an id it names one ("user:5"), without it the collection.
enum class ResourceKind : std::uint8_t {
  kSession,
  kUser,
  kToken,
  kAudit,
  kMetrics,
  kOverview,
  kEmployees,
  kEmployee,
  kGradeScale,
  kMatching,
  kDatabase,
  kJob,
  kMail,  // a message of the outbox
  kProgram,   // a program, and what belongs to it (objectives, KPIs, skills, members)
  kTaxonomy,  // the built-in skills
};

// Who may.
enum class AccessRule : std::uint8_t {
  kAnyone,       // even before logging in (logging in)
  kSignedIn,     // any active user
  kSelfOrAdmin,  // the resource's owner, or an admin
  kAdmin,        // platform admins
  kProgramManager,  // an admin, or a manager of the resource's program
  kProgramSponsor,  // also the program's sponsors (aggregates)
  kProgramMember,   // anyone with a role in the program: manager, sponsor, participant
  kCommandLine,  // no one over the API: the operator at the command line only
};

struct ActionInfo {
  Action action;
  std::string_view code;  // in the audit log; its sentences are "audit.<code>" and "audit_action.<code>"
  ResourceKind resource;
  AccessRule rule;
};

inline constexpr std::array<ActionInfo, static_cast<std::size_t>(Action::kCount)> kActions = {{
    {Action::kLogin, "auth.login", ResourceKind::kSession, AccessRule::kAnyone},
    {Action::kLogout, "auth.logout", ResourceKind::kUser, AccessRule::kSignedIn},
    {Action::kReadOwnAccount, "auth.me", ResourceKind::kUser, AccessRule::kSelfOrAdmin},
    {Action::kListUsers, "user.list", ResourceKind::kUser, AccessRule::kAdmin},
    {Action::kReadUser, "user.read", ResourceKind::kUser, AccessRule::kAdmin},
    {Action::kCreateUser, "user.create", ResourceKind::kUser, AccessRule::kAdmin},
    {Action::kUpdateUser, "user.update", ResourceKind::kUser, AccessRule::kAdmin},
    {Action::kSetPassword, "user.password", ResourceKind::kUser, AccessRule::kSelfOrAdmin},
    {Action::kCreateToken, "token.create", ResourceKind::kToken, AccessRule::kAdmin},
    {Action::kRevokeToken, "token.revoke", ResourceKind::kToken, AccessRule::kAdmin},
    {Action::kListTokens, "token.list", ResourceKind::kToken, AccessRule::kAdmin},
    {Action::kReadAudit, "audit.read", ResourceKind::kAudit, AccessRule::kAdmin},
    {Action::kExportAudit, "audit.export", ResourceKind::kAudit, AccessRule::kAdmin},
    {Action::kReadMetrics, "metrics.read", ResourceKind::kMetrics, AccessRule::kAdmin},
    {Action::kReadOverview, "overview.read", ResourceKind::kOverview, AccessRule::kAdmin},
    {Action::kListEmployees, "employees.list", ResourceKind::kEmployees, AccessRule::kAdmin},
    {Action::kReadEmployee, "employees.read", ResourceKind::kEmployee, AccessRule::kAdmin},
    {Action::kReadEmployeeHistory, "employees.history", ResourceKind::kEmployee, AccessRule::kAdmin},
    {Action::kImportEmployees, "employees.import", ResourceKind::kEmployees, AccessRule::kAdmin},
    {Action::kReadGradeScale, "grade_scale.read", ResourceKind::kGradeScale, AccessRule::kAdmin},
    {Action::kUpdateGradeScale, "grade_scale.update", ResourceKind::kGradeScale, AccessRule::kAdmin},
    {Action::kSolveMatching, "matching.solve", ResourceKind::kMatching, AccessRule::kAdmin},
    {Action::kRematch, "matching.rematch", ResourceKind::kMatching, AccessRule::kAdmin},
    {Action::kMigrateSchema, "schema.migrate", ResourceKind::kDatabase, AccessRule::kCommandLine},
    {Action::kListJobs, "jobs.list", ResourceKind::kJob, AccessRule::kSignedIn},
    {Action::kReadJob, "jobs.read", ResourceKind::kJob, AccessRule::kSelfOrAdmin},
    {Action::kCancelJob, "jobs.cancel", ResourceKind::kJob, AccessRule::kSelfOrAdmin},
    {Action::kSendActivation, "user.activation", ResourceKind::kUser, AccessRule::kAdmin},
    // Whoever holds the link: the link is the proof.
    {Action::kActivateAccount, "auth.activate", ResourceKind::kUser, AccessRule::kAnyone},
    {Action::kRequestPasswordReset, "auth.password_reset_request", ResourceKind::kUser, AccessRule::kAnyone},
    {Action::kResetPassword, "auth.password_reset", ResourceKind::kUser, AccessRule::kAnyone},
    {Action::kListOutbox, "outbox.list", ResourceKind::kMail, AccessRule::kAdmin},
    {Action::kReadMail, "outbox.read", ResourceKind::kMail, AccessRule::kAdmin},
    {Action::kRetryMail, "outbox.retry", ResourceKind::kMail, AccessRule::kAdmin},
    {Action::kSendTestMail, "outbox.test", ResourceKind::kMail, AccessRule::kAdmin},
    {Action::kListPrograms, "program.list", ResourceKind::kProgram, AccessRule::kSignedIn},
    {Action::kCreateProgram, "program.create", ResourceKind::kProgram, AccessRule::kAdmin},
    {Action::kReadProgram, "program.read", ResourceKind::kProgram, AccessRule::kProgramMember},
    {Action::kUpdateProgram, "program.update", ResourceKind::kProgram, AccessRule::kProgramManager},
    {Action::kChangeProgramStatus, "program.status", ResourceKind::kProgram, AccessRule::kProgramManager},
    {Action::kCreateEdition, "program.new_edition", ResourceKind::kProgram, AccessRule::kAdmin},
    {Action::kListProgramMembers, "program.members.list", ResourceKind::kProgram, AccessRule::kProgramManager},
    {Action::kAddProgramMember, "program.members.add", ResourceKind::kProgram, AccessRule::kAdmin},
    {Action::kRemoveProgramMember, "program.members.remove", ResourceKind::kProgram, AccessRule::kAdmin},
    {Action::kReadTaxonomy, "taxonomy.read", ResourceKind::kTaxonomy, AccessRule::kSignedIn},
    {Action::kUpdateProgramSkills, "program.skills", ResourceKind::kProgram, AccessRule::kProgramManager},
    {Action::kReadObjectives, "objectives.read", ResourceKind::kProgram, AccessRule::kProgramSponsor},
    {Action::kCreateObjective, "objective.create", ResourceKind::kProgram, AccessRule::kProgramManager},
    {Action::kUpdateObjective, "objective.update", ResourceKind::kProgram, AccessRule::kProgramManager},
    {Action::kDeleteObjective, "objective.delete", ResourceKind::kProgram, AccessRule::kProgramManager},
    {Action::kCreateKpi, "kpi.create", ResourceKind::kProgram, AccessRule::kProgramManager},
    {Action::kUpdateKpi, "kpi.update", ResourceKind::kProgram, AccessRule::kProgramManager},
    {Action::kDeleteKpi, "kpi.delete", ResourceKind::kProgram, AccessRule::kProgramManager},
}};

constexpr bool action_table_in_order() {
  for (std::size_t i = 0; i < kActions.size(); ++i) {
    if (static_cast<std::size_t>(kActions[i].action) != i) return false;
  }
  return true;
}
static_assert(action_table_in_order(), "kActions must list every Action once, in order");

constexpr const ActionInfo& info(Action action) { return kActions[static_cast<std::size_t>(action)]; }
// "user.update"
constexpr std::string_view action_code(Action action) { return info(action).code; }
std::optional<Action> action_from_code(std::string_view code);

// "user", "employees"...
std::string_view resource_kind_name(ResourceKind kind);
// "user:5", "employee:E042", or "employees" for the collection (empty id).
std::string resource_name(ResourceKind kind, const std::string& id = {});

// Who is asking. An inactive account may do nothing.
struct Principal {
  std::int64_t user_id = 0;
  RoleSet roles;
  bool active = true;
};

// The caller's roles in the program a resource belongs to (all false when it belongs to none, or
// the caller holds no role in it). Roles are held per program (PROGRAMS.md).
struct ProgramStanding {
  bool manager = false;
  bool sponsor = false;
  bool participant = false;  // a mentor or a mentee of the program
};

// The resource an action applies to; owner_id is the user the resource belongs to (0 if none),
// `program` the caller's standing in its program.
struct ResourceRef {
  std::int64_t owner_id = 0;
  ProgramStanding program;
};

// True when `who` may perform `what` on `on`, by the action's rule. Inactive principals, and
// principals that are no user, may do nothing but try to log in.
bool is_allowed(const Principal& who, Action what, const ResourceRef& on = {});

}  // namespace binome::core
