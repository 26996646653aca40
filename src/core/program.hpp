// A program: one edition of a reverse-mentoring program, its settings, the people who run it
// and the steps of its life (PROGRAMS.md). Pure rules: what a valid program is, which step
// follows which, and what each step needs before it may be taken.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.hpp"
#include "core/page.hpp"
#include "core/time.hpp"

namespace binome::core {

// Forward only, one step at a time: draft → recruiting (calls open) → matching → running (pairs
// published) → closing (final assessments) → closed (read-only).
enum class ProgramStatus : std::uint8_t { kDraft, kRecruiting, kMatching, kRunning, kClosing, kClosed };
inline constexpr std::array<ProgramStatus, 6> kProgramStatuses = {
    ProgramStatus::kDraft,   ProgramStatus::kRecruiting, ProgramStatus::kMatching,
    ProgramStatus::kRunning, ProgramStatus::kClosing,    ProgramStatus::kClosed};
std::string_view program_status_name(ProgramStatus s);  // "draft", "recruiting", ...
std::optional<ProgramStatus> program_status_from_name(std::string_view name);
Message program_status_label(ProgramStatus s);  // "recruiting" / "recrutement"
// The step after `s`; nothing after closed.
std::optional<ProgramStatus> next_status(ProgramStatus s);

// How often a pair meets by default.
enum class Cadence : std::uint8_t { kEveryTwoWeeks, kEveryFourWeeks, kMonthly };
inline constexpr std::array<Cadence, 3> kCadences = {Cadence::kEveryTwoWeeks, Cadence::kEveryFourWeeks,
                                                     Cadence::kMonthly};
std::string_view cadence_name(Cadence c);  // "every_two_weeks", "every_four_weeks", "monthly"
std::optional<Cadence> cadence_from_name(std::string_view name);

// What a program manager sets.
struct ProgramSettings {
  std::string name;
  std::string description;
  std::string starts_on;  // "YYYY-MM-DD", in the program's time zone
  std::string ends_on;
  std::string time_zone = "Europe/Paris";  // IANA: deadlines and cohort events
  std::vector<std::string> languages = {"fr", "en"};  // the program's working languages
  Cadence cadence = Cadence::kEveryTwoWeeks;
  int session_minutes = 60;
  int min_group_size = 5;  // k: no aggregate shown to sponsors or exported covers fewer people

  bool operator==(const ProgramSettings&) const = default;
};

inline constexpr std::size_t kMaxProgramName = 200;
inline constexpr std::size_t kMaxProgramDescription = 4000;
inline constexpr int kMinSessionMinutes = 15;
inline constexpr int kMaxSessionMinutes = 480;
inline constexpr int kMinGroupSizeFloor = 3;  // a k below 3 would let a sponsor single people out
inline constexpr int kMinGroupSizeCeiling = 100;

// Every problem of `s`, one detail per field (empty when valid).
std::vector<ErrorDetail> check_program_settings(const ProgramSettings& s);

struct Program {
  std::int64_t id = 0;
  ProgramSettings settings;
  ProgramStatus status = ProgramStatus::kDraft;
  std::optional<std::int64_t> previous_edition;  // the program this edition was made from
  Millis created_at = 0;
  Millis updated_at = 0;
  Millis status_changed_at = 0;
};

// A program's people who run or sponsor it: roles held per program (PROGRAMS.md).
enum class ProgramRole : std::uint8_t { kManager, kSponsor };
std::string_view program_role_name(ProgramRole r);  // "manager", "sponsor"
std::optional<ProgramRole> program_role_from_name(std::string_view name);

struct ProgramMember {
  std::int64_t user_id = 0;
  std::string email;
  std::string name;
  ProgramRole role = ProgramRole::kManager;
  Millis added_at = 0;
};

// What the steps of a program's life look at. Counts the program does not have yet are 0.
struct ProgramFacts {
  std::int64_t calls = 0;
  std::int64_t selected_mentors = 0;
  std::int64_t selected_mentees = 0;
  std::int64_t published_pairs = 0;
};

// Why `from` may not move to `to`: empty when it may. Only the next step may be taken, and each
// step has what it needs: recruiting a call; matching selected mentors and mentees; running
// published pairs. Closing and closed need nothing more.
std::vector<Message> status_change_blockers(ProgramStatus from, ProgramStatus to, const ProgramFacts& facts);

// Which programs to list.
struct ProgramQuery {
  std::string text;  // in the name; accents and case ignored
  std::optional<ProgramStatus> status;
  PageRange page;
};

// The calendar date ("YYYY-MM-DD") of `at` in `time_zone` (UTC if the zone is unknown).
std::string local_date_of(Millis at, const std::string& time_zone);

}  // namespace binome::core
