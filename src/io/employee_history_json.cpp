#include "io/employee_history_json.hpp"

namespace binome::io {

namespace {
nlohmann::json text_or_null(const std::optional<std::string>& s) { return s ? nlohmann::json(*s) : nlohmann::json(nullptr); }
}  // namespace

nlohmann::json employee_change_json(const core::EmployeeChange& c) {
  return {{"kind", core::change_kind_name(c.change.kind)},
          {"field", c.change.field ? nlohmann::json(core::field_name(*c.change.field)) : nlohmann::json(nullptr)},
          {"old", text_or_null(c.change.old_value)},
          {"new", text_or_null(c.change.new_value)},
          {"effective_date", c.effective_date},
          {"import_id", c.import_id},
          {"recorded_at", core::format_iso8601(c.recorded_at)}};
}

}  // namespace binome::io
