// The JSON API's routes under /api/v1 and the operational endpoints: thin handlers that
// parse, call the application layer, and render.
#pragma once

#include <functional>
#include <map>
#include <optional>
#include <string>

#include "app/accounts.hpp"
#include "app/audit.hpp"
#include "app/people.hpp"
#include "http/router.hpp"
#include "http/server.hpp"

namespace binome::http {

using Query = std::map<std::string, std::string, std::less<>>;

// What a handler knows about the request it answers.
struct ApiRequest {
  const Request& req;
  PathParams params;
  Query query;
  std::string client;
  std::optional<app::Authenticated> auth;  // set for every non-public route
  std::string session_token;               // the cookie, when authenticated by session
  app::Caller caller() const { return auth ? auth->caller(client) : app::Caller::anonymous(client); }
};

struct Route {
  bool requires_auth = true;
  std::function<Response(ApiRequest&)> handle;
};

inline constexpr const char* kSessionCookie = "binome_session";

struct ApiServices {
  const app::Accounts& accounts;
  const app::AuditLog& audit;
  const app::People& people;
  std::function<bool()> database_ready;
  std::function<std::string()> metrics_text;
  bool secure_cookies = false;
  core::Millis session_max_age = 0;
};

// Adds every route of the API to `router`.
void add_api_routes(Router<Route>& router, const ApiServices& services);
// The employee directory and the grade scale (directory_api.cpp).
void add_directory_routes(Router<Route>& router, const ApiServices& services);
// Matching (matching_api.cpp).
void add_matching_routes(Router<Route>& router, const ApiServices& services);

// Shared by the route files.
Response invalid_parameter(const std::string& name, const std::string& why);
struct Paging {
  std::int64_t page;
  std::int64_t page_size;
  std::int64_t offset() const { return (page - 1) * page_size; }
};
// page (from 1) and page_size (1..200, default 50), or a 400 in `problem`.
std::optional<Paging> paging(const Query& q, Response& problem);
// "true"/"false" → `out`; absent or "" → `out` left empty; anything else → false, with a 400
// in `problem`.
bool bool_param(const Query& q, const std::string& name, std::optional<bool>& out, Response& problem);
std::string query_value(const Query& q, const std::string& name);

}  // namespace binome::http
