#include "app/jobs.hpp"

#include <algorithm>

#include "app/crypto.hpp"
#include "io/error_json.hpp"
#include "store/account_repository.hpp"
#include "store/job_repository.hpp"
#include "store/sql.hpp"

namespace binome::app {

namespace {

core::Job job_with_error(store::jobs::StoredJob stored) {
  if (!stored.error_json.empty()) {
    stored.job.error = io::error_from_json(stored.error_json)
                           .value_or(core::Error{core::ErrorCode::kInternalError, {}, {}});
  }
  return std::move(stored.job);
}

core::Error no_job(std::int64_t id) {
  return core::Error{core::ErrorCode::kNotFound, core::msg("jobs.no_job", {core::count("id", id)}), {}};
}

}  // namespace

// --- JobRun ------------------------------------------------------------------------------------

void JobRun::progress(std::string_view phase, std::int64_t done, std::int64_t total) const {
  const std::lock_guard lock(jobs_.live_mu_);
  jobs_.live_[id_] = core::JobProgress{std::string(phase), done, total};
}

void JobRun::finish_in(store::Connection& c, const std::string& result) const {
  if (!store::jobs::finish(c, id_, worker_, core::JobStatus::kSucceeded, result, "", jobs_.clock_.now())) {
    throw JobTakenOver("job " + std::to_string(id_) + " is no longer held by " + worker_);
  }
  finished_ = true;
}

// --- Jobs --------------------------------------------------------------------------------------

std::int64_t Jobs::queue(const Caller& who, std::string_view kind, const std::string& params,
                         std::string_view input) const {
  store::jobs::NewJob job{std::string(kind), params, input.empty() ? "" : to_base64(input),
                          who.system ? std::nullopt : std::optional<std::int64_t>(who.principal.user_id),
                          who.name, who.client};
  const std::int64_t id = db_.write([&](store::Connection& c) { return store::jobs::insert(c, job, clock_.now()); });
  {
    const std::lock_guard lock(wake_mu_);
    ++queued_here_;
  }
  wake_.notify_one();
  return id;
}

core::Job Jobs::with_live_progress(core::Job job) const {
  if (job.status != core::JobStatus::kRunning) return job;
  const std::lock_guard lock(live_mu_);
  if (const auto it = live_.find(job.id); it != live_.end()) job.progress = it->second;
  return job;
}

core::Result<core::Job> Jobs::get(const Caller& who, std::int64_t id) const {
  auto stored = db_.read([&](store::Connection& c) { return store::jobs::find(c, id); });
  if (!stored) return std::unexpected(no_job(id));
  // Someone else's job is refused as if it did not exist (the refusal is in the audit log), so
  // that ids reveal nothing.
  if (audit_.refusal(who, core::Action::kReadJob, {stored->job.started_by.value_or(0), std::to_string(id)})) {
    return std::unexpected(no_job(id));
  }
  return with_live_progress(job_with_error(std::move(*stored)));
}

core::Result<core::Page<core::Job>> Jobs::list(const Caller& who, core::JobQuery query) const {
  if (auto refused = audit_.refusal(who, core::Action::kListJobs)) return *refused;
  if (!who.system && !who.principal.roles.has(core::Role::kAdmin)) query.started_by = who.principal.user_id;
  auto page = db_.read([&](store::Connection& c) { return store::jobs::list(c, query); });
  core::Page<core::Job> out;
  out.total = page.total;
  for (auto& s : page.items) out.items.push_back(with_live_progress(job_with_error(std::move(s))));
  return out;
}

core::Result<core::Job> Jobs::cancel(const Caller& who, std::int64_t id) const {
  auto current = get(who, id);
  if (!current) return current;
  if (auto refused = audit_.refusal(who, core::Action::kCancelJob, {current->started_by.value_or(0), std::to_string(id)})) {
    return *refused;
  }
  // A job this process runs stops at once, before the write below: on SQLite that write waits
  // for the job's own transaction, which the stop rolls back. (Another server's job hears of
  // the cancellation at its next renewal.)
  bool stopped_here = false;
  if (current->status == core::JobStatus::kRunning) {
    const std::lock_guard lock(cancel_mu_);
    if (cancel_here_) stopped_here = cancel_here_(id);
  }
  return db_.write([&](store::Connection& c) -> core::Result<core::Job> {
    auto stored = store::jobs::find(c, id);
    if (!stored) return std::unexpected(no_job(id));
    const core::JobStatus was = stored->job.status;
    const std::string kind = stored->job.kind;
    // Ended by the stop just asked for: cancelled, as asked.
    const bool ended_by_us = stopped_here && was == core::JobStatus::kCancelled;
    if (core::is_finished(was) && !ended_by_us) {
      return core::fail(core::ErrorCode::kConflict,
                        core::msg("jobs.already_finished",
                                  {core::count("id", id), core::text("status", std::string(core::job_status_name(was)))}));
    }
    auto after = ended_by_us ? std::move(stored) : store::jobs::cancel(c, id, clock_.now());
    audit_.record(c, who, core::Action::kCancelJob, core::resource_name(core::ResourceKind::kJob, std::to_string(id)),
                  Outcome::kSuccess, {{"kind", kind}, {"status", std::string(core::job_status_name(current->status))}});
    return with_live_progress(job_with_error(std::move(*after)));
  });
}

// --- JobWorkers --------------------------------------------------------------------------------

JobWorkers::JobWorkers(const Jobs& jobs, std::map<std::string, JobHandler> handlers, JobWorkerSettings settings)
    : jobs_(jobs),
      handlers_(std::move(handlers)),
      settings_(std::move(settings)),
      abandoned_error_json_(io::error_to_json(core::job_abandoned_error(core::kMaxJobAttempts))) {}

JobWorkers::~JobWorkers() { stop(); }

core::Millis JobWorkers::lease_until() const { return jobs_.clock_.now() + settings_.lease.count(); }

void JobWorkers::start() {
  if (settings_.threads <= 0 || !threads_.empty()) return;
  if (jobs_.db_.dialect() == store::Dialect::kSqlite) {
    // One process serves a SQLite database: a job running now was left by one that died.
    jobs_.db_.write([&](store::Connection& c) { store::jobs::release_all(c, jobs_.clock_.now(), abandoned_error_json_); });
  }
  {
    const std::lock_guard lock(jobs_.cancel_mu_);
    jobs_.cancel_here_ = [this](std::int64_t id) { return stop_job(id, true); };
  }
  for (int i = 0; i < settings_.threads; ++i) threads_.emplace_back([this](std::stop_token s) { work(s); });
  threads_.emplace_back([this](std::stop_token s) { heartbeat(s); });
}

bool JobWorkers::stop_job(std::int64_t id, bool cancelled) {
  const std::lock_guard lock(running_mu_);
  const auto it = running_.find(id);
  if (it == running_.end()) return false;
  it->second.cancelled = it->second.cancelled || cancelled;
  it->second.stop.request_stop();
  return true;
}

void JobWorkers::stop() {
  {
    const std::lock_guard lock(jobs_.cancel_mu_);
    jobs_.cancel_here_ = nullptr;
  }
  for (auto& t : threads_) t.request_stop();
  {
    const std::lock_guard lock(running_mu_);
    for (auto& [id, r] : running_) r.stop.request_stop();
  }
  jobs_.wake_.notify_all();
  threads_.clear();  // joins
}

void JobWorkers::work(const std::stop_token& stop) {
  while (!stop.stop_requested()) {
    std::uint64_t seen = 0;
    {
      const std::lock_guard lock(jobs_.wake_mu_);
      seen = jobs_.queued_here_;
    }
    bool ran = false;
    try {
      ran = run_one(stop);
    } catch (const std::exception& e) {
      // The database failed (it is restarting, say): try again after the poll interval.
      if (settings_.on_error) settings_.on_error(std::string("job worker: ") + e.what());
    }
    if (ran) continue;
    std::unique_lock lock(jobs_.wake_mu_);
    jobs_.wake_.wait_for(lock, stop, settings_.poll, [&] { return jobs_.queued_here_ != seen; });
  }
}

bool JobWorkers::run_one(const std::stop_token& stop) {
  const std::string worker = settings_.name + ":" + std::to_string(++claims_);
  const bool reclaim = jobs_.db_.dialect() == store::Dialect::kPostgresql;
  struct Claim {
    store::jobs::ClaimedJob job;
    std::optional<store::UserRecord> starter;
  };
  auto claim = jobs_.db_.write([&](store::Connection& c) -> std::optional<Claim> {
    const core::Millis now = jobs_.clock_.now();
    if (reclaim) store::jobs::sweep(c, now, abandoned_error_json_);
    auto claimed = store::jobs::claim(c, worker, now, lease_until(), reclaim);
    if (!claimed) return std::nullopt;
    std::optional<store::UserRecord> starter;
    if (claimed->stored.job.started_by) starter = store::users::find_by_id(c, *claimed->stored.job.started_by);
    return Claim{std::move(*claimed), std::move(starter)};
  });
  if (!claim) return false;
  const core::Job& job = claim->job.stored.job;

  Caller starter;
  if (!job.started_by) {
    starter = Caller{true, {}, job.started_by_name, "cli", claim->job.stored.client};
  } else if (claim->starter && claim->starter->user.active) {
    const core::User& u = claim->starter->user;
    starter = Caller{false, core::Principal{u.id, u.roles, u.active}, u.email, "api", claim->job.stored.client};
  } else {
    end_failed(job.id, worker, core::Error{core::ErrorCode::kForbidden, core::msg("jobs.starter_inactive"), {}}, false);
    return true;
  }
  const auto handler = handlers_.find(job.kind);
  if (handler == handlers_.end()) {
    end_failed(job.id, worker,
               core::Error{core::ErrorCode::kInternalError, core::msg("jobs.unknown_kind", {core::quoted("kind", job.kind)}), {}},
               false);
    return true;
  }
  auto input = from_base64(claim->job.input);
  if (!input) {
    end_failed(job.id, worker,
               core::Error{core::ErrorCode::kInternalError,
                           core::msg("jobs.input_invalid", {core::text("reason", "the input is not base64")}), {}},
               false);
    return true;
  }

  std::stop_source job_stop;
  {
    const std::lock_guard lock(running_mu_);
    running_[job.id] = Running{worker, job_stop, false};
  }
  // The server stopping stops the job too.
  const std::stop_callback on_server_stop(stop, [&job_stop] { job_stop.request_stop(); });
  JobRun run(jobs_, job.id, worker, job.params, std::move(*input), std::move(starter), job_stop.get_token());
  run.progress("reading", 0, 0);
  core::Result<std::string> result = core::fail(core::ErrorCode::kInternalError);
  bool taken_over = false;
  try {
    result = handler->second(run);
  } catch (const JobTakenOver&) {
    taken_over = true;
  } catch (const std::exception& e) {
    if (settings_.on_error) settings_.on_error("job " + std::to_string(job.id) + " (" + job.kind + "): " + e.what());
    result = core::fail(core::ErrorCode::kInternalError);
  }
  bool cancelled = false;
  {
    const std::lock_guard lock(running_mu_);
    cancelled = running_[job.id].cancelled;
    running_.erase(job.id);
  }
  {
    const std::lock_guard lock(jobs_.live_mu_);
    jobs_.live_.erase(job.id);
  }
  // Stopped by the server's own end: the lease will lapse, and the job run again elsewhere.
  if (taken_over || (stop.stop_requested() && !cancelled)) return true;
  if (result && !run.finished_) {
    jobs_.db_.write([&](store::Connection& c) {
      store::jobs::finish(c, job.id, worker, core::JobStatus::kSucceeded, *result, "", jobs_.clock_.now());
    });
  } else if (!result) {
    end_failed(job.id, worker, cancelled ? core::job_cancelled_error() : result.error(), cancelled);
  }
  return true;
}

void JobWorkers::end_failed(std::int64_t id, const std::string& worker, const core::Error& error, bool cancelled) const {
  jobs_.db_.write([&](store::Connection& c) {
    store::jobs::finish(c, id, worker, cancelled ? core::JobStatus::kCancelled : core::JobStatus::kFailed, "",
                        io::error_to_json(error), jobs_.clock_.now());
  });
}

void JobWorkers::heartbeat(const std::stop_token& stop) {
  // Three renewals a lease or more: one missed (a slow database) does not lose the job.
  // At most a second apart, so that other servers show a fresh progress and a cancellation
  // stops the job soon.
  const auto every = std::clamp(settings_.lease / 3, std::chrono::milliseconds(100), std::chrono::milliseconds(1000));
  std::mutex idle;
  std::condition_variable_any tick;
  while (!stop.stop_requested()) {
    std::unique_lock lock(idle);
    tick.wait_for(lock, stop, every, [] { return false; });
    if (stop.stop_requested()) break;
    std::vector<std::pair<std::int64_t, std::string>> held;
    {
      const std::lock_guard running_lock(running_mu_);
      for (const auto& [id, r] : running_) held.emplace_back(id, r.worker);
    }
    for (const auto& [id, worker] : held) {
      core::JobProgress progress;
      {
        const std::lock_guard live_lock(jobs_.live_mu_);
        if (const auto it = jobs_.live_.find(id); it != jobs_.live_.end()) progress = it->second;
      }
      try {
        const auto renewed = jobs_.db_.write([&](store::Connection& c) {
          return store::jobs::renew(c, id, worker, progress, jobs_.clock_.now(), lease_until());
        });
        // Lost (another worker took it over) or cancelled: the job stops and writes nothing.
        if (!renewed || *renewed) stop_job(id, renewed.has_value());
      } catch (const std::exception& e) {
        if (settings_.on_error) settings_.on_error("job heartbeat: " + std::string(e.what()));
      }
    }
  }
}

}  // namespace binome::app
