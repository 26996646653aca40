// libFuzzer target: the request path. The input is what a client sends on one connection: it is
// read as http/server.cpp reads it (Beast's request_parser, the server's header limit, the
// route's body limit, a missing or repeated Host and a Content-Length list refused), and each
// request, pipelined ones too, is answered by the real http::Service over a real SQLite
// database: 40 employees, four accounts with a session each, an API token, and a small web
// application beside a file it must never serve.
//
// Authenticated routes are reached through placeholders the target replaces before parsing:
// "@session:admin@" (the admin's session cookie), "@csrf:admin@" (its CSRF token), the same for
// mentor, mentee and sponsor, and "@token:admin@" (a bearer token). Each input starts from the
// same database: when a request changed it, it is restored from a snapshot taken after set-up.
//
// Besides the sanitizers, it fails on an answer of 500 or more (on a healthy database, an
// exception that escaped a handler: a bug) and on a body that holds the file outside the web
// folder or the database.
#include <boost/asio/buffer.hpp>
#include <boost/beast/http.hpp>
#include <spdlog/sinks/null_sink.h>
#include <spdlog/sinks/stdout_sinks.h>
#include <spdlog/spdlog.h>
#include <sqlite3.h>

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <limits>
#include <memory>
#include <sstream>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "broken.hpp"
#include "app/clock.hpp"
#include "app/demo.hpp"
#include "app/demo_bank.hpp"
#include "app/services.hpp"
#include "http/server.hpp"
#include "http/service.hpp"
#include "io/hr_extract.hpp"

namespace {

namespace app = binome::app;
namespace http = binome::http;
namespace beast_http = boost::beast::http;
namespace fs = std::filesystem;

// 2026-12-07 09:00 UTC. The clock never moves: sessions stay fresh and no read touches them.
constexpr binome::core::Millis kNow = 1'796'634'000'000;
const std::string kClient = "127.0.0.1";
// Marks a file outside the web folder; no answer may carry it.
constexpr std::string_view kSecret = "FUZZ-SECRET-OUTSIDE-THE-WEB-FOLDER";
// The limits `binome serve` reads with by default.
const std::uint32_t kHeaderLimit = http::ServerOptions{}.header_limit;
const std::uint64_t kBodyLimit = http::ServerOptions{}.body_limit;
// A connection's pipelined requests, at most.
constexpr int kMaxRequests = 8;

template <typename T>
T must(binome::core::Result<T> result, const char* what) {
  if (!result) binome::fuzz::broken(std::string("set-up failed: ") + what + ": " + binome::core::english(result.error().sentence()));
  return std::move(*result);
}

void sqlite_check(int rc, sqlite3* db, const char* what) {
  if (rc != SQLITE_OK && rc != SQLITE_DONE && rc != SQLITE_ROW) {
    binome::fuzz::broken(std::string("sqlite: ") + what + ": " + (db ? sqlite3_errmsg(db) : sqlite3_errstr(rc)));
  }
}

// Copies the whole database `from` into `to` (SQLite's online backup).
void copy_database(sqlite3* from, sqlite3* to) {
  sqlite3_backup* backup = sqlite3_backup_init(to, "main", from, "main");
  if (backup == nullptr) sqlite_check(sqlite3_errcode(to), to, "backup_init");
  const int rc = sqlite3_backup_step(backup, -1);
  sqlite3_backup_finish(backup);
  if (rc != SQLITE_DONE) sqlite_check(rc == SQLITE_OK ? SQLITE_ERROR : rc, to, "backup_step");
}

// Changes when another connection (the services') has committed since this one last looked.
std::int64_t data_version(sqlite3* db) {
  sqlite3_stmt* st = nullptr;
  sqlite_check(sqlite3_prepare_v2(db, "PRAGMA data_version", -1, &st, nullptr), db, "prepare");
  sqlite_check(sqlite3_step(st), db, "data_version");
  const std::int64_t v = sqlite3_column_int64(st, 0);
  sqlite3_finalize(st);
  return v;
}

void write_file(const fs::path& path, std::string_view text) {
  fs::create_directories(path.parent_path());
  std::ofstream(path, std::ios::binary) << text;
}

// Everything an input is served by, built once per process.
class World {
 public:
  World() : dir_(make_directory()), clock_(kNow) {
    // The access log would be one line per input; the server's own errors stay on stderr.
    spdlog::register_logger(std::make_shared<spdlog::logger>("access", std::make_shared<spdlog::sinks::null_sink_mt>()));
    spdlog::set_default_logger(std::make_shared<spdlog::logger>("binome", std::make_shared<spdlog::sinks::stderr_sink_mt>()));
    spdlog::set_level(spdlog::level::warn);

    write_file(dir_ / "web" / "index.html", "<!doctype html><title>Binôme</title><script src=\"/assets/app-1a2b3c.js\"></script>");
    write_file(dir_ / "web" / "assets" / "app-1a2b3c.js", "console.log('binome');");
    write_file(dir_ / "secret.txt", kSecret);
    const fs::path db_path = dir_ / "fuzz.db";

    // Argon2id at its minimum: a login costs microseconds, not 64 MiB.
    app::Settings settings;
    settings.password_hashing = {1, 8192};
    const auto op = app::Caller::operator_at_cli("fuzz");
    services_ = must(app::Services::open("sqlite:" + db_path.string(), clock_, settings, app::SchemaPolicy::kMigrate, op),
                     "open");
    const app::Services& s = *services_;
    for (const char* role : {"admin", "mentor", "mentee", "sponsor"}) {
      const std::string email = std::string(role) + "@demo.example";
      must(s.accounts.create_user(op, {email, std::string("Demo ") + role, {role}, app::kDemoPassword}), "create_user");
      const auto login = must(s.accounts.login(email, app::kDemoPassword, kClient), "login");
      placeholders_.emplace_back(std::string("@session:") + role + "@", login.session_token);
      placeholders_.emplace_back(std::string("@csrf:") + role + "@", login.csrf_token);
    }
    const auto token = must(s.accounts.create_token(op, "admin@demo.example", "fuzz"), "create_token");
    // Used once now, so that using it again writes nothing (a read stays a read).
    must(s.accounts.authenticate_bearer(token.token), "authenticate_bearer");
    placeholders_.emplace_back("@token:admin@", token.token);
    must(s.people.set_grade_scale(op, app::demo_bank_grades()), "set_grade_scale");
    must(s.people.import_employees(op, binome::io::write_hr_extract(app::demo_bank(40)), {}), "import_employees");

    service_ = std::make_unique<http::Service>(s, http::ServiceOptions{dir_ / "web", false});

    sqlite_check(sqlite3_open_v2(db_path.c_str(), &live_, SQLITE_OPEN_READWRITE, nullptr), live_, "open");
    sqlite_check(sqlite3_open(":memory:", &snapshot_), snapshot_, "open snapshot");
    copy_database(live_, snapshot_);
    version_ = data_version(live_);
  }

