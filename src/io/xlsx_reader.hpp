// Excel workbooks (.xlsx) as HR systems export them: one sheet read row by row as text, the way
// the sheet's cells would read once saved as CSV, for the HR extract reader (io/hr_extract.hpp).
// A workbook is a ZIP archive of XML parts (libzip, expat); every part is inflated and parsed as
// a stream, under limits that refuse ZIP bombs before they cost memory or minutes.
#pragma once

#include <cstddef>
#include <cstdint>
#include <expected>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/message.hpp"
#include "io/csv.hpp"

namespace binome::io {

// What an upload may expand to. The defaults hold an extract of a few hundred thousand
// employees (100,000 rows of 14 columns: 1.4 million cells, a sheet of about 60 MB of XML).
struct XlsxLimits {
  std::size_t max_entries = 10'000;               // entries of the ZIP archive
  std::uint64_t max_part_bytes = 512ull << 20;    // one part, once inflated
  std::uint64_t max_ratio = 200;                  // inflated size / compressed size of a part...
  std::uint64_t ratio_from_bytes = 1ull << 20;    // ...once it is larger than this
  std::uint64_t max_cells = 10'000'000;           // cells of the sheet, empty ones between included
};

// A ZIP archive's local file header: how an .xlsx file (and any ZIP) starts.
bool looks_like_zip(std::string_view bytes);
// An OLE compound file: an old .xls workbook, or an .xlsx one encrypted with a password.
bool looks_like_ole(std::string_view bytes);

struct XlsxError {
  std::size_t row = 0;  // the sheet's row number where it was found; 0: the whole file
  core::Message message;
};

// Cells as text: shared and inline strings as written (rich text runs joined, phonetic hints
// left out); numbers as Excel shows them in General format (1234, not 1234.0; 15 significant
// digits); numbers in a date format (built in, or custom with d or y) as YYYY-MM-DD, in the
// workbook's date system (1900, or 1904); booleans as true/false; errors as written (#N/A);
// formulas by their cached value.
class XlsxWorkbook {
 public:
  // Errors: not a ZIP archive, a damaged one, a ZIP that is no workbook, a part past the limits
  // or not well-formed XML. `bytes` must outlive the workbook.
  static std::expected<XlsxWorkbook, XlsxError> open(std::string_view bytes, const XlsxLimits& limits = {});
  XlsxWorkbook(XlsxWorkbook&&) noexcept;
  XlsxWorkbook& operator=(XlsxWorkbook&&) noexcept;
  ~XlsxWorkbook();

  // The worksheets' names, in the workbook's (the tabs') order.
  const std::vector<std::string>& sheets() const;
  // The first worksheet that is not hidden (the first one when all are).
  std::size_t first_sheet() const;
  // By name as written, else ignoring case and accents when that names one sheet only.
  std::optional<std::size_t> find_sheet(std::string_view name) const;

  // Calls `row(number, cells)` for each row of sheet `index` that has a cell with a value, in
  // order: `number` is the sheet's row number (1-based), `cells[k]` column k's text ("" for a
  // column without one; the row ends at its last cell). `row` returns false to stop there.
  // Errors: the sheet's part past the limits, more cells than max_cells, XML not well-formed,
  // row or column numbers beyond Excel's (1,048,576 rows, 16,384 columns).
  std::expected<void, XlsxError> for_each_row(std::size_t index, const CsvRecordSink& row) const;

 private:
  struct Impl;
  explicit XlsxWorkbook(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

// Excel's serial day number as a date: "YYYY-MM-DD", or nothing outside 1900-01-01..9999-12-31
// (and for 1900-02-29, the day the 1900 system counts that never was).
std::optional<std::string> excel_serial_date(double serial, bool date1904);
// A number as Excel's General format shows it: 15 significant digits, no trailing zeros.
std::string excel_general_number(double value);
// A column's letters: 0 → "A", 26 → "AA".
std::string excel_column_name(std::size_t index);
// Whether a number format (its code) shows a date: a d or y outside quotes, escapes and brackets.
bool is_date_format_code(std::string_view code);

}  // namespace binome::io
