#include "app/accounts.hpp"

#include <algorithm>

#include "core/credentials.hpp"
#include "core/text.hpp"
#include "io/text_encoding.hpp"
#include "store/account_repository.hpp"
#include "store/employee_repository.hpp"

namespace binome::app {

namespace {

using core::Action;
using core::ErrorCode;
using core::ErrorDetail;
using core::msg;

std::string user_resource(std::int64_t id) {
  return core::resource_name(core::ResourceKind::kUser, std::to_string(id));
}

std::string trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return std::string(s);
}

void check_name(const std::string& name, std::vector<ErrorDetail>& errors) {
  if (!io::is_valid_utf8(name)) {
    errors.push_back({"name", msg("error.not_utf8")});
  } else if (trim(name).empty()) {
    errors.push_back({"name", msg("error.required")});
  } else if (name.size() > 200) {
    errors.push_back({"name", msg("accounts.name_too_long", {core::count("max", 200)})});
  } else if (const auto control = core::find_control_character(name)) {
    errors.push_back({"name", core::control_character_message(*control)});
  }
}

core::RoleSet check_roles(const std::vector<std::string>& names, std::vector<ErrorDetail>& errors) {
  core::RoleSet set;
  for (const std::string& n : names) {
    if (auto r = core::parse_role(n)) {
      set.add(*r);
    } else {
      errors.push_back({"roles", msg("accounts.role_unknown", {core::quoted("role", n)})});
    }
  }
  if (names.empty()) errors.push_back({"roles", msg("accounts.roles_required")});
  return set;
}

void check_password(const std::string& password, std::vector<ErrorDetail>& errors) {
  if (!io::is_valid_utf8(password)) {
    errors.push_back({"password", msg("error.not_utf8")});
  } else if (auto problem = core::password_problem(password)) {
    errors.push_back({"password", *problem});
  }
}

std::unexpected<core::Error> user_not_found(std::int64_t id) {
  return core::fail(ErrorCode::kNotFound, msg("accounts.no_user_id", {core::text("id", std::to_string(id))}));
}

std::unexpected<core::Error> unauthenticated(const char* key) {
  return core::fail(ErrorCode::kUnauthenticated, msg(key));
}

// At most one reset link per account in this time: a second request waits for the first link.
constexpr core::Millis kResetLinkInterval = 5LL * 60 * 1000;

std::string roles_text(core::RoleSet roles) {
  std::string out;
  for (const auto& n : roles.names()) out += (out.empty() ? "" : ",") + n;
  return out;
}

}  // namespace

core::Result<core::User> Accounts::create_user(const Caller& who, const NewUser& u) const {
  if (auto refused = audit_.refusal(who, Action::kCreateUser)) return *refused;
  std::vector<ErrorDetail> errors;
  core::User user;
  user.email = core::normalize_email(u.email);
  if (!io::is_valid_utf8(user.email) || !core::is_valid_email(user.email)) {
    errors.push_back({"email", msg("accounts.email_invalid")});
  }
  if (!u.name.empty()) check_name(u.name, errors);
  user.name = trim(u.name);
  user.roles = check_roles(u.roles, errors);
  const bool by_link = u.password.empty();
  if (!by_link) check_password(u.password, errors);
  if (!errors.empty()) return core::validation_failed(std::move(errors));

  // An account without a password cannot log in until its activation link sets one.
  const std::string hash = by_link ? std::string() : hasher_.hash(u.password);  // slow: outside the transaction
  auto taken = [&] {
    return core::fail(ErrorCode::kConflict, msg("accounts.email_taken_detail", {core::quoted("email", user.email)}),
                      {{"email", msg("accounts.email_taken")}});
  };
  try {
    auto created = db_.write([&](store::Connection& c) -> core::Result<core::User> {
      if (store::users::find_by_email(c, user.email)) return taken();
      if (user.name.empty()) {
        const auto employee = store::employees::find_by_email(c, user.email);
        if (!employee) return core::validation_failed({{"name", msg("accounts.name_required_without_employee")}});
        user.name = employee->first_name + " " + employee->last_name;
      }
      user.created_at = clock_.now();
      user.id = store::users::insert(c, user, hash, user.created_at);
      user = store::users::find_by_id(c, user.id)->user;
      core::AuditDetail detail{{"email", user.email}, {"name", user.name}, {"roles", roles_text(user.roles)}};
      if (user.employee_id) detail.emplace_back("employee", *user.employee_id);
      if (by_link) {
        auto queued = queue_link_mail(c, user, core::LinkPurpose::kActivation, u.language, who.name);
        if (!queued) return std::unexpected(queued.error());  // rolls the account back
        detail.emplace_back("activation_mail", std::to_string(*queued));
      }
      audit_.record(c, who, Action::kCreateUser, user_resource(user.id), Outcome::kSuccess, detail);
      return user;
    });
    if (created && by_link) mail_.wake();
    return created;
  } catch (const store::UniqueViolation&) {
    return taken();  // a concurrent request took the email between our check and our insert
  }
}

