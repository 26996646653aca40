#include "http/service.hpp"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <chrono>
#include <cmath>

#include "app/crypto.hpp"
#include "http/api.hpp"
#include "http/json_mapping.hpp"
#include "http/json_writer.hpp"
#include "http/metrics.hpp"
#include "http/problem.hpp"
#include "http/routes.hpp"
#include "http/static_files.hpp"

namespace binome::http {

namespace {

using V = beast_http::verb;

Method method_of(V verb) {
  switch (verb) {
    case V::get: return Method::kGet;
    case V::head: return Method::kHead;
    case V::post: return Method::kPost;
    case V::put: return Method::kPut;
    case V::patch: return Method::kPatch;
    case V::delete_: return Method::kDelete;
    default: return Method::kOther;
  }
}

bool is_unsafe(Method m) {
  return m == Method::kPost || m == Method::kPut || m == Method::kPatch || m == Method::kDelete;
}

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

// A heavy request's work gave up because the server asked it to: say why.
core::Error stopped_error(core::Error error, const Cancellation& cancel) {
  switch (cancel.reason()) {
    case StopReason::kNone: return error;
    case StopReason::kBudget:
      return {core::ErrorCode::kTimeBudgetExceeded,
              core::msg("error.time_budget_exceeded", {core::count("seconds", cancel.budget().count())}), {}, 0};
    case StopReason::kClientGone:  // nobody reads it: the access log shows the 503
    case StopReason::kServerStopping:
      return {core::ErrorCode::kServerBusy, core::msg("error.server_stopping"), {}, 0};
  }
  return error;
}

Response to_response(Reply reply) {
  Response res{static_cast<beast_http::status>(reply.status), 11};
  if (!reply.content_type.empty()) res.set(beast_http::field::content_type, reply.content_type);
  for (auto& [name, value] : reply.headers) res.set(name, value);
  res.body() = std::move(reply.body);
  return res;
}

}  // namespace

struct Service::Impl {
  Impl(const app::Services& services, ServiceOptions options)
      : app(services),
        static_files(options.web_dir),
        import_body_limit(options.import_body_limit),
        trusted_proxies(options.trusted_proxies),
        api{services, options.secure_cookies, [this] { return metrics.render(); }, options.import_job_bytes} {
    add_all_routes(routes, api);
  }

  core::Result<Response> dispatch(const Request& req, ApiRequest& r, std::string& route_name, std::string& user);
  // Sets r.auth from the session cookie or the bearer token; checks CSRF for a session.
  core::Result<void> authenticate(const Request& req, ApiRequest& r) const;
  // The route of a heavy request (Route::heavy), or null.
  const Routes::Route* heavy_route(const Request& header) const;
  Response finish(Response res, const Request* req, const std::string& request_id) const;
  void log_access(const std::string& request_id, const std::string& method, const std::string& path,
                  const std::string& route, const Response& res, double seconds, const std::string& client,
                  const std::string& user) const;

