-- Background jobs (core/job.hpp): queued by a use case, claimed by the workers of `binome
-- serve` under a lease that the running worker renews, so that a job whose server died is
-- claimed again by another (app/jobs.hpp).
CREATE TABLE jobs (
  id               INTEGER PRIMARY KEY,
  kind             TEXT    NOT NULL,            -- "employees.import"
  params           TEXT    NOT NULL,            -- JSON: what the job was asked
  input            TEXT,                        -- its file, base64; dropped when the job ends
  started_by       INTEGER REFERENCES users (id),  -- NULL: the command line
  started_by_name  TEXT    NOT NULL,            -- the caller's email, or system:<os user>
  client           TEXT    NOT NULL,            -- the caller's address
  status           TEXT    NOT NULL CHECK (status IN ('queued', 'running', 'succeeded', 'failed', 'cancelled')),
  phase            TEXT    NOT NULL,
  done             INTEGER NOT NULL,
  total            INTEGER NOT NULL,
  result           TEXT,                        -- JSON, when it succeeded
  error            TEXT,                        -- JSON (a core::Error), when it failed
  cancel_requested INTEGER NOT NULL CHECK (cancel_requested IN (0, 1)),
  attempts         INTEGER NOT NULL,            -- how many times a worker claimed it
  worker           TEXT    NOT NULL,            -- who holds the lease (or ran it last)
  lease_until      INTEGER,                     -- ms since the epoch; NULL unless running
  created_at       INTEGER NOT NULL,
  started_at       INTEGER,
  finished_at      INTEGER,
  updated_at       INTEGER NOT NULL
) STRICT;
-- What workers look for: only the unfinished jobs are in it.
CREATE INDEX jobs_unfinished ON jobs (status, id) WHERE status IN ('queued', 'running');
CREATE INDEX jobs_by_starter ON jobs (started_by, id);
