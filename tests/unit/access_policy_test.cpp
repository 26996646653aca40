// The access policy, exhaustively: every set of roles x every action x own/someone else's
// resource x active/inactive, against a table written here independently of the implementation.
#include "core/access_policy.hpp"

#include <gtest/gtest.h>

#include <set>
#include <string>

namespace binome::core {
namespace {

constexpr std::int64_t kMe = 7;
constexpr std::int64_t kSomeoneElse = 8;

// The expected answer, stated as the product's rules:
// - an admin (program manager) may do everything;
// - any other active user may only read their own account and set their own password;
// - an inactive account, or a principal that is no user (id 0), may do nothing.
bool expected(RoleSet roles, bool active, std::int64_t user_id, Action action, bool own) {
  if (!active || user_id <= 0) return false;
  if (roles.has(Role::kAdmin)) return true;
  return own && (action == Action::kReadOwnAccount || action == Action::kSetPassword);
}

std::string describe(RoleSet roles, bool active, Action action, bool own) {
  std::string who;
  for (const auto& n : roles.names()) who += (who.empty() ? "" : "+") + n;
  if (who.empty()) who = "(no role)";
  return who + (active ? " active" : " inactive") + " " + std::string(action_name(action)) +
         (own ? " on own account" : " on someone else's");
}

TEST(AccessPolicy, FullMatrixMatchesTheRules) {
  int checked = 0;
  for (unsigned bits = 0; bits < 16; ++bits) {
    const RoleSet roles = RoleSet::from_bits(static_cast<std::uint8_t>(bits));
    for (bool active : {true, false}) {
      for (Action action : kAllActions) {
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
  EXPECT_EQ(checked, 16 * 2 * static_cast<int>(kAllActions.size()) * 2);
  EXPECT_EQ(kAllActions.size(), 13u);
}

TEST(AccessPolicy, APrincipalThatIsNoUserMayDoNothingEvenOnResourcesOwnedByNobody) {
  // owner_id 0 means "no owner"; user_id 0 must not be read as owning it.
  for (unsigned bits = 0; bits < 16; ++bits) {
    const RoleSet roles = RoleSet::from_bits(static_cast<std::uint8_t>(bits));
    for (Action action : kAllActions) {
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

TEST(AccessPolicy, AllActionsAreListedOnceWithDistinctNames) {
  std::set<std::string_view> names;
  for (Action a : kAllActions) {
    EXPECT_NE(action_name(a), "unknown");
    names.insert(action_name(a));
  }
  EXPECT_EQ(names.size(), kAllActions.size());
  // The enumeration ends with kRunMatching: kAllActions must cover every value up to it.
  EXPECT_EQ(static_cast<std::size_t>(Action::kRunMatching) + 1, kAllActions.size());
}

}  // namespace
}  // namespace binome::core
