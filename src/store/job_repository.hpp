// Persistence of background jobs (core/job.hpp): queueing, claiming under a lease, renewing it
// with the job's progress, and ending a job. Written once against the driver interface;
// contract-tested on both databases. A claim takes the oldest claimable job with a row lock
// that skips rows other workers hold (FOR UPDATE SKIP LOCKED on PostgreSQL; SQLite has one
// writer, which serialises claims anyway).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/job.hpp"
#include "store/sql.hpp"

namespace binome::store::jobs {

struct NewJob {
  std::string kind;
  std::string params;  // JSON
  std::string input;   // base64; "" for none
  std::optional<std::int64_t> started_by;
  std::string started_by_name;
  std::string client;
};
std::int64_t insert(Connection& c, const NewJob& job, core::Millis now);

// The job without its error, which the store keeps as JSON text (`error_json`).
struct StoredJob {
  core::Job job;
  std::string error_json;  // "" unless it failed
  std::string client;
};
std::optional<StoredJob> find(Connection& c, std::int64_t id);
core::Page<StoredJob> list(Connection& c, const core::JobQuery& q);

// A job a worker claimed, with its input.
struct ClaimedJob {
  StoredJob stored;
  std::string input;
};
// The oldest queued job, or (with `reclaim_expired`) a running one whose lease ended before
// `now` (its worker died), started fewer than kMaxJobAttempts times; marked running under
// `worker` until `lease_until`.
std::optional<ClaimedJob> claim(Connection& c, const std::string& worker, core::Millis now,
                                core::Millis lease_until, bool reclaim_expired);
// Ends the jobs whose lease ended without a worker to claim them again: cancelled when a
// cancellation was asked, failed (with `abandoned_error_json`) after kMaxJobAttempts starts.
// Returns how many.
std::int64_t sweep(Connection& c, core::Millis now, const std::string& abandoned_error_json);

// Every running job back in the queue, or ended as sweep() ends them: for a database only one
// process serves (SQLite), where a job running at start-up was left by a process that died.
std::int64_t release_all(Connection& c, core::Millis now, const std::string& abandoned_error_json);

// Extends the lease of a running job `worker` holds and saves its progress. Returns nothing when
// the worker no longer holds it (another took it over, or it ended), else whether a
// cancellation was asked.
std::optional<bool> renew(Connection& c, std::int64_t id, const std::string& worker,
                          const core::JobProgress& progress, core::Millis now, core::Millis lease_until);

// Ends a running job that `worker` holds (succeeded with `result`, failed with `error_json`,
// or cancelled), dropping its input. False when the worker no longer holds it: the caller's
// transaction must then roll back, for another worker owns the job.
bool finish(Connection& c, std::int64_t id, const std::string& worker, core::JobStatus status,
            const std::string& result, const std::string& error_json, core::Millis now);

// A queued job is cancelled at once; a running one is asked to stop (its worker ends it).
// Returns the job as it is now, or nothing when there is no such job.
std::optional<StoredJob> cancel(Connection& c, std::int64_t id, core::Millis now);

}  // namespace binome::store::jobs
