// libFuzzer target: an HR extract as an import reads it, from bytes to the plan of the directory
// after the import: decoding (io/text_encoding.hpp), the CSV reader, the headers and a mapping
// (io/hr_extract.hpp), then each field's parsing and the checks against a directory of 30
// employees (core/employee_import.hpp). Besides the sanitizers, it checks the plan's own
// consistency, and that the directory a plan produces, written as an extract and imported
// again, is unchanged.
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "broken.hpp"
#include "app/demo_bank.hpp"
#include "core/employee_import.hpp"
#include "io/hr_extract.hpp"

namespace {

using binome::core::Employee;
using binome::core::ImportPlan;
using binome::core::ImportRules;

// The directory the import is planned against, and its rules; built once.
const std::vector<Employee>& existing_directory() {
  static const std::vector<Employee> directory = binome::app::demo_bank(30);
  return directory;
}
const ImportRules kRules{binome::core::GradeScale{}, 2026, false};

void check_plan(const ImportPlan& plan, const std::vector<Employee>& existing, std::size_t rows) {
  if (plan.issue_count < plan.issues.size()) binome::fuzz::broken("fewer issues counted than listed");
  if (plan.issues.size() > binome::core::kMaxListedImportIssues) binome::fuzz::broken("more issues listed than the limit");
  if (!plan.issues.empty()) {
    if (!plan.employees.empty()) binome::fuzz::broken("a plan with issues keeps a directory");
    return;
  }
  if (plan.issue_count != 0 || !plan.issue_kinds.empty()) binome::fuzz::broken("issues counted but none listed");
  if (plan.employees.size() != existing.size() + plan.created.size()) binome::fuzz::broken("created employees miscounted");
  if (plan.created.size() + plan.updated.size() + plan.unchanged > rows) binome::fuzz::broken("more outcomes than rows");
  for (const auto* list : {&plan.created, &plan.updated, &plan.deactivated}) {
    for (std::size_t i : *list) {
      if (i >= plan.employees.size()) binome::fuzz::broken("a plan's index out of range");
    }
  }
}

// The directory after an import, written as Binôme writes extracts, imports again unchanged.
void check_round_trip(const std::vector<Employee>& directory) {
  const std::string written = binome::io::write_hr_extract(directory);
  const auto extract = binome::io::read_hr_extract(written, {});
  if (!extract) binome::fuzz::broken("a written extract does not read");
  const ImportPlan again = binome::core::plan_employee_import(directory, extract->rows, kRules);
  if (!again.issues.empty()) binome::fuzz::broken("a written extract has issues");
  if (!again.created.empty() || !again.updated.empty() || again.unchanged != directory.size()) {
    binome::fuzz::broken("a written extract changes the directory it was written from");
  }
  if (again.employees != directory) binome::fuzz::broken("a written extract reads as another directory");
}

void import_once(std::string_view bytes, const std::map<std::string, std::string>& mapping) {
  const auto extract = binome::io::read_hr_extract(bytes, {}, mapping);
  if (!extract) return;
  const std::vector<Employee>& existing = existing_directory();
  const ImportPlan plan = binome::core::plan_employee_import(existing, extract->rows, kRules);
  check_plan(plan, existing, extract->rows.size());
  if (plan.issues.empty()) check_round_trip(plan.employees);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view bytes(reinterpret_cast<const char*>(data), size);
  // The headers Binôme knows, and an HR system's own named through a mapping (as the API's
  // and the command line's mapping options give it), with a column left out.
  static const std::map<std::string, std::string> kNone;
  static const std::map<std::string, std::string> kMapping = {
      {"id", "employee_id"}, {"mail", "email"}, {"service", "ignore"}, {"lang", "languages"}, {"tz", "time_zone"}};
  import_once(bytes, kNone);
  import_once(bytes, kMapping);
  return 0;
}
