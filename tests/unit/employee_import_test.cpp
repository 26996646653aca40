// Planning an HR import: every field problem with its line and field, the checks across rows
// and against the directory (duplicates, managers, cycles, taken emails), every problem at
// once, what changes, and the field parsers.
#include "core/employee_import.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <rapidcheck.h>
#include <rapidcheck/gtest.h>

#include <ostream>
#include <stop_token>
#include <string>
#include <utility>
#include <vector>

namespace binome::core {

// So that a failing expectation shows the issues in full.
void PrintTo(const ImportIssue& i, std::ostream* os) {
  *os << "{line " << i.line << ", " << (i.field ? field_name(*i.field) : "(row)") << ", \""
      << english(i.message) << "\"}";
}

namespace {

using F = EmployeeField;
using ::testing::AllOf;
using ::testing::ElementsAre;
using ::testing::Field;
using ::testing::HasSubstr;
using ::testing::ResultOf;
using ::testing::IsEmpty;
using ::testing::Optional;

const ImportRules kRules{.current_year = 2026};

EmployeeRow row(std::size_t line, const std::vector<std::pair<F, std::string>>& cells) {
  EmployeeRow r;
  r.line = line;
  for (const auto& [f, v] : cells) r[f] = v;
  return r;
}

std::string lower(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

// A row with every column, valid, as an HR system writes it.
EmployeeRow full(std::size_t line, const std::string& id, const std::string& manager = "") {
  return row(line, {{F::kEmployeeId, id},
                    {F::kFirstName, "Prénom " + id},
                    {F::kLastName, "Nom"},
                    {F::kEmail, id + "@Bank.example"},
                    {F::kJobTitle, "Analyste"},
                    {F::kDepartment, "Risques"},
                    {F::kGrade, "7"},
                    {F::kManagerId, manager},
                    {F::kHireDate, "03/09/2018"},
                    {F::kSite, "Paris"},
                    {F::kTimeZone, "Europe/Paris"},
                    {F::kLanguages, "FR, en"},
                    {F::kBirthYear, "1990"},
                    {F::kActive, "oui"}});
}

// The employee that full(line, id, manager) describes.
Employee employee(const std::string& id, const std::string& manager = "") {
  return {.employee_id = id,
          .first_name = "Prénom " + id,
          .last_name = "Nom",
          .email = lower(id) + "@bank.example",
          .job_title = "Analyste",
          .department = "Risques",
          .grade = "7",
          .manager_id = manager,
          .hire_date = "2018-09-03",
          .site = "Paris",
          .time_zone = "Europe/Paris",
          .languages = {"fr", "en"},
          .birth_year = 1990,
          .active = true};
}

EmployeeRow with(EmployeeRow r, F f, std::optional<std::string> value) {
  r[f] = std::move(value);
  return r;
}

auto issue(std::size_t line, F f, const std::string& says) {
  return AllOf(Field(&ImportIssue::line, line), Field(&ImportIssue::field, Optional(f)),
               Field(&ImportIssue::message, ResultOf(english, HasSubstr(says))));
}

// --- one field at a time ---------------------------------------------------------------------

struct Bad {
  F field;
  std::string value;
  std::string says;
};

TEST(EmployeeImport, EachFieldProblemIsReportedWithItsLineAndField) {
  const std::vector<Bad> cases = {
      {F::kEmployeeId, "", "required"},
      {F::kEmployeeId, "   ", "required"},
      {F::kFirstName, "", "required"},
      {F::kLastName, " \t", "required"},
      {F::kEmail, "", "required"},
      {F::kEmail, "jean.dupont@", "'jean.dupont@' is not a valid email address"},
      {F::kEmail, "jean dupont@bank.example", "not a valid email"},
      {F::kEmail, "jean@bank", "not a valid email"},
      {F::kEmail, "jean@@bank.example", "not a valid email"},
      {F::kHireDate, "31/02/2024",
       "'31/02/2024' is not a date (expected DD/MM/YYYY or YYYY-MM-DD)"},
      {F::kHireDate, "2023-02-29", "is not a date"},
      {F::kHireDate, "12/31/2020", "is not a date"},
      {F::kHireDate, "hier", "is not a date"},
      {F::kHireDate, "2024/01/02", "is not a date"},
      {F::kHireDate, "03.09.2018", "is not a date"},
      {F::kHireDate, "01/01/2028", "'01/01/2028' is too far in the future"},
      {F::kHireDate, "2031-06-01", "too far in the future"},
      {F::kBirthYear, "1899", "'1899' is not a year between 1900 and 2026"},
      {F::kBirthYear, "2027", "not a year between 1900 and 2026"},
      {F::kBirthYear, "19x0", "not a year"},
      {F::kBirthYear, "-1990", "not a year"},
      {F::kBirthYear, "1990.5", "not a year"},
      {F::kTimeZone, "Europe/Pariss", "'Europe/Pariss' is not a known time zone"},
      {F::kTimeZone, "Paris", "not a known time zone"},
      {F::kTimeZone, "Mars/Olympus_Mons", "not a known time zone"},
      {F::kLanguages, "fr, xx, en", "'xx' is not an ISO 639-1 language code"},
      {F::kLanguages, "français", "not an ISO 639-1"},
      {F::kLanguages, "fra", "'fra' is not an ISO 639-1"},
      {F::kGrade, "T3", "grade 'T3' is neither a number nor a letter"},
      {F::kGrade, "Cadre", "configure the bank's grade scale"},
      {F::kGrade, "AB", "neither a number nor a letter"},
      {F::kGrade, "3.5", "neither a number nor a letter"},
      {F::kGrade, "É", "neither a number nor a letter"},
      {F::kActive, "peut-être", "'peut-être' is not a yes/no value"},
      {F::kActive, "2", "not a yes/no value"},
      {F::kManagerId, "E2", "cannot be their own manager"},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(std::string(field_name(c.field)) + " = '" + c.value + "'");
    const ImportPlan plan = plan_employee_import(
        {}, {full(2, "E1"), with(full(3, "E2"), c.field, c.value), full(4, "E3")}, kRules);
    ASSERT_FALSE(plan.issues.empty());
    EXPECT_THAT(plan.issues.front(), issue(3, c.field, c.says));
    if (c.field != F::kManagerId) {
      EXPECT_EQ(plan.issues.size(), 1u);
    }
    EXPECT_THAT(plan.employees, IsEmpty()) << "nothing is planned when there are issues";
    EXPECT_THAT(plan.created, IsEmpty());
  }
}

TEST(EmployeeImport, AnEmployeeWhoIsTheirOwnManagerIsOneProblem) {
  const ImportPlan plan = plan_employee_import({}, {full(2, "E1"), full(3, "E2", "E2")}, kRules);
  EXPECT_THAT(plan.issues, ElementsAre(issue(3, F::kManagerId, "cannot be their own manager")));
}

TEST(EmployeeImport, GradesOffACustomScaleAreNamed) {
  const ImportRules rules{.scale = GradeScale({"Junior", "Confirmé", "Senior"}),
                          .current_year = 2026};
  const ImportPlan plan = plan_employee_import(
      {},
      {with(full(2, "E1"), F::kGrade, "Confirmé"), with(full(3, "E2"), F::kGrade, "7"),
       with(full(4, "E3"), F::kGrade, "senior"), with(full(5, "E4"), F::kGrade, "")},
      rules);
  EXPECT_THAT(plan.issues,
              ElementsAre(issue(3, F::kGrade, "grade '7' is not on the grade scale"),
                          issue(4, F::kGrade, "grade 'senior' is not on the grade scale")));
}

TEST(EmployeeImport, ValuesAreTrimmedAndNormalised) {
  EmployeeRow r = row(2, {{F::kEmployeeId, "  E1 "},
                          {F::kFirstName, "  Élodie "},
                          {F::kLastName, "Lefèvre\t"},
                          {F::kEmail, " Elodie.Lefevre@Bank.EXAMPLE "},
                          {F::kJobTitle, " Chargée d'affaires\r\nentreprises "},
                          {F::kGrade, " k "},
                          {F::kHireDate, " 1/2/2024 "},
                          {F::kTimeZone, " America/New_York "},
                          {F::kLanguages, "FR; en|De/es  it,fr"},
                          {F::kBirthYear, " 1900 "},
                          {F::kActive, " NON "}});
  const ImportPlan plan = plan_employee_import({}, {r}, kRules);
  ASSERT_THAT(plan.issues, IsEmpty());
  ASSERT_EQ(plan.employees.size(), 1u);
  const Employee& e = plan.employees[0];
  EXPECT_EQ(e.employee_id, "E1");
  EXPECT_EQ(e.first_name, "Élodie");
  EXPECT_EQ(e.last_name, "Lefèvre");
  EXPECT_EQ(e.email, "elodie.lefevre@bank.example");
  EXPECT_EQ(e.job_title, "Chargée d'affaires\r\nentreprises");
  EXPECT_EQ(e.grade, "k");
  EXPECT_EQ(e.hire_date, "2024-02-01");
  EXPECT_EQ(e.time_zone, "America/New_York");
  EXPECT_THAT(e.languages, ElementsAre("fr", "en", "de", "es", "it"));
  EXPECT_EQ(e.birth_year, 1900);
  EXPECT_FALSE(e.active);
}

TEST(EmployeeImport, EveryYesNoSpellingIsUnderstood) {
  for (const char* yes : {"1", "true", "TRUE", "yes", "Y", "oui", "O", "actif", "Active", "vrai"}) {
    const auto plan = plan_employee_import({}, {with(full(2, "E1"), F::kActive, yes)}, kRules);
    ASSERT_THAT(plan.issues, IsEmpty()) << yes;
    EXPECT_TRUE(plan.employees[0].active) << yes;
  }
  for (const char* no : {"0", "false", "No", "n", "NON", "inactif", "inactive", "Faux"}) {
    const auto plan = plan_employee_import({}, {with(full(2, "E1"), F::kActive, no)}, kRules);
    ASSERT_THAT(plan.issues, IsEmpty()) << no;
    EXPECT_FALSE(plan.employees[0].active) << no;
  }
}

TEST(EmployeeImport, BoundaryYearsAreAccepted) {
  // Next year's hires are known in advance; this year's births are possible (if early).
  const auto plan = plan_employee_import(
      {},
      {with(with(full(2, "E1"), F::kHireDate, "31/12/2027"), F::kBirthYear, "2026"),
       with(full(3, "E2"), F::kHireDate, "1900-01-01")},
      kRules);
  ASSERT_THAT(plan.issues, IsEmpty());
  EXPECT_EQ(plan.employees[0].hire_date, "2027-12-31");
  EXPECT_EQ(plan.employees[1].hire_date, "1900-01-01");
}

// --- across rows and against the directory ---------------------------------------------------

TEST(EmployeeImport, ADuplicateIdIsReportedOnTheLaterLineNamingTheFirst) {
  const auto plan = plan_employee_import(
      {}, {full(2, "E1"), full(3, "E2"), with(full(5, "E1"), F::kEmail, "autre@bank.example")},
      kRules);
  EXPECT_THAT(plan.issues,
              ElementsAre(issue(5, F::kEmployeeId, "employee id 'E1' already appears on line 2")));
}

TEST(EmployeeImport, ADuplicateEmailIsReportedOnTheLaterLineNamingTheFirst) {
  const auto plan = plan_employee_import(
      {}, {full(2, "E1"), full(3, "E2"), with(full(6, "E3"), F::kEmail, "  E1@BANK.example ")},
      kRules);
  EXPECT_THAT(plan.issues, ElementsAre(issue(6, F::kEmail, "already appears on line 2")));
}

TEST(EmployeeImport, AManagerMustBeInTheFileOrTheDirectory) {
  const auto unknown = plan_employee_import({}, {full(2, "E1"), full(3, "E2", "E9")}, kRules);
  EXPECT_THAT(unknown.issues,
              ElementsAre(issue(3, F::kManagerId,
                                "manager id 'E9' is neither in the file nor in the directory")));
  // A manager further down the file, or already in the directory, is fine.
  const auto later =
      plan_employee_import({employee("D1")}, {full(2, "E1", "E2"), full(3, "E2", "D1")}, kRules);
  EXPECT_THAT(later.issues, IsEmpty());
  EXPECT_EQ(later.created.size(), 2u);
}

TEST(EmployeeImport, ACycleAcrossRowsIsReportedOnceAtItsFirstLine) {
  // A → B → C → A, written in another order, with D hanging below the cycle.
  const auto plan = plan_employee_import(
      {}, {full(2, "B", "C"), full(3, "A", "B"), full(4, "D", "A"), full(5, "C", "A")}, kRules);
  EXPECT_THAT(plan.issues, ElementsAre(issue(2, F::kManagerId,
                                             "the reporting lines form a cycle: A → B → C → A")));
  // Two cycles, two problems.
  const auto two = plan_employee_import(
      {}, {full(2, "A", "B"), full(3, "B", "A"), full(4, "X", "Y"), full(5, "Y", "X")}, kRules);
  EXPECT_THAT(two.issues, ElementsAre(issue(2, F::kManagerId, "A → B → A"),
                                      issue(4, F::kManagerId, "X → Y → X")));
}

TEST(EmployeeImport, ACycleThroughTheDirectoryIsReportedOnTheFileLine) {
  // In the directory: Y manages X and Z. The file makes X manage Y.
  const std::vector<Employee> existing = {employee("X", "Y"), employee("Y"), employee("Z", "Y")};
  const auto plan = plan_employee_import(existing, {full(2, "Z", "Y"), full(7, "Y", "X")}, kRules);
  EXPECT_THAT(plan.issues, ElementsAre(issue(7, F::kManagerId, "X → Y → X")));
}

TEST(EmployeeImport, AnEmailOfAnotherEmployeeInTheDirectoryIsTaken) {
  const std::vector<Employee> existing = {employee("E1"), employee("E2")};
  const auto plan =
      plan_employee_import(existing, {with(full(4, "E3"), F::kEmail, "E1@bank.example")}, kRules);
  EXPECT_THAT(
      plan.issues,
      ElementsAre(issue(4, F::kEmail,
                        "email 'e1@bank.example' belongs to employee 'E1' in the directory")));
  // Two employees in the file may swap their addresses.
  const auto swap = plan_employee_import(existing,
                                         {with(full(2, "E1"), F::kEmail, "e2@bank.example"),
                                          with(full(3, "E2"), F::kEmail, "e1@bank.example")},
                                         kRules);
  EXPECT_THAT(swap.issues, IsEmpty());
  EXPECT_EQ(swap.updated.size(), 2u);
  EXPECT_EQ(swap.employees[0].email, "e2@bank.example");
}

TEST(EmployeeImport, EveryProblemOfTheFileIsReportedAtOnceInLineOrder) {
  const auto plan = plan_employee_import(
      {employee("D1")},
      {with(full(2, "E1"), F::kEmail, "pas-un-email"), full(3, "E2"),
       with(with(with(full(4, "E3"), F::kTimeZone, "Paris"), F::kHireDate, "31/02/2020"), F::kEmail,
            "D1@bank.example"),
       full(5, "E4", "E99"), with(full(6, "E2"), F::kEmail, "e2bis@bank.example"),
       with(full(8, "E5"), F::kLastName, ""), full(9, "E6", "E6")},
      kRules);
  EXPECT_THAT(
      plan.issues,
      ElementsAre(
          issue(2, F::kEmail, "not a valid email"), issue(4, F::kEmail, "belongs to employee 'D1'"),
          issue(4, F::kHireDate, "not a date"), issue(4, F::kTimeZone, "not a known time zone"),
          issue(5, F::kManagerId, "'E99'"), issue(6, F::kEmployeeId, "already appears on line 3"),
          issue(8, F::kLastName, "required"), issue(9, F::kManagerId, "own manager")));
  EXPECT_THAT(plan.employees, IsEmpty());
}

TEST(EmployeeImport, ControlCharactersAreRefusedButAJobTitleMaySpanLines) {
  const auto plan = plan_employee_import(
      {}, {with(full(2, "E1"), F::kLastName, std::string("Mo\0rel", 6)), with(full(3, "E2"), F::kDepartment, "Risques\x1B"),
           with(full(4, "E3"), F::kJobTitle, "Chargé d'affaires\r\n« entreprises »")},
      kRules);
  EXPECT_THAT(plan.issues, ElementsAre(issue(2, F::kLastName, "control character (U+0000)"),
                                       issue(3, F::kDepartment, "control character (U+001B)")));
}

TEST(EmployeeImport, BeyondTheListingLimitProblemsAreCountedByKindAndTheFirstByLineListed) {
  // 3,000 bad emails, then a manager unknown on line 2 (found by a later pass than the emails).
  std::vector<EmployeeRow> rows{full(2, "M1", "NOBODY")};
  for (std::size_t k = 0; k < 3'000; ++k) {
    rows.push_back(with(full(3 + k, "E" + std::to_string(k)), F::kEmail, "bad" + std::to_string(k)));
  }
  const auto plan = plan_employee_import({}, rows, kRules);
  EXPECT_EQ(plan.issue_count, 3'001u);
  ASSERT_EQ(plan.issues.size(), kMaxListedImportIssues);
  EXPECT_THAT(plan.issues.front(), issue(2, F::kManagerId, "'NOBODY'"));
  EXPECT_THAT(plan.issues[1], issue(3, F::kEmail, "'bad0'"));
  EXPECT_EQ(plan.issues.back().line, kMaxListedImportIssues + 1);
  ASSERT_EQ(plan.issue_kinds.size(), 2u);
  EXPECT_EQ(plan.issue_kinds[0].count, 1u);
  EXPECT_THAT(plan.issue_kinds[0].first, issue(2, F::kManagerId, "'NOBODY'"));
  EXPECT_EQ(plan.issue_kinds[1].count, 3'000u);
  EXPECT_THAT(plan.issue_kinds[1].first, issue(3, F::kEmail, "'bad0'"));
}

// --- what changes ----------------------------------------------------------------------------

TEST(EmployeeImport, CountsCreatedUpdatedUnchangedAndLeavesOthersAlone) {
  Employee gone = employee("D");
  gone.active = false;
  const std::vector<Employee> existing = {employee("A"), employee("B", "A"), employee("C", "A"),
                                          gone};
  const std::vector<EmployeeRow> rows = {full(2, "A"),
                                         with(full(3, "B", "A"), F::kJobTitle, "Trader"),
                                         full(4, "E", "B"), full(5, "F", "E")};
  const auto plan = plan_employee_import(existing, rows, kRules);
  ASSERT_THAT(plan.issues, IsEmpty());
  ASSERT_EQ(plan.employees.size(), 6u);
  EXPECT_THAT(plan.created, ElementsAre(4u, 5u));
  EXPECT_THAT(plan.updated, ElementsAre(1u));
  EXPECT_EQ(plan.unchanged, 1u);
  EXPECT_THAT(plan.deactivated, IsEmpty());
  EXPECT_EQ(plan.employees[1].job_title, "Trader");
  EXPECT_EQ(plan.employees[2], existing[2]) << "absent from the file, left as it was";
  EXPECT_EQ(plan.employees[3], gone);
  EXPECT_EQ(plan.employees[4], employee("E", "B"));
  EXPECT_EQ(plan.employees[5], employee("F", "E"));

  // deactivate_missing: C leaves; D had already left and is not counted again.
  ImportRules rules = kRules;
  rules.deactivate_missing = true;
  const auto leaving = plan_employee_import(existing, rows, rules);
  ASSERT_THAT(leaving.issues, IsEmpty());
  EXPECT_THAT(leaving.deactivated, ElementsAre(2u));
  EXPECT_FALSE(leaving.employees[2].active);
  EXPECT_FALSE(leaving.employees[3].active);
  EXPECT_THAT(leaving.created, ElementsAre(4u, 5u));
  EXPECT_THAT(leaving.updated, ElementsAre(1u));
  EXPECT_EQ(leaving.unchanged, 1u);
}

TEST(EmployeeImport, BeingInAFileWithoutAnActiveColumnMeansBeingEmployed) {
  Employee back = employee("A");
  back.active = false;
  const auto plan =
      plan_employee_import({back}, {with(full(2, "A"), F::kActive, std::nullopt)}, kRules);
  ASSERT_THAT(plan.issues, IsEmpty());
  EXPECT_THAT(plan.updated, ElementsAre(0u));
  EXPECT_TRUE(plan.employees[0].active);
}

TEST(EmployeeImport, ImportingTheResultAgainChangesNothing) {
  const std::vector<EmployeeRow> rows = {full(2, "CEO"), full(3, "E1", "CEO"), full(4, "E2", "E1"),
                                         row(5, {{F::kEmployeeId, "E3"},
                                                 {F::kFirstName, "Zoë"},
                                                 {F::kLastName, "Ñúñez"},
                                                 {F::kEmail, " ZOE@bank.example"},
                                                 {F::kManagerId, "E1"},
                                                 {F::kHireDate, "1/2/2003"},
                                                 {F::kLanguages, "ES|fr"},
                                                 {F::kActive, "non"}})};
  const auto first = plan_employee_import({}, rows, kRules);
  ASSERT_THAT(first.issues, IsEmpty());
  EXPECT_EQ(first.created.size(), 4u);
  const auto again = plan_employee_import(first.employees, rows, kRules);
  ASSERT_THAT(again.issues, IsEmpty());
  EXPECT_THAT(again.created, IsEmpty());
  EXPECT_THAT(again.updated, IsEmpty());
  EXPECT_EQ(again.unchanged, 4u);
  EXPECT_EQ(again.employees, first.employees);
}

TEST(EmployeeImport, AbsentColumnsKeepValuesAndEmptyCellsClearThem) {
  Employee a = employee("A", "B");
  const std::vector<Employee> existing = {a, employee("B")};
  // The file has no job title, department, grade, hire date or time zone column; its site,
  // languages, birth year and manager cells are empty.
  const auto plan = plan_employee_import(existing,
                                         {row(2, {{F::kEmployeeId, "A"},
                                                  {F::kFirstName, "Ada"},
                                                  {F::kLastName, "Nom"},
                                                  {F::kEmail, "a@bank.example"},
                                                  {F::kSite, ""},
                                                  {F::kLanguages, ""},
                                                  {F::kBirthYear, " "},
                                                  {F::kManagerId, ""}})},
                                         kRules);
  ASSERT_THAT(plan.issues, IsEmpty());
  EXPECT_THAT(plan.updated, ElementsAre(0u));
  const Employee& e = plan.employees[0];
  EXPECT_EQ(e.first_name, "Ada");
  EXPECT_EQ(e.job_title, a.job_title);
  EXPECT_EQ(e.department, a.department);
  EXPECT_EQ(e.grade, a.grade);
  EXPECT_EQ(e.hire_date, a.hire_date);
  EXPECT_EQ(e.time_zone, a.time_zone);
  EXPECT_EQ(e.site, "");
  EXPECT_THAT(e.languages, IsEmpty());
  EXPECT_EQ(e.birth_year, std::nullopt);
  EXPECT_EQ(e.manager_id, "");
}

// A random valid hierarchy imported twice: the second import finds nothing to do.
RC_GTEST_PROP(EmployeeImport, ReimportingIsANoOp, ()) {
  const auto n = *rc::gen::inRange<std::size_t>(1, 40);
  std::vector<EmployeeRow> rows;
  for (std::size_t i = 0; i < n; ++i) {
    std::string manager;
    if (i > 0 && *rc::gen::inRange(0, 4) != 0) {
      manager = "E" + std::to_string(*rc::gen::inRange<std::size_t>(0, i));
    }
    EmployeeRow r = full(i + 2, "E" + std::to_string(i), manager);
    r[F::kGrade] = *rc::gen::elementOf(std::vector<std::string>{"1", "12", "A", "k", ""});
    r[F::kActive] = *rc::gen::elementOf(std::vector<std::string>{"oui", "non", ""});
    if (*rc::gen::arbitrary<bool>()) r[F::kSite] = std::nullopt;
    rows.push_back(std::move(r));
  }
  const auto first = plan_employee_import({}, rows, kRules);
  RC_ASSERT(first.issues.empty());
  RC_ASSERT(first.created.size() == n);
  const auto again = plan_employee_import(first.employees, rows, kRules);
  RC_ASSERT(again.issues.empty());
  RC_ASSERT(again.created.empty());
  RC_ASSERT(again.updated.empty());
  RC_ASSERT(again.unchanged == n);
}

// The packed rows give back every row as it was put in: its line, which cells it has, their
// text (empty, long enough for a two-byte length, any bytes).
RC_GTEST_PROP(EmployeeImport, PackedRowsGiveBackWhatTheyWereGiven, ()) {
  const auto rows = *rc::gen::container<std::vector<EmployeeRow>>(rc::gen::exec([] {
    EmployeeRow r;
    r.line = *rc::gen::inRange<std::size_t>(0, std::size_t{1} << 40);
    for (auto& cell : r.cells) {
      if (*rc::gen::arbitrary<bool>()) cell = *rc::gen::oneOf(rc::gen::arbitrary<std::string>(),
                                                              rc::gen::container<std::string>(300, rc::gen::arbitrary<char>()));
    }
    return r;
  }));
  const EmployeeRows packed(rows);
  RC_ASSERT(packed.size() == rows.size());
  for (std::size_t i = 0; i < rows.size(); ++i) {
    const EmployeeRowView view = packed[i];
    RC_ASSERT(view.line == rows[i].line);
    RC_ASSERT(packed.line(i) == rows[i].line);
    for (std::size_t slot = 0; slot < kEmployeeFieldCount; ++slot) {
      const auto f = static_cast<F>(slot);
      const std::optional<std::string> want = rows[i].cells[slot];
      RC_ASSERT(view[f].has_value() == want.has_value());
      RC_ASSERT(packed.cell(i, f).has_value() == want.has_value());
      if (want) {
        RC_ASSERT(std::string(*view[f]) == *want);
        RC_ASSERT(std::string(*packed.cell(i, f)) == *want);
      }
    }
  }
}

TEST(EmployeeImport, RepeatsAmongThousandsOfRowsNameTheirFirstLine) {
  // Rows 5,000 apart share an id, or an address written in another case: each later one is
  // reported once, naming the line of the first.
  std::vector<EmployeeRow> rows;
  for (std::size_t k = 0; k < 10'000; ++k) {
    const std::size_t n = k % 5'000;
    EmployeeRow r = full(k + 2, k < 5'000 || n % 2 ? "E" + std::to_string(n) : "N" + std::to_string(k));
    r[F::kEmail] = (k < 5'000 ? "e" : " E") + std::to_string(n) + "@bank.example";
    rows.push_back(std::move(r));
  }
  const auto plan = plan_employee_import({}, rows, kRules);
  EXPECT_EQ(plan.issue_count, 7'500u);
  ASSERT_EQ(plan.issue_kinds.size(), 2u);  // by their first line
  EXPECT_EQ(plan.issue_kinds[0].count, 5'000u);
  EXPECT_THAT(plan.issue_kinds[0].first, issue(5'002, F::kEmail, "'E0@bank.example' already appears on line 2"));
  EXPECT_EQ(plan.issue_kinds[1].count, 2'500u);
  EXPECT_THAT(plan.issue_kinds[1].first, issue(5'003, F::kEmployeeId, "'E1' already appears on line 3"));
  EXPECT_THAT(plan.employees, IsEmpty());
}

TEST(EmployeeImport, AStopRequestedLeavesAnEmptyPlanMarkedStopped) {
  std::stop_source source;
  source.request_stop();
  const auto plan = plan_employee_import({employee("D1")}, {full(2, "E1"), with(full(3, "E2"), F::kEmail, "bad")}, kRules,
                                         source.get_token());
  EXPECT_TRUE(plan.stopped);
  EXPECT_THAT(plan.issues, IsEmpty()) << "a stopped check says nothing of the file";
  EXPECT_THAT(plan.employees, IsEmpty());
  EXPECT_THAT(plan.created, IsEmpty());
  EXPECT_FALSE(plan_employee_import({}, {full(2, "E1")}, kRules).stopped);
}

// --- the field parsers -----------------------------------------------------------------------

TEST(ParseHrDate, AcceptsIsoAndFrenchDatesThatExist) {
  EXPECT_EQ(parse_hr_date("2024-02-29"), "2024-02-29");
  EXPECT_EQ(parse_hr_date("29/02/2024"), "2024-02-29");
  EXPECT_EQ(parse_hr_date("1/2/2024"), "2024-02-01");
  EXPECT_EQ(parse_hr_date("01/2/2024"), "2024-02-01");
  EXPECT_EQ(parse_hr_date("1/12/2024"), "2024-12-01");
  EXPECT_EQ(parse_hr_date("31/12/1999"), "1999-12-31");
  EXPECT_EQ(parse_hr_date("1900-01-01"), "1900-01-01");
  EXPECT_EQ(parse_hr_date("29/02/2000"), "2000-02-29") << "2000 was a leap year";
}

TEST(ParseHrDate, RefusesImpossibleOrOtherwiseWrittenDates) {
  for (const char* s :
       {"",           "31/02/2024",  "29/02/2023",       "29/02/1900",  "31/04/2024",  "00/01/2024",
        "01/00/2024", "32/01/2024",  "01/13/2024",       "2024-13-01",  "2024-02-30",  "2024-2-1",
        "24-02-01",   "01/02/24",    "1/2/20245",        "001/02/2024", "01/002/2024", "//2024",
        "01//2024",   "2024/01/02",  "01-02-2024",       "01.02.2024",  "1899-12-31",  "31/12/1899",
        "0000-01-01", " 01/02/2024", "01/02/2024 ",      "+1/02/2024",  "1/-2/2024",   "2024-01-0a",
        "a1/02/2024", "01/02/2O24",  "2024-01-01T00:00", "lundi"}) {
    EXPECT_EQ(parse_hr_date(s), std::nullopt) << "'" << s << "'";
  }
}

TEST(ParseLanguages, SplitsOnEverySeparatorLowerCasesAndDropsRepeats) {
  auto l = parse_languages("FR, en;De|es it\tnl/pt,,;fr EN");
  EXPECT_THAT(l.codes, ElementsAre("fr", "en", "de", "es", "it", "nl", "pt"));
  EXPECT_EQ(l.unknown, "");
  EXPECT_THAT(parse_languages("").codes, IsEmpty());
  EXPECT_THAT(parse_languages(" ; , ").codes, IsEmpty());
  EXPECT_EQ(parse_languages(" ; , ").unknown, "");
}

TEST(ParseLanguages, NamesTheFirstUnknownCode) {
  auto l = parse_languages("fr, eng, xx, de");
  EXPECT_EQ(l.unknown, "eng");
  EXPECT_THAT(l.codes, ElementsAre("fr", "de")) << "the known codes are kept";
  EXPECT_EQ(parse_languages("Français").unknown, "français");
  EXPECT_EQ(parse_languages("f").unknown, "f");
  EXPECT_EQ(parse_languages("fr-FR").unknown, "fr-fr");
}

TEST(Iso639, KnowsExactlyTheTwoLetterCodes) {
  std::size_t known = 0;
  for (char a = 'a'; a <= 'z'; ++a) {
    for (char b = 'a'; b <= 'z'; ++b)
      if (is_iso639_1(std::string{a, b})) ++known;
  }
  EXPECT_EQ(known, 184u) << "the alpha-2 codes of /usr/share/iso-codes/json/iso_639-2.json";
  for (const char* code : {"aa", "fr", "en", "de", "lb", "zh", "ms", "ar", "zu"}) {
    EXPECT_TRUE(is_iso639_1(code)) << code;
  }
  for (const char* code : {"", "f", "FR", "Fr", "fra", "xx", "qq", "a ", " a", "r ", "zz", "aa "}) {
    EXPECT_FALSE(is_iso639_1(code)) << "'" << code << "'";
  }
}

TEST(TimeZones, KnowsIanaNamesOnly) {
  for (const char* tz :
       {"Europe/Paris", "Europe/London", "America/New_York", "Asia/Singapore", "UTC"}) {
    EXPECT_TRUE(is_known_time_zone(tz)) << tz;
    EXPECT_TRUE(is_known_time_zone(tz)) << tz << " (remembered)";
  }
  for (const char* tz : {"", "Paris", "Europe/Pariss", "europe/paris", "GMT+25"}) {
    EXPECT_FALSE(is_known_time_zone(tz)) << tz;
  }
}

}  // namespace
}  // namespace binome::core