core::Result<std::int64_t> Accounts::queue_link_mail(store::Connection& c, const core::User& user,
                                                     core::LinkPurpose purpose, core::Language fallback,
                                                     const std::string& by) const {
  auto link = mail_.new_link(c, user.id, purpose);
  if (!link) return std::unexpected(link.error());
  core::Language language = fallback;
  if (user.employee_id) {
    if (const auto employee = store::employees::find(c, *user.employee_id)) {
      language = core::mail_language(employee->languages, fallback);
    }
  }
  // The inviter's name as people know it, not their login.
  std::string inviter = by;
  if (const auto rec = store::users::find_by_email(c, by)) inviter = rec->user.name;
  return mail_.queue(c, core::account_link_mail(*link, user.email, user.name, language, mail_.link_hours(), inviter));
}

core::Result<std::int64_t> Accounts::send_activation(const Caller& who, std::int64_t id, core::Language language) const {
  if (auto refused = audit_.refusal(who, Action::kSendActivation, {id, std::to_string(id)})) return *refused;
  auto queued = db_.write([&](store::Connection& c) -> core::Result<std::int64_t> {
    const auto rec = store::users::find_by_id(c, id);
    if (!rec) return user_not_found(id);
    if (rec->user.activated) {
      return core::fail(ErrorCode::kConflict, msg("mail.already_activated", {core::count("id", id)}));
    }
    auto mail_id = queue_link_mail(c, rec->user, core::LinkPurpose::kActivation, language, who.name);
    if (!mail_id) return mail_id;
    audit_.record(c, who, Action::kSendActivation, user_resource(id), Outcome::kSuccess,
                  {{"mail", std::to_string(*mail_id)}});
    return mail_id;
  });
  if (queued) mail_.wake();
  return queued;
}

LoginResult Accounts::open_session(store::Connection& c, const core::User& user, const std::string& client) const {
  LoginResult result{user, random_token(), random_token()};
  const core::Millis now = clock_.now();
  store::sessions::insert(c, {sha256_hex(result.session_token), user.id, result.csrf_token, now, now}, client);
  return result;
}

core::Result<LoginResult> Accounts::set_password_by_link(const std::string& token, const std::string& password,
                                                         const std::string& client, core::LinkPurpose purpose) const {
  std::vector<ErrorDetail> errors;
  check_password(password, errors);
  if (!errors.empty()) return core::validation_failed(std::move(errors));
  const std::string hash = hasher_.hash(password);
  const bool activation = purpose == core::LinkPurpose::kActivation;
  return db_.write([&](store::Connection& c) -> core::Result<LoginResult> {
    auto user_id = mail_.use_link(c, token, purpose);
    if (!user_id) return std::unexpected(user_id.error());
    auto rec = store::users::find_by_id(c, *user_id);
    // A disabled account stays closed: its link is spent, and the answer says nothing more.
    if (!rec || !rec->user.active) return core::fail(ErrorCode::kLinkInvalid);
    store::users::set_password_hash(c, rec->user.id, hash, clock_.now());
    // Whoever had the old password (or a stolen session) loses the account.
    const std::int64_t ended = store::sessions::remove_for_user(c, rec->user.id);
    core::User user = rec->user;
    user.activated = true;
    LoginResult result = open_session(c, user, client);
    audit_.record(c, Authenticated{user, {}, true}.caller(client),
                  activation ? Action::kActivateAccount : Action::kResetPassword, user_resource(user.id),
                  Outcome::kSuccess, {{"sessions_ended", std::to_string(ended)}});
    return result;
  });
}

