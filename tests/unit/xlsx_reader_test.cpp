// Excel workbooks as HR extracts: workbooks written here by a real writer (libxlsxwriter, with
// shared strings, or inline strings in its constant-memory mode) read as their CSV twin reads;
// a workbook's sheets; dates as serial numbers (1900 and 1904 systems) or text; numbers as Excel
// shows them; and the archives that must be refused (damaged, not a workbook, ZIP bombs, too
// many entries or cells, XML with a document type), each with its sentence and row.
#include "io/xlsx_reader.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <xlsxwriter.h>
#include <zip.h>

#include <atomic>
#include <filesystem>
#include <fstream>
#include <functional>
#include <sstream>
#include <string>
#include <utility>
#include <vector>

#include "core/employee_import.hpp"
#include "io/hr_extract.hpp"
#include "support/messages.hpp"

namespace binome::io {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using F = core::EmployeeField;

std::string temp_path(std::string_view stem) {
  static std::atomic<int> counter{0};
  return (std::filesystem::path(::testing::TempDir()) /
          (std::string(stem) + "_" + std::to_string(::getpid()) + "_" + std::to_string(counter++) + ".xlsx"))
      .string();
}

std::string slurp_and_remove(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream bytes;
  bytes << in.rdbuf();
  std::filesystem::remove(path);
  return bytes.str();
}

// A workbook written by libxlsxwriter: `fill` writes its sheets; `inline_strings` writes it in
// constant-memory mode, where strings are inline in the sheet instead of shared.
std::string write_workbook(const std::function<void(lxw_workbook*)>& fill, bool inline_strings = false) {
  const std::string path = temp_path("workbook");
  lxw_workbook_options options = {};
  options.constant_memory = inline_strings ? LXW_TRUE : LXW_FALSE;
  lxw_workbook* wb = workbook_new_opt(path.c_str(), &options);
  fill(wb);
  EXPECT_EQ(workbook_close(wb), LXW_NO_ERROR);
  return slurp_and_remove(path);
}

// A ZIP archive of the given entries, by libzip.
std::string write_zip(const std::vector<std::pair<std::string, std::string>>& entries) {
  const std::string path = temp_path("archive");
  int error = 0;
  zip_t* z = zip_open(path.c_str(), ZIP_CREATE | ZIP_TRUNCATE, &error);
  EXPECT_NE(z, nullptr);
  for (const auto& [name, content] : entries) {
    zip_source_t* s = zip_source_buffer(z, content.data(), content.size(), 0);
    EXPECT_GE(zip_file_add(z, name.c_str(), s, ZIP_FL_OVERWRITE), 0);
  }
  EXPECT_EQ(zip_close(z), 0);
  return slurp_and_remove(path);
}

std::vector<std::string> zip_names(const std::string& bytes) {
  zip_source_t* src = zip_source_buffer_create(bytes.data(), bytes.size(), 0, nullptr);
  zip_t* z = zip_open_from_source(src, ZIP_RDONLY, nullptr);
  std::vector<std::string> out;
  for (zip_int64_t i = 0; i < zip_get_num_entries(z, 0); ++i) out.emplace_back(zip_get_name(z, static_cast<zip_uint64_t>(i), 0));
  zip_discard(z);
  return out;
}

constexpr const char* kSpreadsheetNs = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";

// A workbook written by hand, part by part, for what writers rarely do: one sheet whose
// <sheetData> is `rows`; `workbook_pr` inside <workbookPr .../>; other parts besides.
std::string hand_made_workbook(const std::string& rows, const std::string& workbook_pr = "",
                               std::vector<std::pair<std::string, std::string>> extra = {}) {
  std::vector<std::pair<std::string, std::string>> parts = {
      {"xl/workbook.xml",
       std::string("<workbook xmlns=\"") + kSpreadsheetNs +
           "\" xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\"><workbookPr " + workbook_pr +
           "/><sheets><sheet name=\"Feuil1\" sheetId=\"1\" r:id=\"rId1\"/></sheets></workbook>"},
      {"xl/_rels/workbook.xml.rels",
       "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
       "<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet\" "
       "Target=\"worksheets/sheet1.xml\"/>"
       "<Relationship Id=\"rId2\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles\" "
       "Target=\"styles.xml\"/></Relationships>"},
      {"xl/styles.xml",
       std::string("<styleSheet xmlns=\"") + kSpreadsheetNs +
           "\"><numFmts count=\"1\"><numFmt numFmtId=\"164\" formatCode=\"dd/mm/yyyy\"/></numFmts>"
           "<cellXfs count=\"3\"><xf numFmtId=\"0\"/><xf numFmtId=\"164\"/><xf numFmtId=\"14\"/></cellXfs></styleSheet>"},
      {"xl/worksheets/sheet1.xml",
       std::string("<worksheet xmlns=\"") + kSpreadsheetNs + "\"><sheetData>" + rows + "</sheetData></worksheet>"},
  };
  for (auto& p : extra) parts.push_back(std::move(p));
  return write_zip(parts);
}

// Every row of the first sheet, as (row number, cells).
std::vector<std::pair<std::size_t, std::vector<std::string>>> rows_of(const std::string& bytes, const XlsxLimits& limits = {}) {
  auto wb = XlsxWorkbook::open(bytes, limits);
  if (!wb) {
    ADD_FAILURE() << wb.error().message;
    return {};
  }
  std::vector<std::pair<std::size_t, std::vector<std::string>>> out;
  auto read = wb->for_each_row(wb->first_sheet(), [&](std::size_t row, std::span<const std::string_view> cells) {
    out.emplace_back(row, std::vector<std::string>(cells.begin(), cells.end()));
    return true;
  });
  if (!read) ADD_FAILURE() << read.error().message;
  return out;
}

// The error of reading the first sheet of these bytes: its row and English sentence.
std::pair<std::size_t, std::string> sheet_error(const std::string& bytes, const XlsxLimits& limits = {}) {
  auto wb = XlsxWorkbook::open(bytes, limits);
  if (!wb) return {wb.error().row, core::english(wb.error().message)};
  auto read = wb->for_each_row(wb->first_sheet(), [](std::size_t, std::span<const std::string_view>) { return true; });
  EXPECT_FALSE(read) << "the workbook was read";
  if (read) return {};
  return {read.error().row, core::english(read.error().message)};
}

// The first error of an import of these bytes, as a user reads it: line, column, sentence.
std::string extract_error(std::string_view bytes, std::string_view sheet = {}) {
  auto x = read_hr_extract(bytes, {}, {}, {}, sheet);
  EXPECT_FALSE(x) << "the extract was read";
  if (x) return {};
  EXPECT_EQ(x.error().code, core::ErrorCode::kImportInvalid);
  const auto& d = x.error().details.at(0);
  return std::to_string(d.line) + ":" + d.column + ": " + core::english(d.message);
}

// --- a French HR export ----------------------------------------------------------------------

const std::vector<std::string> kFrenchHeaders = {
    "Matricule", "Prénom", "Nom", "Adresse e-mail", "Intitulé de poste", "Direction", "Niveau",
    "Matricule du responsable", "Date d'entrée", "Localisation", "Fuseau horaire", "Langues",
    "Année de naissance", "Actif"};

// The export as a French HR system writes it: ids and years as numbers (1234, not "1234"), hire
// dates as serial numbers in a date format (custom dd/mm/yyyy, and Excel's built-in one) or as
// typed text, active as a boolean or a word, a line break in a cell, then an empty row that
// keeps only its style and height.
void fill_french_export(lxw_workbook* wb) {
  lxw_worksheet* ws = workbook_add_worksheet(wb, "Salariés");
  lxw_format* date = workbook_add_format(wb);
  format_set_num_format(date, "dd/mm/yyyy");
  lxw_format* builtin_date = workbook_add_format(wb);
  format_set_num_format_index(builtin_date, 14);
  lxw_format* shaded = workbook_add_format(wb);
  format_set_bg_color(shaded, LXW_COLOR_YELLOW);
  for (lxw_col_t c = 0; c < kFrenchHeaders.size(); ++c) worksheet_write_string(ws, 0, c, kFrenchHeaders[c].c_str(), nullptr);

  const auto text = [&](lxw_row_t r, lxw_col_t c, const char* s) { worksheet_write_string(ws, r, c, s, nullptr); };
  lxw_datetime hired1 = {1998, 9, 1, 0, 0, 0};
  worksheet_write_number(ws, 1, 0, 1234, nullptr);
  text(1, 1, "Hélène"), text(1, 2, "Dubois-Martin"), text(1, 3, "helene.dubois@banque.example");
  text(1, 4, "Directrice générale"), text(1, 5, "Direction générale"), text(1, 6, "K");
  worksheet_write_datetime(ws, 1, 8, &hired1, date);
  text(1, 9, "Paris"), text(1, 10, "Europe/Paris"), text(1, 11, "fr,en");
  worksheet_write_number(ws, 1, 12, 1966, nullptr);
  worksheet_write_boolean(ws, 1, 13, 1, nullptr);

  text(2, 0, "F002"), text(2, 1, "François"), text(2, 2, "Lefèvre"), text(2, 3, "francois.lefevre@banque.example");
  text(2, 4, "Directeur des risques\net de la conformité"), text(2, 5, "Risques"), text(2, 6, "J");
  worksheet_write_number(ws, 2, 7, 1234, nullptr);
  text(2, 8, "15/03/2004"), text(2, 9, "Paris"), text(2, 10, "Europe/Paris"), text(2, 11, "fr");
  worksheet_write_number(ws, 2, 12, 1970, nullptr);
  text(2, 13, "oui");

  lxw_datetime hired3 = {2022, 1, 2, 0, 0, 0};
  text(3, 0, "F003"), text(3, 1, "Zoé"), text(3, 2, "Œuvray"), text(3, 3, "zoe.oeuvray@banque.example");
  text(3, 4, "Analyste crédit"), text(3, 5, "Risques"), text(3, 6, "D"), text(3, 7, "F002");
  worksheet_write_datetime(ws, 3, 8, &hired3, builtin_date);
  text(3, 9, "Lyon"), text(3, 10, "Europe/Paris"), text(3, 11, "fr,en,es");
  worksheet_write_number(ws, 3, 12, 1999, nullptr);
  worksheet_write_boolean(ws, 3, 13, 0, nullptr);

  // The empty trailing row: styled cells without a value, and a height.
  for (lxw_col_t c = 0; c < kFrenchHeaders.size(); ++c) worksheet_write_blank(ws, 4, c, shaded);
  worksheet_set_row(ws, 5, 30, nullptr);
}

// The same export as French Excel saves it as CSV (a line break typed in a cell is a lone LF).
std::string french_export_csv() {
  std::string out = "\xEF\xBB\xBF";
  std::vector<std::string> row(kFrenchHeaders);
  append_csv_row(out, row, ';');
  append_csv_row(out, {"1234", "Hélène", "Dubois-Martin", "helene.dubois@banque.example", "Directrice générale", "Direction générale", "K", "", "01/09/1998", "Paris", "Europe/Paris", "fr,en", "1966", "VRAI"}, ';');
  append_csv_row(out, {"F002", "François", "Lefèvre", "francois.lefevre@banque.example", "Directeur des risques\net de la conformité", "Risques", "J", "1234", "15/03/2004", "Paris", "Europe/Paris", "fr", "1970", "oui"}, ';');
  append_csv_row(out, {"F003", "Zoé", "Œuvray", "zoe.oeuvray@banque.example", "Analyste crédit", "Risques", "D", "F002", "02/01/2022", "Lyon", "Europe/Paris", "fr,en,es", "1999", "FAUX"}, ';');
  append_csv_row(out, std::vector<std::string>(kFrenchHeaders.size()), ';');
  return out;
}

std::vector<core::Employee> planned(std::string_view bytes, std::string_view sheet = {}) {
  auto x = read_hr_extract(bytes, {}, {}, {}, sheet);
  if (!x) {
    ADD_FAILURE() << x.error();
    return {};
  }
  const auto plan = core::plan_employee_import({}, x->rows, core::ImportRules{core::GradeScale{}, 2026, false});
  for (const auto& issue : plan.issues) ADD_FAILURE() << "line " << issue.line << ": " << issue.message;
  return plan.employees;
}

TEST(XlsxReader, AFrenchExportReadsAsTheSameExportSavedAsCsv) {
  const std::string xlsx = write_workbook(fill_french_export);
  const auto from_xlsx = planned(xlsx);
  ASSERT_EQ(from_xlsx.size(), 3u);
  EXPECT_EQ(from_xlsx, planned(french_export_csv()));

  const auto& helene = from_xlsx[0];
  EXPECT_EQ(helene.employee_id, "1234");  // the number 1234, read as Excel shows it
  EXPECT_EQ(helene.first_name, "Hélène");
  EXPECT_EQ(helene.hire_date, "1998-09-01");
  EXPECT_EQ(helene.birth_year, 1966);
  EXPECT_TRUE(helene.active);
  EXPECT_EQ(from_xlsx[1].manager_id, "1234");
  EXPECT_EQ(from_xlsx[1].hire_date, "2004-03-15");  // typed as text
  EXPECT_EQ(from_xlsx[1].job_title, "Directeur des risques\net de la conformité");
  EXPECT_EQ(from_xlsx[2].last_name, "Œuvray");
  EXPECT_EQ(from_xlsx[2].hire_date, "2022-01-02");  // Excel's built-in date format
  EXPECT_FALSE(from_xlsx[2].active);

  auto x = read_hr_extract(xlsx, {});
  ASSERT_TRUE(x) << x.error();
  EXPECT_EQ(x->format, ExtractFormat::kXlsx);
  EXPECT_EQ(x->sheet, "Salariés");
  EXPECT_EQ(x->headers[static_cast<std::size_t>(F::kHireDate)], "Date d'entrée");
  // The sheet's row numbers are the lines; the empty rows after the last are no rows.
  ASSERT_EQ(x->rows.size(), 3u);
  EXPECT_EQ(x->rows.line(0), 2u);
  EXPECT_EQ(x->rows.line(2), 4u);
}

TEST(XlsxReader, SharedAndInlineStringsReadAlike) {
  const std::string shared = write_workbook(fill_french_export);
  const std::string inline_strings = write_workbook(fill_french_export, true);
  // The two writers' modes do write the strings differently.
  EXPECT_THAT(zip_names(shared), ::testing::Contains("xl/sharedStrings.xml"));
  EXPECT_THAT(zip_names(inline_strings), ::testing::Not(::testing::Contains("xl/sharedStrings.xml")));
  const auto rows = rows_of(shared);
  ASSERT_EQ(rows.size(), 4u);
  EXPECT_EQ(rows, rows_of(inline_strings));
  EXPECT_EQ(rows[0].second, kFrenchHeaders);
  EXPECT_THAT(rows[1].second, ElementsAre("1234", "Hélène", "Dubois-Martin", "helene.dubois@banque.example", "Directrice générale",
                                          "Direction générale", "K", "", "1998-09-01", "Paris", "Europe/Paris", "fr,en", "1966", "true"));
}

TEST(XlsxReader, ErrorsNameTheSheetsRowAndTheColumnHeader) {
  const std::string xlsx = write_workbook([](lxw_workbook* wb) {
    lxw_worksheet* ws = workbook_add_worksheet(wb, nullptr);
    const char* headers[] = {"matricule", "prénom", "nom", "courriel", "date d'entrée"};
    for (lxw_col_t c = 0; c < 5; ++c) worksheet_write_string(ws, 0, c, headers[c], nullptr);
    const char* ok[] = {"E1", "Ada", "Lovelace", "ada@banque.example", "01/02/2020"};
    for (lxw_col_t c = 0; c < 5; ++c) worksheet_write_string(ws, 1, c, ok[c], nullptr);
    // Row 3 left empty: row 4 is still row 4.
    const char* bad[] = {"E2", "Alan", "Turing", "not-an-email", "31/02/2020"};
    for (lxw_col_t c = 0; c < 5; ++c) worksheet_write_string(ws, 3, c, bad[c], nullptr);
  });
  auto x = read_hr_extract(xlsx, {});
  ASSERT_TRUE(x) << x.error();
  const auto plan = core::plan_employee_import({}, x->rows, core::ImportRules{core::GradeScale{}, 2026, false});
  ASSERT_EQ(plan.issues.size(), 2u);
  EXPECT_EQ(plan.issues[0].line, 4u);
  EXPECT_EQ(plan.issues[0].field, F::kEmail);
  EXPECT_EQ(plan.issues[1].line, 4u);
  EXPECT_EQ(plan.issues[1].field, F::kHireDate);
  EXPECT_EQ(x->headers[static_cast<std::size_t>(F::kEmail)], "courriel");

  // A value beyond the header's last column, refused as for CSV, in a sheet's words.
  const std::string extra = write_workbook([](lxw_workbook* wb) {
    lxw_worksheet* ws = workbook_add_worksheet(wb, "RH");
    const char* headers[] = {"matricule", "prénom", "nom", "courriel"};
    for (lxw_col_t c = 0; c < 4; ++c) worksheet_write_string(ws, 0, c, headers[c], nullptr);
    const char* row[] = {"E1", "Ada", "Lovelace", "ada@banque.example"};
    for (lxw_col_t c = 0; c < 4; ++c) worksheet_write_string(ws, 1, c, row[c], nullptr);
    worksheet_write_string(ws, 1, 5, "stray note", nullptr);
  });
  EXPECT_EQ(extract_error(extra),
            "2:: this row has a value in column F, beyond the header's last column (D): give that column a header, or clear it");
}

TEST(XlsxReader, TheFirstSheetIsReadUnlessAnotherIsNamed) {
  const std::string xlsx = write_workbook([](lxw_workbook* wb) {
    lxw_worksheet* notice = workbook_add_worksheet(wb, "Notice");
    worksheet_write_string(notice, 0, 0, "Extraction RH du 01/12/2026", nullptr);
    lxw_worksheet* hidden = workbook_add_worksheet(wb, "Paramètres");
    worksheet_write_string(hidden, 0, 0, "matricule", nullptr);
    fill_french_export(wb);
    worksheet_hide(hidden);
  });
  // The first sheet, by default: it is no extract, and the error says which sheet was read.
  EXPECT_EQ(extract_error(xlsx),
            "1:: none of the headers of the sheet 'Notice' is one Binôme reads: 'Extraction RH du 01/12/2026'; check the sheet "
            "(the first one is read unless another is chosen) and its headers");
  EXPECT_EQ(planned(xlsx, "Salariés"), planned(french_export_csv()));
  EXPECT_EQ(planned(xlsx, "SALARIES").size(), 3u);  // case and accents aside, when that names one sheet
  EXPECT_EQ(extract_error(xlsx, "Employees"),
            "0:: the workbook has no sheet 'Employees'; its sheets: 'Notice', 'Paramètres', 'Salariés'");
  // A sheet for a CSV file is a mistake worth saying.
  EXPECT_EQ(extract_error(french_export_csv(), "Salariés"),
            "0:: the sheet 'Salariés' was chosen, but the file is not an Excel workbook (.xlsx): a CSV file has no sheets");

  // A hidden first sheet is not the first one a person sees.
  const std::string hidden_first = write_workbook([](lxw_workbook* wb) {
    lxw_worksheet* settings = workbook_add_worksheet(wb, "Paramètres");
    fill_french_export(wb);
    worksheet_activate(workbook_get_worksheet_by_name(wb, "Salariés"));
    worksheet_hide(settings);
  });
  auto x = read_hr_extract(hidden_first, {});
  ASSERT_TRUE(x) << x.error();
  EXPECT_EQ(x->sheet, "Salariés");
}

// --- cells -----------------------------------------------------------------------------------

TEST(XlsxReader, NumbersReadAsExcelShowsThem) {
  EXPECT_EQ(excel_general_number(1234), "1234");
  EXPECT_EQ(excel_general_number(-7), "-7");
  EXPECT_EQ(excel_general_number(1234.5), "1234.5");
  EXPECT_EQ(excel_general_number(0.1 + 0.2), "0.3");
  EXPECT_EQ(excel_general_number(1e20), "1E+20");
  EXPECT_EQ(excel_general_number(123456789012345.0), "123456789012345");
  EXPECT_EQ(excel_column_name(0), "A");
  EXPECT_EQ(excel_column_name(25), "Z");
  EXPECT_EQ(excel_column_name(26), "AA");
  EXPECT_EQ(excel_column_name(16383), "XFD");
}

TEST(XlsxReader, SerialNumbersAreDatesInTheWorkbooksDateSystem) {
  EXPECT_EQ(excel_serial_date(1, false), "1900-01-01");
  EXPECT_EQ(excel_serial_date(59, false), "1900-02-28");
  EXPECT_EQ(excel_serial_date(60, false), std::nullopt);  // 1900-02-29, which never was
  EXPECT_EQ(excel_serial_date(61, false), "1900-03-01");
  EXPECT_EQ(excel_serial_date(36526, false), "2000-01-01");
  EXPECT_EQ(excel_serial_date(36526.75, false), "2000-01-01");  // a time of that day
  EXPECT_EQ(excel_serial_date(2958465, false), "9999-12-31");
  EXPECT_EQ(excel_serial_date(2958466, false), std::nullopt);
  EXPECT_EQ(excel_serial_date(-1, false), std::nullopt);
  EXPECT_EQ(excel_serial_date(0, true), "1904-01-01");
  EXPECT_EQ(excel_serial_date(35064, true), "2000-01-01");
  EXPECT_TRUE(is_date_format_code("dd/mm/yyyy"));
  EXPECT_TRUE(is_date_format_code("[$-40C]d mmmm yyyy;@"));
  EXPECT_TRUE(is_date_format_code("DD.MM.YY"));
  EXPECT_FALSE(is_date_format_code("0.00"));
  EXPECT_FALSE(is_date_format_code("[Red]0;\\d"));
  EXPECT_FALSE(is_date_format_code("\"day\" 0"));
  EXPECT_FALSE(is_date_format_code("h:mm:ss"));

  // A workbook of the 1904 system (Excel for Mac's former default) says so; its serials count
  // from 1904-01-01.
  const std::string row = "<row r=\"1\"><c r=\"A1\" s=\"1\"><v>35064</v></c><c r=\"B1\" s=\"2\"><v>35064.5</v></c>"
                          "<c r=\"C1\"><v>35064</v></c></row>";
  EXPECT_THAT(rows_of(hand_made_workbook(row, "date1904=\"1\""))[0].second, ElementsAre("2000-01-01", "2000-01-01", "35064"));
  EXPECT_THAT(rows_of(hand_made_workbook(row))[0].second, ElementsAre("1995-12-31", "1995-12-31", "35064"));  // 1,462 days apart
}

TEST(XlsxReader, CellsOfEveryKindReadAsText) {
  // Rich text and phonetic hints, Excel's escapes, a formula's cached text, an error, a strict
  // ISO date, booleans, cells and rows without references, and a writer's namespace prefix.
  const std::string sst = std::string("<sst xmlns=\"") + kSpreadsheetNs +
                          "\"><si><t>Zoé</t></si><si><r><rPr><b/></rPr><t>Grand</t></r><r><t xml:space=\"preserve\"> compte</t></r>"
                          "<rPh sb=\"0\" eb=\"1\"><t>グ</t></rPh></si><si><t>a_x000D_b _x005F_x0041_</t></si></sst>";
  const std::string rows =
      "<row r=\"2\"><c r=\"A2\" t=\"s\"><v>0</v></c><c r=\"B2\" t=\"s\"><v>1</v></c><c r=\"D2\" t=\"s\"><v>2</v></c></row>"
      "<row><c t=\"inlineStr\"><is><r><t>in</t></r><r><t>line</t></r></is></c><c t=\"str\"><f>A1&amp;B1</f><v>x&lt;y</v></c>"
      "<c t=\"e\"><v>#N/A</v></c><c t=\"b\"><v>1</v></c><c t=\"b\"><v>0</v></c><c t=\"d\"><v>2024-05-06T00:00:00</v></c>"
      "<c><f>1+1</f></c><c><v>1234.0</v></c></row>"
      "<row r=\"7\" spans=\"1:3\" ht=\"30\" customHeight=\"1\"/>"
      "<row r=\"8\"><c r=\"A8\" s=\"1\"/><c r=\"B8\" t=\"s\"><v>3</v></c></row>";
  std::string with_empty_string = sst;
  with_empty_string.insert(with_empty_string.rfind("</sst>"), "<si><t/></si>");
  const auto read = rows_of(hand_made_workbook(rows, "", {{"xl/sharedStrings.xml", with_empty_string}}));
  ASSERT_EQ(read.size(), 2u);  // rows 7 and 8 have no value
  EXPECT_EQ(read[0].first, 2u);
  EXPECT_THAT(read[0].second, ElementsAre("Zoé", "Grand compte", "", "a\rb _x0041_"));
  EXPECT_EQ(read[1].first, 3u);
  EXPECT_THAT(read[1].second, ElementsAre("inline", "x<y", "#N/A", "true", "false", "2024-05-06", "", "1234"));

  const std::string prefixed = write_zip({
      {"xl/workbook.xml", std::string("<x:workbook xmlns:x=\"") + kSpreadsheetNs +
                              "\" xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\"><x:sheets>"
                              "<x:sheet name=\"Data\" sheetId=\"1\" r:id=\"R1\"/></x:sheets></x:workbook>"},
      {"xl/_rels/workbook.xml.rels",
       "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\"><Relationship Id=\"R1\" "
       "Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet\" Target=\"/xl/sheets/data.xml\"/>"
       "</Relationships>"},
      {"xl/sheets/data.xml", std::string("<x:worksheet xmlns:x=\"") + kSpreadsheetNs +
                                 "\"><x:sheetData><x:row r=\"1\"><x:c r=\"B1\" t=\"inlineStr\"><x:is><x:t>b</x:t></x:is></x:c>"
                                 "</x:row></x:sheetData></x:worksheet>"},
  });
  EXPECT_THAT(rows_of(prefixed), ElementsAre(std::pair<std::size_t, std::vector<std::string>>{1, {"", "b"}}));
}

// --- what is refused -------------------------------------------------------------------------

TEST(XlsxReader, FilesThatAreNoWorkbookAreRefusedClearly) {
  EXPECT_EQ(extract_error(write_zip({{"readme.txt", "hello"}})),
            "0:: the file is a ZIP archive but not an Excel workbook (.xlsx); send the HR extract as .xlsx or CSV");
  const std::string xlsx = write_workbook(fill_french_export);
  EXPECT_EQ(extract_error(xlsx.substr(0, xlsx.size() / 2)),
            "0:: the Excel workbook is damaged or incomplete and cannot be read; open it in Excel and save it again as .xlsx");
  // One byte changed inside the compressed sheet: its checksum no longer holds, or it no longer
  // inflates; either way, damaged.
  std::string flipped = xlsx;
  const auto name = flipped.find("xl/worksheets/sheet1.xml");  // in the sheet's local header
  ASSERT_NE(name, std::string::npos);
  const auto u16 = [&](std::size_t at) { return std::size_t(std::uint8_t(flipped[at])) | std::size_t(std::uint8_t(flipped[at + 1])) << 8; };
  const std::size_t data = name + u16(name - 4) + u16(name - 2);  // after the name and the extra field
  flipped[data + 10] = static_cast<char>(flipped[data + 10] ^ 0x55);
  EXPECT_THAT(extract_error(flipped), ::testing::AnyOf(HasSubstr("damaged"), HasSubstr("not well-formed XML")));
  EXPECT_EQ(extract_error(std::string("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", 8) + std::string(504, '\0')),
            "0:: the file is an old Excel workbook (.xls) or one protected by a password; save it as .xlsx without a password, or as CSV");
  EXPECT_EQ(sheet_error(hand_made_workbook("<row><c><v>1</v></row>")).second,
            "the workbook's part 'xl/worksheets/sheet1.xml' is not well-formed XML (its line 1); open the workbook in Excel and save it again");
  EXPECT_EQ(sheet_error(hand_made_workbook("<row r=\"4\"><c r=\"A4\" t=\"s\"><v>9</v></c></row>")),
            std::make_pair(std::size_t{4}, std::string("a cell of this row refers to the shared string '9', which the workbook does not have")));
  EXPECT_EQ(sheet_error(hand_made_workbook("<row r=\"1048577\"><c><v>1</v></c></row>")).second,
            "the sheet refers to the row or cell '1048577', beyond Excel's (rows 1 to 1,048,576, columns A to XFD)");
  EXPECT_EQ(sheet_error(hand_made_workbook("<row r=\"1\"><c r=\"XFE1\"><v>1</v></c></row>")).second,
            "the sheet refers to the row or cell 'XFE1', beyond Excel's (rows 1 to 1,048,576, columns A to XFD)");
}

TEST(XlsxReader, ZipBombsAndHugeSheetsAreRefusedBeforeTheyCostMuch) {
  // 4 MiB of one repeated row compresses about a thousand times: a ZIP bomb's ratio.
  std::string rows;
  while (rows.size() < (4u << 20)) rows += "<row><c t=\"inlineStr\"><is><t>x</t></is></c></row>";
  EXPECT_EQ(sheet_error(hand_made_workbook(rows)).second,
            "the workbook's part 'xl/worksheets/sheet1.xml' grows more than 200 times when uncompressed, as ZIP bombs do: it is not read");
  // Past the size of a part, whatever its ratio (here the limit is lowered to keep the test small).
  XlsxLimits small;
  small.max_part_bytes = 1u << 20;
  std::string varied;
  for (std::size_t i = 0; varied.size() < (2u << 20); ++i) varied += "<row><c><v>" + std::to_string(i * 7919 % 1000003) + "</v></c></row>";
  EXPECT_EQ(sheet_error(hand_made_workbook(varied), small).second,
            "the workbook's part 'xl/worksheets/sheet1.xml' takes more than 1 MiB once uncompressed: it is not read");
  // Too many entries: refused before any is read (10,000 by default; libzip takes seconds to
  // write that many, so the limit is lowered here).
  XlsxLimits three;
  three.max_entries = 3;
  const std::string four = hand_made_workbook("<row><c><v>1</v></c></row>");
  EXPECT_EQ(sheet_error(four, three).second, "the workbook's ZIP archive has 4 entries, more than the 3 read");
  EXPECT_EQ(rows_of(four).size(), 1u);
  // Too many cells, counted with the empty ones between values: one value in column XFD of
  // every row is a sheet of 16,384 columns.
  XlsxLimits few;
  few.max_cells = 50'000;
  std::string wide;
  for (int r = 1; r <= 4; ++r) wide += "<row r=\"" + std::to_string(r) + "\"><c r=\"XFD" + std::to_string(r) + "\"><v>1</v></c></row>";
  EXPECT_EQ(sheet_error(hand_made_workbook(wide), few),
            std::make_pair(std::size_t{4}, std::string("the sheet has more than 50,000 cells (empty ones between values included): too large to read")));
  // An XML document type (the way to entity expansion bombs) is refused, before any expansion.
  const std::string laughs =
      "<?xml version=\"1.0\"?><!DOCTYPE lolz [<!ENTITY lol \"lol\"><!ENTITY lol2 \"&lol;&lol;&lol;&lol;&lol;&lol;&lol;\">]>"
      "<worksheet xmlns=\"" + std::string(kSpreadsheetNs) + "\"><sheetData><row><c t=\"inlineStr\"><is><t>&lol2;</t></is></c></row></sheetData></worksheet>";
  EXPECT_EQ(sheet_error(write_zip({{"xl/workbook.xml", std::string("<workbook xmlns=\"") + kSpreadsheetNs +
                                                          "\" xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\">"
                                                          "<sheets><sheet name=\"S\" sheetId=\"1\" r:id=\"rId1\"/></sheets></workbook>"},
                                  {"xl/_rels/workbook.xml.rels",
                                   "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
                                   "<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet\" "
                                   "Target=\"worksheets/sheet1.xml\"/></Relationships>"},
                                  {"xl/worksheets/sheet1.xml", laughs}}))
                .second,
            "the workbook declares an XML document type, which Excel never writes: it is not read");
}

TEST(XlsxReader, MessagesOfTheLimitsAreInFrenchToo) {
  XlsxLimits three;
  three.max_entries = 3;
  auto wb = XlsxWorkbook::open(hand_made_workbook(""), three);
  ASSERT_FALSE(wb);
  EXPECT_EQ(core::render(wb.error().message, core::Language::kFrench), "l’archive ZIP du classeur a 4 entrées, plus que les 3 lues");
}

}  // namespace
}  // namespace binome::io
