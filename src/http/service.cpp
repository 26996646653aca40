#include "http/service.hpp"

#include <spdlog/spdlog.h>

#include <chrono>

#include "app/crypto.hpp"
#include "http/json_mapping.hpp"
#include "http/problem.hpp"

namespace binome::http {

namespace {

using V = beast_http::verb;

bool is_unsafe(V m) { return m == V::post || m == V::put || m == V::patch || m == V::delete_; }

// Splits "a=1&b=x%20y" into decoded pairs; '+' means a space in query strings.
Query parse_query(std::string_view q) {
  Query out;
  while (!q.empty()) {
    const auto amp = q.find('&');
    std::string_view pair = q.substr(0, amp);
    q = amp == std::string_view::npos ? std::string_view() : q.substr(amp + 1);
    if (pair.empty()) continue;
    const auto eq = pair.find('=');
    std::string key(pair.substr(0, eq));
    std::string value(eq == std::string_view::npos ? std::string_view() : pair.substr(eq + 1));
    for (auto* s : {&key, &value}) std::replace(s->begin(), s->end(), '+', ' ');
    auto k = percent_decode(key);
    auto v = percent_decode(value);
    if (k && v) out[*k] = *v;
  }
  return out;
}

std::string cookie_value(std::string_view header, std::string_view name) {
  while (!header.empty()) {
    const auto semi = header.find(';');
    std::string_view part = header.substr(0, semi);
    header = semi == std::string_view::npos ? std::string_view() : header.substr(semi + 1);
    while (!part.empty() && part.front() == ' ') part.remove_prefix(1);
    if (part.size() > name.size() && part.starts_with(name) && part[name.size()] == '=') {
      return std::string(part.substr(name.size() + 1));
    }
  }
  return {};
}

}  // namespace

Service::Service(store::Database& db, const app::Accounts& accounts, const app::AuditLog& audit,
                 const app::People& people, core::Millis session_max_age, ServiceOptions options)
    : db_(db),
      accounts_(accounts),
      services_{accounts, audit, people, [this] { return db_.ping(); },
                [this] { return metrics_.render(db_.stats()); }, options.secure_cookies,
                session_max_age},
      static_files_(options.web_dir),
      import_body_limit_(options.import_body_limit) {
  add_api_routes(router_, services_);
}

std::optional<std::uint64_t> Service::body_limit(const Request& header) const {
  // HR extracts and matching problems of a whole cohort are large.
  if (header.method() == V::post && (header.target().starts_with("/api/v1/employees/import") ||
                                     header.target().starts_with("/api/v1/matching/"))) {
    return import_body_limit_;
  }
  return std::nullopt;
}

RequestHandlers Service::handlers() {
  return {[this](const Request& r, const std::string& c) { return handle(r, c); },
          [this](const ReadFailure& f, const std::string& c) { return reject(f, c); },
          [this](const Request& h) { return body_limit(h); }};
}

std::vector<std::pair<std::string, std::string>> Service::routes() const {
  std::vector<std::pair<std::string, std::string>> out;
  for (const auto& r : router_.routes()) {
    out.emplace_back(std::string(beast_http::to_string(r.method)), r.pattern);
  }
  return out;
}

Response Service::handle(const Request& req, const std::string& client) {
  const auto start = std::chrono::steady_clock::now();
  const std::string request_id = app::random_token(12);
  std::string route_name;
  std::string user;
  Response res;
  try {
    res = dispatch(req, client, route_name, user);
  } catch (const std::exception& e) {
    // Infrastructure failures: the database is down, the disk is full... The detail stays in
    // our log (with the request id); the client gets the id to quote.
    spdlog::error("request {} failed: {}", request_id, e.what());
    const bool db_down = dynamic_cast<const store::DatabaseError*>(&e) != nullptr && !db_.ping();
    res = db_down ? problem_response(503, "database_unavailable",
                                     "The database is not reachable. Please try again shortly.")
                  : problem_response(500, "internal_error", "An unexpected error occurred.");
  }
  res = finish(std::move(res), &req, request_id);
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  const std::string method(req.method_string());
  if (route_name.empty()) route_name = "(unmatched)";
  metrics_.observe(route_name, method, res.result_int(), seconds);
  const std::string_view target = req.target();
  log_access(request_id, method, std::string(target.substr(0, target.find('?'))), route_name, res,
             seconds, client, user);
  return res;
}

Response Service::reject(const ReadFailure& failure, const std::string& client) {
  const std::string request_id = app::random_token(12);
  Response res = finish(problem_response(failure.status, failure.code, failure.detail), nullptr,
                        request_id);
  metrics_.observe("(unreadable)", "-", res.result_int(), 0.0);
  log_access(request_id, "-", "-", "(unreadable)", res, 0.0, client, "");
  return res;
}

Response Service::dispatch(const Request& req, const std::string& client, std::string& route_name,
                           std::string& user) {
  const std::string_view target = req.target();
  const auto qmark = target.find('?');
  const auto path = percent_decode(target.substr(0, qmark));
  if (!path || path->empty() || path->front() != '/') {
    return problem_response(400, "bad_request", "The request path is not valid.");
  }
  auto match = router_.match(req.method(), *path);
  const bool api = path->starts_with("/api/");

  if (!match.route && !api) {
    // The web application, for GET and HEAD.
    if (req.method() == V::get || req.method() == V::head) {
      route_name = "(static)";
      const bool navigation = req[beast_http::field::accept].find("text/html") != std::string_view::npos;
      if (auto file = static_files_.serve(*path, req.method() == V::head, navigation)) {
        return std::move(*file);
      }
    }
    if (match.path_exists) {
      return problem_response(405, "method_not_allowed", "This method is not allowed here.");
    }
    return problem_response(404, "not_found", "Nothing is found at " + *path + ".");
  }

  if (match.route) route_name = match.route->pattern;
  ApiRequest r{req, std::move(match.params),
               parse_query(qmark == std::string_view::npos ? std::string_view()
                                                           : target.substr(qmark + 1)),
               client, std::nullopt, {}};
  if (!match.route || match.route->handler.requires_auth) {
    const std::string_view authorization = req[beast_http::field::authorization];
    core::Result<app::Authenticated> who = core::fail(
        core::ErrorKind::kUnauthenticated, "unauthenticated", "You need to log in to do this.");
    if (authorization.starts_with("Bearer ")) {
      who = accounts_.authenticate_bearer(std::string(authorization.substr(7)));
    } else if (auto token = cookie_value(req[beast_http::field::cookie], kSessionCookie);
               !token.empty()) {
      who = accounts_.authenticate_session(token);
      r.session_token = token;
    }
    if (!who) return problem_response(who.error());
    user = who->user.email;
    if (who->via_session && is_unsafe(req.method())) {
      const std::string_view csrf = req["X-CSRF-Token"];
      if (csrf.empty()) {
        return problem_response(403, "csrf_missing",
                                "This request needs the X-CSRF-Token header that the login gave.");
      }
      if (!app::secrets_equal(csrf, who->csrf_token)) {
        return problem_response(403, "csrf_invalid", "The X-CSRF-Token header does not match the session.");
      }
    }
    r.auth = std::move(*who);
  }
  if (!match.route) {
    if (match.path_exists) {
      return problem_response(405, "method_not_allowed", "This method is not allowed here.");
    }
    return problem_response(404, "not_found", "No API route matches " + *path + ".");
  }
  return match.route->handler.handle(r);
}

Response Service::finish(Response res, const Request* req, const std::string& request_id) {
  if (res[beast_http::field::content_type] == "application/problem+json") {
    Json body = Json::parse(res.body(), nullptr, false);
    if (body.is_object()) {
      body["request_id"] = request_id;
      res.body() = body.dump(-1, ' ', false, Json::error_handler_t::replace);
    }
  }
  res.set("X-Request-Id", request_id);
  res.set(beast_http::field::server, "binome");
  res.set("X-Content-Type-Options", "nosniff");
  res.set("X-Frame-Options", "DENY");
  res.set("Referrer-Policy", "no-referrer");
  res.set("Content-Security-Policy",
          "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; "
          "object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'");
  if (res.find(beast_http::field::cache_control) == res.end()) {
    res.set(beast_http::field::cache_control, "no-store");
  }
  // A HEAD answer carries the length of the body it does not send.
  if (!(req && req->method() == V::head)) res.prepare_payload();
  return res;
}

void Service::log_access(const std::string& request_id, const std::string& method,
                         const std::string& path, const std::string& route, const Response& res,
                         double seconds, const std::string& client, const std::string& user) {
  Json line = {{"type", "access"},
               {"request_id", request_id},
               {"method", method},
               {"path", path},
               {"route", route},
               {"status", res.result_int()},
               {"duration_ms", std::round(seconds * 100000.0) / 100.0},
               {"bytes", res.body().size()},
               {"client", client},
               {"user", user}};
  spdlog::get("access")->info(line.dump(-1, ' ', false, Json::error_handler_t::replace));
}

}  // namespace binome::http
