// The access policy, exhaustively: every set of roles x every action x own/someone else's
// resource x active/inactive, against a table written here independently of the implementation.
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
// - an admin (program manager) may do everything else.
bool by_anyone(Action action) {
  return action == Action::kLogin || action == Action::kActivateAccount || action == Action::kRequestPasswordReset ||
         action == Action::kResetPassword;
}

bool expected(RoleSet roles, bool active, std::int64_t user_id, Action action, bool own) {
  if (by_anyone(action)) return true;
  if (action == Action::kMigrateSchema) return false;
  if (!active || user_id <= 0) return false;
  if (action == Action::kLogout || action == Action::kListJobs) return true;
  if (roles.has(Role::kAdmin)) return true;
  return own && (action == Action::kReadOwnAccount || action == Action::kSetPassword ||
                 action == Action::kReadJob || action == Action::kCancelJob);
}

std::vector<Action> all_actions() {
  std::vector<Action> out;
  for (const auto& a : kActions) out.push_back(a.action);
  return out;
}

std::string describe(RoleSet roles, bool active, Action action, bool own) {
  std::string who;
  for (const auto& n : roles.names()) who += (who.empty() ? "" : "+") + n;
  if (who.empty()) who = "(no role)";
  return who + (active ? " active" : " inactive") + " " + std::string(action_code(action)) +
         (own ? " on own account" : " on someone else's");
}

TEST(AccessPolicy, FullMatrixMatchesTheRules) {
  int checked = 0;
  for (unsigned bits = 0; bits < 16; ++bits) {
    const RoleSet roles = RoleSet::from_bits(static_cast<std::uint8_t>(bits));
    for (bool active : {true, false}) {
      for (Action action : all_actions()) {
        for (bool own : {true, false}) {
          const Principal who{kMe, roles, active};
          const ResourceRef on{own ? kMe : kSomeoneElse};
          EXPECT_EQ(is_allowed(who, action, on), expected(roles, active, kMe, action, own))
              << describe(roles, active, action, own);
          ++checked;
        }
      }
    }
  }
  EXPECT_EQ(checked, 16 * 2 * static_cast<int>(kActions.size()) * 2);
  EXPECT_EQ(kActions.size(), 35u);
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