core::Result<LoginResult> Accounts::activate(const std::string& token, const std::string& password,
                                             const std::string& client) const {
  return set_password_by_link(token, password, client, core::LinkPurpose::kActivation);
}

core::Result<LoginResult> Accounts::reset_password(const std::string& token, const std::string& password,
                                                   const std::string& client) const {
  return set_password_by_link(token, password, client, core::LinkPurpose::kPasswordReset);
}

core::Result<void> Accounts::request_password_reset(const std::string& email_in, core::Language language,
                                                    const std::string& client) const {
  const std::string email = core::normalize_email(email_in);
  if (!io::is_valid_utf8(email) || !core::is_valid_email(email)) {
    return core::validation_failed({{"email", msg("accounts.email_invalid")}});
  }
  const std::string client_key = "reset:" + client;
  Caller who = Caller::anonymous(client);
  who.name = email;
  const core::Millis now = clock_.now();
  bool queued = false;
  auto done = db_.write([&](store::Connection& c) -> core::Result<void> {
    // One client asking for many addresses' links is throttled as failed logins are; the
    // answer for one address never depends on whether it has an account.
    store::login_failures::lock(c, client_key);
    const auto recent = store::login_failures::since(c, client_key, now - settings_.throttle.window);
    const auto decision = core::login_throttle(settings_.throttle, now, 0, 0, recent.count, recent.oldest);
    if (!decision.allowed) {
      const auto seconds = static_cast<long>((decision.retry_after + 999) / 1000);
      return std::unexpected(core::Error{ErrorCode::kTooManyAttempts,
                                         msg("accounts.retry_in_minutes", {core::count("minutes", (seconds + 59) / 60)}),
                                         {},
                                         seconds});
    }
    store::login_failures::record(c, client_key, now);
    const auto rec = store::users::find_by_email(c, email);
    core::AuditDetail detail;
    if (!rec || !rec->user.active) {
      detail.emplace_back("sent", "false");
    } else if (const auto last = store::account_links::newest(c, rec->user.id, core::LinkPurpose::kPasswordReset);
               last && now - *last < kResetLinkInterval) {
      // A link went out a moment ago: the person waits for it rather than voiding it.
      detail.emplace_back("sent", "false");
    } else {
      auto mail_id = queue_link_mail(c, rec->user, core::LinkPurpose::kPasswordReset, language, "");
      if (!mail_id) return std::unexpected(mail_id.error());
      detail.emplace_back("mail", std::to_string(*mail_id));
      queued = true;
    }
    audit_.record(c, who, Action::kRequestPasswordReset, rec ? user_resource(rec->user.id) : "user", Outcome::kSuccess,
                  detail);
    return {};
  });
  if (queued) mail_.wake();
  return done;
}

core::Result<core::User> Accounts::get_user(const Caller& who, std::int64_t id) const {
  if (auto refused = audit_.refusal(who, Action::kReadUser, {id, std::to_string(id)})) return *refused;
  auto rec = db_.read([&](store::Connection& c) { return store::users::find_by_id(c, id); });
  if (!rec) return user_not_found(id);
  return rec->user;
}

core::Result<core::User> Accounts::get_user_by_email(const Caller& who,
                                                     const std::string& email) const {
  const std::string normalized = core::normalize_email(email);
  auto rec = db_.read(
      [&](store::Connection& c) { return store::users::find_by_email(c, normalized); });
  if (!rec) {
    return core::fail(ErrorCode::kNotFound, msg("accounts.no_user_email", {core::quoted("email", normalized)}));
  }
  return get_user(who, rec->user.id);
}

