-- The directory's history: each import, and per employee each field it changed, with the date
-- the change took effect (the import's date, or one given with it).
CREATE TABLE directory_imports (
  id             INTEGER PRIMARY KEY,
  at             INTEGER NOT NULL,  -- when it ran (recorded_at of its changes)
  actor          TEXT    NOT NULL,  -- who ran it: a user's email, or "system:<os user>"
  source         TEXT    NOT NULL,  -- "api" or "cli"
  file_name      TEXT,              -- NULL when unknown
  effective_date TEXT    NOT NULL,  -- YYYY-MM-DD
  rows_read      INTEGER NOT NULL,
  created        INTEGER NOT NULL,
  updated        INTEGER NOT NULL,
  unchanged      INTEGER NOT NULL,
  deactivated    INTEGER NOT NULL
) STRICT;

CREATE TABLE employee_changes (
  id             INTEGER PRIMARY KEY,
  employee_id    TEXT    NOT NULL REFERENCES employees (employee_id),
  import_id      INTEGER NOT NULL REFERENCES directory_imports (id),
  kind           TEXT    NOT NULL CHECK (kind IN ('joined', 'changed', 'left', 'returned')),
  field          TEXT,              -- NULL for 'joined'; 'active' for 'left' and 'returned'
  old_value      TEXT,              -- NULL: no value
  new_value      TEXT,
  effective_date TEXT    NOT NULL   -- YYYY-MM-DD, the import's
) STRICT;
-- One employee's history, newest first.
CREATE INDEX employee_changes_by_employee ON employee_changes (employee_id, effective_date);
