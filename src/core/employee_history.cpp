#include "core/employee_history.hpp"

#include <array>

#include "core/employee_import.hpp"

namespace binome::core {

namespace {

constexpr std::array<std::string_view, 4> kChangeKindNames = {"joined", "changed", "left", "returned"};

std::string joined_codes(const std::vector<std::string>& codes) {
  std::string out;
  for (const auto& c : codes) out += (out.empty() ? "" : ",") + c;
  return out;
}

std::optional<std::string> unless_empty(const std::string& s) {
  return s.empty() ? std::nullopt : std::optional<std::string>(s);
}

}  // namespace

std::string_view change_kind_name(ChangeKind kind) { return kChangeKindNames[static_cast<std::size_t>(kind)]; }

std::optional<ChangeKind> parse_change_kind(std::string_view name) {
  for (std::size_t i = 0; i < kChangeKindNames.size(); ++i) {
    if (kChangeKindNames[i] == name) return static_cast<ChangeKind>(i);
  }
  return std::nullopt;
}

std::optional<std::string> history_value(const Employee& e, EmployeeField f) {
  using F = EmployeeField;
  switch (f) {
    case F::kEmployeeId: return unless_empty(e.employee_id);
    case F::kFirstName: return unless_empty(e.first_name);
    case F::kLastName: return unless_empty(e.last_name);
    case F::kEmail: return unless_empty(e.email);
    case F::kJobTitle: return unless_empty(e.job_title);
    case F::kDepartment: return unless_empty(e.department);
    case F::kGrade: return unless_empty(e.grade);
    case F::kManagerId: return unless_empty(e.manager_id);
    case F::kHireDate: return unless_empty(e.hire_date);
    case F::kSite: return unless_empty(e.site);
    case F::kTimeZone: return unless_empty(e.time_zone);
    case F::kLanguages: return unless_empty(joined_codes(e.languages));
    case F::kBirthYear: return e.birth_year ? std::optional<std::string>(std::to_string(*e.birth_year)) : std::nullopt;
    case F::kActive: return std::string(e.active ? "true" : "false");
  }
  return std::nullopt;
}

void append_changes(const Employee& before, const Employee& after, std::vector<FieldChange>& out) {
  if (before == after) return;  // most employees of a re-imported file
  for (std::size_t i = 1; i < kEmployeeFieldCount; ++i) {
    const auto f = static_cast<EmployeeField>(i);
    auto old_value = history_value(before, f);
    auto new_value = history_value(after, f);
    if (old_value == new_value) continue;
    const ChangeKind kind = f != EmployeeField::kActive ? ChangeKind::kChanged
                            : after.active             ? ChangeKind::kReturned
                                                       : ChangeKind::kLeft;
    out.push_back({kind, f, std::move(old_value), std::move(new_value)});
  }
}

std::optional<std::string> parse_iso_date(std::string_view text) {
  // parse_hr_date also reads DD/MM/YYYY, which an option written YYYY-MM-DD must not accept.
  if (text.size() != 10 || text[4] != '-' || text[7] != '-') return std::nullopt;
  return parse_hr_date(text);
}

std::string iso_date_of(Millis at) { return format_iso8601(at).substr(0, 10); }

}  // namespace binome::core