core::Result<core::Page<core::User>> Accounts::list_users(const Caller& who,
                                                          const core::UserQuery& query) const {
  if (auto refused = audit_.refusal(who, Action::kListUsers)) return *refused;
  return db_.read([&](store::Connection& c) { return store::users::list(c, query); });
}

core::Result<core::User> Accounts::update_user(const Caller& who, std::int64_t id,
                                               const UserChanges& changes) const {
  if (auto refused = audit_.refusal(who, Action::kUpdateUser, {id, std::to_string(id)})) return *refused;
  std::vector<ErrorDetail> errors;
  core::RoleSet new_roles;
  if (changes.name) check_name(*changes.name, errors);
  if (changes.roles) new_roles = check_roles(*changes.roles, errors);
  // An admin cannot lock themself out: someone must remain able to manage accounts.
  if (!who.system && who.principal.user_id == id) {
    if (changes.active == false) errors.push_back({"active", msg("accounts.cannot_disable_self")});
    if (changes.roles && !new_roles.has(core::Role::kAdmin)) {
      errors.push_back({"roles", msg("accounts.cannot_drop_own_admin")});
    }
  }
  if (!errors.empty()) return core::validation_failed(std::move(errors));

  return db_.write([&](store::Connection& c) -> core::Result<core::User> {
    auto rec = store::users::find_by_id(c, id);
    if (!rec) return user_not_found(id);
    core::User u = rec->user;
    core::AuditDetail detail;
    if (changes.name && trim(*changes.name) != u.name) {
      u.name = trim(*changes.name);
      detail.emplace_back("name", u.name);
    }
    if (changes.active && *changes.active != u.active) {
      u.active = *changes.active;
      detail.emplace_back("active", u.active ? "true" : "false");
    }
    store::users::update_profile(c, id, u.name, u.active, clock_.now());
    if (changes.roles && new_roles != u.roles) {
      u.roles = new_roles;
      store::users::set_roles(c, id, new_roles);
      detail.emplace_back("roles", roles_text(new_roles));
    }
    if (!u.active) {
      const auto ended = store::sessions::remove_for_user(c, id);
      if (ended > 0) detail.emplace_back("sessions_ended", std::to_string(ended));
    }
    audit_.record(c, who, Action::kUpdateUser, user_resource(id), Outcome::kSuccess, detail);
    return u;
  });
}

core::Result<void> Accounts::set_password(const Caller& who, std::int64_t id,
                                          const std::string& password,
                                          const std::string& current_session_token,
                                          const std::optional<std::string>& current_password) const {
  if (auto refused = audit_.refusal(who, Action::kSetPassword, {id, std::to_string(id)})) return *refused;
  const bool own = !who.system && who.principal.user_id == id;
  std::vector<ErrorDetail> errors;
  check_password(password, errors);
  if (own && (!current_password || current_password->empty())) {
    errors.push_back({"current_password", msg("accounts.current_password_required")});
  }
  if (!errors.empty()) return core::validation_failed(std::move(errors));
  if (own) {
    const auto stored = db_.read([&](store::Connection& c) { return store::users::find_by_id(c, id); });
    if (!stored) return user_not_found(id);
    if (!hasher_.verify(stored->password_hash, *current_password)) {
      return core::validation_failed({{"current_password", msg("accounts.current_password_wrong")}});
    }
  }
  const std::string hash = hasher_.hash(password);
  return db_.write([&](store::Connection& c) -> core::Result<void> {
    if (!store::users::find_by_id(c, id)) return user_not_found(id);
    store::users::set_password_hash(c, id, hash, clock_.now());
    const std::int64_t ended = store::sessions::remove_for_user(
        c, id, own && !current_session_token.empty() ? sha256_hex(current_session_token) : "");
    audit_.record(c, who, Action::kSetPassword, user_resource(id), Outcome::kSuccess,
                  {{"sessions_ended", std::to_string(ended)}});
    return {};
  });
}

