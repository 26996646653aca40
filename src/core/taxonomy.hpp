// The skills taxonomy: what mentors teach (digital) and what mentees teach back (business),
// with stable keys, so that applications, goals, assessments and content speak of the same
// skills. The built-in skills are DigComp 2.2's 21 competences (keys digcomp.1.1 to
// digcomp.5.4, DIGCOMP.md), banking digital topics (bank.*) and business topics (business.*);
// a program selects some and may add its own. Their labels are in the message catalogue
// ("skill.<key>", "skill_area.<area>"), in French and English.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.hpp"
#include "core/message.hpp"

namespace binome::core {

// Who teaches it: mentors teach digital skills, mentees business ones (reciprocity).
enum class SkillDirection : std::uint8_t { kDigital, kBusiness };
std::string_view skill_direction_name(SkillDirection d);  // "digital", "business"
std::optional<SkillDirection> skill_direction_from_name(std::string_view name);

struct BuiltInSkill {
  std::string_view key;   // "digcomp.4.2"
  std::string_view area;  // "digcomp.4", "banking", "business"
  SkillDirection direction;
};

// Every built-in skill, DigComp first, in a stable order.
std::span<const BuiltInSkill> built_in_skills();
const BuiltInSkill* find_built_in_skill(std::string_view key);
// The skill's and the area's labels (catalogue entries).
Message skill_label(std::string_view key);
Message skill_area_label(std::string_view area);

// Proficiency 0–8: 0 none, then DigComp's eight levels (foundation 1–2, intermediate 3–4,
// advanced 5–6, highly specialised 7–8).
inline constexpr int kMinProficiency = 0;
inline constexpr int kMaxProficiency = 8;
Message proficiency_label(int level);        // "Intermediate (3)"
Message proficiency_description(int level);  // what a person at that level can do

// A skill a program adds to the built-in ones.
struct CustomSkill {
  std::string key;  // lower-case words separated by dots or underscores, not a built-in key
  std::string label_en;
  std::string label_fr;
  SkillDirection direction = SkillDirection::kDigital;
  bool operator==(const CustomSkill&) const = default;
};

// A program's skills: the built-in ones it selected and its own, in its order.
struct SkillSelection {
  std::vector<std::string> built_in;  // keys
  std::vector<CustomSkill> custom;
  bool operator==(const SkillSelection&) const = default;
  bool contains(std::string_view key) const;
};

inline constexpr std::size_t kMaxProgramSkills = 200;

// Every problem of a selection: unknown built-in keys, keys repeated, custom keys that are
// malformed or clash with a built-in one, labels missing in either language. Fields are
// "skills[3]" and "custom[1].label_fr".
std::vector<ErrorDetail> check_skill_selection(const SkillSelection& s);

// The selection a new program starts with: every built-in skill.
SkillSelection default_skill_selection();

}  // namespace binome::core
