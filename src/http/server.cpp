#include "http/server.hpp"

#include <boost/asio.hpp>
#include <boost/beast/core.hpp>
#include <spdlog/spdlog.h>

#include <algorithm>
#include <atomic>
#include <condition_variable>
#include <limits>
#include <list>
#include <mutex>
#include <optional>
#include <thread>
#include <vector>

namespace binome::http {

namespace asio = boost::asio;
namespace beast = boost::beast;
using tcp = asio::ip::tcp;

unsigned default_workers() { return std::max(4u, 2 * std::thread::hardware_concurrency()); }

namespace {

class Connection;

// What the connections share with the server.
struct Shared {
  ServerOptions options;
  RequestHandlers handlers;
  asio::io_context& ioc;
  asio::thread_pool& workers;
  std::atomic<bool> stopping{false};
  std::mutex mu;
  std::list<std::weak_ptr<Connection>> connections;
};

class Connection : public std::enable_shared_from_this<Connection> {
 public:
  Connection(tcp::socket socket, Shared& shared)
      : stream_(std::move(socket)), shared_(shared), buffer_(shared.options.header_limit + 2 * kFirstRead) {
    beast::error_code ec;
    auto ep = stream_.socket().remote_endpoint(ec);
    client_ = ec ? "unknown" : ep.address().to_string();
  }

  void start(std::list<std::weak_ptr<Connection>>::iterator self) {
    registry_entry_ = self;
    asio::dispatch(stream_.get_executor(), [me = shared_from_this()] { me->read_header(); });
  }

  ~Connection() {
    std::lock_guard lock(shared_.mu);
    shared_.connections.erase(registry_entry_);
  }

  // Called on stop: a connection waiting for a request that has not begun closes now;
  // one in the middle of a request finishes it first.
  void close_if_idle() {
    asio::dispatch(stream_.get_executor(), [me = shared_from_this()] {
      if (me->waiting_ && !(me->parser_ && me->parser_->got_some())) {
        beast::error_code ec;
        me->stream_.socket().shutdown(tcp::socket::shutdown_both, ec);
        me->stream_.close();
      }
    });
  }

 private:
  void read_header() {
    parser_.emplace();
    parser_->header_limit(shared_.options.header_limit);
    // The limit depends on the route, known only once the header is read (on_header): Beast
    // would refuse a large Content-Length while still reading the header.
    parser_->body_limit(std::numeric_limits<std::uint64_t>::max());
    waiting_ = true;
    if (shared_.stopping) return close();
    // A pipelined request has begun already.
    if (buffer_.size() > 0) return read_rest_of_header();
    // Until its first byte, a kept-alive connection is idle (idle_timeout); from then on the
    // request has read_timeout to arrive, so a client trickling a header cannot hold the
    // connection for the idle time.
    stream_.expires_after(shared_.options.idle_timeout);
    stream_.async_read_some(buffer_.prepare(kFirstRead), [me = shared_from_this()](beast::error_code ec, std::size_t n) {
      if (ec) return me->on_read_error(ec);
      me->buffer_.commit(n);
      me->read_rest_of_header();
    });
  }

  void read_rest_of_header() {
    stream_.expires_after(shared_.options.read_timeout);
    beast_http::async_read_header(
        stream_, buffer_, *parser_,
        [me = shared_from_this()](beast::error_code ec, std::size_t) { me->on_header(ec); });
  }

  void on_header(beast::error_code ec) {
    if (ec) return on_read_error(ec);
    // RFC 9112, 3.2: an HTTP/1.1 request without a Host header, or with two, is refused.
    const auto hosts = parser_->get().count(beast_http::field::host);
    if (hosts > 1 || (hosts == 0 && parser_->get().version() >= 11)) {
      return refuse({core::ErrorCode::kBadRequest, core::msg("error.host_required"),
                     std::string(parser_->get()[beast_http::field::accept_language])});
    }
    // RFC 9112, 6.3: a list ("2, 2") or several Content-Length headers could be read as two
    // different bodies by a proxy in front of us (request smuggling): refused, not reconciled.
    if (parser_->get().count(beast_http::field::content_length) > 1 ||
        parser_->get()[beast_http::field::content_length].find(',') != std::string_view::npos) {
      return refuse({core::ErrorCode::kBadRequest, core::msg("error.content_length_invalid"),
                     std::string(parser_->get()[beast_http::field::accept_language])});
    }
    std::uint64_t limit = shared_.options.body_limit;
    if (shared_.handlers.body_limit) {
      if (auto route_limit = shared_.handlers.body_limit(parser_->get())) limit = *route_limit;
    }
    if (parser_->content_length().value_or(0) > limit) {
      return on_read_error(beast_http::error::body_limit);
    }
    parser_->body_limit(limit);
    stream_.expires_after(shared_.options.read_timeout);
    // A client that asked whether to send its body (Expect: 100-continue) is told to go on
    // (RFC 9110, 10.1.1): the body fits the route's limit.
    if (beast::iequals(parser_->get()[beast_http::field::expect], "100-continue") &&
        parser_->get().version() >= 11) {
      auto go_on = std::make_shared<beast_http::response<beast_http::empty_body>>(beast_http::status::continue_, 11);
      return beast_http::async_write(stream_, *go_on, [me = shared_from_this(), go_on](beast::error_code e, std::size_t) {
        if (e) return me->close();
        me->read_body();
      });
    }
    read_body();
  }