core::Result<LoginResult> Accounts::login(const std::string& email_in, const std::string& password,
                                          const std::string& client) const {
  const std::string email = core::normalize_email(email_in);
  const std::string account_key = "account:" + email;
  const std::string client_key = "client:" + client;
  Caller who = Caller::anonymous(client);
  who.name = io::is_valid_utf8(email) && email.size() <= 254 ? email : "(invalid email)";
  const core::Millis now = clock_.now();

  // Check the limits and record this attempt as a failure in one step, before the slow
  // password check: parallel guesses then all count. A success takes its record back.
  struct Attempt {
    core::ThrottleDecision throttle;
    std::int64_t client_failure_id = 0;
    std::optional<store::UserRecord> rec;
  };
  const Attempt attempt = db_.write([&](store::Connection& c) {
    store::login_failures::lock(c, account_key);
    store::login_failures::lock(c, client_key);
    const core::Millis since = now - settings_.throttle.window;
    const auto account = store::login_failures::since(c, account_key, since);
    const auto from_client = store::login_failures::since(c, client_key, since);
    Attempt a{core::login_throttle(settings_.throttle, now, account.count, account.oldest,
                                   from_client.count, from_client.oldest),
              0, std::nullopt};
    if (!a.throttle.allowed) {
      audit_.record(c, who, Action::kLogin, "session", Outcome::kDenied,
                    {{"reason", "too many failed attempts"}});
      return a;
    }
    store::login_failures::record(c, account_key, now);
    a.client_failure_id = store::login_failures::record(c, client_key, now);
    a.rec = store::users::find_by_email(c, email);
    return a;
  });
  if (!attempt.throttle.allowed) {
    // Minutes, rounded up: "709 s" means nothing to a person at a login page.
    const auto seconds = static_cast<long>((attempt.throttle.retry_after + 999) / 1000);
    core::Error e{ErrorCode::kTooManyAttempts,
                  seconds < 60 ? msg("accounts.retry_in_a_minute")
                               : msg("accounts.retry_in_minutes", {core::count("minutes", (seconds + 59) / 60)}),
                  {}, seconds};
    return std::unexpected(e);
  }

  const auto& rec = attempt.rec;
  bool ok = false;
  if (rec && !rec->password_hash.empty()) {
    ok = hasher_.verify(rec->password_hash, password);
  } else {
    // No account, or one not activated yet: as slow as a wrong password, so neither shows.
    hasher_.verify_dummy(password);
  }
  if (ok && !rec->user.active) {
    // Only someone who knows the password learns that the account is disabled; the attempt
    // still counts as a failure, so a disabled account is as throttled as any other.
    db_.write([&](store::Connection& c) {
      audit_.record(c, who, Action::kLogin, user_resource(rec->user.id), Outcome::kFailure,
                    {{"reason", "account disabled"}});
    });
    return core::fail(ErrorCode::kAccountDisabled);
  }
  if (!ok) {
    db_.write([&](store::Connection& c) {
      store::login_failures::prune(c, now - settings_.throttle.window);
      audit_.record(c, who, Action::kLogin, "session", Outcome::kFailure,
                    {{"reason", "invalid credentials"}});
    });
    return core::fail(ErrorCode::kInvalidCredentials);
  }

  const bool rehash = hasher_.needs_rehash(rec->password_hash);
  const std::string new_hash = rehash ? hasher_.hash(password) : std::string();
  return db_.write([&](store::Connection& c) {
    store::login_failures::clear(c, account_key);
    store::login_failures::remove(c, attempt.client_failure_id);
    if (rehash) store::users::set_password_hash(c, rec->user.id, new_hash, now);
    LoginResult result = open_session(c, rec->user, client);
    Caller self = Authenticated{rec->user, {}, true}.caller(client);
    core::AuditDetail detail;
    if (rehash) detail.emplace_back("password_rehashed", "true");
    audit_.record(c, self, Action::kLogin, user_resource(rec->user.id), Outcome::kSuccess, detail);
    return result;
  });
}

void Accounts::logout(const Authenticated& who, const std::string& session_token,
                      const std::string& client) const {
  db_.write([&](store::Connection& c) {
    store::sessions::remove(c, sha256_hex(session_token));
    audit_.record(c, who.caller(client), Action::kLogout, user_resource(who.user.id),
                  Outcome::kSuccess);
  });
}

