// The request pipeline in front of the routes: a request id, authentication (session cookie
// or bearer token), CSRF protection, routing, problem+json errors, security headers, the
// static web application, one JSON access-log line and metrics for every request.
#pragma once

#include <filesystem>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "http/api.hpp"
#include "http/metrics.hpp"
#include "http/router.hpp"
#include "http/server.hpp"
#include "http/static_files.hpp"
#include "store/sql.hpp"

namespace binome::http {

struct ServiceOptions {
  std::filesystem::path web_dir;  // empty: API only
  bool secure_cookies = false;
  std::uint64_t import_body_limit = 64ull << 20;  // HR extracts are large
};

class Service {
 public:
  Service(store::Database& db, const app::Accounts& accounts, const app::AuditLog& audit,
          const app::People& people, core::Millis session_max_age, ServiceOptions options);

  Response handle(const Request& req, const std::string& client);
  Response reject(const ReadFailure& failure, const std::string& client);
  std::optional<std::uint64_t> body_limit(const Request& header) const;
  // The three above, for the server.
  RequestHandlers handlers();

  // Every (method, pattern) the service answers, for the OpenAPI check.
  std::vector<std::pair<std::string, std::string>> routes() const;

 private:
  Response dispatch(const Request& req, const std::string& client, std::string& route_name,
                    std::string& user);
  Response finish(Response res, const Request* req, const std::string& request_id);
  void log_access(const std::string& request_id, const std::string& method,
                  const std::string& path, const std::string& route, const Response& res,
                  double seconds, const std::string& client, const std::string& user);

  store::Database& db_;
  const app::Accounts& accounts_;
  ApiServices services_;
  Router<Route> router_;
  StaticFiles static_files_;
  Metrics metrics_;
  std::uint64_t import_body_limit_;
};

}  // namespace binome::http
