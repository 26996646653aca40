// Background jobs (core/job.hpp): the use cases that queue, show and cancel them, and the
// workers of `binome serve` that run them.
//
// Several `binome serve` processes may share one PostgreSQL: each claims the oldest claimable
// job with a row lock that skips the rows others hold, under a lease its heartbeat renews
// while the job runs; a job whose server died (its lease ended) is claimed again by another.
// A job's writes are one transaction that also records the job's end (JobRun::finish_in),
// guarded by the lease: a worker that lost its job to another cannot commit, so a job lands
// exactly once. On SQLite one process serves; at start-up it takes back the jobs a process
// that died left running.
//
//   // in a use case, once its own checks passed:
//   const auto id = jobs_.queue(who, core::kJobImportEmployees, params_json, bytes);
//   // the kind's handler, run by a worker (Services::job_handlers):
//   core::Result<std::string> run(const JobRun& run) { ... run.progress("writing", n, total);
//     db.write([&](Connection& c) { ...; run.finish_in(c, result_json); }); }
#pragma once

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <stop_token>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

#include "app/audit.hpp"
#include "app/caller.hpp"
#include "app/clock.hpp"
#include "core/error.hpp"
#include "core/job.hpp"

namespace binome::store {
class Connection;
class Database;
}  // namespace binome::store

namespace binome::app {

class Jobs;
class JobWorkers;

// What a running job's code is given.
class JobRun {
 public:
  std::int64_t id() const { return id_; }
  const std::string& params() const { return params_; }  // JSON, as queued
  std::string_view input() const { return input_; }      // the file, as queued
  const Caller& starter() const { return starter_; }
  // Requested when the job is cancelled, when another worker took it over, or when the server
  // stops: the job gives up and writes nothing.
  std::stop_token stop() const { return stop_; }
  // How far it is (kept in memory; the heartbeat saves it with the lease).
  void progress(std::string_view phase, std::int64_t done, std::int64_t total) const;
  // Records, in the job's own write transaction `c`, that the job succeeded with `result`
  // (JSON), so that its writes and its end commit together. Throws JobTakenOver when this
  // worker no longer holds the job: the transaction then rolls back.
  void finish_in(store::Connection& c, const std::string& result) const;

 private:
  friend class JobWorkers;
  JobRun(const Jobs& jobs, std::int64_t id, std::string worker, std::string params, std::string input,
         Caller starter, std::stop_token stop)
      : jobs_(jobs), id_(id), worker_(std::move(worker)), params_(std::move(params)),
        input_(std::move(input)), starter_(std::move(starter)), stop_(std::move(stop)) {}
  const Jobs& jobs_;
  std::int64_t id_;
  std::string worker_;
  std::string params_;
  std::string input_;
  Caller starter_;
  std::stop_token stop_;
  mutable bool finished_ = false;
};

class JobTakenOver : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// Runs one kind of job: the result (JSON) or why it failed. Registered in Services::job_handlers.
using JobHandler = std::function<core::Result<std::string>(const JobRun&)>;

class Jobs {
 public:
  Jobs(store::Database& db, const Clock& clock, const AuditLog& audit) : db_(db), clock_(clock), audit_(audit) {}

  // Queues a job for `who` (whose right to start it the use case has checked) in a
  // transaction of its own, and wakes this process's workers. Returns its id.
  std::int64_t queue(const Caller& who, std::string_view kind, const std::string& params, std::string_view input) const;

  // The starter and admins.
  core::Result<core::Job> get(const Caller& who, std::int64_t id) const;
  // Admins see every job; anyone else their own.
  core::Result<core::Page<core::Job>> list(const Caller& who, core::JobQuery query) const;
  // A queued job is cancelled at once; a running one stops at its next check and writes
  // nothing. Conflict when it has already finished. Audited.
  core::Result<core::Job> cancel(const Caller& who, std::int64_t id) const;

 private:
  friend class JobRun;
  friend class JobWorkers;
  core::Job with_live_progress(core::Job job) const;

  store::Database& db_;
  const Clock& clock_;
  const AuditLog& audit_;
  // The progress of the jobs this process runs, fresher than the database's copy.
  mutable std::mutex live_mu_;
  mutable std::map<std::int64_t, core::JobProgress> live_;
  // Stops a job this process runs, at once (set by JobWorkers): a cancellation must not wait for
  // the heartbeat, whose write a SQLite job's own transaction holds up until it commits.
  mutable std::mutex cancel_mu_;
  mutable std::function<bool(std::int64_t)> cancel_here_;  // true when it runs here
  // Wakes this process's idle workers when a job is queued here.
  mutable std::mutex wake_mu_;
  mutable std::condition_variable_any wake_;
  mutable std::uint64_t queued_here_ = 0;
};

struct JobWorkerSettings {
  int threads = 2;                           // jobs run at once by this process (0: none)
  std::chrono::milliseconds lease{30'000};   // how long a claim lasts without renewal
  std::chrono::milliseconds poll{1'000};     // how often an idle worker looks for queued jobs
  std::string name;                          // "host:pid", in each job's `worker`
  std::function<void(const std::string&)> on_error;  // a failure no job reports (the log)
};

// The workers of one `binome serve` process: `threads` threads that claim and run jobs, and a
// heartbeat that renews their leases and saves their progress. Stopping asks the running jobs
// to stop; they write nothing, and their leases let another server (or this one, restarted)
// run them again.
class JobWorkers {
 public:
  JobWorkers(const Jobs& jobs, std::map<std::string, JobHandler> handlers, JobWorkerSettings settings);
  ~JobWorkers();
  JobWorkers(const JobWorkers&) = delete;
  JobWorkers& operator=(const JobWorkers&) = delete;
  void start();
  void stop();

 private:
  struct Running {
    std::string worker;
    std::stop_source stop;
    bool cancelled = false;  // its cancellation was asked
  };
  void work(const std::stop_token& stop);
  void heartbeat(const std::stop_token& stop);
  bool run_one(const std::stop_token& stop);
  void end_failed(std::int64_t id, const std::string& worker, const core::Error& error, bool cancelled) const;
  // Asks a job this process runs to stop (false when it runs none such); `cancelled`: because
  // it was cancelled (not lost to another worker).
  bool stop_job(std::int64_t id, bool cancelled);
  core::Millis lease_until() const;

  const Jobs& jobs_;
  std::map<std::string, JobHandler> handlers_;
  JobWorkerSettings settings_;
  // The error a job abandoned by its workers ends with, as stored (written once).
  const std::string abandoned_error_json_;
  std::atomic<std::uint64_t> claims_{0};
  std::mutex running_mu_;
  std::map<std::int64_t, Running> running_;
  std::vector<std::jthread> threads_;
};

}  // namespace binome::app
