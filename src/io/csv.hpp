// CSV as spreadsheets write it (RFC 4180: quoted fields may hold delimiters, quotes and line
// breaks), from French Excel too: ';' separators, UTF-8 with a BOM or Windows-1252, CRLF.
#pragma once

#include <cstddef>
#include <expected>
#include <functional>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/message.hpp"

namespace binome::io {

enum class Encoding { kAuto, kUtf8, kWindows1252 };
std::string_view encoding_name(Encoding e);  // "auto", "utf-8", "windows-1252"
// The names a user may give (the command line's options, the API's query parameters), and
// what they mean; "" is "auto" too. Nothing for another name.
inline constexpr std::string_view kEncodingNames[] = {"auto", "utf-8", "windows-1252"};
std::optional<Encoding> parse_encoding(std::string_view name);
inline constexpr std::string_view kDelimiterNames[] = {"auto", "comma", ",", "semicolon", ";", "tab"};
std::optional<char> parse_delimiter(std::string_view name);  // auto: 0 (detect)
// ',' → ",", '\t' → "tab".
std::string delimiter_name(char delimiter);

struct CsvOptions {
  char delimiter = 0;  // 0: detect from the header line (';', ',' or '\t')
  Encoding encoding = Encoding::kAuto;  // auto: UTF-8 when valid, else Windows-1252
};

struct CsvRecord {
  std::size_t line = 0;  // physical line where the record starts (1-based)
  std::vector<std::string> fields;
};

struct CsvTable {
  char delimiter = ',';
  Encoding encoding = Encoding::kUtf8;  // as read (never kAuto)
  std::vector<CsvRecord> records;       // blank lines skipped; the header is records[0]
};

struct CsvError {
  std::size_t line = 0;
  core::Message message;
};

// Decodes `bytes` to UTF-8 and splits it into records. Errors: a UTF-16 file, invalid UTF-8
// when UTF-8 was asked for, a quoted field that never ends.
std::expected<CsvTable, CsvError> read_csv(std::string_view bytes, const CsvOptions& options);

// The same reading in two steps, for files too large to hold as a table of strings (an HR
// extract of two million lines took gigabytes so): decode, then visit each record.
struct CsvText {
  char delimiter = ',';
  Encoding encoding = Encoding::kUtf8;  // as read (never kAuto)
  std::optional<std::string> converted;  // the UTF-8 text, when the file was not UTF-8
  std::string_view bytes;                // the file's UTF-8 text after its BOM, otherwise
  std::string_view text() const { return converted ? std::string_view(*converted) : bytes; }
};
// The file's errors (UTF-16, invalid UTF-8 when asked for); `bytes` must outlive the result.
std::expected<CsvText, CsvError> decode_csv(std::string_view bytes, const CsvOptions& options);
// Calls `record(line, fields)` for each record of `text` that is not blank, in order; `fields`
// views the text (or a buffer for quoted fields with doubled quotes) until the call returns.
// `record` returns false to stop there. The error: a quoted field that never ends.
using CsvRecordSink = std::function<bool(std::size_t line, std::span<const std::string_view> fields)>;
std::expected<void, CsvError> for_each_csv_record(const CsvText& text, const CsvRecordSink& record);

// Appends one row, quoting the fields that need it, ended by `eol`.
void append_csv_row(std::string& out, const std::vector<std::string>& fields, char delimiter,
                    std::string_view eol = "\r\n");

}  // namespace binome::io
