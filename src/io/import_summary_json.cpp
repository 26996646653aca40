#include "io/import_summary_json.hpp"

#include "io/csv.hpp"

namespace binome::io {

nlohmann::json import_summary_json(const core::ImportSummary& s) {
  return {{"created", s.created},
          {"updated", s.updated},
          {"unchanged", s.unchanged},
          {"deactivated", s.deactivated},
          {"dry_run", s.dry_run},
          {"encoding", s.encoding},
          {"delimiter", delimiter_name(s.delimiter)},
          {"ignored_columns", s.ignored_columns},
          {"effective_date", s.effective_date},
          {"import_id", s.import_id ? nlohmann::json(*s.import_id) : nlohmann::json(nullptr)},
          {"changes", s.changes}};
}

}  // namespace binome::io