  void read_body() {
    beast_http::async_read(
        stream_, buffer_, *parser_,
        [me = shared_from_this()](beast::error_code e, std::size_t) { me->on_body(e); });
  }

  void on_body(beast::error_code ec) {
    if (ec) return on_read_error(ec);
    waiting_ = false;
    stream_.expires_never();
    // The handler blocks on the database: run it on the worker pool. The work guard keeps the
    // I/O loop alive meanwhile, even during a graceful stop.
    asio::post(shared_.workers, [me = shared_from_this(),
                                 guard = asio::make_work_guard(shared_.ioc)]() mutable {
      Response res;
      try {
        res = me->shared_.handlers.handle(me->parser_->get(), me->client_);
      } catch (const std::exception& e) {
        spdlog::error("unhandled exception in a request handler: {}", e.what());
        res = me->shared_.handlers.reject(
            {core::ErrorCode::kInternalError, {},
             std::string(me->parser_->get()[beast_http::field::accept_language])},
            me->client_);
      }
      const bool keep = me->parser_->get().keep_alive();
      asio::post(me->stream_.get_executor(), [me, res = std::move(res), keep]() mutable {
        me->write(std::move(res), keep, false);
      });
    });
  }

  void on_read_error(beast::error_code ec) {
    waiting_ = false;
    if (ec == beast_http::error::end_of_stream || ec == asio::error::operation_aborted ||
        ec == beast::error::timeout || ec == asio::error::connection_reset ||
        ec == asio::error::eof || ec == asio::error::bad_descriptor) {
      return close();
    }
    // The header, when it was read, says in which language to answer.
    std::string language;
    if (parser_ && parser_->is_header_done()) language = std::string(parser_->get()[beast_http::field::accept_language]);
    ReadFailure failure{core::ErrorCode::kBadRequest,
                        core::msg("error.read_failed", {core::text("reason", ec.message())}), language};
    if (ec == beast_http::error::body_limit) {
      failure = {core::ErrorCode::kPayloadTooLarge, {}, language};
    } else if (ec == beast_http::error::header_limit) {
      failure = {core::ErrorCode::kHeadersTooLarge,
                 core::msg("error.headers_limit", {core::count("limit", shared_.options.header_limit)}), language};
    }
    refuse(failure);
  }

  void refuse(const ReadFailure& failure) {
    waiting_ = false;
    Response res = shared_.handlers.reject(failure, client_);
    // After a request we could not read, the stream is out of step: answer, then close.
    write(std::move(res), false, true);
  }

  void write(Response res, bool keep_alive, bool linger) {
    if (shared_.stopping) keep_alive = false;
    res.keep_alive(keep_alive);
    auto msg = std::make_shared<Response>(std::move(res));
    stream_.expires_after(shared_.options.read_timeout);
    beast_http::async_write(stream_, *msg,
                            [me = shared_from_this(), msg, keep_alive, linger](beast::error_code ec,
                                                                               std::size_t) {
                              if (ec) return me->close();
                              if (linger) return me->drain_and_close();
                              if (!keep_alive) return me->close();
                              me->read_header();
                            });
  }

  // The client may still be sending a body we refused: read and discard it for a while, so
  // that closing does not reset the connection before it has read our answer.
  void drain_and_close() {
    beast::error_code ec;
    stream_.socket().shutdown(tcp::socket::shutdown_send, ec);
    stream_.expires_after(std::chrono::seconds(2));
    drain_buffer_.resize(64 * 1024);
    drain();
  }
  void drain() {
    stream_.async_read_some(asio::buffer(drain_buffer_),
                            [me = shared_from_this()](beast::error_code ec, std::size_t n) {
                              me->drained_ += n;
                              if (ec || me->drained_ > 64 * 1024 * 1024) return me->close();
                              me->drain();
                            });
  }

