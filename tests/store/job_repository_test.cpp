// The job queue's repository, on SQLite and PostgreSQL: queueing, claiming oldest first under a
// lease, claims that several workers race for (each job claimed once), a lease that lapses,
// the fencing of a finish by a worker that lost its job, sweeping abandoned and cancelled jobs.
#include "store/job_repository.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <map>
#include <mutex>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "backend_fixture.hpp"

namespace binome::store {
namespace {

using test_support::backend_name;
using test_support::BackendTest;
using test_support::kNow;

constexpr core::Millis kLease = 30'000;

class JobRepository : public BackendTest {
 protected:
  std::int64_t queue(const std::string& params = "{}") {
    return db_->write([&](Connection& c) {
      return jobs::insert(c, {"employees.import", params, "aW5wdXQ=", std::nullopt, "system:test", "local"}, kNow);
    });
  }
  std::optional<jobs::ClaimedJob> claim(const std::string& worker, core::Millis now = kNow) {
    return db_->write([&](Connection& c) { return jobs::claim(c, worker, now, now + kLease, true); });
  }
  core::Job job(std::int64_t id) {
    return db_->read([&](Connection& c) { return jobs::find(c, id); })->job;
  }
};

TEST_P(JobRepository, AQueuedJobIsClaimedOldestFirstWithItsInput) {
  const auto first = queue(R"({"n":1})");
  const auto second = queue(R"({"n":2})");
  const auto claimed = claim("a:1");
  ASSERT_TRUE(claimed);
  EXPECT_EQ(claimed->stored.job.id, first);
  EXPECT_EQ(claimed->stored.job.params, R"({"n":1})");
  EXPECT_EQ(claimed->input, "aW5wdXQ=");
  EXPECT_EQ(claimed->stored.job.status, core::JobStatus::kRunning);
  EXPECT_EQ(claimed->stored.job.attempts, 1);
  EXPECT_EQ(claimed->stored.job.worker, "a:1");
  EXPECT_EQ(claim("b:1")->stored.job.id, second);
  EXPECT_FALSE(claim("c:1")) << "both jobs are held under live leases";
}

TEST_P(JobRepository, RacingWorkersClaimEachJobExactlyOnce) {
  constexpr int kJobs = 60;
  for (int i = 0; i < kJobs; ++i) queue();
  std::mutex mu;
  std::map<std::int64_t, int> claims;
  std::vector<std::thread> workers;
  for (int w = 0; w < 4; ++w) {
    workers.emplace_back([&, w] {
      for (;;) {
        const auto got = claim("worker:" + std::to_string(w));
        if (!got) return;
        const std::lock_guard lock(mu);
        ++claims[got->stored.job.id];
      }
    });
  }
  for (auto& t : workers) t.join();
  EXPECT_EQ(claims.size(), static_cast<std::size_t>(kJobs));
  for (const auto& [id, n] : claims) EXPECT_EQ(n, 1) << "job " << id;
}

TEST_P(JobRepository, AJobWhoseLeaseLapsedIsClaimedAgainAndTheFirstWorkerCannotFinishIt) {
  const auto id = queue();
  ASSERT_TRUE(claim("dead:1"));
  EXPECT_FALSE(claim("b:1", kNow + kLease - 1)) << "the lease still holds";
  const auto again = claim("b:1", kNow + kLease + 1);
  ASSERT_TRUE(again);
  EXPECT_EQ(again->stored.job.id, id);
  EXPECT_EQ(again->stored.job.attempts, 2);
  EXPECT_EQ(again->input, "aW5wdXQ=") << "the input stays until the job ends";
  const bool dead_finished = db_->write([&](Connection& c) {
    return jobs::finish(c, id, "dead:1", core::JobStatus::kSucceeded, "{}", "", kNow + kLease + 2);
  });
  EXPECT_FALSE(dead_finished);
  EXPECT_EQ(job(id).status, core::JobStatus::kRunning);
  const bool finished = db_->write([&](Connection& c) {
    return jobs::finish(c, id, "b:1", core::JobStatus::kSucceeded, R"({"ok":true})", "", kNow + kLease + 3);
  });
  EXPECT_TRUE(finished);
  const auto done = job(id);
  EXPECT_EQ(done.status, core::JobStatus::kSucceeded);
  EXPECT_EQ(done.result, R"({"ok":true})");
  EXPECT_EQ(done.finished_at, kNow + kLease + 3);
}

TEST_P(JobRepository, RenewingKeepsTheLeaseSavesProgressAndSaysWhenACancellationWasAsked) {
  const auto id = queue();
  ASSERT_TRUE(claim("a:1"));
  const auto renewed = db_->write([&](Connection& c) {
    return jobs::renew(c, id, "a:1", {"writing", 40, 100}, kNow + 20'000, kNow + 20'000 + kLease);
  });
  ASSERT_TRUE(renewed);
  EXPECT_FALSE(*renewed);
  EXPECT_EQ(job(id).progress, (core::JobProgress{"writing", 40, 100}));
  EXPECT_FALSE(claim("b:1", kNow + kLease + 1)) << "renewed until kNow + 50 s";
  db_->write([&](Connection& c) { jobs::cancel(c, id, kNow + 21'000); });
  EXPECT_EQ(job(id).status, core::JobStatus::kRunning) << "a running job stops at its worker's next check";
  const auto after_cancel = db_->write([&](Connection& c) {
    return jobs::renew(c, id, "a:1", {"writing", 50, 100}, kNow + 22'000, kNow + 22'000 + kLease);
  });
  EXPECT_EQ(after_cancel, std::optional<bool>(true));
  const auto other = db_->write([&](Connection& c) {
    return jobs::renew(c, id, "b:1", {"writing", 50, 100}, kNow + 22'000, kNow + 22'000 + kLease);
  });
  EXPECT_FALSE(other) << "b holds no lease on it";
}

TEST_P(JobRepository, CancellingAQueuedJobEndsItAndItIsNeverClaimed) {
  const auto id = queue();
  const auto after = db_->write([&](Connection& c) { return jobs::cancel(c, id, kNow + 5); });
  ASSERT_TRUE(after);
  EXPECT_EQ(after->job.status, core::JobStatus::kCancelled);
  EXPECT_FALSE(claim("a:1"));
  EXPECT_FALSE(db_->write([&](Connection& c) { return jobs::cancel(c, id + 100, kNow); }));
}

TEST_P(JobRepository, SweepEndsAbandonedAndCancelledJobsWhoseWorkersDied) {
  const auto crashing = queue();
  const auto cancelled = queue();
  core::Millis t = kNow;
  for (int attempt = 0; attempt < core::kMaxJobAttempts; ++attempt) {
    const auto got = claim("w:" + std::to_string(attempt), t);
    ASSERT_TRUE(got);
    EXPECT_EQ(got->stored.job.id, crashing) << "attempt " << attempt;
    t += kLease + 1;
  }
  ASSERT_EQ(claim("w:x", t)->stored.job.id, cancelled) << "the crashing job is not claimed a fourth time";
  db_->write([&](Connection& c) { jobs::cancel(c, cancelled, t); });
  t += kLease + 1;
  const auto swept = db_->write([&](Connection& c) { return jobs::sweep(c, t, R"({"code":"internal_error"})"); });
  EXPECT_EQ(swept, 2);
  EXPECT_EQ(job(crashing).status, core::JobStatus::kFailed);
  EXPECT_EQ(job(cancelled).status, core::JobStatus::kCancelled);
  const auto stored = db_->read([&](Connection& c) { return jobs::find(c, crashing); });
  EXPECT_EQ(stored->error_json, R"({"code":"internal_error"})");
}

TEST_P(JobRepository, ReleasingAllPutsRunningJobsBackInTheQueue) {
  const auto id = queue();
  ASSERT_TRUE(claim("dead:1"));
  EXPECT_EQ(db_->write([&](Connection& c) { return jobs::release_all(c, kNow + 1, "{}"); }), 1);
  EXPECT_EQ(job(id).status, core::JobStatus::kQueued);
  EXPECT_EQ(db_->write([&](Connection& c) { return jobs::claim(c, "b:1", kNow + 2, kNow + kLease, false); })->stored.job.id, id);
}

TEST_P(JobRepository, ListsNewestFirstByStarterKindAndStatus) {
  const auto a = queue();
  const auto b = db_->write([&](Connection& c) {
    return jobs::insert(c, {"other.kind", "{}", "", std::nullopt, "system:test", "local"}, kNow);
  });
  core::JobQuery q;
  auto page = db_->read([&](Connection& c) { return jobs::list(c, q); });
  ASSERT_EQ(page.items.size(), 2u);
  EXPECT_EQ(page.items[0].job.id, b);
  EXPECT_EQ(page.items[1].job.id, a);
  q.kind = "employees.import";
  EXPECT_EQ(db_->read([&](Connection& c) { return jobs::list(c, q); }).total, 1);
  q.kind.clear();
  q.status = core::JobStatus::kRunning;
  EXPECT_EQ(db_->read([&](Connection& c) { return jobs::list(c, q); }).total, 0);
  q.status.reset();
  q.started_by = 42;
  EXPECT_EQ(db_->read([&](Connection& c) { return jobs::list(c, q); }).total, 0);
}

INSTANTIATE_TEST_SUITE_P(Backends, JobRepository, ::testing::Values("sqlite", "postgresql"), backend_name);

}  // namespace
}  // namespace binome::store
