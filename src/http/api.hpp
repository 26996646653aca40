// The JSON API's routes under /api/v1 and the operational endpoints: thin handlers that
// parse, call the application layer, and render.
#pragma once

#include <functional>
#include <map>
#include <optional>
#include <string>

#include "app/accounts.hpp"
#include "app/audit.hpp"
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
  std::function<bool()> database_ready;
  std::function<std::string()> metrics_text;
  bool secure_cookies = false;
  core::Millis session_max_age = 0;
};

// Adds every route of the API to `router`.
void add_api_routes(Router<Route>& router, const ApiServices& services);

}  // namespace binome::http
