// The directory's history on an in-memory SQLite database: each import records, per employee,
// every field it changed with its effective date; hires, leaves and returns; nothing for a file
// that changes nothing, a dry run or a refused file; who may read it. And the pure diff beneath.
#include "core/employee_history.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <memory>
#include <string>
#include <vector>

#include "app/clock.hpp"
#include "app/people.hpp"
#include "app/services.hpp"
#include "store/employee_history_repository.hpp"
#include "store/migrations.hpp"
#include "store/sql.hpp"
#include "support/messages.hpp"
#include "support/use_cases.hpp"

namespace binome::app {
namespace {

using core::ChangeKind;
using core::EmployeeField;
using core::FieldChange;
using ::testing::ElementsAre;
using ::testing::IsEmpty;
using testing::error_kind;
using testing::kStart;

// --- the diff -------------------------------------------------------------------------------

core::Employee someone() {
  return {.employee_id = "E1", .first_name = "Ada", .last_name = "Lovelace", .email = "ada@bank.example",
          .grade = "C", .languages = {"fr", "en"}, .birth_year = 1990};
}

TEST(EmployeeHistoryDiff, OneChangePerFieldThatDiffersInFieldOrder) {
  core::Employee after = someone();
  after.grade = "D";
  after.department = "Risques";
  after.languages = {"fr"};
  after.birth_year.reset();
  std::vector<FieldChange> out;
  core::append_changes(someone(), after, out);
  EXPECT_THAT(out, ElementsAre(FieldChange{ChangeKind::kChanged, EmployeeField::kDepartment, std::nullopt, "Risques"},
                               FieldChange{ChangeKind::kChanged, EmployeeField::kGrade, "C", "D"},
                               FieldChange{ChangeKind::kChanged, EmployeeField::kLanguages, "fr,en", "fr"},
                               FieldChange{ChangeKind::kChanged, EmployeeField::kBirthYear, "1990", std::nullopt}));
  out.clear();
  core::append_changes(someone(), someone(), out);
  EXPECT_THAT(out, IsEmpty());
}

TEST(EmployeeHistoryDiff, TheActiveFlagIsALeaveOrAReturn) {
  core::Employee gone = someone();
  gone.active = false;
  std::vector<FieldChange> out;
  core::append_changes(someone(), gone, out);
  core::append_changes(gone, someone(), out);
  EXPECT_THAT(out, ElementsAre(FieldChange{ChangeKind::kLeft, EmployeeField::kActive, "true", "false"},
                               FieldChange{ChangeKind::kReturned, EmployeeField::kActive, "false", "true"}));
}

TEST(EmployeeHistoryDiff, EffectiveDatesAreWrittenYearMonthDayAndReal) {
  EXPECT_EQ(core::parse_iso_date("2026-03-31"), "2026-03-31");
  EXPECT_EQ(core::parse_iso_date("2024-02-29"), "2024-02-29");
  for (const char* bad : {"2026-02-29", "2026-13-01", "31/03/2026", "2026-3-31", "2026-03-31T00:00", "", "1899-12-31"}) {
    EXPECT_EQ(core::parse_iso_date(bad), std::nullopt) << bad;
  }
  EXPECT_EQ(core::iso_date_of(kStart), "2027-01-15");
}

// --- imports record it ----------------------------------------------------------------------

const std::string kHeader = "matricule;prénom;nom;courriel;niveau;direction\r\n";
std::string extract(const std::vector<std::string>& grades) {
  std::string out = kHeader;
  const char* names[] = {"Élodie", "Éric", "Zoé", "Hugo", "Inès"};
  for (std::size_t i = 0; i < grades.size(); ++i) {
    out += "F00" + std::to_string(i + 1) + ";" + names[i] + ";Martin;p" + std::to_string(i + 1) +
           "@banque.example;" + grades[i] + ";Risques\r\n";
  }
  return out;
}

class EmployeeHistoryTest : public ::testing::Test {
 protected:
  void SetUp() override {
    db_ = store::open_database("sqlite::memory:");
    store::migrate(*db_, kStart);
    services_ = std::make_unique<Services>(*db_, clock_, Settings{.password_hashing = {1, 8192}});
    people_ = &services_->people;
  }
  ImportSummary import_ok(std::string_view bytes, ImportOptions options = {}) {
    auto r = people_->import_employees(admin_, bytes, options);
    EXPECT_TRUE(r) << r.error();
    return r.value_or(ImportSummary{});
  }
  std::vector<core::EmployeeChange> history(const std::string& id) const {
    auto page = people_->history(admin_, id, {0, 200});
    EXPECT_TRUE(page) << page.error();
    return page ? page->items : std::vector<core::EmployeeChange>{};
  }
  std::int64_t change_rows() const {
    return db_->read([](store::Connection& c) { return c.query_one("SELECT COUNT(*) FROM employee_changes")->i64(0); });
  }
  std::int64_t import_rows() const {
    return db_->read([](store::Connection& c) { return c.query_one("SELECT COUNT(*) FROM directory_imports")->i64(0); });
  }
  static ImportOptions effective(const std::string& date) {
    ImportOptions o;
    o.effective_date = date;
    return o;
  }

