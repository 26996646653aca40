// People: the employee directory, kept in step with the bank's HR extracts, and the grade
// scale that orders grades. Each use case checks the access policy; each change is one
// transaction and one audit entry.
#pragma once

#include <map>
#include <stop_token>
#include <string>
#include <string_view>
#include <vector>

#include "app/audit.hpp"
#include "app/caller.hpp"
#include "app/clock.hpp"
#include "app/jobs.hpp"
#include "core/employee.hpp"
#include "core/employee_history.hpp"
#include "core/employee_import.hpp"
#include "core/error.hpp"
#include "core/user.hpp"
#include "core/grade_scale.hpp"
#include "io/csv.hpp"

namespace binome::store {
class Connection;
class Database;
}  // namespace binome::store

namespace binome::app {

struct ImportOptions {
  bool dry_run = false;
  bool deactivate_missing = false;
  io::CsvOptions csv;  // a CSV file's reading; an Excel workbook is recognised by its bytes
  std::string sheet;   // an Excel workbook's sheet to read, by name; "": the first one
  std::map<std::string, std::string> mapping;  // file header → field name
  // The date the changes took effect, "YYYY-MM-DD"; empty: the import's date (UTC).
  std::string effective_date;
  // As its sender names it; empty when unknown. Recorded only when is_recordable_file_name.
  std::string file_name;
  // Checked every few thousand rows while reading, checking and writing: once a stop is
  // requested the import writes nothing and returns time_budget_exceeded.
  std::stop_token stop;
  // Set when the import runs as a background job: told how far the import is, and ending the
  // job in the import's own transaction.
  const JobRun* job = nullptr;
};

using core::ImportSummary;

struct EmployeeDetail {
  core::Employee employee;
  std::optional<core::Employee> manager;
  std::vector<core::Employee> direct_reports;
  std::optional<core::User> account;  // the account that belongs to the employee, if any
};

class People {
 public:
  People(store::Database& db, const Clock& clock, const AuditLog& audit, const Jobs& jobs)
      : db_(db), clock_(clock), audit_(audit), jobs_(jobs) {}

  // The whole file is checked first; any error and nothing is written: the error
  // (import_invalid) lists every problem with its line and column. Otherwise employees are
  // created or updated by employee id, in one transaction. Importing the same file again
  // changes nothing. The same transaction records the import and, per employee, each field it
  // changed, effective on options.effective_date (the directory's history).
  core::Result<ImportSummary> import_employees(const Caller& who, std::string_view bytes,
                                               const ImportOptions& options) const;

  // The same import as a background job (a large file sent from the web application or the
  // API): checked for access now, queued, run by a worker (run_import_job). Returns the job.
  core::Result<core::Job> start_import(const Caller& who, std::string_view bytes, const ImportOptions& options) const;
  // The job's handler: the import summary as JSON, or the import's error.
  core::Result<std::string> run_import_job(const JobRun& run) const;

  core::Result<core::Page<core::Employee>> list(const Caller& who, const core::EmployeeQuery& query) const;
  core::Result<EmployeeDetail> get(const Caller& who, const std::string& employee_id) const;
  core::Result<core::EmployeeFacets> facets(const Caller& who) const;
  // One employee's changes, newest first (by effective date); not_found for an unknown id.
  core::Result<core::Page<core::EmployeeChange>> history(const Caller& who, const std::string& employee_id,
                                                         const core::PageRange& page) const;

  // The configured scale, or the default one.
  core::Result<core::GradeScale> grade_scale(const Caller& who) const;
  // Refused when an employee's grade would not be on the new scale.
  core::Result<core::GradeScale> set_grade_scale(const Caller& who,
                                                 const std::vector<std::string>& grades) const;

 private:
  store::Database& db_;
  const Clock& clock_;
  const AuditLog& audit_;
  const Jobs& jobs_;
};

// A file name the history records: readable text (UTF-8, no control character, 255 bytes at
// most; a name on disk may be any bytes).
bool is_recordable_file_name(std::string_view name);

// The grade scale stored in `c`, or the default one.
core::GradeScale load_grade_scale(store::Connection& c);

}  // namespace binome::app
