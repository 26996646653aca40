#include "io/csv.hpp"

#include <algorithm>
#include <array>

#include "io/text_encoding.hpp"

namespace binome::io {

std::string_view encoding_name(Encoding e) {
  switch (e) {
    case Encoding::kAuto: return "auto";
    case Encoding::kUtf8: return "utf-8";
    case Encoding::kWindows1252: return "windows-1252";
  }
  return "unknown";
}

std::optional<Encoding> parse_encoding(std::string_view name) {
  if (name.empty() || name == "auto") return Encoding::kAuto;
  if (name == "utf-8") return Encoding::kUtf8;
  if (name == "windows-1252") return Encoding::kWindows1252;
  return std::nullopt;
}

std::optional<char> parse_delimiter(std::string_view name) {
  if (name.empty() || name == "auto") return '\0';
  if (name == "comma" || name == ",") return ',';
  if (name == "semicolon" || name == ";") return ';';
  if (name == "tab") return '\t';
  return std::nullopt;
}

std::string delimiter_name(char delimiter) { return delimiter == '\t' ? "tab" : std::string(1, delimiter); }

namespace {

// A physical line ends with CRLF, LF or a lone CR (old Mac exports), as the reader below counts.
bool ends_line(std::string_view text, std::size_t i) {
  return text[i] == '\n' || (text[i] == '\r' && (i + 1 >= text.size() || text[i + 1] != '\n'));
}

std::size_t line_of_offset(std::string_view text, std::size_t offset) {
  std::size_t line = 1;
  for (std::size_t i = 0; i < offset; ++i) {
    if (ends_line(text, i)) ++line;
  }
  return line;
}

// The delimiter that appears most often in the first line outside quotes; ';' wins ties
// (French Excel), ',' when there is none (a single column).
char detect_delimiter(std::string_view text) {
  std::array<std::size_t, 3> counts{};
  constexpr std::array<char, 3> kCandidates = {';', ',', '\t'};
  bool quoted = false;
  // Blank lines before the header are skipped by the reader, so they say nothing here.
  text.remove_prefix(std::min(text.find_first_not_of("\r\n"), text.size()));
  for (char c : text) {
    if (c == '"') quoted = !quoted;
    if (!quoted && (c == '\n' || c == '\r')) break;
    if (quoted) continue;
    for (std::size_t i = 0; i < kCandidates.size(); ++i) {
      if (c == kCandidates[i]) ++counts[i];
    }
  }
  const auto best = std::max_element(counts.begin(), counts.end());
  return *best == 0 ? ',' : kCandidates[static_cast<std::size_t>(best - counts.begin())];
}

}  // namespace

std::expected<CsvTable, CsvError> read_csv(std::string_view bytes, const CsvOptions& options) {
  CsvTable table;
  if (bytes.starts_with("\xFF\xFE") || bytes.starts_with("\xFE\xFF")) {
    return std::unexpected(CsvError{1, core::msg("directory.file_utf16")});
  }
  const bool bom = bytes.starts_with("\xEF\xBB\xBF");
  if (bom) bytes.remove_prefix(3);

  std::string converted;
  std::string_view text = bytes;
  const auto invalid = first_invalid_utf8(bytes);
  Encoding enc = options.encoding;
  if (enc == Encoding::kAuto) enc = (bom || !invalid) ? Encoding::kUtf8 : Encoding::kWindows1252;
  if (enc == Encoding::kUtf8 && invalid) {
    return std::unexpected(CsvError{line_of_offset(bytes, *invalid),
                                    core::msg("directory.file_not_utf8")});
  }
  if (enc == Encoding::kWindows1252) {
    converted = windows1252_to_utf8(bytes);
    text = converted;
  }
  table.encoding = enc;
  const char delim = options.delimiter ? options.delimiter : detect_delimiter(text);
  table.delimiter = delim;

  std::size_t line = 1;
  std::size_t i = 0;
  const std::size_t n = text.size();
  while (i < n) {
    CsvRecord record;
    record.line = line;
    std::string field;
    bool end_of_record = false;
    while (!end_of_record) {
      field.clear();
      if (i < n && text[i] == '"') {
        const std::size_t started = line;
        ++i;
        bool closed = false;
        while (i < n) {
          const char c = text[i++];
          if (c == '"') {
            if (i < n && text[i] == '"') {
              field += '"';
              ++i;
            } else {
              closed = true;
              break;
            }
          } else {
            if (ends_line(text, i - 1)) ++line;
            field += c;
          }
        }
        if (!closed) {
          return std::unexpected(CsvError{started, core::msg("directory.quote_unclosed")});
        }
      }
      // Unquoted text, or what follows a closing quote, up to the delimiter or the line's end.
      while (i < n && text[i] != delim && text[i] != '\n' && text[i] != '\r') field += text[i++];
      record.fields.push_back(std::move(field));
      if (i >= n) {
        end_of_record = true;
      } else if (text[i] == delim) {
        ++i;
      } else {
        // "\r\n", "\n" or a lone "\r" ends the record.
        if (text[i] == '\r' && i + 1 < n && text[i + 1] == '\n') ++i;
        ++i;
        ++line;
        end_of_record = true;
      }
    }
    // Spreadsheets often end with empty rows (";;;;"): they are not records.
    const bool blank = std::all_of(record.fields.begin(), record.fields.end(),
                                   [](const std::string& f) { return f.empty(); });
    if (!blank) table.records.push_back(std::move(record));
  }
  return table;
}

void append_csv_row(std::string& out, const std::vector<std::string>& fields, char delimiter,
                    std::string_view eol) {
  for (std::size_t k = 0; k < fields.size(); ++k) {
    if (k) out += delimiter;
    const std::string& f = fields[k];
    const bool quote = f.find_first_of(std::string{delimiter, '"', '\n', '\r'}) != std::string::npos;
    if (!quote) {
      out += f;
      continue;
    }
    out += '"';
    for (char c : f) {
      if (c == '"') out += '"';
      out += c;
    }
    out += '"';
  }
  out += eol;
}

}  // namespace binome::io
