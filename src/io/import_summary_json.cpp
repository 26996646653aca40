#include "io/import_summary_json.hpp"

#include "io/csv.hpp"

namespace binome::io {

nlohmann::json import_summary_json(const core::ImportSummary& s) {
  nlohmann::json out = {{"created", s.created},
                        {"updated", s.updated},
                        {"unchanged", s.unchanged},
                        {"deactivated", s.deactivated},
                        {"dry_run", s.dry_run},
                        {"format", s.format}};
  // How the file was read: a CSV file's encoding and separator, a workbook's sheet.
  if (s.format == "xlsx") {
    out["sheet"] = s.sheet;
  } else {
    out["encoding"] = s.encoding;
    out["delimiter"] = delimiter_name(s.delimiter);
  }
  out["ignored_columns"] = s.ignored_columns;
  out["effective_date"] = s.effective_date;
  out["import_id"] = s.import_id ? nlohmann::json(*s.import_id) : nlohmann::json(nullptr);
  out["changes"] = s.changes;
  return out;
}

}  // namespace binome::io
