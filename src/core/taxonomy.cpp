#include "core/taxonomy.hpp"

#include <array>
#include <set>

#include "core/text.hpp"

namespace binome::core {

namespace {

using D = SkillDirection;

constexpr std::array<BuiltInSkill, 37> kBuiltInSkills = {{
    // DigComp 2.2 (DIGCOMP.md): taught by mentors.
    {"digcomp.1.1", "digcomp.1", D::kDigital},
    {"digcomp.1.2", "digcomp.1", D::kDigital},
    {"digcomp.1.3", "digcomp.1", D::kDigital},
    {"digcomp.2.1", "digcomp.2", D::kDigital},
    {"digcomp.2.2", "digcomp.2", D::kDigital},
    {"digcomp.2.3", "digcomp.2", D::kDigital},
    {"digcomp.2.4", "digcomp.2", D::kDigital},
    {"digcomp.2.5", "digcomp.2", D::kDigital},
    {"digcomp.2.6", "digcomp.2", D::kDigital},
    {"digcomp.3.1", "digcomp.3", D::kDigital},
    {"digcomp.3.2", "digcomp.3", D::kDigital},
    {"digcomp.3.3", "digcomp.3", D::kDigital},
    {"digcomp.3.4", "digcomp.3", D::kDigital},
    {"digcomp.4.1", "digcomp.4", D::kDigital},
    {"digcomp.4.2", "digcomp.4", D::kDigital},
    {"digcomp.4.3", "digcomp.4", D::kDigital},
    {"digcomp.4.4", "digcomp.4", D::kDigital},
    {"digcomp.5.1", "digcomp.5", D::kDigital},
    {"digcomp.5.2", "digcomp.5", D::kDigital},
    {"digcomp.5.3", "digcomp.5", D::kDigital},
    {"digcomp.5.4", "digcomp.5", D::kDigital},
    // Banking digital topics: taught by mentors.
    {"bank.genai_data", "banking", D::kDigital},
    {"bank.cybersecurity_fraud", "banking", D::kDigital},
    {"bank.open_banking_apis", "banking", D::kDigital},
    {"bank.mobile_channels", "banking", D::kDigital},
    {"bank.social_media_brand", "banking", D::kDigital},
    {"bank.collaboration_tools", "banking", D::kDigital},
    {"bank.agile", "banking", D::kDigital},
    {"bank.fintech_trends", "banking", D::kDigital},
    {"bank.automation_low_code", "banking", D::kDigital},
    // The business: taught back by mentees.
    {"business.business_lines", "business", D::kBusiness},
    {"business.risk_regulation", "business", D::kBusiness},
    {"business.client_relationship", "business", D::kBusiness},
    {"business.leadership_influence", "business", D::kBusiness},
    {"business.organisation", "business", D::kBusiness},
    {"business.credit", "business", D::kBusiness},
    {"business.bank_economics", "business", D::kBusiness},
}};

// A custom key: lower-case ASCII words of letters, digits and underscores, separated by dots.
bool is_valid_custom_key(std::string_view key) {
  if (key.size() < 2 || key.size() > 64) return false;
  bool word_start = true;
  for (char c : key) {
    if (c == '.') {
      if (word_start) return false;
      word_start = true;
      continue;
    }
    const bool letter = c >= 'a' && c <= 'z';
    const bool other = (c >= '0' && c <= '9') || c == '_';
    if (!letter && !other) return false;
    if (word_start && !letter) return false;
    word_start = false;
  }
  return !word_start;
}

bool reserved_prefix(std::string_view key) {
  return key.starts_with("digcomp.") || key.starts_with("bank.") || key.starts_with("business.");
}

}  // namespace

std::string_view skill_direction_name(SkillDirection d) { return d == D::kDigital ? "digital" : "business"; }

std::optional<SkillDirection> skill_direction_from_name(std::string_view name) {
  if (name == "digital") return D::kDigital;
  if (name == "business") return D::kBusiness;
  return std::nullopt;
}

std::span<const BuiltInSkill> built_in_skills() { return kBuiltInSkills; }

const BuiltInSkill* find_built_in_skill(std::string_view key) {
  for (const auto& s : kBuiltInSkills) {
    if (s.key == key) return &s;
  }
  return nullptr;
}

Message skill_label(std::string_view key) { return msg("skill." + std::string(key)); }
Message skill_area_label(std::string_view area) { return msg("skill_area." + std::string(area)); }

Message proficiency_label(int level) { return msg("skill_level." + std::to_string(level)); }
Message proficiency_description(int level) { return msg("skill_level_description." + std::to_string(level)); }

bool SkillSelection::contains(std::string_view key) const {
  for (const auto& k : built_in) {
    if (k == key) return true;
  }
  for (const auto& c : custom) {
    if (c.key == key) return true;
  }
  return false;
}

std::vector<ErrorDetail> check_skill_selection(const SkillSelection& s) {
  std::vector<ErrorDetail> out;
  std::set<std::string> seen;
  if (s.built_in.size() + s.custom.size() > kMaxProgramSkills) {
    out.push_back({"skills", msg("program.too_many_skills", {count("max", static_cast<std::int64_t>(kMaxProgramSkills))}), 0, {}});
    return out;
  }
  for (std::size_t i = 0; i < s.built_in.size(); ++i) {
    const std::string field = "skills[" + std::to_string(i) + "]";
    const auto& key = s.built_in[i];
    if (find_built_in_skill(key) == nullptr) {
      out.push_back({field, msg("program.skill_unknown", {quoted("key", key)}), 0, {}});
    } else if (!seen.insert(key).second) {
      out.push_back({field, msg("program.skill_repeated", {quoted("key", key)}), 0, {}});
    }
  }
  for (std::size_t i = 0; i < s.custom.size(); ++i) {
    const std::string field = "custom[" + std::to_string(i) + "]";
    const CustomSkill& c = s.custom[i];
    if (!is_valid_custom_key(c.key)) {
      out.push_back({field + ".key", msg("program.custom_key_invalid", {quoted("key", c.key)}), 0, {}});
    } else if (reserved_prefix(c.key)) {
      out.push_back({field + ".key", msg("program.custom_key_reserved", {quoted("key", c.key)}), 0, {}});
    } else if (!seen.insert(c.key).second) {
      out.push_back({field + ".key", msg("program.skill_repeated", {quoted("key", c.key)}), 0, {}});
    }
    check_text_field(out, field + ".label_en", c.label_en, true, 200);
    check_text_field(out, field + ".label_fr", c.label_fr, true, 200);
  }
  return out;
}

SkillSelection default_skill_selection() {
  SkillSelection s;
  for (const auto& b : kBuiltInSkills) s.built_in.emplace_back(b.key);
  return s;
}

}  // namespace binome::core
