// Background jobs: work that outlasts a request (a large HR import; later a matching round, a
// year of sessions, a report), queued in the database and run by the workers of any
// `binome serve` process. This header holds what a job is and the rules of its life; the
// claiming, leases and running are the application layer's (app/jobs.hpp).
//
// A job moves queued → running → succeeded | failed | cancelled. A running job whose worker
// stopped renewing its lease (the process died) is claimed again by another worker, up to
// kMaxJobAttempts times; a job's writes are one transaction that also records its end, so a job
// that a second worker took over cannot land twice.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "core/error.hpp"
#include "core/page.hpp"
#include "core/time.hpp"

namespace binome::core {

enum class JobStatus : std::uint8_t { kQueued, kRunning, kSucceeded, kFailed, kCancelled };

// "queued", "running", ...; the database and the API spell them so.
std::string_view job_status_name(JobStatus status);
std::optional<JobStatus> job_status_from_name(std::string_view name);
// Succeeded, failed and cancelled jobs never change again.
constexpr bool is_finished(JobStatus s) {
  return s == JobStatus::kSucceeded || s == JobStatus::kFailed || s == JobStatus::kCancelled;
}

// The kinds of job, as stored. A kind is run by the use case that queued it.
inline constexpr std::string_view kJobImportEmployees = "employees.import";

// How far a running job is: `done` of `total` in its current phase ("reading", "checking",
// "writing"; total 0 when unknown).
struct JobProgress {
  std::string phase;
  std::int64_t done = 0;
  std::int64_t total = 0;
  bool operator==(const JobProgress&) const = default;
};

// A job as its starter and the admins see it. The parameters and the input file stay in the
// store: the result is what the job answers (JSON text), the error why it failed.
struct Job {
  std::int64_t id = 0;
  std::string kind;
  JobStatus status = JobStatus::kQueued;
  JobProgress progress;
  std::optional<std::int64_t> started_by;  // the user; none for the command line
  std::string started_by_name;             // their email, or "system:<os user>"
  std::string params;                      // JSON text: what the job was asked
  std::string result;                      // JSON text, when it succeeded
  std::optional<Error> error;              // when it failed
  bool cancel_requested = false;
  std::int64_t attempts = 0;  // how many times a worker started it
  std::string worker;         // the worker that holds it (running) or ran it last
  Millis created_at = 0;
  std::optional<Millis> started_at;
  std::optional<Millis> finished_at;
  Millis updated_at = 0;
};

// Which jobs to list (newest first).
struct JobQuery {
  std::optional<std::int64_t> started_by;  // set by the use case for callers who are no admin
  std::string kind;                        // "" for every kind
  std::optional<JobStatus> status;
  PageRange page;
};

// A worker that died mid-job leaves it running; after this many starts it is failed instead of
// claimed again, so that a job that kills its worker cannot take every server down in turn.
inline constexpr std::int64_t kMaxJobAttempts = 3;

// The error of a job whose workers all stopped before it finished.
Error job_abandoned_error(std::int64_t attempts);
// The error of a job that a stop (cancellation) interrupted.
Error job_cancelled_error();

}  // namespace binome::core
