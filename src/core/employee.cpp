#include "core/employee.hpp"

namespace binome::core {

namespace {
constexpr std::array<std::string_view, kEmployeeFieldCount> kNames = {
    "employee_id", "first_name", "last_name", "email",     "job_title",  "department", "grade",
    "manager_id",  "hire_date",  "site",      "time_zone", "languages", "birth_year", "active"};
}  // namespace

std::string_view field_name(EmployeeField f) { return kNames[static_cast<std::size_t>(f)]; }

std::optional<EmployeeField> parse_field_name(std::string_view name) {
  for (std::size_t i = 0; i < kNames.size(); ++i) {
    if (kNames[i] == name) return static_cast<EmployeeField>(i);
  }
  return std::nullopt;
}

bool is_required(EmployeeField f) {
  return f == EmployeeField::kEmployeeId || f == EmployeeField::kFirstName ||
         f == EmployeeField::kLastName || f == EmployeeField::kEmail;
}

}  // namespace binome::core
