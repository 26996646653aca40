// The employee directory and settings repositories, on SQLite and PostgreSQL: batched inserts,
// updates, lookups, the listing's filters, sorts and pages, facets, and settings.
#include "store/employee_repository.hpp"

#include <fmt/format.h>
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "backend_fixture.hpp"

namespace binome::store {
namespace {

using test_support::backend_name;
using test_support::BackendTest;
using test_support::kNow;
using ::testing::ElementsAre;
using ::testing::IsEmpty;
using Ids = std::vector<std::string>;

core::Employee person(const std::string& id, const std::string& first, const std::string& last) {
  core::Employee e;
  e.employee_id = id;
  e.first_name = first;
  e.last_name = last;
  e.email = fmt::format("{}@bank.example", id);
  return e;
}

class EmployeeRepository : public BackendTest {
 protected:
  void insert(const std::vector<StoredEmployee>& rows, core::Millis at = kNow) {
    std::vector<const StoredEmployee*> ptrs;
    for (const auto& r : rows) ptrs.push_back(&r);
    db_->write([&](Connection& c) { employees::insert_many(c, ptrs, at); });
  }
  std::vector<StoredEmployee> load_all() {
    return db_->read([](Connection& c) { return employees::load_all(c); });
  }
  std::optional<core::Employee> find(const std::string& id) {
    return db_->read([&](Connection& c) { return employees::find(c, id); });
  }
  core::Page<core::Employee> list(const core::EmployeeQuery& f) {
    return db_->read([&](Connection& c) { return employees::list(c, f); });
  }
  Ids ids(const core::EmployeeQuery& f) {
    Ids out;
    for (const auto& e : list(f).items) out.push_back(e.employee_id);
    return out;
  }
  std::int64_t count() {
    return db_->read([](Connection& c) { return employees::count(c); });
  }
};

void expect_same(const std::vector<StoredEmployee>& got, const std::vector<StoredEmployee>& want) {
  ASSERT_EQ(got.size(), want.size());
  for (std::size_t i = 0; i < got.size(); ++i) {
    EXPECT_EQ(got[i].employee, want[i].employee)
        << "row " << i << ": " << want[i].employee.employee_id;
    EXPECT_EQ(got[i].grade_rank, want[i].grade_rank) << "row " << i;
    EXPECT_EQ(got[i].tree_left, want[i].tree_left) << "row " << i;
    EXPECT_EQ(got[i].tree_right, want[i].tree_right) << "row " << i;
  }
}

// --- writing and reading back ----------------------------------------------------------------

TEST_P(EmployeeRepository, InsertManyStoresEveryFieldAcrossBatchesAndLoadAllKeepsTheirOrder) {
  // More than two batches of 500, inserted in descending id order (so that an order by id or
  // by name would show), with every kind of value: accents, NULLs, empty lists.
  constexpr std::size_t kRows = 1201;
  std::vector<StoredEmployee> rows;
  for (std::size_t i = 0; i < kRows; ++i) {
    core::Employee e = person(fmt::format("E{:05}", kRows - i), i % 3 ? "Hélène" : "Zoë",
                              fmt::format("Lefèvre-Œuvray {}", i));
    e.job_title = i % 4 ? "Chargée d'affaires \"PME\"; crédit" : "";
    e.department = i % 2 ? "Banque de détail" : "Risques";
    e.grade = i % 5 ? std::to_string(i % 12) : "";
    e.manager_id = i == 0 ? "" : fmt::format("E{:05}", kRows);
    e.hire_date = i % 7 ? fmt::format("20{:02}-0{}-1{}", i % 25, 1 + i % 9, i % 10) : "";
    e.site = i % 2 ? "Paris" : "New York";
    e.time_zone = i % 2 ? "Europe/Paris" : "America/New_York";
    if (i % 3 == 1) e.languages = {"fr", "en", "de"};
    if (i % 3 == 2) e.languages = {"zh"};
    if (i % 6) e.birth_year = 1960 + static_cast<int>(i % 40);
    e.active = i % 11 != 0;
    StoredEmployee s{e, {}, static_cast<std::int32_t>(2 * i), static_cast<std::int32_t>(2 * i + 1)};
    if (!e.grade.empty()) s.grade_rank = static_cast<int>(i % 12);
    rows.push_back(std::move(s));
  }
  insert(rows);
  EXPECT_EQ(count(), static_cast<std::int64_t>(kRows));
  expect_same(load_all(), rows);
  EXPECT_EQ(find("E00001"), rows.back().employee);
  EXPECT_EQ(find(fmt::format("E{:05}", kRows)), rows.front().employee);
}

TEST_P(EmployeeRepository, InsertingNothingDoesNothing) {
  insert({});
  EXPECT_EQ(count(), 0);
  EXPECT_THAT(load_all(), IsEmpty());
}

TEST_P(EmployeeRepository, ATakenIdOrEmailUndoesTheWholeInsert) {
  insert({{person("E1", "Ada", "Lovelace"), 1, 0, 1}});
  core::Employee same_email = person("E3", "Bob", "Martin");
  same_email.email = "E1@bank.example";
  EXPECT_THROW(insert({{person("E2", "Eve", "Durand"), {}, 0, 1}, {same_email, {}, 2, 3}}),
               UniqueViolation);
  EXPECT_THROW(
      insert({{person("E4", "Eve", "Durand"), {}, 0, 1}, {person("E1", "Ada", "Bis"), {}, 2, 3}}),
      UniqueViolation);
  EXPECT_EQ(count(), 1);
  EXPECT_FALSE(find("E2"));
  EXPECT_FALSE(find("E4"));
}

TEST_P(EmployeeRepository, UpdateRewritesOneEmployeeAndTheirSearchText) {
  const StoredEmployee a{person("E1", "Ada", "Lovelace"), 1, 0, 3};
  const StoredEmployee b{person("E2", "Bob", "Martin"), 2, 1, 2};
  insert({a, b});
  StoredEmployee changed = a;
  core::Employee& e = changed.employee;
  e.first_name = "Élodie";
  e.last_name = "Lefèvre";
  e.email = "elodie@bank.example";
  e.job_title = "Directrice";
  e.department = "Risques";
  e.grade = "K";
  e.manager_id = "E2";
  e.hire_date = "2001-02-03";
  e.site = "Lyon";
  e.time_zone = "Europe/Paris";
  e.languages = {"fr", "it"};
  e.birth_year = 1970;
  e.active = false;
  changed.grade_rank = std::nullopt;
  changed.tree_left = 10;
  changed.tree_right = 11;
  db_->write([&](Connection& c) { employees::update(c, changed, kNow + 1000); });
  expect_same(load_all(), {changed, b});
  // Back to empty values: NULLs where the schema has them.
  StoredEmployee cleared = changed;
  cleared.employee.manager_id = "";
  cleared.employee.hire_date = "";
  cleared.employee.languages = {};
  cleared.employee.birth_year = std::nullopt;
  db_->write([&](Connection& c) { employees::update(c, cleared, kNow + 2000); });
  expect_same(load_all(), {cleared, b});
  // The search follows the new name, not the old one.
  EXPECT_THAT(ids({.text = "elodie"}), ElementsAre("E1"));
  EXPECT_THAT(ids({.text = "lovelace"}), IsEmpty());
}

TEST_P(EmployeeRepository, UpdateDerivedTouchesOnlyTheDerivedColumns) {
  const StoredEmployee a{person("E1", "Ada", "Lovelace"), 1, 0, 1};
  insert({a});
  StoredEmployee moved = a;
  moved.employee.first_name = "Not written";
  moved.grade_rank = 7;
  moved.tree_left = 40;
  moved.tree_right = 41;
  db_->write([&](Connection& c) { employees::update_derived(c, moved); });
  StoredEmployee expected = a;
  expected.grade_rank = 7;
  expected.tree_left = 40;
  expected.tree_right = 41;
  expect_same(load_all(), {expected});
  moved.grade_rank = std::nullopt;
  db_->write([&](Connection& c) { employees::update_derived(c, moved); });
  EXPECT_EQ(load_all().at(0).grade_rank, std::nullopt);
}

TEST_P(EmployeeRepository, FindAndDirectReports) {
  core::Employee boss = person("B", "Claire", "Morel");
  core::Employee z = person("R1", "Zoé", "Zola");
  core::Employee e1 = person("R2", "Éric", "Élan");
  core::Employee e2 = person("R3", "Eric", "Elan");
  core::Employee a = person("R4", "Ana", "Dupont");
  for (auto* r : {&z, &e1, &e2, &a}) r->manager_id = "B";
  core::Employee other = person("X", "Other", "Aaron");
  other.manager_id = "R4";
  insert({{boss, {}, 0, 11},
          {z, {}, 1, 2},
          {e1, {}, 3, 4},
          {e2, {}, 5, 6},
          {a, {}, 7, 10},
          {other, {}, 8, 9}});
  EXPECT_EQ(find("R2"), e1);
  EXPECT_EQ(find("nobody"), std::nullopt);
  EXPECT_EQ(find("r2"), std::nullopt) << "ids are compared exactly";
  const auto reports = db_->read([](Connection& c) { return employees::direct_reports(c, "B"); });
  Ids got;
  for (const auto& r : reports) got.push_back(r.employee_id);
  // By last then first name, accents ignored: "Éric Élan" beside "Eric Elan", Zola last.
  ASSERT_EQ(got.size(), 4u);
  EXPECT_EQ(got[0], "R4");
  EXPECT_THAT((Ids{got[1], got[2]}), ::testing::UnorderedElementsAre("R2", "R3"));
  EXPECT_EQ(got[3], "R1");
  EXPECT_THAT(db_->read([](Connection& c) { return employees::direct_reports(c, "R1"); }),
              IsEmpty());
  EXPECT_THAT(db_->read([](Connection& c) { return employees::direct_reports(c, ""); }), IsEmpty())
      << "no manager is not a manager called ''";
}

// --- listing ---------------------------------------------------------------------------------

class EmployeeListing : public EmployeeRepository {
 protected:
  void SetUp() override {
    EmployeeRepository::SetUp();
    if (IsSkipped() || HasFatalFailure()) return;
    auto make = [](const char* id, const char* first, const char* last, const char* dept,
                   const char* grade, std::optional<int> rank, const char* site, const char* hired,
                   bool active) {
      core::Employee e = person(id, first, last);
      e.department = dept;
      e.grade = grade;
      e.site = site;
      e.hire_date = hired;
      e.active = active;
      return StoredEmployee{e, rank, 0, 1};
    };
    // Inserted out of every order the tests ask for.
    std::vector<StoredEmployee> rows = {
        make("E04", "Zoé", "Zola", "Risques", "Confirmé", 2, "London", "2020-06-15", false),
        make("E01", "Élodie", "Lefèvre", "Risques", "Senior", 3, "Paris", "2015-03-01", true),
        make("E07", "Luc", "Martin", "Finance", "Expert", 4, "Paris", "2015-03-01", true),
        make("E03", "Éric", "Élan", "Informatique", "Expert", 4, "Paris", "2010-01-01", true),
        make("E05", "Jean", "Dupont_Moretti", "Conformité", "Stagiaire", std::nullopt, "Lille", "",
             true),
        make("E02", "Eric", "Elan", "Informatique", "Junior", 1, "Lyon", "", true),
        make("E06", "Ana", "Dupont-Moretti", "Conformité", "Junior", 1, "Lille", "2018-01-01",
             true)};
    rows[2].employee.email = "luc%martin@bank.example";  // for the wildcard tests
    insert(rows);
  }
  Ids sorted(core::EmployeeSort by, bool descending = false) {
    return ids({.sort = by, .descending = descending});
  }
};

TEST_P(EmployeeListing, EverythingByLastNameWithAccentsBesideTheirPlainForms) {
  const core::Page<core::Employee> page = list({});
  EXPECT_EQ(page.total, 7);
  // "Élan" sorts beside "Elan" (not after "Zola"); '-' before '_'; equal names by id.
  EXPECT_THAT(ids({}), ElementsAre("E06", "E05", "E02", "E03", "E01", "E07", "E04"));
  EXPECT_THAT(sorted(core::EmployeeSort::kLastName, true),
              ElementsAre("E04", "E07", "E01", "E02", "E03", "E05", "E06"));
}

TEST_P(EmployeeListing, EverySortAscendingAndDescending) {
  using S = core::EmployeeSort;
  EXPECT_THAT(sorted(S::kEmployeeId), ElementsAre("E01", "E02", "E03", "E04", "E05", "E06", "E07"));
  EXPECT_THAT(sorted(S::kEmployeeId, true),
              ElementsAre("E07", "E06", "E05", "E04", "E03", "E02", "E01"));
  EXPECT_THAT(sorted(S::kDepartment), ElementsAre("E06", "E05", "E07", "E02", "E03", "E01", "E04"));
  EXPECT_THAT(sorted(S::kDepartment, true),
              ElementsAre("E04", "E01", "E02", "E03", "E07", "E05", "E06"));
  // By rank on the scale, not alphabetically; grades off the scale last either way.
  EXPECT_THAT(sorted(S::kGrade), ElementsAre("E06", "E02", "E04", "E01", "E03", "E07", "E05"));
  EXPECT_THAT(sorted(S::kGrade, true),
              ElementsAre("E07", "E03", "E01", "E04", "E02", "E06", "E05"));
  EXPECT_THAT(sorted(S::kSite), ElementsAre("E06", "E05", "E04", "E02", "E03", "E01", "E07"));
  EXPECT_THAT(sorted(S::kSite, true), ElementsAre("E07", "E01", "E03", "E02", "E04", "E05", "E06"));
  // Unknown hire dates last either way.
  EXPECT_THAT(sorted(S::kHireDate), ElementsAre("E03", "E01", "E07", "E06", "E04", "E05", "E02"));
  EXPECT_THAT(sorted(S::kHireDate, true),
              ElementsAre("E04", "E06", "E07", "E01", "E03", "E02", "E05"));
  // By first name, accents ignored.
  std::vector<std::string> firsts;
  for (const auto& e : list({.sort = S::kFirstName}).items) firsts.push_back(e.first_name);
  ASSERT_EQ(firsts.size(), 7u);
  EXPECT_EQ(firsts[0], "Ana");
  EXPECT_EQ(firsts[1], "Élodie");
  EXPECT_THAT((Ids{firsts[2], firsts[3]}), ::testing::UnorderedElementsAre("Eric", "Éric"));
  EXPECT_THAT((Ids{firsts[4], firsts[5], firsts[6]}), ElementsAre("Jean", "Luc", "Zoé"));
  std::vector<std::string> firsts_desc;
  for (const auto& e : list({.sort = S::kFirstName, .descending = true}).items)
    firsts_desc.push_back(e.first_name);
  EXPECT_EQ(firsts_desc.front(), "Zoé");
  EXPECT_EQ(firsts_desc.back(), "Ana");
}

TEST_P(EmployeeListing, EachFilterAndTheirCombination) {
  EXPECT_THAT(ids({.department = "Risques"}), ElementsAre("E01", "E04"));
  EXPECT_THAT(ids({.department = "Conformité"}), ElementsAre("E06", "E05"));
  EXPECT_THAT(ids({.department = "conformité"}), IsEmpty()) << "a facet value, matched exactly";
  EXPECT_THAT(ids({.grade = "Expert"}), ElementsAre("E03", "E07"));
  EXPECT_THAT(ids({.site = "Paris"}), ElementsAre("E03", "E01", "E07"));
  EXPECT_THAT(ids({.active = false}), ElementsAre("E04"));
  EXPECT_EQ(list({.active = true}).total, 6);
  EXPECT_THAT(ids({.department = "Risques", .active = true}), ElementsAre("E01"));
  EXPECT_THAT(ids({.department = "Informatique", .grade = "Expert", .site = "Paris"}),
              ElementsAre("E03"));
  EXPECT_THAT(ids({.department = "Informatique", .site = "Lyon", .active = false}), IsEmpty());
  EXPECT_THAT(ids({.text = "elan", .site = "Paris"}), ElementsAre("E03"));
}

TEST_P(EmployeeListing, TheQuerySearchesNamesEmailAndIdIgnoringCaseAndAccents) {
  EXPECT_THAT(ids({.text = "elodie"}), ElementsAre("E01"));
  EXPECT_THAT(ids({.text = "ÉLODIE"}), ElementsAre("E01"));
  EXPECT_THAT(ids({.text = "Lefevre"}), ElementsAre("E01"));
  EXPECT_THAT(ids({.text = "élan"}), ElementsAre("E02", "E03"));
  EXPECT_THAT(ids({.text = "eric elan"}), ElementsAre("E02", "E03")) << "first and last name";
  EXPECT_THAT(ids({.text = "zoe zola"}), ElementsAre("E04"));
  EXPECT_THAT(ids({.text = "e06@bank"}), ElementsAre("E06")) << "the email";
  EXPECT_THAT(ids({.text = "E05"}), ElementsAre("E05")) << "the id";
  EXPECT_THAT(ids({.text = "nobody"}), IsEmpty());
  EXPECT_EQ(list({.text = "bank.example"}).total, 7);
  // Under three characters the search reads every row; from three, SQLite uses its index: the
  // same answers either way.
  EXPECT_THAT(ids({.text = "zo"}), ElementsAre("E04"));
  EXPECT_THAT(ids({.text = "zol"}), ElementsAre("E04"));
  EXPECT_THAT(ids({.text = "él"}), ElementsAre("E02", "E03", "E01")) << "two characters, accents folded";
}

TEST_P(EmployeeListing, WildcardsInTheQueryAreLiteral) {
  EXPECT_THAT(ids({.text = "dupont_"}), ElementsAre("E05")) << "'_' is not any character";
  EXPECT_THAT(ids({.text = "_"}), ElementsAre("E05"));
  EXPECT_THAT(ids({.text = "dupont%"}), IsEmpty()) << "'%' is not any text";
  EXPECT_THAT(ids({.text = "%"}), ElementsAre("E07"));
  EXPECT_THAT(ids({.text = "luc%m"}), ElementsAre("E07"));
  EXPECT_THAT(ids({.text = "\\"}), IsEmpty());
  EXPECT_THAT(ids({.text = "'; DROP TABLE employees; --"}), IsEmpty());
  // A quote is text too (SQLite's trigram index reads the search as a phrase in quotes).
  EXPECT_THAT(ids({.text = "\"dupont"}), IsEmpty());
  EXPECT_THAT(ids({.text = "dupont\""}), IsEmpty());
  EXPECT_EQ(count(), 7);
}

TEST_P(EmployeeListing, PagesCoverEveryoneOnceWithTheFullTotal) {
  const Ids all = ids({});
  Ids paged;
  for (std::int64_t offset = 0; offset < 9; offset += 3) {
    const core::Page<core::Employee> page = list({.page = {offset, 3}});
    EXPECT_EQ(page.total, 7);
    EXPECT_LE(page.items.size(), 3u);
    for (const auto& e : page.items) paged.push_back(e.employee_id);
  }
  EXPECT_EQ(paged, all);
  const core::Page<core::Employee> past = list({.page = {50, 50}});
  EXPECT_THAT(past.items, IsEmpty());
  EXPECT_EQ(past.total, 7);
  const core::Page<core::Employee> filtered =
      list({.site = "Paris", .sort = core::EmployeeSort::kHireDate, .page = {1, 1}});
  EXPECT_EQ(filtered.total, 3);
  ASSERT_EQ(filtered.items.size(), 1u);
  EXPECT_EQ(filtered.items[0].employee_id, "E01");
}

TEST_P(EmployeeListing, FacetsListDistinctValuesGradesInRankOrder) {
  // Someone with no department, site or grade adds nothing.
  insert({{person("E08", "Nil", "Vide"), std::nullopt, 0, 1}});
  const core::EmployeeFacets f = db_->read([](Connection& c) { return employees::facets(c); });
  EXPECT_THAT(f.departments, ElementsAre("Conformité", "Finance", "Informatique", "Risques"));
  EXPECT_THAT(f.sites, ElementsAre("Lille", "London", "Lyon", "Paris"));
  EXPECT_THAT(f.grades, ElementsAre("Junior", "Confirmé", "Senior", "Expert", "Stagiaire"));
}

// --- settings --------------------------------------------------------------------------------

TEST_P(EmployeeRepository, SettingsAreReadWrittenAndOverwritten) {
  db_->read([](Connection& c) { EXPECT_EQ(settings::get(c, "grade_scale"), std::nullopt); });
  db_->write([](Connection& c) { settings::put(c, "grade_scale", "T1\nT2\nCadre supérieur"); });
  db_->write([](Connection& c) { settings::put(c, "other", ""); });
  db_->read([](Connection& c) {
    EXPECT_EQ(settings::get(c, "grade_scale"), "T1\nT2\nCadre supérieur");
    EXPECT_EQ(settings::get(c, "other"), "");
  });
  db_->write([](Connection& c) { settings::put(c, "grade_scale", "A\nB"); });
  db_->read([](Connection& c) {
    EXPECT_EQ(settings::get(c, "grade_scale"), "A\nB");
    EXPECT_EQ(settings::get(c, "other"), "");
    EXPECT_EQ(c.query_one("SELECT COUNT(*) FROM settings")->i64(0), 2);
  });
}

INSTANTIATE_TEST_SUITE_P(Backends, EmployeeRepository, ::testing::Values("sqlite", "postgresql"),
                         backend_name);
INSTANTIATE_TEST_SUITE_P(Backends, EmployeeListing, ::testing::Values("sqlite", "postgresql"),
                         backend_name);

}  // namespace
}  // namespace binome::store