  const app::Services& app;
  StaticFiles static_files;
  std::uint64_t import_body_limit;
  TrustedProxies trusted_proxies;
  Metrics metrics;
  ApiContext api;
  Routes routes;
};

Service::Service(const app::Services& app, ServiceOptions options)
    : impl_(std::make_unique<Impl>(app, std::move(options))) {}

Service::~Service() = default;

std::optional<std::uint64_t> Service::body_limit(const Request& header) const {
  // HR extracts and matching problems of a whole cohort are large.
  if (impl_->heavy_route(header)) return impl_->import_body_limit;
  return std::nullopt;
}

std::optional<Response> Service::admit(const Request& header, const std::string& client) {
  const Routes::Route* route = impl_->heavy_route(header);
  if (!route) return std::nullopt;
  // The checks dispatch makes again once the body is read, made first on the header alone:
  // the caller is who they say, and may do the route's action.
  const auto start = std::chrono::steady_clock::now();
  ApiRequest r;
  r.method = method_of(header.method());
  r.client = client_address(impl_->trusted_proxies, client, header);
  r.language = negotiate_language(header[beast_http::field::accept_language]);
  auto who = impl_->authenticate(header, r);
  core::Result<void> verdict;
  if (!who) {
    verdict = std::unexpected(who.error());
  } else if (!core::is_allowed(r.caller().principal, *route->handler.heavy)) {
    verdict = core::fail(core::ErrorCode::kForbidden);
  }
  if (verdict) return std::nullopt;
  const std::string request_id = app::random_token(12);
  Response res = impl_->finish(to_response(problem_reply(verdict.error(), r.language, request_id)), &header, request_id);
  const std::string_view target = header.target();
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  impl_->metrics.observe(route->pattern, std::string(method_name(r.method)), res.result_int(), seconds);
  impl_->log_access(request_id, std::string(header.method_string()), std::string(target.substr(0, target.find('?'))),
                    route->pattern, res, seconds, r.client, r.auth ? r.auth->user.email : "");
  return res;
}

RequestHandlers Service::handlers() {
  return {[this](const Request& r, const std::string& c, const Cancellation* cancel) { return handle(r, c, cancel); },
          [this](const ReadFailure& f, const std::string& c) { return reject(f, c); },
          [this](const Request& h) { return body_limit(h); },
          [this](const Request& h, const std::string& c) { return admit(h, c); }};
}

std::vector<std::pair<std::string, std::string>> Service::routes() const {
  std::vector<std::pair<std::string, std::string>> out;
  for (const auto& r : impl_->routes.routes()) out.emplace_back(std::string(method_name(r.method)), r.pattern);
  return out;
}

Response Service::handle(const Request& req, const std::string& client, const Cancellation* cancel) {
  const auto start = std::chrono::steady_clock::now();
  const std::string request_id = app::random_token(12);
  const std::string_view target = req.target();
  const auto qmark = target.find('?');
  ApiRequest r;
  r.method = method_of(req.method());
  r.content_type = req[beast_http::field::content_type];
  r.body = req.body();
  r.client = client_address(impl_->trusted_proxies, client, req);  // behind a trusted proxy, the one it names
  r.language = negotiate_language(req[beast_http::field::accept_language]);
  r.query = parse_query(qmark == std::string_view::npos ? std::string_view() : target.substr(qmark + 1));
  if (cancel) r.stop = cancel->token();
  std::string route_name;
  std::string user;
  Response res;
  try {
    auto result = impl_->dispatch(req, r, route_name, user);
    if (!result && cancel && result.error().code == core::ErrorCode::kTimeBudgetExceeded) {
      result = std::unexpected(stopped_error(std::move(result.error()), *cancel));
    }
    res = result ? std::move(*result) : to_response(problem_reply(result.error(), r.language, request_id));
  } catch (const std::exception& e) {
    // Infrastructure failures: the database is down, the disk is full... The detail stays in
    // our log (with the request id); the client gets the id to quote.
    spdlog::error("request {} failed: {}", request_id, e.what());
    const bool db_down = !impl_->app.operations.database_ready();
    res = to_response(problem_reply(
        core::Error{db_down ? core::ErrorCode::kDatabaseUnavailable : core::ErrorCode::kInternalError, {}, {}, 0},
        r.language, request_id));
  }
  res = impl_->finish(std::move(res), &req, request_id);
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  const std::string method(req.method_string());
  if (route_name.empty()) route_name = "(unmatched)";
  // Labelled by the methods we know: Beast reads any token as a method, and each new one would
  // add series to /metrics without bound.
  impl_->metrics.observe(route_name, std::string(method_name(r.method)), res.result_int(), seconds);
  impl_->log_access(request_id, method, std::string(target.substr(0, qmark)), route_name, res, seconds, r.client,
                    user);
  return res;
}

Response Service::reject(const ReadFailure& failure, const std::string& client) {
  const std::string request_id = app::random_token(12);
  Response res = impl_->finish(
      to_response(problem_reply(core::Error{failure.code, failure.message, {}, 0},
                                negotiate_language(failure.accept_language), request_id)),
      nullptr, request_id);
  impl_->metrics.observe("(unreadable)", "-", res.result_int(), 0.0);
  impl_->log_access(request_id, "-", "-", "(unreadable)", res, 0.0, client, "");
  return res;
}

core::Result<Response> Service::Impl::dispatch(const Request& req, ApiRequest& r, std::string& route_name,
                                               std::string& user) {
  const std::string_view target = req.target();
  const auto path = percent_decode(target.substr(0, target.find('?')));
  if (!path || path->empty() || path->front() != '/') {
    return core::fail(core::ErrorCode::kBadRequest, core::msg("error.path_invalid"));
  }
  auto match = routes.match(r.method, *path);
  const bool api_path = path->starts_with("/api/");

  if (!match.route && !api_path) {
    // The web application, for GET and HEAD.
    if (r.method == Method::kGet || r.method == Method::kHead) {
      route_name = "(static)";
      const bool navigation = req[beast_http::field::accept].find("text/html") != std::string_view::npos;
      if (auto file = static_files.serve(*path, r.method == Method::kHead, navigation)) return std::move(*file);
    }
    if (match.path_exists) return core::fail(core::ErrorCode::kMethodNotAllowed);
    return core::fail(core::ErrorCode::kNotFound, core::msg("error.nothing_at", {core::text("path", *path)}));
  }

  if (match.route) route_name = match.route->pattern;
  r.params = std::move(match.params);
  if (!match.route || match.route->handler.requires_auth) {
    auto who = authenticate(req, r);
    if (!who) return std::unexpected(who.error());
    user = r.auth->user.email;
  }
  if (!match.route) {
    if (match.path_exists) return core::fail(core::ErrorCode::kMethodNotAllowed);
    return core::fail(core::ErrorCode::kNotFound, core::msg("error.no_api_route", {core::text("path", *path)}));
  }
  auto reply = match.route->handler.handle(r);
  if (!reply) return std::unexpected(std::move(reply.error()));
  return to_response(std::move(*reply));
}

core::Result<void> Service::Impl::authenticate(const Request& req, ApiRequest& r) const {
  const std::string_view authorization = req[beast_http::field::authorization];
  core::Result<app::Authenticated> who = core::fail(core::ErrorCode::kUnauthenticated);
  if (authorization.starts_with("Bearer ")) {
    who = app.accounts.authenticate_bearer(std::string(authorization.substr(7)));
  } else if (auto token = cookie_value(req[beast_http::field::cookie], kSessionCookie); !token.empty()) {
    who = app.accounts.authenticate_session(token);
    r.session_token = token;
  }
  if (!who) return std::unexpected(who.error());
  if (who->via_session && is_unsafe(r.method)) {
    const std::string_view csrf = req["X-CSRF-Token"];
    if (csrf.empty()) return core::fail(core::ErrorCode::kCsrfMissing);
    if (!app::secrets_equal(csrf, who->csrf_token)) return core::fail(core::ErrorCode::kCsrfInvalid);
  }
  r.auth = std::move(*who);
  return {};
}

const Routes::Route* Service::Impl::heavy_route(const Request& header) const {
  const std::string_view target = header.target();
  const auto path = percent_decode(target.substr(0, target.find('?')));
  if (!path) return nullptr;
  const auto match = routes.match(method_of(header.method()), *path);
  return match.route && match.route->handler.heavy ? match.route : nullptr;
}

Response Service::Impl::finish(Response res, const Request* req, const std::string& request_id) const {
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

void Service::Impl::log_access(const std::string& request_id, const std::string& method,
                               const std::string& path, const std::string& route, const Response& res,
                               double seconds, const std::string& client, const std::string& user) const {
  // Written straight (JsonWriter): a JSON object tree per request cost more than the request.
  JsonWriter line(256);
  line.begin_object();
  line.key("type").value("access").key("request_id").value(request_id).key("method").value(method);
  line.key("path").value(path).key("route").value(route).key("status").value(static_cast<std::int64_t>(res.result_int()));
  line.key("duration_ms").value(std::round(seconds * 100000.0) / 100.0);
  line.key("bytes").value(static_cast<std::uint64_t>(res.body().size()));
  line.key("client").value(client).key("user").value(user);
  line.end_object();
  spdlog::get("access")->info(std::move(line).text());
}

}  // namespace binome::http
