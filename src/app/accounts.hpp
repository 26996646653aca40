// Accounts: users and roles, passwords, login sessions and API tokens. Each use case runs in
// one transaction, checks the access policy and writes the audit log.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "app/audit.hpp"
#include "app/caller.hpp"
#include "app/clock.hpp"
#include "app/crypto.hpp"
#include "app/mail.hpp"
#include "core/error.hpp"
#include "core/session_policy.hpp"
#include "core/user.hpp"

namespace binome::store {
class Connection;
class Database;
}  // namespace binome::store

namespace binome::app {

struct NewUser {
  std::string email;
  std::string name;                // "": the directory's employee's with this email
  std::vector<std::string> roles;  // names; validated here
  std::string password;            // "": the person chooses it by an e-mailed activation link
  core::Language language = core::Language::kFrench;  // the e-mail's, unless the directory says
};

struct UserChanges {
  std::optional<std::string> name;
  std::optional<std::vector<std::string>> roles;
  std::optional<bool> active;
};

struct LoginResult {
  core::User user;
  std::string session_token;  // the cookie value; only its hash is stored
  std::string csrf_token;
};

// A request's verified identity.
struct Authenticated {
  core::User user;
  std::string csrf_token;  // empty for bearer tokens, which need no CSRF protection
  bool via_session = false;
  Caller caller(const std::string& client) const {
    return Caller{false, core::Principal{user.id, user.roles, user.active}, user.email, "api",
                  client};
  }
};

struct CreatedToken {
  std::int64_t id = 0;
  std::string token;  // shown once
};

struct AccountSettings {
  core::SessionLimits sessions;
  core::ThrottleLimits throttle;
};

class Accounts {
 public:
  Accounts(store::Database& db, const Clock& clock, const PasswordHasher& hasher, const AuditLog& audit,
           const Mail& mail, AccountSettings settings = {})
      : db_(db), clock_(clock), hasher_(hasher), audit_(audit), mail_(mail), settings_(settings) {}

  // Without a password, the account waits for its owner: an activation link is e-mailed (in
  // the same transaction: no account without its message, no message without its account).
  core::Result<core::User> create_user(const Caller& who, const NewUser& u) const;
  // Whether accounts without a password can be made here (the server has a link secret).
  bool can_make_links() const { return mail_.can_make_links(); }
  // A new activation link (voiding the earlier one) for an account not activated yet; returns
  // the queued message's id. Conflict once activated.
  core::Result<std::int64_t> send_activation(const Caller& who, std::int64_t id, core::Language language) const;
  // The first password, by the activation link's token; logs in. Gone (link_invalid) for an
  // unknown, used or expired token; the password's rules as for any password (the link then
  // still works).
  core::Result<LoginResult> activate(const std::string& token, const std::string& password,
                                     const std::string& client) const;
  // A reset link e-mailed to the account with this email, if there is one: the answer is the
  // same either way (success), except when a link was sent to it a moment ago (throttled).
  core::Result<void> request_password_reset(const std::string& email, core::Language language,
                                            const std::string& client) const;
  // A new password by the reset link's token; ends the account's other sessions; logs in.
  core::Result<LoginResult> reset_password(const std::string& token, const std::string& password,
                                           const std::string& client) const;
  core::Result<core::User> get_user(const Caller& who, std::int64_t id) const;
  core::Result<core::User> get_user_by_email(const Caller& who, const std::string& email) const;
  core::Result<core::Page<core::User>> list_users(const Caller& who, const core::UserQuery& query) const;
  // Disabling a user also ends their sessions.
  core::Result<core::User> update_user(const Caller& who, std::int64_t id,
                                       const UserChanges& changes) const;
  // Ends the user's sessions, except `current_session_token` when users change their own
  // password from that session (whoever stole another session loses it). Users changing their
  // own (from the web or with a token, not the command line) give `current_password` too
  // (ASVS 2.1.6): a session left open does not hand over the account.
  core::Result<void> set_password(const Caller& who, std::int64_t id, const std::string& password,
                                  const std::string& current_session_token = {},
                                  const std::optional<std::string>& current_password = std::nullopt) const;

  // Same answer for an unknown email and a wrong password; a disabled account is told so only
  // after its right password (which proves the person knows it).
  core::Result<LoginResult> login(const std::string& email, const std::string& password,
                                  const std::string& client) const;
  void logout(const Authenticated& who, const std::string& session_token,
              const std::string& client) const;
  core::Result<Authenticated> authenticate_session(const std::string& session_token) const;
  core::Result<Authenticated> authenticate_bearer(const std::string& token) const;

  core::Result<CreatedToken> create_token(const Caller& who, const std::string& email,
                                          const std::string& name) const;
  core::Result<void> revoke_token(const Caller& who, std::int64_t id) const;
  core::Result<std::vector<core::ApiToken>> list_tokens(const Caller& who) const;

 private:
  store::Database& db_;
  const Clock& clock_;
  const PasswordHasher& hasher_;
  core::Result<LoginResult> set_password_by_link(const std::string& token, const std::string& password,
                                                 const std::string& client, core::LinkPurpose purpose) const;
  // A link's message for the user `rec` (in `c`), in their directory language if known.
  core::Result<std::int64_t> queue_link_mail(store::Connection& c, const core::User& user, core::LinkPurpose purpose,
                                             core::Language fallback, const std::string& by) const;
  LoginResult open_session(store::Connection& c, const core::User& user, const std::string& client) const;

  const AuditLog& audit_;
  const Mail& mail_;
  AccountSettings settings_;
};

}  // namespace binome::app
