// The request pipeline in front of the routes: a request id, the reader's language,
// authentication (session cookie or bearer token), CSRF protection, routing, problem+json
// errors, security headers, the static web application, one JSON access-log line and metrics
// for every request. The only place (with server.cpp) that sees Boost.Beast's types.
#pragma once

#include <filesystem>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "app/services.hpp"
#include "http/client_address.hpp"
#include "http/server.hpp"

namespace binome::http {

struct ServiceOptions {
  std::filesystem::path web_dir;  // empty: API only
  bool secure_cookies = false;
  std::uint64_t import_body_limit = 64ull << 20;  // HR extracts and cohort matching problems are large
  std::uint64_t import_job_bytes = 1ull << 20;    // a larger HR extract is imported as a job
  // Proxies whose X-Forwarded-For or Forwarded header names the client (http/client_address.hpp);
  // empty: the TCP peer is the client.
  TrustedProxies trusted_proxies;
};

class Service {
 public:
  Service(const app::Services& app, ServiceOptions options);
  ~Service();
  Service(const Service&) = delete;
  Service& operator=(const Service&) = delete;

  // `cancel`, for a heavy request: its stop token reaches the handler's long work, and its
  // reason says what to answer when the work gave up.
  Response handle(const Request& req, const std::string& client, const Cancellation* cancel = nullptr);
  Response reject(const ReadFailure& failure, const std::string& client);
  // For a heavy route (Route::heavy, api.hpp), its body limit; nothing otherwise.
  std::optional<std::uint64_t> body_limit(const Request& header) const;
  // For a heavy route, before its body is read: the answer to a caller who may not use it.
  std::optional<Response> admit(const Request& header, const std::string& client);
  // The four above, for the server.
  RequestHandlers handlers();

  // Every (method, pattern) the service answers, for the OpenAPI check.
  std::vector<std::pair<std::string, std::string>> routes() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace binome::http
