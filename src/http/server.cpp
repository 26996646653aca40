#include "http/server.hpp"

#include <boost/asio.hpp>
#include <boost/beast/core.hpp>
#include <spdlog/spdlog.h>
#include <fcntl.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <condition_variable>
#include <limits>
#include <list>
#include <mutex>
#include <optional>
#include <thread>
#include <unordered_map>
#include <vector>

namespace binome::http {

namespace asio = boost::asio;
namespace beast = boost::beast;
using tcp = asio::ip::tcp;

unsigned default_workers() { return std::max(4u, 2 * std::thread::hardware_concurrency()); }

namespace {

// The connection limit max_connections = 0 stands for, given the file limit.
std::size_t connections_for_file_limit(std::uint64_t open_files) {
  // Kept for the database's connections, the log files and the web folder's files being sent.
  const std::uint64_t reserve = std::max<std::uint64_t>(32, open_files / 8);
  return static_cast<std::size_t>(std::clamp<std::uint64_t>(open_files > reserve ? open_files - reserve : 0, 8, 100'000));
}


class Connection;

// A condition a client can make happen thousands of times a second (a refused connection, no
// file left to accept one): logged at once, then at most once per interval with how many times
// it happened meanwhile, so that a flood cannot fill the disk with the same line.
class RateLimitedLog {
 public:
  explicit RateLimitedLog(std::string what) : what_(std::move(what)) {}
  void note(std::string_view detail) {
    std::lock_guard lock(mu_);
    ++count_;
    const auto now = std::chrono::steady_clock::now();
    if (logged_ && now - last_ < kInterval) return;
    spdlog::warn("{}: {} ({} times since the last such line)", what_, detail, count_);
    logged_ = true;
    last_ = now;
    count_ = 0;
  }

 private:
  static constexpr std::chrono::seconds kInterval{10};
  std::string what_;
  std::mutex mu_;
  bool logged_ = false;
  std::chrono::steady_clock::time_point last_;
  std::uint64_t count_ = 0;
};

// What the connections share with the server.
struct Shared {
  ServerOptions options;
  RequestHandlers handlers;
  asio::io_context& ioc;
  asio::thread_pool& workers;
  asio::thread_pool& heavy;
  std::atomic<bool> stopping{false};
  std::atomic<unsigned> heavy_in_flight{0};  // admitted heavy requests, from admission to answer
  std::mutex mu;
  std::list<std::weak_ptr<Connection>> connections;  // oldest first
  std::unordered_map<std::string, std::size_t> per_client;
};

// A slot of the heavy pool, held from a heavy request's admission to its answer.
using HeavySlot = std::shared_ptr<void>;

HeavySlot take_heavy_slot(Shared& shared) {
  unsigned now = shared.heavy_in_flight.load();
  do {
    if (now >= shared.options.heavy_workers) return nullptr;
  } while (!shared.heavy_in_flight.compare_exchange_weak(now, now + 1));
  return HeavySlot(static_cast<void*>(&shared), [](void* s) { static_cast<Shared*>(s)->heavy_in_flight--; });
}

bool out_of_files(const beast::error_code& ec) {
  return ec == asio::error::no_descriptors || ec.value() == ENFILE || ec == asio::error::no_buffer_space ||
         ec == asio::error::no_memory;
}

// RFC 9112, 5.2: a header line that begins with a space or a tab continues the one before
// (obs-fold). Beast's parser accepts and unfolds it; a proxy in front of us might read it as
// a field of its own, so a server must refuse it or replace it: we refuse it.
bool has_obs_fold(std::string_view header) {
  for (auto at = header.find('\n'); at != std::string_view::npos && at + 1 < header.size();
       at = header.find('\n', at + 1)) {
    if (header[at + 1] == ' ' || header[at + 1] == '\t') return true;
  }
  return false;
}

// Where the header ends in `data` (just after the last field line's line feed, before the
// empty line), searching from `from`; npos while it has not arrived. A bare line feed ends a
// line too, so that Beast, not a wait, answers a client that sends those.
std::size_t header_end(std::string_view data, std::size_t from) {
  for (auto at = data.find('\n', from); at != std::string_view::npos; at = data.find('\n', at + 1)) {
    if (at + 1 < data.size() && data[at + 1] == '\n') return at + 1;
    if (at + 2 < data.size() && data[at + 1] == '\r' && data[at + 2] == '\n') return at + 1;
  }
  return std::string_view::npos;
}

class Connection : public std::enable_shared_from_this<Connection> {
 public:
  Connection(tcp::socket socket, Shared& shared, std::string client)
      : stream_(std::move(socket)),
        shared_(shared),
        client_(std::move(client)),
        buffer_(shared.options.header_limit + 2 * kFirstRead),
        budget_timer_(stream_.get_executor()) {}

  void start(std::list<std::weak_ptr<Connection>>::iterator self, bool counted) {
    registry_entry_ = self;
    counted_ = counted;
    asio::dispatch(stream_.get_executor(), [me = shared_from_this()] { me->read_header(); });
  }

  ~Connection() {
    std::lock_guard lock(shared_.mu);
    shared_.connections.erase(registry_entry_);
    if (counted_) {
      auto it = shared_.per_client.find(client_);
      if (it != shared_.per_client.end() && --it->second == 0) shared_.per_client.erase(it);
    }
  }

  // Idle, or still receiving a header: closing it loses no request of a client that is acting.
  bool evictable() const { return evictable_ && !evicted_; }
  // Under the connection limit, for a new connection. Called with shared_.mu held.
  void evict() {
    evicted_ = true;
    asio::post(stream_.get_executor(), [me = shared_from_this()] {
      if (me->evictable_) me->close();
    });
  }

  // Called on stop: a connection waiting for a request that has not begun closes now; one in
  // the middle of a request finishes it first, and heavy work in flight is asked to stop.
  void on_server_stop() {
    asio::dispatch(stream_.get_executor(), [me = shared_from_this()] {
      if (me->cancel_) me->cancel_->request(StopReason::kServerStopping);
      if (me->waiting_ && !(me->parser_ && me->parser_->got_some()) && me->buffer_.size() == 0) me->close();
    });
  }

 private:
  void read_header() {
    parser_.emplace();
    parser_->header_limit(shared_.options.header_limit);
    // The limit depends on the route and the caller, known only once the header is read
    // (on_header): Beast would refuse a large Content-Length while still reading the header.
    parser_->body_limit(std::numeric_limits<std::uint64_t>::max());
    waiting_ = true;
    evictable_ = true;
    scanned_ = 0;
    if (shared_.stopping) return close();
    // A pipelined request has begun already.
    if (buffer_.size() > 0) {
      stream_.expires_after(shared_.options.read_timeout);
      return on_header_bytes();
    }
    // Until its first byte, a kept-alive connection is idle (idle_timeout); from then on the
    // request has read_timeout to arrive, so a client trickling a header cannot hold the
    // connection for the idle time.
    stream_.expires_after(shared_.options.idle_timeout);
    stream_.async_read_some(buffer_.prepare(kFirstRead), [me = shared_from_this()](beast::error_code ec, std::size_t n) {
      if (ec) return me->on_read_error(ec);
      me->buffer_.commit(n);
      me->stream_.expires_after(me->shared_.options.read_timeout);
      me->on_header_bytes();
    });
  }

  // Reads until the header's end is in the buffer (or the header limit is passed), then lets
  // Beast parse it from there: reading the raw bytes ourselves is what shows an obs-fold.
  void on_header_bytes() {
    const std::string_view data(static_cast<const char*>(buffer_.data().data()), buffer_.size());
    const auto end = header_end(data, scanned_ > 2 ? scanned_ - 2 : 0);
    if (end == std::string_view::npos && data.size() <= shared_.options.header_limit) {
      scanned_ = data.size();
      stream_.async_read_some(buffer_.prepare(kFirstRead), [me = shared_from_this()](beast::error_code ec, std::size_t n) {
        if (ec) return me->on_read_error(ec);
        me->buffer_.commit(n);
        me->on_header_bytes();
      });
      return;
    }
    // Refused once Beast has read the header, so that the answer is in the reader's language.
    obs_fold_ = end != std::string_view::npos && has_obs_fold(data.substr(0, end));
    // Beast parses what is buffered, and reports header_limit (413) past the limit.
    beast_http::async_read_header(
        stream_, buffer_, *parser_,
        [me = shared_from_this()](beast::error_code ec, std::size_t) { me->on_header(ec); });
  }

  std::string language() const { return std::string(parser_->get()[beast_http::field::accept_language]); }

  void on_header(beast::error_code ec) {
    if (ec) return on_read_error(ec);
    evictable_ = false;
    if (obs_fold_) return refuse({core::ErrorCode::kBadRequest, core::msg("error.obs_fold"), language()});
    // RFC 9112, 3.2: an HTTP/1.1 request without a Host header, or with two, is refused.
    const auto hosts = parser_->get().count(beast_http::field::host);
    if (hosts > 1 || (hosts == 0 && parser_->get().version() >= 11)) {
      return refuse({core::ErrorCode::kBadRequest, core::msg("error.host_required"), language()});
    }
    // RFC 9112, 6.3: a list ("2, 2") or several Content-Length headers could be read as two
    // different bodies by a proxy in front of us (request smuggling): refused, not reconciled.
    if (parser_->get().count(beast_http::field::content_length) > 1 ||
        parser_->get()[beast_http::field::content_length].find(',') != std::string_view::npos) {
      return refuse({core::ErrorCode::kBadRequest, core::msg("error.content_length_invalid"), language()});
    }
    std::optional<std::uint64_t> heavy_limit;
    if (shared_.handlers.body_limit) heavy_limit = shared_.handlers.body_limit(parser_->get());
    if (!heavy_limit) return read_body_within(shared_.options.body_limit);

    // A heavy route: its large body is read only for a caller allowed on it, and only while a
    // slot of the heavy pool is free, so that no one can make us hold large bodies in memory.
    if (!shared_.handlers.admit) return read_heavy_body(*heavy_limit);
    asio::post(shared_.workers, [me = shared_from_this(), limit = *heavy_limit,
                                 guard = asio::make_work_guard(shared_.ioc)]() mutable {
      std::optional<Response> refusal;
      try {
        refusal = me->shared_.handlers.admit(me->parser_->get(), me->client_);
      } catch (const std::exception& e) {
        spdlog::error("unhandled exception admitting a request: {}", e.what());
        refusal = me->shared_.handlers.reject({core::ErrorCode::kInternalError, {}, me->language()}, me->client_);
      }
      asio::post(me->stream_.get_executor(), [me, limit, refusal = std::move(refusal)]() mutable {
        if (refusal) return me->write(std::move(*refusal), false, true);
        me->read_heavy_body(limit);
      });
    });
  }

  void read_heavy_body(std::uint64_t limit) {
    heavy_slot_ = take_heavy_slot(shared_);
    if (!heavy_slot_) {
      Response busy = shared_.handlers.reject({core::ErrorCode::kServerBusy, {}, language()}, client_);
      busy.set(beast_http::field::retry_after, "5");
      return write(std::move(busy), false, true);
    }
    read_body_within(limit);
  }

  void read_body_within(std::uint64_t limit) {
    if (parser_->content_length().value_or(0) > limit) {
      heavy_slot_.reset();
      return on_read_error(beast_http::error::body_limit);
    }
    parser_->body_limit(limit);
    stream_.expires_after(shared_.options.read_timeout);
    // A client that asked whether to send its body (Expect: 100-continue) is told to go on
    // (RFC 9110, 10.1.1): the body fits the route's limit, and the caller may send it.
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
    if (ec) {
      heavy_slot_.reset();
      return on_read_error(ec);
    }
    waiting_ = false;
    stream_.expires_never();
    std::shared_ptr<Cancellation> cancel;
    if (heavy_slot_) {
      cancel = std::make_shared<Cancellation>(shared_.options.heavy_budget);
      cancel_ = cancel;
      if (shared_.stopping) cancel->request(StopReason::kServerStopping);
      budget_timer_.expires_after(shared_.options.heavy_budget);
      budget_timer_.async_wait([cancel](beast::error_code e) {
        if (!e) cancel->request(StopReason::kBudget);
      });
      watch_for_client_leaving();
      const std::string_view target = parser_->get().target();
      spdlog::info("heavy request {} from {} running, for {} s at most", std::string(target.substr(0, target.find('?'))),
                   client_, shared_.options.heavy_budget.count());
    }
    // The handler blocks on the database: run it on the worker pool (a heavy one on its own
    // pool). The work guard keeps the I/O loop alive meanwhile, even during a graceful stop.
    asio::post(heavy_slot_ ? shared_.heavy : shared_.workers,
               [me = shared_from_this(), cancel, guard = asio::make_work_guard(shared_.ioc)]() mutable {
                 Response res;
                 try {
                   res = me->shared_.handlers.handle(me->parser_->get(), me->client_, cancel.get());
                 } catch (const std::exception& e) {
                   spdlog::error("unhandled exception in a request handler: {}", e.what());
                   res = me->shared_.handlers.reject({core::ErrorCode::kInternalError, {}, me->language()},
                                                     me->client_);
                 }
                 const bool keep = me->parser_->get().keep_alive();
                 asio::post(me->stream_.get_executor(), [me, res = std::move(res), keep]() mutable {
                   me->end_heavy();
                   me->write(std::move(res), keep, false);
                 });
               });
  }

  // While a heavy handler runs, the socket is readable only if the client closed it (or sent
  // its next request early): a client gone stops the work done for it.
  void watch_for_client_leaving() {
    stream_.socket().async_wait(tcp::socket::wait_read, [me = shared_from_this()](beast::error_code ec) {
      if (ec || !me->cancel_) return;
      char byte = 0;
      const auto n = ::recv(me->stream_.socket().native_handle(), &byte, 1, MSG_PEEK | MSG_DONTWAIT);
      if (n == 0 || (n < 0 && errno != EAGAIN && errno != EWOULDBLOCK && errno != EINTR)) {
        spdlog::info("client {} left: stopping its heavy request", me->client_);
        me->cancel_->request(StopReason::kClientGone);
      }
    });
  }

  void end_heavy() {
    if (!cancel_) return;
    cancel_.reset();
    budget_timer_.cancel();
    beast::error_code ec;
    stream_.socket().cancel(ec);  // the wait for the client leaving
    heavy_slot_.reset();
  }

  void on_read_error(beast::error_code ec) {
    waiting_ = false;
    evictable_ = false;
    if (ec == beast_http::error::end_of_stream || ec == asio::error::operation_aborted ||
        ec == beast::error::timeout || ec == asio::error::connection_reset ||
        ec == asio::error::eof || ec == asio::error::bad_descriptor) {
      return close();
    }
    // The header, when it was read, says in which language to answer.
    std::string lang;
    if (parser_ && parser_->is_header_done()) lang = language();
    ReadFailure failure{core::ErrorCode::kBadRequest,
                        core::msg("error.read_failed", {core::text("reason", ec.message())}), lang};
    if (ec == beast_http::error::body_limit) {
      failure = {core::ErrorCode::kPayloadTooLarge, {}, lang};
    } else if (ec == beast_http::error::header_limit) {
      failure = {core::ErrorCode::kHeadersTooLarge,
                 core::msg("error.headers_limit", {core::count("limit", shared_.options.header_limit)}), lang};
    }
    refuse(failure);
  }

  void refuse(const ReadFailure& failure) {
    Response res = shared_.handlers.reject(failure, client_);
    // After a request we could not read, the stream is out of step: answer, then close.
    write(std::move(res), false, true);
  }

  void write(Response res, bool keep_alive, bool linger) {
    waiting_ = false;
    evictable_ = false;
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

  // The client may still be sending a body we refused: read and discard a little of it, for
  // a short while, so that closing does not reset the connection before it has read our
  // answer; never a whole large upload (a client that wants to know first sends Expect).
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
                              if (ec || me->drained_ > kDrainLimit) return me->close();
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
  static constexpr std::size_t kDrainLimit = 4 * 1024 * 1024;
  beast::flat_buffer buffer_;
  std::size_t scanned_ = 0;  // bytes of buffer_ known to hold no header end
  bool obs_fold_ = false;    // the header being read has a folded line
  std::optional<beast_http::request_parser<beast_http::string_body>> parser_;
  std::list<std::weak_ptr<Connection>>::iterator registry_entry_;
  bool counted_ = false;                // in shared_.per_client
  bool waiting_ = false;                // between requests, or waiting for one to begin
  std::atomic<bool> evictable_{false};  // read by the acceptor, under shared_.mu
  bool evicted_ = false;                // guarded by shared_.mu
  HeavySlot heavy_slot_;
  std::shared_ptr<Cancellation> cancel_;  // while a heavy handler runs
  asio::steady_timer budget_timer_;
  std::vector<char> drain_buffer_;
  std::size_t drained_ = 0;
};

}  // namespace

struct Server::Impl {
  Impl(ServerOptions o, RequestHandlers h)
      : workers(o.workers), heavy(std::max(1u, o.heavy_workers)),
        shared{std::move(o), std::move(h), ioc, workers, heavy}, acceptor(ioc), accept_pause(ioc),
        signals(ioc, SIGINT, SIGTERM) {}

  void accept() {
    acceptor.async_accept(asio::make_strand(ioc), [this](beast::error_code ec, tcp::socket s) {
      if (ec) {
        if (ec == asio::error::operation_aborted || !acceptor.is_open()) return;
        if (out_of_files(ec)) {
          // The connection stays queued, and accepting again at once would fail again at once
          // (a core spinning): shed it with the spare descriptor, then wait a little.
          out_of_files_log.note(ec.message());
          shed_one();
          return pause_accepting();
        }
        accept_errors_log.note(ec.message());
      } else {
        pause = kFirstPause;
        take(std::move(s));
      }
      if (!shared.stopping) accept();
    });
  }

  // A new connection, within the limits: one address may not hold more than its share, and at
  // the overall limit the oldest idle connection makes room (or the new one is closed).
  void take(tcp::socket s) {
    beast::error_code ec;
    const auto peer = s.remote_endpoint(ec);
    if (ec) return;
    std::string client = peer.address().to_string();
    const bool unlimited = shared.options.unlimited_client && shared.options.unlimited_client(client);
    std::shared_ptr<Connection> conn;
    std::list<std::weak_ptr<Connection>>::iterator it;
    {
      std::lock_guard lock(shared.mu);
      const auto held = shared.per_client.find(client);
      if (!unlimited && held != shared.per_client.end() && held->second >= shared.options.max_connections_per_client) {
        per_client_log.note(client);
        s.close(ec);
        return;
      }
      if (shared.connections.size() >= max_connections) {
        std::shared_ptr<Connection> oldest;
        for (auto& w : shared.connections) {
          auto c = w.lock();
          if (c && c->evictable()) {
            oldest = std::move(c);
            break;
          }
        }
        if (!oldest) {
          full_log.note(client);
          s.close(ec);
          return;
        }
        oldest->evict();
      }
      if (!unlimited) ++shared.per_client[client];
      conn = std::make_shared<Connection>(std::move(s), shared, std::move(client));
      it = shared.connections.insert(shared.connections.end(), conn);
    }
    conn->start(it, !unlimited);
  }

  // Out of descriptors: the spare one, given back, lets us accept the waiting connection and
  // close it, so that its client learns at once instead of waiting in the queue.
  void shed_one() {
    if (spare_fd >= 0) ::close(spare_fd);
    const int fd = ::accept(acceptor.native_handle(), nullptr, nullptr);
    if (fd >= 0) ::close(fd);
    spare_fd = ::open("/dev/null", O_RDONLY | O_CLOEXEC);
  }

  void pause_accepting() {
    accept_pause.expires_after(pause);
    pause = std::min(pause * 2, kLongestPause);
    accept_pause.async_wait([this](beast::error_code ec) {
      if (!ec && !shared.stopping) accept();
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
      accept_pause.cancel();
      signals.cancel(ec);
      std::vector<std::shared_ptr<Connection>> live;
      {
        std::lock_guard lock(shared.mu);
        for (auto& w : shared.connections) {
          if (auto c = w.lock()) live.push_back(std::move(c));
        }
      }
      for (auto& c : live) c->on_server_stop();
    });
  }

  static constexpr std::chrono::milliseconds kFirstPause{10};
  static constexpr std::chrono::milliseconds kLongestPause{1000};

  asio::io_context ioc;
  asio::thread_pool workers;
  asio::thread_pool heavy;
  Shared shared;
  tcp::acceptor acceptor;
  asio::steady_timer accept_pause;
  std::chrono::milliseconds pause = kFirstPause;
  int spare_fd = -1;
  std::size_t max_connections = 0;
  RateLimitedLog out_of_files_log{"accepting a connection failed, no file descriptor left (raise ulimit -n)"};
  RateLimitedLog accept_errors_log{"accepting a connection failed"};
  RateLimitedLog full_log{"connection refused: the server holds its limit of connections, none idle"};
  RateLimitedLog per_client_log{"connection refused: the client address holds its limit of connections"};
  asio::signal_set signals;
  std::mutex stop_mu;
  std::condition_variable stop_cv;
  bool finished = false;  // run() has returned from the I/O loop
};

Server::Server(ServerOptions options, RequestHandlers handlers)
    : impl_(std::make_unique<Impl>(std::move(options), std::move(handlers))) {}

Server::~Server() {
  if (impl_->spare_fd >= 0) ::close(impl_->spare_fd);
}

std::string Server::listen() {
  auto& m = *impl_;
  auto& a = m.acceptor;
  const auto& o = m.shared.options;
  // As many files as the system lets this process open: each connection is one.
  rlimit files{};
  if (::getrlimit(RLIMIT_NOFILE, &files) == 0 && files.rlim_cur < files.rlim_max) {
    files.rlim_cur = files.rlim_max;
    if (::setrlimit(RLIMIT_NOFILE, &files) != 0) ::getrlimit(RLIMIT_NOFILE, &files);
  }
  const std::size_t by_files = connections_for_file_limit(files.rlim_cur);
  // Never more connections than files: out of files, the server could not even open the
  // database or a page of the web application.
  m.max_connections = o.max_connections ? std::min(o.max_connections, by_files) : by_files;
  if (o.max_connections > by_files) {
    spdlog::warn("{} connections asked for, but the file limit ({}) allows {}: raise ulimit -n", o.max_connections,
                 static_cast<std::uint64_t>(files.rlim_cur), by_files);
  }
  m.spare_fd = ::open("/dev/null", O_RDONLY | O_CLOEXEC);
  tcp::endpoint ep(asio::ip::make_address(o.host), o.port);
  a.open(ep.protocol());
  a.set_option(asio::socket_base::reuse_address(true));
  a.bind(ep);
  a.listen(asio::socket_base::max_listen_connections);
  a.non_blocking(true);  // shed_one's accept must not wait
  const auto bound = a.local_endpoint();
  const std::string host = bound.address().is_v6() ? "[" + bound.address().to_string() + "]"
                                                   : bound.address().to_string();
  spdlog::info("at most {} connections, {} from one address; {} heavy requests at once, {} s each",
               m.max_connections, o.max_connections_per_client, o.heavy_workers, o.heavy_budget.count());
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
  m.heavy.join();
  m.workers.join();
}

void Server::stop() { impl_->begin_stop(); }

}  // namespace binome::http
