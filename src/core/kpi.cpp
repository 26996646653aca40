#include "core/kpi.hpp"

#include <algorithm>
#include <cmath>

#include "core/employee_history.hpp"
#include "core/text.hpp"

namespace binome::core {

namespace {

struct InstrumentInfo {
  KpiInstrument instrument;
  std::string_view name;
  std::string_view unit;
  bool has_side;
};

constexpr std::array<InstrumentInfo, 12> kInstrumentInfo = {{
    {KpiInstrument::kApplications, "applications", "people", true},
    {KpiInstrument::kInvitations, "invitations", "people", true},
    {KpiInstrument::kSelected, "selected", "people", true},
    {KpiInstrument::kParticipationRate, "participation_rate", "%", true},
    {KpiInstrument::kAttendanceRate, "attendance_rate", "%", false},
    {KpiInstrument::kPairCompletionRate, "pair_completion_rate", "%", false},
    {KpiInstrument::kAssessmentChange, "assessment_change", "levels", false},
    {KpiInstrument::kSurveyScore, "survey_score", "points", false},
    {KpiInstrument::kNps, "nps", "points", false},
    {KpiInstrument::kRetentionRate, "retention_rate", "%", false},
    {KpiInstrument::kPromotionRate, "promotion_rate", "%", false},
    {KpiInstrument::kManual, "manual", "", false},
}};

const InstrumentInfo& info_of(KpiInstrument i) { return kInstrumentInfo[static_cast<std::size_t>(i)]; }

bool reached(double value, double target, KpiDirection d) {
  return d == KpiDirection::kHigherIsBetter ? value >= target : value <= target;
}

}  // namespace

std::string_view kpi_instrument_name(KpiInstrument i) { return info_of(i).name; }

std::optional<KpiInstrument> kpi_instrument_from_name(std::string_view name) {
  for (const auto& i : kInstrumentInfo) {
    if (i.name == name) return i.instrument;
  }
  return std::nullopt;
}

std::string_view kpi_instrument_unit(KpiInstrument i) { return info_of(i).unit; }
bool kpi_instrument_has_side(KpiInstrument i) { return info_of(i).has_side; }

std::string_view kpi_direction_name(KpiDirection d) { return d == KpiDirection::kHigherIsBetter ? "higher" : "lower"; }

std::optional<KpiDirection> kpi_direction_from_name(std::string_view name) {
  if (name == "higher") return KpiDirection::kHigherIsBetter;
  if (name == "lower") return KpiDirection::kLowerIsBetter;
  return std::nullopt;
}

std::string_view kpi_state_name(KpiState s) {
  switch (s) {
    case KpiState::kAwaitingData: return "awaiting_data";
    case KpiState::kMet: return "met";
    case KpiState::kInProgress: return "in_progress";
    case KpiState::kMissed: return "missed";
  }
  return "awaiting_data";
}

std::vector<ErrorDetail> check_objective(const Objective& o) {
  std::vector<ErrorDetail> out;
  check_text_field(out, "title", o.title, true, kMaxObjectiveTitle, false);
  check_text_field(out, "description", o.description, false, 4000, true);
  return out;
}

std::vector<ErrorDetail> check_kpi(const Kpi& k, const std::vector<std::string>& program_skills) {
  std::vector<ErrorDetail> out;
  check_text_field(out, "name", k.name, true, kMaxObjectiveTitle, false);
  check_text_field(out, "unit", k.unit, false, 40, false);
  if (!k.side.empty() && (!kpi_instrument_has_side(k.instrument) || (k.side != "mentor" && k.side != "mentee"))) {
    out.push_back({"side", msg("program.kpi_side_invalid", {quoted("value", k.side)}), 0, {}});
  }
  if (k.instrument == KpiInstrument::kAssessmentChange) {
    if (k.skills.empty()) out.push_back({"skills", msg("program.kpi_needs_skills"), 0, {}});
    for (std::size_t i = 0; i < k.skills.size(); ++i) {
      if (std::find(program_skills.begin(), program_skills.end(), k.skills[i]) == program_skills.end()) {
        out.push_back({"skills[" + std::to_string(i) + "]", msg("program.kpi_skill_not_selected", {quoted("key", k.skills[i])}), 0, {}});
      }
    }
  } else if (!k.skills.empty()) {
    out.push_back({"skills", msg("program.kpi_skills_unused"), 0, {}});
  }
  const auto finite = [&](const char* field, const std::optional<double>& v) {
    if (v && !std::isfinite(*v)) out.push_back({field, msg("program.kpi_number_invalid"), 0, {}});
  };
  finite("baseline", k.baseline);
  finite("target", k.target);
  finite("manual_value", k.manual_value);
  if (!parse_iso_date(k.due_on)) out.push_back({"due_on", msg("program.date_invalid", {quoted("value", k.due_on)}), 0, {}});
  if (k.manual_value && k.instrument != KpiInstrument::kManual) {
    out.push_back({"manual_value", msg("program.kpi_manual_only"), 0, {}});
  }
  return out;
}

KpiReading read_kpi(const Kpi& k, const ProgramFigures& figures, const std::string& today) {
  KpiReading r;
  const std::string name(kpi_instrument_name(k.instrument));
  switch (k.instrument) {
    case KpiInstrument::kApplications:
      r.value = static_cast<double>(figures.applications.of(k.side));
      break;
    case KpiInstrument::kInvitations:
      r.value = static_cast<double>(figures.invited.of(k.side));
      break;
    case KpiInstrument::kSelected:
      r.value = static_cast<double>(figures.selected.of(k.side));
      break;
    case KpiInstrument::kParticipationRate: {
      const auto invited = figures.invited.of(k.side);
      if (invited > 0) r.value = 100.0 * static_cast<double>(figures.selected.of(k.side)) / static_cast<double>(invited);
      break;
    }
    case KpiInstrument::kManual:
      r.value = k.manual_value;
      break;
    default:
      break;
  }
  if (!r.value) {
    r.state = KpiState::kAwaitingData;
    r.source = msg("kpi.awaiting." + name);
    return r;
  }
  r.source = msg("kpi.source." + name);
  if (reached(*r.value, k.target, k.direction)) {
    r.state = KpiState::kMet;
  } else {
    r.state = today > k.due_on ? KpiState::kMissed : KpiState::kInProgress;
  }
  if (k.baseline && *k.baseline != k.target) {
    r.progress = std::clamp((*r.value - *k.baseline) / (k.target - *k.baseline), 0.0, 1.0);
  } else if (!k.baseline && k.direction == KpiDirection::kHigherIsBetter && k.target > 0 && *r.value >= 0) {
    r.progress = std::clamp(*r.value / k.target, 0.0, 1.0);
  }
  return r;
}

}  // namespace binome::core
