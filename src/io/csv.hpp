// CSV as spreadsheets write it (RFC 4180: quoted fields may hold delimiters, quotes and line
// breaks), from French Excel too: ';' separators, UTF-8 with a BOM or Windows-1252, CRLF.
#pragma once

#include <cstddef>
#include <expected>
#include <optional>
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

// Appends one row, quoting the fields that need it, ended by `eol`.
void append_csv_row(std::string& out, const std::vector<std::string>& fields, char delimiter,
                    std::string_view eol = "\r\n");

}  // namespace binome::io
