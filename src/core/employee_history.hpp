// The directory's history: what each import changed for each employee, field by field, and
// the date it took effect, so that retention and promotion can be measured later. Pure: the
// import (app/people.cpp) diffs the directory before and after and stores what this returns.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/employee.hpp"
#include "core/time.hpp"

namespace binome::core {

// A hire (the employee enters the directory), a change of one field, a leave (made inactive,
// by the file or by deactivate_missing) or a return (made active again).
enum class ChangeKind : std::uint8_t { kJoined, kChanged, kLeft, kReturned };
std::string_view change_kind_name(ChangeKind kind);  // "joined", "changed", "left", "returned"
std::optional<ChangeKind> parse_change_kind(std::string_view name);

// One change of one employee. `field` is nothing for a hire, kActive for a leave or a return;
// a value is nothing when the field was (or became) empty.
struct FieldChange {
  ChangeKind kind = ChangeKind::kChanged;
  std::optional<EmployeeField> field;
  std::optional<std::string> old_value;
  std::optional<std::string> new_value;
  bool operator==(const FieldChange&) const = default;
};

// A change as stored: which employee, which import, when it took effect and was recorded.
struct EmployeeChange {
  std::int64_t id = 0;
  std::string employee_id;
  std::int64_t import_id = 0;
  FieldChange change;
  std::string effective_date;  // YYYY-MM-DD
  Millis recorded_at = 0;      // when the import ran
};

// A field's value as the history writes it: the text as stored, languages as "fr,en", the birth
// year in decimal, the active flag as "true"/"false"; nothing when empty.
std::optional<std::string> history_value(const Employee& e, EmployeeField f);

// Appends to `out` what turns `before` into `after` (the same employee): one change per field
// that differs, in field order (EmployeeField's), the active flag as a leave or a return.
// Nothing when they are equal. The employee id is never compared (it is the key).
void append_changes(const Employee& before, const Employee& after, std::vector<FieldChange>& out);

// A calendar date written exactly "YYYY-MM-DD" (a real day, year 1900 to 9999), or nothing.
std::optional<std::string> parse_iso_date(std::string_view text);
// The calendar date (UTC) of an instant, "YYYY-MM-DD".
std::string iso_date_of(Millis at);

}  // namespace binome::core
