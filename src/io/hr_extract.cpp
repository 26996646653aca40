#include "io/hr_extract.hpp"

#include <fmt/format.h>

#include "core/text.hpp"

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

std::expected<HrExtract, std::vector<LineError>> read_hr_extract(
    std::string_view bytes, const CsvOptions& options,
    const std::map<std::string, std::string>& mapping) {
  std::vector<LineError> errors;
  auto table = read_csv(bytes, options);
  if (!table) return std::unexpected(std::vector<LineError>{{table.error().line, "", table.error().message}});
  if (table->records.empty()) {
    return std::unexpected(std::vector<LineError>{{1, "", "the file is empty: it needs a header line and one line per employee"}});
  }

  // The mapping first (it overrides what we would recognise), by normalised header.
  std::map<std::string, std::optional<F>> mapped;  // nothing: ignore that column
  for (const auto& [header, field] : mapping) {
    if (field.empty() || field == "ignore") {
      mapped[normalize_header(header)] = std::nullopt;
      continue;
    }
    auto f = core::parse_field_name(field);
    if (!f) {
      errors.push_back({0, header, fmt::format("the mapping sends '{}' to '{}', which is not a field "
                                               "(employee_id, first_name, last_name, email, job_title, department, grade, "
                                               "manager_id, hire_date, site, time_zone, languages, birth_year, active, "
                                               "or \"ignore\")",
                                               header, field)});
      continue;
    }
    mapped[normalize_header(header)] = *f;
  }

  HrExtract out;
  out.delimiter = table->delimiter;
  out.encoding = table->encoding;
  const CsvRecord& header = table->records.front();
  std::array<std::ptrdiff_t, core::kEmployeeFieldCount> column_index;
  column_index.fill(-1);
  for (std::size_t k = 0; k < header.fields.size(); ++k) {
    const std::string& written = header.fields[k];
    const std::string norm = normalize_header(written);
    std::optional<F> field;
    if (auto m = mapped.find(norm); m != mapped.end()) {
      field = m->second;
      if (!field) continue;
    } else {
      for (const auto& s : known_headers()) {
        for (auto name : s.names) {
          if (norm == name || norm == normalize_header(core::field_name(s.field))) field = s.field;
        }
      }
    }
    if (!field) {
      if (!norm.empty()) out.ignored_columns.push_back(written);
      continue;
    }
    const auto slot = static_cast<std::size_t>(*field);
    if (column_index[slot] >= 0) {
      errors.push_back({header.line, written, fmt::format("this column and '{}' both give {}", out.headers[slot], core::field_name(*field))});
      continue;
    }
    column_index[slot] = static_cast<std::ptrdiff_t>(k);
    out.headers[slot] = written;
  }
  for (std::size_t slot = 0; slot < core::kEmployeeFieldCount; ++slot) {
    const auto f = static_cast<F>(slot);
    if (column_index[slot] < 0 && core::is_required(f)) {
      errors.push_back({header.line, "", fmt::format("no column gives {} (a header such as '{}' or '{}')",
                                                     core::field_name(f), first_french_header(f), core::field_name(f))});
    }
  }
  if (!errors.empty()) return std::unexpected(std::move(errors));

  out.rows.reserve(table->records.size() - 1);
  for (std::size_t r = 1; r < table->records.size(); ++r) {
    CsvRecord& rec = table->records[r];
    // Some tools drop trailing empty fields; more fields than the header is a real mistake.
    bool extra = false;
    for (std::size_t k = header.fields.size(); k < rec.fields.size(); ++k) extra |= !rec.fields[k].empty();
    if (extra) {
      errors.push_back({rec.line, "", fmt::format("this line has {} fields but the header has {} (a stray '{}'?)",
                                                  rec.fields.size(), header.fields.size(), out.delimiter == '\t' ? std::string("tab") : std::string(1, out.delimiter))});
      continue;
    }
    core::EmployeeRow row;
    row.line = rec.line;
    for (std::size_t slot = 0; slot < core::kEmployeeFieldCount; ++slot) {
      const auto k = column_index[slot];
      if (k < 0) continue;
      const auto idx = static_cast<std::size_t>(k);
      row.cells[slot] = idx < rec.fields.size() ? std::move(rec.fields[idx]) : std::string();
    }
    out.rows.push_back(std::move(row));
  }
  if (!errors.empty()) return std::unexpected(std::move(errors));
  return out;
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
