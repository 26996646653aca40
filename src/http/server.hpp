// The HTTP server: Boost.Beast over asio. Network work (accepting, reading, writing) runs on
// I/O threads; each request's handler runs on a worker pool, because handlers block on the
// database. Header and body limits, read and idle timeouts, keep-alive, and a graceful stop
// on SIGTERM/SIGINT: requests in flight finish, idle connections close, then run() returns.
#pragma once

#include <boost/beast/http.hpp>

#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>

#include "core/error.hpp"
#include "core/message.hpp"

namespace binome::http {

namespace beast_http = boost::beast::http;
using Request = beast_http::request<beast_http::string_body>;
using Response = beast_http::response<beast_http::string_body>;

// A request the server could not read: the service turns it into a problem response.
struct ReadFailure {
  core::ErrorCode code;  // bad_request, payload_too_large, headers_too_large, internal_error
  core::Message message;
  std::string accept_language;  // from the header, when it was read
};

unsigned default_workers();

struct ServerOptions {
  std::string host = "127.0.0.1";
  std::uint16_t port = 8080;  // 0 picks a free port
  unsigned io_threads = 1;
  // Twice the cores, at least 4: handlers block on the database, but more threads than that
  // on a small machine only hand requests from one to another (measured: docs/performance.md).
  unsigned workers = default_workers();
  std::uint32_t header_limit = 16 * 1024;
  std::uint64_t body_limit = 1024 * 1024;
  std::chrono::seconds read_timeout{30};   // to receive a whole request once it has started
  std::chrono::seconds idle_timeout{60};   // between requests on a kept-alive connection
  std::chrono::seconds shutdown_grace{30}; // in-flight requests get this long to finish
};

struct RequestHandlers {
  std::function<Response(const Request&, const std::string& client)> handle;
  std::function<Response(const ReadFailure&, const std::string& client)> reject;
  // Given a request's header, a larger body limit for the routes that need one (an HR import);
  // nothing keeps ServerOptions::body_limit.
  std::function<std::optional<std::uint64_t>(const Request&)> body_limit;
};

class Server {
 public:
  Server(ServerOptions options, RequestHandlers handlers);
  ~Server();
  Server(const Server&) = delete;
  Server& operator=(const Server&) = delete;

  // Binds and listens; returns "host:port" with the port actually bound. Throws on failure.
  std::string listen();
  // Serves until SIGTERM or SIGINT (or stop()), then drains and returns.
  void run();
  // Starts the same graceful stop as a signal (thread-safe).
  void stop();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace binome::http
