#include "http/api.hpp"

#include <charconv>

#include "core/time.hpp"
#include "embedded_file.hpp"
#include "http/json_mapping.hpp"
#include "http/problem.hpp"

namespace binome::http {
std::span<const EmbeddedFile> embedded_openapi();  // generated from docs/openapi.json

namespace {

using V = beast_http::verb;

Response error(const core::Error& e) { return problem_response(e); }


// Reads an integer parameter within [lo, hi]; `fallback` when absent.
std::optional<std::int64_t> int_param(const Query& q, const std::string& name, std::int64_t fallback,
                                      std::int64_t lo, std::int64_t hi, Response& problem) {
  auto it = q.find(name);
  if (it == q.end() || it->second.empty()) return fallback;
  std::int64_t v = 0;
  const auto& s = it->second;
  auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (ec != std::errc() || p != s.data() + s.size() || v < lo || v > hi) {
    problem = invalid_parameter(name, "must be an integer from " + std::to_string(lo) + " to " +
                                          std::to_string(hi));
    return std::nullopt;
  }
  return v;
}


std::optional<std::int64_t> path_id(const ApiRequest& r) {
  const std::string& s = r.params.at("id");
  std::int64_t v = 0;
  auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (ec != std::errc() || p != s.data() + s.size() || v <= 0) return std::nullopt;
  return v;
}

std::string session_cookie(const std::string& value, std::int64_t max_age_s, bool secure) {
  return std::string(kSessionCookie) + "=" + value + "; Path=/; HttpOnly; SameSite=Strict; Max-Age=" +
         std::to_string(max_age_s) + (secure ? "; Secure" : "");
}

Json session_body(const core::User& user, const std::string& csrf) {
  return {{"user", to_json(user)}, {"csrf_token", csrf}};
}

Response no_content() {
  Response res{beast_http::status::no_content, 11};
  return res;
}

}  // namespace

Response invalid_parameter(const std::string& name, const std::string& why) {
  return problem_response(400, "invalid_parameter", "Query parameter '" + name + "' " + why + ".",
                          {{name, why}});
}

std::optional<Paging> paging(const Query& q, Response& problem) {
  auto page = int_param(q, "page", 1, 1, 1'000'000, problem);
  if (!page) return std::nullopt;
  auto size = int_param(q, "page_size", 50, 1, 200, problem);
  if (!size) return std::nullopt;
  return Paging{*page, *size};
}

bool bool_param(const Query& q, const std::string& name, std::optional<bool>& out,
                Response& problem) {
  const std::string v = query_value(q, name);
  if (v.empty()) return true;
  if (v != "true" && v != "false") {
    problem = invalid_parameter(name, "must be true or false");
    return false;
  }
  out = v == "true";
  return true;
}

std::string query_value(const Query& q, const std::string& name) {
  auto it = q.find(name);
  return it == q.end() ? std::string() : it->second;
}

void add_api_routes(Router<Route>& router, const ApiServices& s) {
  // --- operational endpoints -------------------------------------------------------------
  router.add(V::get, "/healthz", {false, [&s](ApiRequest&) {
               const bool ok = s.database_ready();
               return json_response(ok ? 200 : 503, {{"status", ok ? "ok" : "unavailable"}});
             }});
  router.add(V::get, "/metrics", {true, [&s](ApiRequest& r) {
               if (!core::is_allowed(r.caller().principal, core::Action::kReadMetrics)) {
                 return problem_response(403, "forbidden", "Metrics are for administrators.");
               }
               Response res{beast_http::status::ok, 11};
               res.set(beast_http::field::content_type, "text/plain; version=0.0.4; charset=utf-8");
               res.body() = s.metrics_text();
               return res;
             }});
  router.add(V::get, "/api/v1/openapi.json", {false, [](ApiRequest&) {
               Response res{beast_http::status::ok, 11};
               res.set(beast_http::field::content_type, "application/json");
               res.body() = std::string(embedded_openapi().front().content);
               return res;
             }});

  // --- authentication ----------------------------------------------------------------------
  router.add(V::post, "/api/v1/auth/login", {false, [&s](ApiRequest& r) {
               auto body = parse_json_object(r.req);
               if (!body) return error(body.error());
               Fields f(*body);
               auto email = f.string("email", true);
               auto password = f.string("password", true);
               if (auto e = f.error()) return error(*e);
               auto result = s.accounts.login(*email, *password, r.client);
               if (!result) return error(result.error());
               Response res = json_response(200, session_body(result->user, result->csrf_token));
               res.set(beast_http::field::set_cookie,
                       session_cookie(result->session_token, s.session_max_age / 1000, s.secure_cookies));
               res.set(beast_http::field::cache_control, "no-store");
               return res;
             }});
  router.add(V::post, "/api/v1/auth/logout", {true, [&s](ApiRequest& r) {
               if (!r.session_token.empty()) s.accounts.logout(*r.auth, r.session_token, r.client);
               Response res = no_content();
               res.set(beast_http::field::set_cookie, session_cookie("", 0, s.secure_cookies));
               return res;
             }});
  router.add(V::get, "/api/v1/auth/me", {true, [](ApiRequest& r) {
               Response res = json_response(200, session_body(r.auth->user, r.auth->csrf_token));
               res.set(beast_http::field::cache_control, "no-store");
               return res;
             }});

  // --- users -------------------------------------------------------------------------------
  router.add(V::get, "/api/v1/users", {true, [&s](ApiRequest& r) {
               Response problem;
               auto pg = paging(r.query, problem);
               if (!pg) return problem;
               store::UserFilter filter;
               if (auto it = r.query.find("q"); it != r.query.end()) filter.query = it->second;
               if (auto it = r.query.find("role"); it != r.query.end() && !it->second.empty()) {
                 filter.role = core::parse_role(it->second);
                 if (!filter.role) return invalid_parameter("role", "must be admin, mentor, mentee or sponsor");
               }
               if (!bool_param(r.query, "active", filter.active, problem)) return problem;
               filter.offset = pg->offset();
               filter.limit = pg->page_size;
               auto page = s.accounts.list_users(r.caller(), filter);
               if (!page) return error(page.error());
               Json items = Json::array();
               for (const auto& u : page->items) items.push_back(to_json(u));
               return json_response(200, {{"items", items}, {"total", page->total}});
             }});
  router.add(V::post, "/api/v1/users", {true, [&s](ApiRequest& r) {
               auto body = parse_json_object(r.req);
               if (!body) return error(body.error());
               Fields f(*body);
               app::NewUser u;
               u.email = f.string("email", true).value_or("");
               u.name = f.string("name", true).value_or("");
               u.roles = f.strings("roles", true).value_or(std::vector<std::string>{});
               u.password = f.string("password", true).value_or("");
               if (auto e = f.error()) return error(*e);
               auto created = s.accounts.create_user(r.caller(), u);
               if (!created) return error(created.error());
               Response res = json_response(201, to_json(*created));
               res.set(beast_http::field::location, "/api/v1/users/" + std::to_string(created->id));
               return res;
             }});
  router.add(V::get, "/api/v1/users/{id}", {true, [&s](ApiRequest& r) {
               auto id = path_id(r);
               if (!id) return problem_response(404, "not_found", "No user has this id.");
               auto u = s.accounts.get_user(r.caller(), *id);
               return u ? json_response(200, to_json(*u)) : error(u.error());
             }});
  router.add(V::patch, "/api/v1/users/{id}", {true, [&s](ApiRequest& r) {
               auto id = path_id(r);
               if (!id) return problem_response(404, "not_found", "No user has this id.");
               auto body = parse_json_object(r.req);
               if (!body) return error(body.error());
               Fields f(*body);
               app::UserChanges changes{f.string("name", false), f.strings("roles", false),
                                        f.boolean("active", false)};
               if (auto e = f.error()) return error(*e);
               auto u = s.accounts.update_user(r.caller(), *id, changes);
               return u ? json_response(200, to_json(*u)) : error(u.error());
             }});
  router.add(V::put, "/api/v1/users/{id}/password", {true, [&s](ApiRequest& r) {
               auto id = path_id(r);
               if (!id) return problem_response(404, "not_found", "No user has this id.");
               auto body = parse_json_object(r.req);
               if (!body) return error(body.error());
               Fields f(*body);
               auto password = f.string("password", true);
               if (auto e = f.error()) return error(*e);
               auto done = s.accounts.set_password(r.caller(), *id, *password, r.session_token);
               return done ? no_content() : error(done.error());
             }});

  // --- audit log ---------------------------------------------------------------------------
  router.add(V::get, "/api/v1/audit", {true, [&s](ApiRequest& r) {
               Response problem;
               auto pg = paging(r.query, problem);
               if (!pg) return problem;
               store::audit::Filter filter;
               if (auto it = r.query.find("actor"); it != r.query.end()) filter.actor = it->second;
               if (auto it = r.query.find("action"); it != r.query.end()) filter.action = it->second;
               for (const char* name : {"from", "to"}) {
                 auto it = r.query.find(name);
                 if (it == r.query.end() || it->second.empty()) continue;
                 auto at = core::parse_iso8601(it->second);
                 if (!at) return invalid_parameter(name, "must be an ISO 8601 date or instant");
                 (std::string_view(name) == "from" ? filter.from : filter.to) = *at;
               }
               filter.offset = pg->offset();
               filter.limit = pg->page_size;
               auto page = s.audit.list(r.caller(), filter);
               if (!page) return error(page.error());
               Json items = Json::array();
               for (const auto& e : page->items) items.push_back(to_json(e));
               return json_response(200, {{"items", items}, {"total", page->total}});
             }});

  add_directory_routes(router, s);
  add_matching_routes(router, s);
}

}  // namespace binome::http
