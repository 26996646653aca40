// Background jobs on a SQLite database with real workers: an HR import queued as a job lands
// once, with its result and its audit entry under its starter's name; a refused file fails the
// job and writes nothing; cancelling; who may see a job; a starter disabled before the job ran.
#include "app/jobs.hpp"

#include <gtest/gtest.h>

#include <chrono>
#include <filesystem>
#include <memory>
#include <string>
#include <thread>

#include "app/services.hpp"
#include "io/error_json.hpp"
#include "store/employee_repository.hpp"
#include "store/migrations.hpp"
#include "store/sql.hpp"
#include "support/messages.hpp"
#include "support/use_cases.hpp"

namespace binome::app {
namespace {

using testing::kStart;

const std::string kExtract =
    "employee_id,first_name,last_name,email,job_title,department,grade,manager_id\n"
    "E1,Anne,Martin,anne.martin@bank.example,Head of risk,Risk,K,\n"
    "E2,Paul,Durand,paul.durand@bank.example,Analyst,Risk,E,E1\n";

class JobsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    // A file, not :memory:: the workers use their own connections.
    path_ = std::filesystem::temp_directory_path() / ("binome-jobs-" + std::to_string(::getpid()) + "-" +
                                                      ::testing::UnitTest::GetInstance()->current_test_info()->name() + ".db");
    db_ = store::open_database("sqlite:" + path_.string());
    store::migrate(*db_, kStart);
    services_ = std::make_unique<Services>(*db_, clock_, Settings{.password_hashing = {1, 8192}});
    const Caller cli = Caller::operator_at_cli("test");
    admin_id_ = services_->accounts.create_user(cli, {"admin@bank.example", "Admin", {"admin"}, "correct horse battery"})->id;
    other_admin_id_ = services_->accounts.create_user(cli, {"other@bank.example", "Other", {"admin"}, "correct horse battery"})->id;
    mentor_id_ = services_->accounts.create_user(cli, {"mentor@bank.example", "Mentor", {"mentor"}, "correct horse battery"})->id;
  }
  void TearDown() override {
    workers_.reset();
    services_.reset();
    db_.reset();
    for (const char* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(path_.string() + suffix);
  }

  Caller user(std::int64_t id, core::Role role, const std::string& email) const {
    return Caller{false, core::Principal{id, {role}, true}, email, "api", "192.0.2.7"};
  }
  Caller admin() const { return user(admin_id_, core::Role::kAdmin, "admin@bank.example"); }

  void start_workers() {
    workers_ = std::make_unique<JobWorkers>(services_->jobs, services_->job_handlers(),
                                            JobWorkerSettings{1, std::chrono::milliseconds(2000), std::chrono::milliseconds(20), "test:1", {}});
    workers_->start();
  }
  // Waits (a few seconds at most) until the job has finished, and returns it.
  core::Job finished(std::int64_t id) {
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(20);
    for (;;) {
      auto job = services_->jobs.get(admin(), id);
      EXPECT_TRUE(job);
      if (!job || core::is_finished(job->status) || std::chrono::steady_clock::now() > deadline) return job.value_or(core::Job{});
      std::this_thread::yield();
    }
  }
  std::int64_t employees() {
    return db_->read([](store::Connection& c) { return store::employees::count(c); });
  }

  std::filesystem::path path_;
  ManualClock clock_{kStart};
  std::unique_ptr<store::Database> db_;
  std::unique_ptr<Services> services_;
  std::unique_ptr<JobWorkers> workers_;
  std::int64_t admin_id_ = 0;
  std::int64_t other_admin_id_ = 0;
  std::int64_t mentor_id_ = 0;
};

TEST_F(JobsTest, AnImportQueuedAsAJobLandsOnceWithItsSummaryAndItsStartersAuditEntry) {
  auto job = services_->people.start_import(admin(), kExtract, {});
  ASSERT_TRUE(job) << job.error();
  EXPECT_EQ(job->status, core::JobStatus::kQueued);
  EXPECT_EQ(job->kind, "employees.import");
  EXPECT_EQ(employees(), 0) << "nothing is imported before a worker runs the job";
  start_workers();
  const core::Job done = finished(job->id);
  EXPECT_EQ(done.status, core::JobStatus::kSucceeded);
  EXPECT_EQ(done.attempts, 1);
  EXPECT_EQ(done.worker, "test:1:1");
  EXPECT_NE(done.result.find("\"created\":2"), std::string::npos) << done.result;
  EXPECT_EQ(done.progress.phase, "done");
  EXPECT_EQ(employees(), 2);
  core::AuditQuery q;
  q.action = "employees.import";
  const auto entries = services_->audit.list(admin(), q);
  ASSERT_TRUE(entries);
  ASSERT_EQ(entries->items.size(), 1u);
  EXPECT_EQ(entries->items[0].entry.actor, "admin@bank.example");
  EXPECT_EQ(entries->items[0].entry.outcome, "success");
}

TEST_F(JobsTest, ARefusedFileFailsTheJobWithItsErrorsAndWritesNothing) {
  auto job = services_->people.start_import(admin(), kExtract + "E3,Zoé,Petit,not-an-email,Analyst,Risk,E,E1\n", {});
  ASSERT_TRUE(job);
  start_workers();
  const core::Job done = finished(job->id);
  EXPECT_EQ(done.status, core::JobStatus::kFailed);
  ASSERT_TRUE(done.error);
  EXPECT_EQ(done.error->code, core::ErrorCode::kImportInvalid);
  ASSERT_EQ(done.error->details.size(), 1u);
  EXPECT_EQ(done.error->details[0].line, 4);
  EXPECT_EQ(done.error->details[0].column, "email");
  EXPECT_TRUE(done.result.empty());
  EXPECT_EQ(employees(), 0);
}

TEST_F(JobsTest, ACancelledQueuedJobNeverRunsAndCancellingItAgainIsAConflict) {
  auto job = services_->people.start_import(admin(), kExtract, {});
  ASSERT_TRUE(job);
  auto cancelled = services_->jobs.cancel(admin(), job->id);
  ASSERT_TRUE(cancelled);
  EXPECT_EQ(cancelled->status, core::JobStatus::kCancelled);
  EXPECT_EQ(testing::error_kind(services_->jobs.cancel(admin(), job->id)), core::ErrorKind::kConflict);
  // A later job runs; the cancelled one stays cancelled and imported nothing.
  auto later = services_->people.start_import(admin(), kExtract, {.dry_run = true});
  start_workers();
  EXPECT_EQ(finished(later->id).status, core::JobStatus::kSucceeded);
  EXPECT_EQ(services_->jobs.get(admin(), job->id)->status, core::JobStatus::kCancelled);
  EXPECT_EQ(employees(), 0);
}

TEST_F(JobsTest, TheStarterAndAdminsSeeAJobOthersAreToldItDoesNotExist) {
  auto job = services_->people.start_import(admin(), kExtract, {});
  ASSERT_TRUE(job);
  EXPECT_TRUE(services_->jobs.get(user(other_admin_id_, core::Role::kAdmin, "other@bank.example"), job->id));
  const Caller mentor = user(mentor_id_, core::Role::kMentor, "mentor@bank.example");
  EXPECT_EQ(testing::error_kind(services_->jobs.get(mentor, job->id)), core::ErrorKind::kNotFound);
  EXPECT_EQ(testing::error_kind(services_->jobs.cancel(mentor, job->id)), core::ErrorKind::kNotFound);
  const auto mine = services_->jobs.list(mentor, {});
  ASSERT_TRUE(mine);
  EXPECT_EQ(mine->total, 0) << "a mentor's list holds only their own jobs";
  EXPECT_EQ(services_->jobs.list(admin(), {})->total, 1);
  EXPECT_EQ(testing::error_kind(services_->people.start_import(mentor, kExtract, {})), core::ErrorKind::kForbidden);
}

TEST_F(JobsTest, AJobWhoseStarterWasDisabledBeforeItRanFailsAndWritesNothing) {
  auto job = services_->people.start_import(admin(), kExtract, {});
  ASSERT_TRUE(job);
  ASSERT_TRUE(services_->accounts.update_user(Caller::operator_at_cli("test"), admin_id_, {.active = false}));
  start_workers();
  const core::Job done = finished(job->id);
  EXPECT_EQ(done.status, core::JobStatus::kFailed);
  ASSERT_TRUE(done.error);
  EXPECT_EQ(done.error->kind(), core::ErrorKind::kForbidden);
  EXPECT_EQ(employees(), 0);
}

TEST(ErrorJson, AnErrorComesBackAsItWasWithNestedMessagesAndPlaces) {
  core::Error e{core::ErrorCode::kImportInvalid,
                core::msg("directory.import_invalid", {core::count("count", 2)}),
                {{"email", core::msg("directory.email_invalid", {core::quoted("value", "x@"), core::number("n", 1.5)}), 4, "Courriel"},
                 {"", core::msg("audit.name", {core::nested("name", core::msg("jobs.cancelled")),
                                               core::quoted_list("values", {"a", "b"})}),
                  0, ""}},
                0,
                7};
  const auto back = io::error_from_json(io::error_to_json(e));
  ASSERT_TRUE(back);
  EXPECT_EQ(back->code, e.code);
  EXPECT_EQ(back->message, e.message);
  EXPECT_EQ(back->details, e.details);
  EXPECT_EQ(back->found, 7u);
  EXPECT_FALSE(io::error_from_json("{\"code\":\"no_such_code\"}"));
  EXPECT_FALSE(io::error_from_json("not json"));
}

}  // namespace
}  // namespace binome::app
