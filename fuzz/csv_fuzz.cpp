// libFuzzer target: the CSV reader (io/csv.hpp) and the encoding helpers (io/text_encoding.hpp)
// on any bytes, read in each way a user may ask for. Besides the sanitizers, it checks what the
// reader promises: its fields are UTF-8, its records come in line order and are never blank,
// and a table written back with append_csv_row reads the same.
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>

#include "broken.hpp"
#include "io/csv.hpp"
#include "io/text_encoding.hpp"

namespace {

using binome::io::CsvOptions;
using binome::io::CsvTable;
using binome::io::Encoding;

void check_table(const CsvTable& table, const CsvOptions& options) {
  if (table.encoding == Encoding::kAuto) binome::fuzz::broken("the table's encoding is 'auto'");
  if (options.delimiter != 0 && table.delimiter != options.delimiter) binome::fuzz::broken("another delimiter than the one asked for");
  std::size_t previous_line = 0;
  for (const auto& record : table.records) {
    // Each record ends a line, so the next one starts on a later line.
    if (record.line <= previous_line) binome::fuzz::broken("records out of line order");
    previous_line = record.line;
    bool blank = true;
    for (const auto& field : record.fields) {
      if (!binome::io::is_valid_utf8(field)) binome::fuzz::broken("a field that is not UTF-8");
      blank = blank && field.empty();
    }
    if (blank) binome::fuzz::broken("a blank record");
  }

  // Written back (UTF-8 with a BOM, as Binôme writes its extracts, so that a field starting with
  // U+FEFF keeps it) and read with the same delimiter: the same fields.
  std::string written = "\xEF\xBB\xBF";
  for (const auto& record : table.records) binome::io::append_csv_row(written, record.fields, table.delimiter);
  const auto again = binome::io::read_csv(written, {table.delimiter, Encoding::kUtf8});
  if (!again) binome::fuzz::broken("a table written back does not read");
  if (again->records.size() != table.records.size()) binome::fuzz::broken("a table written back has other records");
  for (std::size_t i = 0; i < table.records.size(); ++i) {
    if (again->records[i].fields != table.records[i].fields) binome::fuzz::broken("a record written back reads otherwise");
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view bytes(reinterpret_cast<const char*>(data), size);
  // Detection (what the import does by default) and each explicit choice the API and the
  // command line offer.
  static constexpr CsvOptions kOptions[] = {
      {0, Encoding::kAuto}, {';', Encoding::kUtf8}, {',', Encoding::kWindows1252}, {'\t', Encoding::kAuto}};
  for (const CsvOptions& options : kOptions) {
    if (auto table = binome::io::read_csv(bytes, options)) check_table(*table, options);
  }
  if (!binome::io::is_valid_utf8(binome::io::windows1252_to_utf8(bytes))) {
    binome::fuzz::broken("windows1252_to_utf8 wrote invalid UTF-8");
  }
  return 0;
}
