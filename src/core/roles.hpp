// The roles a user may hold, and a small set of them (one user may hold several).
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace binome::core {

enum class Role : std::uint8_t { kAdmin = 0, kMentor = 1, kMentee = 2, kSponsor = 3 };

inline constexpr std::array<Role, 4> kAllRoles = {Role::kAdmin, Role::kMentor, Role::kMentee,
                                                  Role::kSponsor};

// "admin", "mentor", "mentee", "sponsor".
std::string_view role_name(Role role);
std::optional<Role> parse_role(std::string_view name);

class RoleSet {
 public:
  RoleSet() = default;
  RoleSet(std::initializer_list<Role> roles) {
    for (Role r : roles) add(r);
  }
  static RoleSet from_bits(std::uint8_t bits) {
    RoleSet s;
    s.bits_ = static_cast<std::uint8_t>(bits & 0x0F);
    return s;
  }
  void add(Role r) { bits_ = static_cast<std::uint8_t>(bits_ | bit(r)); }
  bool has(Role r) const { return (bits_ & bit(r)) != 0; }
  bool empty() const { return bits_ == 0; }
  std::uint8_t bits() const { return bits_; }
  // Names in the canonical order of kAllRoles.
  std::vector<std::string> names() const;
  bool operator==(const RoleSet&) const = default;

 private:
  static std::uint8_t bit(Role r) { return static_cast<std::uint8_t>(1u << static_cast<unsigned>(r)); }
  std::uint8_t bits_ = 0;
};

}  // namespace binome::core