  ManualClock clock_{kStart};
  std::unique_ptr<store::Database> db_;
  std::unique_ptr<Services> services_;
  const People* people_ = nullptr;
  const Caller admin_{false, core::Principal{1, {core::Role::kAdmin}, true}, "admin@bank.example", "api", "192.0.2.10"};
  const Caller mentee_{false, core::Principal{2, {core::Role::kMentee}, true}, "mentee@bank.example", "api", "192.0.2.11"};
};

TEST_F(EmployeeHistoryTest, ThreeGradeChangesAreRecordedExactlyWithTheirEffectiveDateAndNoneOnReimport) {
  import_ok(extract({"A", "B", "C", "D", "E"}), effective("2026-01-01"));
  const std::int64_t before = change_rows();
  EXPECT_EQ(before, 5) << "one hire each";

  const std::string promoted = extract({"B", "B", "D", "D", "F"});
  const ImportSummary s = import_ok(promoted, effective("2026-03-01"));
  EXPECT_EQ(s.updated, 3);
  EXPECT_EQ(s.changes, 3);
  EXPECT_EQ(s.effective_date, "2026-03-01");
  ASSERT_TRUE(s.import_id);
  EXPECT_EQ(change_rows(), before + 3);
  for (const auto& [id, from, to] : {std::tuple{"F001", "A", "B"}, {"F003", "C", "D"}, {"F005", "E", "F"}}) {
    const auto h = history(id);
    ASSERT_EQ(h.size(), 2u) << id;
    EXPECT_EQ(h[0].change, (FieldChange{ChangeKind::kChanged, EmployeeField::kGrade, from, to})) << id;
    EXPECT_EQ(h[0].effective_date, "2026-03-01");
    EXPECT_EQ(h[0].import_id, *s.import_id);
    EXPECT_EQ(h[0].recorded_at, kStart);
    EXPECT_EQ(h[1].change.kind, ChangeKind::kJoined) << "the hire, older, comes last";
    EXPECT_EQ(h[1].effective_date, "2026-01-01");
  }
  EXPECT_EQ(history("F002").size(), 1u);

  clock_.advance(86'400'000);
  const ImportSummary again = import_ok(promoted, effective("2026-04-01"));
  EXPECT_EQ(again.unchanged, 5);
  EXPECT_EQ(again.changes, 0);
  EXPECT_EQ(change_rows(), before + 3) << "re-importing the same file records no change";
  EXPECT_EQ(import_rows(), 3) << "but the import itself is recorded";
}

TEST_F(EmployeeHistoryTest, TheEffectiveDateIsTheImportsDayInUtcUnlessGiven) {
  const ImportSummary s = import_ok(extract({"A"}));
  EXPECT_EQ(s.effective_date, "2027-01-15");
  EXPECT_EQ(history("F001").at(0).effective_date, "2027-01-15");
}

TEST_F(EmployeeHistoryTest, AnInvalidEffectiveDateIsRefusedNamingTheFieldInBothLanguages) {
  auto r = people_->import_employees(admin_, extract({"A"}), effective("31/12/2026"));
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code, core::ErrorCode::kValidationFailed);
  ASSERT_EQ(r.error().details.size(), 1u);
  EXPECT_EQ(r.error().details[0].field, "effective_date");
  EXPECT_EQ(core::english(r.error().details[0].message),
            "the effective date '31/12/2026' is not a date written YYYY-MM-DD (such as 2026-03-31)");
  EXPECT_EQ(core::render(r.error().details[0].message, core::Language::kFrench),
            "la date d’effet «\u202F31/12/2026\u202F» n’est pas une date écrite AAAA-MM-JJ (comme 2026-03-31)");
  EXPECT_EQ(import_rows(), 0);
}

TEST_F(EmployeeHistoryTest, ADeactivationIsALeaveAndAReactivationAReturn) {
  import_ok(extract({"A", "B", "C"}), effective("2026-01-01"));
  ImportOptions missing = effective("2026-02-01");
  missing.deactivate_missing = true;
  const ImportSummary s = import_ok(extract({"A", "B"}), missing);
  EXPECT_EQ(s.deactivated, 1);
  const auto left = history("F003");
  ASSERT_EQ(left.size(), 2u);
  EXPECT_EQ(left[0].change, (FieldChange{ChangeKind::kLeft, EmployeeField::kActive, "true", "false"}));
  EXPECT_EQ(left[0].effective_date, "2026-02-01");

  // Back in a later file; then made inactive by the file itself (its active column).
  import_ok(extract({"A", "B", "C"}), effective("2026-05-01"));
  import_ok("matricule;prénom;nom;courriel;actif\r\nF003;Zoé;Martin;p3@banque.example;non\r\n", effective("2026-06-01"));
  const auto h = history("F003");
  ASSERT_EQ(h.size(), 4u);
  EXPECT_EQ(h[0].change.kind, ChangeKind::kLeft);
  EXPECT_EQ(h[0].effective_date, "2026-06-01");
  EXPECT_EQ(h[1].change, (FieldChange{ChangeKind::kReturned, EmployeeField::kActive, "false", "true"}));
  EXPECT_EQ(h[1].effective_date, "2026-05-01");
}

TEST_F(EmployeeHistoryTest, ADryRunOrARefusedFileRecordsNothing) {
  ImportOptions dry;
  dry.dry_run = true;
  const ImportSummary s = import_ok(extract({"A", "B"}), dry);
  EXPECT_EQ(s.changes, 2) << "what it would record";
  EXPECT_EQ(s.import_id, std::nullopt);
  EXPECT_FALSE(people_->import_employees(admin_, kHeader + "X1;A;B;not-an-email;A;Risques\r\n", {}));
  EXPECT_EQ(import_rows(), 0);
  EXPECT_EQ(change_rows(), 0);
}

TEST_F(EmployeeHistoryTest, TheImportIsRecordedWithWhoRanItItsFileAndCounts) {
  ImportOptions o = effective("2026-03-01");
  o.file_name = "export-rh-mars.csv";
  const ImportSummary s = import_ok(extract({"A", "B"}), o);
  const auto record = db_->read([&](store::Connection& c) { return store::employee_history::find_import(c, *s.import_id); });
  ASSERT_TRUE(record);
  EXPECT_EQ(record->actor, "admin@bank.example");
  EXPECT_EQ(record->source, "api");
  EXPECT_EQ(record->at, kStart);
  EXPECT_EQ(record->file_name, "export-rh-mars.csv");
  EXPECT_EQ(record->effective_date, "2026-03-01");
  EXPECT_EQ(std::tuple(record->rows, record->created, record->updated, record->unchanged, record->deactivated),
            std::tuple(2, 2, 0, 0, 0));
  o.file_name = "bad\x01name.csv";
  const ImportSummary unnamed = import_ok(extract({"A", "C"}), o);
  EXPECT_EQ(db_->read([&](store::Connection& c) { return store::employee_history::find_import(c, *unnamed.import_id); })->file_name,
            std::nullopt)
      << "a name that is not readable text is not recorded";
}

TEST_F(EmployeeHistoryTest, OnlyThoseWhoMayReadTheEmployeeReadTheirHistory) {
  import_ok(extract({"A"}));
  EXPECT_EQ(error_kind(people_->history(mentee_, "F001", {})), core::ErrorKind::kForbidden);
  EXPECT_EQ(error_kind(people_->history(admin_, "NOPE", {})), core::ErrorKind::kNotFound);
  EXPECT_EQ(history("F001").size(), 1u);
}

TEST_F(EmployeeHistoryTest, AHistoryIsPagedNewestFirst) {
  import_ok(extract({"A"}), effective("2026-01-01"));
  import_ok(extract({"B"}), effective("2026-03-01"));
  import_ok(extract({"C"}), effective("2026-02-01"));  // sent late: older than the one before
  auto page = people_->history(admin_, "F001", {1, 1});
  ASSERT_TRUE(page);
  EXPECT_EQ(page->total, 3);
  ASSERT_EQ(page->items.size(), 1u);
  EXPECT_EQ(page->items[0].effective_date, "2026-02-01");
  std::vector<std::string> dates;
  for (const auto& c : history("F001")) dates.push_back(c.effective_date);
  EXPECT_THAT(dates, ElementsAre("2026-03-01", "2026-02-01", "2026-01-01"));
}

}  // namespace
}  // namespace binome::app
