// An HR import's summary as JSON: what POST /api/v1/employees/import answers and what
// `binome import employees --json` prints.
#pragma once

#include <nlohmann/json.hpp>

#include "core/employee_import.hpp"

namespace binome::io {

nlohmann::json import_summary_json(const core::ImportSummary& s);

}  // namespace binome::io
