// An HR extract: a CSV file, or a sheet of an Excel workbook (.xlsx), whose headers name
// employee fields, in English or French, as a bank's HR system writes them, or through a
// mapping for any other header.
#pragma once

#include <array>
#include <cstddef>
#include <expected>
#include <map>
#include <stop_token>
#include <string>
#include <string_view>
#include <vector>

#include "core/employee.hpp"
#include "core/employee_import.hpp"
#include "core/error.hpp"
#include "io/csv.hpp"

namespace binome::io {

enum class ExtractFormat { kCsv, kXlsx };

struct HrExtract {
  ExtractFormat format = ExtractFormat::kCsv;
  core::EmployeeRows rows;
  std::array<std::string, core::kEmployeeFieldCount> headers;  // as written; "" when absent
  std::vector<std::string> ignored_columns;                    // headers that name no field
  char delimiter = ';';                  // CSV: as read
  Encoding encoding = Encoding::kUtf8;   // CSV: as read
  std::string sheet;                     // XLSX: the sheet read
};

// `mapping`: file header → field name ("employee_id", ...), for headers we do not know, or
// "ignore" for a column to leave out (say "service" beside "direction").
// Errors (import_invalid, each detail with its line and column header): the file's (see
// read_csv), missing required columns (naming the headers that would do), two columns for one
// field, a mapping to an unknown field, a row with more fields than the header. The file is
// read once, record by record, into compact rows (about the file's size); `stop` is checked
// every few thousand records, and a stop requested is time_budget_exceeded.
// Bytes that start as a ZIP archive are read as an Excel workbook (io/xlsx_reader.hpp), whatever
// the file's name: sheet `sheet` (by name), or the first one; a sheet's row numbers are the lines,
// `options` do not apply. Its errors, import_invalid too: a workbook that cannot be read (damaged,
// not a workbook, past the limits against ZIP bombs), no such sheet; a sheet named for a CSV file.
core::Result<HrExtract> read_hr_extract(
    std::string_view bytes, const CsvOptions& options,
    const std::map<std::string, std::string>& mapping = {}, std::stop_token stop = {},
    std::string_view sheet = {});

// Lower case, no accents, '_', '-', '.', apostrophes as spaces, spaces collapsed:
// " Date d’Entrée " → "date d entree".
std::string normalize_header(std::string_view header);

// The French Excel extract Binôme writes for demos and tests: ';', UTF-8 BOM, CRLF,
// DD/MM/YYYY dates, French headers.
std::string write_hr_extract(const std::vector<core::Employee>& employees);

// The import_invalid error for these problems: "The file has N errors; nothing was imported."
// `found`: how many there were in all, when `details` lists only the first ones (0: all listed).
core::Error import_error(std::vector<core::ErrorDetail> details, std::size_t found = 0);

// After the first problems, one line per kind of problem: "1,999,500 errors of this kind; the
// first, line 3: ..." (the field and column of `first`, no line of its own).
core::ErrorDetail kind_summary(std::size_t count, const core::ErrorDetail& first);

}  // namespace binome::io
