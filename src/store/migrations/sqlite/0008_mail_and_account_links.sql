-- E-mail and account links (core/mail.hpp, app/mail.hpp).
--
-- The outbox: every message, written in the transaction of the change that causes it, and
-- delivered by the workers of `binome serve`. A message's secret link is not stored: the row
-- keeps the link's nonce, from which the server derives the token with its link secret.
CREATE TABLE outbox (
  id              INTEGER PRIMARY KEY,
  kind            TEXT    NOT NULL,             -- "account.activation"
  message_id      TEXT    NOT NULL UNIQUE,      -- "<...@binome>", the same at every attempt
  to_email        TEXT    NOT NULL,
  to_name         TEXT    NOT NULL,
  language        TEXT    NOT NULL CHECK (language IN ('fr', 'en')),
  subject         TEXT    NOT NULL,
  text_body       TEXT    NOT NULL,             -- with {{link}} where the link goes
  html_body       TEXT    NOT NULL,
  link_purpose    TEXT    CHECK (link_purpose IN ('activation', 'password_reset')),
  link_nonce      TEXT,
  link_expires_at INTEGER,
  attachment_name TEXT,
  attachment_type TEXT,
  attachment      TEXT,                         -- base64
  status          TEXT    NOT NULL CHECK (status IN ('pending', 'sending', 'sent', 'failed')),
  attempts        INTEGER NOT NULL,
  next_attempt_at INTEGER,                      -- pending: not before
  lease_until     INTEGER,                      -- sending: the claim lapses then
  worker          TEXT    NOT NULL,
  last_error      TEXT    NOT NULL,
  created_at      INTEGER NOT NULL,
  sent_at         INTEGER,
  updated_at      INTEGER NOT NULL
) STRICT;
-- What the delivery workers look for: only the unfinished messages are in it.
CREATE INDEX outbox_unfinished ON outbox (next_attempt_at, id) WHERE status IN ('pending', 'sending');
CREATE INDEX outbox_by_status ON outbox (status, id);

-- One-time links that open an account: only the token's hash is kept.
CREATE TABLE account_links (
  id         INTEGER PRIMARY KEY,
  user_id    INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  purpose    TEXT    NOT NULL CHECK (purpose IN ('activation', 'password_reset')),
  token_hash TEXT    NOT NULL UNIQUE,
  created_at INTEGER NOT NULL,
  expires_at INTEGER NOT NULL,
  used_at    INTEGER                            -- or voided by a newer link
) STRICT;
CREATE INDEX account_links_by_user ON account_links (user_id, purpose);

-- An account belongs to the directory's employee with the same email; the link is kept when an
-- import changes the employee's email.
ALTER TABLE users ADD COLUMN employee_ref INTEGER REFERENCES employees (id);
CREATE UNIQUE INDEX users_by_employee ON users (employee_ref) WHERE employee_ref IS NOT NULL;
UPDATE users SET employee_ref = (SELECT e.id FROM employees e WHERE e.email = users.email);
