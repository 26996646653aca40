// The directory's history repository, on SQLite and PostgreSQL: imports and their ids, changes
// written across batches with every kind of value, read back per employee newest first and
// paged, and no change without its import or its employee.
#include "store/employee_history_repository.hpp"

#include <fmt/format.h>
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "backend_fixture.hpp"
#include "store/employee_repository.hpp"

namespace binome::store {
namespace {

using core::ChangeKind;
using core::EmployeeField;
using test_support::backend_name;
using test_support::BackendTest;
using test_support::kNow;
using ::testing::ElementsAre;
using ::testing::IsEmpty;

namespace history = employee_history;

class EmployeeHistoryRepository : public BackendTest {
 protected:
  // Employees E1..En, so that changes have someone to belong to.
  void hire(std::size_t n) {
    std::vector<StoredEmployee> rows;
    for (std::size_t i = 1; i <= n; ++i) {
      core::Employee e;
      e.employee_id = fmt::format("E{}", i);
      e.first_name = "Zoë";
      e.last_name = "Lefèvre";
      e.email = fmt::format("e{}@bank.example", i);
      rows.push_back({e, {}, 0, 0});
    }
    std::vector<const StoredEmployee*> ptrs;
    for (const auto& r : rows) ptrs.push_back(&r);
    db_->write([&](Connection& c) { employees::insert_many(c, ptrs, kNow); });
  }
  history::DirectoryImport record(const std::string& date, const std::vector<history::NewChange>& changes,
                                  core::Millis at = kNow) {
    history::DirectoryImport i{0, at, "admin@bank.example", "api", std::nullopt, date, 3, 1, 1, 1, 0};
    db_->write([&](Connection& c) {
      i.id = history::insert_import(c, i);
      history::insert_changes(c, i, changes);
    });
    return i;
  }
  core::Page<core::EmployeeChange> changes_of(const std::string& id, core::PageRange page = {0, 200}) {
    return db_->read([&](Connection& c) { return history::list(c, id, page); });
  }
};

const std::string kFirst = "E1";
const std::string kSecond = "E2";

TEST_P(EmployeeHistoryRepository, ImportsAreNumberedAndReadBackWhole) {
  history::DirectoryImport full{0, kNow, "system:ops", "cli", "export « mars ».csv", "2026-03-01", 12, 3, 4, 5, 6};
  db_->write([&](Connection& c) { full.id = history::insert_import(c, full); });
  const auto second = record("2026-04-01", {});
  EXPECT_GT(second.id, full.id);
  const auto back = db_->read([&](Connection& c) { return history::find_import(c, full.id); });
  ASSERT_TRUE(back);
  EXPECT_EQ(std::tuple(back->id, back->at, back->actor, back->source, back->file_name, back->effective_date),
            std::tuple(full.id, kNow, std::string("system:ops"), std::string("cli"),
                       std::optional<std::string>("export « mars ».csv"), std::string("2026-03-01")));
  EXPECT_EQ(std::tuple(back->rows, back->created, back->updated, back->unchanged, back->deactivated),
            std::tuple(12, 3, 4, 5, 6));
  EXPECT_EQ(db_->read([&](Connection& c) { return history::find_import(c, second.id); })->file_name, std::nullopt);
  EXPECT_FALSE(db_->read([&](Connection& c) { return history::find_import(c, second.id + 100); }));
}

TEST_P(EmployeeHistoryRepository, ChangesAcrossBatchesKeepEveryValueAndTheirOrder) {
  // More than two statements of 1000 rows, for one employee, with NULLs, accents and quotes.
  hire(2);
  constexpr std::size_t kRows = 2345;
  std::vector<history::NewChange> changes;
  changes.push_back({&kFirst, {ChangeKind::kJoined, {}, {}, {}}});
  for (std::size_t i = 1; i < kRows; ++i) {
    changes.push_back({&kFirst, {ChangeKind::kChanged, EmployeeField::kJobTitle,
                                 i % 3 ? std::optional<std::string>(fmt::format("Chargée d'affaires \"{}\"", i)) : std::nullopt,
                                 fmt::format("Œuvre {}", i)}});
  }
  changes.push_back({&kSecond, {ChangeKind::kLeft, EmployeeField::kActive, "true", "false"}});
  const auto i = record("2026-03-01", changes);
  const auto page = changes_of(kFirst, {0, 200});
  EXPECT_EQ(page.total, static_cast<std::int64_t>(kRows));
  ASSERT_EQ(page.items.size(), 200u);
  EXPECT_EQ(page.items[0].change.kind, ChangeKind::kJoined) << "one import's changes in the order written";
  EXPECT_EQ(page.items[0].change.field, std::nullopt);
  EXPECT_EQ(page.items[1].change.old_value, "Chargée d'affaires \"1\"");
  EXPECT_EQ(page.items[3].change.old_value, std::nullopt);
  EXPECT_EQ(page.items[3].change.new_value, "Œuvre 3");
  const auto last = changes_of(kFirst, {static_cast<std::int64_t>(kRows) - 1, 10});
  ASSERT_EQ(last.items.size(), 1u);
  EXPECT_EQ(last.items[0].change.new_value, fmt::format("Œuvre {}", kRows - 1));
  for (const auto& c : {page.items[0], last.items[0]}) {
    EXPECT_EQ(c.employee_id, kFirst);
    EXPECT_EQ(c.import_id, i.id);
    EXPECT_EQ(c.effective_date, "2026-03-01");
    EXPECT_EQ(c.recorded_at, kNow);
  }
  const auto other = changes_of(kSecond);
  ASSERT_EQ(other.items.size(), 1u);
  EXPECT_EQ(other.items[0].change, (core::FieldChange{ChangeKind::kLeft, EmployeeField::kActive, "true", "false"}));
}

TEST_P(EmployeeHistoryRepository, NewestFirstByEffectiveDateThenTheLaterImport) {
  hire(1);
  const auto grade = [](const char* from, const char* to) {
    return history::NewChange{&kFirst, {ChangeKind::kChanged, EmployeeField::kGrade, from, to}};
  };
  record("2026-01-01", {{&kFirst, {ChangeKind::kJoined, {}, {}, {}}}});
  record("2026-05-01", {grade("A", "B"), {&kFirst, {ChangeKind::kChanged, EmployeeField::kSite, "Lyon", "Paris"}}});
  record("2026-03-01", {grade("B", "C")}, kNow + 1000);  // sent later, effective earlier
  record("2026-05-01", {grade("C", "D")}, kNow + 2000);  // the same day, a later import
  std::vector<std::string> seen;
  for (const auto& c : changes_of(kFirst).items) {
    seen.push_back(c.effective_date + " " + std::string(core::change_kind_name(c.change.kind)) + " " +
                   (c.change.new_value ? *c.change.new_value : "-"));
  }
  EXPECT_THAT(seen, ElementsAre("2026-05-01 changed D", "2026-05-01 changed B", "2026-05-01 changed Paris",
                                "2026-03-01 changed C", "2026-01-01 joined -"));
  EXPECT_THAT(changes_of("E404").items, IsEmpty());
}

TEST_P(EmployeeHistoryRepository, AChangeNeedsItsEmployeeAndItsImport) {
  const std::string stranger = "E404";
  EXPECT_THROW(record("2026-03-01", {{&stranger, {ChangeKind::kJoined, {}, {}, {}}}}), DatabaseError);
  hire(1);
  history::DirectoryImport orphan{999, kNow, "x", "api", std::nullopt, "2026-03-01", 0, 0, 0, 0, 0};
  EXPECT_THROW(db_->write([&](Connection& c) {
                 history::insert_changes(c, orphan, std::vector<history::NewChange>{{&kFirst, {ChangeKind::kJoined, {}, {}, {}}}});
               }),
               DatabaseError);
  EXPECT_EQ(changes_of(kFirst).total, 0);
}

INSTANTIATE_TEST_SUITE_P(Backends, EmployeeHistoryRepository, ::testing::Values("sqlite", "postgresql"), backend_name);

}  // namespace
}  // namespace binome::store