  void close() {
    beast::error_code ec;
    stream_.socket().shutdown(tcp::socket::shutdown_both, ec);
    stream_.close();
  }

  beast::tcp_stream stream_;
  Shared& shared_;
  std::string client_;
  // Room for a whole header at its limit (and what follows it in the same read): Beast reports
  // header_limit (413) only if the buffer can hold that much, "buffer overflow" (400) otherwise.
  static constexpr std::size_t kFirstRead = 4096;
  beast::flat_buffer buffer_;
  std::optional<beast_http::request_parser<beast_http::string_body>> parser_;
  std::list<std::weak_ptr<Connection>>::iterator registry_entry_;
  bool waiting_ = false;  // between requests, or waiting for one to begin
  std::vector<char> drain_buffer_;
  std::size_t drained_ = 0;
};

}  // namespace

struct Server::Impl {
  Impl(ServerOptions o, RequestHandlers h)
      : workers(o.workers), shared{std::move(o), std::move(h), ioc, workers}, acceptor(ioc),
        signals(ioc, SIGINT, SIGTERM) {}

  void accept() {
    acceptor.async_accept(asio::make_strand(ioc), [this](beast::error_code ec, tcp::socket s) {
      if (ec) {
        if (ec == asio::error::operation_aborted || !acceptor.is_open()) return;
        spdlog::warn("accept failed: {}", ec.message());
      } else {
        auto conn = std::make_shared<Connection>(std::move(s), shared);
        std::list<std::weak_ptr<Connection>>::iterator it;
        {
          std::lock_guard lock(shared.mu);
          it = shared.connections.insert(shared.connections.end(), conn);
        }
        conn->start(it);
      }
      if (!shared.stopping) accept();
    });
  }

  void begin_stop() {
    asio::post(ioc, [this] {
      {
        std::lock_guard lock(stop_mu);
        if (shared.stopping.exchange(true)) return;
      }
      stop_cv.notify_all();
      spdlog::info("stopping: finishing requests in flight");
      beast::error_code ec;
      acceptor.close(ec);
      signals.cancel(ec);
      std::vector<std::shared_ptr<Connection>> live;
      {
        std::lock_guard lock(shared.mu);
        for (auto& w : shared.connections) {
          if (auto c = w.lock()) live.push_back(std::move(c));
        }
      }
      for (auto& c : live) c->close_if_idle();
    });
  }

  asio::io_context ioc;
  asio::thread_pool workers;
  Shared shared;
  tcp::acceptor acceptor;
  asio::signal_set signals;
  std::mutex stop_mu;
  std::condition_variable stop_cv;
  bool finished = false;  // run() has returned from the I/O loop
};

Server::Server(ServerOptions options, RequestHandlers handlers)
    : impl_(std::make_unique<Impl>(std::move(options), std::move(handlers))) {}

Server::~Server() = default;

std::string Server::listen() {
  auto& a = impl_->acceptor;
  const auto& o = impl_->shared.options;
  tcp::endpoint ep(asio::ip::make_address(o.host), o.port);
  a.open(ep.protocol());
  a.set_option(asio::socket_base::reuse_address(true));
  a.bind(ep);
  a.listen(asio::socket_base::max_listen_connections);
  const auto bound = a.local_endpoint();
  const std::string host = bound.address().is_v6() ? "[" + bound.address().to_string() + "]"
                                                   : bound.address().to_string();
  return host + ":" + std::to_string(bound.port());
}

void Server::run() {
  Impl& m = *impl_;
  m.signals.async_wait([&m](beast::error_code ec, int) {
    if (!ec) m.begin_stop();
  });
  m.accept();

  // A watchdog ends the wait for slow requests once the grace period is over.
  std::thread watchdog([&m] {
    std::unique_lock lock(m.stop_mu);
    m.stop_cv.wait(lock, [&] { return m.finished || m.shared.stopping.load(); });
    if (!m.stop_cv.wait_for(lock, m.shared.options.shutdown_grace, [&] { return m.finished; })) {
      spdlog::warn("stopping: grace period over, closing the remaining connections");
      m.ioc.stop();
    }
  });

  std::vector<std::thread> io;
  for (unsigned i = 1; i < m.shared.options.io_threads; ++i) io.emplace_back([&m] { m.ioc.run(); });
  m.ioc.run();
  for (auto& t : io) t.join();
  {
    std::lock_guard lock(m.stop_mu);
    m.finished = true;
  }
  m.stop_cv.notify_all();
  watchdog.join();
  m.workers.join();
}

void Server::stop() { impl_->begin_stop(); }

}  // namespace binome::http
