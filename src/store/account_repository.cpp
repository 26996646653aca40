#include "store/account_repository.hpp"


#include "core/text.hpp"

namespace binome::store {

namespace {

// A user's columns, their roles as RoleSet bits included, so that reading a user (every
// authenticated request does) is one statement: "u.id, ..., (SELECT SUM(CASE r.role WHEN
// 'admin' THEN 1 ...))".
const std::string& user_columns() {
  static const std::string kColumns = [] {
    std::string roles = "(SELECT COALESCE(SUM(CASE r.role";
    for (const core::Role role : core::kAllRoles) {
      roles += " WHEN '" + std::string(core::role_name(role)) + "' THEN " +
               std::to_string(core::RoleSet{role}.bits());
    }
    roles += " ELSE 0 END), 0) FROM user_roles r WHERE r.user_id = u.id)";
    return "u.id, u.email, u.name, u.active, u.created_at, u.password_hash, " + roles +
           ", (SELECT e.employee_id FROM employees e WHERE e.id = u.employee_ref)";
  }();
  return kColumns;
}

UserRecord user_from_row(const Row& r, std::size_t first = 0) {
  UserRecord rec;
  rec.user.id = r.i64(first);
  rec.user.email = r.text(first + 1);
  rec.user.name = r.text(first + 2);
  rec.user.active = r.i64(first + 3) != 0;
  rec.user.created_at = r.i64(first + 4);
  rec.password_hash = r.text(first + 5);
  rec.user.roles = core::RoleSet::from_bits(static_cast<std::uint8_t>(r.i64(first + 6)));
  rec.user.employee_id = r.opt_text(first + 7);
  rec.user.activated = !rec.password_hash.empty();
  return rec;
}

std::optional<UserRecord> find_user(Connection& c, std::string_view where, Value key) {
  auto row = c.query_one("SELECT " + user_columns() + " FROM users u WHERE " + std::string(where), {std::move(key)});
  if (!row) return std::nullopt;
  return user_from_row(*row);
}

std::string search_text(const std::string& name, const std::string& email) {
  return core::fold_for_search(name + " " + email);
}

core::ApiToken token_from_row(const Row& r) {
  return core::ApiToken{r.i64(0), r.i64(1), r.text(2), r.text(3), r.i64(4), r.opt_i64(5),
                     r.opt_i64(6)};
}

constexpr const char* kTokenSelect =
    "SELECT t.id, t.user_id, u.email, t.name, t.created_at, t.last_used_at, t.revoked_at "
    "FROM api_tokens t JOIN users u ON u.id = t.user_id ";

}  // namespace

namespace users {

std::int64_t insert(Connection& c, const core::User& u, const std::string& password_hash,
                    core::Millis now) {
  auto row = c.query_one(
      "INSERT INTO users (email, name, search_text, password_hash, active, created_at, updated_at, employee_ref) "
      "VALUES ($1, $2, $3, $4, $5, $6, $6, (SELECT e.id FROM employees e WHERE e.email = $1 "
      "AND NOT EXISTS (SELECT 1 FROM users o WHERE o.employee_ref = e.id))) RETURNING id",
      {u.email, u.name, search_text(u.name, u.email), password_hash,
       std::int64_t{u.active ? 1 : 0}, now});
  const std::int64_t id = row->i64(0);
  set_roles(c, id, u.roles);
  return id;
}

std::optional<UserRecord> find_by_email(Connection& c, const std::string& email) {
  return find_user(c, "u.email = $1", email);
}

std::optional<UserRecord> find_by_id(Connection& c, std::int64_t id) {
  return find_user(c, "u.id = $1", id);
}

std::optional<UserRecord> find_by_employee(Connection& c, const std::string& employee_id) {
  return find_user(c, "u.employee_ref = (SELECT e.id FROM employees e WHERE e.employee_id = $1)", employee_id);
}

std::int64_t link_employees(Connection& c) {
  return c.execute(
      "UPDATE users SET employee_ref = (SELECT e.id FROM employees e WHERE e.email = users.email) "
      "WHERE employee_ref IS NULL AND EXISTS (SELECT 1 FROM employees e WHERE e.email = users.email "
      "AND NOT EXISTS (SELECT 1 FROM users o WHERE o.employee_ref = e.id))");
}

core::Page<core::User> list(Connection& c, const core::UserQuery& f) {
  Conditions where;
  if (const std::string pattern = contains_pattern(f.text); pattern != "%%") {
    where.add("u.search_text LIKE {0} ESCAPE '\\'", {pattern});
  }
  if (f.role) {
    where.add("EXISTS (SELECT 1 FROM user_roles r WHERE r.user_id = u.id AND r.role = {0})",
              {std::string(core::role_name(*f.role))});
  }
  if (f.active) where.add("u.active = {0}", {std::int64_t{*f.active ? 1 : 0}});
  core::Page<core::User> page;
  page.total = c.query_one("SELECT COUNT(*) FROM users u" + where.sql(), where.params())->i64(0);
  Conditions paged = where;
  const std::string limit = paged.next(f.page.limit);
  const std::string offset = paged.next(f.page.offset);
  for (const Row& r : c.query("SELECT " + user_columns() + " FROM users u" + where.sql() +
                                  " ORDER BY u.search_text, u.id LIMIT " + limit + " OFFSET " + offset,
                              paged.params())) {
    page.items.push_back(user_from_row(r).user);
  }
  return page;
}

std::vector<core::AuditPerson> names(Connection& c, const std::vector<std::string>& emails,
                                     const std::vector<std::int64_t>& ids) {
  std::vector<core::AuditPerson> out;
  if (emails.empty() && ids.empty()) return out;
  // One query with numbered placeholders: a page of audit entries names a few dozen people.
  std::string sql = "SELECT u.id, u.email, u.name FROM users u WHERE u.email IN (''";
  Params params;
  for (const auto& e : emails) {
    params.emplace_back(e);
    sql += ", $" + std::to_string(params.size());
  }
  sql += ") OR u.id IN (0";
  for (const auto id : ids) {
    params.emplace_back(id);
    sql += ", $" + std::to_string(params.size());
  }
  sql += ")";
  for (const Row& r : c.query(sql, params)) out.push_back({r.i64(0), r.text(1), r.text(2)});
  return out;
}

std::int64_t count(Connection& c) { return c.query_one("SELECT COUNT(*) FROM users")->i64(0); }

Counts counts(Connection& c) {
  Counts out;
  const auto totals = c.query_one("SELECT COUNT(*), COALESCE(SUM(active), 0) FROM users");
  out.total = totals->i64(0);
  out.active = totals->i64(1);
  // Active accounts only: a disabled mentor is no mentor to plan with.
  for (const Row& r : c.query("SELECT r.role, COUNT(*) FROM user_roles r JOIN users u ON u.id = r.user_id "
                              "WHERE u.active = 1 GROUP BY r.role")) {
    if (auto role = core::parse_role(r.text(0))) out.by_role[static_cast<std::size_t>(*role)] = r.i64(1);
  }
  return out;
}

void update_profile(Connection& c, std::int64_t id, const std::string& name, bool active,
                    core::Millis now) {
  auto email = c.query_one("SELECT email FROM users WHERE id = $1", {id});
  if (!email) return;
  c.execute(
      "UPDATE users SET name = $1, search_text = $2, active = $3, updated_at = $4 WHERE id = $5",
      {name, search_text(name, email->text(0)), std::int64_t{active ? 1 : 0}, now, id});
}

void set_roles(Connection& c, std::int64_t id, core::RoleSet roles) {
  c.execute("DELETE FROM user_roles WHERE user_id = $1", {id});
  for (const std::string& role : roles.names()) {
    c.execute("INSERT INTO user_roles (user_id, role) VALUES ($1, $2)", {id, role});
  }
}

void set_password_hash(Connection& c, std::int64_t id, const std::string& hash, core::Millis now) {
  c.execute("UPDATE users SET password_hash = $1, updated_at = $2 WHERE id = $3", {hash, now, id});
}

}  // namespace users

namespace sessions {

void insert(Connection& c, const SessionRecord& s, const std::string& client) {
  c.execute(
      "INSERT INTO sessions (token_hash, user_id, csrf_token, created_at, last_seen_at, client) "
      "VALUES ($1, $2, $3, $4, $5, $6)",
      {s.token_hash, s.user_id, s.csrf_token, s.created_at, s.last_seen_at, client});
}

std::optional<std::pair<SessionRecord, UserRecord>> find_with_user(Connection& c, const std::string& token_hash) {
  auto r = c.query_one("SELECT s.token_hash, s.user_id, s.csrf_token, s.created_at, s.last_seen_at, " + user_columns() +
                           " FROM sessions s JOIN users u ON u.id = s.user_id WHERE s.token_hash = $1",
                       {token_hash});
  if (!r) return std::nullopt;
  return std::pair{SessionRecord{r->text(0), r->i64(1), r->text(2), r->i64(3), r->i64(4)}, user_from_row(*r, 5)};
}

std::optional<SessionRecord> find(Connection& c, const std::string& token_hash) {
  auto r = c.query_one(
      "SELECT token_hash, user_id, csrf_token, created_at, last_seen_at FROM sessions "
      "WHERE token_hash = $1",
      {token_hash});
  if (!r) return std::nullopt;
  return SessionRecord{r->text(0), r->i64(1), r->text(2), r->i64(3), r->i64(4)};
}

void touch(Connection& c, const std::string& token_hash, core::Millis now) {
  c.execute("UPDATE sessions SET last_seen_at = $1 WHERE token_hash = $2", {now, token_hash});
}

void remove(Connection& c, const std::string& token_hash) {
  c.execute("DELETE FROM sessions WHERE token_hash = $1", {token_hash});
}

std::int64_t remove_for_user(Connection& c, std::int64_t user_id, const std::string& keep) {
  return c.execute("DELETE FROM sessions WHERE user_id = $1 AND token_hash <> $2", {user_id, keep});
}

}  // namespace sessions

namespace tokens {

std::int64_t insert(Connection& c, std::int64_t user_id, const std::string& name,
                    const std::string& token_hash, core::Millis now) {
  return c
      .query_one(
          "INSERT INTO api_tokens (user_id, name, token_hash, created_at) VALUES ($1, $2, $3, $4) "
          "RETURNING id",
          {user_id, name, token_hash, now})
      ->i64(0);
}

std::optional<core::ApiToken> find_active_by_hash(Connection& c, const std::string& token_hash) {
  auto r = c.query_one(std::string(kTokenSelect) +
                           "WHERE t.token_hash = $1 AND t.revoked_at IS NULL",
                       {token_hash});
  if (!r) return std::nullopt;
  return token_from_row(*r);
}

std::optional<core::ApiToken> find_by_id(Connection& c, std::int64_t id) {
  auto r = c.query_one(std::string(kTokenSelect) + "WHERE t.id = $1", {id});
  if (!r) return std::nullopt;
  return token_from_row(*r);
}

std::vector<core::ApiToken> list(Connection& c) {
  std::vector<core::ApiToken> out;
  for (const Row& r : c.query(std::string(kTokenSelect) + "ORDER BY t.id")) {
    out.push_back(token_from_row(r));
  }
  return out;
}

void mark_used(Connection& c, std::int64_t id, core::Millis now) {
  c.execute("UPDATE api_tokens SET last_used_at = $1 WHERE id = $2", {now, id});
}

bool revoke(Connection& c, std::int64_t id, core::Millis now) {
  return c.execute("UPDATE api_tokens SET revoked_at = $1 WHERE id = $2 AND revoked_at IS NULL",
                   {now, id}) == 1;
}

}  // namespace tokens

namespace login_failures {

void lock(Connection& c, const std::string& key) {
  if (c.dialect() == Dialect::kPostgresql) {
    c.query("SELECT pg_advisory_xact_lock(hashtext($1))", {key});
  }
}

std::int64_t record(Connection& c, const std::string& key, core::Millis at) {
  return c.query_one("INSERT INTO login_failures (key, at) VALUES ($1, $2) RETURNING id", {key, at})
      ->i64(0);
}

void remove(Connection& c, std::int64_t id) {
  c.execute("DELETE FROM login_failures WHERE id = $1", {id});
}

Window since(Connection& c, const std::string& key, core::Millis since_ms) {
  auto r = c.query_one(
      "SELECT COUNT(*), COALESCE(MIN(at), 0) FROM login_failures WHERE key = $1 AND at >= $2",
      {key, since_ms});
  return Window{static_cast<int>(r->i64(0)), r->i64(1)};
}

void clear(Connection& c, const std::string& key) {
  c.execute("DELETE FROM login_failures WHERE key = $1", {key});
}

void prune(Connection& c, core::Millis before) {
  c.execute("DELETE FROM login_failures WHERE at < $1", {before});
}

}  // namespace login_failures

namespace account_links {

void insert(Connection& c, std::int64_t user_id, core::LinkPurpose purpose, const std::string& token_hash,
            core::Millis now, core::Millis expires_at) {
  const std::string name(core::link_purpose_name(purpose));
  c.execute("UPDATE account_links SET used_at = $1 WHERE user_id = $2 AND purpose = $3 AND used_at IS NULL",
            {now, user_id, name});
  c.execute("INSERT INTO account_links (user_id, purpose, token_hash, created_at, expires_at) "
            "VALUES ($1, $2, $3, $4, $5)",
            {user_id, name, token_hash, now, expires_at});
}

std::optional<UsableLink> find_usable(Connection& c, const std::string& token_hash, core::LinkPurpose purpose,
                                      core::Millis now) {
  auto row = c.query_one("SELECT id, user_id FROM account_links WHERE token_hash = $1 AND purpose = $2 "
                         "AND used_at IS NULL AND expires_at > $3",
                         {token_hash, std::string(core::link_purpose_name(purpose)), now});
  if (!row) return std::nullopt;
  return UsableLink{row->i64(0), row->i64(1)};
}

bool use(Connection& c, std::int64_t id, core::Millis now) {
  return c.execute("UPDATE account_links SET used_at = $1 WHERE id = $2 AND used_at IS NULL", {now, id}) == 1;
}

std::optional<core::Millis> newest(Connection& c, std::int64_t user_id, core::LinkPurpose purpose) {
  auto row = c.query_one("SELECT MAX(created_at) FROM account_links WHERE user_id = $1 AND purpose = $2",
                         {user_id, std::string(core::link_purpose_name(purpose))});
  return row ? row->opt_i64(0) : std::nullopt;
}

}  // namespace account_links

}  // namespace binome::store
