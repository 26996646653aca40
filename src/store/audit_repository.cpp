#include "store/audit_repository.hpp"

namespace binome::store::audit {

namespace {

constexpr const char* kColumns =
    "id, at, actor, action, resource, source, client, outcome, detail, prev_hash, hash";

core::AuditEntry from_row(const Row& r) {
  return core::AuditEntry{r.i64(0),  r.i64(1),  r.text(2), r.text(3), r.text(4), r.text(5),
                          r.text(6), r.text(7), r.text(8), r.text(9), r.text(10)};
}

}  // namespace

core::AuditEntry append(Connection& c, core::AuditEntry e, const core::HashFunction& hash) {
  auto head = c.query_one(
      "UPDATE audit_head SET last_id = last_id + 1 WHERE singleton = 1 "
      "RETURNING last_id, last_hash");
  if (!head) throw DatabaseError("the audit log has no head row; was the database migrated?");
  e.id = head->i64(0);
  e.prev_hash = head->text(1);
  e.hash = hash(core::audit_canonical_bytes(e));
  c.execute(std::string("INSERT INTO audit_log (") + kColumns +
                ") VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)",
            {e.id, e.at, e.actor, e.action, e.resource, e.source, e.client, e.outcome, e.detail,
             e.prev_hash, e.hash});
  c.execute("UPDATE audit_head SET last_hash = $1 WHERE singleton = 1", {e.hash});
  return e;
}

core::Page<core::AuditEntry> list(Connection& c, const core::AuditQuery& f) {
  Conditions where;
  if (const std::string pattern = contains_pattern(f.actor); pattern != "%%") {
    // A part of the email, or of the name of the user whose email it is.
    where.add("(LOWER(actor) LIKE {0} ESCAPE '\\' OR actor IN (SELECT email FROM users WHERE search_text LIKE {0} "
              "ESCAPE '\\'))",
              {pattern});
  }
  if (!f.action.empty() && f.action.back() == '.') {
    // A prefix: "user." matches "user.create" and "user.update". CAST: PostgreSQL would otherwise
    // guess the type of a parameter it first sees in LENGTH.
    where.add("SUBSTR(action, 1, LENGTH(CAST({0} AS TEXT))) = {0}", {f.action});
  } else if (!f.action.empty()) {
    where.add("action = {0}", {f.action});
  }
  if (f.from) where.add("at >= {0}", {*f.from});
  if (f.to) where.add("at <= {0}", {*f.to});
  core::Page<core::AuditEntry> page;
  page.total = c.query_one("SELECT COUNT(*) FROM audit_log" + where.sql(), where.params())->i64(0);
  Conditions paged = where;
  const std::string limit = paged.next(f.page.limit);
  const std::string offset = paged.next(f.page.offset);
  for (const Row& r : c.query(std::string("SELECT ") + kColumns + " FROM audit_log" + where.sql() +
                                  " ORDER BY id DESC LIMIT " + limit + " OFFSET " + offset,
                              paged.params())) {
    page.items.push_back(from_row(r));
  }
  return page;
}

std::optional<core::AuditEntry> latest(Connection& c, std::string_view action, std::string_view outcome) {
  auto r = c.query_one(std::string("SELECT ") + kColumns +
                           " FROM audit_log WHERE action = $1 AND outcome = $2 ORDER BY id DESC LIMIT 1",
                       {std::string(action), std::string(outcome)});
  if (!r) return std::nullopt;
  return from_row(*r);
}

void scan(Connection& c, const std::function<bool(const core::AuditEntry&)>& visit) {
  std::int64_t after = 0;
  for (;;) {
    auto rows = c.query(std::string("SELECT ") + kColumns +
                            " FROM audit_log WHERE id > $1 ORDER BY id LIMIT 1000",
                        {after});
    if (rows.empty()) return;
    for (const Row& r : rows) {
      core::AuditEntry e = from_row(r);
      after = e.id;
      if (!visit(e)) return;
    }
  }
}

std::string head_hash(Connection& c) {
  auto r = c.query_one("SELECT last_hash FROM audit_head WHERE singleton = 1");
  return r ? r->text(0) : std::string(core::kAuditGenesisHash);
}

}  // namespace binome::store::audit
