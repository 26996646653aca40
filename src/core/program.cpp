#include "core/program.hpp"

#include <date/tz.h>

#include <chrono>

#include "core/employee_history.hpp"
#include "core/employee_import.hpp"
#include "core/text.hpp"

namespace binome::core {

namespace {

constexpr std::array<std::string_view, 6> kStatusNames = {"draft", "recruiting", "matching", "running", "closing", "closed"};
constexpr std::array<std::string_view, 3> kCadenceNames = {"every_two_weeks", "every_four_weeks", "monthly"};

}  // namespace

std::string_view program_status_name(ProgramStatus s) { return kStatusNames[static_cast<std::size_t>(s)]; }

std::optional<ProgramStatus> program_status_from_name(std::string_view name) {
  for (const ProgramStatus s : kProgramStatuses) {
    if (program_status_name(s) == name) return s;
  }
  return std::nullopt;
}

Message program_status_label(ProgramStatus s) { return msg("program.status." + std::string(program_status_name(s))); }

std::optional<ProgramStatus> next_status(ProgramStatus s) {
  if (s == ProgramStatus::kClosed) return std::nullopt;
  return static_cast<ProgramStatus>(static_cast<std::uint8_t>(s) + 1);
}

std::string_view cadence_name(Cadence c) { return kCadenceNames[static_cast<std::size_t>(c)]; }

std::optional<Cadence> cadence_from_name(std::string_view name) {
  for (const Cadence c : kCadences) {
    if (cadence_name(c) == name) return c;
  }
  return std::nullopt;
}

std::string_view program_role_name(ProgramRole r) { return r == ProgramRole::kManager ? "manager" : "sponsor"; }

std::optional<ProgramRole> program_role_from_name(std::string_view name) {
  if (name == "manager") return ProgramRole::kManager;
  if (name == "sponsor") return ProgramRole::kSponsor;
  return std::nullopt;
}

std::vector<ErrorDetail> check_program_settings(const ProgramSettings& s) {
  std::vector<ErrorDetail> out;
  check_text_field(out, "name", s.name, true, kMaxProgramName, false);
  check_text_field(out, "description", s.description, false, kMaxProgramDescription, true);
  const auto starts = parse_iso_date(s.starts_on);
  const auto ends = parse_iso_date(s.ends_on);
  if (!starts) out.push_back({"starts_on", msg("program.date_invalid", {quoted("value", s.starts_on)}), 0, {}});
  if (!ends) out.push_back({"ends_on", msg("program.date_invalid", {quoted("value", s.ends_on)}), 0, {}});
  // ISO dates compare as text.
  if (starts && ends && *ends <= *starts) {
    out.push_back({"ends_on", msg("program.ends_before_start", {text("starts_on", *starts)}), 0, {}});
  }
  if (s.time_zone.empty() || !is_known_time_zone(s.time_zone)) {
    out.push_back({"time_zone", msg("program.time_zone_unknown", {quoted("value", s.time_zone)}), 0, {}});
  }
  bool languages_ok = !s.languages.empty();
  for (std::size_t i = 0; i < s.languages.size(); ++i) {
    const auto& l = s.languages[i];
    if (l != "fr" && l != "en") languages_ok = false;
    for (std::size_t j = 0; j < i; ++j) languages_ok = languages_ok && s.languages[j] != l;
  }
  if (!languages_ok) out.push_back({"languages", msg("program.languages_invalid"), 0, {}});
  if (s.session_minutes < kMinSessionMinutes || s.session_minutes > kMaxSessionMinutes) {
    out.push_back({"session_minutes", msg("program.session_minutes_range", {count("min", kMinSessionMinutes), count("max", kMaxSessionMinutes)}), 0, {}});
  }
  if (s.min_group_size < kMinGroupSizeFloor || s.min_group_size > kMinGroupSizeCeiling) {
    out.push_back({"min_group_size", msg("program.min_group_size_range", {count("min", kMinGroupSizeFloor), count("max", kMinGroupSizeCeiling)}), 0, {}});
  }
  return out;
}

std::vector<Message> status_change_blockers(ProgramStatus from, ProgramStatus to, const ProgramFacts& facts) {
  const auto next = next_status(from);
  if (!next || *next != to) {
    if (!next) return {msg("program.status_closed")};
    return {msg("program.status_not_next", {nested("status", program_status_label(from)),
                                            nested("next", program_status_label(*next))})};
  }
  std::vector<Message> out;
  switch (to) {
    case ProgramStatus::kRecruiting:
      if (facts.calls == 0) out.push_back(msg("program.needs_call"));
      break;
    case ProgramStatus::kMatching:
      if (facts.selected_mentors == 0) out.push_back(msg("program.needs_selected_mentors"));
      if (facts.selected_mentees == 0) out.push_back(msg("program.needs_selected_mentees"));
      break;
    case ProgramStatus::kRunning:
      if (facts.published_pairs == 0) out.push_back(msg("program.needs_published_pairs"));
      break;
    case ProgramStatus::kDraft:
    case ProgramStatus::kClosing:
    case ProgramStatus::kClosed: break;
  }
  return out;
}

std::string local_date_of(Millis at, const std::string& time_zone) {
  using namespace std::chrono;
  const sys_time<milliseconds> instant{milliseconds{at}};
  sys_days day;
  try {
    const auto zone = date::locate_zone(time_zone);
    const auto local = zone->to_local(instant);
    day = sys_days{floor<days>(local).time_since_epoch()};
  } catch (const std::exception&) {
    day = floor<days>(instant);
  }
  return iso_date_of(duration_cast<milliseconds>(day.time_since_epoch()).count());
}

}  // namespace binome::core
