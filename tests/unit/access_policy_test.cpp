// The access policy, exhaustively: every set of roles x every action x own/someone else's
// resource x every standing in the resource's program x active/inactive, against a table
// written here independently of the implementation.
#include "core/access_policy.hpp"

#include <gtest/gtest.h>

#include <set>
#include <string>
#include <vector>

namespace binome::core {
namespace {

constexpr std::int64_t kMe = 7;
constexpr std::int64_t kSomeoneElse = 8;

// The expected answer, stated as the product's rules (independently of kActions' rule column):
// - anyone may try to log in, even before being anyone, and so may anyone activate an account or
//   reset its password by the link it received, or ask for a reset link (the link is the proof);
// - the schema is migrated at the command line only, never over the API;
// - an inactive account, or a principal that is no user (id 0), may do nothing else;
// - any active user may log out, read their own account and set their own password;
// - any active user may list their jobs (the use case narrows the list to their own), and read
//   and cancel the jobs they started;
// - any active user may list programs (the use case narrows the list to theirs) and read the
//   skills taxonomy;
// - in a program: anyone with a role in it (manager, sponsor, participant) may read it;
//   its managers and sponsors may read its objectives and KPIs (aggregates); its managers
//   may do everything else of the program, except what only a platform admin does: create a
//   program or a new edition, and name or remove its managers and sponsors;
// - a platform admin may do everything else, in every program.
bool by_anyone(Action action) {
  return action == Action::kLogin || action == Action::kActivateAccount || action == Action::kRequestPasswordReset ||
         action == Action::kResetPassword;
}

bool managed_in_the_program(Action action) {
  switch (action) {
    case Action::kUpdateProgram:
    case Action::kChangeProgramStatus:
    case Action::kListProgramMembers:
    case Action::kUpdateProgramSkills:
    case Action::kCreateObjective:
    case Action::kUpdateObjective:
    case Action::kDeleteObjective:
    case Action::kCreateKpi:
    case Action::kUpdateKpi:
    case Action::kDeleteKpi: return true;
    default: return false;
  }
}

bool expected(RoleSet roles, bool active, std::int64_t user_id, Action action, bool own,
              ProgramStanding in = {}) {
  if (by_anyone(action)) return true;
  if (action == Action::kMigrateSchema) return false;
  if (!active || user_id <= 0) return false;
  if (action == Action::kLogout || action == Action::kListJobs || action == Action::kListPrograms ||
      action == Action::kReadTaxonomy) {
    return true;
  }
  if (roles.has(Role::kAdmin)) return true;
  if (action == Action::kReadProgram && (in.manager || in.sponsor || in.participant)) return true;
  if (action == Action::kReadObjectives && (in.manager || in.sponsor)) return true;
  if (managed_in_the_program(action) && in.manager) return true;
  return own && (action == Action::kReadOwnAccount || action == Action::kSetPassword ||
                 action == Action::kReadJob || action == Action::kCancelJob);
}

std::vector<Action> all_actions() {
  std::vector<Action> out;
  for (const auto& a : kActions) out.push_back(a.action);
  return out;
}

std::string describe(RoleSet roles, bool active, Action action, bool own, ProgramStanding in = {}) {
  std::string who;
  for (const auto& n : roles.names()) who += (who.empty() ? "" : "+") + n;
  if (who.empty()) who = "(no role)";
  std::string standing;
  if (in.manager) standing += " manager";
  if (in.sponsor) standing += " sponsor";
  if (in.participant) standing += " participant";
  return who + (active ? " active" : " inactive") + " " + std::string(action_code(action)) +
         (own ? " on own account" : " on someone else's") +
         (standing.empty() ? "" : ", being in the program:" + standing);
}

TEST(AccessPolicy, FullMatrixMatchesTheRules) {
  int checked = 0;
  for (unsigned bits = 0; bits < 16; ++bits) {
    const RoleSet roles = RoleSet::from_bits(static_cast<std::uint8_t>(bits));
    for (bool active : {true, false}) {
      for (Action action : all_actions()) {
        for (bool own : {true, false}) {
          for (unsigned standing = 0; standing < 8; ++standing) {
            const ProgramStanding in{(standing & 1) != 0, (standing & 2) != 0, (standing & 4) != 0};
            const Principal who{kMe, roles, active};
            const ResourceRef on{own ? kMe : kSomeoneElse, in};
            EXPECT_EQ(is_allowed(who, action, on), expected(roles, active, kMe, action, own, in))
                << describe(roles, active, action, own, in);
            ++checked;
          }
        }
      }
    }
  }
  EXPECT_EQ(checked, 16 * 2 * static_cast<int>(kActions.size()) * 2 * 8);
  EXPECT_EQ(kActions.size(), 53u);
}

TEST(AccessPolicy, APrincipalThatIsNoUserMayDoNothingEvenOnResourcesOwnedByNobody) {
  // owner_id 0 means "no owner"; user_id 0 must not be read as owning it.
  for (unsigned bits = 0; bits < 16; ++bits) {
    const RoleSet roles = RoleSet::from_bits(static_cast<std::uint8_t>(bits));
    for (Action action : all_actions()) {
      if (by_anyone(action)) continue;  // anyone may try
      for (std::int64_t id : {std::int64_t{0}, std::int64_t{-1}}) {
        EXPECT_FALSE(is_allowed(Principal{id, roles, true}, action, ResourceRef{id}))
            << "user_id " << id << " " << describe(roles, true, action, true);
        EXPECT_FALSE(is_allowed(Principal{id, roles, true}, action, ResourceRef{kMe}))
            << "user_id " << id << " " << describe(roles, true, action, false);
      }
    }
  }
}

TEST(AccessPolicy, AProgramsRolesGiveNothingInAnotherProgramOrOutsideIt) {
  // Being a manager of a program is not a platform role: without standing in the program at
  // hand (another program), a manager may not even read it; nor the directory or accounts.
  const Principal manager{kMe, {}, true};
  const ProgramStanding theirs{true, false, false};
  EXPECT_TRUE(is_allowed(manager, Action::kUpdateProgram, {0, theirs}));
  EXPECT_FALSE(is_allowed(manager, Action::kUpdateProgram, {0, {}}));
  EXPECT_FALSE(is_allowed(manager, Action::kReadProgram, {0, {}}));
  EXPECT_FALSE(is_allowed(manager, Action::kAddProgramMember, {0, theirs}));
  EXPECT_FALSE(is_allowed(manager, Action::kListEmployees, {0, theirs}));
  // A sponsor reads aggregates, and changes nothing.
  const ProgramStanding sponsor{false, true, false};
  EXPECT_TRUE(is_allowed(manager, Action::kReadObjectives, {0, sponsor}));
  EXPECT_FALSE(is_allowed(manager, Action::kUpdateKpi, {0, sponsor}));
  EXPECT_FALSE(is_allowed(manager, Action::kListProgramMembers, {0, sponsor}));
}

TEST(AccessPolicy, DefaultResourceBelongsToNobody) {
  // Actions on collections (list users, read the audit log) pass no resource.
  EXPECT_TRUE(is_allowed(Principal{kMe, {Role::kAdmin}, true}, Action::kListUsers));
  EXPECT_FALSE(
      is_allowed(Principal{kMe, {Role::kMentor, Role::kMentee}, true}, Action::kListUsers));
  EXPECT_FALSE(is_allowed(Principal{kMe, {Role::kSponsor}, true}, Action::kReadOwnAccount));
}

TEST(AccessPolicy, AllActionsAreListedOnceWithDistinctCodes) {
  std::set<std::string_view> codes;
  for (const auto& a : kActions) {
    codes.insert(a.code);
    EXPECT_EQ(action_from_code(a.code), a.action) << a.code;
    EXPECT_NE(a.code.find('.'), std::string_view::npos) << a.code << " reads capability.verb";
  }
  EXPECT_EQ(codes.size(), kActions.size());
  EXPECT_EQ(action_from_code("user.nothing"), std::nullopt);
  // The table is in the enumeration's order (a static_assert checks it too).
  for (std::size_t i = 0; i < kActions.size(); ++i) EXPECT_EQ(static_cast<std::size_t>(kActions[i].action), i);
}

TEST(AccessPolicy, ResourcesAreNamedByKindAndId) {
  EXPECT_EQ(resource_name(ResourceKind::kUser, "5"), "user:5");
  EXPECT_EQ(resource_name(ResourceKind::kEmployees), "employees");
  EXPECT_EQ(resource_name(info(Action::kReadEmployee).resource, "E042"), "employee:E042");
}

}  // namespace
}  // namespace binome::core