  ~World() {
    service_.reset();
    services_.reset();
    sqlite3_close(live_);
    sqlite3_close(snapshot_);
    std::error_code ec;
    fs::remove_all(dir_, ec);
  }

  http::Service& service() { return *service_; }

  std::string substitute(std::string_view raw) const {
    std::string out(raw);
    if (out.find('@') == std::string::npos) return out;
    for (const auto& [name, value] : placeholders_) {
      for (auto at = out.find(name); at != std::string::npos; at = out.find(name, at + value.size())) {
        out.replace(at, name.size(), value);
      }
    }
    return out;
  }

  // The next input starts from the database as set up.
  void restore_if_changed() {
    if (data_version(live_) == version_) return;
    copy_database(snapshot_, live_);
    version_ = data_version(live_);
  }

  const fs::path& directory() const { return dir_; }

 private:
  static fs::path make_directory() {
    std::string pattern = (fs::temp_directory_path() / "binome-request-fuzz-XXXXXX").string();
    if (mkdtemp(pattern.data()) == nullptr) binome::fuzz::broken("mkdtemp failed");
    return pattern;
  }

  fs::path dir_;
  app::ManualClock clock_;
  std::unique_ptr<app::Services> services_;
  std::unique_ptr<http::Service> service_;
  std::vector<std::pair<std::string, std::string>> placeholders_;
  sqlite3* live_ = nullptr;      // the database file, beside the services' own connections
  sqlite3* snapshot_ = nullptr;  // its content after set-up, in memory
  std::int64_t version_ = 0;
};

World* world = nullptr;

// REQUEST_FUZZ_VERBOSE=1 prints each answer's status: what a seed reaches, when writing one.
const bool kVerbose = std::getenv("REQUEST_FUZZ_VERBOSE") != nullptr;

void check_response(const http::Response& res, const std::string& request) {
  if (kVerbose) {
    std::fprintf(stderr, "request_fuzz: %u to %s\n", res.result_int(), request.substr(0, request.find('\r')).c_str());
  }
  if (res.result_int() >= 500) {
    binome::fuzz::broken("answered " + std::to_string(res.result_int()) + " to:\n" + request + "\n---\n" + res.body());
  }
  // An error may quote the request's path, which may hold the marker itself.
  const auto served = [&](std::string_view content) {
    return res.body().find(content) != std::string::npos && request.find(content) == std::string::npos;
  };
  if (served(kSecret) || served("SQLite format 3")) binome::fuzz::broken("served a file outside the web folder, to:\n" + request);
  // Written as the server writes it.
  std::ostringstream out;
  out << res;
}

// Feeds the parser until `done()` holds. False when the bytes ran out first: the server would
// wait for the rest, then time out and close without answering.
template <typename Parser, typename Done>
bool feed(Parser& parser, std::string_view& bytes, boost::beast::error_code& ec, Done done) {
  while (!done()) {
    const std::size_t used = parser.put(boost::asio::buffer(bytes.data(), bytes.size()), ec);
    bytes.remove_prefix(used);
    if (ec == beast_http::error::need_more) return false;
    if (ec) return true;
    if (used == 0) return false;
  }
  return true;
}

// What the server answers when it cannot read a request (Connection::on_read_error).
http::ReadFailure read_failure(const beast_http::request_parser<beast_http::string_body>& parser,
                               boost::beast::error_code ec) {
  namespace core = binome::core;
  std::string language;
  if (parser.is_header_done()) language = std::string(parser.get()[beast_http::field::accept_language]);
  if (ec == beast_http::error::body_limit) return {core::ErrorCode::kPayloadTooLarge, {}, language};
  if (ec == beast_http::error::header_limit) {
    return {core::ErrorCode::kHeadersTooLarge, core::msg("error.headers_limit", {core::count("limit", kHeaderLimit)}),
            language};
  }
  return {core::ErrorCode::kBadRequest, core::msg("error.read_failed", {core::text("reason", ec.message())}), language};
}

// One connection's bytes, request after request, as http/server.cpp's Connection reads them.
void serve_connection(std::string_view bytes) {
  namespace core = binome::core;
  http::Service& service = world->service();
  for (int n = 0; n < kMaxRequests && !bytes.empty(); ++n) {
    const std::string_view request_bytes = bytes;
    beast_http::request_parser<beast_http::string_body> parser;
    parser.header_limit(kHeaderLimit);
    // The route's limit is known once the header is read.
    parser.body_limit(std::numeric_limits<std::uint64_t>::max());
    boost::beast::error_code ec;
    if (!feed(parser, bytes, ec, [&] { return parser.is_header_done(); })) return;
    const auto refuse = [&](const http::ReadFailure& failure) {
      check_response(service.reject(failure, kClient), std::string(request_bytes));
    };
    if (ec) return refuse(read_failure(parser, ec));

    const auto& header = parser.get();
    const std::string language(header[beast_http::field::accept_language]);
    const auto hosts = header.count(beast_http::field::host);
    if (hosts > 1 || (hosts == 0 && header.version() >= 11)) {
      return refuse({core::ErrorCode::kBadRequest, core::msg("error.host_required"), language});
    }
    if (header.count(beast_http::field::content_length) > 1 ||
        header[beast_http::field::content_length].find(',') != std::string_view::npos) {
      return refuse({core::ErrorCode::kBadRequest, core::msg("error.content_length_invalid"), language});
    }
    const auto heavy_limit = service.body_limit(header);
    // A heavy route's caller is checked before its body is read.
    if (heavy_limit) {
      if (auto refusal = service.admit(header, kClient)) return check_response(*refusal, std::string(request_bytes));
    }
    const std::uint64_t limit = heavy_limit.value_or(kBodyLimit);
    if (parser.content_length().value_or(0) > limit) return refuse(read_failure(parser, beast_http::error::body_limit));
    parser.body_limit(limit);
    parser.eager(true);
    if (!feed(parser, bytes, ec, [&] { return parser.is_done(); })) return;
    if (ec) return refuse(read_failure(parser, ec));

    const std::string read(request_bytes.substr(0, request_bytes.size() - bytes.size()));
    check_response(service.handle(parser.get(), kClient), read);
    if (!parser.get().keep_alive()) return;
  }
}

}  // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  world = new World();
  // Destroyed at exit, so that its temporary folder goes with it.
  std::atexit([] { delete world; });
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string bytes = world->substitute(std::string_view(reinterpret_cast<const char*>(data), size));
  serve_connection(bytes);
  world->restore_if_changed();
  return 0;
}
