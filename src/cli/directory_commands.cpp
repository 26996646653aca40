// binome import employees, binome employees history and binome grades show|set: the employee
// directory.
#include <fmt/format.h>

#include <filesystem>

#include "cli/commands.hpp"
#include "io/csv.hpp"
#include "io/employee_history_json.hpp"
#include "io/import_summary_json.hpp"

namespace binome::cli {

namespace {

struct ImportOptions {
  std::string file;
  std::string delimiter = "auto";
  std::string encoding = "auto";
  std::string mapping_file;
  bool json = false;
  app::ImportOptions import;
};

struct HistoryOptions {
  std::string employee_id;
  bool json = false;
};

struct GradesSetOptions {
  std::vector<std::string> grades;
};

// {"File header": "field", ...}
std::map<std::string, std::string> read_mapping(const std::string& path) {
  const auto json = read_json_file(path);
  if (!json.is_object()) refuse(core::msg("operations.mapping_object"), path);
  std::map<std::string, std::string> out;
  for (const auto& [header, field] : json.items()) {
    if (!field.is_string()) refuse(core::msg("operations.mapping_value", {core::quoted("header", header)}), path);
    out[header] = field.get<std::string>();
  }
  return out;
}

// The same names as the API's query parameters.
const std::vector<std::string> kDelimiters(std::begin(io::kDelimiterNames), std::end(io::kDelimiterNames));
const std::vector<std::string> kEncodings(std::begin(io::kEncodingNames), std::end(io::kEncodingNames));

}  // namespace

void add_directory_commands(CLI::App& app, Context& context) {
  auto* import = app.add_subcommand("import", "Import data from files.")->require_subcommand(1);
  auto o = std::make_shared<ImportOptions>();
  auto* employees = import->add_subcommand(
      "employees", "Create or update the employee directory from an HR extract (CSV or Excel .xlsx).");
  employees->add_option("FILE", o->file, "The HR extract (CSV as Excel writes it, or an Excel workbook)")->required();
  employees->add_flag("--dry-run", o->import.dry_run, "Check and count, write nothing");
  employees->add_flag("--json", o->json, "Print the summary as JSON");
  employees->add_option("--delimiter", o->delimiter, "auto, ',', ';' or tab")
      ->capture_default_str()->check(CLI::IsMember(kDelimiters));
  employees->add_option("--encoding", o->encoding, "auto, utf-8 or windows-1252")
      ->capture_default_str()->check(CLI::IsMember(kEncodings));
  employees->add_option("--sheet", o->import.sheet, "An Excel workbook's sheet to read (default: the first one)");
  employees->add_option("--mapping", o->mapping_file,
                        "JSON file mapping other headers to fields: {\"Code salarié\": \"employee_id\"}");
  employees->add_flag("--deactivate-missing", o->import.deactivate_missing,
                      "Mark employees absent from the file as inactive");
  employees->add_option("--effective-date", o->import.effective_date,
                        "The date the changes took effect, YYYY-MM-DD (default: today, UTC)");
  context.on(employees, [&context, o] {
    const auto& people = context.open().people;
    o->import.csv.delimiter = io::parse_delimiter(o->delimiter).value_or('\0');
    o->import.csv.encoding = io::parse_encoding(o->encoding).value_or(io::Encoding::kAuto);
    if (!o->mapping_file.empty()) o->import.mapping = read_mapping(o->mapping_file);
    const std::string bytes = read_file(o->file);
    o->import.file_name = std::filesystem::path(o->file).filename().string();
    auto summary = people.import_employees(context.caller, bytes, o->import);
    if (!summary) {
      print_error(context, summary.error(), o->file);
      fmt::print(stderr, "{}: {}\n", o->file,
                 context.say(core::msg("operations.import_failed", {core::count("count", summary.error().problem_count())})));
      return kRefused;
    }
    const auto& s = *summary;
    if (o->json) {
      print_json_line(io::import_summary_json(s));
      return 0;
    }
    const std::string read_as = s.format == "xlsx" ? fmt::format("sheet '{}'", s.sheet)
                                                   : fmt::format("{}, '{}'", s.encoding, io::delimiter_name(s.delimiter));
    fmt::print("{}: {} created, {} updated, {} unchanged, {} deactivated ({}){}\n", o->file, s.created, s.updated,
               s.unchanged, s.deactivated, read_as, s.dry_run ? "; dry run, nothing written" : "");
    for (const auto& c : s.ignored_columns) fmt::print("note: column '{}' was ignored\n", c);
    return 0;
  });

  auto* directory = app.add_subcommand("employees", "The employee directory.")->require_subcommand(1);
  auto h = std::make_shared<HistoryOptions>();
  auto* history = directory->add_subcommand("history", "An employee's changes, newest first (the directory's history).");
  history->add_option("ID", h->employee_id, "The employee id")->required();
  history->add_flag("--json", h->json, "One JSON object per line");
  context.on(history, [&context, h] {
    const auto& people = context.open().people;
    core::PageRange page{0, 1000};
    for (;; page.offset += page.limit) {
      const auto changes = value_or_refuse(people.history(context.caller, h->employee_id, page));
      for (const auto& c : changes.items) {
        if (h->json) {
          print_json_line(io::employee_change_json(c));
          continue;
        }
        const auto value = [](const std::optional<std::string>& v) { return v ? "'" + *v + "'" : std::string("-"); };
        const std::string what = c.change.field ? std::string(core::field_name(*c.change.field)) + " " +
                                                      value(c.change.old_value) + " -> " + value(c.change.new_value)
                                                : std::string();
        fmt::print("{}\t{}\t{}\timport {}\n", c.effective_date, core::change_kind_name(c.change.kind), what, c.import_id);
      }
      if (page.offset + page.limit >= changes.total) break;
    }
    return 0;
  });

  auto* grades = app.add_subcommand("grades", "The grade scale (lowest first).")->require_subcommand(1);
  auto* show = grades->add_subcommand("show", "Print the grade scale.");
  context.on(show, [&context] {
    const auto scale = value_or_refuse(context.open().people.grade_scale(context.caller));
    if (!scale.custom()) {
      fmt::print("default scale: numbers in numeric order, letters A-Z in alphabetical order\n");
    } else {
      for (const auto& g : scale.grades()) fmt::print("{}\n", g);
    }
    return 0;
  });
  auto set = std::make_shared<GradesSetOptions>();
  auto* set_cmd = grades->add_subcommand("set", "Set the grade scale, lowest grade first.");
  set_cmd->add_option("GRADES", set->grades, "The grades, lowest first")->required();
  context.on(set_cmd, [&context, set] {
    value_or_refuse(context.open().people.set_grade_scale(context.caller, set->grades));
    fmt::print("grade scale set: {} grades\n", set->grades.size());
    return 0;
  });
}

}  // namespace binome::cli
