// People on an in-memory SQLite database: importing French Excel extracts (UTF-8 or
// Windows-1252), refusing faulty files whole, dry runs, leavers, the directory's listing,
// details and facets, the grade scale, who may do what, and the audit trail.
#include "app/people.hpp"
#include "app/services.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <iconv.h>

#include <atomic>
#include <memory>
#include <optional>
#include <stop_token>
#include <string>
#include <vector>

#include "app/audit.hpp"
#include "app/clock.hpp"
#include "core/grade_scale.hpp"
#include "core/reporting_lines.hpp"
#include "store/audit_repository.hpp"
#include "store/employee_repository.hpp"
#include "store/migrations.hpp"
#include "store/sql.hpp"
#include "support/messages.hpp"
#include "support/use_cases.hpp"

namespace binome::app {
namespace {

using test_support::en;
using test_support::fields_of;

using core::ErrorKind;
using ::testing::AllOf;
using ::testing::ElementsAre;
using ::testing::Field;
using ::testing::HasSubstr;
using ::testing::IsEmpty;
using ::testing::UnorderedElementsAre;
using Ids = std::vector<std::string>;

using testing::kStart;

// A French Excel "CSV UTF-8" extract: BOM, ';', CRLF, accents, a job title on two lines,
// DD/MM/YYYY dates, an empty cell.
const std::string kHeader =
    "Matricule;Prénom;Nom;Courriel;Intitulé de poste;Direction;Niveau;Matricule manager;"
    "Date d'entrée;Site;Fuseau horaire;Langues;Année de naissance\r\n";
const std::string kRows =
    "F001;Élodie;Lefèvre;elodie.lefevre@banque.example;Directrice des risques;Risques;K;;"
    "01/03/2005;Paris;Europe/Paris;fr,en;1970\r\n"
    "F002;Éric;Élan;eric.elan@banque.example;\"Chargé d'affaires\r\n« entreprises »\";"
    "Banque de détail;F;F001;15/09/2018;Lyon;Europe/Paris;fr;1988\r\n"
    "F003;Eric;Elan;eric.elan2@banque.example;Analyste crédit;Risques;E;F001;2/1/2020;Lille;"
    "Europe/Paris;fr,nl;1992\r\n"
    "F004;Françoise;Cœurdevey;francoise.coeurdevey@banque.example;Contrôleuse de gestion;"
    "Finance;G;F001;;Paris;Europe/Paris;fr;\r\n"
    "F005;Zoé;Zola;zoe.zola@banque.example;Trader;Banque de financement;H;F002;30/06/2015;"
    "London;Europe/London;en,fr;1985\r\n";
const std::string kFrenchUtf8 = "\xEF\xBB\xBF" + kHeader + kRows;

// The same text as French Excel's "CSV (separator: semicolon)" writes it: Windows-1252, no BOM.
std::string to_windows1252(const std::string& utf8) {
  iconv_t cd = iconv_open("WINDOWS-1252", "UTF-8");
  EXPECT_NE(cd, reinterpret_cast<iconv_t>(-1));
  std::string in = utf8;
  std::string out(in.size(), '\0');
  char* inp = in.data();
  char* outp = out.data();
  std::size_t inleft = in.size();
  std::size_t outleft = out.size();
  EXPECT_NE(iconv(cd, &inp, &inleft, &outp, &outleft), static_cast<std::size_t>(-1));
  iconv_close(cd);
  out.resize(out.size() - outleft);
  return out;
}

using testing::error_kind;

// A problem of an imported file as a reader sees it: line, column header, English sentence.
struct LineError {
  std::int64_t line = 0;
  std::string column;
  std::string message;
};

auto line_error(std::int64_t line, const std::string& column, const std::string& says) {
  return AllOf(Field(&LineError::line, line), Field(&LineError::column, column),
               Field(&LineError::message, HasSubstr(says)));
}

class PeopleTest : public ::testing::Test {
 protected:
  void SetUp() override {
    db_ = store::open_database("sqlite::memory:");
    store::migrate(*db_, kStart);
    services_ = std::make_unique<Services>(*db_, clock_, Settings{.password_hashing = {1, 8192}});
    audit_ = &services_->audit;
    people_ = &services_->people;
  }

