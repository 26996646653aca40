#include "core/access_policy.hpp"

namespace binome::core {

std::optional<Action> action_from_code(std::string_view code) {
  for (const ActionInfo& a : kActions) {
    if (a.code == code) return a.action;
  }
  return std::nullopt;
}

std::string_view resource_kind_name(ResourceKind kind) {
  switch (kind) {
    case ResourceKind::kSession: return "session";
    case ResourceKind::kUser: return "user";
    case ResourceKind::kToken: return "token";
    case ResourceKind::kAudit: return "audit";
    case ResourceKind::kMetrics: return "metrics";
    case ResourceKind::kOverview: return "overview";
    case ResourceKind::kEmployees: return "employees";
    case ResourceKind::kEmployee: return "employee";
    case ResourceKind::kGradeScale: return "grade_scale";
    case ResourceKind::kMatching: return "matching";
    case ResourceKind::kDatabase: return "database";
    case ResourceKind::kJob: return "job";
    case ResourceKind::kMail: return "mail";
    case ResourceKind::kProgram: return "program";
    case ResourceKind::kTaxonomy: return "taxonomy";
  }
  return "unknown";
}

std::string resource_name(ResourceKind kind, const std::string& id) {
  std::string out(resource_kind_name(kind));
  if (!id.empty()) out += ":" + id;
  return out;
}

bool is_allowed(const Principal& who, Action what, const ResourceRef& on) {
  const AccessRule rule = info(what).rule;
  if (rule == AccessRule::kAnyone) return true;
  if (!who.active || who.user_id <= 0) return false;
  const bool admin = who.roles.has(Role::kAdmin);
  switch (rule) {
    case AccessRule::kAnyone:
    case AccessRule::kSignedIn: return true;
    case AccessRule::kSelfOrAdmin: return on.owner_id == who.user_id || admin;
    case AccessRule::kAdmin: return admin;
    case AccessRule::kProgramManager: return admin || on.program.manager;
    case AccessRule::kProgramSponsor: return admin || on.program.manager || on.program.sponsor;
    case AccessRule::kProgramMember:
      return admin || on.program.manager || on.program.sponsor || on.program.participant;
    case AccessRule::kCommandLine: return false;
  }
  return false;
}

}  // namespace binome::core