core::Result<Authenticated> Accounts::authenticate_session(const std::string& token) const {
  const std::string hash = sha256_hex(token);
  const core::Millis now = clock_.now();
  auto found = db_.read([&](store::Connection& c) { return store::sessions::find_with_user(c, hash); });
  if (!found) return unauthenticated("accounts.session_ended");
  const auto& [session, rec] = *found;
  if (core::session_expired(settings_.sessions, session.created_at, session.last_seen_at, now) ||
      !rec.user.active) {
    db_.write([&](store::Connection& c) { store::sessions::remove(c, hash); });
    return unauthenticated("accounts.session_ended");
  }
  if (now - session.last_seen_at >= core::kSessionTouchInterval) {
    db_.write([&](store::Connection& c) { store::sessions::touch(c, hash, now); });
  }
  return Authenticated{rec.user, session.csrf_token, true};
}

core::Result<Authenticated> Accounts::authenticate_bearer(const std::string& token) const {
  const std::string hash = sha256_hex(token);
  const core::Millis now = clock_.now();
  auto found = db_.read([&](store::Connection& c) {
    std::optional<std::pair<core::ApiToken, store::UserRecord>> out;
    if (auto t = store::tokens::find_active_by_hash(c, hash)) {
      if (auto u = store::users::find_by_id(c, t->user_id)) out.emplace(*t, *u);
    }
    return out;
  });
  if (!found || !found->second.user.active) {
    return unauthenticated("accounts.token_invalid");
  }
  const auto& [token_rec, rec] = *found;
  if (!token_rec.last_used_at || now - *token_rec.last_used_at >= core::kSessionTouchInterval) {
    db_.write([&](store::Connection& c) { store::tokens::mark_used(c, token_rec.id, now); });
  }
  return Authenticated{rec.user, {}, false};
}

core::Result<CreatedToken> Accounts::create_token(const Caller& who, const std::string& email,
                                                  const std::string& name) const {
  if (auto refused = audit_.refusal(who, Action::kCreateToken)) return *refused;
  if (trim(name).empty() || !io::is_valid_utf8(name)) {
    return core::validation_failed({{"name", msg("accounts.token_label_required")}});
  }
  const std::string normalized = core::normalize_email(email);
  CreatedToken created{0, "bnm_" + random_token()};
  return db_.write([&](store::Connection& c) -> core::Result<CreatedToken> {
    auto rec = store::users::find_by_email(c, normalized);
    if (!rec) {
      return core::fail(ErrorCode::kNotFound, msg("accounts.no_user_email", {core::quoted("email", normalized)}),
                        {{"email", msg("accounts.unknown_user")}});
    }
    created.id = store::tokens::insert(c, rec->user.id, trim(name), sha256_hex(created.token),
                                       clock_.now());
    audit_.record(c, who, Action::kCreateToken, core::resource_name(core::ResourceKind::kToken, std::to_string(created.id)), Outcome::kSuccess,
                  {{"user", normalized}, {"name", trim(name)}});
    return created;
  });
}

core::Result<void> Accounts::revoke_token(const Caller& who, std::int64_t id) const {
  if (auto refused = audit_.refusal(who, Action::kRevokeToken, {0, std::to_string(id)})) return *refused;
  return db_.write([&](store::Connection& c) -> core::Result<void> {
    if (!store::tokens::find_by_id(c, id)) {
      return core::fail(ErrorCode::kNotFound, msg("accounts.no_token_id", {core::text("id", std::to_string(id))}));
    }
    const bool changed = store::tokens::revoke(c, id, clock_.now());
    audit_.record(c, who, Action::kRevokeToken, core::resource_name(core::ResourceKind::kToken, std::to_string(id)), Outcome::kSuccess,
                  {{"already_revoked", changed ? "false" : "true"}});
    return {};
  });
}

core::Result<std::vector<core::ApiToken>> Accounts::list_tokens(const Caller& who) const {
  if (auto refused = audit_.refusal(who, Action::kListTokens)) return *refused;
  return db_.read([&](store::Connection& c) { return store::tokens::list(c); });
}

}  // namespace binome::app
