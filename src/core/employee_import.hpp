// Planning an HR import: from the rows of an extract and the current directory, the directory
// after the import, what changes, and every problem with its line. Pure: no I/O; the caller
// reads the file and writes the plan. Nothing is written when `issues` is not empty.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <initializer_list>
#include <optional>
#include <stop_token>
#include <string>
#include <string_view>
#include <vector>

#include "core/employee.hpp"
#include "core/grade_scale.hpp"
#include "core/message.hpp"

namespace binome::core {

// One row of an extract: the text of each field, or nothing when the file has no such column
// (an absent column leaves the field as it is for existing employees).
struct EmployeeRow {
  std::size_t line = 0;  // physical line where the row starts (the header is line 1)
  std::array<std::optional<std::string>, kEmployeeFieldCount> cells;
  const std::optional<std::string>& operator[](EmployeeField f) const {
    return cells[static_cast<std::size_t>(f)];
  }
  std::optional<std::string>& operator[](EmployeeField f) { return cells[static_cast<std::size_t>(f)]; }
};

// A row as the planner reads it, from EmployeeRows: the same cells, viewing the rows' text.
struct EmployeeRowView {
  std::size_t line = 0;
  std::array<std::optional<std::string_view>, kEmployeeFieldCount> cells;
  std::optional<std::string_view> operator[](EmployeeField f) const { return cells[static_cast<std::size_t>(f)]; }
};

// The rows of an extract, packed: each row's line, which cells it has and their text, one after
// the other in one buffer. A row of EmployeeRow takes 600 bytes and an allocation per long cell
// before its text; a file of two million short lines took gigabytes so, and takes about its
// own size here.
class EmployeeRows {
 public:
  EmployeeRows() = default;
  // Tests and other inputs write rows as EmployeeRow; these copy them in.
  EmployeeRows(std::initializer_list<EmployeeRow> rows);
  EmployeeRows(const std::vector<EmployeeRow>& rows);  // NOLINT(google-explicit-constructor)

  // `cells[f]`: the text of field f, or nothing when the row has no such cell.
  void push_back(std::size_t line, const std::array<std::optional<std::string_view>, kEmployeeFieldCount>& cells);
  void push_back(const EmployeeRow& row);

  std::size_t size() const { return starts_.size(); }
  bool empty() const { return starts_.empty(); }
  EmployeeRowView operator[](std::size_t i) const;
  EmployeeRowView at(std::size_t i) const;  // std::out_of_range beyond size()
  std::size_t line(std::size_t i) const;
  // One cell of row i, without decoding the others.
  std::optional<std::string_view> cell(std::size_t i, EmployeeField f) const;

 private:
  // Per row: its line and a bit per cell it has (variable-length numbers), then each cell as
  // its length and its bytes.
  std::string data_;
  std::vector<std::size_t> starts_;  // where each row begins in data_
};

struct ImportIssue {
  std::size_t line = 0;                // 0: not tied to a line
  std::optional<EmployeeField> field;  // nothing: the whole row
  Message message;
  bool operator==(const ImportIssue&) const = default;
};

// An import's issues are listed up to this many (the first by line); all are counted, by kind.
inline constexpr std::size_t kMaxListedImportIssues = 500;

// One kind of issue: a message (by its catalogue key) on a field, how often, and where first.
struct ImportIssueKind {
  std::size_t count = 0;
  ImportIssue first;  // the one on the lowest line
  bool operator==(const ImportIssueKind&) const = default;
};

struct ImportRules {
  GradeScale scale;
  int current_year;                 // birth years and hire dates may not be in the future
  bool deactivate_missing = false;  // employees absent from the file become inactive
};

struct ImportPlan {
  // The whole directory after the import: the existing employees in the order given, then
  // the new ones in file order. Empty when there are issues.
  std::vector<Employee> employees;
  std::vector<std::size_t> created;      // indices into employees
  std::vector<std::size_t> updated;
  std::vector<std::size_t> deactivated;  // employees absent from the file, with deactivate_missing
  std::size_t unchanged = 0;             // rows of the file that change nothing
  // The first kMaxListedImportIssues issues by line, then field; `issue_count` counts them all,
  // and `issue_kinds` (ordered by their first line) says how many of each kind there were.
  std::vector<ImportIssue> issues;
  std::size_t issue_count = 0;
  std::vector<ImportIssueKind> issue_kinds;
  // A stop was requested before the plan was done: it is empty and must not be written.
  bool stopped = false;
};

// What an import did (or, for a dry run, would do), and how its file was read.
struct ImportSummary {
  std::int64_t created = 0;
  std::int64_t updated = 0;
  std::int64_t unchanged = 0;
  std::int64_t deactivated = 0;
  bool dry_run = false;
  std::string format = "csv";      // "csv" or "xlsx"
  char delimiter = ';';            // CSV
  std::string encoding = "utf-8";  // CSV: "utf-8" or "windows-1252"
  std::string sheet;               // XLSX: the sheet read
  std::vector<std::string> ignored_columns;
  // The directory's history: the date its changes took effect, and the import that recorded
  // them (nothing for a dry run) with how many changes.
  std::string effective_date;
  std::optional<std::int64_t> import_id;
  std::int64_t changes = 0;
};

// O(rows + existing) time, expected; the memory of the rows and a few words per row, plus, only
// when there is no issue, the directory after the import. `stop` is checked every few thousand
// rows in each pass.
ImportPlan plan_employee_import(const std::vector<Employee>& existing, const EmployeeRows& rows,
                                const ImportRules& rules, std::stop_token stop = {});

// Field parsers, exposed for tests and for other inputs (the API may edit one employee later).
// "YYYY-MM-DD" or "DD/MM/YYYY" (day and month may have one digit) → "YYYY-MM-DD".
std::optional<std::string> parse_hr_date(std::string_view text);
// Codes separated by ',', ';', '|' or spaces → lower-case ISO 639-1 codes, or the first
// unknown code as the error.
struct LanguageList {
  std::vector<std::string> codes;
  std::string unknown;  // empty when every code is known
};
LanguageList parse_languages(std::string_view text);
bool is_iso639_1(std::string_view code);
// An IANA time zone name known to this machine's time zone database.
bool is_known_time_zone(const std::string& name);

}  // namespace binome::core
