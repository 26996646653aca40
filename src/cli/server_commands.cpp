// binome serve, binome migrate and binome audit verify: running the service and its database.
#include <fmt/format.h>
#include <spdlog/spdlog.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>

#include "cli/commands.hpp"
#include "http/logging.hpp"
#include "http/server.hpp"
#include "http/service.hpp"

namespace binome::cli {

namespace {

struct ServeOptions {
  std::string listen = "127.0.0.1:8080";
  std::string web_dir;
  http::ServerOptions server;
  http::ServiceOptions service;
  int idle_minutes = 30;
  int max_hours = 12;
  long request_timeout = http::ServerOptions{}.read_timeout.count();  // seconds
  long idle_timeout = http::ServerOptions{}.idle_timeout.count();
  long heavy_budget = http::ServerOptions{}.heavy_budget.count();
  std::vector<std::string> trusted_proxies;  // parsed into service.trusted_proxies at start
  app::JobWorkerSettings jobs;
  long job_lease_seconds = 30;
  long job_poll_ms = 1000;
  std::string secret_file;  // "" : <database file>.secret for SQLite
  std::string smtp_tls = "required";
  long link_hours = 72;
  long mail_retry_ms = 60'000;
  long mail_poll_ms = 5'000;
};

struct Endpoint {
  std::string host;
  std::uint16_t port;
};

Endpoint parse_listen(const std::string& s) {
  const auto colon = s.rfind(':');
  if (colon == std::string::npos) refuse(core::msg("operations.listen_format", {core::quoted("value", s)}));
  std::string host = s.substr(0, colon);
  if (host.size() > 2 && host.front() == '[' && host.back() == ']') host = host.substr(1, host.size() - 2);
  int port = -1;
  try {
    port = std::stoi(s.substr(colon + 1));
  } catch (...) {
  }
  if (port < 0 || port > 65535) refuse(core::msg("operations.listen_port", {core::quoted("value", s)}));
  return {host, static_cast<std::uint16_t>(port)};
}

// "host:pid": which server holds a job, in its `worker`.
std::string worker_name() {
  char host[256] = {};
  if (gethostname(host, sizeof host - 1) != 0) host[0] = '\0';
  return fmt::format("{}:{}", host[0] ? host : "localhost", static_cast<long>(getpid()));
}

// The key of activation and reset links: read from `path`, created (random, readable by its
// owner only) when missing. Every server of one database must share it.
std::string link_secret(const std::string& path) {
  std::error_code ec;
  if (!std::filesystem::exists(path, ec)) {
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    std::filesystem::permissions(path, std::filesystem::perms::owner_read | std::filesystem::perms::owner_write,
                                 std::filesystem::perm_options::replace, ec);
    out << app::random_token(32) << "\n";
    if (!out.flush()) {
      refuse(core::msg("operations.secret_file_unreadable",
                       {core::quoted("path", path), core::text("reason", std::strerror(errno))}));
    }
    spdlog::info("created the link secret file {}", path);
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    refuse(core::msg("operations.secret_file_unreadable",
                     {core::quoted("path", path), core::text("reason", std::strerror(errno))}));
  }
  std::string secret((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  while (!secret.empty() && (secret.back() == '\n' || secret.back() == '\r' || secret.back() == ' ')) secret.pop_back();
  if (secret.size() < 32) refuse(core::msg("operations.secret_file_short", {core::quoted("path", path)}));
  return secret;
}

}  // namespace

void use_default_link_secret(Context& context, const std::string& secret_file) {
  auto& secret = context.settings.mail.link_secret;
  if (!secret_file.empty()) {
    secret = link_secret(secret_file);
  } else if (context.db_url == "sqlite::memory:") {
    secret = app::random_token(32);  // the database dies with the process too
  } else if (context.db_url.starts_with("sqlite:")) {
    secret = link_secret(context.db_url.substr(7) + ".secret");
  }
}

namespace {

io::SmtpTls smtp_tls(const std::string& name) {
  if (name == "required") return io::SmtpTls::kRequired;
  if (name == "optional") return io::SmtpTls::kOptional;
  if (name == "none") return io::SmtpTls::kNone;
  refuse(core::msg("operations.smtp_tls_invalid"));
}

}  // namespace

void add_server_commands(CLI::App& app, Context& context) {
  auto* migrate = app.add_subcommand("migrate", "Apply the database migrations this binary carries.");
  context.on(migrate, [&context] {
    const auto report = context.open(app::SchemaPolicy::kAsIs).operations.migrate(context.caller);
    if (report.applied.empty()) {
      fmt::print("database is up to date (schema version {})\n", report.to_version);
    } else {
      fmt::print("migrated from schema version {} to {}\n", report.from_version, report.to_version);
    }
    return 0;
  });

  auto o = std::make_shared<ServeOptions>();
  auto* serve = app.add_subcommand("serve", "Serve the web application and the JSON API.");
  serve->add_option("--listen", o->listen, "Address and port to listen on (port 0: any free port)")
      ->capture_default_str();
  serve->add_option("--web", o->web_dir, "Folder of the built web application (web/dist)");
  serve->add_option("--workers", o->server.workers, "Threads that run request handlers")
      ->capture_default_str()->check(CLI::Range(1u, 256u));
  serve->add_option("--max-body-bytes", o->server.body_limit, "Largest request body accepted")
      ->capture_default_str()->check(CLI::Range(1024ull, 1ull << 32));
  serve->add_option("--request-timeout", o->request_timeout,
                    "Seconds a client has to send a request once it has begun (its header, then its body)")
      ->capture_default_str()->check(CLI::Range(1l, 3600l));
  serve->add_option("--idle-timeout", o->idle_timeout, "Seconds a kept-alive connection may wait for its next request")
      ->capture_default_str()->check(CLI::Range(1l, 3600l));
  serve->add_option("--session-idle-minutes", o->idle_minutes, "Inactivity that ends a session")
      ->capture_default_str()->check(CLI::Range(1, 24 * 60));
  serve->add_option("--session-max-hours", o->max_hours, "Longest life of a session")
      ->capture_default_str()->check(CLI::Range(1, 24 * 30));
  serve->add_option("--max-import-bytes", o->service.import_body_limit,
                    "Largest HR extract or matching problem accepted (import and matching endpoints)")
      ->capture_default_str()->check(CLI::Range(1024ull, 1ull << 34));
  serve->add_option("--max-connections", o->server.max_connections,
                    "Open connections at once (0: as many as the file limit allows, less a reserve)")
      ->capture_default_str()->check(CLI::Range(std::size_t{0}, std::size_t{1'000'000}));
  serve->add_option("--max-connections-per-client", o->server.max_connections_per_client,
                    "Open connections from one address (trusted proxies have no limit)")
      ->capture_default_str()->check(CLI::Range(std::size_t{1}, std::size_t{1'000'000}));
  serve->add_option("--heavy-requests", o->server.heavy_workers,
                    "Imports and matching problems handled at once (more are answered 503)")
      ->capture_default_str()->check(CLI::Range(1u, 64u));
  serve->add_option("--heavy-request-timeout", o->heavy_budget,
                    "Seconds an import or a matching problem may run before it is stopped (503)")
      ->capture_default_str()->check(CLI::Range(1l, 24l * 3600));
  // Matching problems' sizes (docs/matching.md, "Limits"), set straight into the app settings.
  auto& limits = context.settings.matching_limits;
  serve->add_option("--max-matching-people", limits.people,
                    "Mentors and mentees in all that a matching problem may have (0: no limit)")
      ->capture_default_str();
  serve->add_option("--max-matching-pairs", limits.pairs,
                    "Pairs a matching problem may list in all: scores, forbidden, dissolved, locked, previous, to dissolve (0: no limit)")
      ->capture_default_str();
  serve->add_option("--max-matching-cells", limits.cells,
                    "Cells of the tables a profile problem needs: mentors x distinct skills and interests (0: no limit)")
      ->capture_default_str();
  serve->add_option("--max-matching-values", limits.values, "JSON values a matching request may hold (0: no limit)")
      ->capture_default_str();
  serve->add_flag("--secure-cookies", o->service.secure_cookies,
                  "Mark the session cookie Secure (set it when serving over HTTPS)");
  serve->add_option("--trusted-proxy", o->trusted_proxies,
                    "Reverse proxy (address or CIDR range; repeatable) whose X-Forwarded-For or Forwarded "
                    "header gives the client address")
      ->expected(1)->take_all();
  serve->add_option("--job-workers", o->jobs.threads, "Background jobs this server runs at once (0: none)")
      ->capture_default_str()->check(CLI::Range(0, 64));
  serve->add_option("--job-lease-seconds", o->job_lease_seconds,
                    "How long a job stays claimed by a server that stopped renewing it (it died) before another runs it")
      ->capture_default_str()->check(CLI::Range(1, 3600));
  serve->add_option("--job-poll-ms", o->job_poll_ms, "How often an idle worker looks for jobs queued by other servers")
      ->capture_default_str()->check(CLI::Range(10, 60000));
  serve->add_option("--import-job-bytes", o->service.import_job_bytes,
                    "HR files larger than this are imported as a background job")
      ->capture_default_str();
  auto& mail = context.settings.mail;
  serve->add_option("--public-url", mail.public_url, "The address people open the application at (in e-mailed links)")
      ->capture_default_str()->envname("BINOME_PUBLIC_URL");
  serve->add_option("--smtp-url", mail.smtp.url,
                    "SMTP server: smtp://[user:password@]host:587 (STARTTLS) or smtps://...:465; none: messages "
                    "stay in the outbox")
      ->envname("BINOME_SMTP_URL");
  serve->add_option("--smtp-tls", o->smtp_tls, "For smtp:// URLs: STARTTLS required, optional (when offered) or none")
      ->capture_default_str();
  serve->add_option("--smtp-ca-file", mail.smtp.ca_file, "Certificate authorities to check the SMTP server with")
      ->envname("BINOME_SMTP_CA_FILE");
  serve->add_option("--mail-from", mail.from_address, "The sender's address")
      ->capture_default_str()->envname("BINOME_MAIL_FROM");
  serve->add_option("--mail-from-name", mail.from_name, "The sender's name")->capture_default_str();
  serve->add_option("--secret-file", o->secret_file,
                    "File holding the key of activation and reset links, created if missing; shared by every "
                    "server of one database (default for SQLite: the database file + .secret)")
      ->envname("BINOME_SECRET_FILE");
  serve->add_option("--link-hours", o->link_hours, "How long an activation or reset link works")
      ->capture_default_str()->check(CLI::Range(1l, 24l * 30));
  serve->add_option("--mail-retry-ms", o->mail_retry_ms,
                    "Wait after a message's first failed attempt; it doubles at each attempt (at most 6 hours)")
      ->capture_default_str()->check(CLI::Range(10l, 3'600'000l));
  serve->add_option("--mail-poll-ms", o->mail_poll_ms, "How often the delivery worker looks for messages queued by other servers")
      ->capture_default_str()->check(CLI::Range(10l, 60'000l));
  context.on(serve, [&context, o] {
    const Endpoint ep = parse_listen(o->listen);
    o->server.host = ep.host;
    o->server.port = ep.port;
    o->server.read_timeout = std::chrono::seconds(o->request_timeout);
    o->server.idle_timeout = std::chrono::seconds(o->idle_timeout);
    o->server.heavy_budget = std::chrono::seconds(o->heavy_budget);
    o->service.web_dir = o->web_dir;
    o->service.trusted_proxies = value_or_refuse(http::TrustedProxies::parse(o->trusted_proxies));
    // A proxy carries many clients' connections: the per-address limit is not for it.
    o->server.unlimited_client = [proxies = o->service.trusted_proxies](const std::string& address) {
      return proxies.contains(std::string_view(address));
    };
    context.settings.accounts.sessions.idle = core::Millis{o->idle_minutes} * 60 * 1000;
    context.settings.accounts.sessions.absolute = core::Millis{o->max_hours} * 60 * 60 * 1000;
    http::setup_logging();
    auto& mail_settings = context.settings.mail;
    mail_settings.smtp.tls = smtp_tls(o->smtp_tls);
    mail_settings.link_lifetime = std::chrono::hours(o->link_hours);
    use_default_link_secret(context, o->secret_file);
    if (mail_settings.link_secret.empty()) spdlog::warn("no --secret-file: activation and password reset links are off");
    if (mail_settings.smtp.url.empty()) {
      spdlog::warn("no --smtp-url: messages stay in the outbox (the admins' Outbox page shows them and their links)");
    } else {
      spdlog::info("sending mail through {}", io::smtp_url_for_display(mail_settings.smtp.url));
    }
    const app::Services& services = context.open(app::SchemaPolicy::kMigrate);
    http::Service service(services, o->service);
    http::Server server(o->server, service.handlers());
    const std::string bound = server.listen();
    o->jobs.lease = std::chrono::seconds(o->job_lease_seconds);
    o->jobs.poll = std::chrono::milliseconds(o->job_poll_ms);
    o->jobs.name = worker_name();
    o->jobs.on_error = [](const std::string& what) { spdlog::error("{}", what); };
    app::JobWorkers workers(services.jobs, services.job_handlers(), o->jobs);
    workers.start();
    app::MailDelivery delivery(services.mail, {std::chrono::milliseconds(o->mail_retry_ms), std::chrono::milliseconds(120'000),
                                               std::chrono::milliseconds(o->mail_poll_ms), o->jobs.name,
                                               [](const std::string& what) { spdlog::info("{}", what); }});
    delivery.start();
    spdlog::info("serving database {} and web folder '{}'", context.redacted_url(), o->web_dir);
    fmt::print("listening on http://{}\n", bound);
    std::fflush(stdout);
    server.run();
    delivery.stop();
    workers.stop();
    spdlog::info("stopped");
    return 0;
  });

  auto* audit = app.add_subcommand("audit", "The audit log.")->require_subcommand(1);
  auto* verify = audit->add_subcommand("verify", "Check the audit log's hash chain.");
  context.on(verify, [&context] {
    const auto v = context.open().audit.verify();
    if (v.ok()) {
      fmt::print("audit log intact: {} entries verified\n", v.checked);
      return 0;
    }
    if (v.bad_id) {
      fmt::print(stderr, "audit log broken at entry {}: {}\n", *v.bad_id, v.reason);
    } else {
      fmt::print(stderr, "audit log broken after {} entries: {}\n", v.checked, v.reason);
    }
    return kRefused;
  });
}

}  // namespace binome::cli
