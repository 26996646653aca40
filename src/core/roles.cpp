#include "core/roles.hpp"

namespace binome::core {

std::string_view role_name(Role role) {
  switch (role) {
    case Role::kAdmin: return "admin";
    case Role::kMentor: return "mentor";
    case Role::kMentee: return "mentee";
    case Role::kSponsor: return "sponsor";
  }
  return "unknown";
}

std::optional<Role> parse_role(std::string_view name) {
  for (Role r : kAllRoles) {
    if (role_name(r) == name) return r;
  }
  return std::nullopt;
}

std::vector<std::string> RoleSet::names() const {
  std::vector<std::string> out;
  for (Role r : kAllRoles) {
    if (has(r)) out.emplace_back(role_name(r));
  }
  return out;
}

}  // namespace binome::core
