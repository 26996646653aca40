// Routes of accounts: logging in and out, who am I, and the users (program managers manage
// them). Thin: parse, call app::Accounts, render.
#include "http/api.hpp"
#include "http/json_mapping.hpp"
#include "http/mail_json.hpp"
#include "http/routes.hpp"

namespace binome::http {

namespace {

std::string session_cookie(const std::string& value, std::int64_t max_age_s, bool secure) {
  return std::string(kSessionCookie) + "=" + value + "; Path=/; HttpOnly; SameSite=Strict; Max-Age=" +
         std::to_string(max_age_s) + (secure ? "; Secure" : "");
}

Reply session_reply(const core::User& user, const std::string& csrf) {
  JsonWriter w;
  w.begin_object().key("user");
  write_json(w, user);
  w.key("csrf_token").value(csrf).end_object();
  Reply r = json_reply(200, std::move(w).text());
  r.headers.emplace_back("Cache-Control", "no-store");
  return r;
}

// A new session: the user, the CSRF token, and the session cookie.
core::Result<Reply> logged_in_reply(const ApiContext& api, const core::Result<app::LoginResult>& login) {
  if (!login) return std::unexpected(login.error());
  Reply reply = session_reply(login->user, login->csrf_token);
  const auto max_age = api.app.settings.accounts.sessions.absolute / 1000;
  reply.headers.emplace_back("Set-Cookie", session_cookie(login->session_token, max_age, api.secure_cookies));
  return reply;
}

core::Message no_such_user() { return core::msg("accounts.no_user_here"); }

std::string user_json(const core::User& u) {
  JsonWriter w;
  write_json(w, u);
  return std::move(w).text();
}

core::Result<Reply> user_reply(const core::Result<core::User>& u) {
  if (!u) return std::unexpected(u.error());
  return json_reply(200, user_json(*u));
}

}  // namespace

void add_accounts_routes(Routes& routes, const ApiContext& api) {
  const app::Accounts& accounts = api.app.accounts;

  routes.add(Method::kPost, "/api/v1/auth/login", {false, [&accounts, &api](ApiRequest& r) -> core::Result<Reply> {
               auto body = parse_json_object(r);
               if (!body) return std::unexpected(body.error());
               Fields f(*body);
               auto email = f.string("email", true);
               auto password = f.string("password", true);
               if (auto e = f.error()) return std::unexpected(*e);
               return logged_in_reply(api, accounts.login(*email, *password, r.client));
             }});
  // A link's token and a new password: logged in as login does, or link_invalid (410).
  const auto by_link = [&api](ApiRequest& r, bool activation) -> core::Result<Reply> {
    auto body = parse_json_object(r);
    if (!body) return std::unexpected(body.error());
    Fields f(*body);
    auto token = f.string("token", true);
    auto password = f.string("password", true);
    if (auto e = f.error()) return std::unexpected(*e);
    return logged_in_reply(api, activation ? api.app.accounts.activate(*token, *password, r.client)
                                           : api.app.accounts.reset_password(*token, *password, r.client));
  };
  routes.add(Method::kPost, "/api/v1/auth/activate",
             {false, [by_link](ApiRequest& r) -> core::Result<Reply> { return by_link(r, true); }});
  routes.add(Method::kPost, "/api/v1/auth/password-reset/confirm",
             {false, [by_link](ApiRequest& r) -> core::Result<Reply> { return by_link(r, false); }});
  routes.add(Method::kPost, "/api/v1/auth/password-reset", {false, [&accounts](ApiRequest& r) -> core::Result<Reply> {
               auto body = parse_json_object(r);
               if (!body) return std::unexpected(body.error());
               Fields f(*body);
               auto email = f.string("email", true);
               const core::Language language = f.language("language", r.language);
               if (auto e = f.error()) return std::unexpected(*e);
               auto done = accounts.request_password_reset(*email, language, r.client);
               if (!done) return std::unexpected(done.error());
               return Reply{202, "", "", {}};
             }});
  routes.add(Method::kPost, "/api/v1/auth/logout", {true, [&accounts, &api](ApiRequest& r) -> core::Result<Reply> {
               // A token has no session to end: saying 204 would leave the caller believing it
               // revoked; revoking is an administrator's act (binome token revoke).
               if (r.session_token.empty()) return core::fail(core::ErrorCode::kBadRequest, core::msg("accounts.logout_token"));
               accounts.logout(*r.auth, r.session_token, r.client);
               Reply reply = no_content();
               reply.headers.emplace_back("Set-Cookie", session_cookie("", 0, api.secure_cookies));
               return reply;
             }});
  routes.add(Method::kGet, "/api/v1/auth/me", {true, [](ApiRequest& r) -> core::Result<Reply> {
               return session_reply(r.auth->user, r.auth->csrf_token);
             }});

  routes.add(Method::kGet, "/api/v1/users", {true, [&accounts](ApiRequest& r) -> core::Result<Reply> {
               core::UserQuery query;
               auto page = page_param(r.query);
               if (!page) return std::unexpected(page.error());
               query.page = *page;
               query.text = query_value(r.query, "q");
               if (const std::string role = query_value(r.query, "role"); !role.empty()) {
                 query.role = core::parse_role(role);
                 if (!query.role) {
                   return std::unexpected(invalid_parameter(
                       "role", core::msg("error.parameter_one_of", {core::text("values", "admin, mentor, mentee, sponsor")})));
                 }
               }
               auto active = bool_param(r.query, "active");
               if (!active) return std::unexpected(active.error());
               query.active = *active;
               auto users = accounts.list_users(r.caller(), query);
               if (!users) return std::unexpected(users.error());
               return json_reply(200, page_json(*users));
             }});
  routes.add(Method::kPost, "/api/v1/users", {true, [&accounts](ApiRequest& r) -> core::Result<Reply> {
               auto body = parse_json_object(r);
               if (!body) return std::unexpected(body.error());
               Fields f(*body);
               app::NewUser u;
               u.email = f.string("email", true).value_or("");
               u.roles = f.strings("roles", true).value_or(std::vector<std::string>{});
               u.name = f.string("name", false).value_or("");
               u.password = f.string("password", false).value_or("");
               u.language = r.language;
               if (auto e = f.error()) return std::unexpected(*e);
               auto created = accounts.create_user(r.caller(), u);
               if (!created) return std::unexpected(created.error());
               Reply reply = json_reply(201, user_json(*created));
               reply.headers.emplace_back("Location", "/api/v1/users/" + std::to_string(created->id));
               return reply;
             }});
  routes.add(Method::kGet, "/api/v1/users/{id}", {true, [&accounts](ApiRequest& r) -> core::Result<Reply> {
               auto id = path_id(r, "id", no_such_user());
               if (!id) return std::unexpected(id.error());
               return user_reply(accounts.get_user(r.caller(), *id));
             }});
  routes.add(Method::kPatch, "/api/v1/users/{id}", {true, [&accounts](ApiRequest& r) -> core::Result<Reply> {
               auto id = path_id(r, "id", no_such_user());
               if (!id) return std::unexpected(id.error());
               auto body = parse_json_object(r);
               if (!body) return std::unexpected(body.error());
               Fields f(*body);
               app::UserChanges changes{f.string("name", false), f.strings("roles", false),
                                        f.boolean("active", false)};
               if (auto e = f.error()) return std::unexpected(*e);
               return user_reply(accounts.update_user(r.caller(), *id, changes));
             }});
  routes.add(Method::kPost, "/api/v1/users/{id}/activation", {true, [&api](ApiRequest& r) -> core::Result<Reply> {
               auto id = path_id(r, "id", no_such_user());
               if (!id) return std::unexpected(id.error());
               auto queued = api.app.accounts.send_activation(r.caller(), *id, r.language);
               if (!queued) return std::unexpected(queued.error());
               auto entry = api.app.mail.get(r.caller(), *queued);
               if (!entry) return std::unexpected(entry.error());
               return json_reply(202, outbox_json(*entry, r.language, false));
             }});
  routes.add(Method::kPut, "/api/v1/users/{id}/password", {true, [&accounts](ApiRequest& r) -> core::Result<Reply> {
               auto id = path_id(r, "id", no_such_user());
               if (!id) return std::unexpected(id.error());
               auto body = parse_json_object(r);
               if (!body) return std::unexpected(body.error());
               Fields f(*body);
               auto password = f.string("password", true);
               auto current = f.string("current_password", false);
               if (auto e = f.error()) return std::unexpected(*e);
               auto done = accounts.set_password(r.caller(), *id, *password, r.session_token, current);
               if (!done) return std::unexpected(done.error());
               return no_content();
             }});
}

}  // namespace binome::http
