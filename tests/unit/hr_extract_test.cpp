// HR extracts: headers in English or French as HR systems write them (any case, accents or
// none, stray spaces, typographic apostrophes), a mapping for the others, the problems of the
// header line and of rows with their line, and the extract Binôme writes reading back.
#include "io/hr_extract.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <stop_token>
#include <string>
#include <vector>

#include "core/employee_import.hpp"
#include "support/messages.hpp"

namespace binome::io {
namespace {

using test_support::en;
using test_support::fields_of;

using F = core::EmployeeField;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;

std::size_t slot(F f) {
  return static_cast<std::size_t>(f);
}

HrExtract read_extract_ok(std::string_view bytes, const std::map<std::string, std::string>& mapping = {}) {
  auto x = read_hr_extract(bytes, {}, mapping);
  if (!x) {
    ADD_FAILURE() << x.error();
    return {};
  }
  return *x;
}

// A problem of the file as a reader sees it: its line, its column and the English sentence.
struct LineError {
  std::size_t line = 0;
  std::string column;
  std::string field;
  std::string message;
};

std::vector<LineError> read_errors(std::string_view bytes,
                                   const std::map<std::string, std::string>& mapping = {}) {
  auto x = read_hr_extract(bytes, {}, mapping);
  EXPECT_FALSE(x) << "the extract was read";
  if (x) return {};
  EXPECT_EQ(x.error().code, core::ErrorCode::kImportInvalid);
  std::vector<LineError> out;
  for (const auto& d : x.error().details) {
    out.push_back({static_cast<std::size_t>(d.line), d.column, d.field, core::english(d.message)});
  }
  return out;
}

TEST(HrExtract, HeadersWithNoBreakSpacesOrDecomposedAccentsAreRecognised) {
  const auto x = read_extract_ok("Matricule\u00A0;Pre\u0301nom;Nom;Courriel\nE1;Zoé;Roux;zoe@bank.example\n");
  EXPECT_EQ(x.headers[slot(F::kEmployeeId)], "Matricule\u00A0");
  EXPECT_EQ(x.headers[slot(F::kFirstName)], "Pre\u0301nom");
  ASSERT_EQ(x.rows.size(), 1u);
}

// --- headers ---------------------------------------------------------------------------------

struct Synonym {
  std::string header;
  F field;
};

// The headers of the issue, as HR systems and people type them.
const std::vector<Synonym> kSynonyms = {
    {"employee_id", F::kEmployeeId},
    {"Employee ID", F::kEmployeeId},
    {"Matricule", F::kEmployeeId},
    {"  MATRICULE  ", F::kEmployeeId},
    {"first_name", F::kFirstName},
    {"First Name", F::kFirstName},
    {"Prénom", F::kFirstName},
    {"PRÉNOM", F::kFirstName},
    {" prenom ", F::kFirstName},
    {"last_name", F::kLastName},
    {"Last name", F::kLastName},
    {"Nom", F::kLastName},
    {"NOM ", F::kLastName},
    {"email", F::kEmail},
    {"E-mail", F::kEmail},
    {"E-MAIL", F::kEmail},
    {"Courriel", F::kEmail},
    {"Adresse e-mail", F::kEmail},
    {"ADRESSE E-MAIL", F::kEmail},
    {" adresse e-mail ", F::kEmail},
    {"job_title", F::kJobTitle},
    {"Job title", F::kJobTitle},
    {"Poste", F::kJobTitle},
    {"Intitulé de poste", F::kJobTitle},
    {"INTITULÉ DE POSTE", F::kJobTitle},
    {"intitule de poste", F::kJobTitle},
    {"department", F::kDepartment},
    {"Direction", F::kDepartment},
    {"Département", F::kDepartment},
    {"DÉPARTEMENT", F::kDepartment},
    {"Service", F::kDepartment},
    {" service", F::kDepartment},
    {"grade", F::kGrade},
    {"Grade", F::kGrade},
    {"Niveau", F::kGrade},
    {"Classification", F::kGrade},
    {"CLASSIFICATION ", F::kGrade},
    {"manager_id", F::kManagerId},
    {"Manager ID", F::kManagerId},
    {"Matricule manager", F::kManagerId},
    {"MATRICULE MANAGER", F::kManagerId},
    {"Matricule du responsable", F::kManagerId},
    {"matricule du  responsable", F::kManagerId},
    {"hire_date", F::kHireDate},
    {"Hire date", F::kHireDate},
    {"Date d'entrée", F::kHireDate},
    {"Date d’entrée", F::kHireDate},
    {"DATE D’ENTRÉE", F::kHireDate},
    {"Date d'embauche", F::kHireDate},
    {"date d’embauche ", F::kHireDate},
    {"site", F::kSite},
    {"Site", F::kSite},
    {"Localisation", F::kSite},
    {"LOCALISATION", F::kSite},
    {"time_zone", F::kTimeZone},
    {"Time zone", F::kTimeZone},
    {"Fuseau horaire", F::kTimeZone},
    {"FUSEAU HORAIRE", F::kTimeZone},
    {"languages", F::kLanguages},
    {"Languages", F::kLanguages},
    {"Langues", F::kLanguages},
    {"LANGUES", F::kLanguages},
    {"birth_year", F::kBirthYear},
    {"Birth year", F::kBirthYear},
    {"Année de naissance", F::kBirthYear},
    {"ANNÉE DE NAISSANCE", F::kBirthYear},
    {"annee de naissance", F::kBirthYear},
};

TEST(HrExtract, EveryHeaderSynonymIsRecognisedIgnoringCaseAccentsAndSpaces) {
  for (const auto& [header, field] : kSynonyms) {
    // The required columns under their English names, with the tested header replacing its own.
    std::vector<std::string> headers = {"employee_id", "first_name", "last_name", "email"};
    std::vector<std::string> values = {"E1", "Ada", "Lovelace", "ada@bank.example"};
    if (core::is_required(field)) {
      headers[slot(field)] = header;
    } else {
      headers.push_back(header);
      values.push_back("the value");
    }
    std::string file;
    append_csv_row(file, headers, ';');
    append_csv_row(file, values, ';');
    auto x = read_hr_extract(file, {});
    ASSERT_TRUE(x) << "header '" << header << "': " << x.error();
    EXPECT_EQ(x->headers[slot(field)], header) << "header '" << header << "'";
    EXPECT_THAT(x->ignored_columns, IsEmpty()) << "header '" << header << "'";
    ASSERT_EQ(x->rows.size(), 1u);
    const auto& cell = x->rows[0][field];
    ASSERT_TRUE(cell.has_value()) << "header '" << header << "'";
    EXPECT_EQ(*cell, core::is_required(field) ? values[slot(field)] : "the value");
  }
}

TEST(HrExtract, NormalizeHeaderFoldsCaseAccentsApostrophesAndSpaces) {
  EXPECT_EQ(normalize_header(" Date d’Entrée "), "date d entree");
  EXPECT_EQ(normalize_header("Date d'entrée"), "date d entree");
  EXPECT_EQ(normalize_header("ANNÉE_DE-NAISSANCE"), "annee de naissance");
  EXPECT_EQ(normalize_header("\tE.mail\t"), "e mail");
  EXPECT_EQ(normalize_header("  "), "");
}

TEST(HrExtract, AFrenchExcelExtractReadsWithItsLines) {
  const std::string file =
      "\xEF\xBB\xBFMatricule;Prénom;Nom;Courriel;Intitulé de poste;Date d’entrée\r\n"
      "E1;Élodie;Lefèvre;elodie.lefevre@bank.example;\"Chargée d'affaires\r\nentreprises\";"
      "03/09/2018\r\n"
      "E2;Éric;Élan;eric.elan@bank.example;Trader;\r\n";
  const HrExtract x = read_extract_ok(file);
  EXPECT_EQ(x.delimiter, ';');
  EXPECT_EQ(x.encoding, Encoding::kUtf8);
  ASSERT_EQ(x.rows.size(), 2u);
  EXPECT_EQ(x.rows[0].line, 2u);
  EXPECT_EQ(x.rows[1].line, 4u);
  EXPECT_EQ(x.rows[0][F::kFirstName], "Élodie");
  EXPECT_EQ(x.rows[0][F::kJobTitle], "Chargée d'affaires\r\nentreprises");
  EXPECT_EQ(x.rows[0][F::kHireDate], "03/09/2018");
  EXPECT_EQ(x.rows[1][F::kHireDate], "") << "an empty cell of a column the file has";
  EXPECT_EQ(x.rows[1][F::kSite], std::nullopt) << "a column the file does not have";
  EXPECT_EQ(x.headers[slot(F::kEmail)], "Courriel");
  EXPECT_EQ(x.headers[slot(F::kSite)], "");
}

TEST(HrExtract, UnknownColumnsAreListedAsWrittenAndLeftOut) {
  const HrExtract x = read_extract_ok(
      "Matricule;Téléphone;Prénom;Nom;Courriel;;Commentaire RH\n"
      "E1;01 02 03 04 05;Ada;Lovelace;ada@bank.example;;à revoir\n");
  EXPECT_THAT(x.ignored_columns, ElementsAre("Téléphone", "Commentaire RH"))
      << "an unnamed column is not worth a mention";
  ASSERT_EQ(x.rows.size(), 1u);
  EXPECT_EQ(x.rows[0][F::kFirstName], "Ada");
  EXPECT_EQ(x.rows[0][F::kEmail], "ada@bank.example");
}

TEST(HrExtract, AMappingNamesOtherHeadersAndCanIgnoreAColumn) {
  const std::string file =
      "Code RH;Given;Family;Mail pro;Direction;Service;Nom d'usage\n"
      "E1;Ada;Lovelace;ada@bank.example;Risques;Modèles;Byron\n";
  // The mapping's headers are matched like the file's: case, accents and spaces ignored.
  const HrExtract x = read_extract_ok(file, {{"code rh", "employee_id"},
                                     {" GIVEN", "first_name"},
                                     {"family", "last_name"},
                                     {"Mail-Pro", "email"},
                                     {"Service", "ignore"},
                                     {"Nom d’usage", ""}});
  ASSERT_EQ(x.rows.size(), 1u);
  const auto& r = x.rows[0];
  EXPECT_EQ(r[F::kEmployeeId], "E1");
  EXPECT_EQ(r[F::kFirstName], "Ada");
  EXPECT_EQ(r[F::kLastName], "Lovelace");
  EXPECT_EQ(r[F::kEmail], "ada@bank.example");
  EXPECT_EQ(r[F::kDepartment], "Risques") << "Service was ignored, so Direction is the only one";
  EXPECT_EQ(x.headers[slot(F::kEmployeeId)], "Code RH");

  // A mapping wins over a header we know: here "Nom" holds the first name.
  const HrExtract y =
      read_extract_ok("Matricule;Nom;Nom de famille;Courriel\nE1;Ada;Lovelace;a@b.example\n",
              {{"Nom", "first_name"}});
  EXPECT_EQ(y.rows.at(0)[F::kFirstName], "Ada");
  EXPECT_EQ(y.rows.at(0)[F::kLastName], "Lovelace");
}

TEST(HrExtract, AMappingToAnUnknownFieldIsAnError) {
  const auto errors = read_errors("Matricule;Prénom;Nom;Courriel;Code\nE1;A;B;a@b.example;x\n",
                                  {{"Code", "cost_centre"}});
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_EQ(errors[0].column, "Code");
  EXPECT_THAT(errors[0].message, HasSubstr("cost_centre"));
  EXPECT_THAT(errors[0].message, HasSubstr("ignore"));
}

TEST(HrExtract, MissingRequiredColumnsAreReportedAtLineOneNamingEachField) {
  const auto errors = read_errors("Poste;Site\r\nTrader;Paris\r\n");
  ASSERT_EQ(errors.size(), 4u);
  const std::vector<std::string> fields = {"employee_id", "first_name", "last_name", "email"};
  for (std::size_t i = 0; i < 4; ++i) {
    EXPECT_EQ(errors[i].line, 1u);
    EXPECT_THAT(errors[i].message, HasSubstr(fields[i]));
  }
  EXPECT_THAT(errors[0].message, HasSubstr("matricule")) << "the French header is suggested";
  // Just one missing.
  const auto one = read_errors("Matricule;Prénom;Nom\nE1;Ada;Lovelace\n");
  ASSERT_EQ(one.size(), 1u);
  EXPECT_EQ(one[0].line, 1u);
  EXPECT_THAT(one[0].message, HasSubstr("email"));
  EXPECT_THAT(one[0].message, HasSubstr("courriel"));
}

TEST(HrExtract, AFileWithNoKnownHeaderSaysWhatWasReadAndWhichHeadersWouldDo) {
  // An export of another system: English headers Binôme does not know, read with ','.
  const auto errors = read_errors("ID,Name,Mail address\n1,Ada,ada@bank.example\n");
  ASSERT_EQ(errors.size(), 5u);
  EXPECT_EQ(errors[0].line, 1u);
  EXPECT_THAT(errors[0].message, HasSubstr("'ID', 'Name', 'Mail address'"));
  EXPECT_THAT(errors[0].message, HasSubstr("separator ','"));
  // Then each missing field with the headers that give it.
  EXPECT_EQ(errors[1].field, "employee_id");
  EXPECT_THAT(errors[1].message, HasSubstr("'matricule', 'employee_id', 'employee number', 'matricule salarie'"));
  EXPECT_EQ(errors[4].field, "email");
  EXPECT_THAT(errors[4].message, HasSubstr("'courriel', 'email', 'e mail'"));
}

TEST(HrExtract, TwoColumnsForOneFieldAreAnError) {
  const auto errors =
      read_errors("Matricule;Prénom;Nom;Courriel;Direction;Service\nE1;A;B;a@b.example;X;Y\n");
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_EQ(errors[0].line, 1u);
  EXPECT_EQ(errors[0].column, "Service");
  EXPECT_THAT(errors[0].message, HasSubstr("Direction"));
  EXPECT_THAT(errors[0].message, HasSubstr("department"));
  // The same field under its English and French names.
  const auto twice = read_errors("email;Matricule;Prénom;Nom;E-mail\n");
  ASSERT_EQ(twice.size(), 1u);
  EXPECT_EQ(twice[0].column, "E-mail");
}

TEST(HrExtract, ARowWithExtraNonEmptyFieldsIsAnErrorAtItsLine) {
  const auto errors = read_errors(
      "Matricule;Prénom;Nom;Courriel\n"
      "E1;Ada;Lovelace;ada@bank.example\n"
      "E2;Jean;Dupont;jean@bank.example;oups\n"
      "E3;\"Marie\nClaire\";Roux;mc@bank.example\n"
      "E4;Paul;Durand;paul@bank.example;;;x\n");
  ASSERT_EQ(errors.size(), 2u);
  EXPECT_EQ(errors[0].line, 3u);
  EXPECT_THAT(errors[0].message, HasSubstr("5 fields"));
  EXPECT_THAT(errors[0].message, HasSubstr("header has 4"));
  EXPECT_THAT(errors[0].message, HasSubstr("';'"));
  EXPECT_EQ(errors[1].line, 6u);
}

TEST(HrExtract, TrailingEmptyFieldsAndShortRowsAreFine) {
  const HrExtract x = read_extract_ok(
      "Matricule;Prénom;Nom;Courriel;Site\n"
      "E1;Ada;Lovelace;ada@bank.example;Paris;;;\n"
      "E2;Jean;Dupont\n");
  ASSERT_EQ(x.rows.size(), 2u);
  EXPECT_EQ(x.rows[0][F::kSite], "Paris");
  EXPECT_EQ(x.rows[1][F::kEmail], "") << "a missing trailing field is an empty cell";
  EXPECT_EQ(x.rows[1][F::kSite], "");
}

TEST(HrExtract, FileProblemsComeBackWithTheirLine) {
  const auto quote = read_errors("Matricule;Prénom;Nom;Courriel\nE1;\"Ada;L;a@b.example\n");
  ASSERT_EQ(quote.size(), 1u);
  EXPECT_EQ(quote[0].line, 2u);
  EXPECT_THAT(quote[0].message, HasSubstr("quote"));
  const auto empty = read_errors("\xEF\xBB\xBF\r\n;;;\r\n");
  ASSERT_EQ(empty.size(), 1u);
  EXPECT_EQ(empty[0].line, 1u);
  EXPECT_THAT(empty[0].message, HasSubstr("empty"));
}

TEST(HrExtract, AStopRequestedEndsTheReadingWithTheTimeBudgetSpent) {
  std::string file = "Matricule;Prénom;Nom;Courriel\n";
  for (int k = 0; k < 10'000; ++k) file += "E" + std::to_string(k) + ";Ada;Lovelace;e" + std::to_string(k) + "@bank.example\n";
  std::stop_source source;
  ASSERT_TRUE(read_hr_extract(file, {}, {}, source.get_token()));
  source.request_stop();
  const auto stopped = read_hr_extract(file, {}, {}, source.get_token());
  ASSERT_FALSE(stopped);
  EXPECT_EQ(stopped.error().code, core::ErrorCode::kTimeBudgetExceeded);
}

// A header refused is told, unless the file cannot be split into records at all; rows of too
// many fields are counted all, listed to the limit, as when the file was read whole first.
TEST(HrExtract, TheFileIsReadToItsEndBeforeItsHeaderOrRowsAreJudged) {
  const auto quote = read_errors("Matricule;Prénom\nE1;Ada\nE2;\"Grace\n");
  ASSERT_EQ(quote.size(), 1u);
  EXPECT_THAT(quote[0].message, HasSubstr("quote"));
  std::string extra = "Matricule;Prénom;Nom;Courriel\n";
  for (std::size_t k = 0; k < core::kMaxListedImportIssues + 10; ++k) extra += "E;A;L;e@b.example;x\n";
  auto x = read_hr_extract(extra, {});
  ASSERT_FALSE(x);
  EXPECT_EQ(x.error().problem_count(), core::kMaxListedImportIssues + 10);
  EXPECT_EQ(x.error().details.size(), core::kMaxListedImportIssues + 1) << "the first ones, then their count";
  EXPECT_EQ(x.error().details.front().line, 2);
}

TEST(HrExtract, Windows1252HeadersAndValuesAreRecognised) {
  // "Prénom", "Date d'entrée" and "Hélène" in Windows-1252.
  const HrExtract x = read_extract_ok(
      "Matricule;Pr\xE9nom;Nom;Courriel;Date d'entr\xE9\x65\r\n"
      "E1;H\xE9l\xE8ne;Lef\xE8vre;helene@bank.example;01/02/2020\r\n");
  EXPECT_EQ(x.encoding, Encoding::kWindows1252);
  ASSERT_EQ(x.rows.size(), 1u);
  EXPECT_EQ(x.rows[0][F::kFirstName], "Hélène");
  EXPECT_EQ(x.rows[0][F::kHireDate], "01/02/2020");
  EXPECT_EQ(x.headers[slot(F::kFirstName)], "Prénom");
}

// --- writing ---------------------------------------------------------------------------------

TEST(HrExtract, WhatWriteHrExtractWritesReadsBackToTheSameEmployees) {
  std::vector<core::Employee> employees = {
      {.employee_id = "E1",
       .first_name = "Élodie",
       .last_name = "Lefèvre-Œuvray",
       .email = "elodie@bank.example",
       .job_title = "Directrice \"Risques\"; crédit",
       .department = "Risques",
       .grade = "K",
       .manager_id = "",
       .hire_date = "2001-02-03",
       .site = "Paris",
       .time_zone = "Europe/Paris",
       .languages = {"fr", "en", "de"},
       .birth_year = 1970,
       .active = true},
      {.employee_id = "E2",
       .first_name = "Seán",
       .last_name = "O'Connor",
       .email = "sean@bank.example",
       .job_title = "Chargé d'affaires\nentreprises",
       .department = "Banque de détail",
       .grade = "7",
       .manager_id = "E1",
       .hire_date = "",
       .site = "London",
       .time_zone = "Europe/London",
       .languages = {},
       .birth_year = {},
       .active = false},
      {.employee_id = "E3",
       .first_name = "Wei",
       .last_name = "Chen",
       .email = "wei@bank.example",
       .job_title = "",
       .department = "",
       .grade = "",
       .manager_id = "E2",
       .hire_date = "2027-12-31",
       .site = "",
       .time_zone = "",
       .languages = {"zh"},
       .birth_year = 2001,
       .active = true},
  };
  const std::string file = write_hr_extract(employees);
  EXPECT_TRUE(file.starts_with("\xEF\xBB\xBFmatricule;prénom;nom;courriel;"));
  EXPECT_THAT(file, HasSubstr("\r\n"));
  EXPECT_THAT(file, HasSubstr(";03/02/2001;")) << "dates as DD/MM/YYYY";

  const HrExtract x = read_extract_ok(file);
  EXPECT_THAT(x.ignored_columns, IsEmpty());
  for (std::size_t f = 0; f < core::kEmployeeFieldCount; ++f) {
    EXPECT_FALSE(x.headers[f].empty()) << "every field has a column: " << f;
  }
  ASSERT_EQ(x.rows.size(), 3u);
  EXPECT_EQ(x.rows[2].line, 5u) << "after a two-line job title";
  const auto plan = core::plan_employee_import({}, x.rows, {.current_year = 2026});
  for (const auto& i : plan.issues) ADD_FAILURE() << "line " << i.line << ": " << i.message;
  EXPECT_EQ(plan.employees, employees);
  EXPECT_EQ(plan.created.size(), 3u);
}

}  // namespace
}  // namespace binome::io
