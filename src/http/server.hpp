// The HTTP server: Boost.Beast over asio. Network work (accepting, reading, writing) runs on
// I/O threads; each request's handler runs on a worker pool, because handlers block on the
// database. Bounded everywhere a client could make it grow: connections (overall and per
// client address), header and body sizes, read and idle times, and heavy requests (imports,
// matching problems), which are admitted before their body is read, run on a pool of their
// own and are stopped past their time budget. A graceful stop on SIGTERM/SIGINT: heavy work is
// cancelled, requests in flight finish, idle connections close, then run() returns.
#pragma once

#include <boost/beast/http.hpp>

#include <atomic>
#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <stop_token>
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

// Why a heavy request was asked to stop.
enum class StopReason : std::uint8_t { kNone, kBudget, kClientGone, kServerStopping };

// A heavy request's stop: its handler's work checks token(); the server requests the stop
// once, with the first reason that comes (thread-safe).
class Cancellation {
 public:
  explicit Cancellation(std::chrono::seconds budget) : budget_(budget) {}
  std::stop_token token() const { return source_.get_token(); }
  void request(StopReason why) {
    StopReason none = StopReason::kNone;
    if (reason_.compare_exchange_strong(none, why)) source_.request_stop();
  }
  StopReason reason() const { return reason_.load(); }
  std::chrono::seconds budget() const { return budget_; }

 private:
  std::stop_source source_;
  std::atomic<StopReason> reason_{StopReason::kNone};
  std::chrono::seconds budget_;
};

unsigned default_workers();

struct ServerOptions {
  std::string host = "127.0.0.1";
  std::uint16_t port = 8080;  // 0 picks a free port
  unsigned io_threads = 1;
  // Twice the cores, at least 4: handlers block on the database, but more threads than that
  // on a small machine only hand requests from one to another (measured: docs/performance.md).
  unsigned workers = default_workers();
  // Heavy requests (imports, matching problems) at once; more are answered 503 server_busy
  // before their body is read. Each may use a core for its whole budget.
  unsigned heavy_workers = 2;
  std::chrono::seconds heavy_budget{60};  // a heavy request's handler is stopped past this
  // Open connections at once; 0: from the process's file limit, less a reserve for the
  // database, the logs and the web folder's files. At the limit, the oldest connection that is
  // idle (or still sending its header) is closed for a new one; with none, the new one is.
  std::size_t max_connections = 0;
  std::size_t max_connections_per_client = 128;  // from one address (trusted proxies: no limit)
  std::function<bool(const std::string& address)> unlimited_client;  // trusted proxies
  std::uint32_t header_limit = 16 * 1024;
  std::uint64_t body_limit = 1024 * 1024;
  std::chrono::seconds read_timeout{30};   // to receive a whole request once it has started
  std::chrono::seconds idle_timeout{60};   // between requests on a kept-alive connection
  std::chrono::seconds shutdown_grace{30}; // in-flight requests get this long to finish
};


struct RequestHandlers {
  // `cancel` is set for heavy requests: the handler's long work checks its token.
  std::function<Response(const Request&, const std::string& client, const Cancellation* cancel)> handle;
  std::function<Response(const ReadFailure&, const std::string& client)> reject;
  // Given a request's header: for a heavy route (an HR import, a matching problem), its larger
  // body limit; nothing for the others, which keep ServerOptions::body_limit. Cheap: no I/O.
  std::function<std::optional<std::uint64_t>(const Request&)> body_limit;
  // For a heavy route, before its body is read (on a worker: it reads the database): the
  // answer refusing a caller who may not use the route (401, 403), or nothing.
  std::function<std::optional<Response>(const Request&, const std::string& client)> admit;
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
