-- Programs (core/program.hpp): their settings and status, the people who run and sponsor them
-- (roles held per program), their skills (core/taxonomy.hpp), objectives and KPIs (core/kpi.hpp).
CREATE TABLE programs (
  id                INTEGER PRIMARY KEY,
  name              TEXT    NOT NULL,
  name_folded       TEXT    NOT NULL,             -- core::fold_for_search(name), for the list's search
  description       TEXT    NOT NULL,
  starts_on         TEXT    NOT NULL,             -- YYYY-MM-DD in the program's time zone
  ends_on           TEXT    NOT NULL,
  time_zone         TEXT    NOT NULL,
  languages         TEXT    NOT NULL,             -- "fr,en"
  cadence           TEXT    NOT NULL CHECK (cadence IN ('every_two_weeks', 'every_four_weeks', 'monthly')),
  session_minutes   INTEGER NOT NULL,
  min_group_size    INTEGER NOT NULL,
  status            TEXT    NOT NULL CHECK (status IN ('draft', 'recruiting', 'matching', 'running', 'closing', 'closed')),
  previous_edition  INTEGER REFERENCES programs (id),
  created_at        INTEGER NOT NULL,
  updated_at        INTEGER NOT NULL,
  status_changed_at INTEGER NOT NULL
) STRICT;
CREATE INDEX programs_by_status ON programs (status, id);

CREATE TABLE program_members (
  program_id INTEGER NOT NULL REFERENCES programs (id),
  user_id    INTEGER NOT NULL REFERENCES users (id),
  role       TEXT    NOT NULL CHECK (role IN ('manager', 'sponsor')),
  added_at   INTEGER NOT NULL,
  PRIMARY KEY (program_id, user_id, role)
) STRICT;
CREATE INDEX program_members_by_user ON program_members (user_id, program_id);

-- The skills a program works on: built-in keys it selected, and its own (with their labels).
CREATE TABLE program_skills (
  program_id INTEGER NOT NULL REFERENCES programs (id),
  position   INTEGER NOT NULL,
  skill_key  TEXT    NOT NULL,
  label_en   TEXT,                                -- NULL for a built-in skill
  label_fr   TEXT,
  direction  TEXT    CHECK (direction IN ('digital', 'business')),
  PRIMARY KEY (program_id, skill_key)
) STRICT;

CREATE TABLE objectives (
  id          INTEGER PRIMARY KEY,
  program_id  INTEGER NOT NULL REFERENCES programs (id),
  position    INTEGER NOT NULL,
  title       TEXT    NOT NULL,
  description TEXT    NOT NULL,
  created_at  INTEGER NOT NULL,
  updated_at  INTEGER NOT NULL
) STRICT;
CREATE INDEX objectives_by_program ON objectives (program_id, position);

CREATE TABLE kpis (
  id           INTEGER PRIMARY KEY,
  objective_id INTEGER NOT NULL REFERENCES objectives (id) ON DELETE CASCADE,
  position     INTEGER NOT NULL,
  name         TEXT    NOT NULL,
  instrument   TEXT    NOT NULL,
  side         TEXT    NOT NULL,                  -- 'mentor', 'mentee', '' (both)
  skills       TEXT    NOT NULL,                  -- keys separated by commas
  baseline     REAL,
  target       REAL    NOT NULL,
  direction    TEXT    NOT NULL CHECK (direction IN ('higher', 'lower')),
  unit         TEXT    NOT NULL,
  due_on       TEXT    NOT NULL,
  manual_value REAL,
  created_at   INTEGER NOT NULL,
  updated_at   INTEGER NOT NULL
) STRICT;
CREATE INDEX kpis_by_objective ON kpis (objective_id, position);
