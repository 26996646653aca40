-- The employee directory (HR import) and program-wide settings such as the grade scale.
CREATE TABLE employees (
  id          INTEGER PRIMARY KEY,
  employee_id TEXT    NOT NULL UNIQUE,
  first_name  TEXT    NOT NULL,
  last_name   TEXT    NOT NULL,
  email       TEXT    NOT NULL UNIQUE,
  job_title   TEXT    NOT NULL,
  department  TEXT    NOT NULL,
  grade       TEXT    NOT NULL,
  grade_rank  INTEGER,           -- order on the grade scale; NULL when not on it
  manager_id  TEXT,              -- the manager's employee_id; NULL for none
  hire_date   TEXT,              -- YYYY-MM-DD
  site        TEXT    NOT NULL,
  time_zone   TEXT    NOT NULL,  -- IANA name, '' when unknown
  languages   TEXT    NOT NULL,  -- ISO 639-1 codes separated by ','
  birth_year  INTEGER,
  active      INTEGER NOT NULL CHECK (active IN (0, 1)),
  -- Reporting lines as nested-set intervals: A manages B (any depth) exactly when
  -- A.tree_left < B.tree_left AND B.tree_right < A.tree_right (see core/reporting_lines.hpp).
  tree_left   INTEGER NOT NULL,
  tree_right  INTEGER NOT NULL,
  search_text TEXT    NOT NULL,  -- first and last name, email and id folded for search
  sort_name   TEXT    NOT NULL,  -- last and first name folded, so "Éric" sorts beside "Eric"
  created_at  INTEGER NOT NULL,
  updated_at  INTEGER NOT NULL
) STRICT;
CREATE INDEX employees_by_manager ON employees (manager_id);
CREATE INDEX employees_by_sort_name ON employees (sort_name);
CREATE INDEX employees_by_department ON employees (department);
CREATE INDEX employees_by_site ON employees (site);
CREATE INDEX employees_by_tree ON employees (tree_left);

CREATE TABLE settings (
  key   TEXT PRIMARY KEY,
  value TEXT NOT NULL
) STRICT;
