#include "io/hr_extract.hpp"

#include <algorithm>
#include <functional>
#include <span>

#include "core/text.hpp"
#include "io/xlsx_reader.hpp"

namespace binome::io {

namespace {

using F = core::EmployeeField;

// Normalised headers we recognise, by field.
struct Synonyms {
  F field;
  std::vector<std::string_view> names;
};
const std::vector<Synonyms>& known_headers() {
  static const std::vector<Synonyms> kHeaders = {
      {F::kEmployeeId, {"employee id", "matricule", "employee number", "matricule salarie"}},
      {F::kFirstName, {"first name", "prenom", "given name"}},
      {F::kLastName, {"last name", "nom", "nom de famille", "family name", "surname"}},
      {F::kEmail, {"email", "e mail", "courriel", "adresse e mail", "adresse email", "mail", "email address"}},
      {F::kJobTitle, {"job title", "poste", "intitule de poste", "intitule du poste", "fonction", "title"}},
      {F::kDepartment, {"department", "direction", "departement", "service"}},
      {F::kGrade, {"grade", "niveau", "classification"}},
      {F::kManagerId, {"manager id", "matricule manager", "matricule du responsable", "matricule responsable", "manager employee id"}},
      {F::kHireDate, {"hire date", "date d entree", "date d embauche", "date entree"}},
      {F::kSite, {"site", "localisation", "location"}},
      {F::kTimeZone, {"time zone", "timezone", "fuseau horaire", "fuseau"}},
      {F::kLanguages, {"languages", "langues", "language", "langue"}},
      {F::kBirthYear, {"birth year", "annee de naissance", "year of birth"}},
      {F::kActive, {"active", "actif", "statut actif"}},
  };
  return kHeaders;
}

// The fields' names in the API, normalised ("employee id"), by field. Once, not for each column:
// a header line of millions of empty columns (";;;;") is a file of a few megabytes, and 4 MiB
// took 14 s to read when each column normalised these again.
const std::array<std::string, core::kEmployeeFieldCount>& api_headers() {
  static const auto kNames = [] {
    std::array<std::string, core::kEmployeeFieldCount> names;
    for (std::size_t slot = 0; slot < names.size(); ++slot) {
      names[slot] = normalize_header(core::field_name(static_cast<F>(slot)));
    }
    return names;
  }();
  return kNames;
}

std::string_view first_french_header(F f) {
  // The names write_hr_extract uses, and that error messages suggest.
  static const std::array<std::string_view, core::kEmployeeFieldCount> kFrench = {
      "matricule", "prénom", "nom", "courriel", "poste", "direction", "niveau",
      "matricule manager", "date d'entrée", "site", "fuseau horaire", "langues",
      "année de naissance", "actif"};
  return kFrench[static_cast<std::size_t>(f)];
}

}  // namespace

std::string normalize_header(std::string_view header) {
  std::string folded = core::fold_for_search(header);
  std::string out;
  for (std::size_t i = 0; i < folded.size(); ++i) {
    char c = folded[i];
    // U+2019 (’), the apostrophe Excel users type, is E2 80 99 in UTF-8.
    if (folded.compare(i, 3, "\xE2\x80\x99") == 0) {
      c = ' ';
      i += 2;
    }
    if (c == '_' || c == '-' || c == '.' || c == '\'' || c == '\t') c = ' ';
    if (c == ' ' && (out.empty() || out.back() == ' ')) continue;
    out += c;
  }
  while (!out.empty() && out.back() == ' ') out.pop_back();
  return out;
}

core::Error import_error(std::vector<core::ErrorDetail> details, std::size_t found) {
  core::Error error{core::ErrorCode::kImportInvalid, {}, std::move(details), 0};
  error.found = found;
  error.message = core::msg("directory.import_invalid", {core::count("count", error.problem_count())});
  return error;
}

core::ErrorDetail kind_summary(std::size_t count, const core::ErrorDetail& first) {
  return {first.field,
          core::msg("directory.issues_of_kind",
                    {core::count("count", count), core::count("line", first.line), core::nested("example", first.message)}),
          0, first.column};
}

namespace {

core::ErrorDetail at_line(std::size_t line, std::string column, core::Message message,
                          std::optional<F> field = std::nullopt) {
  return {field ? std::string(core::field_name(*field)) : std::string(), std::move(message),
          static_cast<std::int64_t>(line), std::move(column)};
}

// The headers that give `f`, as a person would write them: the French one Binôme writes, the
// field's name, then the other names recognised.
std::vector<std::string> headers_for(F f) {
  std::vector<std::string> out = {std::string(first_french_header(f)), std::string(core::field_name(f))};
  for (const auto& s : known_headers()) {
    if (s.field != f) continue;
    for (auto name : s.names) {
      if (normalize_header(name) != normalize_header(out[0]) && name != normalize_header(out[1])) {
        out.emplace_back(name);
      }
    }
  }
  return out;
}

// Calls the sink for each record of the file (a CSV's lines, a sheet's rows); the error: the
// file's own, with its line.
using RecordSource = std::function<std::expected<void, CsvError>(const CsvRecordSink&)>;
// How the errors that depend on the kind of file say it: a CSV file's separator, a sheet's columns.
struct RecordWording {
  // No header is one we read: from those headers.
  std::function<core::Message(std::vector<std::string> headers)> no_known_header;
  // A record has values beyond the header's last field.
  std::function<core::Message(std::size_t fields, std::size_t header_fields)> extra_fields;
};

// The extract from its records, whatever the file: the first record names the columns.
core::Result<HrExtract> read_records(const RecordSource& for_each_record, HrExtract out, const RecordWording& wording,
                                     const std::map<std::string, std::string>& mapping, std::stop_token stop) {
  std::vector<core::ErrorDetail> errors;
  // The mapping first (it overrides what we would recognise), by normalised header.
  std::map<std::string, std::optional<F>> mapped;  // nothing: ignore that column
  for (const auto& [header, field] : mapping) {
    if (field.empty() || field == "ignore") {
      mapped[normalize_header(header)] = std::nullopt;
      continue;
    }
    auto f = core::parse_field_name(field);
    if (!f) {
      errors.push_back(at_line(0, header, core::msg("directory.mapping_unknown_field",
                                                    {core::quoted("header", header), core::quoted("field", field)})));
      continue;
    }
    mapped[normalize_header(header)] = *f;
  }

  bool seen_header = false;
  bool header_refused = false;  // the header (or the mapping) has errors: no row is read
  std::size_t header_fields = 0;
  std::array<std::ptrdiff_t, core::kEmployeeFieldCount> column_index;
  column_index.fill(-1);

  // The first record names the columns; the records after it are rows.
  const auto read_header = [&](std::size_t line, std::span<const std::string_view> fields) {
    header_fields = fields.size();
    for (std::size_t k = 0; k < fields.size(); ++k) {
      const std::string written(fields[k]);
      const std::string norm = normalize_header(written);
      std::optional<F> field;
      if (auto m = mapped.find(norm); m != mapped.end()) {
        field = m->second;
        if (!field) continue;
      } else {
        for (const auto& s : known_headers()) {
          const std::string& api_name = api_headers()[static_cast<std::size_t>(s.field)];
          for (auto name : s.names) {
            if (norm == name || norm == api_name) field = s.field;
          }
        }
      }
      if (!field) {
        if (!norm.empty()) out.ignored_columns.push_back(written);
        continue;
      }
      const auto slot = static_cast<std::size_t>(*field);
      if (column_index[slot] >= 0) {
        errors.push_back(at_line(line, written,
                                 core::msg("directory.column_twice", {core::quoted("other", out.headers[slot]),
                                                                      core::text("field", std::string(core::field_name(*field)))}),
                                 *field));
        continue;
      }
      column_index[slot] = static_cast<std::ptrdiff_t>(k);
      out.headers[slot] = written;
    }
    const bool none_known = std::all_of(column_index.begin(), column_index.end(), [](auto k) { return k < 0; });
    if (none_known && mapping.empty()) {
      errors.push_back(at_line(line, "", wording.no_known_header(std::vector<std::string>(fields.begin(), fields.end()))));
    }
    for (std::size_t slot = 0; slot < core::kEmployeeFieldCount; ++slot) {
      const auto f = static_cast<F>(slot);
      if (column_index[slot] < 0 && core::is_required(f)) {
        errors.push_back(at_line(line, "", core::msg("directory.column_missing",
                                                     {core::text("field", std::string(core::field_name(f))),
                                                      core::quoted_list("headers", headers_for(f))}),
                                 f));
      }
    }
  };

  std::size_t extra_lines = 0;
  std::size_t records = 0;
  bool stopped = false;
  std::array<std::optional<std::string_view>, core::kEmployeeFieldCount> cells;  // nothing: no such column
  std::vector<std::pair<std::size_t, std::size_t>> columns;  // (field slot, column) of each column read
  auto read = for_each_record([&](std::size_t line, std::span<const std::string_view> fields) {
    if (records++ % 4096 == 0 && stop.stop_requested()) {
      stopped = true;
      return false;
    }
    if (!seen_header) {
      seen_header = true;
      read_header(line, fields);
      header_refused = !errors.empty();
      for (std::size_t slot = 0; slot < core::kEmployeeFieldCount; ++slot) {
        if (column_index[slot] >= 0) columns.emplace_back(slot, static_cast<std::size_t>(column_index[slot]));
      }
      return true;
    }
    // A file refused for its header is still read to its end: an unclosed quote further on is
    // what it is told first, as when the whole file was split before its header was looked at.
    if (header_refused) return true;
    // Some tools drop trailing empty fields; more fields than the header is a real mistake.
    bool extra = false;
    for (std::size_t k = header_fields; k < fields.size(); ++k) extra |= !fields[k].empty();
    if (extra) {
      // Counted all, listed up to the limit (a file of a million such lines stays cheap).
      if (++extra_lines <= core::kMaxListedImportIssues) {
        errors.push_back(at_line(line, "", wording.extra_fields(fields.size(), header_fields)));
      }
      return true;
    }
    // Once a row has too many fields the file is refused: its rows are kept no longer.
    if (extra_lines > 0) return true;
    for (const auto& [slot, idx] : columns) cells[slot] = idx < fields.size() ? fields[idx] : std::string_view();
    out.rows.push_back(line, cells);
    return true;
  });
  if (stopped) return core::fail(core::ErrorCode::kTimeBudgetExceeded);
  if (!read) return std::unexpected(import_error({at_line(read.error().line, "", read.error().message)}));
  if (!seen_header) return std::unexpected(import_error({at_line(1, "", core::msg("directory.file_empty"))}));
  if (extra_lines > errors.size()) {
    errors.push_back(kind_summary(extra_lines, errors.front()));
    return std::unexpected(import_error(std::move(errors), extra_lines));
  }
  if (!errors.empty()) return std::unexpected(import_error(std::move(errors)));
  return out;
}


// An Excel workbook's sheet, its rows as the records.
core::Result<HrExtract> read_workbook_extract(std::string_view bytes, std::string_view sheet,
                                              const std::map<std::string, std::string>& mapping, std::stop_token stop) {
  const auto refused = [](const XlsxError& e) { return std::unexpected(import_error({at_line(e.row, "", e.message)})); };
  auto workbook = XlsxWorkbook::open(bytes);
  if (!workbook) return refused(workbook.error());
  std::size_t index = workbook->first_sheet();
  if (!sheet.empty()) {
    auto found = workbook->find_sheet(sheet);
    if (!found) {
      return refused({0, core::msg("directory.xlsx_sheet_missing",
                                   {core::quoted("sheet", std::string(sheet)), core::quoted_list("sheets", workbook->sheets())})});
    }
    index = *found;
  }
  HrExtract out;
  out.format = ExtractFormat::kXlsx;
  out.sheet = workbook->sheets()[index];
  const RecordSource rows = [&](const CsvRecordSink& sink) -> std::expected<void, CsvError> {
    auto read = workbook->for_each_row(index, sink);
    if (!read) return std::unexpected(CsvError{read.error().row, std::move(read.error().message)});
    return {};
  };
  const std::string name = out.sheet;
  const RecordWording wording{
      [&](std::vector<std::string> headers) {
        return core::msg("directory.no_known_header_sheet", {core::quoted_list("headers", std::move(headers)), core::quoted("sheet", name)});
      },
      [](std::size_t fields, std::size_t header_fields) {
        return core::msg("directory.extra_cells", {core::text("column", excel_column_name(fields - 1)),
                                                   core::text("last", excel_column_name(header_fields - 1))});
      }};
  return read_records(rows, std::move(out), wording, mapping, stop);
}

}  // namespace

core::Result<HrExtract> read_hr_extract(std::string_view bytes, const CsvOptions& options,
                                        const std::map<std::string, std::string>& mapping,
                                        std::stop_token stop, std::string_view sheet) {
  // By the bytes, not the file's name: the command line, the API and the web page alike.
  if (looks_like_zip(bytes)) return read_workbook_extract(bytes, sheet, mapping, stop);
  if (looks_like_ole(bytes)) return std::unexpected(import_error({at_line(0, "", core::msg("directory.xlsx_ole"))}));
  if (!sheet.empty()) {
    return std::unexpected(import_error({at_line(0, "", core::msg("directory.sheet_for_csv", {core::quoted("sheet", std::string(sheet))}))}));
  }
  auto decoded = decode_csv(bytes, options);
  if (!decoded) {
    return std::unexpected(import_error({at_line(decoded.error().line, "", decoded.error().message)}));
  }
  HrExtract out;
  out.delimiter = decoded->delimiter;
  out.encoding = decoded->encoding;
  const RecordSource lines = [&](const CsvRecordSink& sink) { return for_each_csv_record(*decoded, sink); };
  const std::string delimiter = delimiter_name(decoded->delimiter);
  const RecordWording wording{
      [&](std::vector<std::string> headers) {
        // Often the wrong separator, or an extract of another kind: say what was read.
        return core::msg("directory.no_known_header",
                         {core::quoted_list("headers", std::move(headers)), core::quoted("delimiter", delimiter)});
      },
      [&](std::size_t fields, std::size_t header_fields) {
        return core::msg("directory.extra_fields", {core::count("fields", fields), core::count("header", header_fields),
                                                    core::quoted("delimiter", delimiter)});
      }};
  return read_records(lines, std::move(out), wording, mapping, stop);
}

std::string write_hr_extract(const std::vector<core::Employee>& employees) {
  std::string out = "\xEF\xBB\xBF";
  std::vector<std::string> row;
  for (std::size_t slot = 0; slot < core::kEmployeeFieldCount; ++slot) {
    row.emplace_back(first_french_header(static_cast<F>(slot)));
  }
  append_csv_row(out, row, ';');
  for (const auto& e : employees) {
    std::string hire;
    if (e.hire_date.size() == 10) hire = e.hire_date.substr(8, 2) + "/" + e.hire_date.substr(5, 2) + "/" + e.hire_date.substr(0, 4);
    std::string langs;
    for (const auto& l : e.languages) langs += (langs.empty() ? "" : ",") + l;
    row = {e.employee_id, e.first_name, e.last_name, e.email, e.job_title, e.department, e.grade,
           e.manager_id, hire, e.site, e.time_zone, langs,
           e.birth_year ? std::to_string(*e.birth_year) : std::string(), e.active ? "oui" : "non"};
    append_csv_row(out, row, ';');
  }
  return out;
}

}  // namespace binome::io