  ImportSummary import_ok(std::string_view bytes, ImportOptions options = {}) {
    auto r = people_->import_employees(admin_, bytes, options);
    EXPECT_TRUE(r) << r.error();
    return r.value_or(ImportSummary{});
  }
  // The import must be refused (import_invalid): its problems, in order.
  std::vector<LineError> import_errors(std::string_view bytes, ImportOptions options = {}) {
    auto r = people_->import_employees(admin_, bytes, options);
    EXPECT_FALSE(r) << "the file was imported";
    if (r) return {};
    EXPECT_EQ(r.error().code, core::ErrorCode::kImportInvalid);
    std::vector<LineError> out;
    for (const auto& d : r.error().details) out.push_back({d.line, d.column, core::english(d.message)});
    return out;
  }
  std::int64_t count() const {
    return db_->read([](store::Connection& c) { return store::employees::count(c); });
  }
  core::Employee get(const std::string& id) const {
    auto d = people_->get(admin_, id);
    EXPECT_TRUE(d) << id << ": " << d.error();
    return d ? d->employee : core::Employee{};
  }
  core::Page<core::Employee> list(const core::EmployeeQuery& f) const {
    auto page = people_->list(admin_, f);
    EXPECT_TRUE(page) << page.error();
    return page.value_or(core::Page<core::Employee>{});
  }
  Ids ids(const core::EmployeeQuery& f) const {
    Ids out;
    for (const auto& e : list(f).items) out.push_back(e.employee_id);
    return out;
  }
  std::vector<core::AuditEntry> audit_entries(const std::string& action) const {
    core::AuditQuery q;
    q.action = action;
    q.page.limit = 1000;
    auto page = audit_->list(cli_, q);
    EXPECT_TRUE(page);
    std::vector<core::AuditEntry> out;
    if (page) {
      for (const auto& v : page->items) out.push_back(v.entry);
    }
    return out;
  }

