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

std::expected<CsvText, CsvError> decode_csv(std::string_view bytes, const CsvOptions& options) {
  CsvText out;
  if (bytes.starts_with("\xFF\xFE") || bytes.starts_with("\xFE\xFF")) {
    return std::unexpected(CsvError{1, core::msg("directory.file_utf16")});
  }
  const bool bom = bytes.starts_with("\xEF\xBB\xBF");
  if (bom) bytes.remove_prefix(3);

  const auto invalid = first_invalid_utf8(bytes);
  Encoding enc = options.encoding;
  if (enc == Encoding::kAuto) enc = (bom || !invalid) ? Encoding::kUtf8 : Encoding::kWindows1252;
  if (enc == Encoding::kUtf8 && invalid) {
    return std::unexpected(CsvError{line_of_offset(bytes, *invalid),
                                    core::msg("directory.file_not_utf8")});
  }
  out.bytes = bytes;
  if (enc == Encoding::kWindows1252) out.converted = windows1252_to_utf8(bytes);
  out.encoding = enc;
  out.delimiter = options.delimiter ? options.delimiter : detect_delimiter(out.text());
  return out;
}

std::expected<void, CsvError> for_each_csv_record(const CsvText& decoded, const CsvRecordSink& record) {
  const std::string_view text = decoded.text();
  // Raw bytes, not string_view's operator[]: the debug build (no optimisation, sanitizers)
  // calls a function for each, and these loops see every byte of files of tens of megabytes.
  const char* const t = text.data();
  const std::size_t n = text.size();
  const char delim = decoded.delimiter;
  const auto ends_line_at = [t, n](std::size_t i) { return t[i] == '\n' || (t[i] == '\r' && (i + 1 >= n || t[i + 1] != '\n')); };
  // A field is a piece of the text, or of `unquoted` when quotes had to be undone ("a""b", or
  // text after the closing quote): no allocation for the fields of most records.
  struct Piece {
    std::size_t begin = 0;
    std::size_t size = 0;
    bool unquoted = false;
  };
  std::vector<Piece> pieces;
  std::vector<std::string_view> fields;
  std::string unquoted;
  const auto plain_end = [t, n, delim](std::size_t i) {
    while (i < n && t[i] != delim && t[i] != '\n' && t[i] != '\r') ++i;
    return i;
  };

  std::size_t line = 1;
  std::size_t i = 0;
  while (i < n) {
    const std::size_t record_line = line;
    pieces.clear();
    unquoted.clear();
    bool blank = true;
    bool end_of_record = false;
    while (!end_of_record) {
      Piece piece{i, 0, false};
      if (i < n && t[i] == '"') {
        const std::size_t started = line;
        const std::size_t content = ++i;
        bool closed = false;
        bool doubled = false;
        while (i < n) {
          const char c = t[i++];
          if (c == '"') {
            if (i < n && t[i] == '"') {
              doubled = true;
              ++i;
            } else {
              closed = true;
              break;
            }
          } else if (ends_line_at(i - 1)) {
            ++line;
          }
        }
        if (!closed) {
          return std::unexpected(CsvError{started, core::msg("directory.quote_unclosed")});
        }
        const std::size_t quote = i - 1;
        // What follows a closing quote, up to the delimiter or the line's end, belongs to it.
        const std::size_t after = plain_end(i);
        if (!doubled && after == i) {
          piece = {content, quote - content, false};
        } else {
          piece = {unquoted.size(), 0, true};
          for (std::size_t k = content; k < quote; ++k) {
            unquoted += t[k];
            if (t[k] == '"') ++k;  // the second of a doubled quote
          }
          unquoted.append(t + i, after - i);
          piece.size = unquoted.size() - piece.begin;
        }
        i = after;
      } else {
        i = plain_end(i);
        piece.size = i - piece.begin;
      }
      blank = blank && piece.size == 0;
      pieces.push_back(piece);
      if (i >= n) {
        end_of_record = true;
      } else if (t[i] == delim) {
        ++i;
      } else {
        // "\r\n", "\n" or a lone "\r" ends the record.
        if (t[i] == '\r' && i + 1 < n && t[i + 1] == '\n') ++i;
        ++i;
        ++line;
        end_of_record = true;
      }
    }
    // Spreadsheets often end with empty rows (";;;;"): they are not records.
    if (blank) continue;
    fields.clear();
    for (const Piece& p : pieces) {
      fields.emplace_back(p.unquoted ? unquoted.data() + p.begin : t + p.begin, p.size);
    }
    if (!record(record_line, fields)) break;
  }
  return {};
}

std::expected<CsvTable, CsvError> read_csv(std::string_view bytes, const CsvOptions& options) {
  auto decoded = decode_csv(bytes, options);
  if (!decoded) return std::unexpected(std::move(decoded.error()));
  CsvTable table;
  table.delimiter = decoded->delimiter;
  table.encoding = decoded->encoding;
  auto read = for_each_csv_record(*decoded, [&](std::size_t line, std::span<const std::string_view> fields) {
    table.records.push_back({line, {fields.begin(), fields.end()}});
    return true;
  });
  if (!read) return std::unexpected(std::move(read.error()));
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
