// The demo bank: deterministic, and a directory that imports cleanly and looks like a French
// bank (its sites with their time zones, its departments, one reporting tree).
#include "app/demo_bank.hpp"
#include "app/services.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <map>
#include <memory>
#include <set>
#include <string>
#include <vector>

#include "app/audit.hpp"
#include "app/clock.hpp"
#include "app/people.hpp"
#include "core/employee_import.hpp"
#include "core/grade_scale.hpp"
#include "core/reporting_lines.hpp"
#include "io/hr_extract.hpp"
#include "io/text_encoding.hpp"
#include "store/migrations.hpp"
#include "store/sql.hpp"
#include "support/messages.hpp"
#include "support/use_cases.hpp"

namespace binome::app {
namespace {

using ::testing::IsEmpty;
using ::testing::IsSupersetOf;

using testing::kStart;

const std::vector<core::Employee>& bank() {
  static const std::vector<core::Employee> kBank = demo_bank(kDemoBankSize);
  return kBank;
}

TEST(DemoBank, TheSameSizeAndSeedGiveTheSameBankAndAnotherSeedAnother) {
  EXPECT_EQ(demo_bank(300, 7), demo_bank(300, 7));
  EXPECT_NE(demo_bank(300, 7), demo_bank(300, 8));
  EXPECT_EQ(demo_bank(kDemoBankSize), bank()) << "the default seed is fixed";
  EXPECT_THAT(demo_bank(0), IsEmpty());
  EXPECT_EQ(demo_bank(1).size(), 1u);
}

TEST(DemoBank, IdsAndEmailsAreUniqueAndEveryoneIsWellFormed) {
  ASSERT_EQ(bank().size(), kDemoBankSize);
  std::set<std::string> ids, emails;
  const core::GradeScale scale(demo_bank_grades());
  for (const auto& e : bank()) {
    EXPECT_TRUE(ids.insert(e.employee_id).second) << e.employee_id;
    EXPECT_TRUE(emails.insert(e.email).second) << e.email;
    EXPECT_TRUE(io::is_valid_utf8(e.first_name + e.last_name + e.job_title + e.department))
        << e.employee_id;
    EXPECT_TRUE(scale.rank(e.grade).has_value()) << e.employee_id << " grade " << e.grade;
    EXPECT_FALSE(e.languages.empty()) << e.employee_id;
    for (const auto& l : e.languages)
      EXPECT_TRUE(core::is_iso639_1(l)) << e.employee_id << " " << l;
    ASSERT_TRUE(e.birth_year.has_value());
    EXPECT_EQ(core::parse_hr_date(e.hire_date), e.hire_date) << e.employee_id;
    EXPECT_GE(std::stoi(e.hire_date.substr(0, 4)), *e.birth_year + 18) << e.employee_id;
    EXPECT_TRUE(e.active);
  }
}

TEST(DemoBank, NobodyIsHiredAfterTheDemosToday) {
  for (const auto& e : bank()) {
    EXPECT_LE(e.hire_date, "2026-10-28") << e.employee_id;
    EXPECT_GE(std::stoi(e.hire_date.substr(0, 4)), *e.birth_year + 18) << e.employee_id;
  }
}

TEST(DemoBank, OneTreeUnderASingleChiefExecutive) {
  std::vector<core::ReportingLink> links;
  std::set<std::string> ids;
  for (const auto& e : bank()) ids.insert(e.employee_id);
  std::size_t roots = 0;
  for (const auto& e : bank()) {
    links.push_back({e.employee_id, e.manager_id});
    if (e.manager_id.empty()) {
      ++roots;
    } else {
      EXPECT_TRUE(ids.contains(e.manager_id)) << e.employee_id << " reports to " << e.manager_id;
    }
  }
  EXPECT_EQ(roots, 1u);
  EXPECT_THAT(core::find_reporting_cycles(links), IsEmpty());
  const core::ReportingLines lines(links);
  const auto ceo = lines.index_of(bank().front().employee_id).value();
  for (const auto& e : bank()) {
    if (e.manager_id.empty()) continue;
    EXPECT_TRUE(lines.manages(ceo, lines.index_of(e.employee_id).value())) << e.employee_id;
  }
}

TEST(DemoBank, EverySiteOfTheIssueWithItsTimeZone) {
  const std::map<std::string, std::string> kZones = {
      {"Paris", "Europe/Paris"},        {"Lyon", "Europe/Paris"},
      {"Lille", "Europe/Paris"},        {"London", "Europe/London"},
      {"Brussels", "Europe/Brussels"},  {"Luxembourg", "Europe/Luxembourg"},
      {"New York", "America/New_York"}, {"Singapore", "Asia/Singapore"}};
  std::set<std::string> seen;
  for (const auto& e : bank()) {
    auto it = kZones.find(e.site);
    ASSERT_NE(it, kZones.end()) << e.employee_id << " works in " << e.site;
    EXPECT_EQ(e.time_zone, it->second) << e.employee_id << " in " << e.site;
    EXPECT_TRUE(core::is_known_time_zone(e.time_zone));
    seen.insert(e.site);
  }
  EXPECT_EQ(seen.size(), kZones.size());
}

TEST(DemoBank, TheNineDepartmentsArePresent) {
  std::set<std::string> departments;
  for (const auto& e : bank()) departments.insert(e.department);
  EXPECT_THAT(departments,
              IsSupersetOf({"Banque de détail", "Banque de financement et d'investissement",
                            "Risques", "Conformité", "Informatique", "Opérations", "Finance",
                            "Ressources humaines", "Marketing"}));
  EXPECT_EQ(departments.size(), 10u) << "the nine, and the chief executive's";
}

TEST(DemoBank, ItsExtractReadsBackUnchanged) {
  const auto extract = io::read_hr_extract(io::write_hr_extract(bank()), {});
  ASSERT_TRUE(extract);
  const auto plan = core::plan_employee_import(
      bank(), extract->rows, {.scale = core::GradeScale(demo_bank_grades()), .current_year = 2026});
  EXPECT_THAT(plan.issues, IsEmpty());
  EXPECT_THAT(plan.created, IsEmpty());
  EXPECT_THAT(plan.updated, IsEmpty());
  EXPECT_EQ(plan.unchanged, kDemoBankSize);
}

TEST(DemoBank, ImportsCleanlyThroughPeopleWithItsGradeScale) {
  auto db = store::open_database("sqlite::memory:");
  store::migrate(*db, kStart);
  ManualClock clock{kStart};
  const Services services(*db, clock, Settings{.password_hashing = {1, 8192}});
  const People& people = services.people;
  const Caller cli = Caller::operator_at_cli("tester");
  ASSERT_TRUE(people.set_grade_scale(cli, demo_bank_grades()));
  const auto summary = people.import_employees(cli, io::write_hr_extract(bank()), {});
  ASSERT_TRUE(summary) << summary.error();
  EXPECT_EQ(summary->created, static_cast<std::int64_t>(kDemoBankSize));
  const auto page = people.list(cli, {.page = {0, 1}});
  ASSERT_TRUE(page);
  EXPECT_EQ(page->total, static_cast<std::int64_t>(kDemoBankSize));
  const auto facets = people.facets(cli);
  ASSERT_TRUE(facets);
  EXPECT_EQ(facets->sites.size(), 8u);
  EXPECT_EQ(facets->departments.size(), 10u);
  EXPECT_EQ(facets->grades.front(), "A");
  EXPECT_EQ(facets->grades.back(), "K");
  const auto ceo = people.get(cli, bank().front().employee_id);
  ASSERT_TRUE(ceo);
  EXPECT_EQ(ceo->direct_reports.size(), 9u) << "one head per department";
}

// --- its two years of history -----------------------------------------------------------------

const std::vector<DemoExtract>& history() {
  static const std::vector<DemoExtract> kHistory = demo_bank_history(kDemoBankSize);
  return kHistory;
}

TEST(DemoBankHistory, MonthlyExtractsOverTheTwoYearsBeforeTheDemosToday) {
  ASSERT_EQ(history().size(), 25u);
  EXPECT_EQ(history().front().effective_date, "2024-11-01");
  EXPECT_EQ(history().back().effective_date, kDemoToday);
  for (std::size_t m = 1; m < history().size(); ++m) {
    EXPECT_LT(history()[m - 1].effective_date, history()[m].effective_date);
    EXPECT_TRUE(history()[m].effective_date.ends_with("-01")) << history()[m].effective_date;
  }
  const auto once = demo_bank_history(300, 7);
  const auto again = demo_bank_history(300, 7);
  const auto other = demo_bank_history(300, 8);
  ASSERT_EQ(once.size(), again.size());
  ASSERT_EQ(once.size(), other.size());
  bool same = true;
  for (std::size_t m = 0; m < once.size(); ++m) {
    EXPECT_EQ(once[m].employees, again[m].employees) << "deterministic";
    same = same && once[m].employees == other[m].employees;
  }
  EXPECT_FALSE(same) << "another seed, another history";
}

// The directory each extract leaves, applied in turn: every employee's last row.
std::map<std::string, core::Employee> replayed() {
  std::map<std::string, core::Employee> out;
  for (const auto& extract : history()) {
    for (const auto& e : extract.employees) out[e.employee_id] = e;
  }
  return out;
}

TEST(DemoBankHistory, AfterTheLastExtractTheDirectoryIsTheBankThoseWhoLeftInactive) {
  const auto directory = replayed();
  ASSERT_EQ(directory.size(), kDemoBankSize);
  std::size_t away = 0;
  for (const auto& e : bank()) {
    core::Employee got = directory.at(e.employee_id);
    if (!got.active) {
      // As they were when they left: their manager then may have been another.
      ++away;
      got.active = true;
      got.manager_id = e.manager_id;
    }
    EXPECT_EQ(got, e);
  }
  // Banks keep their people: about five in a hundred leave a year.
  EXPECT_GT(away, 60u);
  EXPECT_LT(away, 200u);
  EXPECT_LT(history().front().employees.size(), kDemoBankSize) << "some were hired since";
  for (std::size_t m = 1; m < history().size(); ++m) {
    EXPECT_LT(history()[m].employees.size(), 200u) << "a month's changes, not the whole directory";
  }
}

TEST(DemoBankHistory, ImportedMonthByMonthItRecordsPromotionsMovesLeaversAndHires) {
  // A third of the bank: the same kinds of change, imported three times faster.
  constexpr std::size_t kRows = 500;
  const std::vector<DemoExtract> extracts = demo_bank_history(kRows);
  auto db = store::open_database("sqlite::memory:");
  store::migrate(*db, kStart);
  ManualClock clock{kStart};
  const Services services(*db, clock, Settings{.password_hashing = {1, 8192}});
  const Caller cli = Caller::operator_at_cli("tester");
  ASSERT_TRUE(services.people.set_grade_scale(cli, demo_bank_grades()));
  for (const auto& extract : extracts) {
    ImportOptions options;
    options.effective_date = extract.effective_date;
    const auto summary = services.people.import_employees(cli, io::write_hr_extract(extract.employees), options);
    ASSERT_TRUE(summary) << extract.effective_date << ": " << summary.error();
  }
  // Today's directory is what the extracts say, each employee's last row.
  std::map<std::string, core::Employee> directory;
  for (const auto& extract : extracts) {
    for (const auto& e : extract.employees) directory[e.employee_id] = e;
  }
  ASSERT_EQ(directory.size(), kRows);
  for (const auto& [id, want] : directory) {
    const auto got = services.people.get(cli, id);
    ASSERT_TRUE(got);
    EXPECT_EQ(got->employee, want);
  }

  // What the history holds after the first extract, by field (or kind for hires).
  std::map<std::string, std::int64_t> changes;
  std::set<std::string> dates;
  const core::GradeScale scale(demo_bank_grades());
  db->read([&](store::Connection& c) {
    for (const auto& r : c.query("SELECT COALESCE(field, kind), kind, old_value, new_value, effective_date FROM "
                                 "employee_changes WHERE effective_date > '2024-11-01'")) {
      ++changes[r.text(0)];
      if (r.text(1) != "joined") ++changes[r.text(1)];
      dates.insert(r.text(4));
      if (r.text(0) == "grade") {
        EXPECT_EQ(scale.rank(r.text(3)).value(), scale.rank(r.text(2)).value() + 1) << "a promotion is one grade up";
      }
    }
  });
  EXPECT_EQ(dates.size(), 24u) << "every month of the two years";
  // Of 500 people over two years (the whole bank has three times as many of each).
  EXPECT_GT(changes["grade"], 60) << "promotions";
  EXPECT_GT(changes["department"], 15) << "moves between departments";
  EXPECT_GT(changes["site"], 10) << "moves between sites";
  EXPECT_GT(changes["manager_id"], 60) << "new managers";
  EXPECT_GT(changes["left"], 20);
  EXPECT_GT(changes["returned"], 2);
  EXPECT_GT(changes["joined"], 40) << "hires";
}

}  // namespace
}  // namespace binome::app