  ManualClock clock_{kStart};
  std::unique_ptr<store::Database> db_;
  std::unique_ptr<Services> services_;
  const AuditLog* audit_ = nullptr;
  const People* people_ = nullptr;
  const Caller cli_ = Caller::operator_at_cli("tester");
  const Caller admin_{false, core::Principal{1, {core::Role::kAdmin}, true}, "admin@bank.example",
                      "api", "192.0.2.10"};
  const Caller mentee_{false, core::Principal{2, {core::Role::kMentee}, true},
                       "mentee@bank.example", "api", "192.0.2.11"};
};

// --- importing -------------------------------------------------------------------------------

TEST_F(PeopleTest, AFrenchExcelExtractImportsWithEveryAccentIntact) {
  const ImportSummary s = import_ok(kFrenchUtf8);
  EXPECT_EQ(s.created, 5);
  EXPECT_EQ(s.updated, 0);
  EXPECT_EQ(s.unchanged, 0);
  EXPECT_EQ(s.deactivated, 0);
  EXPECT_FALSE(s.dry_run);
  EXPECT_EQ(s.delimiter, ';');
  EXPECT_EQ(s.encoding, "utf-8");
  EXPECT_THAT(s.ignored_columns, IsEmpty());
  EXPECT_EQ(count(), 5);

  std::vector<std::string> names;
  for (const auto& e : list({}).items) names.push_back(e.first_name + " " + e.last_name);
  EXPECT_THAT(names, UnorderedElementsAre("Élodie Lefèvre", "Éric Élan", "Eric Elan",
                                          "Françoise Cœurdevey", "Zoé Zola"));
  const core::Employee eric = get("F002");
  EXPECT_EQ(eric.first_name, "Éric");
  EXPECT_EQ(eric.last_name, "Élan");
  EXPECT_EQ(eric.email, "eric.elan@banque.example");
  EXPECT_EQ(eric.job_title, "Chargé d'affaires\r\n« entreprises »");
  EXPECT_EQ(eric.department, "Banque de détail");
  EXPECT_EQ(eric.grade, "F");
  EXPECT_EQ(eric.manager_id, "F001");
  EXPECT_EQ(eric.hire_date, "2018-09-15");
  EXPECT_EQ(eric.site, "Lyon");
  EXPECT_EQ(eric.time_zone, "Europe/Paris");
  EXPECT_THAT(eric.languages, ElementsAre("fr"));
  EXPECT_EQ(eric.birth_year, 1988);
  EXPECT_TRUE(eric.active);
  EXPECT_EQ(get("F003").hire_date, "2020-01-02");
  const core::Employee francoise = get("F004");
  EXPECT_EQ(francoise.job_title, "Contrôleuse de gestion");
  EXPECT_EQ(francoise.hire_date, "");
  EXPECT_EQ(francoise.birth_year, std::nullopt);
}

TEST_F(PeopleTest, TheSameExtractInWindows1252ChangesNothing) {
  import_ok(kFrenchUtf8);
  const std::string cp1252 = to_windows1252(kHeader + kRows);
  ASSERT_NE(cp1252.find("\xC9lodie"), std::string::npos) << "É is one byte in Windows-1252";
  ASSERT_NE(cp1252.find("C\x9C"
                        "urdevey"),
            std::string::npos)
      << "so is œ";
  const ImportSummary again = import_ok(cp1252);
  EXPECT_EQ(again.encoding, "windows-1252");
  EXPECT_EQ(again.created, 0);
  EXPECT_EQ(again.updated, 0);
  EXPECT_EQ(again.unchanged, 5);
  EXPECT_EQ(get("F004").last_name, "Cœurdevey");
  EXPECT_EQ(get("F002").job_title, "Chargé d'affaires\r\n« entreprises »");
}

TEST_F(PeopleTest, AFaultyFileWritesNothingAndNamesEveryBadLine) {
  import_ok(kFrenchUtf8);
  const core::Employee before = get("F003");
  const std::string faulty = "\xEF\xBB\xBF" + kHeader +
                             "F003;Eric;Elan;eric.elan2@banque.example;Nouveau "
                             "poste;Risques;E;F001;2/1/2020;Lille;Europe/Paris;fr;1992\r\n"
                             "F006;Jean;Dupont;jean.dupont@;Analyste;Risques;E;F001;01/02/"
                             "2021;Paris;Europe/Paris;fr;1990\r\n"
                             "F007;Ana;Diaz;ana.diaz@banque.example;\"Analyste\r\nsenior\";Risques;"
                             "E;F999;01/02/2021;Paris;Europe/Paris;es;1991\r\n"
                             "F008;Luc;Roux;luc.roux@banque.example;Analyste;Risques;E;F001;31/02/"
                             "2021;Paris;Europe/Paris;fr;1993\r\n"
                             "F009;Noé;Petit;eric.elan@banque.example;Analyste;Risques;E;F001;01/"
                             "02/2021;Paris;Mars/Base;fr;1994\r\n";
  EXPECT_THAT(import_errors(faulty),
              ElementsAre(line_error(3, "Courriel", "'jean.dupont@' is not a valid email"),
                          line_error(4, "Matricule manager", "'F999'"),
                          line_error(6, "Date d'entrée", "'31/02/2021' is not a date"),
                          line_error(7, "Courriel", "belongs to employee 'F002'"),
                          line_error(7, "Fuseau horaire", "'Mars/Base'")));
  EXPECT_EQ(count(), 5);
  EXPECT_EQ(get("F003"), before) << "the valid line was not written either";
  const auto entries = audit_entries("employees.import");
  ASSERT_EQ(entries.size(), 2u);
  EXPECT_EQ(entries[0].outcome, "failure");  // newest first
  EXPECT_THAT(entries[0].detail, HasSubstr(R"("errors":"5")"));
  EXPECT_EQ(entries[0].actor, "admin@bank.example");
  EXPECT_EQ(entries[1].outcome, "success");
}

TEST_F(PeopleTest, AFileThatCannotBeReadIsRefusedAndAudited) {
  struct Case {
    const char* what;
    std::string bytes;
    std::int64_t line;
    std::string says;
  };
  const std::vector<Case> cases = {
      {"no email column", "Matricule;Prénom;Nom\r\nF001;Élodie;Lefèvre\r\n", 1, "email"},
      {"an unterminated quote", kHeader + "F001;\"Élodie;Lefèvre\r\n", 2, "closing quote"},
      {"UTF-16", "\xFF\xFEM\0a\0", 1, "UTF-16"},
      {"a stray delimiter", kHeader + "F001;Élodie;Lefèvre;e@b.example;;;;;;;;;;;oups\r\n", 2,
       "fields"},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.what);
    const auto errors = import_errors(c.bytes);
    ASSERT_FALSE(errors.empty());
    EXPECT_EQ(errors[0].line, c.line);
    EXPECT_THAT(errors[0].message, HasSubstr(c.says));
    EXPECT_EQ(count(), 0);
  }
  // Every refused import leaves a trace, like a refused line does.
  const auto entries = audit_entries("employees.import");
  EXPECT_EQ(entries.size(), cases.size());
  for (const auto& e : entries) EXPECT_EQ(e.outcome, "failure");
}

TEST_F(PeopleTest, ADryRunCountsButWritesNothing) {
  const ImportSummary s = import_ok(kFrenchUtf8, {.dry_run = true});
  EXPECT_TRUE(s.dry_run);
  EXPECT_EQ(s.created, 5);
  EXPECT_EQ(count(), 0);
  EXPECT_THAT(audit_entries("employees.import"), IsEmpty());
  import_ok(kFrenchUtf8);
  const ImportSummary again = import_ok(to_windows1252(kHeader + kRows), {.dry_run = true});
  EXPECT_EQ(again.unchanged, 5);
  EXPECT_EQ(again.encoding, "windows-1252");
  // A dry run with errors reports them and writes nothing, not even a failure.
  EXPECT_THAT(import_errors(kHeader + "F001;;Lefèvre;x@y.example\r\n", {.dry_run = true}),
              ElementsAre(line_error(2, "Prénom", "required")));
  EXPECT_EQ(audit_entries("employees.import").size(), 1u);
}

// A clock that, once armed, requests a stop the first time it is read: the import asks the time
// after it has read the file and before it checks and writes the rows, so the stop comes while
// the import is under way, without a thread or a wait.
class StoppingClock final : public Clock {
 public:
  explicit StoppingClock(core::Millis start) : clock_(start) {}
  core::Millis now() const override {
    if (armed_.exchange(false)) source_.request_stop();
    return clock_.now();
  }
  std::stop_token arm() {
    armed_ = true;
    return source_.get_token();
  }

