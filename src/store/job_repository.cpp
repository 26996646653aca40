#include "store/job_repository.hpp"

namespace binome::store::jobs {

namespace {

constexpr const char* kJobColumns =
    "id, kind, params, started_by, started_by_name, client, status, phase, done, total, result, error, "
    "cancel_requested, attempts, worker, created_at, started_at, finished_at, updated_at";

StoredJob job_from_row(const Row& r) {
  StoredJob s;
  core::Job& j = s.job;
  j.id = r.i64(0);
  j.kind = r.text(1);
  j.params = r.text(2);
  j.started_by = r.opt_i64(3);
  j.started_by_name = r.text(4);
  s.client = r.text(5);
  j.status = core::job_status_from_name(r.view(6)).value_or(core::JobStatus::kFailed);
  j.progress = {r.text(7), r.i64(8), r.i64(9)};
  j.result = r.opt_text(10).value_or("");
  s.error_json = r.opt_text(11).value_or("");
  j.cancel_requested = r.i64(12) != 0;
  j.attempts = r.i64(13);
  j.worker = r.text(14);
  j.created_at = r.i64(15);
  j.started_at = r.opt_i64(16);
  j.finished_at = r.opt_i64(17);
  j.updated_at = r.i64(18);
  return s;
}

std::string status_text(core::JobStatus s) { return std::string(core::job_status_name(s)); }

}  // namespace

std::int64_t insert(Connection& c, const NewJob& job, core::Millis now) {
  const Value started_by = job.started_by ? Value{*job.started_by} : Value{};
  const Value input = job.input.empty() ? Value{} : Value{job.input};
  return c.query_one(
              "INSERT INTO jobs (kind, params, input, started_by, started_by_name, client, status, phase, done, "
              "total, cancel_requested, attempts, worker, created_at, updated_at) "
              "VALUES ($1, $2, $3, $4, $5, $6, 'queued', 'queued', 0, 0, 0, 0, '', $7, $7) RETURNING id",
              {job.kind, job.params, input, started_by, job.started_by_name, job.client, now})
      ->i64(0);
}

std::optional<StoredJob> find(Connection& c, std::int64_t id) {
  auto row = c.query_one(std::string("SELECT ") + kJobColumns + " FROM jobs WHERE id = $1", {id});
  if (!row) return std::nullopt;
  return job_from_row(*row);
}

core::Page<StoredJob> list(Connection& c, const core::JobQuery& q) {
  Conditions where;
  if (q.started_by) where.add("started_by = {0}", {*q.started_by});
  if (!q.kind.empty()) where.add("kind = {0}", {q.kind});
  if (q.status) where.add("status = {0}", {status_text(*q.status)});
  core::Page<StoredJob> page;
  page.total = c.query_one("SELECT COUNT(*) FROM jobs" + where.sql(), where.params())->i64(0);
  const std::string limit = where.next(q.page.limit);
  const std::string offset = where.next(q.page.offset);
  for (const Row& r : c.query(std::string("SELECT ") + kJobColumns + " FROM jobs" + where.sql() +
                                  " ORDER BY id DESC LIMIT " + limit + " OFFSET " + offset,
                              where.params())) {
    page.items.push_back(job_from_row(r));
  }
  return page;
}

std::optional<ClaimedJob> claim(Connection& c, const std::string& worker, core::Millis now,
                                core::Millis lease_until, bool reclaim_expired) {
  // The row lock of the inner SELECT is what makes two servers' claims of one job impossible:
  // the second skips the row the first holds, and sees it running once the first commits.
  const std::string lock = c.dialect() == Dialect::kPostgresql ? " FOR UPDATE SKIP LOCKED" : "";
  auto row = c.query_one(
      std::string("UPDATE jobs SET status = 'running', worker = $1, lease_until = $2, attempts = attempts + 1, "
                  "started_at = COALESCE(started_at, $3), updated_at = $3, phase = '', done = 0, total = 0 "
                  "WHERE id = (SELECT id FROM jobs WHERE status IN ('queued', 'running') "
                  "AND (status = 'queued' OR (lease_until < $3 AND $5 = 1)) AND attempts < $4 AND cancel_requested = 0 "
                  "ORDER BY id LIMIT 1") +
          lock + ") RETURNING " + kJobColumns + ", input",
      {worker, lease_until, now, core::kMaxJobAttempts, std::int64_t{reclaim_expired ? 1 : 0}});
  if (!row) return std::nullopt;
  ClaimedJob claimed{job_from_row(*row), row->opt_text(19).value_or("")};
  return claimed;
}

std::int64_t sweep(Connection& c, core::Millis now, const std::string& abandoned_error_json) {
  const char* ended = ", input = NULL, lease_until = NULL, finished_at = $1, updated_at = $1 ";
  std::int64_t n = c.execute(std::string("UPDATE jobs SET status = 'cancelled'") + ended +
                                 "WHERE status IN ('queued', 'running') AND status = 'running' AND lease_until < $1 "
                                 "AND cancel_requested = 1",
                             {now});
  n += c.execute(std::string("UPDATE jobs SET status = 'failed', error = $2") + ended +
                     "WHERE status IN ('queued', 'running') AND status = 'running' AND lease_until < $1 "
                     "AND attempts >= $3",
                 {now, abandoned_error_json, core::kMaxJobAttempts});
  return n;
}

std::int64_t release_all(Connection& c, core::Millis now, const std::string& abandoned_error_json) {
  // Their leases end now, so that sweep() ends what it ends; the rest go back to the queue.
  c.execute("UPDATE jobs SET lease_until = $1 WHERE status = 'running'", {now - 1});
  const std::int64_t ended = sweep(c, now, abandoned_error_json);
  return ended + c.execute("UPDATE jobs SET status = 'queued', lease_until = NULL, phase = 'queued', done = 0, "
                           "total = 0, updated_at = $1 WHERE status = 'running'",
                           {now});
}

std::optional<bool> renew(Connection& c, std::int64_t id, const std::string& worker,
                          const core::JobProgress& progress, core::Millis now, core::Millis lease_until) {
  auto row = c.query_one(
      "UPDATE jobs SET lease_until = $1, phase = $2, done = $3, total = $4, updated_at = $5 "
      "WHERE id = $6 AND worker = $7 AND status = 'running' RETURNING cancel_requested",
      {lease_until, progress.phase, progress.done, progress.total, now, id, worker});
  if (!row) return std::nullopt;
  return row->i64(0) != 0;
}

bool finish(Connection& c, std::int64_t id, const std::string& worker, core::JobStatus status,
            const std::string& result, const std::string& error_json, core::Millis now) {
  const Value result_value = result.empty() ? Value{} : Value{result};
  const Value error_value = error_json.empty() ? Value{} : Value{error_json};
  // A job that succeeded shows its last phase as complete.
  return c.execute("UPDATE jobs SET status = $1, result = $2, error = $3, input = NULL, lease_until = NULL, "
                   "finished_at = $4, updated_at = $4, phase = 'done', "
                   "done = CASE WHEN $1 = 'succeeded' THEN total ELSE done END "
                   "WHERE id = $5 AND worker = $6 AND status = 'running'",
                   {status_text(status), result_value, error_value, now, id, worker}) == 1;
}

std::optional<StoredJob> cancel(Connection& c, std::int64_t id, core::Millis now) {
  c.execute("UPDATE jobs SET status = 'cancelled', input = NULL, finished_at = $1, updated_at = $1 "
            "WHERE id = $2 AND status = 'queued'",
            {now, id});
  c.execute("UPDATE jobs SET cancel_requested = 1, updated_at = $1 WHERE id = $2 AND status = 'running'", {now, id});
  return find(c, id);
}

}  // namespace binome::store::jobs
