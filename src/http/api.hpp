// What every route file of the JSON API shares: the request as a handler sees it, the reply it
// returns, and the helpers for query parameters. Handlers are thin: parse, call the
// application layer, render. They return a value or a core::Error; the service renders every
// error once, as problem+json in the reader's language with the request id.
//
// A capability adds its routes in http/<capability>_api.cpp with add_<capability>_routes, and
// one line in http/routes.cpp registers it.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <stop_token>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "app/services.hpp"
#include "core/error.hpp"
#include "core/message.hpp"
#include "http/router.hpp"

namespace binome::http {

using Query = std::map<std::string, std::string, std::less<>>;

// A request, as a handler sees it.
struct ApiRequest {
  Method method = Method::kGet;
  std::string_view content_type;
  std::string_view body;
  PathParams params;
  Query query;
  std::string client;
  core::Language language = core::Language::kEnglish;  // from Accept-Language
  std::optional<app::Authenticated> auth;              // set for every non-public route
  std::string session_token;                           // the cookie, when authenticated by session
  // Requested when a heavy request (an import, a matching problem) runs past its time budget,
  // its client has gone, or the server is stopping: long work checks it and gives up.
  std::stop_token stop;
  app::Caller caller() const { return auth ? auth->caller(client) : app::Caller::anonymous(client); }
};

// What a handler answers when it succeeds.
struct Reply {
  unsigned status = 200;
  std::string content_type = "application/json";
  std::string body;
  std::vector<std::pair<std::string, std::string>> headers;
};

using Handler = std::function<core::Result<Reply>(ApiRequest&)>;

struct Route {
  bool requires_auth = true;
  Handler handle;
  // A heavy route (an HR import, a matching problem): its large body is read only for a caller
  // allowed to do this action, it runs on the heavy pool and within the time budget (server.hpp).
  std::optional<core::Action> heavy;
};

using Routes = Router<Route>;

inline constexpr const char* kSessionCookie = "binome_session";

// What the routes are given.
struct ApiContext {
  const app::Services& app;
  bool secure_cookies = false;
  // The service's request counters and latencies, in the Prometheus text format, before the
  // database's figures (the metrics route appends those).
  std::function<std::string()> request_metrics;
  // An HR file larger than this is imported as a background job (202 and the job).
  std::uint64_t import_job_bytes = 1ull << 20;
};

// Query parameters. Each returns the value or an invalid_parameter error naming it.
core::Error invalid_parameter(const std::string& name, core::Message problem);
core::Result<std::int64_t> int_param(const Query& q, const std::string& name, std::int64_t fallback,
                                     std::int64_t lo, std::int64_t hi);
// "true"/"false"; absent or "" → nothing.
core::Result<std::optional<bool>> bool_param(const Query& q, const std::string& name);
// page (from 1) and page_size (1..200, default 50).
core::Result<core::PageRange> page_param(const Query& q);
// An ISO 8601 date or instant; absent or "" → nothing.
core::Result<std::optional<core::Millis>> instant_param(const Query& q, const std::string& name);
std::string query_value(const Query& q, const std::string& name);
// A path parameter that must be a positive id; not_found (with `not_found` as its sentence)
// otherwise.
core::Result<std::int64_t> path_id(const ApiRequest& r, const char* name, core::Message not_found);

Reply no_content();

}  // namespace binome::http
