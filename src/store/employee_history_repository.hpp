// Persistence of the directory's history: the imports and, per employee, the changes each one
// recorded. Written once against the driver; contract-tested on both databases.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "core/employee_history.hpp"
#include "core/page.hpp"
#include "core/time.hpp"
#include "store/sql.hpp"

namespace binome::store::employee_history {

struct DirectoryImport {
  std::int64_t id = 0;  // set by insert_import
  core::Millis at = 0;
  std::string actor;
  std::string source;
  std::optional<std::string> file_name;
  std::string effective_date;  // YYYY-MM-DD
  std::int64_t rows = 0;
  std::int64_t created = 0;
  std::int64_t updated = 0;
  std::int64_t unchanged = 0;
  std::int64_t deactivated = 0;
};

// A change to record: whose (pointing into the caller's directory, so that a large import
// copies no id) and what.
struct NewChange {
  const std::string* employee_id;
  core::FieldChange change;
};

// Returns the new import's id.
std::int64_t insert_import(Connection& c, const DirectoryImport& import);
std::optional<DirectoryImport> find_import(Connection& c, std::int64_t id);
// Many rows per statement, every one of import `import_id`, effective on its date.
void insert_changes(Connection& c, const DirectoryImport& import, std::span<const NewChange> changes);
// One employee's changes, newest first: by effective date, then the later import; an import's
// changes in field order.
core::Page<core::EmployeeChange> list(Connection& c, const std::string& employee_id, const core::PageRange& page);

}  // namespace binome::store::employee_history
