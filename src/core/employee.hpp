// An employee of the bank as the HR directory knows them. Selection, matching and calendars
// read people from here.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/page.hpp"

namespace binome::core {

struct Employee {
  std::string employee_id;  // the HR "matricule"; unique
  std::string first_name;
  std::string last_name;
  std::string email;        // normalised; unique
  std::string job_title;
  std::string department;
  std::string grade;        // as the bank writes it ("7", "F"); ordered by a GradeScale
  std::string manager_id;   // the manager's employee_id, "" for none
  std::string hire_date;    // "YYYY-MM-DD", "" when unknown
  std::string site;
  std::string time_zone;    // IANA name, "" when unknown
  std::vector<std::string> languages;  // ISO 639-1 codes, lower case, in the file's order
  std::optional<int> birth_year;
  bool active = true;

  bool operator==(const Employee&) const = default;
};

// The fields of an employee, in the order of the model; the names are those of the API.
enum class EmployeeField : std::uint8_t {
  kEmployeeId, kFirstName, kLastName, kEmail, kJobTitle, kDepartment, kGrade, kManagerId,
  kHireDate, kSite, kTimeZone, kLanguages, kBirthYear, kActive,
};
inline constexpr std::size_t kEmployeeFieldCount = 14;

std::string_view field_name(EmployeeField f);  // "employee_id", "first_name", ...
std::optional<EmployeeField> parse_field_name(std::string_view name);
bool is_required(EmployeeField f);  // employee_id, first_name, last_name, email

enum class EmployeeSort : std::uint8_t { kLastName, kFirstName, kEmployeeId, kDepartment, kGrade, kSite, kHireDate };

// Which employees to list.
struct EmployeeQuery {
  std::string text;  // in names, email, employee id or job title; accents and case ignored
  std::string department;
  std::string grade;
  std::string site;
  std::optional<bool> active;
  EmployeeSort sort = EmployeeSort::kLastName;
  bool descending = false;
  PageRange page;
};

// The values the directory's filters offer.
struct EmployeeFacets {
  std::vector<std::string> departments;  // alphabetical
  std::vector<std::string> sites;
  std::vector<std::string> grades;  // by grade rank, then alphabetical
};

}  // namespace binome::core
