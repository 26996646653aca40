#include "store/outbox_repository.hpp"

namespace binome::store::outbox {

namespace {

constexpr const char* kMailColumns =
    "id, kind, message_id, to_email, to_name, language, subject, text_body, html_body, link_purpose, link_nonce, "
    "link_expires_at, attachment_name, attachment_type, attachment, status, attempts, next_attempt_at, last_error, "
    "created_at, sent_at";

StoredMail mail_from_row(const Row& r) {
  StoredMail s;
  core::OutboxMessage& m = s.message;
  m.id = r.i64(0);
  m.mail.kind = r.text(1);
  m.message_id = r.text(2);
  m.mail.to_email = r.text(3);
  m.mail.to_name = r.text(4);
  m.mail.language = r.view(5) == "fr" ? core::Language::kFrench : core::Language::kEnglish;
  m.mail.subject = r.text(6);
  m.mail.text = r.text(7);
  m.mail.html = r.text(8);
  if (!r.is_null(9)) {
    m.mail.link = core::SecretLink{core::link_purpose_from_name(r.view(9)).value_or(core::LinkPurpose::kActivation),
                                   r.opt_text(10).value_or(""), r.opt_i64(11).value_or(0)};
  }
  if (!r.is_null(12)) {
    m.mail.attachment = core::MailAttachment{r.text(12), r.opt_text(13).value_or("application/octet-stream"), ""};
    s.attachment_base64 = r.opt_text(14).value_or("");
  }
  m.status = core::mail_status_from_name(r.view(15)).value_or(core::MailStatus::kFailed);
  m.attempts = r.i64(16);
  m.next_attempt_at = r.opt_i64(17);
  m.last_error = r.text(18);
  m.created_at = r.i64(19);
  m.sent_at = r.opt_i64(20);
  return s;
}

Value optional_text(const std::optional<std::string>& v) { return v ? Value{*v} : Value{}; }

}  // namespace

std::int64_t insert(Connection& c, const core::NewMail& mail, const std::string& message_id, core::Millis now) {
  const auto& link = mail.link;
  const auto& file = mail.attachment;
  return c.query_one(
              "INSERT INTO outbox (kind, message_id, to_email, to_name, language, subject, text_body, html_body, "
              "link_purpose, link_nonce, link_expires_at, attachment_name, attachment_type, attachment, status, "
              "attempts, next_attempt_at, worker, last_error, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, "
              "$7, $8, $9, $10, $11, $12, $13, $14, 'pending', 0, $15, '', '', $15, $15) RETURNING id",
              {mail.kind, message_id, mail.to_email, mail.to_name, std::string(core::language_code(mail.language)),
               mail.subject, mail.text, mail.html,
               optional_text(link ? std::optional<std::string>(std::string(core::link_purpose_name(link->purpose)))
                                  : std::nullopt),
               optional_text(link ? std::optional<std::string>(link->nonce) : std::nullopt),
               link ? Value{link->expires_at} : Value{}, optional_text(file ? std::optional(file->file_name) : std::nullopt),
               optional_text(file ? std::optional(file->content_type) : std::nullopt),
               optional_text(file ? std::optional(file->content) : std::nullopt), now})
      ->i64(0);
}

std::optional<StoredMail> find(Connection& c, std::int64_t id) {
  auto row = c.query_one(std::string("SELECT ") + kMailColumns + " FROM outbox WHERE id = $1", {id});
  if (!row) return std::nullopt;
  return mail_from_row(*row);
}

core::Page<StoredMail> list(Connection& c, const core::OutboxQuery& q) {
  Conditions where;
  if (q.status) where.add("status = {0}", {std::string(core::mail_status_name(*q.status))});
  if (!q.kind.empty()) where.add("kind = {0}", {q.kind});
  core::Page<StoredMail> page;
  page.total = c.query_one("SELECT COUNT(*) FROM outbox" + where.sql(), where.params())->i64(0);
  const std::string limit = where.next(q.page.limit);
  const std::string offset = where.next(q.page.offset);
  for (const Row& r : c.query(std::string("SELECT ") + kMailColumns + " FROM outbox" + where.sql() +
                                  " ORDER BY id DESC LIMIT " + limit + " OFFSET " + offset,
                              where.params())) {
    page.items.push_back(mail_from_row(r));
  }
  return page;
}

std::optional<StoredMail> claim(Connection& c, const std::string& worker, core::Millis now, core::Millis lease_until) {
  // The row lock of the inner SELECT keeps two servers from claiming one message: the second
  // skips the row the first holds, and sees it sending once the first commits.
  const std::string lock = c.dialect() == Dialect::kPostgresql ? " FOR UPDATE SKIP LOCKED" : "";
  auto row = c.query_one(
      std::string("UPDATE outbox SET status = 'sending', worker = $1, lease_until = $2, attempts = attempts + 1, "
                  "updated_at = $3 WHERE id = (SELECT id FROM outbox WHERE status IN ('pending', 'sending') "
                  "AND ((status = 'pending' AND next_attempt_at <= $3) OR (status = 'sending' AND lease_until < $3)) "
                  "ORDER BY next_attempt_at, id LIMIT 1") +
          lock + ") RETURNING " + kMailColumns,
      {worker, lease_until, now});
  if (!row) return std::nullopt;
  return mail_from_row(*row);
}

bool mark_sent(Connection& c, std::int64_t id, const std::string& worker, core::Millis now) {
  return c.execute("UPDATE outbox SET status = 'sent', sent_at = $1, updated_at = $1, lease_until = NULL, "
                   "next_attempt_at = NULL, last_error = '' WHERE id = $2 AND worker = $3 AND status = 'sending'",
                   {now, id, worker}) == 1;
}

bool mark_retry(Connection& c, std::int64_t id, const std::string& worker, const std::string& error,
                core::Millis next_attempt_at, core::Millis now) {
  return c.execute("UPDATE outbox SET status = 'pending', next_attempt_at = $1, last_error = $2, updated_at = $3, "
                   "lease_until = NULL WHERE id = $4 AND worker = $5 AND status = 'sending'",
                   {next_attempt_at, error, now, id, worker}) == 1;
}

bool mark_failed(Connection& c, std::int64_t id, const std::string& worker, const std::string& error,
                 core::Millis now) {
  return c.execute("UPDATE outbox SET status = 'failed', next_attempt_at = NULL, last_error = $1, updated_at = $2, "
                   "lease_until = NULL WHERE id = $3 AND worker = $4 AND status = 'sending'",
                   {error, now, id, worker}) == 1;
}

bool retry(Connection& c, std::int64_t id, core::Millis now) {
  return c.execute("UPDATE outbox SET status = 'pending', attempts = 0, next_attempt_at = $1, updated_at = $1 "
                   "WHERE id = $2 AND status = 'failed'",
                   {now, id}) == 1;
}

std::int64_t release_all(Connection& c, core::Millis now) {
  return c.execute("UPDATE outbox SET status = 'pending', next_attempt_at = $1, lease_until = NULL, updated_at = $1 "
                   "WHERE status = 'sending'",
                   {now});
}

std::optional<core::Millis> next_due(Connection& c) {
  auto row = c.query_one(
      "SELECT MIN(CASE WHEN status = 'pending' THEN next_attempt_at ELSE lease_until END) FROM outbox "
      "WHERE status IN ('pending', 'sending')");
  return row ? row->opt_i64(0) : std::nullopt;
}

}  // namespace binome::store::outbox
