// Persistence of the employee directory and of settings. Written once against the driver;
// contract-tested on both databases.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/employee.hpp"
#include "core/time.hpp"
#include "store/sql.hpp"

namespace binome::store {

// An employee with what the directory derives from the others (kept in step by the import).
struct StoredEmployee {
  core::Employee employee;
  std::optional<int> grade_rank;
  std::int32_t tree_left = 0;
  std::int32_t tree_right = 0;
};

namespace employees {
std::vector<StoredEmployee> load_all(Connection& c);  // in insertion order
void insert_many(Connection& c, const std::vector<const StoredEmployee*>& rows, core::Millis now);
void update(Connection& c, const StoredEmployee& row, core::Millis now);
// Only the derived columns (a new grade scale, or reporting lines that moved).
void update_derived(Connection& c, const StoredEmployee& row);
std::optional<core::Employee> find(Connection& c, const std::string& employee_id);
std::optional<core::Employee> find_by_email(Connection& c, const std::string& email);
std::vector<core::Employee> direct_reports(Connection& c, const std::string& employee_id);
core::Page<core::Employee> list(Connection& c, const core::EmployeeQuery& q);
core::EmployeeFacets facets(Connection& c);
std::int64_t count(Connection& c);
struct Counts {
  std::int64_t total = 0;
  std::int64_t active = 0;
};
Counts counts(Connection& c);
// Refreshes the planner's statistics of the directory (after an import): with them, SQLite
// reads the facets' distinct values from their indexes by skipping, instead of scanning them.
void analyze(Connection& c);
// Recomputes every employee's search text (after a release changes what search covers).
void refresh_search_text(Connection& c);
}  // namespace employees

namespace settings {
std::optional<std::string> get(Connection& c, const std::string& key);
void put(Connection& c, const std::string& key, const std::string& value);
}  // namespace settings

}  // namespace binome::store
