// Objectives and their KPIs: what a program is for, and how it will be measured from day one
// (PROGRAMS.md). A KPI's current value is computed from the program's data by its instrument,
// never typed, except for the manual instrument. An instrument whose data does not exist yet
// says which data will feed it.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.hpp"
#include "core/message.hpp"
#include "core/time.hpp"

namespace binome::core {

enum class KpiInstrument : std::uint8_t {
  kApplications,        // applications submitted (per side or both)
  kInvitations,         // eligible employees invited to apply
  kSelected,            // applicants selected
  kParticipationRate,   // participants over the employees invited, %
  kAttendanceRate,      // sessions held over sessions planned, %
  kPairCompletionRate,  // pairs that reached the end over pairs published, %
  kAssessmentChange,    // mean change of the self-assessment on chosen skills, levels
  kSurveyScore,         // mean score of a survey item
  kNps,                 // net promoter score of a 0–10 item
  kRetentionRate,       // participants still employed at the due date, % (the directory's history)
  kPromotionRate,       // participants promoted during the program, %
  kManual,              // a figure the program manager types in
};
inline constexpr std::array<KpiInstrument, 12> kKpiInstruments = {
    KpiInstrument::kApplications,       KpiInstrument::kInvitations,    KpiInstrument::kSelected,
    KpiInstrument::kParticipationRate,  KpiInstrument::kAttendanceRate, KpiInstrument::kPairCompletionRate,
    KpiInstrument::kAssessmentChange,   KpiInstrument::kSurveyScore,    KpiInstrument::kNps,
    KpiInstrument::kRetentionRate,      KpiInstrument::kPromotionRate,  KpiInstrument::kManual};
std::string_view kpi_instrument_name(KpiInstrument i);  // "applications", "attendance_rate", ...
std::optional<KpiInstrument> kpi_instrument_from_name(std::string_view name);
// The unit a computed instrument's value is in ("%", "people", "levels", "points"); "" for manual.
std::string_view kpi_instrument_unit(KpiInstrument i);
// Whether the instrument counts one side ("mentor", "mentee") or both ("").
bool kpi_instrument_has_side(KpiInstrument i);

enum class KpiDirection : std::uint8_t { kHigherIsBetter, kLowerIsBetter };
std::string_view kpi_direction_name(KpiDirection d);  // "higher", "lower"
std::optional<KpiDirection> kpi_direction_from_name(std::string_view name);

struct Kpi {
  std::int64_t id = 0;
  std::int64_t objective_id = 0;
  std::string name;
  KpiInstrument instrument = KpiInstrument::kManual;
  std::string side;                 // "mentor", "mentee" or "" (both), for counting instruments
  std::vector<std::string> skills;  // assessment change: the skills it averages over
  std::optional<double> baseline;
  double target = 0;
  KpiDirection direction = KpiDirection::kHigherIsBetter;
  std::string unit;    // as shown: "%", "people"...; computed instruments have their own
  std::string due_on;  // "YYYY-MM-DD", in the program's time zone
  std::optional<double> manual_value;  // the manual instrument only
  bool operator==(const Kpi&) const = default;
};

struct Objective {
  std::int64_t id = 0;
  std::int64_t program_id = 0;
  std::string title;
  std::string description;
  std::vector<Kpi> kpis;
};

inline constexpr std::size_t kMaxObjectiveTitle = 200;
inline constexpr std::size_t kMaxKpisPerObjective = 20;
inline constexpr std::size_t kMaxObjectivesPerProgram = 30;

// Every problem of an objective's text (fields "title", "description").
std::vector<ErrorDetail> check_objective(const Objective& o);
// Every problem of a KPI: a name, a known side for counting instruments, skills (from
// `program_skills`) for the assessment change, a finite target, a due date, a manual value only
// for the manual instrument.
std::vector<ErrorDetail> check_kpi(const Kpi& k, const std::vector<std::string>& program_skills);

// The program's figures that instruments read; nothing where the data does not exist yet.
struct SideCounts {
  std::int64_t mentors = 0;
  std::int64_t mentees = 0;
  std::int64_t of(const std::string& side) const {
    return side == "mentor" ? mentors : side == "mentee" ? mentees : mentors + mentees;
  }
};
struct ProgramFigures {
  SideCounts applications;
  SideCounts invited;
  SideCounts selected;
};

enum class KpiState : std::uint8_t {
  kAwaitingData,  // its data does not exist yet (`source` says which will feed it)
  kMet,           // the value reaches the target
  kInProgress,    // not yet, before the due date
  kMissed,        // not reached by the due date
};
std::string_view kpi_state_name(KpiState s);  // "awaiting_data", "met", "in_progress", "missed"

struct KpiReading {
  std::optional<double> value;
  KpiState state = KpiState::kAwaitingData;
  // How far from the baseline to the target, 0–1 (when there are a value and a baseline that
  // differs from the target).
  std::optional<double> progress;
  Message source;  // where the value comes from, or which data will feed it
};

// The KPI's reading on `today` ("YYYY-MM-DD" in the program's time zone).
KpiReading read_kpi(const Kpi& k, const ProgramFigures& figures, const std::string& today);

}  // namespace binome::core
