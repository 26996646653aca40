// Persistence of accounts: users and their roles, login sessions, API tokens and login
// failures. Written once against the driver interface; contract-tested on both databases.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "core/audit.hpp"
#include "core/mail.hpp"
#include "core/user.hpp"
#include "store/sql.hpp"

namespace binome::store {

struct UserRecord {
  core::User user;
  std::string password_hash;
};

namespace users {
// Throws UniqueViolation when the email is taken.
std::int64_t insert(Connection& c, const core::User& u, const std::string& password_hash,
                    core::Millis now);
std::optional<UserRecord> find_by_email(Connection& c, const std::string& email);
std::optional<UserRecord> find_by_id(Connection& c, std::int64_t id);
// The account of the directory's employee with this HR id, if any.
std::optional<UserRecord> find_by_employee(Connection& c, const std::string& employee_id);
// Links the accounts not yet linked to the employee with the same email (after an import).
// Returns how many.
std::int64_t link_employees(Connection& c);
core::Page<core::User> list(Connection& c, const core::UserQuery& q);
// The id, email and name of the users with any of these emails or ids (the audit log's names).
std::vector<core::AuditPerson> names(Connection& c, const std::vector<std::string>& emails,
                                     const std::vector<std::int64_t>& ids);
std::int64_t count(Connection& c);
struct Counts {
  std::int64_t total = 0;
  std::int64_t active = 0;
  std::array<std::int64_t, core::kAllRoles.size()> by_role{};  // active accounts, in kAllRoles' order
};
Counts counts(Connection& c);
void update_profile(Connection& c, std::int64_t id, const std::string& name, bool active,
                    core::Millis now);
void set_roles(Connection& c, std::int64_t id, core::RoleSet roles);
void set_password_hash(Connection& c, std::int64_t id, const std::string& hash, core::Millis now);
}  // namespace users

struct SessionRecord {
  std::string token_hash;
  std::int64_t user_id = 0;
  std::string csrf_token;
  core::Millis created_at = 0;
  core::Millis last_seen_at = 0;
};

namespace sessions {
void insert(Connection& c, const SessionRecord& s, const std::string& client);
std::optional<SessionRecord> find(Connection& c, const std::string& token_hash);
// The session and its user in one statement (every request authenticated by cookie asks).
std::optional<std::pair<SessionRecord, UserRecord>> find_with_user(Connection& c, const std::string& token_hash);
void touch(Connection& c, const std::string& token_hash, core::Millis now);
void remove(Connection& c, const std::string& token_hash);
// Ends every session of the user but the one whose hash is `keep` (if any).
std::int64_t remove_for_user(Connection& c, std::int64_t user_id, const std::string& keep = {});
}  // namespace sessions

namespace tokens {
std::int64_t insert(Connection& c, std::int64_t user_id, const std::string& name,
                    const std::string& token_hash, core::Millis now);
std::optional<core::ApiToken> find_active_by_hash(Connection& c, const std::string& token_hash);
std::optional<core::ApiToken> find_by_id(Connection& c, std::int64_t id);
std::vector<core::ApiToken> list(Connection& c);
void mark_used(Connection& c, std::int64_t id, core::Millis now);
// True when the token existed and was not already revoked.
bool revoke(Connection& c, std::int64_t id, core::Millis now);
}  // namespace tokens

namespace login_failures {
// Serialises logins on `key` until the transaction ends, so that checking the count and
// recording an attempt cannot interleave (PostgreSQL; SQLite has one writer anyway).
void lock(Connection& c, const std::string& key);
// Returns the new row's id.
std::int64_t record(Connection& c, const std::string& key, core::Millis at);
void remove(Connection& c, std::int64_t id);
struct Window {
  int count = 0;
  core::Millis oldest = 0;
};
Window since(Connection& c, const std::string& key, core::Millis since);
void clear(Connection& c, const std::string& key);
// Keeps the table small: drops failures older than `before`.
void prune(Connection& c, core::Millis before);
}  // namespace login_failures

// One-time links that open an account (activation, password reset): only the token's hash.
namespace account_links {
// Voids the user's earlier unused links of the same purpose: the newest link is the only one
// that works.
void insert(Connection& c, std::int64_t user_id, core::LinkPurpose purpose, const std::string& token_hash,
            core::Millis now, core::Millis expires_at);
struct UsableLink {
  std::int64_t id = 0;
  std::int64_t user_id = 0;
};
// The unused, unexpired link of `purpose` with this hash.
std::optional<UsableLink> find_usable(Connection& c, const std::string& token_hash, core::LinkPurpose purpose,
                                      core::Millis now);
// True when this call used it (a concurrent use loses).
bool use(Connection& c, std::int64_t id, core::Millis now);
// When the user's newest link of `purpose` was made.
std::optional<core::Millis> newest(Connection& c, std::int64_t user_id, core::LinkPurpose purpose);
}  // namespace account_links

}  // namespace binome::store
