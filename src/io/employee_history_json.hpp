// One change of the directory's history as JSON: what GET /api/v1/employees/{id}/history lists
// and what `binome employees history ID --json` prints, one per line.
#pragma once

#include <nlohmann/json.hpp>

#include "core/employee_history.hpp"

namespace binome::io {

// {"kind", "field", "old", "new", "effective_date", "import_id", "recorded_at"}; a missing field
// or value is null.
nlohmann::json employee_change_json(const core::EmployeeChange& c);

}  // namespace binome::io