 private:
  ManualClock clock_;
  mutable std::atomic<bool> armed_ = false;
  mutable std::stop_source source_;
};

TEST_F(PeopleTest, AStoppedImportWritesNothingAndSaysItsTimeIsSpent) {
  import_ok(kFrenchUtf8);
  const auto before = list({}).items;
  // F001 changes title, F006 is new: a file that would write.
  const std::string changes = kHeader +
                              "F001;Élodie;Lefèvre;elodie.lefevre@banque.example;Directrice générale;Risques;K;;"
                              "01/03/2005;Paris;Europe/Paris;fr,en;1970\r\n"
                              "F006;Jean;Dupont;jean.dupont@banque.example;Analyste;Risques;E;F001;01/02/2021;"
                              "Paris;Europe/Paris;fr;1990\r\n";
  const auto code = [](const core::Result<ImportSummary>& r) { return r ? core::ErrorCode::kCount : r.error().code; };

  std::stop_source stopped;
  stopped.request_stop();
  EXPECT_EQ(code(people_->import_employees(admin_, changes, {.stop = stopped.get_token()})),
            core::ErrorCode::kTimeBudgetExceeded);
  EXPECT_EQ(code(people_->import_employees(admin_, changes, {.dry_run = true, .stop = stopped.get_token()})),
            core::ErrorCode::kTimeBudgetExceeded);
  EXPECT_EQ(list({}).items, before);

  StoppingClock clock{kStart};
  Services services(*db_, clock, Settings{.password_hashing = {1, 8192}});
  EXPECT_EQ(code(services.people.import_employees(admin_, changes, {.stop = clock.arm()})),
            core::ErrorCode::kTimeBudgetExceeded);
  EXPECT_EQ(list({}).items, before) << "stopped once the file was read: nothing written";

  // Without a stop, the same file does change the directory.
  EXPECT_EQ(import_ok(changes).created, 1);
  EXPECT_EQ(get("F001").job_title, "Directrice générale");
}

TEST_F(PeopleTest, LeaversAreDeactivatedOnlyWhenAsked) {
  import_ok(kFrenchUtf8);
  const std::string first_three = kHeader + kRows.substr(0, kRows.find("F004;"));
  const ImportSummary kept = import_ok(first_three);
  EXPECT_EQ(kept.unchanged, 3);
  EXPECT_EQ(kept.deactivated, 0);
  EXPECT_TRUE(get("F004").active);
  const ImportSummary left = import_ok(first_three, {.deactivate_missing = true});
  EXPECT_EQ(left.deactivated, 2);
  EXPECT_EQ(left.unchanged, 3);
  EXPECT_FALSE(get("F004").active);
  EXPECT_FALSE(get("F005").active);
  EXPECT_THAT(ids({.active = false}), ElementsAre("F004", "F005"));
  EXPECT_EQ(count(), 5) << "leavers stay in the directory";
  // Back in a later extract: active again.
  const ImportSummary back = import_ok(kFrenchUtf8);
  EXPECT_EQ(back.updated, 2);
  EXPECT_TRUE(get("F005").active);
}

TEST_F(PeopleTest, TheStoredReportingLinesAndRanksStayInStepAcrossImports) {
  import_ok(kFrenchUtf8);
  // A newcomer under F001 and a move of F005 from F002 to F003 shift the nested-set intervals
  // of people the file does not change.
  std::string moved = kRows;
  moved.replace(moved.find("H;F002;"), 7, "H;F003;");
  import_ok(kHeader + moved +
            "F000;Aude;Abel;aude.abel@banque.example;Stagiaire;Risques;A;F001;;Paris;Europe/"
            "Paris;fr;2004\r\n");
  const auto stored = db_->read([](store::Connection& c) { return store::employees::load_all(c); });
  ASSERT_EQ(stored.size(), 6u);
  std::vector<core::ReportingLink> links;
  for (const auto& s : stored) links.push_back({s.employee.employee_id, s.employee.manager_id});
  const core::ReportingLines lines(links);
  const core::GradeScale scale;
  for (const auto& s : stored) {
    const auto i = lines.index_of(s.employee.employee_id).value();
    EXPECT_EQ(s.tree_left, lines.left(i)) << s.employee.employee_id;
    EXPECT_EQ(s.tree_right, lines.right(i)) << s.employee.employee_id;
    EXPECT_EQ(s.grade_rank, scale.rank(s.employee.grade)) << s.employee.employee_id;
  }
  EXPECT_EQ(get("F005").manager_id, "F003");
}

TEST_F(PeopleTest, AMappingReachesTheReader) {
  const ImportSummary s =
      import_ok("Code RH;Prénom;Nom;Mail pro;Remarque\nX1;Ada;Lovelace;ada@bank.example;vue\n",
                {.mapping = {{"Code RH", "employee_id"}, {"Mail pro", "email"}}});
  EXPECT_EQ(s.created, 1);
  EXPECT_THAT(s.ignored_columns, ElementsAre("Remarque"));
  EXPECT_EQ(s.delimiter, ';');
  EXPECT_EQ(get("X1").email, "ada@bank.example");
}

// --- reading the directory -------------------------------------------------------------------

TEST_F(PeopleTest, ListSearchesWithoutAccentsSortsFiltersAndPages) {
  import_ok(kFrenchUtf8);
  EXPECT_THAT(ids({.text = "elodie"}), ElementsAre("F001"));
  EXPECT_THAT(ids({.text = "ELODIE LEFEVRE"}), ElementsAre("F001"));
  EXPECT_THAT(ids({.text = "CŒUR"}), ElementsAre("F004")) << "œ is searched as oe";
  EXPECT_THAT(ids({.text = "élan"}), ElementsAre("F002", "F003"));
  // By last name: "Éric Élan" beside "Eric Elan", not after "Zola".
  EXPECT_THAT(ids({}), ElementsAre("F004", "F002", "F003", "F001", "F005"));
  EXPECT_THAT(ids({.department = "Risques"}), ElementsAre("F003", "F001"));
  EXPECT_THAT(ids({.site = "Paris", .sort = core::EmployeeSort::kHireDate}),
              ElementsAre("F001", "F004"));
  EXPECT_THAT(ids({.grade = "K"}), ElementsAre("F001"));
  // Default scale: letters in order.
  EXPECT_THAT(ids({.sort = core::EmployeeSort::kGrade}),
              ElementsAre("F003", "F002", "F004", "F005", "F001"));
  const auto page = list({.page = {2, 2}});
  EXPECT_EQ(page.total, 5);
  ASSERT_EQ(page.items.size(), 2u);
  EXPECT_EQ(page.items[0].employee_id, "F003");
  EXPECT_EQ(page.items[1].employee_id, "F001");
}

TEST_F(PeopleTest, GetReturnsTheManagerAndTheDirectReports) {
  import_ok(kFrenchUtf8);
  const auto boss = people_->get(admin_, "F001");
  ASSERT_TRUE(boss);
  EXPECT_EQ(boss->employee.first_name, "Élodie");
  EXPECT_EQ(boss->manager, std::nullopt);
  Ids reports;
  for (const auto& r : boss->direct_reports) reports.push_back(r.employee_id);
  ASSERT_EQ(reports.size(), 3u);
  EXPECT_EQ(reports[0], "F004");
  EXPECT_THAT(reports, UnorderedElementsAre("F004", "F002", "F003"));
  const auto zoe = people_->get(admin_, "F005");
  ASSERT_TRUE(zoe);
  ASSERT_TRUE(zoe->manager);
  EXPECT_EQ(zoe->manager->first_name, "Éric");
  EXPECT_EQ(zoe->manager->employee_id, "F002");
  EXPECT_THAT(zoe->direct_reports, IsEmpty());
  const auto missing = people_->get(admin_, "F404");
  EXPECT_EQ(error_kind(missing), ErrorKind::kNotFound);
  EXPECT_THAT(en(missing.error().sentence()), HasSubstr("F404"));
}

TEST_F(PeopleTest, FacetsListWhatTheDirectoryHolds) {
  import_ok(kFrenchUtf8);
  const auto f = people_->facets(admin_);
  ASSERT_TRUE(f);
  EXPECT_THAT(f->departments,
              ElementsAre("Banque de détail", "Banque de financement", "Finance", "Risques"));
  EXPECT_THAT(f->sites, ElementsAre("Lille", "London", "Lyon", "Paris"));
  EXPECT_THAT(f->grades, ElementsAre("E", "F", "G", "H", "K"));
}

// --- the grade scale -------------------------------------------------------------------------

TEST_F(PeopleTest, ACustomScaleOrdersGradesAndCanBeReordered) {
  const std::vector<std::string> scale = {"Stagiaire", "Junior", "Confirmé", "Senior", "Expert"};
  ASSERT_TRUE(people_->set_grade_scale(admin_, scale));
  EXPECT_EQ(people_->grade_scale(admin_)->grades(), scale);
  import_ok(
      "Matricule;Prénom;Nom;Courriel;Niveau\n"
      "A;Ana;Alba;a@bank.example;Senior\n"
      "B;Bob;Bert;b@bank.example;Stagiaire\n"
      "C;Céline;Cruz;c@bank.example;Expert\n"
      "D;Dan;Dore;d@bank.example;Confirmé\n"
      "E;Ève;Ezra;e@bank.example;Junior\n");
  EXPECT_THAT(ids({.sort = core::EmployeeSort::kGrade}), ElementsAre("B", "E", "D", "A", "C"));
  EXPECT_THAT(people_->facets(admin_)->grades,
              ElementsAre("Stagiaire", "Junior", "Confirmé", "Senior", "Expert"));
  // A grade off the scale is refused at import.
  EXPECT_THAT(import_errors("Matricule;Prénom;Nom;Courriel;Niveau\nF;Fé;Fox;f@bank.example;7\n"),
              ElementsAre(line_error(2, "Niveau", "grade '7' is not on the grade scale")));

  // Reordering the scale re-ranks everyone.
  const std::vector<std::string> reversed(scale.rbegin(), scale.rend());
  ASSERT_TRUE(people_->set_grade_scale(admin_, reversed));
  EXPECT_THAT(ids({.sort = core::EmployeeSort::kGrade}), ElementsAre("C", "A", "D", "E", "B"));
  EXPECT_THAT(people_->facets(admin_)->grades,
              ElementsAre("Expert", "Senior", "Confirmé", "Junior", "Stagiaire"));
  EXPECT_EQ(audit_entries("grade_scale.update").size(), 2u);
}

TEST_F(PeopleTest, AScaleMissingAGradeInUseOrMalformedIsRefused) {
  const std::vector<std::string> scale = {"Junior", "Senior", "Expert"};
  ASSERT_TRUE(people_->set_grade_scale(admin_, scale));
  import_ok(
      "Matricule;Prénom;Nom;Courriel;Niveau\nA;Ana;Alba;a@bank.example;Senior\nB;Bob;Bert;b@bank."
      "example;Expert\n");
  const auto missing = people_->set_grade_scale(admin_, {"Junior", "Senior"});
  ASSERT_EQ(error_kind(missing), ErrorKind::kValidation);
  EXPECT_THAT(missing.error().details, ElementsAre(Field(&core::ErrorDetail::field, "grades")));
  EXPECT_THAT(en(missing.error().sentence()), HasSubstr("'Expert'"));
  EXPECT_EQ(people_->grade_scale(admin_)->grades(), scale) << "the scale is unchanged";
  EXPECT_THAT(ids({.sort = core::EmployeeSort::kGrade}), ElementsAre("A", "B"));
  const std::vector<std::vector<std::string>> malformed = {{}, {"A", "A"}, {"A", " "}};
  for (const auto& bad : malformed) {
    EXPECT_EQ(error_kind(people_->set_grade_scale(admin_, bad)), ErrorKind::kValidation);
  }
  EXPECT_EQ(people_->grade_scale(admin_)->grades(), scale);
}

TEST_F(PeopleTest, TheDefaultScaleKnowsNumbersAndLetters) {
  const auto def = people_->grade_scale(admin_);
  ASSERT_TRUE(def);
  EXPECT_FALSE(def->custom());
  import_ok(
      "Matricule;Prénom;Nom;Courriel;Niveau\nA;Ana;Alba;a@bank.example;12\nB;Bob;Bert;b@bank."
      "example;7\nC;Cy;Cole;c@bank.example;9\n");
  EXPECT_THAT(ids({.sort = core::EmployeeSort::kGrade}), ElementsAre("B", "C", "A"))
      << "7 < 9 < 12";
}

// --- access and audit ------------------------------------------------------------------------

TEST_F(PeopleTest, AMenteeMayNeitherImportNorReadTheDirectory) {
  import_ok(kFrenchUtf8);
  EXPECT_EQ(error_kind(people_->import_employees(mentee_, kFrenchUtf8, {})), ErrorKind::kForbidden);
  EXPECT_EQ(error_kind(people_->import_employees(mentee_, kFrenchUtf8, {.dry_run = true})),
            ErrorKind::kForbidden);
  EXPECT_EQ(error_kind(people_->list(mentee_, {})), ErrorKind::kForbidden);
  EXPECT_EQ(error_kind(people_->get(mentee_, "F001")), ErrorKind::kForbidden);
  EXPECT_EQ(error_kind(people_->facets(mentee_)), ErrorKind::kForbidden);
  EXPECT_EQ(error_kind(people_->grade_scale(mentee_)), ErrorKind::kForbidden);
  EXPECT_EQ(error_kind(people_->set_grade_scale(mentee_, {"A"})), ErrorKind::kForbidden);
  const Caller inactive_admin{false, core::Principal{3, {core::Role::kAdmin}, false},
                              "old@bank.example", "api", "192.0.2.12"};
  EXPECT_EQ(error_kind(people_->list(inactive_admin, {})), ErrorKind::kForbidden);
  EXPECT_EQ(count(), 5);
  const auto denied = audit_entries("employees.import");
  ASSERT_EQ(denied.size(), 3u);
  EXPECT_EQ(denied[0].outcome, "denied");
  EXPECT_EQ(denied[0].actor, "mentee@bank.example");
  // The command line may do anything.
  EXPECT_TRUE(people_->list(cli_, {}));
}

TEST_F(PeopleTest, AnImportLeavesAnAuditEntryWithItsCountsAndTheChainHolds) {
  import_ok(kFrenchUtf8);
  clock_.advance(1000);
  import_ok(to_windows1252(kHeader + kRows));
  const auto entries = audit_entries("employees.import");
  ASSERT_EQ(entries.size(), 2u);
  const auto& first = entries[1];
  EXPECT_EQ(first.outcome, "success");
  EXPECT_EQ(first.actor, "admin@bank.example");
  EXPECT_EQ(first.client, "192.0.2.10");
  EXPECT_EQ(first.at, kStart);
  EXPECT_THAT(first.detail, HasSubstr(R"("created":"5")"));
  EXPECT_THAT(first.detail, HasSubstr(R"("updated":"0")"));
  EXPECT_THAT(first.detail, HasSubstr(R"("rows":"5")"));
  EXPECT_THAT(first.detail, HasSubstr(R"("encoding":"utf-8")"));
  EXPECT_THAT(entries[0].detail, HasSubstr(R"("unchanged":"5")"));
  EXPECT_THAT(entries[0].detail, HasSubstr(R"("encoding":"windows-1252")"));
  const auto v = audit_->verify();
  EXPECT_TRUE(v.ok()) << v.reason;
  EXPECT_GE(v.checked, 2);
}

}  // namespace
}  // namespace binome::app
